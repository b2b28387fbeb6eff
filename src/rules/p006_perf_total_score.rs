use super::perf_common::{Out, num, push, score_tol, scored_rows, subject, table, tables};
use super::{At, Ctx, Rule};
use crate::model::keys;
use crate::report::{Severity, Verdict};
use rust_decimal::Decimal;

/// P006 perf_total_score
pub static RULE: Rule = Rule {
    code: "P006",
    name: "perf_total_score",
    title_zh: "总分不等于各项得分之和",
    title_en: "Total score is not the sum of the scores",
    doc: r#"## What
In every 项目支出绩效自评表, 总分 = Σ 得分 of 年度资金总额 (资金执行), the 资金管理 items and every 三级指标.
Integer scores are exact; scores printed with decimals stand for their rounding interval.

## Why
The 总分 decides the grade and is restated in the narrative (十三 预算绩效情况说明); it must be the sum of what the
table awards.

## Example
```
资金 6.42 + 资金管理 19 + 指标 68.75 = 94.17，总分 95.17
```
「总分应为 94.17，表中为 95.17」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    for ti in tables(ctx) {
        let Some(t) = table(ctx, ti) else { continue };
        let name = subject(t);
        let Some(tr) = t.row(keys::PERF_TOTAL_SCORE) else { continue };
        let Some((total_at, total)) = num(ctx, ti, tr, keys::PERF_SCORE) else { continue };
        let mut sum = Decimal::ZERO;
        let mut tol = score_tol(&total);
        let mut cells: Vec<At> = Vec::new();
        let mut terms = Vec::new();
        for r in scored_rows(t) {
            if let Some((at, s)) = num(ctx, ti, r, keys::PERF_SCORE) {
                sum += s.value;
                tol += score_tol(&s);
                cells.push(at);
                terms.push(s.to_string());
            }
        }
        if cells.is_empty() {
            continue;
        }
        ctx.checks += 1;
        let diff = total.value - sum;
        if diff.abs() <= tol {
            continue;
        }
        cells.push(total_at);
        let o = Out {
            severity: Severity::Error,
            verdict: Verdict::Inconsistent,
            zh: format!("「{name}」总分：{} = {sum}，表中为 {total}，相差 {diff}", terms.join(" + ")),
            en: format!(
                "“{name}” total score: {} = {sum}, the table says {total}, difference {diff}",
                terms.join(" + ")
            ),
            expected: Some(sum.to_string()),
            actual: Some(total.value.to_string()),
            difference: Some(diff.to_string()),
            tolerance: Some(tol.to_string()),
        };
        push(ctx, o, &cells);
    }
}

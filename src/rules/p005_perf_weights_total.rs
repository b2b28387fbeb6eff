use super::perf_common::{Out, num, push, score_tol, scored_rows, subject, table, tables};
use super::{At, Ctx, Rule};
use crate::model::keys;
use crate::report::{Severity, Verdict};
use rust_decimal::Decimal;

/// P005 perf_weights_total
pub static RULE: Rule = Rule {
    code: "P005",
    name: "perf_weights_total",
    title_zh: "分值合计不等于 100",
    title_en: "Weights do not add up to 100",
    doc: r#"## What
In every 项目支出绩效自评表, Σ 分值 of the scored rows (年度资金总额, the 资金管理 items, every 三级指标) must be
100, and equal the 分值 printed on the 总分 row.

## Why
The self-evaluation is out of 100; weights that add up to something else make the 总分 and the grade
meaningless.

## Example
```
资金 10 + 资金管理 20 + 指标 10 + 12 + 7 + 11 + 25 + 6 = 101
```
「分值合计应为 100，各行分值之和为 101」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    for ti in tables(ctx) {
        let Some(t) = table(ctx, ti) else { continue };
        let name = subject(t);
        let mut sum = Decimal::ZERO;
        let mut tol = Decimal::ZERO;
        let mut cells: Vec<At> = Vec::new();
        for r in scored_rows(t) {
            if let Some((at, w)) = num(ctx, ti, r, keys::PERF_WEIGHT) {
                sum += w.value;
                tol += score_tol(&w);
                cells.push(at);
            }
        }
        if cells.is_empty() {
            continue;
        }
        let total = t.row(keys::PERF_TOTAL_SCORE).and_then(|r| num(ctx, ti, r, keys::PERF_WEIGHT));
        let hundred = Decimal::ONE_HUNDRED;
        ctx.checks += 1;
        let mut problems: Vec<(String, String)> = Vec::new();
        if (sum - hundred).abs() > tol {
            problems.push((format!("各行分值之和为 {sum}，应为 100"), format!("the weights add up to {sum}, not 100")));
        }
        if let Some((at, tw)) = &total {
            if (tw.value - sum).abs() > tol + score_tol(tw) {
                problems.push((
                    format!("总分行分值为 {tw}，各行分值之和为 {sum}"),
                    format!("the 总分 row says {tw}, the rows add up to {sum}"),
                ));
            }
            cells.push(*at);
        }
        if problems.is_empty() {
            continue;
        }
        let (zh, en): (Vec<String>, Vec<String>) = problems.into_iter().unzip();
        let o = Out {
            severity: Severity::Error,
            verdict: Verdict::Inconsistent,
            zh: format!("「{name}」分值合计：{}", zh.join("；")),
            en: format!("“{name}” weights: {}", en.join("; ")),
            expected: Some("100".into()),
            actual: Some(sum.to_string()),
            difference: Some((sum - hundred).to_string()),
            tolerance: Some(tol.to_string()),
        };
        push(ctx, o, &cells);
    }
}

use super::perf_common::{Out, num, push, score_tol, scored_rows, subject, table, tables};
use super::{Ctx, Rule};
use crate::model::keys;
use crate::report::{Severity, Verdict};

/// P004 perf_score_within_weight
pub static RULE: Rule = Rule {
    code: "P004",
    name: "perf_score_within_weight",
    title_zh: "得分高于分值",
    title_en: "Score above its weight",
    doc: r#"## What
Every scored row of a 项目支出绩效自评表 (年度资金总额, each 资金管理 item, each 三级指标, and 总分) must have
得分 ≤ 分值. Integer 分值/得分 are exact; decimals stand for their rounding interval.

## Why
A score above the points the indicator is worth inflates the 总分 and the grade (优/良).

## Example
```
产出指标	数量指标	服务企业数量	≥28家	28家	12	13	0.00
```
「服务企业数量：得分 13 高于分值 12」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    for ti in tables(ctx) {
        let Some(t) = table(ctx, ti) else { continue };
        let name = subject(t);
        let mut rows = scored_rows(t);
        rows.extend(t.row(keys::PERF_TOTAL_SCORE));
        for r in rows {
            let (Some((w_at, w)), Some((s_at, s))) =
                (num(ctx, ti, r, keys::PERF_WEIGHT), num(ctx, ti, r, keys::PERF_SCORE))
            else {
                continue;
            };
            ctx.checks += 1;
            let tol = score_tol(&w) + score_tol(&s);
            let over = s.value - w.value;
            if over <= tol {
                continue;
            }
            let label = t.rows[r].label.clone();
            let o = Out {
                severity: Severity::Error,
                verdict: Verdict::Inconsistent,
                zh: format!("「{name}」{label}：得分 {s} 高于分值 {w}"),
                en: format!("“{name}” {label}: score {s} is above the weight {w}"),
                expected: Some(format!("≤ {w}")),
                actual: Some(s.value.to_string()),
                difference: Some(over.to_string()),
                tolerance: Some(tol.to_string()),
            };
            push(ctx, o, &[w_at, s_at]);
        }
    }
}

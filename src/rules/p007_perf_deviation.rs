use super::perf_common::{Out, num, push, rows_of, subject, table, tables};
use super::{Ctx, Rule};
use crate::model::{Part, keys};
use crate::report::{Severity, Verdict};

/// P007 perf_deviation
pub static RULE: Rule = Rule {
    code: "P007",
    name: "perf_deviation",
    title_zh: "偏差度与得分不相称",
    title_en: "Deviation does not fit the score",
    doc: r#"## What
For every 三级指标 row of a 项目支出绩效自评表 that prints 分值, 得分 and 偏差度: an indicator scored in full
should show no deviation, and one that lost points should show a deviation (a soft check: a warning). How the
偏差度 is computed varies between provinces, so only its presence is checked, not its size.

## Why
A deviation of 0.00 next to a reduced score (or the reverse) means the row was edited in one place only, and the
「偏差原因分析」 the row should carry is missing or stale.

## Example
```
效益指标	社会效益指标	群众知晓率	显著	90%	10	9	0.00
```
「群众知晓率：得分 9 低于分值 10，偏差度却为 0.00」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    for ti in tables(ctx) {
        let Some(t) = table(ctx, ti) else { continue };
        let name = subject(t);
        for r in rows_of(t, Part::Indicator) {
            let (Some((w_at, w)), Some((s_at, s)), Some((d_at, d))) = (
                num(ctx, ti, r, keys::PERF_WEIGHT),
                num(ctx, ti, r, keys::PERF_SCORE),
                num(ctx, ti, r, keys::PERF_DEVIATION),
            ) else {
                continue;
            };
            ctx.checks += 1;
            let full = s.value >= w.value;
            let none = d.value.is_zero();
            if full == none {
                continue;
            }
            let label = t.rows[r].label.clone();
            let (zh, en) = if full {
                (
                    format!("「{name}」{label}：得分 {s} 为满分，偏差度却为 {d}"),
                    format!("“{name}” {label}: full score {s}, yet the deviation is {d}"),
                )
            } else {
                (
                    format!("「{name}」{label}：得分 {s} 低于分值 {w}，偏差度却为 {d}"),
                    format!("“{name}” {label}: score {s} below the weight {w}, yet the deviation is {d}"),
                )
            };
            let o = Out {
                severity: Severity::Warning,
                verdict: Verdict::Inconsistent,
                zh,
                en,
                expected: None,
                actual: Some(d.value.to_string()),
                difference: None,
                tolerance: None,
            };
            push(ctx, o, &[w_at, s_at, d_at]);
        }
    }
}

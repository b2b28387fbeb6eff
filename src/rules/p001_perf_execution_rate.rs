use super::perf_common::{Out, num, push, subject, table, tables};
use super::{Ctx, Rule};
use crate::model::{Part, keys};
use crate::report::{Severity, Verdict};
use crate::rounding::{Interval, ratio_percent};
use rust_decimal::{Decimal, RoundingStrategy};

/// P001 perf_execution_rate
pub static RULE: Rule = Rule {
    code: "P001",
    name: "perf_execution_rate",
    title_zh: "绩效自评表执行率与预算、执行数不符",
    title_en: "Execution rate does not match budget and execution",
    doc: r#"## What
In every 项目支出绩效自评表, each funds row's 执行率 must be 全年执行数 ÷ 全年预算数 × 100, judged under the
rounding model: the interval computed from the printed amounts (`1.2` stands for [1.15, 1.25]) must meet the
interval of the printed rate (`64.17%` stands for [64.165, 64.175]). A rate on a 全年预算数 of 0 is undefined: an
error when the row executed something, a note when the row is all zeros and prints `0.00%`. A rate one unit off
in its last digit because it was truncated instead of rounded (`0.2942 ÷ 3.0782` printed `9.55%`, 9.5575 rounds to
9.56) is a warning that says so.

## Why
The 执行率 drives the 资金执行 score (P002); a rate typed by hand or carried over from another project gives the
project points it did not earn.

## Example
```
	年度资金总额:	1.2	1.2	0.77	10	46.17%	6.42
```
「0.77 ÷ 1.2 = 64.17%，表中为 46.17%」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    for ti in tables(ctx) {
        let Some(t) = table(ctx, ti) else { continue };
        let name = subject(t);
        let rows: Vec<usize> = (0..t.rows.len()).filter(|r| t.rows[*r].part == Some(Part::Funds)).collect();
        for r in rows {
            let Some((rate_at, rate)) = num(ctx, ti, r, keys::PERF_RATE) else { continue };
            let label = t.rows[r].label.clone();
            let budget = num(ctx, ti, r, keys::PERF_BUDGET_FULL);
            let executed = num(ctx, ti, r, keys::PERF_EXECUTED);
            let (Some((b_at, b)), Some((e_at, e))) = (budget, executed) else {
                ctx.not_checked(
                    &[rate_at],
                    crate::report::Message::new(
                        format!("「{name}」{label} 执行率：未能核对，缺少全年预算数或全年执行数"),
                        format!("“{name}” {label} execution rate: not checked, budget or execution missing"),
                    ),
                );
                continue;
            };
            ctx.checks += 1;
            let cells = [b_at, e_at, rate_at];
            match ratio_percent(&e, &b) {
                None => {
                    let all_zero = e.value.is_zero() && rate.value.is_zero();
                    let o = Out {
                        severity: if all_zero { Severity::Info } else { Severity::Error },
                        verdict: Verdict::Undefined,
                        zh: format!(
                            "「{name}」{label}：全年预算数为 {}，执行率（{} ÷ {}）无定义，表中填 {}",
                            b,
                            e,
                            b,
                            t.rows[r].cell(rate_at.col).map(|c| c.text.as_str()).unwrap_or("")
                        ),
                        en: format!(
                            "“{name}” {label}: the full-year budget is {}, so the execution rate ({} / {}) is undefined; the table prints {}%",
                            b, e, b, rate
                        ),
                        expected: None,
                        actual: Some(rate.value.to_string()),
                        difference: None,
                        tolerance: None,
                    };
                    push(ctx, o, &cells);
                }
                Some(iv) => {
                    if iv.meets(&Interval::of(&rate)) {
                        continue;
                    }
                    let exact =
                        crate::narrative::sat_div(crate::narrative::sat_mul(e.value, Decimal::ONE_HUNDRED), b.value);
                    let mut shown = exact
                        .round_dp_with_strategy(rate.scale.unwrap_or(2).max(2), RoundingStrategy::MidpointAwayFromZero);
                    shown.rescale(rate.scale.unwrap_or(2).max(2));
                    // One unit off in the last digit because it was cut, not rounded: a warning that says so.
                    let cut = crate::rounding::truncated(&iv, &rate);
                    let (severity, note_zh, note_en) = if cut {
                        (Severity::Warning, "，疑为截尾而非四舍五入", ": looks truncated, not rounded")
                    } else {
                        (Severity::Error, "", "")
                    };
                    let o = Out {
                        severity,
                        verdict: Verdict::Inconsistent,
                        zh: format!("「{name}」{label} 执行率：{} ÷ {} = {shown}%，表中为 {}%{note_zh}", e, b, rate),
                        en: format!(
                            "“{name}” {label} execution rate: {} / {} = {shown}%, the table says {}%{note_en}",
                            e, b, rate
                        ),
                        expected: Some(shown.to_string()),
                        actual: Some(rate.value.to_string()),
                        difference: Some((rate.value - shown).to_string()),
                        tolerance: Some(crate::narrative::link::band(iv.lo, iv.hi, rate.half_width())),
                    };
                    push(ctx, o, &cells);
                }
            }
        }
    }
}

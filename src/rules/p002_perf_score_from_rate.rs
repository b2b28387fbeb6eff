use super::perf_common::{Out, num, push, score_tol, subject, table, tables};
use super::{Ctx, Rule};
use crate::model::keys;
use crate::narrative::sat_mul;
use crate::report::{Severity, Verdict};
use crate::rounding::Interval;
use rust_decimal::{Decimal, RoundingStrategy};

/// P002 perf_score_from_rate
pub static RULE: Rule = Rule {
    code: "P002",
    name: "perf_score_from_rate",
    title_zh: "资金执行得分与分值×执行率不符",
    title_en: "Funds score is not weight × execution rate",
    doc: r#"## What
The 年度资金总额 row's 得分 must be 分值 × 执行率, capped at 分值. The printed rate's interval (`64.17%` is
[64.165, 64.175]) times the 分值 (an integer 分值 is exact) must meet the printed score's interval. When the row
prints no rate, 全年执行数 ÷ 全年预算数 is used.

## Why
The 资金执行 score is arithmetic, not judgement: a score above what the rate gives inflates the 总分.

## Example
```
	年度资金总额:	1.2	1.2	0.77	10	64.17%	7.42
```
「分值 10 × 执行率 64.17% = 6.42，表中得分为 7.42」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    for ti in tables(ctx) {
        let Some(t) = table(ctx, ti) else { continue };
        let name = subject(t);
        let Some(r) = t.row(keys::PERF_FUNDS_TOTAL) else { continue };
        let (Some((w_at, w)), Some((s_at, s))) =
            (num(ctx, ti, r, keys::PERF_WEIGHT), num(ctx, ti, r, keys::PERF_SCORE))
        else {
            continue;
        };
        let hundred = Decimal::ONE_HUNDRED;
        // The rate's interval, as a fraction.
        let (rate_iv, rate_text, mut cells) = match num(ctx, ti, r, keys::PERF_RATE) {
            Some((at, rate)) => {
                let iv = Interval::of(&rate);
                (Interval { lo: iv.lo / hundred, hi: iv.hi / hundred }, format!("{}%", rate), vec![at])
            }
            None => match (num(ctx, ti, r, keys::PERF_EXECUTED), num(ctx, ti, r, keys::PERF_BUDGET_FULL)) {
                (Some((e_at, e)), Some((b_at, b))) => match crate::rounding::ratio_percent(&e, &b) {
                    Some(iv) => {
                        (Interval { lo: iv.lo / hundred, hi: iv.hi / hundred }, format!("{e} ÷ {b}"), vec![e_at, b_at])
                    }
                    None => continue,
                },
                _ => continue,
            },
        };
        cells.insert(0, w_at);
        cells.push(s_at);
        ctx.checks += 1;
        let wt = score_tol(&w);
        let one = Decimal::ONE;
        let lo = sat_mul(w.value - wt, rate_iv.lo.min(one)).min(w.value + wt);
        let hi = sat_mul(w.value + wt, rate_iv.hi.min(one)).min(w.value + wt);
        let expected = Interval { lo, hi };
        let printed = Interval { lo: s.value - score_tol(&s), hi: s.value + score_tol(&s) };
        if expected.meets(&printed) {
            continue;
        }
        let mut mid = sat_mul(w.value, ((rate_iv.lo / Decimal::TWO) + (rate_iv.hi / Decimal::TWO)).min(one))
            .round_dp_with_strategy(s.scale.unwrap_or(2).max(2), RoundingStrategy::MidpointAwayFromZero);
        mid.rescale(s.scale.unwrap_or(2).max(2));
        let o = Out {
            severity: Severity::Error,
            verdict: Verdict::Inconsistent,
            zh: format!("「{name}」资金执行得分：分值 {w} × 执行率 {rate_text} = {mid}（不超过分值），表中得分为 {s}"),
            en: format!(
                "“{name}” funds score: weight {w} × rate {rate_text} = {mid} (capped at the weight), the table says {s}"
            ),
            expected: Some(mid.to_string()),
            actual: Some(s.value.to_string()),
            difference: Some((s.value - mid).to_string()),
            tolerance: Some(crate::narrative::link::band(lo, hi, score_tol(&s))),
        };
        push(ctx, o, &cells);
    }
}

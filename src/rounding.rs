//! The rounding model of domain.md §5 (after XBRL Calculations 1.1): a printed figure with d decimals stands for
//! the interval [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]; a sum or a ratio is consistent iff the interval computed from its inputs
//! meets the interval of the printed result. Decimal arithmetic only.

use crate::amount::Amount;
use rust_decimal::{Decimal, RoundingStrategy};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Interval {
    pub fn of(a: &Amount) -> Interval {
        let h = a.half_width();
        Interval { lo: a.value - h, hi: a.value + h }
    }

    pub fn meets(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Gap between two disjoint intervals (zero when they meet).
    pub fn gap(&self, other: &Interval) -> Decimal {
        if self.meets(other) {
            Decimal::ZERO
        } else if self.hi < other.lo {
            other.lo - self.hi
        } else {
            self.lo - other.hi
        }
    }
}

/// The outcome of one identity check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Equal as printed.
    Exact,
    /// Differs, but only by what rounding of the printed figures allows (尾差).
    WithinRounding,
    /// Differs by more than rounding allows.
    Inconsistent,
}

/// A summation `total = Σ parts` judged under the rounding model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SumCheck {
    pub outcome: Outcome,
    /// Σ parts as printed.
    pub expected: Decimal,
    /// The printed total.
    pub actual: Decimal,
    /// actual − expected.
    pub difference: Decimal,
    /// How far apart the two may be from rounding alone: Σ half-widths of every figure involved.
    pub tolerance: Decimal,
}

/// `total = Σ (sign × part)`. A part printed as zero counts as an exact zero: the documents print 0.00 for
/// "nothing", so it widens nothing (domain.md §5: 302 with 8 non-zero items has a band of 9 × 0.005).
pub fn check_sum(total: &Amount, parts: &[(Decimal, &Amount)]) -> SumCheck {
    let mut expected = Decimal::ZERO;
    let mut tolerance = width(total);
    for (sign, p) in parts {
        expected += *sign * p.value;
        tolerance += width(p);
    }
    judge(expected, total.value, tolerance)
}

/// `a = b` for two figures that restate each other (same cell in two tables).
pub fn check_equal(a: &Amount, b: &Amount) -> SumCheck {
    judge(b.value, a.value, width(a) + width(b))
}

/// `small ≤ big` under rounding: broken only when small's interval lies wholly above big's.
pub fn check_le(small: &Amount, big: &Amount) -> SumCheck {
    let tolerance = width(small) + width(big);
    let difference = small.value - big.value;
    let outcome = if difference <= Decimal::ZERO {
        Outcome::Exact
    } else if difference <= tolerance {
        Outcome::WithinRounding
    } else {
        Outcome::Inconsistent
    };
    SumCheck { outcome, expected: big.value, actual: small.value, difference, tolerance }
}

fn width(a: &Amount) -> Decimal {
    if a.value.is_zero() { Decimal::ZERO } else { a.half_width() }
}

fn judge(expected: Decimal, actual: Decimal, tolerance: Decimal) -> SumCheck {
    let difference = actual - expected;
    let outcome = if difference.is_zero() {
        Outcome::Exact
    } else if difference.abs() <= tolerance {
        Outcome::WithinRounding
    } else {
        Outcome::Inconsistent
    };
    SumCheck { outcome, expected, actual, difference, tolerance }
}

/// Ratio `num / den × 100` as an interval from the input intervals (outward), for percentages.
/// `None` when the denominator's interval contains or touches zero (the rate is undefined).
pub fn ratio_percent(num: &Amount, den: &Amount) -> Option<Interval> {
    let n = Interval::of(num);
    let d = Interval::of(den);
    if d.lo <= Decimal::ZERO && d.hi >= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let cands = [div_sat(n.lo, d.lo), div_sat(n.lo, d.hi), div_sat(n.hi, d.lo), div_sat(n.hi, d.hi)];
    let lo = cands.iter().copied().min()?;
    let hi = cands.iter().copied().max()?;
    Some(Interval { lo: mul_sat(lo, hundred), hi: mul_sat(hi, hundred) })
}

/// Whether a printed rate that misses `computed` is that rate truncated instead of rounded: every value of the
/// computed interval, cut toward zero at the printed decimals, gives exactly the printed figure, and rounding does
/// not (29.42 ÷ 307.82 = 9.5575 % printed as 9.55 %). Reviewers grade such a last digit a warning, not an error.
pub fn truncated(computed: &Interval, printed: &Amount) -> bool {
    let Some(d) = printed.scale else { return false };
    let cut = |v: Decimal| v.round_dp_with_strategy(d, RoundingStrategy::ToZero);
    !computed.meets(&Interval::of(printed)) && cut(computed.lo) == printed.value && cut(computed.hi) == printed.value
}

/// The bound a result saturates to when it does not fit in a `Decimal` (a huge figure over a tiny one).
fn saturated(negative: bool) -> Decimal {
    if negative { Decimal::MIN } else { Decimal::MAX }
}

/// `a / b` (b ≠ 0), saturating instead of panicking on overflow: such a rate meets no printed percentage anyway.
fn div_sat(a: Decimal, b: Decimal) -> Decimal {
    a.checked_div(b).unwrap_or_else(|| saturated(a.is_sign_negative() != b.is_sign_negative()))
}

fn mul_sat(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b).unwrap_or_else(|| saturated(a.is_sign_negative() != b.is_sign_negative()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn a(s: &str) -> Amount {
        crate::amount::parse_amount(s).unwrap()
    }
    fn one() -> Decimal {
        Decimal::ONE
    }

    #[test]
    fn t6_302_is_rounding() {
        let parts = ["0.45", "0.40", "0.06", "0.01", "0.97", "1.70", "3.26", "0.88", "0.00", "0.00"].map(a);
        let refs: Vec<_> = parts.iter().map(|p| (one(), p)).collect();
        let c = check_sum(&a("7.71"), &refs);
        assert_eq!(c.outcome, Outcome::WithinRounding);
        assert_eq!(c.expected, Decimal::from_str("7.73").unwrap());
        assert_eq!(c.tolerance, Decimal::from_str("0.045").unwrap());
    }

    #[test]
    fn t3_20113_is_inconsistent() {
        let (p1, p2) = (a("138.97"), a("82.28"));
        let c = check_sum(&a("221.56"), &[(one(), &p1), (one(), &p2)]);
        assert_eq!(c.outcome, Outcome::Inconsistent);
        assert_eq!(c.difference, Decimal::from_str("0.31").unwrap());
    }

    #[test]
    fn exact_and_le() {
        let (p1, p2) = (a("1060.14"), a("1000.00"));
        assert_eq!(check_sum(&a("2060.14"), &[(one(), &p1), (one(), &p2)]).outcome, Outcome::Exact);
        assert_eq!(check_le(&a("1.00"), &a("2.00")).outcome, Outcome::Exact);
        assert_eq!(check_le(&a("2.01"), &a("2.00")).outcome, Outcome::WithinRounding);
        assert_eq!(check_le(&a("3.00"), &a("2.00")).outcome, Outcome::Inconsistent);
    }

    #[test]
    fn percent_interval() {
        let i = ratio_percent(&a("138.97"), &a("2070.44")).unwrap();
        assert!(i.meets(&Interval::of(&a("6.71"))));
        assert!(ratio_percent(&a("5"), &a("0.00")).is_none());
    }

    #[test]
    fn percent_of_a_tiny_denominator_saturates_instead_of_overflowing() {
        let big = a("999999999999999999.99");
        let tiny = crate::amount::Amount::new(Decimal::new(1, 26), 26);
        let i = ratio_percent(&big, &tiny).unwrap();
        assert_eq!(i.hi, Decimal::MAX);
        assert!(!i.meets(&Interval::of(&a("100.00"))));
        let neg = ratio_percent(&a("-999999999999999999"), &tiny).unwrap();
        assert_eq!(neg.lo, Decimal::MIN);
        // In range: unchanged.
        let i = ratio_percent(&big, &a("0.00000001")).unwrap();
        assert!(i.hi < Decimal::MAX && i.lo > Decimal::ZERO);
    }

    #[test]
    fn truncated_not_rounded() {
        // 29.42 ÷ 307.82 = 9.5575 %: 9.56 rounded, 9.55 truncated.
        let i = ratio_percent(&a("29.42"), &a("307.82")).unwrap();
        assert!(!i.meets(&Interval::of(&a("9.55"))));
        assert!(truncated(&i, &a("9.55")));
        assert!(!truncated(&i, &a("9.56")), "rounded right: not a truncation");
        assert!(!truncated(&i, &a("9.54")), "two units off");
        // One decimal: 9.5575 rounds to 9.6 and truncates to 9.5.
        assert!(truncated(&i, &a("9.5")));
        assert!(!truncated(&i, &a("9.6")));
        // Negative rates cut toward zero: -9.5575 printed -9.55.
        let n = Interval { lo: -i.hi, hi: -i.lo };
        assert!(truncated(&n, &a("-9.55")));
        assert!(!truncated(&n, &a("-9.56")));
        // An interval straddling a cut (9.5598..9.5602 truncates to 9.55 or 9.56) is not a truncation of 9.55.
        let s = Interval { lo: Decimal::from_str("9.5598").unwrap(), hi: Decimal::from_str("9.5602").unwrap() };
        assert!(!truncated(&s, &a("9.55")));
    }
}

//! Money units as the documents print them (「单位：元」, 「金额单位：万元」) and the one conversion between them.
//!
//! Shanghai budget tables are printed in 元 and their narrative in 万元; a 三公 table may be in 万元 beside tables in
//! 元. Every comparison is made in one scale: the finer figure is converted to the coarser unit, keeping every digit
//! it was printed with (9,389,913 元 → 938.9913 万元, scale 0 → 4), so the rounding model (domain.md §5) judges it
//! with the band of the figure as printed — 938.99 万元 [938.985, 938.995] holds against it, 887.36 万元 does not.
//! Never the other way: 938.99 万元 in 元 would need a negative scale.

use crate::amount::Amount;
use rust_decimal::Decimal;

/// A money unit: its power of ten in 元.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MoneyUnit {
    Yuan,
    ThousandYuan,
    WanYuan,
    YiYuan,
}

impl MoneyUnit {
    /// The unit a table or figure is in when nothing says otherwise: the national templates print 万元.
    pub const DEFAULT: MoneyUnit = MoneyUnit::WanYuan;

    /// 元 = 0, 千元 = 3, 万元 = 4, 亿元 = 8.
    pub fn exponent(self) -> u32 {
        match self {
            MoneyUnit::Yuan => 0,
            MoneyUnit::ThousandYuan => 3,
            MoneyUnit::WanYuan => 4,
            MoneyUnit::YiYuan => 8,
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::ThousandYuan => "千元",
            MoneyUnit::WanYuan => "万元",
            MoneyUnit::YiYuan => "亿元",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "yuan",
            MoneyUnit::ThousandYuan => "thousand yuan",
            MoneyUnit::WanYuan => "10k yuan",
            MoneyUnit::YiYuan => "100m yuan",
        }
    }

    /// The unit a 单位 text names: 「元」, 「万元」, 「人民币万元」, 「元（保留两位小数）」. `None` for anything else.
    pub fn parse(text: &str) -> Option<MoneyUnit> {
        // No allocation: the rules ask for the units of two tables at every cross-table check.
        let t = text.trim_start();
        let t = t.strip_prefix("人民币").unwrap_or(t).trim_start();
        // What follows the unit (「（保留两位小数）」, 「、%」) does not change it.
        let end = t.char_indices().find(|(_, c)| !matches!(c, '元' | '千' | '万' | '亿')).map_or(t.len(), |(i, _)| i);
        match &t[..end] {
            "元" => Some(MoneyUnit::Yuan),
            "千元" => Some(MoneyUnit::ThousandYuan),
            "万元" => Some(MoneyUnit::WanYuan),
            "亿元" => Some(MoneyUnit::YiYuan),
            _ => None,
        }
    }

    /// The unit a table's meta line states: the text after the last 「单位：」 that names a money unit
    /// (「编制单位：某某局 单位：元」 names the unit second).
    pub fn of_meta_line(text: &str) -> Option<MoneyUnit> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut found = None;
        for marker in ["单位：", "单位:"] {
            for (pos, _) in t.match_indices(marker) {
                if let Some(u) = MoneyUnit::parse(&t[pos + marker.len()..]) {
                    found = Some((pos, u));
                }
            }
        }
        found.map(|(_, u)| u)
    }
}

/// `amount` (in `from`) expressed in `to`, which must be the same unit or a coarser one: every printed digit is
/// kept (the scale grows by the difference of exponents), so its rounding band stays that of the figure as
/// printed. `None` when `to` is finer than `from` (the caller converts the other operand instead).
pub fn to_coarser(amount: Amount, from: MoneyUnit, to: MoneyUnit) -> Option<Amount> {
    let shift = to.exponent().checked_sub(from.exponent())?;
    if shift == 0 {
        return Some(amount);
    }
    let value = shift_point(amount.value, shift);
    // A blank cell stays an exact zero; a printed figure gains `shift` decimals (rust_decimal keeps at most 28).
    let scale = amount.scale.map(|s| (s + shift).min(28));
    Some(Amount { value, scale })
}

/// `value` ÷ 10^`places`, exactly, by moving the decimal point (no division: rust_decimal's `checked_div` panics
/// instead of returning `None` when the quotient's scale would pass 28). Digits beyond the 28th decimal are rounded.
pub fn shift_point(value: Decimal, places: u32) -> Decimal {
    if places > 28 {
        return Decimal::ZERO;
    }
    let mut v = value.round_dp(28 - places);
    match v.set_scale(v.scale() + places) {
        Ok(()) => v,
        Err(_) => Decimal::ZERO,
    }
}

/// Both operands in the coarser of their units.
pub fn in_common_unit(a: (Amount, MoneyUnit), b: (Amount, MoneyUnit)) -> Option<(Amount, Amount, MoneyUnit)> {
    let unit = a.1.max(b.1);
    Some((to_coarser(a.0, a.1, unit)?, to_coarser(b.0, b.1, unit)?, unit))
}

/// A figure in 万元 for a message: at least two decimals, no trailing zeros past them (「25.77」, 「938.9913」).
pub fn wan_text(amount: &Amount) -> String {
    match amount.scale {
        None => "0".into(),
        Some(_) => {
            let v = amount.value.normalize();
            let decimals = v.scale().max(2);
            crate::amount::fixed(amount.value, decimals)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::parse_amount;
    use crate::rounding::{Outcome, check_equal};

    fn a(s: &str) -> Amount {
        parse_amount(s).unwrap()
    }

    #[test]
    fn parses_units_as_printed() {
        assert_eq!(MoneyUnit::parse("元"), Some(MoneyUnit::Yuan));
        assert_eq!(MoneyUnit::parse(" 万元"), Some(MoneyUnit::WanYuan));
        assert_eq!(MoneyUnit::parse("人民币万元"), Some(MoneyUnit::WanYuan));
        assert_eq!(MoneyUnit::parse("亿元"), Some(MoneyUnit::YiYuan));
        assert_eq!(MoneyUnit::parse("千元"), Some(MoneyUnit::ThousandYuan));
        assert_eq!(MoneyUnit::parse("元（保留两位小数）"), Some(MoneyUnit::Yuan));
        assert_eq!(MoneyUnit::parse("上海市普陀区社会福利院"), None);
        assert_eq!(MoneyUnit::parse("个"), None);
        assert_eq!(MoneyUnit::of_meta_line("编制单位：上海市某某院 单位：元"), Some(MoneyUnit::Yuan));
        assert_eq!(MoneyUnit::of_meta_line("单位:万元"), Some(MoneyUnit::WanYuan));
        assert_eq!(MoneyUnit::of_meta_line("部门名称：某某局\t\t金额单位：万元"), Some(MoneyUnit::WanYuan));
        assert_eq!(MoneyUnit::of_meta_line("编制单位：某某局"), None);
    }

    /// domain.md §5: 938.99 万元 holds against 9,389,913.00 元; 887.36 万元 against 873,617.00 元 does not.
    #[test]
    fn compares_in_the_coarser_unit_with_the_printed_bands() {
        let cell = to_coarser(a("9,389,913.00"), MoneyUnit::Yuan, MoneyUnit::WanYuan).unwrap();
        assert_eq!(cell.value.normalize().to_string(), "938.9913");
        assert_eq!(cell.scale, Some(6));
        assert_ne!(check_equal(&a("938.99"), &cell).outcome, Outcome::Inconsistent);
        let cell = to_coarser(a("873,617.00"), MoneyUnit::Yuan, MoneyUnit::WanYuan).unwrap();
        assert_eq!(check_equal(&a("887.36"), &cell).outcome, Outcome::Inconsistent);
        assert_ne!(check_equal(&a("87.36"), &cell).outcome, Outcome::Inconsistent);
        // Whole 元: [9,389,912.5, 9,389,913.5] 元 is still inside 938.99 万元's band.
        let cell = to_coarser(a("9389913"), MoneyUnit::Yuan, MoneyUnit::WanYuan).unwrap();
        assert_eq!(cell.scale, Some(4));
        assert_ne!(check_equal(&a("938.99"), &cell).outcome, Outcome::Inconsistent);
        // Never to a finer unit; a blank cell stays an exact zero.
        assert_eq!(to_coarser(a("1.00"), MoneyUnit::WanYuan, MoneyUnit::Yuan), None);
        assert_eq!(to_coarser(Amount::exact_zero(), MoneyUnit::Yuan, MoneyUnit::WanYuan), Some(Amount::exact_zero()));
        let (x, y, u) = in_common_unit((a("6.40"), MoneyUnit::WanYuan), (a("64,000"), MoneyUnit::Yuan)).unwrap();
        assert_eq!(u, MoneyUnit::WanYuan);
        assert_eq!(check_equal(&x, &y).outcome, Outcome::Exact);
        assert_eq!(wan_text(&y), "6.40");
        assert_eq!(wan_text(&to_coarser(a("257,750"), MoneyUnit::Yuan, MoneyUnit::WanYuan).unwrap()), "25.775");
        // A figure printed with 25 decimals: no panic (rust_decimal's division would), the excess rounded.
        let tiny = a("0.0000000000000000000000001");
        assert!(to_coarser(tiny, MoneyUnit::Yuan, MoneyUnit::YiYuan).is_some());
        assert_eq!(shift_point(Decimal::new(123, 0), 2).to_string(), "1.23");
    }
}

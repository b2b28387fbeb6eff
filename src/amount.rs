//! Amounts as printed in a table cell or a sentence: `1,234.56`, full-width digits, `(12.30)`, blank or `-` for zero.
//!
//! The rounding model needs to know how many decimals were printed, so an [`Amount`] keeps the scale next to the
//! exact decimal value. Parsing never panics: anything that is not a number is an [`AmountError`].

use rust_decimal::Decimal;
use std::fmt;

/// A number as printed. `scale` is the count of decimals printed; `None` means the cell was blank or a dash,
/// which the documents use for an exact zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    pub value: Decimal,
    pub scale: Option<u32>,
}

impl Amount {
    pub fn exact_zero() -> Self {
        Amount { value: Decimal::ZERO, scale: None }
    }

    pub fn new(value: Decimal, scale: u32) -> Self {
        Amount { value, scale: Some(scale) }
    }

    /// Half the width of the interval the printed figure stands for: ½·10⁻ᵈ, or zero for a blank cell.
    pub fn half_width(&self) -> Decimal {
        match self.scale {
            None => Decimal::ZERO,
            Some(d) => Decimal::new(5, d.min(27) + 1),
        }
    }

    /// A zero that stands for "nothing spent": blank, dash, or printed 0 at any scale.
    pub fn is_zero(&self) -> bool {
        self.value.is_zero()
    }

    /// The value as the document would print it (same number of decimals).
    pub fn printed(&self) -> String {
        match self.scale {
            None => "0".to_string(),
            Some(d) => fixed(self.value, d),
        }
    }
}

/// `value` with exactly `decimals` decimals, as `format!("{:.N}", value)` prints it (extra decimals cut, missing
/// ones padded with zeros) — but never panicking: rust_decimal's fixed-precision formatting panics when the result
/// is longer than 32 characters (a 20-digit value printed with 15 decimals). Use this for any computed figure.
pub fn fixed(value: Decimal, decimals: u32) -> String {
    if value.scale() == decimals {
        return value.to_string();
    }
    let mut v = if value.scale() > decimals { value.trunc_with_scale(decimals) } else { value };
    v.rescale(decimals);
    let mut s = v.to_string();
    let have = v.scale();
    if have < decimals {
        if have == 0 {
            s.push('.');
        }
        s.extend(std::iter::repeat_n('0', (decimals - have) as usize));
    }
    s
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Text that contains no number at all (a label, a placeholder such as `XX`).
    NotANumber,
    /// Looks numeric but is malformed (`1..2`, `12,34,5.6.7`, too many digits).
    Malformed,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::NotANumber => f.write_str("not a number"),
            AmountError::Malformed => f.write_str("malformed number"),
        }
    }
}

/// Text that the documents print for "zero / nothing" in an amount cell.
pub fn is_dash_or_blank(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    t.is_empty() || t.chars().all(|c| matches!(c, '-' | '—' | '–' | '－' | '─' | '―' | '/' | '／'))
}

/// Maps full-width forms to ASCII: `１２３．４５` → `123.45`, `，` → `,`, `（` → `(`, `－` → `-`.
pub fn normalize_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '。' => '.',
        '，' => ',',
        '（' => '(',
        '）' => ')',
        '－' | '−' | '‐' | '﹣' => '-',
        '＋' => '+',
        '％' => '%',
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Parses an amount cell. Blank and dashes are an exact zero; `(12.30)`, `-12.30` and `△12.30` are negative.
pub fn parse_amount(text: &str) -> Result<Amount, AmountError> {
    if is_dash_or_blank(text) {
        return Ok(Amount::exact_zero());
    }
    if let Some(a) = parse_plain_ascii(text) {
        return Ok(a);
    }
    parse_general(text)
}

/// The common forms (`1234.56`, `-1,234.56`, `0.00`) without allocating: most cells of a table take this path.
/// `None` sends the text to [`parse_general`], which gives the same result for everything accepted here (tested).
fn parse_plain_ascii(text: &str) -> Option<Amount> {
    let t = text.trim_ascii();
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty() {
        return None;
    }
    let mut mantissa: i128 = 0;
    let mut significant = 0usize;
    let (mut group, mut first_group, mut grouped) = (0usize, true, false);
    for b in int.bytes() {
        match b {
            b'0'..=b'9' => {
                group += 1;
                if mantissa != 0 || b != b'0' {
                    significant += 1;
                    if significant > MAX_INTEGER_DIGITS {
                        return None;
                    }
                }
                mantissa = mantissa * 10 + i128::from(b - b'0');
            }
            b',' => {
                if (first_group && !(1..=3).contains(&group)) || (!first_group && group != 3) {
                    return None;
                }
                (group, first_group, grouped) = (0, false, true);
            }
            _ => return None,
        }
    }
    if grouped && group != 3 {
        return None;
    }
    let mut scale = 0u32;
    if let Some(f) = frac {
        if f.is_empty() {
            return None;
        }
        for b in f.bytes() {
            if !b.is_ascii_digit() {
                return None;
            }
            scale += 1;
            if significant + scale as usize > 26 {
                return None;
            }
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
    }
    let mut value = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    if negative {
        value.set_sign_negative(true);
    }
    Some(Amount::new(value, scale))
}

/// Every form: full-width characters, inner spaces, `(12.30)`, `△`, `+`; the errors.
fn parse_general(text: &str) -> Result<Amount, AmountError> {
    // A label (no digit, half- or full-width) is not a number: said before building anything, as parse_unsigned
    // would say after (nothing below adds a digit). Readers probe every text cell this way.
    if !text.chars().any(|c| normalize_char(c).is_ascii_digit()) {
        return Err(AmountError::NotANumber);
    }
    let mut s: String = text.chars().map(normalize_char).filter(|c| !c.is_whitespace()).collect();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') && s.len() > 2 {
        negative = true;
        s = s[1..s.len() - 1].to_string();
    }
    if let Some(rest) = s.strip_prefix('△').or_else(|| s.strip_prefix('▲')) {
        negative = true;
        s = rest.to_string();
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.to_string();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.to_string();
    }
    parse_unsigned(&s).map(|mut a| {
        if negative {
            a.value.set_sign_negative(true);
        }
        a
    })
}

/// Parses a percentage as printed (`64.17%`, `100%`); the `%` is required.
pub fn parse_percent(text: &str) -> Result<Amount, AmountError> {
    let s: String = text.chars().map(normalize_char).filter(|c| !c.is_whitespace()).collect();
    match s.strip_suffix('%') {
        Some(body) => parse_amount(body),
        None => Err(AmountError::NotANumber),
    }
}

/// The most integer digits an amount may have; longer figures are [`AmountError::Malformed`].
pub const MAX_INTEGER_DIGITS: usize = 18;

fn parse_unsigned(s: &str) -> Result<Amount, AmountError> {
    if s.is_empty() || !s.chars().any(|c| c.is_ascii_digit()) {
        return Err(AmountError::NotANumber);
    }
    if !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(
            if s.chars().any(|c| c.is_ascii_digit())
                && s.chars().filter(|c| c.is_ascii_digit()).count() * 2 >= s.chars().count()
            {
                AmountError::Malformed
            } else {
                AmountError::NotANumber
            },
        );
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac_part {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(AmountError::Malformed);
        }
    }
    if int_part.is_empty() && frac_part.is_none() {
        return Err(AmountError::Malformed);
    }
    // Thousands separators: groups of exactly three digits after the first.
    let digits: String = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let ok = !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(AmountError::Malformed);
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    let frac = frac_part.unwrap_or("");
    // Leading zeros add no magnitude: `.93…` and `0.93…` have the same limit (and `printed()` round-trips).
    let significant = digits.trim_start_matches('0').len();
    // At most 18 integer digits (10¹⁸ 万元 is far beyond any budget): sums of any input that fits in memory then
    // stay far below `Decimal::MAX` (≈ 7.9·10²⁸), so no rule's addition can overflow.
    if significant > MAX_INTEGER_DIGITS || significant + frac.len() > 26 {
        return Err(AmountError::Malformed);
    }
    let joined = format!("{}{}", if digits.is_empty() { "0" } else { &digits }, frac);
    let mantissa: i128 = joined.parse().map_err(|_| AmountError::Malformed)?;
    let scale = frac.len() as u32;
    let value = Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| AmountError::Malformed)?;
    Ok(Amount::new(value, scale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn plain_and_grouped() {
        assert_eq!(parse_amount("1,234.56").unwrap(), Amount::new(d("1234.56"), 2));
        assert_eq!(parse_amount(" 2070.44 ").unwrap(), Amount::new(d("2070.44"), 2));
        assert_eq!(parse_amount("361").unwrap(), Amount::new(d("361"), 0));
        assert_eq!(parse_amount("0.3").unwrap().scale, Some(1));
    }

    #[test]
    fn full_width_and_negative() {
        assert_eq!(parse_amount("１，２３４．５０").unwrap(), Amount::new(d("1234.50"), 2));
        assert_eq!(parse_amount("(12.30)").unwrap().value, d("-12.30"));
        assert_eq!(parse_amount("－12.30").unwrap().value, d("-12.30"));
        assert_eq!(parse_amount("△5").unwrap().value, d("-5"));
        assert_eq!(parse_amount("-0.00").unwrap().scale, Some(2));
    }

    #[test]
    fn blanks_and_dashes_are_exact_zero() {
        for t in ["", "  ", "-", "—", "——", "－", "\u{3000}"] {
            assert_eq!(parse_amount(t).unwrap(), Amount::exact_zero(), "{t:?}");
        }
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(parse_amount("XX"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("合计"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1..2"), Err(AmountError::Malformed));
        assert_eq!(parse_amount("12,34.5"), Err(AmountError::Malformed));
        assert_eq!(parse_amount("1.2.3"), Err(AmountError::Malformed));
        assert!(parse_amount("99999999999999999999999999999999").is_err());
    }

    #[test]
    fn leading_zeros_do_not_count_towards_the_digit_limit() {
        // 26 decimals without an integer part: printing it adds a leading `0`, which must parse back.
        let a = parse_amount(".93222222232222222222222222").unwrap();
        assert_eq!(a.scale, Some(26));
        assert_eq!(parse_amount(&a.printed()).unwrap(), a);
        assert_eq!(parse_amount("0001.5").unwrap(), Amount::new(d("1.5"), 1));
        assert!(parse_amount("123456789012345678901234567").is_err());
    }

    #[test]
    fn integer_part_is_bounded() {
        let max = "9".repeat(MAX_INTEGER_DIGITS);
        assert_eq!(parse_amount(&format!("{max}.99")).unwrap().scale, Some(2));
        assert_eq!(parse_amount(&format!("-{max}")).unwrap().value, -Decimal::from_str(&max).unwrap());
        assert_eq!(parse_amount(&format!("1{max}")), Err(AmountError::Malformed));
        assert_eq!(parse_amount("99,999,999,999,999,999,999.00"), Err(AmountError::Malformed));
        assert_eq!(parse_amount(&format!("000{max}")).unwrap().scale, Some(0));
    }

    /// The allocation-free path agrees with the general one on every string it accepts: all strings of up to six
    /// characters over an alphabet of digits, separators, signs and junk, plus long and edge cases.
    #[test]
    fn fast_path_agrees_with_general_path() {
        let alphabet = ['0', '1', '9', ',', '.', '-', ' ', 'x'];
        let mut checked = 0;
        let mut agree = |s: &str| {
            if let Some(fast) = parse_plain_ascii(s) {
                let general = parse_general(s).unwrap_or_else(|e| panic!("{s:?}: fast {fast:?}, general {e}"));
                assert_eq!(fast, general, "{s:?}");
                assert_eq!(fast.value.is_sign_negative(), general.value.is_sign_negative(), "{s:?}");
                checked += 1;
            }
        };
        let mut idx = vec![0usize; 0];
        for len in 1..=6 {
            idx.clear();
            idx.resize(len, 0);
            loop {
                let s: String = idx.iter().map(|&i| alphabet[i]).collect();
                agree(&s);
                let mut k = 0;
                while k < len {
                    idx[k] += 1;
                    if idx[k] < alphabet.len() {
                        break;
                    }
                    idx[k] = 0;
                    k += 1;
                }
                if k == len {
                    break;
                }
            }
        }
        let nines = "9".repeat(MAX_INTEGER_DIGITS);
        for s in [
            "1,234.56".to_string(),
            "-1,234,567.89".to_string(),
            "999,999,999,999,999,999.99".to_string(),
            format!("{nines}.99999999"),
            format!("-{nines}"),
            format!("0.{}", "1".repeat(26)),
            format!("0.{}", "1".repeat(27)),
            format!("000000000000000000000000000000{nines}.5"),
            "  2070.44  ".to_string(),
            "-0.00".to_string(),
            "12,34.5".to_string(),
            "1,2345".to_string(),
            "1,".to_string(),
            ",123".to_string(),
            "1.".to_string(),
        ] {
            agree(&s);
        }
        assert!(checked > 1000, "{checked}");
        assert_eq!(parse_plain_ascii("1,234.56"), Some(Amount::new(d("1234.56"), 2)));
        assert_eq!(parse_plain_ascii(&format!("1{nines}")), None);
        assert_eq!(parse_amount("-0.00").unwrap().printed(), parse_general("-0.00").unwrap().printed());
    }

    #[test]
    fn fixed_matches_precision_formatting_and_never_panics() {
        let values = ["0", "1", "-1", "0.005", "-0.005", "2070.44", "-12.30", "123.456789", "0.1", "99.995", "-0.001"];
        for v in values {
            for dec in 0..=12u32 {
                let x = d(v);
                assert_eq!(fixed(x, dec), format!("{:.*}", dec as usize, x), "{v} with {dec} decimals");
            }
        }
        // Past rust_decimal's 32-character buffer: padded, not a panic.
        let s = fixed(Decimal::MAX, 20);
        assert!(s.starts_with("79228162514264337593543950335.") && s.len() == 30 + 20, "{s}");
        assert_eq!(fixed(Decimal::MIN, 2), "-79228162514264337593543950335.00");
        assert_eq!(Amount::new(Decimal::MAX, 10).printed().len(), 40);
        assert_eq!(fixed(d("2000000000000.0555"), 19), "2000000000000.0555000000000000000");
    }

    #[test]
    fn percent() {
        assert_eq!(parse_percent("64.17%").unwrap(), Amount::new(d("64.17"), 2));
        assert_eq!(parse_percent("１００％").unwrap(), Amount::new(d("100"), 0));
        assert!(parse_percent("64.17").is_err());
    }

    #[test]
    fn half_width() {
        assert_eq!(Amount::new(d("221.56"), 2).half_width(), d("0.005"));
        assert_eq!(Amount::new(d("361"), 0).half_width(), d("0.5"));
        assert_eq!(Amount::exact_zero().half_width(), Decimal::ZERO);
    }
}

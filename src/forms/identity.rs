//! Identities declared by a form (docs/forms.md, `identities`): a sum that must hold on each row of a table,
//! written in the form file as `total = a + b? − c` over the table's column keys (`schema::Identity`). The rules
//! (T002, T006, T007) evaluate them with the rounding model; this module only parses the text.
//!
//! Shared with the build script (`compile.rs` includes this file, so a form whose identity does not parse fails the
//! build): std only, no `crate::` paths.

/// The rows an identity holds on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// The 合计 row and every classification-code row.
    Coded,
    /// The expenditure half of a two-half table: its coded and keyed rows.
    Expenditure,
    /// Every row with a figure in one of the identity's columns.
    All,
}

/// The half of a two-half table a column is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Half {
    Income,
    Expenditure,
}

/// A column of the identity: its key, the half of the table it is in, and whether the table may leave it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnTerm<'a> {
    pub key: &'a str,
    pub part: Option<Half>,
    pub optional: bool,
}

/// `total = Σ sign × part`, parsed from `holds`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowSum<'a> {
    pub rows: Rows,
    pub total: ColumnTerm<'a>,
    pub parts: Vec<(i8, ColumnTerm<'a>)>,
}

/// An identity of a form file (its `rows` and `holds`) parsed. `holds` is `total = a + b? − c`: column keys
/// (`income:key` / `expenditure:key` for a column of one half); `?` marks a column some documents of the form do not
/// print (left out of the sum then, but one part at least must be printed); a column without `?` must be printed or
/// the identity does not apply to the table. The error says what is wrong.
pub fn row_sum<'a>(rows: &str, holds: &'a str) -> Result<RowSum<'a>, String> {
    let rows = match rows {
        "coded" => Rows::Coded,
        "expenditure" => Rows::Expenditure,
        "all" => Rows::All,
        other => return Err(format!("rows {other:?}: coded, expenditure or all")),
    };
    let (lhs, rhs) = holds.split_once('=').ok_or_else(|| format!("{holds:?}: no `=`"))?;
    let total = term(lhs.trim())?;
    if total.optional {
        return Err(format!("{holds:?}: the total cannot be optional"));
    }
    let mut parts = Vec::new();
    let mut sign = 1i8;
    let mut rest = rhs.trim();
    loop {
        let end = rest.find(['+', '-', '−']).unwrap_or(rest.len());
        let t = rest[..end].trim();
        if t.is_empty() {
            return Err(format!("{holds:?}: a `+`/`−` without a column"));
        }
        parts.push((sign, term(t)?));
        let Some(op) = rest[end..].chars().next() else { break };
        sign = if op == '+' { 1 } else { -1 };
        rest = &rest[end + op.len_utf8()..];
    }
    Ok(RowSum { rows, total, parts })
}

fn term(t: &str) -> Result<ColumnTerm<'_>, String> {
    let (t, optional) = match t.strip_suffix('?') {
        Some(t) => (t.trim_end(), true),
        None => (t, false),
    };
    let (part, key) = match t.split_once(':') {
        Some(("income", k)) => (Some(Half::Income), k),
        Some(("expenditure", k)) => (Some(Half::Expenditure), k),
        Some((p, _)) => return Err(format!("{t:?}: part {p:?} is income or expenditure")),
        None => (None, t),
    };
    let ok = !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.');
    if !ok {
        return Err(format!("{t:?}: a column key (a–z, _ and .)"));
    }
    Ok(ColumnTerm { key, part, optional })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_signs_parts_and_optional_columns() {
        let s = row_sum("expenditure", "expenditure:amount = expenditure:personnel + public? − project").unwrap();
        assert_eq!(s.rows, Rows::Expenditure);
        assert_eq!(s.total, ColumnTerm { key: "amount", part: Some(Half::Expenditure), optional: false });
        assert_eq!(s.parts.len(), 3);
        assert_eq!(s.parts[1], (1, ColumnTerm { key: "public", part: None, optional: true }));
        assert_eq!(s.parts[2].0, -1);
    }

    #[test]
    fn rejects_what_is_not_an_identity() {
        for (rows, holds) in [
            ("coded", "total basic + project"),
            ("coded", "total = basic +"),
            ("coded", "total? = basic"),
            ("coded", "total = side:basic"),
            ("coded", "total = 基本支出"),
            ("every", "total = basic"),
        ] {
            assert!(row_sum(rows, holds).is_err(), "{holds}");
        }
    }
}

//! Identities declared by a form (docs/forms.md § Identities): a sum that must hold on each row of a table,
//! written in the form file as `total = a + b? − c` over the table's column keys. The rules (T002, T006, T007) evaluate
//! them with the rounding model; this module only parses and validates the text.

use crate::model::Part;
use serde::{Deserialize, Serialize};

/// One identity of a form's table, as the form file writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// The rule family that checks it and reports it (`T002` row totals, `T006` fund carry-over, `T007` 三公 sums): codes stay stable
    /// whatever form declares the identity.
    pub code: String,
    /// The rows it holds on: `coded` (合计 and every classification-code row), `expenditure` (the expenditure
    /// half of a summary table, its coded and keyed rows) or `all` (every row with a figure).
    pub rows: String,
    /// `total = a + b? − c`: column keys of the table (`part:key` for a half of a two-half table, `income:` or
    /// `expenditure:`). `?` marks a column some documents of the form do not print: it is left out of the sum
    /// then (but at least one part must be printed). Without `?` a column must be printed, or the identity does
    /// not apply to that table.
    pub holds: String,
}

/// The rows an identity holds on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    Coded,
    Expenditure,
    All,
}

/// A column of the identity: its key, the half of the table it is in, and whether the table may leave it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnTerm<'a> {
    pub key: &'a str,
    pub part: Option<Part>,
    pub optional: bool,
}

/// `total = Σ sign × part`, parsed from `holds`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowSum<'a> {
    pub rows: Rows,
    pub total: ColumnTerm<'a>,
    pub parts: Vec<(i8, ColumnTerm<'a>)>,
}

impl Identity {
    /// The identity parsed; an error names what is wrong (a form file that says it is a build/test failure).
    pub fn row_sum(&self) -> Result<RowSum<'_>, String> {
        let rows = match self.rows.as_str() {
            "coded" => Rows::Coded,
            "expenditure" => Rows::Expenditure,
            "all" => Rows::All,
            other => return Err(format!("rows {other:?}: coded, expenditure or all")),
        };
        let (lhs, rhs) = self.holds.split_once('=').ok_or_else(|| format!("{:?}: no `=`", self.holds))?;
        let total = term(lhs.trim())?;
        if total.optional {
            return Err(format!("{:?}: the total cannot be optional", self.holds));
        }
        let mut parts = Vec::new();
        let mut sign = 1i8;
        let mut rest = rhs.trim();
        loop {
            let end = rest.find(['+', '-', '−']).unwrap_or(rest.len());
            let t = rest[..end].trim();
            if t.is_empty() {
                return Err(format!("{:?}: a `+`/`−` without a column", self.holds));
            }
            parts.push((sign, term(t)?));
            if end == rest.len() {
                break;
            }
            let op = rest[end..].chars().next().unwrap_or('+');
            sign = if op == '+' { 1 } else { -1 };
            rest = &rest[end + op.len_utf8()..];
        }
        Ok(RowSum { rows, total, parts })
    }
}

fn term(t: &str) -> Result<ColumnTerm<'_>, String> {
    let (t, optional) = match t.strip_suffix('?') {
        Some(t) => (t.trim_end(), true),
        None => (t, false),
    };
    let (part, key) = match t.split_once(':') {
        Some(("income", k)) => (Some(Part::Income), k),
        Some(("expenditure", k)) => (Some(Part::Expenditure), k),
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

    fn id(rows: &str, holds: &str) -> Identity {
        Identity { code: "T002".into(), rows: rows.into(), holds: holds.into() }
    }

    #[test]
    fn parses_signs_parts_and_optional_columns() {
        let i = id("expenditure", "expenditure:amount = expenditure:personnel + public? − project");
        let s = i.row_sum().unwrap();
        assert_eq!(s.rows, Rows::Expenditure);
        assert_eq!(s.total, ColumnTerm { key: "amount", part: Some(Part::Expenditure), optional: false });
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
            assert!(id(rows, holds).row_sum().is_err(), "{holds}");
        }
    }
}

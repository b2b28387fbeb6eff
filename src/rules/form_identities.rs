//! The engine for the identities a form declares (`forms::identity`): each table's row sums, `total = a + b? − c`
//! over its columns, judged on each row by the rounding model. The rule families that report them (T002, T006, T007)
//! call [`check_row_sums`] with their code; which columns add up to which is the forms' data, not code here.

use super::tables::{at_row, col_words, has_any_cell, row_words};
use super::{At, Ctx};
use crate::forms::identities_for;
use crate::forms::identity::{self, ColumnTerm, Half, RowSum, Rows};
use crate::model::{Part, Table, keys};
use crate::report::Message;

/// The rule families that evaluate the forms' identities (each calls [`check_row_sums`]): a form's identity names
/// one of these codes (`tests/forms.rs` checks every form against this list).
pub const FAMILIES: [&str; 3] = ["T002", "T006", "T007"];

/// Evaluates every row-sum identity of family `ctx.rule_code()` that the document's forms declare for its tables.
pub fn check_row_sums(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let code = ctx.rule_code();
    for (ti, t) in doc.tables.iter().enumerate() {
        for declared in identities_for(ctx.form, doc.kind, t).iter().filter(|i| i.code == code) {
            // A form file's identities are validated when the forms are built and tested: one that does not parse
            // cannot reach here, and is skipped rather than trusted if it ever did.
            let Ok(sum) = identity::row_sum(declared.rows, declared.holds) else { continue };
            row_sum(ctx, ti, t, &sum);
        }
    }
}

/// The column of a term in the table; `None` when the table does not print it.
fn column(t: &Table, term: &ColumnTerm) -> Option<usize> {
    match term.part {
        Some(Half::Income) => t.column_in(term.key, Part::Income),
        Some(Half::Expenditure) => t.column_in(term.key, Part::Expenditure),
        None => t.column(term.key),
    }
}

fn row_sum(ctx: &mut Ctx, ti: usize, t: &Table, sum: &RowSum) {
    let Some(total) = column(t, &sum.total) else { return };
    let mut parts: Vec<(i8, usize)> = Vec::with_capacity(sum.parts.len());
    for (sign, term) in &sum.parts {
        match column(t, term) {
            Some(c) => parts.push((*sign, c)),
            // A column the form says every document prints: without it the identity is not this table's.
            None if !term.optional => return,
            None => {}
        }
    }
    if parts.is_empty() {
        return;
    }
    // The identity in words, built only when a row does not hold (most rows hold).
    let words = || {
        let (tz, te) = col_words(t, total);
        let mut zh = format!("{tz} = ");
        let mut en = format!("{te} = ");
        for (i, (sign, c)) in parts.iter().enumerate() {
            let (pz, pe) = col_words(t, *c);
            let op = match (i, sign) {
                (0, 1) => "",
                (0, _) => "−",
                (_, 1) => " + ",
                _ => " − ",
            };
            zh += &format!("{op}{pz}");
            en += &format!("{op}{pe}");
        }
        (zh, en)
    };
    let mut all: Vec<usize> = parts.iter().map(|(_, c)| *c).collect();
    all.push(total);
    for (ri, r) in t.rows.iter().enumerate() {
        let on_row = match sum.rows {
            Rows::Coded => r.code.is_some() || r.key == Some(keys::GRAND_TOTAL),
            Rows::Expenditure => r.part == Some(Part::Expenditure) && (r.code.is_some() || r.key.is_some()),
            Rows::All => true,
        };
        if !on_row || !has_any_cell(t, ri, &all) {
            continue;
        }
        let what = || {
            let (zh, en) = words();
            // The 三公 table's one line of figures is named by the table alone; a row of a code table always by
            // its code or label.
            if sum.rows == Rows::All && (t.rows.len() == 1 || row_words(t, ri).is_empty()) {
                Message::new(format!("{}：{zh}", t.name_zh()), format!("{}: {en}", t.name_en()))
            } else {
                let (rz, re) = at_row(t, ri);
                Message::new(format!("{rz}：{zh}"), format!("{re}: {en}"))
            }
        };
        let cells = parts.iter().map(|(s, c)| (*s, At::new(ti, ri, *c)));
        ctx.signed_sum_iter(At::new(ti, ri, total), cells, what);
    }
}

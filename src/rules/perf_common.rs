//! Shared by the P rules (项目支出绩效自评表): cell lookup by row/column key and findings with the table's
//! project name.
//!
//! Scores and weights printed as integers (`10`, `5`) are assigned points, not rounded measurements: they are
//! taken as exact. Figures printed with decimals (`23.75`, `6.42`) stand for their rounding interval.

use super::{At, Ctx};
use crate::amount::Amount;
use crate::model::{Part, Table, TableKind, keys};
use crate::report::{Finding, Message, Severity, Verdict};
use rust_decimal::Decimal;

pub(super) fn tables(ctx: &Ctx) -> Vec<usize> {
    ctx.tables(TableKind::Performance)
}

pub(super) fn table<'a>(ctx: &Ctx<'a>, ti: usize) -> Option<&'a Table> {
    ctx.doc.tables.get(ti)
}

/// The project name for messages.
pub(super) fn subject(t: &Table) -> String {
    t.subject.clone().unwrap_or_else(|| t.title.clone())
}

/// The cell of a row in a keyed column, when it holds a printed number (not a dash, not unreadable).
pub(super) fn num(ctx: &Ctx, ti: usize, row: usize, key: &str) -> Option<(At, Amount)> {
    let t = ctx.doc.tables.get(ti)?;
    let c = t.column(key)?;
    let a = t.rows.get(row)?.cell(c)?.amount?;
    a.scale.map(|_| (At::new(ti, row, c), a))
}

/// Rows of a part (funds, management, indicator).
pub(super) fn rows_of(t: &Table, part: Part) -> Vec<usize> {
    t.rows.iter().enumerate().filter(|(_, r)| r.part == Some(part)).map(|(i, _)| i).collect()
}

/// Rows whose 分值/得分 make up the 总分: the funds total row, the management rows, the indicator rows.
pub(super) fn scored_rows(t: &Table) -> Vec<usize> {
    let mut out: Vec<usize> = t.row(keys::PERF_FUNDS_TOTAL).into_iter().collect();
    out.extend(rows_of(t, Part::Management));
    out.extend(rows_of(t, Part::Indicator));
    out
}

/// Half-width of a score or weight: zero for integers (assigned points), the rounding half-width otherwise.
pub(super) fn score_tol(a: &Amount) -> Decimal {
    match a.scale {
        Some(d) if d > 0 && !a.value.is_zero() => a.half_width(),
        _ => Decimal::ZERO,
    }
}

pub(super) struct Out {
    pub severity: Severity,
    pub verdict: Verdict,
    pub zh: String,
    pub en: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub difference: Option<String>,
    pub tolerance: Option<String>,
}

pub(super) fn push(ctx: &mut Ctx, o: Out, cells: &[At]) {
    let cells = cells.iter().map(|a| ctx.cell_ref(*a)).collect();
    let f = Finding {
        rule: ctx.rule_code(),
        severity: o.severity,
        verdict: o.verdict,
        message: Message::new(o.zh, o.en),
        expected: o.expected,
        actual: o.actual,
        difference: o.difference,
        tolerance: o.tolerance,
        cells,
        text: None,
    };
    ctx.push(f);
}

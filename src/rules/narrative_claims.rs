//! The narrative rules' one way of reporting (C001–C004): the narrative analysis (`narrative::link`) judges each
//! claim; this turns the judgements a rule owns into its findings and counts. Rules import the narrative, never
//! the other way round.

use super::{At, Ctx};
use crate::narrative::link::{self, Status};
use crate::report::{Finding, TextSpan};

/// Runs the narrative analysis and reports the claims a rule owns (`code`): one finding per claim that is
/// inconsistent, undefined, within rounding or not checked; every claim counted in `ctx.claims`.
pub fn report(ctx: &mut Ctx, code: &str) {
    let (_, judgements) = link::analyze_rule(ctx.doc, code);
    for j in judgements.into_iter().filter(|j| j.rule == code) {
        ctx.claims.found += 1;
        match j.status {
            Status::Consistent => {
                ctx.claims.checked += 1;
                ctx.claims.consistent += 1;
                ctx.checks += 1;
            }
            Status::Inconsistent => {
                ctx.claims.checked += 1;
                ctx.claims.inconsistent += 1;
                ctx.checks += 1;
            }
            Status::Undefined => {
                ctx.claims.checked += 1;
                ctx.claims.undefined += 1;
                ctx.checks += 1;
            }
            Status::Unresolved => {
                ctx.claims.unresolved += 1;
                ctx.not_checked += 1;
            }
        }
        let Some(r) = j.finding else { continue };
        let mut cells = Vec::new();
        for at in &j.cells {
            let exists = ctx.doc.tables.get(at.table).and_then(|t| t.rows.get(at.row)).is_some();
            if exists && !cells.iter().any(|c: &(usize, usize, usize)| *c == (at.table, at.row, at.col)) {
                cells.push((at.table, at.row, at.col));
            }
        }
        let cells = cells.into_iter().map(|(t, r, c)| ctx.cell_ref(At::new(t, r, c))).collect();
        let finding = Finding {
            rule: ctx.rule_code(),
            severity: r.severity,
            verdict: r.verdict,
            message: r.message,
            expected: r.expected,
            actual: r.actual,
            difference: r.difference,
            tolerance: r.tolerance,
            cells,
            text: Some(TextSpan { start: j.start, end: j.end, excerpt: j.excerpt }),
        };
        ctx.push(finding);
    }
}

//! The rule registry. Each rule lives in its own file with its documentation (what it checks, why, an example)
//! and a stable code; this registry is the one list the CLI (`fiscal-lint rules`), the docs and the page read.
//!
//! Codes: `D` reading the document, `T` identities inside one table, `X` identities across tables, `N` names,
//! `C` narrative claims, `P` performance self-evaluation tables.

use crate::amount::Amount;
use crate::model::{Document, TableKind};
use crate::report::{CellRef, ClaimSummary, Finding, Message, Severity, TextSpan, Verdict};
use crate::rounding::{self, Outcome, SumCheck};
use crate::unit::{MoneyUnit, to_coarser};
use rust_decimal::Decimal;
use serde::Serialize;

mod c001_narrative_figure;
mod c002_narrative_share;
mod c003_narrative_growth;
mod c004_narrative_completion;
mod c005_narrative_sum;
mod c006_narrative_count;
mod c007_narrative_performance;
mod c008_narrative_detail_items;
mod d001_unreadable;
mod form_identities;
pub use form_identities::FAMILIES as FORM_IDENTITY_FAMILIES;
mod n001_name_consistency;
mod n002_class_name_standard;
mod n003_code_valid;
mod narrative_claims;
mod p001_perf_execution_rate;
mod p002_perf_score_from_rate;
mod p003_perf_funds_sources;
mod p004_perf_score_within_weight;
mod p005_perf_weights_total;
mod p006_perf_total_score;
mod p007_perf_deviation;
mod perf_common;
mod t001_summary_totals;
mod t002_row_total;
mod t003_hierarchy_sum;
mod t004_fiscal_summary_totals;
mod t005_basic_detail_sum;
mod t006_fund_carryover;
mod t007_three_public_sum;
mod tables;
#[cfg(test)]
mod testing;
mod x001_income_vs_summary;
mod x002_expenditure_vs_summary;
mod x003_fiscal_vs_summary;
mod x004_general_budget_vs_fiscal;
mod x005_basic_vs_detail;
mod x006_fund_tables_vs_fiscal;
mod x007_detail_within_three_public;

/// A rule: stable code, name in the domain's words, titles, documentation, and the check itself.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// Markdown: what it checks, why, an example.
    pub doc: &'static str,
    pub check: fn(&mut Ctx),
}

/// Every rule, in the order they run (and are listed).
pub static REGISTRY: &[&Rule] = &[
    &d001_unreadable::RULE,
    &t001_summary_totals::RULE,
    &t002_row_total::RULE,
    &t003_hierarchy_sum::RULE,
    &t004_fiscal_summary_totals::RULE,
    &t005_basic_detail_sum::RULE,
    &t006_fund_carryover::RULE,
    &t007_three_public_sum::RULE,
    &x001_income_vs_summary::RULE,
    &x002_expenditure_vs_summary::RULE,
    &x003_fiscal_vs_summary::RULE,
    &x004_general_budget_vs_fiscal::RULE,
    &x005_basic_vs_detail::RULE,
    &x006_fund_tables_vs_fiscal::RULE,
    &x007_detail_within_three_public::RULE,
    &n001_name_consistency::RULE,
    &n002_class_name_standard::RULE,
    &n003_code_valid::RULE,
    &c001_narrative_figure::RULE,
    &c002_narrative_share::RULE,
    &c003_narrative_growth::RULE,
    &c004_narrative_completion::RULE,
    &c005_narrative_sum::RULE,
    &c006_narrative_count::RULE,
    &c007_narrative_performance::RULE,
    &c008_narrative_detail_items::RULE,
    &p001_perf_execution_rate::RULE,
    &p002_perf_score_from_rate::RULE,
    &p003_perf_funds_sources::RULE,
    &p004_perf_score_within_weight::RULE,
    &p005_perf_weights_total::RULE,
    &p006_perf_total_score::RULE,
    &p007_perf_deviation::RULE,
];

pub fn rule(code: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.code == code)
}

/// What `fiscal-lint rules` prints and the page shows.
#[derive(Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub doc: &'static str,
}

pub fn rule_infos() -> Vec<RuleInfo> {
    REGISTRY
        .iter()
        .map(|r| RuleInfo { code: r.code, name: r.name, title_zh: r.title_zh, title_en: r.title_en, doc: r.doc })
        .collect()
}

/// A cell position in the document (the model's: the narrative linker names cells with it too).
pub use crate::model::At;

/// The name of an identity in both languages, for the messages of its findings: a ready [`Message`], or a closure
/// that builds one. Most identities hold, so the rules that check one per row pass a closure: it is called only
/// when a finding is made.
pub trait What {
    fn message(self) -> Message;
}

impl What for Message {
    fn message(self) -> Message {
        self
    }
}

impl<F: FnOnce() -> Message> What for F {
    fn message(self) -> Message {
        self()
    }
}

/// What a rule gets: the document, and the means to record checks and findings.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    /// The form the document was matched to: it declares the identities the T-rules evaluate
    /// (`forms::identities_for`). `None`: each table takes its reader's default form.
    pub form: Option<&'a crate::forms::FormMatch>,
    rule: &'static Rule,
    pub findings: Vec<Finding>,
    /// Identities evaluated (held or not).
    pub checks: usize,
    pub not_checked: usize,
    /// Narrative claims counted by the narrative rules.
    pub claims: ClaimSummary,
    /// The parts of the sum being checked, kept between checks so that a sum allocates nothing.
    parts: Vec<(Decimal, &'a Amount)>,
}

/// The amount at a position, borrowed from the document (not from the `Ctx`).
fn amount_in(doc: &Document, at: At) -> Option<&Amount> {
    doc.tables.get(at.table)?.rows.get(at.row)?.cell(at.col)?.amount.as_ref()
}

/// The unit two or more positions are compared in when their tables state different units (a 三公 table in 万元
/// beside tables in 元): the coarsest of them. `None` when every position is in one table or one unit — the
/// common case, where figures are compared as printed.
fn mixed_unit(doc: &Document, mut ats: impl Iterator<Item = At>) -> Option<MoneyUnit> {
    let first = ats.next()?.table;
    // Most checks stay in one table: nothing is looked up for them.
    let mut others = ats.map(|a| a.table).filter(|t| *t != first).peekable();
    others.peek()?;
    let unit_of = |i: usize| doc.tables.get(i).map(|t| doc.unit_of(t));
    let own = unit_of(first)?;
    let (mut coarsest, mut mixed) = (own, false);
    for u in others.filter_map(unit_of) {
        mixed |= u != own;
        coarsest = coarsest.max(u);
    }
    mixed.then_some(coarsest)
}

/// The amount at a position in `unit` (see [`mixed_unit`]).
fn amount_as(doc: &Document, at: At, unit: MoneyUnit) -> Option<Amount> {
    let a = amount_in(doc, at)?;
    to_coarser(*a, doc.unit_of(doc.tables.get(at.table)?), unit)
}

/// An identity judged across units says so: its figures are in `unit`, not as printed.
fn in_unit(what: Message, unit: MoneyUnit) -> Message {
    Message::new(
        format!("{}（各表单位不同，按{}比较）", what.zh, unit.zh()),
        format!("{} (the tables' units differ; compared in {})", what.en, unit.en()),
    )
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document, rule: &'static Rule) -> Self {
        Ctx {
            doc,
            form: None,
            rule,
            findings: Vec::new(),
            checks: 0,
            not_checked: 0,
            claims: ClaimSummary::default(),
            parts: Vec::new(),
        }
    }

    pub fn rule_code(&self) -> &'static str {
        self.rule.code
    }

    /// The amount at a position, when the cell exists and was read.
    pub fn amount(&self, at: At) -> Option<&Amount> {
        amount_in(self.doc, at)
    }

    pub fn cell_ref(&self, at: At) -> CellRef {
        let table = &self.doc.tables[at.table];
        let row = &table.rows[at.row];
        let cell = row.cell(at.col);
        CellRef {
            table: table.id.clone(),
            table_kind: table.kind.code(),
            row: row.code.clone().unwrap_or_else(|| row.label.clone()),
            row_label: row.label.clone(),
            column: table.columns.get(at.col).map(|c| c.label.clone()).unwrap_or_default(),
            value: cell.map(|c| c.text.clone()).unwrap_or_default(),
            source: cell.map(|c| c.source).unwrap_or(row.source),
        }
    }

    /// 「支出决算表 20113 商贸事务 · 本年支出合计」: where a cell is, in words.
    pub fn describe(&self, at: At) -> (String, String) {
        let table = &self.doc.tables[at.table];
        let row = &table.rows[at.row];
        let col = table.columns.get(at.col).map(|c| c.label.as_str()).unwrap_or("");
        let row_zh = match &row.code {
            Some(code) if *code != row.label => format!("{code} {}", row.label),
            _ => row.label.clone(),
        };
        (format!("{}「{}」{}", table.name_zh(), row_zh, col), format!("{} [{}] {}", table.name_en(), row_zh, col))
    }

    /// `total = Σ parts`. `what` names the identity in both languages.
    pub fn sum(&mut self, total: At, parts: &[At], what: impl What) {
        self.sum_signed(total, parts.iter().map(|p| (1, *p)), what);
    }

    /// [`Ctx::sum`] over positions computed on the fly (a row's columns, a parent's children): the rules that check
    /// one identity per row or per column pass these without collecting them.
    pub fn sum_iter<I>(&mut self, total: At, parts: I, what: impl What)
    where
        I: Iterator<Item = At> + Clone,
    {
        self.sum_signed(total, parts.map(|p| (1, p)), what);
    }

    /// [`Ctx::signed_sum`] over positions computed on the fly.
    pub fn signed_sum_iter<I>(&mut self, total: At, parts: I, what: impl What)
    where
        I: Iterator<Item = (i8, At)> + Clone,
    {
        self.sum_signed(total, parts, what);
    }

    /// `total = Σ sign × part` (e.g. 年末 = 年初 + 收入 − 支出).
    pub fn signed_sum(&mut self, total: At, parts: &[(i8, At)], what: impl What) {
        self.sum_signed(total, parts.iter().copied(), what);
    }

    /// The one place sums are checked; a sum that holds allocates nothing and builds no message.
    fn sum_signed<I>(&mut self, total: At, parts: I, what: impl What)
    where
        I: Iterator<Item = (i8, At)> + Clone,
    {
        let doc = self.doc;
        if let Some(unit) = mixed_unit(doc, std::iter::once(total).chain(parts.clone().map(|(_, a)| a))) {
            return self.sum_in_unit(total, parts, what, unit);
        }
        let mut signed = std::mem::take(&mut self.parts);
        signed.clear();
        let mut complete = true;
        for (sign, at) in parts.clone() {
            match amount_in(doc, at) {
                Some(a) => signed.push((Decimal::from(sign), a)),
                None => complete = false,
            }
        }
        let check = match amount_in(doc, total) {
            Some(t) if complete => Some(rounding::check_sum(t, &signed)),
            _ => None,
        };
        signed.clear();
        self.parts = signed;
        let all = || std::iter::once(total).chain(parts.map(|(_, a)| a)).collect::<Vec<At>>();
        match check {
            Some(check) if check.outcome == Outcome::Exact => self.checks += 1,
            Some(check) => self.record(check, &all(), what, Severity::Error),
            None => {
                let all = all();
                let missing: Vec<At> = all.iter().copied().filter(|a| self.amount(*a).is_none()).collect();
                self.missing(&all, &missing, what)
            }
        }
    }

    /// [`Ctx::sum_signed`] for positions in tables of different units, all converted to `unit` first.
    fn sum_in_unit<I>(&mut self, total: At, parts: I, what: impl What, unit: MoneyUnit)
    where
        I: Iterator<Item = (i8, At)> + Clone,
    {
        let doc = self.doc;
        let all: Vec<At> = std::iter::once(total).chain(parts.clone().map(|(_, a)| a)).collect();
        let converted: Option<Vec<(Decimal, Amount)>> =
            parts.map(|(sign, at)| amount_as(doc, at, unit).map(|a| (Decimal::from(sign), a))).collect();
        match (amount_as(doc, total, unit), converted) {
            (Some(t), Some(parts)) => {
                let refs: Vec<(Decimal, &Amount)> = parts.iter().map(|(s, a)| (*s, a)).collect();
                let check = rounding::check_sum(&t, &refs);
                if check.outcome == Outcome::Exact {
                    self.checks += 1;
                } else {
                    self.record(check, &all, in_unit(what.message(), unit), Severity::Error);
                }
            }
            _ => {
                let missing: Vec<At> = all.iter().copied().filter(|a| self.amount(*a).is_none()).collect();
                self.missing(&all, &missing, what)
            }
        }
    }

    /// Both amounts — in one unit when their tables state different ones — or the positions of those missing
    /// (in order).
    fn pair(&self, a: At, b: At) -> Result<(Amount, Amount, Option<MoneyUnit>), Vec<At>> {
        let unit = mixed_unit(self.doc, [a, b].into_iter());
        let get = |at| match unit {
            Some(u) => amount_as(self.doc, at, u),
            None => amount_in(self.doc, at).copied(),
        };
        match (get(a), get(b)) {
            (Some(x), Some(y)) => Ok((x, y, unit)),
            (x, y) => Err([(a, x.is_none()), (b, y.is_none())].iter().filter(|m| m.1).map(|m| m.0).collect()),
        }
    }

    /// `a = b`: the same figure restated in two places.
    pub fn equal(&mut self, a: At, b: At, what: impl What) {
        let all = [a, b];
        let (x, y, unit) = match self.pair(a, b) {
            Ok(p) => p,
            Err(missing) => return self.missing(&all, &missing, what),
        };
        let check = rounding::check_equal(&x, &y);
        match unit {
            Some(u) => self.record(check, &all, in_unit(what.message(), u), Severity::Error),
            None => self.record(check, &all, what, Severity::Error),
        }
    }

    /// `small ≤ big`: a scope relation; broken is a warning, never an error.
    pub fn at_most(&mut self, small: At, big: At, what: impl What) {
        let all = [small, big];
        let (x, y, unit) = match self.pair(small, big) {
            Ok(p) => p,
            Err(missing) => return self.missing(&all, &missing, what),
        };
        let check = rounding::check_le(&x, &y);
        self.checks += 1;
        if check.outcome == Outcome::Inconsistent {
            let what = match unit {
                Some(u) => in_unit(what.message(), u),
                None => what.message(),
            };
            let f = Figures::of(&check);
            let m = Message::new(
                format!("{}：{} 大于 {}，超出 {}", what.zh, f.actual, f.expected, f.difference),
                format!("{}: {} exceeds {} by {}", what.en, f.actual, f.expected, f.difference),
            );
            self.push_check(f, &all, m, Severity::Warning, Verdict::Inconsistent);
        }
    }

    fn record(&mut self, check: SumCheck, cells: &[At], what: impl What, severity: Severity) {
        self.checks += 1;
        match check.outcome {
            Outcome::Exact => {}
            Outcome::WithinRounding => {
                let (what, f) = (what.message(), Figures::of(&check));
                let m = Message::new(
                    format!(
                        "{}：表中 {}，合计应为 {}，相差 {}，在四舍五入尾差范围内（±{}）",
                        what.zh, f.actual, f.expected, f.difference, f.tolerance
                    ),
                    format!(
                        "{}: printed {}, parts give {}, difference {} is within rounding (±{})",
                        what.en, f.actual, f.expected, f.difference, f.tolerance
                    ),
                );
                self.push_check(f, cells, m, Severity::Info, Verdict::WithinRounding);
            }
            Outcome::Inconsistent => {
                let (what, f) = (what.message(), Figures::of(&check));
                let m = Message::new(
                    format!(
                        "{}：应为 {}，表中为 {}，相差 {}，超出尾差范围（±{}）",
                        what.zh, f.expected, f.actual, f.difference, f.tolerance
                    ),
                    format!(
                        "{}: expected {}, found {}, difference {} exceeds the rounding band (±{})",
                        what.en, f.expected, f.actual, f.difference, f.tolerance
                    ),
                );
                self.push_check(f, cells, m, severity, Verdict::Inconsistent);
            }
        }
    }

    fn push_check(&mut self, f: Figures, cells: &[At], message: Message, severity: Severity, verdict: Verdict) {
        let finding = Finding {
            rule: self.rule.code,
            severity,
            verdict,
            message,
            expected: Some(f.expected),
            actual: Some(f.actual),
            difference: Some(f.difference),
            tolerance: Some(f.tolerance),
            cells: cells.iter().map(|a| self.cell_ref(*a)).collect(),
            text: None,
        };
        self.findings.push(finding);
    }

    fn missing(&mut self, all: &[At], missing: &[At], what: impl What) {
        let what = what.message();
        let (zh, en): (Vec<String>, Vec<String>) = missing.iter().map(|a| self.describe(*a)).unzip();
        self.not_checked(
            all,
            Message::new(
                format!("{}：未能核对，缺少或无法读取 {}", what.zh, zh.join("、")),
                format!("{}: not checked, missing or unreadable {}", what.en, en.join(", ")),
            ),
        );
    }

    /// A check that could not be made, with the reason.
    pub fn not_checked(&mut self, cells: &[At], message: Message) {
        self.not_checked += 1;
        let cells = cells
            .iter()
            .filter(|a| self.doc.tables.get(a.table).and_then(|t| t.rows.get(a.row)).is_some())
            .map(|a| self.cell_ref(*a))
            .collect();
        self.findings.push(Finding {
            rule: self.rule.code,
            severity: Severity::Warning,
            verdict: Verdict::NotChecked,
            message,
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            cells,
            text: None,
        });
    }

    /// Any other finding (narrative claims build their own, with text spans).
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    pub fn text_span(&self, start: u32, end: u32, excerpt: &str) -> TextSpan {
        TextSpan { start, end, excerpt: excerpt.to_string() }
    }

    /// Every table of a kind, by index.
    pub fn tables(&self, kind: TableKind) -> Vec<usize> {
        self.doc.tables.iter().enumerate().filter(|(_, t)| t.kind == kind).map(|(i, _)| i).collect()
    }
}

/// A check's figures as its finding prints them, each formatted once for both messages and the finding's fields.
struct Figures {
    expected: String,
    actual: String,
    difference: String,
    tolerance: String,
}

impl Figures {
    fn of(check: &SumCheck) -> Self {
        Figures {
            expected: check.expected.normalize_keep_scale(),
            actual: check.actual.normalize_keep_scale(),
            difference: check.difference.normalize_keep_scale(),
            tolerance: check.tolerance.normalize_keep_scale(),
        }
    }
}

/// Decimal → string keeping printed scale (`0.30`, not `0.3`).
trait KeepScale {
    fn normalize_keep_scale(&self) -> String;
}

impl KeepScale for Decimal {
    fn normalize_keep_scale(&self) -> String {
        self.to_string()
    }
}

/// The result of running every rule.
pub struct Outcomes {
    pub findings: Vec<Finding>,
    pub checks: usize,
    pub not_checked: usize,
    pub claims: ClaimSummary,
}

pub fn run_all(doc: &Document, form: Option<&crate::forms::FormMatch>) -> Outcomes {
    let mut out = Outcomes { findings: Vec::new(), checks: 0, not_checked: 0, claims: ClaimSummary::default() };
    for rule in REGISTRY {
        let mut ctx = Ctx::new(doc, rule);
        ctx.form = form;
        (rule.check)(&mut ctx);
        out.findings.append(&mut ctx.findings);
        out.checks += ctx.checks;
        out.not_checked += ctx.not_checked;
        let c = &ctx.claims;
        out.claims.found += c.found;
        out.claims.checked += c.checked;
        out.claims.consistent += c.consistent;
        out.claims.inconsistent += c.inconsistent;
        out.claims.undefined += c.undefined;
        out.claims.unresolved += c.unresolved;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut codes: Vec<&str> = REGISTRY.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), REGISTRY.len());
        for r in REGISTRY {
            assert!(
                r.doc.contains("## What") && r.doc.contains("## Why") && r.doc.contains("## Example"),
                "{}",
                r.code
            );
        }
    }
}

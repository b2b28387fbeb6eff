//! Linking and judging: each claim's operands are resolved (figures of the text, or table cells by role: T1 总计,
//! T5 类/项 rows by name, T6 人员经费合计, T9 columns …) and the claim is judged under the rounding model
//! (domain.md §5). A percentage is consistent iff the interval computed from its rounded inputs meets the interval
//! of the printed percentage; a rate on a zero base or a zero budget is undefined, and printing a number for it is
//! an error (0 % for 0 ÷ 0 is a wording warning). A rate truncated instead of rounded is a warning (domain.md §5).
//! A claim whose operands cannot be found is `not_checked`, with the reason.

use super::extract::{Claim, ClaimKind, Extracted, Operand, Rel, Role, budget_side, extract};
use super::{sat_div, sat_mul};
use crate::amount::Amount;
use crate::classification::{functional_class_code, normalize_name};
use crate::model::At;
use crate::model::{Document, DocumentKind, Part, Table, TableKind, TextBlock, keys};
use crate::report::{Message, Severity, Verdict};
use crate::rounding::{Interval, Outcome, check_equal, check_le, check_sum, ratio_percent};
use crate::unit::{MoneyUnit, to_coarser, wan_text};
use rust_decimal::{Decimal, RoundingStrategy};
use std::cell::RefCell;
use std::rc::Rc;

/// How a claim came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Consistent,
    Inconsistent,
    Undefined,
    Unresolved,
}

/// The judgement of one claim, ready to become a finding (`finding` is `None` when nothing is to be reported).
#[derive(Clone, Debug)]
pub struct Judgement {
    pub rule: &'static str,
    pub claim: usize,
    pub status: Status,
    pub finding: Option<Report>,
    pub cells: Vec<At>,
    /// Input span (Unicode chars) and the text it covers.
    pub start: u32,
    pub end: u32,
    pub excerpt: String,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub severity: Severity,
    pub verdict: Verdict,
    pub message: Message,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub difference: Option<String>,
    pub tolerance: Option<String>,
}

/// A figure of a table (or an empty table's zero), in 万元: the narrative's unit.
#[derive(Clone, Debug)]
struct Target {
    amount: Amount,
    cells: Vec<At>,
    desc: Desc,
    /// The figure as the table prints it, when the table is in another unit (「257,700 元」 / "257,700 yuan").
    printed: Option<(String, String)>,
}

impl Target {
    /// The figure for a message: 「25.77万元（表中 257,700 元）」 when the table is in another unit.
    fn text(&self) -> (String, String) {
        match &self.printed {
            Some((zh, en)) => {
                let wan = wan_text(&self.amount);
                (format!("{wan}万元（表中 {zh}）"), format!("{wan} (10k yuan; {en} in the table)"))
            }
            None => (fmt_amount(&self.amount), fmt_amount(&self.amount)),
        }
    }

    /// The figure as a number in 万元, for a finding's `expected` field and for computations' messages.
    fn number(&self) -> String {
        if self.printed.is_some() { wan_text(&self.amount) } else { fmt_amount(&self.amount) }
    }
}

/// A table figure in the narrative's unit (万元): a table printed in 元 or 千元 is converted with every digit it
/// was printed with, so its rounding band stays its own (crate::unit). A table in a coarser unit (亿元) cannot be
/// expressed in 万元 at its printed precision: its figures are not checked against the narrative.
fn in_wan(
    doc: &Document,
    t: &Table,
    amount: Amount,
    printed: &str,
) -> Result<(Amount, Option<(String, String)>), Reason> {
    let unit = doc.unit_of(t);
    if unit == MoneyUnit::WanYuan {
        return Ok((amount, None));
    }
    match to_coarser(amount, unit, MoneyUnit::WanYuan) {
        Some(a) => Ok((a, Some((format!("{printed} {}", unit.zh()), format!("{printed} {}", unit.en()))))),
        None => Err(reason(
            format!("「{}」以{}为单位，无法与情况说明中以万元表述的数字比较", t.title, unit.zh()),
            format!("{} is in {}: it cannot be compared with the narrative's figures in 10k yuan", t.title, unit.en()),
        )),
    }
}

/// Where a table figure is, named only when a message needs it.
#[derive(Clone, Debug)]
enum Desc {
    Cell(At),
    /// The table (by index) stands for zeros.
    Empty(usize),
    ThreePublic(&'static str, At),
}

/// 「支出决算表「合计」项目支出」: the place of a table figure, zh and en.
fn describe(doc: &Document, d: &Desc) -> (String, String) {
    let place = |at: &At| -> (String, String) {
        let Some(t) = doc.tables.get(at.table) else { return (String::new(), String::new()) };
        let row = t.rows.get(at.row);
        let row_zh = match row {
            Some(r) => match &r.code {
                Some(code) if *code != r.label => format!("{code} {}", r.label),
                _ => r.label.clone(),
            },
            None => String::new(),
        };
        let label = t.columns.get(at.col).map(|c| c.label.clone()).unwrap_or_default();
        (row_zh, label)
    };
    let name = |i: usize| match doc.tables.get(i) {
        Some(t) => (t.name_zh().into_owned(), t.name_en().into_owned()),
        None => (String::new(), String::new()),
    };
    match d {
        Desc::Cell(at) => {
            let (row, label) = place(at);
            let (nz, ne) = name(at.table);
            (format!("{nz}「{row}」{label}"), format!("{ne} [{row}] {label}"))
        }
        Desc::Empty(i) => {
            let (nz, ne) = name(*i);
            (format!("{nz}（空表，按 0 计）"), format!("{ne} (empty table, taken as 0)"))
        }
        Desc::ThreePublic(k, at) => {
            let (_, label) = place(at);
            let side = if k.starts_with("budget.") { "预算数" } else { "决算数" };
            let (nz, ne) = name(at.table);
            (format!("{nz} {side}「{label}」"), format!("{ne} {k}"))
        }
    }
}

type Reason = (String, String);

fn reason(zh: impl Into<String>, en: impl Into<String>) -> Reason {
    (zh.into(), en.into())
}

/// The table of a kind the narrative is checked against: the first one that was read (a table-of-contents entry
/// or a table whose header could not be mapped comes before it in some documents), else the first one.
fn table(doc: &Document, kind: TableKind) -> Option<(usize, &Table)> {
    doc.tables_of(kind).find(|(_, t)| !t.not_read()).or_else(|| doc.table(kind))
}

enum RowSel<'a> {
    Key(&'a str),
    Code(&'a str),
}

/// One cell by table kind, row and column (with its part for two-half tables). An empty table (「本表无数据」, or
/// no figure at all) stands for zeros.
fn cell(doc: &Document, kind: TableKind, row: RowSel, col: &str, part: Option<Part>) -> Result<Target, Reason> {
    let Some((ti, t)) = table(doc, kind) else {
        return Err(no_table(doc, kind));
    };
    let r = match (&row, part) {
        (RowSel::Key(k), Some(p)) => t.row_in(k, p).or_else(|| t.row(k)),
        (RowSel::Key(k), None) => t.row(k),
        (RowSel::Code(c), _) => t.row_by_code(c),
    };
    let c = match part {
        Some(p) => t.column_in(col, p).or_else(|| t.column(col)),
        None => t.column(col),
    };
    let empty = t.stands_for_zeros();
    let label = || t.columns.get(c.unwrap_or(usize::MAX)).map(|c| c.label.clone()).unwrap_or_else(|| col.to_string());
    match (r, c) {
        (Some(r), Some(c)) => {
            let at = At::new(ti, r, c);
            let row = &t.rows[r];
            match row.cell(c).and_then(|x| x.amount.map(|a| (a, x.text.as_str()))) {
                Some((a, printed)) => {
                    let (amount, printed) = in_wan(doc, t, a, printed)?;
                    Ok(Target { amount, cells: vec![at], desc: Desc::Cell(at), printed })
                }
                None if empty => Ok(empty_target(ti)),
                None => Err({
                    let (row_zh, label) = (row.label.clone(), label());
                    reason(
                        format!("{}「{}」{} 无法读取", t.name_zh(), row_zh, label),
                        format!("{} [{}] {} could not be read", t.name_en(), row_zh, label),
                    )
                }),
            }
        }
        _ if empty => Ok(empty_target(ti)),
        _ if t.not_read() => Err(not_read(t)),
        _ => Err({
            let label = label();
            reason(
                format!("{}中未找到对应的行或列（{}）", t.name_zh(), label),
                format!("the row or column ({label}) was not found in the {}", t.name_en()),
            )
        }),
    }
}

/// No table of the kind a figure needs: named as the document's kind names it (a budget's 收入预算总表, not 收入决算表).
fn no_table(doc: &Document, kind: TableKind) -> Reason {
    let name = if doc.kind == DocumentKind::Budget { kind.budget_name_zh() } else { kind.name_zh() };
    reason(format!("文件中未识别到{name}"), format!("no {} was recognised in the document", kind.name_en()))
}

fn empty_target(table: usize) -> Target {
    Target { amount: Amount::exact_zero(), cells: Vec::new(), desc: Desc::Empty(table), printed: None }
}

/// A table found by its title whose header could not be mapped: it was not read, so nothing is judged against it.
fn not_read(t: &Table) -> Reason {
    reason(
        format!("「{}」的表头未能对应到栏目，该表未读取、未核对", t.title),
        format!("the header of {} could not be mapped to its columns: the table was not read or checked", t.title),
    )
}

fn first_ok(a: Result<Target, Reason>, b: impl FnOnce() -> Result<Target, Reason>) -> Result<Target, Reason> {
    match a {
        Ok(t) => Ok(t),
        Err(e) => b().map_err(|_| e),
    }
}

/// The table figure(s) a role restates. Several when the text restates two cells at once (收、支总计).
fn resolve(doc: &Document, role: &Role) -> Result<Vec<Target>, Reason> {
    use RowSel::{Code, Key};
    let one = |t: Result<Target, Reason>| t.map(|t| vec![t]);
    match role {
        Role::GrandTotal => Ok(vec![
            cell(doc, TableKind::Summary, Key(keys::INCOME_GRAND_TOTAL), keys::AMOUNT, Some(Part::Income))?,
            cell(doc, TableKind::Summary, Key(keys::EXPENDITURE_GRAND_TOTAL), keys::AMOUNT, Some(Part::Expenditure))?,
        ]),
        Role::FiscalGrandTotal => Ok(vec![
            cell(doc, TableKind::FiscalSummary, Key(keys::INCOME_GRAND_TOTAL), keys::AMOUNT, Some(Part::Income))?,
            cell(
                doc,
                TableKind::FiscalSummary,
                Key(keys::EXPENDITURE_GRAND_TOTAL),
                keys::TOTAL,
                Some(Part::Expenditure),
            )?,
        ]),
        Role::IncomeTotal => one(first_ok(
            cell(doc, TableKind::Summary, Key(keys::INCOME_TOTAL), keys::AMOUNT, Some(Part::Income)),
            || cell(doc, TableKind::Income, Key(keys::GRAND_TOTAL), keys::TOTAL, None),
        )),
        Role::ExpTotal => one(first_ok(
            cell(doc, TableKind::Summary, Key(keys::EXPENDITURE_TOTAL), keys::AMOUNT, Some(Part::Expenditure)),
            || cell(doc, TableKind::Expenditure, Key(keys::GRAND_TOTAL), keys::TOTAL, None),
        )),
        // A source the income table does not print as a column (Jiangsu's 收入预算总表 lists sources down its rows):
        // the summary's row of that source (「财政专户管理资金收入预算总计…」 → 收支预算总表 二、财政专户管理资金).
        Role::IncomeSource(k) => one(first_ok(cell(doc, TableKind::Income, Key(keys::GRAND_TOTAL), k, None), || {
            let row = if *k == keys::FISCAL_GRANT { keys::INCOME_FISCAL } else { k };
            cell(doc, TableKind::Summary, Key(row), keys::AMOUNT, Some(Part::Income))
        })),
        Role::Basic => one(cell(doc, TableKind::Expenditure, Key(keys::GRAND_TOTAL), keys::BASIC, None)),
        Role::Project => one(cell(doc, TableKind::Expenditure, Key(keys::GRAND_TOTAL), keys::PROJECT, None)),
        Role::GbTotal => {
            one(first_ok(cell(doc, TableKind::GeneralBudget, Key(keys::GRAND_TOTAL), keys::TOTAL, None), || {
                cell(
                    doc,
                    TableKind::FiscalSummary,
                    Key(keys::EXPENDITURE_TOTAL),
                    keys::GENERAL_BUDGET,
                    Some(Part::Expenditure),
                )
            }))
        }
        // A budget's 财政拨款收支预算总表 has no closing balance: its 支出总计 is the year's 财政拨款支出.
        Role::FiscalExpTotal => one(first_ok(
            cell(doc, TableKind::FiscalSummary, Key(keys::EXPENDITURE_TOTAL), keys::TOTAL, Some(Part::Expenditure)),
            || {
                if doc.kind != DocumentKind::Budget {
                    return Err(reason("", ""));
                }
                cell(
                    doc,
                    TableKind::FiscalSummary,
                    Key(keys::EXPENDITURE_GRAND_TOTAL),
                    keys::TOTAL,
                    Some(Part::Expenditure),
                )
            },
        )),
        Role::GbBasic => one(cell(doc, TableKind::GeneralBudget, Key(keys::GRAND_TOTAL), keys::BASIC, None)),
        Role::GbProject => one(cell(doc, TableKind::GeneralBudget, Key(keys::GRAND_TOTAL), keys::PROJECT, None)),
        Role::Class(name) => {
            let code = functional_class_code(name).map(str::to_string).or_else(|| {
                let (_, t) = table(doc, TableKind::GeneralBudget)?;
                let n = normalize_name(name);
                t.rows
                    .iter()
                    .find(|r| r.code.as_ref().is_some_and(|c| c.len() == 3) && normalize_name(&r.label) == n)
                    .and_then(|r| r.code.clone())
            });
            match code {
                Some(code) => one(cell(doc, TableKind::GeneralBudget, Code(&code), keys::TOTAL, None)),
                None => Err(reason(format!("未找到名为「{name}」的类"), format!("no 类 named {name}"))),
            }
        }
        Role::Item { class, kuan, item } => {
            let Some((_, t)) = table(doc, TableKind::GeneralBudget) else {
                return Err(no_table(doc, TableKind::GeneralBudget));
            };
            let name_of =
                |code: &str| t.rows.iter().find(|r| r.code.as_deref() == Some(code)).map(|r| normalize_name(&r.label));
            let (nc, nk, ni) = (normalize_name(class), normalize_name(kuan), normalize_name(item));
            let mut best: Vec<(u8, String)> = Vec::new();
            for r in &t.rows {
                let Some(code) = r.code.as_deref().filter(|c| c.len() == 7) else { continue };
                // The 项 name must match (score 4); only then are its 款 and 类 looked at.
                if normalize_name(&r.label) != ni {
                    continue;
                }
                let mut score = 4u8;
                if code.get(..5).and_then(name_of).is_some_and(|n| n == nk) {
                    score += 2;
                }
                if code.get(..3).and_then(name_of).is_some_and(|n| n == nc)
                    || code.get(..3).is_some_and(|c| functional_class_code(&nc) == Some(c))
                {
                    score += 1;
                }
                if score >= 6 || score == 5 {
                    best.push((score, code.to_string()));
                }
            }
            best.sort_by(|a, b| b.0.cmp(&a.0));
            match best.as_slice() {
                [(s, code), rest @ ..] if rest.first().is_none_or(|(s2, _)| s2 < s) => {
                    one(cell(doc, TableKind::GeneralBudget, Code(code), keys::TOTAL, None))
                }
                [] => Err(reason(
                    format!("{}中未找到「{class}/{kuan}/{item}」对应的项级科目", t.name_zh()),
                    format!("no 项 row named {class} / {kuan} / {item} in the general budget table"),
                )),
                _ => Err(reason(
                    format!("「{class}/{kuan}/{item}」对应多个项级科目，无法确定"),
                    format!("{class} / {kuan} / {item} matches several rows"),
                )),
            }
        }
        Role::Personnel => one(cell(doc, TableKind::BasicDetail, Key(keys::PERSONNEL_TOTAL), keys::AMOUNT, None)),
        // A budget's 机关运行经费预算 is a column of the 「三公」经费和机关运行经费预算表, not the 公用经费 of the
        // economic table.
        Role::Operating if doc.kind == DocumentKind::Budget => three_public_cell(doc, TP_BUDGET_OPERATING),
        Role::Public | Role::Operating => {
            one(cell(doc, TableKind::BasicDetail, Key(keys::PUBLIC_TOTAL), keys::AMOUNT, None))
        }
        Role::GovFundExp => {
            one(first_ok(cell(doc, TableKind::GovFund, Key(keys::GRAND_TOTAL), keys::TOTAL, None), || {
                cell(
                    doc,
                    TableKind::FiscalSummary,
                    Key(keys::EXPENDITURE_TOTAL),
                    keys::GOV_FUND,
                    Some(Part::Expenditure),
                )
            }))
        }
        Role::StateCapitalExp => {
            one(first_ok(cell(doc, TableKind::StateCapital, Key(keys::GRAND_TOTAL), keys::TOTAL, None), || {
                cell(
                    doc,
                    TableKind::FiscalSummary,
                    Key(keys::EXPENDITURE_TOTAL),
                    keys::STATE_CAPITAL,
                    Some(Part::Expenditure),
                )
            }))
        }
        Role::ThreePublic(k) => three_public_cell(doc, k),
        Role::Budget
        | Role::ReceptionForeign
        | Role::ReceptionDomestic
        | Role::ProcTotal
        | Role::ProcGoods
        | Role::ProcWorks
        | Role::ProcServices
        | Role::ProcSme
        | Role::ProcMicro => Err(reason("决算表中没有对应的数字", "the tables have no figure for this")),
    }
}

/// The column of the 「三公」经费和机关运行经费预算表 holding the 机关运行经费预算数, when a reader maps it.
const TP_BUDGET_OPERATING: &str = "budget.operating";

/// A figure of the 「三公」 table (a 决算's, or a budget's 「三公」经费和机关运行经费预算表 with its 机关运行经费 column):
/// its one data row, in the column of `k`.
fn three_public_cell(doc: &Document, k: &'static str) -> Result<Vec<Target>, Reason> {
    let Some((ti, t)) = table(doc, TableKind::ThreePublic) else {
        return Err(no_table(doc, TableKind::ThreePublic));
    };
    // A budget's 三公 table has only 预算数: the figure the narrative states is that one.
    let k = if t.is_budget_table() { budget_side(k) } else { k };
    let c = t.column(k);
    let r = t.rows.iter().position(|r| c.and_then(|c| r.cell(c)).is_some());
    match (r, c) {
        (Some(r), Some(c)) => match t.rows[r].cell(c).and_then(|x| x.amount.map(|a| (a, x.text.as_str()))) {
            Some((a, printed)) => {
                let at = At::new(ti, r, c);
                let (amount, printed) = in_wan(doc, t, a, printed)?;
                Ok(vec![Target { amount, cells: vec![at], desc: Desc::ThreePublic(k, at), printed }])
            }
            None => Err(reason(
                format!("{}的该项无法读取", t.name_zh()),
                format!("that cell of {} could not be read", t.name_en()),
            )),
        },
        _ if t.stands_for_zeros() => Ok(vec![empty_target(ti)]),
        _ if t.not_read() => Err(not_read(t)),
        _ => Err(reason(format!("{}中未找到该列", t.name_zh()), format!("column not found in {}", t.name_en()))),
    }
}

/// What a figure restates, in the document's words: a budget document's figures are 预算数, never 决算数.
fn role_words(doc: &Document, role: &Role) -> String {
    let words = role.zh();
    if doc.kind == DocumentKind::Budget { words.replace("决算数", "预算数") } else { words }
}

/// A value to compute with: the amount, the cells behind it, how to name it.
struct Val {
    amount: Amount,
    cells: Vec<At>,
    text: String,
}

struct Linker<'a> {
    doc: &'a Document,
    ex: &'a Extracted,
    /// Role of each figure that restates a table cell (from the Figure claims).
    roles: Vec<Option<Role>>,
    /// Roles already resolved (a 项 is looked up for its figure, its completion rate and its direction phrase).
    resolved: RefCell<Vec<(Role, Result<Vec<Target>, Reason>)>>,
}

impl Linker<'_> {
    fn resolve(&self, role: &Role) -> Result<Vec<Target>, Reason> {
        if let Ok(cache) = self.resolved.try_borrow() {
            if let Some((_, r)) = cache.iter().find(|(k, _)| k == role) {
                return r.clone();
            }
        }
        let r = resolve(self.doc, role);
        if let Ok(mut cache) = self.resolved.try_borrow_mut() {
            cache.push((role.clone(), r.clone()));
        }
        r
    }

    fn val(&self, op: &Operand) -> Result<Val, Reason> {
        match op {
            Operand::Num(i) => {
                let n = self.ex.nums.get(*i).ok_or_else(|| reason("内部错误", "internal error"))?;
                let targets = match self.roles.get(*i).and_then(|r| r.as_ref()) {
                    Some(r) => self.resolve(r).unwrap_or_default(),
                    None => Vec::new(),
                };
                let cells = targets.iter().flat_map(|t| t.cells.iter().copied()).collect();
                // 「361 万元」 restating a cell of 361.00: the cell's finer figure is the input (when they agree).
                if let [t] = targets.as_slice() {
                    let finer = t.amount.scale.unwrap_or(0) > n.value.scale.unwrap_or(0) && !t.cells.is_empty();
                    if finer && check_equal(&n.value, &t.amount).outcome != Outcome::Inconsistent {
                        return Ok(Val { amount: t.amount, cells, text: t.number() });
                    }
                }
                // Counts are exact (3 辆 is not [2.5, 3.5]).
                let amount =
                    if n.unit == super::Unit::Count { Amount { value: n.value.value, scale: None } } else { n.value };
                Ok(Val { amount, cells, text: n.number.clone() })
            }
            Operand::Role(r) => {
                let t = self.resolve(r)?.into_iter().next().ok_or_else(|| reason("未找到", "not found"))?;
                Ok(Val { text: t.number(), amount: t.amount, cells: t.cells })
            }
        }
    }

    fn num(&self, i: usize) -> Option<&super::Num> {
        self.ex.nums.get(i)
    }
}

fn fmt_amount(a: &Amount) -> String {
    match a.scale {
        None => "0".into(),
        Some(_) => a.printed(),
    }
}

fn pct_text(v: Decimal, scale: u32) -> String {
    let s = scale.max(2);
    // Rounded first (half away from zero), then printed with `amount::fixed` (no width overflow on long figures).
    crate::amount::fixed(v.round_dp_with_strategy(s, RoundingStrategy::MidpointAwayFromZero), s)
}

/// The band a printed rate may differ from the computed one by: half the width of the interval computed from the
/// rounded inputs, plus half a unit of the printed rate's last decimal.
pub(crate) fn band(lo: Decimal, hi: Decimal, printed_half: Decimal) -> String {
    let half = sat_div(hi.checked_sub(lo).unwrap_or(Decimal::MAX), Decimal::TWO);
    half.checked_add(printed_half).unwrap_or(Decimal::MAX).round_dp(4).normalize().to_string()
}

fn mk(severity: Severity, verdict: Verdict, zh: String, en: String) -> Report {
    Report {
        severity,
        verdict,
        message: Message::new(zh, en),
        expected: None,
        actual: None,
        difference: None,
        tolerance: None,
    }
}

/// Extracts the claims of a document and judges each one.
pub fn analyze(doc: &Document) -> (Rc<Extracted>, Vec<Judgement>) {
    judge_claims(doc, None)
}

/// Judges only the claims a rule owns (the extraction itself is shared between the rules of one document).
pub fn analyze_rule(doc: &Document, code: &str) -> (Rc<Extracted>, Vec<Judgement>) {
    judge_claims(doc, Some(code))
}

thread_local! {
    /// The last narrative extracted and its claims: the seven C rules run on the same document one after another.
    static CACHE: RefCell<Option<(Vec<TextBlock>, DocumentKind, Option<u32>, Rc<Extracted>)>> =
        const { RefCell::new(None) };
}

/// Forgets the cached extraction (benchmarks measure the extraction itself).
pub fn clear_cache() {
    CACHE.with(|c| {
        if let Ok(mut cache) = c.try_borrow_mut() {
            *cache = None;
        }
    });
}

/// Claim extraction depends only on `doc.narrative` and, for a budget, its kind and year: reuse it when they are
/// the same.
pub fn extract_cached(doc: &Document) -> Rc<Extracted> {
    CACHE.with(|c| {
        if let Ok(cache) = c.try_borrow() {
            if let Some((n, kind, year, ex)) = cache.as_ref() {
                if *kind == doc.kind && *year == doc.year && *n == doc.narrative {
                    return ex.clone();
                }
            }
        }
        let ex = Rc::new(extract(doc));
        if let Ok(mut cache) = c.try_borrow_mut() {
            *cache = Some((doc.narrative.clone(), doc.kind, doc.year, ex.clone()));
        }
        ex
    })
}

fn judge_claims(doc: &Document, code: Option<&str>) -> (Rc<Extracted>, Vec<Judgement>) {
    let ex = extract_cached(doc);
    let mut roles: Vec<Option<Role>> = vec![None; ex.nums.len()];
    for c in &ex.claims {
        if let ClaimKind::Figure { num, role } = &c.kind {
            if let Some(slot) = roles.get_mut(*num) {
                *slot = Some(role.clone());
            }
        }
    }
    let linker = Linker { doc, ex: &ex, roles, resolved: RefCell::new(Vec::new()) };
    let mut out = Vec::with_capacity(ex.claims.len());
    for (ci, c) in ex.claims.iter().enumerate() {
        if code.is_some_and(|code| c.rule() != code) {
            continue;
        }
        let (status, finding, cells) = judge(&linker, c);
        let (js, je) = ex.range(c);
        let (start, end) = ex.text.span(js, je);
        out.push(Judgement {
            rule: c.rule(),
            claim: ci,
            status,
            finding,
            cells,
            start,
            end,
            excerpt: excerpt(ex.text.slice(js, je)),
        });
    }
    drop(linker);
    (ex, out)
}

/// The excerpt of a span: whole when short, else its beginning and end (the span itself stays exact).
fn excerpt(s: String) -> String {
    let n = s.chars().count();
    if n <= 120 {
        return s;
    }
    let head: String = s.chars().take(50).collect();
    let tail: String = s.chars().skip(n - 40).collect();
    format!("{head}……{tail}")
}

type Judged = (Status, Option<Report>, Vec<At>);

fn unresolved(r: Reason, what_zh: &str, what_en: &str) -> Judged {
    (
        Status::Unresolved,
        Some(mk(
            Severity::Info,
            Verdict::NotChecked,
            format!("{what_zh}：未能核对，{}", r.0),
            format!("{what_en}: not checked, {}", r.1),
        )),
        Vec::new(),
    )
}

fn judge(l: &Linker, c: &Claim) -> Judged {
    match &c.kind {
        ClaimKind::Figure { num, role } => figure(l, *num, role),
        ClaimKind::Share { part, whole, pct } => share(l, part, whole, *pct),
        ClaimKind::Growth { current, delta, up, rate } => growth(l, *current, *delta, *up, *rate),
        ClaimKind::Flat { delta } => flat(l, *delta),
        ClaimKind::Change { current, prior, up, rate } => change(l, *current, *prior, *up, *rate),
        ClaimKind::Completion { budget, actual, pct } => completion(l, budget.as_ref(), actual.as_ref(), *pct),
        ClaimKind::Direction { budget, actual, rel, .. } => direction(l, budget.as_ref(), actual.as_ref(), *rel),
        ClaimKind::Sum { total, parts, scope, what_zh, what_en } => sum(l, total, parts, *scope, what_zh, what_en),
        ClaimKind::AtMost { small, big } => at_most(l, small, big),
        ClaimKind::CountWithAmount { count, amount } => count_with_amount(l, *count, amount),
        ClaimKind::ProjectCount { num } => project_count(l, *num),
        ClaimKind::ProjectScore { num, name } => project_score(l, *num, name),
        ClaimKind::Average { num, parts } => average(l, *num, parts),
        ClaimKind::ScorePair { weight, score } => score_pair(l, *weight, *score),
        ClaimKind::Unresolved { num, unit, reason_zh, reason_en } => {
            let t = l.num(*num).map(|n| n.text.clone()).unwrap_or_default();
            // A budget's figures the tables do not hold are the prior year's (上年预算数, 上年执行数), not 决算 ones.
            let r = if l.doc.kind == DocumentKind::Budget && *unit == super::Unit::Wan {
                reason(
                    "未能将该金额与已读取的表格中的数字对应（如上年预算数、上年执行数不在表中）",
                    "this amount could not be tied to a cell of the tables read (prior-year figures are not in them)",
                )
            } else {
                reason(*reason_zh, *reason_en)
            };
            unresolved(r, &format!("文中「{t}」"), &format!("“{t}” in the text"))
        }
    }
}

fn figure(l: &Linker, num: usize, role: &Role) -> Judged {
    let Some(n) = l.num(num) else { return (Status::Unresolved, None, Vec::new()) };
    let words = role_words(l.doc, role);
    let what = || (format!("文中{words} {}", n.text), format!("{words} {} in the text", n.text));
    let targets = match l.resolve(role) {
        Ok(t) => t,
        Err(r) => {
            let (what_zh, what_en) = what();
            return unresolved(r, &what_zh, &what_en);
        }
    };
    let cells: Vec<At> = targets.iter().flat_map(|t| t.cells.clone()).collect();
    let soft = *role == Role::Operating;
    let mut worst: Option<(Outcome, &Target, crate::rounding::SumCheck)> = None;
    for t in &targets {
        let chk = check_equal(&n.value, &t.amount);
        let rank = |o: Outcome| match o {
            Outcome::Exact => 0,
            Outcome::WithinRounding => 1,
            Outcome::Inconsistent => 2,
        };
        if worst.as_ref().is_none_or(|(o, _, _)| rank(chk.outcome) > rank(*o)) {
            worst = Some((chk.outcome, t, chk));
        }
    }
    let Some((outcome, t, chk)) = worst else { return (Status::Consistent, None, cells) };
    if outcome == Outcome::Exact || (outcome == Outcome::WithinRounding && converted_exactly(&n.value, &targets)) {
        return (Status::Consistent, None, cells);
    }
    let (zh_ctx, en_ctx) = describe(l.doc, &t.desc);
    let (what_zh, what_en) = what();
    let (table_val, table_val_en) = t.text();
    let report = |severity, verdict, zh: String, en: String| {
        let mut r = mk(severity, verdict, zh, en);
        r.expected = Some(t.number());
        r.actual = Some(n.number.clone());
        r.difference = Some(chk.difference.to_string());
        r.tolerance = Some(chk.tolerance.to_string());
        r
    };
    match outcome {
        Outcome::Exact => (Status::Consistent, None, cells),
        Outcome::WithinRounding => (
            Status::Consistent,
            Some(report(
                Severity::Info,
                Verdict::WithinRounding,
                format!("{what_zh}，{zh_ctx} 为 {table_val}，相差 {}，在尾差范围内", chk.difference),
                format!("{what_en}; {en_ctx} is {table_val_en}, difference {} is within rounding", chk.difference),
            )),
            cells,
        ),
        Outcome::Inconsistent => {
            let (sev, zh_note, en_note) = if soft {
                (
                    Severity::Warning,
                    "（机关运行经费通常等于公用经费合计）",
                    " (usually equal to the public expenses total)",
                )
            } else {
                (Severity::Error, "", "")
            };
            (
                Status::Inconsistent,
                Some(report(
                    sev,
                    Verdict::Inconsistent,
                    format!("{what_zh}，但{zh_ctx} 为 {table_val}，相差 {}{zh_note}", chk.difference),
                    format!("{what_en}, but {en_ctx} is {table_val_en}, difference {}{en_note}", chk.difference),
                )),
                cells,
            )
        }
    }
}

/// 「25.78万元」 for a cell of 257,750 元: the narrative states the table's figure in its own unit, rounded to the
/// decimals it prints (either way at a tie) — a conversion, not a rounding gap to report.
fn converted_exactly(n: &Amount, targets: &[Target]) -> bool {
    let Some(dp) = n.scale else { return false };
    targets.iter().all(|t| {
        t.printed.is_some()
            && [RoundingStrategy::MidpointAwayFromZero, RoundingStrategy::MidpointTowardZero]
                .iter()
                .any(|s| t.amount.value.round_dp_with_strategy(dp, *s) == n.value)
    })
}

/// What to say about a rate that has no value: why it is undefined, and how to word it when both operands are 0.
struct Undefined<'a> {
    why_zh: &'a str,
    why_en: &'a str,
    /// 「均为0，建议表述为…」: for a 0 ÷ 0 printed as 0 %.
    both_zero_zh: &'a str,
    both_zero_en: &'a str,
}

/// A rate printed for 0 ÷ 0 as 0 % (「占…的0.00%」, 「完成预算的0%」, 「增长0%」 on two zeros) states nothing false: it
/// is a wording problem, a warning. Any other figure on a zero base (「增长100%」, 「完成预算的100%」) is an error.
fn undefined_rate(
    num_zero: bool,
    den_zero: bool,
    pct: &super::Num,
    (both_zero_zh, both_zero_en): (&str, &str),
    zh: String,
    en: String,
) -> Report {
    let both_zero = num_zero && den_zero && pct.value.value.is_zero();
    let mut r = if both_zero {
        mk(Severity::Warning, Verdict::Undefined, format!("{zh}；{both_zero_zh}"), format!("{en}; {both_zero_en}"))
    } else {
        mk(Severity::Error, Verdict::Undefined, zh, en)
    };
    r.actual = Some(pct.number.clone());
    r
}

/// A printed rate outside the interval computed from its inputs: an error with the arithmetic, or a warning when it
/// is the computed rate truncated instead of rounded at the printed decimals (one unit off in the last digit).
fn rate_miss(iv: Interval, exact: Decimal, pct: &super::Num, head_zh: &str, head_en: &str) -> Report {
    let scale = pct.value.scale.unwrap_or(2);
    let shown = pct_text(exact, scale);
    let diff = pct.value.value - exact.round_dp_with_strategy(scale.max(2), RoundingStrategy::MidpointAwayFromZero);
    let mut r = if crate::rounding::truncated(&iv, &pct.value) {
        // Two more decimals than printed show where the cut was (9.5575 → 9.55).
        let long = pct_text(exact, scale + 2);
        mk(
            Severity::Warning,
            Verdict::Inconsistent,
            format!("{head_zh} = {long}%，文中为 {}，疑为截尾而非四舍五入：应为 {shown}%", pct.text),
            format!(
                "{head_en} = {long}%, the text says {}: looks truncated, not rounded; should be {shown}%",
                pct.text
            ),
        )
    } else {
        mk(
            Severity::Error,
            Verdict::Inconsistent,
            format!("{head_zh} = {shown}%，文中为 {}", pct.text),
            format!("{head_en} = {shown}%, the text says {}", pct.text),
        )
    };
    r.expected = Some(shown);
    r.actual = Some(pct.number.clone());
    r.difference = Some(diff.to_string());
    r.tolerance = Some(band(iv.lo, iv.hi, pct.value.half_width()));
    r
}

/// Judges a printed percentage against the interval of num ÷ den (both as printed).
fn rate_check(
    num: &Val,
    den: &Val,
    pct: &super::Num,
    what_zh: &str,
    what_en: &str,
    u: &Undefined,
) -> (Status, Option<Report>) {
    let printed = Interval::of(&pct.value);
    match ratio_percent(&num.amount, &den.amount) {
        None => (
            Status::Undefined,
            Some(undefined_rate(
                num.amount.value.is_zero(),
                den.amount.value.is_zero(),
                pct,
                (u.both_zero_zh, u.both_zero_en),
                format!("{what_zh}：{}，{} ÷ {} 无意义，文中却写 {}", u.why_zh, num.text, den.text, pct.text),
                format!(
                    "{what_en}: {}, {} / {} is undefined, yet the text prints {}",
                    u.why_en, num.text, den.text, pct.text
                ),
            )),
        ),
        Some(iv) if iv.meets(&printed) => (Status::Consistent, None),
        Some(iv) => {
            let exact = sat_div(sat_mul(num.amount.value, Decimal::ONE_HUNDRED), den.amount.value);
            let r = rate_miss(
                iv,
                exact,
                pct,
                &format!("{what_zh}：{} ÷ {}", num.text, den.text),
                &format!("{what_en}: {} / {}", num.text, den.text),
            );
            (Status::Inconsistent, Some(r))
        }
    }
}

fn share(l: &Linker, part: &Operand, whole: &Operand, pct: usize) -> Judged {
    let Some(p) = l.num(pct) else { return (Status::Unresolved, None, Vec::new()) };
    let what_zh = format!("占比 {}", p.text);
    let what_en = format!("share {}", p.text);
    let (a, b) = match (l.val(part), l.val(whole)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(r), _) | (_, Err(r)) => return unresolved(r, &what_zh, &what_en),
    };
    let mut cells = a.cells.clone();
    cells.extend(b.cells.iter().copied());
    let u = Undefined {
        why_zh: "总数为 0，占比无定义",
        why_en: "the whole is 0, so the share is undefined",
        both_zero_zh: "部分与总数均为0，建议表述为“该项为0”，不写占比",
        both_zero_en: "part and whole are both 0: better worded as “none”, without a share",
    };
    let (s, r) = rate_check(&a, &b, p, &what_zh, &what_en, &u);
    (s, r, cells)
}

fn completion(l: &Linker, budget: Option<&Operand>, actual: Option<&Operand>, pct: usize) -> Judged {
    let Some(p) = l.num(pct) else { return (Status::Unresolved, None, Vec::new()) };
    let what_zh = format!("预算完成率 {}", p.text);
    let what_en = format!("budget completion rate {}", p.text);
    let (Some(budget), Some(actual)) = (budget, actual) else {
        return unresolved(
            reason("未找到对应的预算数或决算数", "the budget or the final figure was not found"),
            &what_zh,
            &what_en,
        );
    };
    let (b, a) = match (l.val(budget), l.val(actual)) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(r), _) | (_, Err(r)) => return unresolved(r, &what_zh, &what_en),
    };
    let mut cells = a.cells.clone();
    cells.extend(b.cells.iter().copied());
    let why_zh = format!("预算数为 {}，完成率无定义", b.text);
    let why_en = format!("the budget is {}, so the completion rate is undefined", b.text);
    let u = Undefined {
        why_zh: &why_zh,
        why_en: &why_en,
        both_zero_zh: "预算数与决算数均为0，建议表述为“未安排预算，也未发生支出”，不写完成率",
        both_zero_en: "budget and final figure are both 0: better worded as “no budget and no spending”, without a \
                       completion rate",
    };
    let (s, r) = rate_check(&a, &b, p, &what_zh, &what_en, &u);
    (s, r, cells)
}

fn growth(l: &Linker, current: Option<usize>, delta: usize, up: bool, rate: Option<(usize, bool)>) -> Judged {
    let Some(d) = l.num(delta) else { return (Status::Unresolved, None, Vec::new()) };
    let word = if up { "增加" } else { "减少" };
    let what_zh = format!("较上年{word} {}", d.text);
    let what_en = format!("year-on-year change {} ({})", d.text, if up { "increase" } else { "decrease" });
    let Some((ri, rate_up)) = rate else {
        let r = if l.doc.kind == DocumentKind::Budget {
            reason(
                "上年预算数（执行数）不在预算表中，文中也未给出增减率，增减额无法核对",
                "the prior year's budget (or outturn) is not in the budget tables and no rate is given: the change \
                 cannot be checked",
            )
        } else {
            reason("上年数不在决算表中，且未给出增减率", "the prior year is not in the tables and no rate is given")
        };
        return unresolved(r, &what_zh, &what_en);
    };
    let Some(p) = l.num(ri) else { return (Status::Unresolved, None, Vec::new()) };
    let Some(cur) = current.and_then(|c| l.num(c)) else {
        return unresolved(reason("未找到本年数", "the current-year figure was not found"), &what_zh, &what_en);
    };
    let cells = l.val(&Operand::Num(current.unwrap_or(0))).map(|v| v.cells).unwrap_or_default();
    if rate_up != up {
        let r = mk(
            Severity::Error,
            Verdict::Inconsistent,
            format!(
                "增减方向矛盾：文中先写{word} {}，后写{} {}",
                d.text,
                if rate_up { "增长" } else { "下降" },
                p.text
            ),
            format!(
                "contradictory direction: the change {} is an {}, the rate {} a {}",
                d.text,
                if up { "increase" } else { "decrease" },
                p.text,
                if rate_up { "rise" } else { "fall" }
            ),
        );
        return (Status::Inconsistent, Some(r), cells);
    }
    let c = Interval::of(&cur.value);
    let dv = Interval::of(&d.value);
    let prior = if up {
        Interval { lo: c.lo - dv.hi, hi: c.hi - dv.lo }
    } else {
        Interval { lo: c.lo + dv.lo, hi: c.hi + dv.hi }
    };
    let prior_v = if up { cur.value.value - d.value.value } else { cur.value.value + d.value.value };
    let sign = if up { "−" } else { "+" };
    let printed = Interval::of(&p.value);
    if prior.lo <= Decimal::ZERO && prior.hi >= Decimal::ZERO {
        let r = undefined_rate(
            d.value.value.is_zero(),
            prior_v.is_zero(),
            p,
            (
                "本年与上年均为0，建议表述为“与上年持平（均为0）”，不写增减率",
                "this year and the prior year are both 0: better worded as “unchanged (both 0)”, without a rate",
            ),
            format!(
                "{what_zh}：上年数为 {} {sign} {} = {}，以 0 为基数的增减率无定义，文中却写 {}",
                cur.number, d.number, prior_v, p.text
            ),
            format!(
                "{what_en}: the prior year is {} {sign} {} = {}, a rate on a zero base is undefined, yet the text prints {}",
                cur.number, d.number, prior_v, p.text
            ),
        );
        return (Status::Undefined, Some(r), cells);
    }
    let h = Decimal::ONE_HUNDRED;
    let cands =
        [sat_div(dv.lo, prior.lo), sat_div(dv.lo, prior.hi), sat_div(dv.hi, prior.lo), sat_div(dv.hi, prior.hi)];
    let lo = sat_mul(cands.iter().copied().min().unwrap_or_default(), h);
    let hi = sat_mul(cands.iter().copied().max().unwrap_or_default(), h);
    let iv = Interval { lo, hi };
    if iv.meets(&printed) {
        return (Status::Consistent, None, cells);
    }
    let exact = sat_div(sat_mul(d.value.value, h), prior_v);
    let r = rate_miss(
        iv,
        exact,
        p,
        &format!("{what_zh}：{} ÷ ({} {sign} {}) = {} ÷ {}", d.number, cur.number, d.number, d.number, prior_v),
        &format!("{what_en}: {} / ({} {sign} {}) = {} / {}", d.number, cur.number, d.number, d.number, prior_v),
    );
    (Status::Inconsistent, Some(r), cells)
}

/// A budget's change stated with the prior-year figure: Δ = C − P, p = Δ ÷ P, the direction word by the sign of Δ,
/// 持平 only when C = P (each within rounding). The rate is judged as every rate (`rate_miss`, `undefined_rate`).
fn change(l: &Linker, current: usize, prior: usize, up: Option<bool>, rate: Option<usize>) -> Judged {
    let (Some(_), Some(pn)) = (l.num(current), l.num(prior)) else { return (Status::Unresolved, None, Vec::new()) };
    // 「2023年当年预算执行数为」: the prior year's outturn; else its budget.
    let before = l.ex.text.slice(pn.js.saturating_sub(12), pn.js);
    let (pw_zh, pw_en) = if before.contains("执行") {
        ("上年执行数", "prior-year outturn")
    } else {
        ("上年预算数", "prior-year budget")
    };
    let (c, p) = match (l.val(&Operand::Num(current)), l.val(&Operand::Num(prior))) {
        (Ok(c), Ok(p)) => (c, p),
        (Err(r), _) | (_, Err(r)) => return unresolved(r, "较上年增减", "change on the prior year"),
    };
    let cells = c.cells.clone();
    let (ci, pi) = (Interval::of(&c.amount), Interval::of(&p.amount));
    let delta = c.amount.value.checked_sub(p.amount.value).unwrap_or(Decimal::ZERO);
    let Some(up) = up else {
        if ci.meets(&pi) {
            return (Status::Consistent, None, cells);
        }
        let mut r = mk(
            Severity::Error,
            Verdict::Inconsistent,
            format!("文中称与上年持平，但预算数 {} 与{pw_zh} {} 相差 {}", c.text, p.text, delta.normalize()),
            format!(
                "the text says unchanged, but the budget {} and the {pw_en} {} differ by {}",
                c.text,
                p.text,
                delta.normalize()
            ),
        );
        r.expected = Some(p.text.clone());
        r.actual = Some(c.text.clone());
        r.difference = Some(delta.normalize().to_string());
        return (Status::Inconsistent, Some(r), cells);
    };
    let Some(pct) = rate.and_then(|r| l.num(r)) else { return (Status::Unresolved, None, cells) };
    let word = if up { "增加" } else { "减少" };
    let what_zh = format!("预算数 {} 比{pw_zh} {} {word} {}", c.text, p.text, pct.text);
    let what_en =
        format!("budget {} against the {pw_en} {}: {} {}", c.text, p.text, if up { "up" } else { "down" }, pct.text);
    // The direction word against the sign of Δ (beyond rounding).
    let wrong_way = if up { ci.hi < pi.lo } else { ci.lo > pi.hi };
    if wrong_way {
        let mut r = mk(
            Severity::Error,
            Verdict::Inconsistent,
            format!("增减方向与数字不符：{what_zh}，但预算数 − {pw_zh} = {}", delta.normalize()),
            format!("direction contradicts the figures: {what_en}, but budget − {pw_en} = {}", delta.normalize()),
        );
        r.actual = Some(pct.number.clone());
        return (Status::Inconsistent, Some(r), cells);
    }
    if pi.lo <= Decimal::ZERO && pi.hi >= Decimal::ZERO {
        let r = undefined_rate(
            delta.is_zero(),
            p.amount.value.is_zero(),
            pct,
            (
                "本年与上年均为0，建议表述为“与上年持平（均为0）”，不写增减率",
                "this year and the prior year are both 0: better worded as “unchanged (both 0)”, without a rate",
            ),
            format!("{what_zh}：{pw_zh}为 {}，以 0 为基数的增减率无定义", p.text),
            format!("{what_en}: the {pw_en} is {}, a rate on a zero base is undefined", p.text),
        );
        return (Status::Undefined, Some(r), cells);
    }
    // p = (C − P) ÷ P = C ÷ P − 1 (增加) or 1 − C ÷ P (减少), from the intervals of C and P (P > 0 or P < 0 here).
    let h = Decimal::ONE_HUNDRED;
    let q = [sat_div(ci.lo, pi.lo), sat_div(ci.lo, pi.hi), sat_div(ci.hi, pi.lo), sat_div(ci.hi, pi.hi)];
    let (qlo, qhi) = (q.iter().copied().min().unwrap_or_default(), q.iter().copied().max().unwrap_or_default());
    // Saturating: the figures come from the input and can be anything.
    let sub = |a: Decimal, b: Decimal| {
        a.checked_sub(b).unwrap_or(if b.is_sign_negative() { Decimal::MAX } else { Decimal::MIN })
    };
    let one = Decimal::ONE;
    let iv = if up {
        Interval { lo: sat_mul(sub(qlo, one), h), hi: sat_mul(sub(qhi, one), h) }
    } else {
        Interval { lo: sat_mul(sub(one, qhi), h), hi: sat_mul(sub(one, qlo), h) }
    };
    if iv.meets(&Interval::of(&pct.value)) {
        return (Status::Consistent, None, cells);
    }
    let signed = if up { delta } else { -delta };
    let exact = sat_div(sat_mul(signed, h), p.amount.value);
    let (num_zh, num_en) = if up {
        (format!("({} − {})", c.text, p.text), format!("({} − {})", c.text, p.text))
    } else {
        (format!("({} − {})", p.text, c.text), format!("({} − {})", p.text, c.text))
    };
    let r = rate_miss(
        iv,
        exact,
        pct,
        &format!("{what_zh}：{num_zh} ÷ {}", p.text),
        &format!("{what_en}: {num_en} / {}", p.text),
    );
    (Status::Inconsistent, Some(r), cells)
}

fn flat(l: &Linker, delta: usize) -> Judged {
    let Some(d) = l.num(delta) else { return (Status::Unresolved, None, Vec::new()) };
    if d.value.value.is_zero() {
        return (Status::Consistent, None, Vec::new());
    }
    let mut r = mk(
        Severity::Error,
        Verdict::Inconsistent,
        format!("增减表述矛盾：文中称与上年持平，但增减额为 {}", d.text),
        format!("contradiction: the text says unchanged from the prior year, but the change is {}", d.text),
    );
    r.expected = Some("0".into());
    r.actual = Some(d.number.clone());
    (Status::Inconsistent, Some(r), Vec::new())
}

fn direction(l: &Linker, budget: Option<&Operand>, actual: Option<&Operand>, rel: Rel) -> Judged {
    let word = match rel {
        Rel::Greater => "决算数大于预算数",
        Rel::Less => "决算数小于预算数",
        Rel::Equal => "决算数与预算数相同",
        Rel::Differs => "决算数与预算数存在差异",
    };
    let what_en = match rel {
        Rel::Greater => "“final above budget”",
        Rel::Less => "“final below budget”",
        Rel::Equal => "“final equals budget”",
        Rel::Differs => "“final differs from budget”",
    };
    let (Some(budget), Some(actual)) = (budget, actual) else {
        return unresolved(
            reason("未找到对应的预算数或决算数", "the budget or the final figure was not found"),
            word,
            what_en,
        );
    };
    let (b, a) = match (l.val(budget), l.val(actual)) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(r), _) | (_, Err(r)) => return unresolved(r, word, what_en),
    };
    let (ib, ia) = (Interval::of(&b.amount), Interval::of(&a.amount));
    let ok = match rel {
        Rel::Equal => ia.meets(&ib),
        Rel::Differs => !ia.meets(&ib) || a.amount.value != b.amount.value,
        Rel::Greater => ia.hi > ib.lo,
        Rel::Less => ia.lo < ib.hi,
    };
    let mut cells = a.cells.clone();
    cells.extend(b.cells.iter().copied());
    if ok {
        return (Status::Consistent, None, cells);
    }
    let r = mk(
        Severity::Error,
        Verdict::Inconsistent,
        format!("文中称{word}，但决算数为 {}，预算数为 {}", a.text, b.text),
        format!("the text says {what_en}, but the final figure is {} and the budget {}", a.text, b.text),
    );
    (Status::Inconsistent, Some(r), cells)
}

fn sum(l: &Linker, total: &Operand, parts: &[Operand], scope: bool, what_zh: &str, what_en: &str) -> Judged {
    let t = match l.val(total) {
        Ok(t) => t,
        Err(r) => return unresolved(r, what_zh, what_en),
    };
    let mut ps = Vec::new();
    for p in parts {
        match l.val(p) {
            Ok(v) => ps.push(v),
            Err(r) => return unresolved(r, what_zh, what_en),
        }
    }
    let mut cells = t.cells.clone();
    for p in &ps {
        cells.extend(p.cells.iter().copied());
    }
    let refs: Vec<(Decimal, &Amount)> = ps.iter().map(|p| (Decimal::ONE, &p.amount)).collect();
    let chk = check_sum(&t.amount, &refs);
    let terms: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
    let expr = terms.join(" + ");
    let report = |sev, verdict, zh: String, en: String| {
        let mut r = mk(sev, verdict, zh, en);
        r.expected = Some(chk.expected.to_string());
        r.actual = Some(t.text.clone());
        r.difference = Some(chk.difference.to_string());
        r.tolerance = Some(chk.tolerance.to_string());
        r
    };
    if scope {
        // Σ parts ≤ total (the list may leave items out).
        if chk.difference >= -chk.tolerance {
            return (Status::Consistent, None, cells);
        }
        let r = report(
            Severity::Warning,
            Verdict::Inconsistent,
            format!("{what_zh}：{expr} = {}，超过 {}", chk.expected, t.text),
            format!("{what_en}: {expr} = {} exceeds {}", chk.expected, t.text),
        );
        return (Status::Inconsistent, Some(r), cells);
    }
    match chk.outcome {
        Outcome::Exact => (Status::Consistent, None, cells),
        Outcome::WithinRounding => (
            Status::Consistent,
            Some(report(
                Severity::Info,
                Verdict::WithinRounding,
                format!(
                    "{what_zh}：{expr} = {}，文中为 {}，相差 {}，在尾差范围内",
                    chk.expected, t.text, chk.difference
                ),
                format!(
                    "{what_en}: {expr} = {}, the text says {}, difference {} within rounding",
                    chk.expected, t.text, chk.difference
                ),
            )),
            cells,
        ),
        Outcome::Inconsistent => (
            Status::Inconsistent,
            Some(report(
                Severity::Error,
                Verdict::Inconsistent,
                format!("{what_zh}：{expr} = {}，文中为 {}，相差 {}", chk.expected, t.text, chk.difference),
                format!(
                    "{what_en}: {expr} = {}, the text says {}, difference {}",
                    chk.expected, t.text, chk.difference
                ),
            )),
            cells,
        ),
    }
}

fn at_most(l: &Linker, small: &Operand, big: &Operand) -> Judged {
    let what_zh = "部分不应大于整体";
    let what_en = "a part cannot exceed its whole";
    let (s, b) = match (l.val(small), l.val(big)) {
        (Ok(s), Ok(b)) => (s, b),
        (Err(r), _) | (_, Err(r)) => return unresolved(r, what_zh, what_en),
    };
    let chk = check_le(&s.amount, &b.amount);
    if chk.outcome != Outcome::Inconsistent {
        return (Status::Consistent, None, Vec::new());
    }
    let mut r = mk(
        Severity::Error,
        Verdict::Inconsistent,
        format!("{what_zh}：{} 大于 {}", s.text, b.text),
        format!("{what_en}: {} is more than {}", s.text, b.text),
    );
    r.expected = Some(format!("≤ {}", b.text));
    r.actual = Some(s.text.clone());
    r.difference = Some(chk.difference.to_string());
    (Status::Inconsistent, Some(r), Vec::new())
}

fn count_with_amount(l: &Linker, count: usize, amount: &Operand) -> Judged {
    let Some(c) = l.num(count) else { return (Status::Unresolved, None, Vec::new()) };
    let what_zh = format!("数量 {}", c.text);
    let what_en = format!("count {}", c.text);
    let a = match l.val(amount) {
        Ok(a) => a,
        Err(r) => return unresolved(r, &what_zh, &what_en),
    };
    let ok = c.value.value.is_zero() == a.amount.value.is_zero();
    if ok {
        return (Status::Consistent, None, a.cells);
    }
    let r = mk(
        Severity::Warning,
        Verdict::Inconsistent,
        format!("{what_zh} 与对应金额 {} 万元不相称（一个为 0，另一个不为 0）", a.text),
        format!("{what_en} does not fit the amount {} (one is zero, the other is not)", a.text),
    );
    (Status::Inconsistent, Some(r), a.cells)
}

fn perf_tables(doc: &Document) -> Vec<(usize, &Table)> {
    doc.tables_of(TableKind::Performance).collect()
}

fn total_score(t: &Table) -> Option<(usize, usize, Amount)> {
    let r = t.row(keys::PERF_TOTAL_SCORE)?;
    let c = t.column(keys::PERF_SCORE)?;
    let a = t.rows.get(r)?.cell(c)?.amount?;
    Some((r, c, a))
}

fn project_count(l: &Linker, num: usize) -> Judged {
    let Some(n) = l.num(num) else { return (Status::Unresolved, None, Vec::new()) };
    let what_zh = format!("自评项目数 {}", n.text);
    let what_en = format!("number of projects evaluated {}", n.text);
    let tables = perf_tables(l.doc);
    // A budget counts the projects given 绩效目标 (「编报绩效目标的项目50个」), not self-evaluated ones.
    if tables.is_empty() && l.doc.kind == DocumentKind::Budget {
        return unresolved(
            reason(
                "文件中没有逐项的项目绩效目标表，项目数无从核对",
                "no per-project performance target table to count",
            ),
            &format!("编报绩效目标的项目数 {}", n.text),
            &format!("number of projects with performance targets {}", n.text),
        );
    }
    if tables.is_empty() {
        return unresolved(
            reason("文件中没有项目支出绩效自评表", "the document has no performance self-evaluation table"),
            &what_zh,
            &what_en,
        );
    }
    let k = Decimal::from(tables.len() as u64);
    if n.value.value == k {
        return (Status::Consistent, None, Vec::new());
    }
    let mut r = mk(
        Severity::Error,
        Verdict::Inconsistent,
        format!("{what_zh}，但文件附有 {} 张项目支出绩效自评表", tables.len()),
        format!("{what_en}, but the document has {} performance tables", tables.len()),
    );
    r.expected = Some(k.to_string());
    r.actual = Some(n.number.clone());
    (Status::Inconsistent, Some(r), Vec::new())
}

fn project_score(l: &Linker, num: usize, name: &str) -> Judged {
    let Some(n) = l.num(num) else { return (Status::Unresolved, None, Vec::new()) };
    let what_zh = format!("「{name}」项目自评得分 {}", n.text);
    let what_en = format!("score of project “{name}” {}", n.text);
    let key = normalize_name(name);
    let found = perf_tables(l.doc).into_iter().find(|(_, t)| {
        t.subject
            .as_deref()
            .map(normalize_name)
            .is_some_and(|s| !s.is_empty() && (s == key || s.contains(&key) || key.contains(&s)))
    });
    let Some((ti, t)) = found else {
        return unresolved(
            reason(format!("未找到项目名称为「{name}」的绩效自评表"), format!("no performance table for “{name}”")),
            &what_zh,
            &what_en,
        );
    };
    let Some((r, c, a)) = total_score(t) else {
        return unresolved(
            reason("该绩效自评表的总分无法读取", "the table's total score could not be read"),
            &what_zh,
            &what_en,
        );
    };
    let cells = vec![At::new(ti, r, c)];
    let chk = check_equal(&n.value, &a);
    if chk.outcome != Outcome::Inconsistent {
        return (Status::Consistent, None, cells);
    }
    let mut rep = mk(
        Severity::Error,
        Verdict::Inconsistent,
        format!("{what_zh}，但绩效自评表总分为 {}，相差 {}", fmt_amount(&a), chk.difference),
        format!("{what_en}, but the table's total score is {}, difference {}", fmt_amount(&a), chk.difference),
    );
    rep.expected = Some(fmt_amount(&a));
    rep.actual = Some(n.number.clone());
    rep.difference = Some(chk.difference.to_string());
    (Status::Inconsistent, Some(rep), cells)
}

fn average(l: &Linker, num: usize, parts: &[usize]) -> Judged {
    let Some(n) = l.num(num) else { return (Status::Unresolved, None, Vec::new()) };
    let what_zh = format!("平均得分 {}", n.text);
    let what_en = format!("average score {}", n.text);
    let mut vals: Vec<(Amount, String)> =
        parts.iter().filter_map(|p| l.num(*p)).map(|p| (p.value, p.number.clone())).collect();
    let mut cells = Vec::new();
    if vals.is_empty() {
        for (ti, t) in perf_tables(l.doc) {
            if let Some((r, c, a)) = total_score(t) {
                vals.push((a, fmt_amount(&a)));
                cells.push(At::new(ti, r, c));
            }
        }
    }
    if vals.is_empty() {
        return unresolved(reason("没有可平均的项目得分", "no project scores to average"), &what_zh, &what_en);
    }
    let k = Decimal::from(vals.len() as u64);
    let (mut lo, mut hi, mut sum) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (a, _) in &vals {
        let iv = Interval::of(a);
        lo += iv.lo;
        hi += iv.hi;
        sum += a.value;
    }
    let iv = Interval { lo: lo / k, hi: hi / k };
    if iv.meets(&Interval::of(&n.value)) {
        return (Status::Consistent, None, cells);
    }
    let mean = (sum / k).round_dp_with_strategy(n.value.scale.unwrap_or(2), RoundingStrategy::MidpointAwayFromZero);
    let mean_text = crate::amount::fixed(mean, n.value.scale.unwrap_or(2));
    let expr: Vec<&str> = vals.iter().map(|(_, s)| s.as_str()).collect();
    let mut r = mk(
        Severity::Error,
        Verdict::Inconsistent,
        format!("{what_zh}：({}) ÷ {} = {mean_text}，文中为 {}", expr.join(" + "), vals.len(), n.number),
        format!("{what_en}: ({}) / {} = {mean_text}, the text says {}", expr.join(" + "), vals.len(), n.number),
    );
    r.expected = Some(mean_text.clone());
    r.actual = Some(n.number.clone());
    r.difference = Some((n.value.value - mean).to_string());
    (Status::Inconsistent, Some(r), cells)
}

fn score_pair(l: &Linker, weight: usize, score: usize) -> Judged {
    let (Some(w), Some(s)) = (l.num(weight), l.num(score)) else { return (Status::Unresolved, None, Vec::new()) };
    if s.value.value <= w.value.value {
        return (Status::Consistent, None, Vec::new());
    }
    let r = mk(
        Severity::Error,
        Verdict::Inconsistent,
        format!("得分 {} 高于分值 {}", s.text, w.text),
        format!("score {} is above the weight {}", s.text, w.text),
    );
    (Status::Inconsistent, Some(r), Vec::new())
}

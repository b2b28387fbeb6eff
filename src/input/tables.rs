//! Table layouts → model tables. A run of raw rows (header lines, a 栏次 numbering line, data lines) of a known
//! kind becomes a `Table` with keyed columns and rows. Columns are matched by header text (index-aligned first,
//! then by the template's order when the header's cells are misaligned, as they often are in extracted text).

use super::{RawCell, RawRow};
use crate::amount::{self, Amount, AmountError};
use crate::classification::{self, closest_functional_class, functional_class_code, is_code};
use crate::model::{Cell, Column, Part, ReadIssue, Row, Source, Table, TableKind, keys};
use std::borrow::Cow;

/// A table as found in the input, before its layout is understood.
pub struct RawTable {
    pub kind: TableKind,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub rows: Vec<RawRow>,
    pub title_source: Source,
}

pub(super) type Schema = &'static [(&'static str, &'static [&'static str])];

const INCOME_COLUMNS: Schema = &[
    (keys::TOTAL, &["本年收入合计", "收入合计", "合计"]),
    (keys::FISCAL_GRANT, &["财政拨款收入", "财政拨款"]),
    (keys::SUPERIOR_SUBSIDY, &["上级补助收入"]),
    (keys::BUSINESS_INCOME, &["事业收入"]),
    (keys::OPERATING_INCOME, &["经营收入"]),
    (keys::AFFILIATE_INCOME, &["附属单位上缴收入", "附属单位缴款"]),
    (keys::OTHER_INCOME, &["其他收入"]),
    // 高等学校: 事业收入 with a 「其中：教育收费」 sub-column — part of its parent, never an addend (domain.md §8).
    (keys::OF_WHICH, &["其中"]),
];

const EXPENDITURE_COLUMNS: Schema = &[
    (keys::TOTAL, &["本年支出合计", "支出合计", "合计"]),
    (keys::BASIC, &["基本支出"]),
    (keys::PROJECT, &["项目支出"]),
    (keys::TO_SUPERIOR, &["上缴上级支出"]),
    (keys::OPERATING_EXPENSE, &["经营支出"]),
    (keys::TO_AFFILIATES, &["对附属单位补助支出"]),
];

const THREE_USE_COLUMNS: Schema = &[
    (keys::TOTAL, &["小计", "合计", "本年支出合计", "本年支出"]),
    (keys::BASIC, &["基本支出"]),
    (keys::PROJECT, &["项目支出"]),
];

const FUND_COLUMNS: Schema = &[
    (keys::OPENING, &["年初结转和结余", "年初结转结余"]),
    (keys::YEAR_INCOME, &["本年收入"]),
    (keys::TOTAL, &["小计", "本年支出小计", "本年支出合计", "本年支出"]),
    (keys::BASIC, &["基本支出"]),
    (keys::PROJECT, &["项目支出"]),
    (keys::CLOSING, &["年末结转和结余", "年末结转结余"]),
];

const FISCAL_EXPENDITURE_COLUMNS: Schema = &[
    (keys::TOTAL, &["合计", "小计"]),
    (keys::GENERAL_BUDGET, &["一般公共预算财政拨款", "一般公共预算"]),
    (keys::GOV_FUND, &["政府性基金预算财政拨款", "政府性基金预算", "政府性基金"]),
    (keys::STATE_CAPITAL, &["国有资本经营预算财政拨款", "国有资本经营预算", "国有资本经营"]),
];

const AMOUNT_COLUMN: Schema = &[(keys::AMOUNT, &["金额", "决算数", "合计", "预算数"])];

/// A code table with one amount column (the Jiangsu budget's 「…支出预算表（功能科目）」: 科目编码, 科目名称, 金额): that
/// column is the row's total.
const SINGLE_TOTAL_COLUMN: Schema = &[(keys::TOTAL, &["金额", "合计", "预算数"])];

/// Shanghai budget 一般公共预算基本支出部门预算经济分类预算表: 合计 = 人员经费 + 公用经费 on every row.
const BUDGET_ECONOMIC_COLUMNS: Schema =
    &[(keys::AMOUNT, &["合计"]), (keys::PERSONNEL, &["人员经费"]), (keys::PUBLIC, &["公用经费"])];

/// Shanghai budget 财务收支预算总表's expenditure half when it splits 预算数 into 合计, 基本支出 (人员经费, 公用经费)
/// and 项目支出 (shflj 2024); otherwise the half has one 预算数 column (`AMOUNT_COLUMN`).
const BUDGET_SUMMARY_EXPENDITURE_COLUMNS: Schema = &[
    (keys::AMOUNT, &["合计", "预算数"]),
    (keys::PERSONNEL, &["人员经费"]),
    (keys::PUBLIC, &["公用经费"]),
    (keys::PROJECT, &["项目支出"]),
];

/// The leaf columns of the Shanghai budget 「三公」经费和机关运行经费预算表, in the order they are printed (left to
/// right): the words that name each one in the header (whitespace removed), its key and its label.
const BUDGET_THREE_PUBLIC_LEAVES: [(&str, &str, &str); 7] = [
    ("合计", keys::TP_BUDGET_TOTAL, "“三公”经费预算数·合计"),
    ("因公出国", keys::TP_BUDGET_ABROAD, "因公出国(境)费"),
    ("公务接待", keys::TP_BUDGET_RECEPTION, "公务接待费"),
    ("小计", keys::TP_BUDGET_VEHICLE, "公务用车购置及运行费·小计"),
    ("购置费", keys::TP_BUDGET_VEHICLE_PURCHASE, "公务用车购置及运行费·购置费"),
    ("运行费", keys::TP_BUDGET_VEHICLE_OPS, "公务用车购置及运行费·运行费"),
    ("机关运行经", keys::TP_BUDGET_OPERATING, "机关运行经费预算数"),
];

/// Recognises a pasted table (no title) by its header text.
pub fn kind_from_header(rows: &[RawRow]) -> Option<TableKind> {
    let header_len = header_len(rows).max(1).min(rows.len());
    let h: String = rows[..header_len].iter().flat_map(|r| r.cells.iter().map(|c| squash(&c.text))).collect();
    let has = |s: &str| h.contains(s);
    let kind = if has("因公出国") && has("公务接待") {
        TableKind::ThreePublic
    } else if has("项目名称") || (has("绩效") && has("分值")) {
        TableKind::Performance
    } else if (has("经济分类") || has("科目编码")) && has("决算数") && !has("基本支出") {
        TableKind::BasicDetail
    } else if has("年初结转和结余") && has("本年收入") && has("年末结转和结余") {
        TableKind::GovFund
    } else if has("一般公共预算") && has("政府性基金") && has("收入") && has("支出") {
        TableKind::FiscalSummary
    } else if has("本年收入合计") && has("财政拨款") {
        TableKind::Income
    } else if has("本年支出合计") && has("基本支出") && has("项目支出") {
        TableKind::Expenditure
    } else if (has("小计") || has("合计")) && has("基本支出") && has("项目支出") {
        TableKind::GeneralBudget
    } else if has("收入") && has("支出") && (has("行次") || has("金额")) {
        TableKind::Summary
    } else {
        return None;
    };
    Some(kind)
}

/// Builds a model table; the id is provisional (`#index`), renumbered by the reader.
pub fn build(mut raw: RawTable, index: usize) -> (Table, Vec<ReadIssue>) {
    let title = raw.title.clone().unwrap_or_else(|| raw.kind.name_zh().to_string());
    let mut table = Table {
        id: format!("#{index}"),
        kind: raw.kind,
        title,
        unit: raw.unit.clone(),
        columns: Vec::new(),
        rows: Vec::new(),
        header: Vec::new(),
        empty_statement: None,
        rows_not_read: 0,
        subject: None,
        source: raw.title_source,
        origin: None,
    };
    let mut b = Builder {
        issues: Vec::new(),
        index,
        kind: raw.kind,
        name_zh: table.name_zh().into_owned(),
        name_en: table.name_en().into_owned(),
    };
    if raw.rows.is_empty() {
        return (table, b.issues);
    }
    if raw.title.is_none() {
        table.source = raw.rows[0].source;
    }
    let printed_rows = raw.rows.len();
    let statement = super::budget_extra::prepare(raw.kind, &mut raw.rows);
    match raw.kind {
        _ if super::budget_totals::read(raw.kind, &raw.rows, &mut table, &mut b.issues) => {}
        TableKind::Summary | TableKind::FiscalSummary => {
            split_glued_half(&mut raw);
            b.halves(&mut raw, &mut table)
        }
        TableKind::Income
        | TableKind::Expenditure
        | TableKind::GeneralBudget
        | TableKind::GovFund
        | TableKind::StateCapital => {
            split_joined_columns(&mut raw);
            b.code_table(&mut raw, &mut table)
        }
        TableKind::AdminCosts => b.code_table(&mut raw, &mut table),
        TableKind::Procurement => b.issues.extend(super::budget_extra::procurement(&raw.rows, &mut table)),
        TableKind::BasicDetail if is_budget_economic_header(&raw.rows) => b.code_table(&mut raw, &mut table),
        TableKind::BasicDetail => {
            one_block_in_three_cells(&mut raw);
            b.blocks(&raw, &mut table)
        }
        TableKind::ThreePublic if is_budget_three_public_header(&raw.rows) => b.budget_three_public(&raw, &mut table),
        TableKind::ThreePublic => b.three_public(&mut raw, &mut table),
        TableKind::Performance => {
            let title_row = RawRow {
                line: raw.title_source.line,
                cells: vec![RawCell { text: table.title.clone(), source: raw.title_source }],
                source: raw.title_source,
            };
            let (t, issues) = super::performance::build(&title_row, &raw.rows, table.id.clone());
            let title = std::mem::take(&mut table.title);
            table = Table { title, source: table.source, unit: t.unit.clone().or(table.unit.take()), ..t };
            b.issues.extend(issues);
        }
    }
    if table.columns.is_empty() && raw.kind != TableKind::Performance {
        table.rows_not_read = printed_rows;
    } else if let Some(s) = statement {
        table.empty_statement = Some(s);
        fill_declared_empty(&mut table);
    }
    key_lone_total_row(&mut table);
    (table, b.issues)
}

/// A code table whose only row is a line of figures with no code and no label (西南大学收入预算表 prints its totals
/// under the header and nothing else): that row is the 合计.
fn key_lone_total_row(table: &mut Table) {
    if !table.kind.is_code_table() || table.rows.len() != 1 {
        return;
    }
    let row = &mut table.rows[0];
    if row.code.is_none() && row.key.is_none() && row.label.trim().is_empty() && row.cells.iter().flatten().count() > 0
    {
        row.key = Some(keys::GRAND_TOTAL);
        row.label = "合计".to_string();
    }
}

/// A header with a 金额 column and no 基本支出/项目支出/合计 column: the one-column 功能科目 tables of the Jiangsu
/// budget.
fn single_amount_header(header: &[RawRow]) -> bool {
    let texts: Vec<Cow<str>> = header.iter().flat_map(|r| r.cells.iter().map(|c| squash(&c.text))).collect();
    texts.iter().any(|t| t == "金额")
        && !texts.iter().any(|t| t.contains("基本支出") || t.contains("项目支出") || *t == "合计" || *t == "小计")
}

/// An 经济科目 table with one amount column (Jiangsu: 科目编码, 科目名称, 金额) whose cells the layout spread over more
/// columns than three, the header's labels not over their figures: each line is rewritten as code, name, amount
/// (the code: a cell of 3/5/7 digits; the name: the other text run together, 「合 计」 → 合计; the amount: the one
/// figure), and the header as 科目编码, 科目名称, 金额. Left as it is unless the header names one 金额 column and every
/// line has at most one figure.
fn one_block_in_three_cells(raw: &mut RawTable) {
    let hl = header_len(&raw.rows);
    let header_texts: Vec<String> =
        raw.rows[..hl].iter().flat_map(|r| r.cells.iter().map(|c| squash(&c.text).into_owned())).collect();
    let amount_labels = header_texts.iter().filter(|t| *t == "金额" || t.contains("决算数")).count();
    if amount_labels != 1 || !header_texts.iter().any(|t| t == "金额") {
        return;
    }
    let width = raw.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if width <= 3 {
        return;
    }
    let is_figure = |t: &str| t.contains('.') && amount::parse_amount(t).is_ok();
    if raw.rows[hl..].iter().any(|r| r.cells.iter().filter(|c| is_figure(&c.text)).count() > 1) {
        return;
    }
    let mut rows = Vec::with_capacity(raw.rows.len() - hl + 1);
    let src = raw.rows[0].source;
    let cell = |text: &str, source: Source| RawCell { text: text.to_string(), source };
    rows.push(RawRow {
        line: raw.rows[0].line,
        cells: vec![cell("科目编码", src), cell("科目名称", src), cell("金额", src)],
        source: src,
    });
    for r in &raw.rows[hl..] {
        let code = r.cells.iter().find(|c| is_code(&squash(&c.text)));
        let figure = r.cells.iter().find(|c| is_figure(&c.text));
        let name_cells: Vec<&RawCell> = r
            .cells
            .iter()
            .filter(|c| !c.text.trim().is_empty() && !is_figure(&c.text) && !is_code(&squash(&c.text)))
            .collect();
        let name: String = name_cells.iter().map(|c| squash(&c.text).into_owned()).collect();
        let name_src = name_cells.first().map_or(r.source, |c| c.source);
        let empty = |s: Source| RawCell { text: String::new(), source: s };
        rows.push(RawRow {
            line: r.line,
            cells: vec![
                code.cloned().unwrap_or_else(|| empty(r.source)),
                RawCell { text: name, source: name_src },
                figure.cloned().unwrap_or_else(|| empty(r.source)),
            ],
            source: r.source,
        });
    }
    raw.rows = rows;
}

/// Joins a 「（续）」 continuation to the table it continues. Returns false when its columns do not match.
pub fn continue_table(prev: &mut Table, mut raw: RawTable, index: usize, issues: &mut Vec<ReadIssue>) -> bool {
    let has_header = header_len(&raw.rows) > 0 && numbering_row(&raw.rows).is_some();
    if !has_header {
        let mut header: Vec<RawRow> = prev
            .header
            .iter()
            .map(|texts| RawRow {
                line: raw.title_source.line,
                cells: texts.iter().map(|t| RawCell { text: t.clone(), source: raw.title_source }).collect(),
                source: raw.title_source,
            })
            .collect();
        header.append(&mut raw.rows);
        raw.rows = header;
    }
    let (t, more) = build(raw, index);
    let same = t.columns.iter().map(|c| c.key).eq(prev.columns.iter().map(|c| c.key));
    if same {
        prev.rows.extend(t.rows);
        issues.extend(more);
    }
    same
}

/// A table declared empty (「本表无数据」) stands for zeros: its blank cells become exact zeros.
pub fn fill_declared_empty(table: &mut Table) {
    let width = table.columns.len();
    for row in &mut table.rows {
        row.cells.resize(width, None);
        for cell in row.cells.iter_mut() {
            if cell.is_none() {
                *cell = Some(Cell { text: String::new(), amount: Some(Amount::exact_zero()), source: row.source });
            }
        }
    }
}

/// The text without whitespace (borrowed when there is none to remove).
fn squash(s: &str) -> Cow<'_, str> {
    super::text::squashed(s)
}

/// `squash(s) == target`, without building the squashed text.
fn squash_is(s: &str, target: &str) -> bool {
    s.chars().filter(|c| !c.is_whitespace()).eq(target.chars())
}

/// `classification::functional_class_code`, looking a name up directly when normalising would not change it (the
/// T1/T4 class rows, one lookup each).
fn class_code(name: &str) -> Option<&'static str> {
    if classification::changes_when_normalized(name) {
        return functional_class_code(name);
    }
    let mut known = classification::FUNCTIONAL_CLASSES.iter().chain(classification::OUTDATED_CLASS_NAMES);
    known.find(|(_, n)| *n == name).map(|(code, _)| *code)
}

/// A row label as the model keeps it: `classification::normalize_name`, skipped when it would change nothing (no
/// whitespace, no half-width parenthesis, no 「（」 that could open a 「（类）」-style suffix) — most labels, and
/// it copies the whole label.
fn normalized_label(label: String) -> String {
    if classification::changes_when_normalized(&label) { classification::normalize_name(&label) } else { label }
}

/// The 栏次 numbering line: a cell 「栏次」, or cells that are only consecutive integers 1..n.
fn numbering_row(rows: &[RawRow]) -> Option<usize> {
    rows.iter().take(8).position(|r| {
        if r.cells.iter().any(|c| squash_is(&c.text, "栏次")) {
            return true;
        }
        let nums: Vec<u32> =
            r.cells.iter().filter(|c| !c.text.is_empty()).filter_map(|c| c.text.parse().ok()).collect();
        let non_empty = r.cells.iter().filter(|c| !c.text.is_empty()).count();
        nums.len() >= 2 && nums.len() == non_empty && nums.iter().enumerate().all(|(i, n)| *n == i as u32 + 1)
    })
}

/// Whether a row carries data: an amount with decimals, or a code, or a 合计/总计 label with a number.
fn is_data_row(r: &RawRow) -> bool {
    let has_decimal = r
        .cells
        .iter()
        .any(|c| c.text.contains('.') && amount::parse_amount(&c.text).is_ok_and(|a| a.scale.is_some_and(|s| s > 0)));
    let first = r.cells.iter().find(|c| !c.text.is_empty()).map(|c| squash(&c.text)).unwrap_or_default();
    let has_number = r.cells.iter().skip(1).any(|c| !c.text.is_empty() && amount::parse_amount(&c.text).is_ok());
    has_decimal || is_code(&first) || ((first == "合计" || first == "总计") && has_number)
}

/// How many leading rows are header: through the 栏次 line, or up to the first data row.
fn header_len(rows: &[RawRow]) -> usize {
    if let Some(n) = numbering_row(rows) {
        return n + 1;
    }
    (0..rows.len()).find(|&i| is_data_row(&rows[i]) || is_blank_data_row(rows, i)).unwrap_or(rows.len().min(1))
}

/// A data row whose cells are blank (an empty table, or a template, read from a PDF where blank cells carry no
/// text): the 「一、」 first row of a two-half table, or a 合计/总计 row with nothing else in it that ends the table
/// or is followed by data (a lone 合计 followed by more header is a column label).
fn is_blank_data_row(rows: &[RawRow], i: usize) -> bool {
    let r = &rows[i];
    let first = r.cells.iter().find(|c| !c.text.is_empty()).map(|c| squash(&c.text)).unwrap_or_default();
    if first.starts_with("一、") {
        return true;
    }
    let lone_total = (first == "合计" || first == "总计") && r.cells.iter().filter(|c| !c.text.is_empty()).count() == 1;
    lone_total && rows[i + 1..].iter().find(|n| !n.is_blank()).is_none_or(is_data_row)
}

fn is_number_label(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// The bottom-most header text at a column (skipping the numbering line and 栏次 labels).
fn leaf_label(header: &[RawRow], idx: usize, skip: &[&str]) -> Option<String> {
    for r in header.iter().rev() {
        if let Some(c) = r.cells.get(idx) {
            let t = squash(&c.text);
            if t.is_empty() || is_number_label(&t) || t == "栏次" || skip.iter().any(|s| t.contains(s)) {
                continue;
            }
            return Some(t.into_owned());
        }
    }
    None
}

/// The label that names column `idx` for `schema`: its lowest header label, or — when that is the generic 「金额」 of
/// a group (高等学校 收入决算表: 「事业收入」 over 「金额」 and 「其中：教育收费」) and the schema has no 「金额」 role — the
/// group's label above it.
fn schema_label(header: &[RawRow], idx: usize, schema: Schema) -> Option<String> {
    let leaf = leaf_label(header, idx, &[])?;
    if leaf == "金额" && !schema.iter().any(|(_, p)| p.contains(&"金额")) {
        if let Some(group) = leaf_label(header, idx, &["金额"]) {
            return Some(group);
        }
    }
    Some(leaf)
}

fn match_score(label: &str, patterns: &[&str]) -> u8 {
    if patterns.iter().any(|p| label == *p) {
        2
    } else if patterns.iter().any(|p| label.contains(p)) {
        1
    } else {
        0
    }
}

/// Maps amount column indices to schema keys. Index-aligned when every column's own header names a distinct
/// role; otherwise the template's order of the roles whose names the header contains, when the counts agree.
fn map_columns(header: &[RawRow], amount_idx: &[usize], schema: Schema) -> Option<Vec<(usize, &'static str, String)>> {
    let aligned: Vec<Option<(usize, &'static str, String)>> = amount_idx
        .iter()
        .map(|&i| {
            let leaf = schema_label(header, i, schema)?;
            let (key, pats) = schema
                .iter()
                .map(|(k, p)| (k, p, match_score(&leaf, p)))
                .filter(|(_, _, s)| *s > 0)
                .max_by_key(|(_, _, s)| *s)
                .map(|(k, p, _)| (*k, *p))?;
            let _ = pats;
            Some((i, key, leaf))
        })
        .collect();
    if aligned.iter().all(|a| a.is_some()) && !aligned.is_empty() {
        let v: Vec<_> = aligned.into_iter().flatten().collect();
        let mut ks: Vec<&str> = v.iter().map(|(_, k, _)| *k).collect();
        ks.sort();
        ks.dedup();
        if ks.len() == v.len() {
            return Some(v);
        }
    }
    // Template order, keeping the roles whose names appear in the header.
    let cells: Vec<Cow<str>> = header.iter().flat_map(|r| r.cells.iter().map(|c| squash(&c.text))).collect();
    let present: Vec<(&'static str, String)> = schema
        .iter()
        .filter_map(|(k, pats)| pats.iter().find_map(|p| cells.iter().find(|c| **c == *p).map(|c| (*k, c.to_string()))))
        .collect();
    if present.len() == amount_idx.len() && !present.is_empty() {
        return Some(amount_idx.iter().zip(present).map(|(i, (k, l))| (*i, k, l)).collect());
    }
    if schema.len() == amount_idx.len() {
        return Some(amount_idx.iter().zip(schema).map(|(i, (k, p))| (*i, *k, p[0].to_string())).collect());
    }
    None
}

/// Strips 「一、」「（一）」「1.」「其中：」 from a row label.
pub(crate) fn strip_ordinal(label: &str) -> String {
    let s = squash(label);
    let mut s: &str = &s;
    if let Some(rest) = s.strip_prefix("其中：").or_else(|| s.strip_prefix("其中:")) {
        s = rest;
    }
    let is_num = |c: char| "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit();
    if let Some(rest) = s.strip_prefix('（').or_else(|| s.strip_prefix('(')) {
        let after = rest.trim_start_matches(is_num);
        if after.len() < rest.len()
            && let Some(r) = after.strip_prefix('）').or_else(|| after.strip_prefix(')'))
        {
            return r.to_string();
        }
    }
    let after = s.trim_start_matches(is_num);
    if after.len() < s.len() {
        for sep in ['、', '.', '．', ',', '，'] {
            if let Some(r) = after.strip_prefix(sep) {
                return r.to_string();
            }
        }
    }
    s.to_string()
}

struct Builder {
    issues: Vec<ReadIssue>,
    index: usize,
    kind: TableKind,
    /// The table's name in the document's words, for messages (`Table::name_zh`).
    name_zh: String,
    name_en: String,
}

impl Builder {
    fn cell(&mut self, raw: Option<&RawCell>, line: u32) -> Option<Cell> {
        let raw = raw?;
        Some(self.read_cell(raw.text.clone(), raw.source, line))
    }

    /// A cell from its text (moved in: the cells of a body row are read once).
    fn read_cell(&mut self, text: String, source: Source, line: u32) -> Cell {
        let parsed = if text.ends_with('%') || text.ends_with('％') {
            amount::parse_percent(&text)
        } else {
            amount::parse_amount(&text)
        };
        match parsed {
            Ok(a) => Cell { text, amount: Some(a), source },
            Err(e) => {
                let why = match e {
                    AmountError::NotANumber => ("不是金额", "is not an amount"),
                    AmountError::Malformed => ("格式有误，无法读成金额", "is a malformed number"),
                };
                self.issues.push(ReadIssue {
                    message_zh: format!(
                        "{}第 {} 行第 {} 列「{}」{}，用到它的勾稽关系无法核对",
                        self.name_zh, line, source.cell, text, why.0
                    ),
                    message_en: format!(
                        "{}, line {}, field {}: “{}” {}; identities that need it are not checked",
                        self.name_en, line, source.cell, text, why.1
                    ),
                    source,
                    excerpt: text.clone(),
                    table: Some(format!("#{}", self.index)),
                });
                Cell { text, amount: None, source }
            }
        }
    }

    fn column_issue(&mut self, raw: &RawTable) {
        let src = raw.rows.first().map(|r| r.source).unwrap_or(raw.title_source);
        self.issues.push(ReadIssue {
            message_zh: format!("{}：表头的列无法对应到模板中的栏目，本表未核对", self.name_zh),
            message_en: format!(
                "{}: the header's columns could not be matched to the template; not checked",
                self.name_en
            ),
            source: src,
            excerpt: raw.rows.first().map(|r| r.texts().join(" | ")).unwrap_or_default().chars().take(80).collect(),
            table: Some(format!("#{}", self.index)),
        });
    }

    /// Cells of one row for the given amount indices. Trailing fields dropped by an editor read as blank. The texts
    /// of the fields read are moved into the cells (a field named twice in `cols` is copied until its last use), so
    /// read the row's labels first.
    fn row_cells(&mut self, r: &mut RawRow, cols: &[(usize, &'static str, String)]) -> Vec<Option<Cell>> {
        let any_amount = cols.iter().any(|(i, _, _)| r.cells.get(*i).is_some_and(|c| !c.text.is_empty()));
        let end = r.cells.last().map(|c| c.source.end).unwrap_or(r.source.end);
        let mut out = Vec::with_capacity(cols.len());
        for (n, (i, _, _)) in cols.iter().enumerate() {
            let cell = match r.cells.get_mut(*i) {
                Some(c) => {
                    let again = cols[n + 1..].iter().any(|(j, _, _)| j == i);
                    let text = if again { c.text.clone() } else { std::mem::take(&mut c.text) };
                    Some(self.read_cell(text, c.source, r.line))
                }
                None if any_amount => Some(Cell {
                    text: String::new(),
                    amount: Some(Amount::exact_zero()),
                    source: Source { line: r.line, cell: *i as u32 + 1, start: end, end, page: None },
                }),
                None => None,
            };
            out.push(cell);
        }
        out
    }

    fn code_table(&mut self, raw: &mut RawTable, table: &mut Table) {
        if self.figures_only(raw, table) {
            return;
        }
        let hl = header_len(&raw.rows);
        let header = &raw.rows[..hl];
        table.header = header.iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
        let amount_idx = amount_indices(header, &raw.rows, self.schema_for(header));
        let amount_idx = self.single_amount_column(&raw.rows, hl, amount_idx);
        let schema = self.schema_for_count(amount_idx.len(), header);
        let Some(cols) = map_columns(header, &amount_idx, schema) else {
            self.column_issue(raw);
            return;
        };
        table.columns = cols.iter().map(|(_, k, l)| Column { label: l.clone(), key: k, part: None }).collect();
        let first_amount = cols.iter().map(|(i, _, _)| *i).min().unwrap_or(0);
        // The last row read with a code: a 2- or 4-digit code is completed from it.
        let mut prev_coded: Option<usize> = None;
        let (header, body) = raw.rows.split_at_mut(hl);
        table.rows.reserve(body.len());
        for slot in body {
            // Each line is read once: taken out of the table and freed once read, so that a large table does not
            // keep its raw lines alongside its rows.
            let mut r = std::mem::replace(slot, RawRow { line: 0, cells: Vec::new(), source: Source::default() });
            let r = &mut r;
            if is_repeated_header(r, header) {
                continue;
            }
            let mut digits = String::new();
            // The code's parts as printed (「201」「06」「01」, in cells or apart in one cell): their shape says
            // whether the digits are a code at all (「7 11 02」 is not).
            let mut parts: Vec<String> = Vec::new();
            let mut label = String::new();
            let mut label_src = r.cells.first().map(|c| c.source).unwrap_or(r.source);
            // Code digits (in one or more cells) then the name, in the cells before the amounts; nothing after the
            // name counts.
            for c in r.cells.iter_mut().take(first_amount) {
                let only_digits = {
                    let t = squash(&c.text);
                    if t.is_empty() {
                        continue;
                    }
                    let only_digits = t.bytes().all(|b| b.is_ascii_digit());
                    if only_digits {
                        parts.extend(c.text.split_whitespace().map(str::to_string));
                    }
                    // A code in one cell without spaces (the usual case) is moved below, not copied.
                    if only_digits && !(digits.is_empty() && matches!(t, Cow::Borrowed(_))) {
                        digits.push_str(&t);
                    }
                    only_digits
                };
                if only_digits {
                    if digits.is_empty() {
                        digits = std::mem::take(&mut c.text);
                    }
                    label_src = c.source;
                    continue;
                }
                if digits.is_empty() {
                    // 「201 03 01 行政运行」: a code and its name in one cell.
                    let (lead, rest) = split_leading_code(&c.text);
                    if !lead.is_empty() {
                        parts = lead.split_whitespace().map(str::to_string).collect();
                        digits = lead.split_whitespace().collect();
                        label = rest.to_string();
                        label_src = c.source;
                        break;
                    }
                    label_src = c.source;
                }
                // The name cell is not an amount column (those start at `first_amount`): moved, not copied.
                label = std::mem::take(&mut c.text);
                break;
            }
            if self.kind == TableKind::BasicDetail {
                pad_economic_code(&mut digits);
            }
            let prev_code = prev_coded.and_then(|i| table.rows.get(i)).and_then(|row| row.code.as_deref());
            // A whole code is kept as read (moved, not copied); a partial one is completed from the row above.
            // Digits split otherwise than a code's levels, or that no code completes, are kept as printed.
            let shaped = code_parts_shaped(&parts, self.kind == TableKind::BasicDetail);
            let code = if !shaped {
                None
            } else if matches!(digits.len(), 3 | 5 | 7) {
                Some(std::mem::take(&mut digits))
            } else {
                complete_code(&digits, prev_code)
            };
            let printed_code = (code.is_none() && !digits.is_empty()).then(|| parts.join(" "));
            let key = if code.is_none() && (squash_is(&label, "合计") || squash_is(&label, "总计")) {
                Some(keys::GRAND_TOTAL)
            } else {
                None
            };
            let cells = self.row_cells(r, &cols);
            if code.is_none() && key.is_none() && label.is_empty() && cells.iter().all(|c| c.is_none()) {
                continue;
            }
            if code.is_some() {
                prev_coded = Some(table.rows.len());
            }
            let label = normalized_label(label);
            table.rows.push(Row { label, code, printed_code, key, part: None, cells, source: label_src });
        }
    }

    /// A code table printed without code or name columns: the header, then lines of figures only (西南大学收入预算表:
    /// 本年收入合计 … 其他收入, one line). Each column is named by its own header label; a 「金额」 column whose group
    /// label the layout did not put above it takes the one role the header names that no other column has (事业收入
    /// over 金额 and 「其中：教育收费」). Returns false, leaving the table to `code_table`, when the body has any text
    /// or the columns cannot all be named.
    fn figures_only(&mut self, raw: &mut RawTable, table: &mut Table) -> bool {
        if !matches!(self.kind, TableKind::Income | TableKind::Expenditure) {
            return false;
        }
        let hl = header_len(&raw.rows);
        let is_figure = |t: &str| amount::parse_amount(t).is_ok_and(|a| a.scale.is_some());
        let Some(first) = raw.rows.get(hl) else { return false };
        if !first.cells.first().is_some_and(|c| is_figure(&c.text)) {
            return false;
        }
        let text_in_body =
            raw.rows[hl..].iter().any(|r| r.cells.iter().any(|c| !c.text.trim().is_empty() && !is_figure(&c.text)));
        if text_in_body {
            return false;
        }
        let schema = self.schema_for(&[]);
        let header = &raw.rows[..hl];
        let width = raw.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut cols: Vec<(usize, &'static str, String)> = Vec::new();
        let mut unnamed: Vec<usize> = Vec::new();
        for i in 0..width {
            let Some(label) = schema_label(header, i, schema) else { continue };
            let best = schema
                .iter()
                .map(|(k, p)| (*k, match_score(&label, p)))
                .filter(|(_, s)| *s > 0)
                .max_by_key(|(_, s)| *s);
            match best {
                Some((k, _)) => cols.push((i, k, label)),
                None if label == "金额" => unnamed.push(i),
                None => {}
            }
        }
        let texts: Vec<Cow<str>> = header.iter().flat_map(|r| r.cells.iter().map(|c| squash(&c.text))).collect();
        let missing: Vec<(&'static str, &'static str)> = schema
            .iter()
            .filter(|(k, _)| *k != keys::OF_WHICH && !cols.iter().any(|(_, ck, _)| ck == k))
            .filter_map(|(k, pats)| pats.iter().find(|p| texts.iter().any(|t| t == *p)).map(|p| (*k, *p)))
            .collect();
        if unnamed.len() != missing.len() {
            return false;
        }
        cols.extend(unnamed.into_iter().zip(missing).map(|(i, (k, p))| (i, k, format!("{p}·金额"))));
        cols.sort_by_key(|(i, _, _)| *i);
        let mut ks: Vec<&str> = cols.iter().map(|(_, k, _)| *k).collect();
        ks.sort();
        ks.dedup();
        if cols.is_empty() || ks.len() != cols.len() {
            return false;
        }
        table.header = header.iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
        table.columns = cols.iter().map(|(_, k, l)| Column { label: l.clone(), key: k, part: None }).collect();
        for r in raw.rows[hl..].iter_mut() {
            if r.is_blank() {
                continue;
            }
            let source = r.cells.first().map(|c| c.source).unwrap_or(r.source);
            let cells = self.row_cells(r, &cols);
            table.rows.push(Row {
                label: String::new(),
                code: None,
                printed_code: None,
                key: None,
                part: None,
                cells,
                source,
            });
        }
        true
    }

    /// A 功能科目 table with one amount column (Jiangsu: 科目编码, 科目名称, 金额) whose 金额 label the layout put one
    /// column right of its figures: the column the body's figures are in.
    fn single_amount_column(&self, rows: &[RawRow], hl: usize, idx: Vec<usize>) -> Vec<usize> {
        let single = match self.kind {
            TableKind::GeneralBudget | TableKind::GovFund => single_amount_header(&rows[..hl]),
            // 机关运行经费支出 is its one amount column (Jiangsu swbgt 2018 prints it a column right of its figures).
            TableKind::AdminCosts => true,
            _ => false,
        };
        if !single {
            return idx;
        }
        let figure_cols: Vec<usize> = rows[hl..]
            .iter()
            .filter_map(|r| {
                r.cells.iter().rposition(|c| amount::parse_amount(&c.text).is_ok_and(|a| a.scale.is_some()))
            })
            .collect();
        match figure_cols.first() {
            Some(&c) if c > 0 && figure_cols.iter().all(|x| *x == c) => vec![c],
            _ => idx,
        }
    }

    fn schema_for(&self, header: &[RawRow]) -> Schema {
        if matches!(self.kind, TableKind::GeneralBudget | TableKind::GovFund) && single_amount_header(header) {
            return SINGLE_TOTAL_COLUMN;
        }
        match self.kind {
            TableKind::Income => INCOME_COLUMNS,
            TableKind::Expenditure => EXPENDITURE_COLUMNS,
            TableKind::GeneralBudget => THREE_USE_COLUMNS,
            TableKind::GovFund => FUND_COLUMNS,
            TableKind::StateCapital => FUND_COLUMNS,
            TableKind::BasicDetail => BUDGET_ECONOMIC_COLUMNS,
            TableKind::AdminCosts => super::budget_extra::ADMIN_COSTS_COLUMNS,
            _ => AMOUNT_COLUMN,
        }
    }

    /// T8 prints either the three T5 columns or the six T7 columns.
    fn schema_for_count(&self, n: usize, header: &[RawRow]) -> Schema {
        match self.kind {
            TableKind::StateCapital if n <= 3 => THREE_USE_COLUMNS,
            TableKind::GeneralBudget if n == 1 => SINGLE_TOTAL_COLUMN,
            TableKind::GovFund if n == 1 && single_amount_header(header) => SINGLE_TOTAL_COLUMN,
            _ => self.schema_for(&[]),
        }
    }

    /// The expenditure half of a 财政拨款收支预算总表 that lists uses (一、基本支出, 二、项目支出) under one 金额 column
    /// (Jiangsu) instead of a column per fund: read as the single amount column.
    fn uses_half(&self, header: &[RawRow], idx: &[usize]) -> Option<Vec<(usize, &'static str, String)>> {
        if self.kind != TableKind::FiscalSummary || idx.len() != 1 {
            return None;
        }
        map_columns(header, idx, AMOUNT_COLUMN)
    }

    /// A line of a two-half table with figures but no label on either side: a figure printed on the line below its
    /// label (西南大学收支预算总表: 「结转下年」 with its 95,721.40 a line lower). Its figures go to the cells left
    /// blank in the last row of the same half. Returns whether the line was such a line.
    fn wrapped_figures(
        &mut self,
        r: &mut RawRow,
        inc: &[(usize, &'static str, String)],
        exp: &[(usize, &'static str, String)],
        split: usize,
        table: &mut Table,
    ) -> bool {
        let blank = |r: &RawRow, i: usize| r.cells.get(i).is_none_or(|c| c.text.trim().is_empty());
        if !blank(r, 0) || !blank(r, split) || r.cells.iter().all(|c| c.text.trim().is_empty()) {
            return false;
        }
        let n_inc = inc.len();
        for (part, cols, offset) in [(Part::Income, inc, 0), (Part::Expenditure, exp, n_inc)] {
            let filled = cols.iter().any(|(i, _, _)| !blank(r, *i));
            if !filled {
                continue;
            }
            let cells = self.row_cells(r, cols);
            let Some(last) = table.rows.iter_mut().rev().find(|row| row.part == Some(part)) else {
                continue;
            };
            for (n, cell) in cells.into_iter().enumerate() {
                let slot = last.cells.get_mut(offset + n);
                if let (Some(slot), Some(cell)) = (slot, cell) {
                    if slot.as_ref().is_none_or(|c| c.text.trim().is_empty()) && !cell.text.trim().is_empty() {
                        *slot = Some(cell);
                    }
                }
            }
        }
        true
    }

    fn halves(&mut self, raw: &mut RawTable, table: &mut Table) {
        let rows = &raw.rows;
        let hl = header_len(rows);
        let header = &rows[..hl];
        table.header = header.iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let Some(split) = half_split(header) else {
            self.column_issue(raw);
            return;
        };
        let income_schema: Schema = AMOUNT_COLUMN;
        let exp_schema: Schema = if self.kind == TableKind::FiscalSummary {
            FISCAL_EXPENDITURE_COLUMNS
        } else {
            summary_expenditure_schema(header)
        };
        let inc_idx = half_amount_indices(header, 0, split);
        let exp_idx = half_amount_indices(header, split, width);
        let inc = map_columns(header, &inc_idx, income_schema).map(|mut v| {
            v.truncate(1);
            v
        });
        let exp = map_columns(header, &exp_idx, exp_schema).or_else(|| self.uses_half(header, &exp_idx));
        let (Some(inc), Some(exp)) = (inc, exp) else {
            self.column_issue(raw);
            return;
        };
        for (_, k, l) in &inc {
            table.columns.push(Column { label: l.clone(), key: k, part: Some(Part::Income) });
        }
        for (_, k, l) in &exp {
            table.columns.push(Column { label: l.clone(), key: k, part: Some(Part::Expenditure) });
        }
        let n_inc = inc.len();
        let mut after_opening = false;
        let (header, body) = raw.rows.split_at_mut(hl);
        for r in body {
            if is_repeated_header(r, header) {
                continue;
            }
            if self.wrapped_figures(r, &inc, &exp, split, table) {
                continue;
            }
            // Income side (its amount columns lie before `split`, the expenditure label).
            if let Some(lc) = r.cells.first().filter(|c| !c.text.is_empty()) {
                let (label, source) = (strip_ordinal(&lc.text), lc.source);
                let key = income_key(&label, &mut after_opening).or_else(|| sector_income_key(&label));
                let key = if is_of_which(&lc.text) && table.rows.iter().any(|r| r.key == Some(keys::INCOME_FISCAL)) {
                    None
                } else {
                    key
                };
                let mut cells: Vec<Option<Cell>> = self.row_cells(r, &inc);
                cells.resize(table.columns.len(), None);
                table.rows.push(Row {
                    label,
                    code: None,
                    printed_code: None,
                    key,
                    part: Some(Part::Income),
                    cells,
                    source,
                });
            }
            // Expenditure side.
            if let Some(lc) = r.cells.get(split).filter(|c| !c.text.is_empty()) {
                let source = lc.source;
                let label = strip_ordinal(&lc.text);
                let key =
                    expenditure_key(&label).or_else(|| sector_expenditure_key(&label)).or_else(|| use_key(&label));
                let code = if key.is_none() {
                    class_code(&label).or_else(|| closest_functional_class(&label)).map(str::to_string)
                } else {
                    None
                };
                if key.is_none() && code.is_none() {
                    self.issues.push(ReadIssue {
                        message_zh: format!("{}第 {} 行：支出项目「{}」不是功能分类的类名称，无法与其他表对应", self.name_zh, r.line, label),
                        message_en: format!("{}, line {}: expenditure row “{}” is not a functional class name; not matched across tables", self.name_en, r.line, label),
                        source,
                        excerpt: lc.text.clone(),
                        table: Some(format!("#{}", self.index)),
                    });
                }
                let mut cells: Vec<Option<Cell>> = vec![None; n_inc];
                cells.extend(self.row_cells(r, &exp));
                table.rows.push(Row {
                    label,
                    code,
                    printed_code: None,
                    key,
                    part: Some(Part::Expenditure),
                    cells,
                    source,
                });
            }
        }
    }

    fn blocks(&mut self, raw: &RawTable, table: &mut Table) {
        let rows = &raw.rows;
        let hl = header_len(rows);
        let header = &rows[..hl];
        table.header = header.iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
        let mut amount_cols: Vec<usize> = header
            .iter()
            .flat_map(|r| r.cells.iter().enumerate())
            .filter(|(_, c)| {
                let t = squash(&c.text);
                t.contains("决算数") || t == "金额" || t == "合计"
            })
            .map(|(i, _)| i)
            .filter(|i| *i >= 2)
            .collect();
        amount_cols.sort();
        amount_cols.dedup();
        if amount_cols.is_empty() {
            let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
            amount_cols = (2..width).step_by(3).collect();
        }
        let label = header
            .iter()
            .flat_map(|r| r.cells.iter())
            .map(|c| squash(&c.text))
            .find(|t| t.contains("决算数") || t == "金额")
            .map_or_else(|| "决算数".to_string(), Cow::into_owned);
        table.columns = vec![Column { label, key: keys::AMOUNT, part: None }];
        let mut per_block: Vec<Vec<Row>> = vec![Vec::new(); amount_cols.len()];
        let mut footer: Vec<Row> = Vec::new();
        for r in &rows[hl..] {
            if is_repeated_header(r, header) {
                continue;
            }
            // Footer: 人员经费合计 … 公用经费合计 …, each with the next number after its label. A label that only
            // contains the words is a row of its own (a budget's 303 「离退休人员经费」).
            let footer_cells: Vec<usize> = r
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    let t = squash(&c.text);
                    t.starts_with("人员经费") || t.starts_with("公用经费")
                })
                .map(|(i, _)| i)
                .collect();
            if !footer_cells.is_empty() {
                for (n, &li) in footer_cells.iter().enumerate() {
                    let stop = footer_cells.get(n + 1).copied().unwrap_or(r.cells.len());
                    let lc = &r.cells[li];
                    let t = squash(&lc.text).into_owned();
                    let key = if t.contains("人员经费") { keys::PERSONNEL_TOTAL } else { keys::PUBLIC_TOTAL };
                    let val = r.cells[li + 1..stop].iter().find(|c| !c.text.is_empty());
                    let cell = self.cell(val, r.line);
                    footer.push(Row {
                        label: t,
                        code: None,
                        printed_code: None,
                        key: Some(key),
                        part: None,
                        cells: vec![cell],
                        source: lc.source,
                    });
                }
                continue;
            }
            for (b, &ai) in amount_cols.iter().enumerate() {
                let code_cell = ai.checked_sub(2).and_then(|i| r.cells.get(i));
                let name_cell = ai.checked_sub(1).and_then(|i| r.cells.get(i));
                let amount_cell = r.cells.get(ai);
                let code_t = code_cell.map(|c| squash(&c.text).into_owned()).unwrap_or_default();
                let name_t = name_cell.map(|c| c.text.clone()).unwrap_or_default();
                if code_t.is_empty() && name_t.is_empty() && amount_cell.is_none_or(|c| c.text.is_empty()) {
                    continue;
                }
                let code = if matches!(code_t.len(), 3 | 5) && code_t.chars().all(|c| c.is_ascii_digit()) {
                    Some(code_t.clone())
                } else {
                    None
                };
                let src = code_cell.filter(|c| !c.text.is_empty()).or(name_cell).map(|c| c.source).unwrap_or(r.source);
                let cell = match amount_cell {
                    Some(c) => self.cell(Some(c), r.line),
                    None => Some(Cell {
                        text: String::new(),
                        amount: Some(Amount::exact_zero()),
                        source: Source {
                            line: r.line,
                            cell: ai as u32 + 1,
                            start: r.source.end,
                            end: r.source.end,
                            page: None,
                        },
                    }),
                };
                let label = if name_t.is_empty() { code_t } else { normalized_label(name_t) };
                per_block[b].push(Row {
                    label,
                    code,
                    printed_code: None,
                    key: None,
                    part: None,
                    cells: vec![cell],
                    source: src,
                });
            }
        }
        table.rows = per_block.into_iter().flatten().chain(footer).collect();
    }

    fn three_public(&mut self, raw: &mut RawTable, table: &mut Table) {
        if self.budget_three_public_with_meetings(raw, table) {
            return;
        }
        let rows = &raw.rows;
        let hl = header_len(rows);
        let header = &rows[..hl];
        table.header = header.iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
        let Some(data_pos) = rows[hl..].iter().position(|r| {
            r.cells.iter().any(|c| !c.text.is_empty() && amount::parse_amount(&c.text).is_ok_and(|a| a.scale.is_some()))
        }) else {
            // Header only: an empty table; columns from the header for rendering: the 栏次 numbers, or (a blank
            // table read from a PDF) the 预算数/决算数 cells of the lowest line that has them.
            let header = &rows[..];
            let mut idx = numbered_indices(header);
            if idx.is_empty() {
                idx = header
                    .iter()
                    .rev()
                    .find(|r| r.cells.iter().any(|c| is_group_label(&c.text)))
                    .map(|r| {
                        r.cells.iter().enumerate().filter(|(_, c)| is_group_label(&c.text)).map(|(i, _)| i).collect()
                    })
                    .unwrap_or_default();
                table.header = header.iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
            }
            if let Some(cols) = self.three_public_columns(header, &idx) {
                table.columns = cols.iter().map(|(_, k, l)| Column { label: l.clone(), key: k, part: None }).collect();
            }
            return;
        };
        let data = &rows[hl + data_pos];
        let mut idx = numbered_indices(header);
        if idx.is_empty() {
            idx = (0..data.cells.len()).filter(|i| amount::parse_amount(&data.cells[*i].text).is_ok()).collect();
        }
        let Some(cols) = self.three_public_columns(header, &idx) else {
            self.column_issue(raw);
            return;
        };
        table.columns = cols.iter().map(|(_, k, l)| Column { label: l.clone(), key: k, part: None }).collect();
        for r in &mut raw.rows[hl + data_pos..] {
            if r.cells.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            let src = r.cells.first().map(|c| c.source).unwrap_or(r.source);
            let cells = self.row_cells(r, &cols);
            table.rows.push(three_public_row(cells, src));
        }
    }

    /// The Shanghai budget 「三公」经费和机关运行经费预算表: one row of seven figures under a two-row header
    /// (「“三公”经费预算数」 over 合计 / 因公出国(境)费 / 公务接待费 / 公务用车购置及运行费 (小计 / 购置费 / 运行费), and
    /// 「机关运行经费预算数」). The PDF's layout may join the figures of adjacent cells in one cell (「867.50 839.00」)
    /// and drop blank cells: the figures are taken left to right, and mapped to the seven columns only when the
    /// header names them in the printed order and the row has exactly seven figures. Otherwise no column is
    /// guessed: the table is not read, and the reason is told.
    fn budget_three_public(&mut self, raw: &RawTable, table: &mut Table) {
        let rows = &raw.rows;
        let data_at = rows.iter().position(is_figures_row).unwrap_or(rows.len());
        let header = &rows[..data_at];
        table.header = header.iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
        if !budget_three_public_leaves_in_order(header) {
            self.column_issue(raw);
            return;
        }
        let columns: Vec<Column> = BUDGET_THREE_PUBLIC_LEAVES
            .iter()
            .map(|(_, key, label)| Column { label: label.to_string(), key, part: None })
            .collect();
        let Some(data) = rows.get(data_at) else {
            // Header only: a blank table; it stands for zeros only if the document says it is empty.
            table.columns = columns;
            return;
        };
        // Cells aligned to the header's (a sheet, or a PDF laid out on the header's grid): each leaf's cell,
        // blank or not, is its figure. Otherwise the figures are taken left to right, and must be seven.
        let figures = match aligned_leaf_cells(header, data) {
            Some(cells) => cells,
            None => row_figures(data),
        };
        if figures.len() != columns.len() {
            let src = data.cells.first().map(|c| c.source).unwrap_or(data.source);
            self.issues.push(ReadIssue {
                message_zh: format!(
                    "{}：数字行有 {} 个数，表头有 {} 栏（相邻单元格的数挤在一起或空白单元格未印出），无法确定各数所在的栏，本表未核对",
                    self.name_zh,
                    figures.len(),
                    columns.len()
                ),
                message_en: format!(
                    "{}: the row of figures has {} numbers for the header's {} columns (figures of adjacent cells run together or blank cells not printed); which column each belongs to is not certain; not checked",
                    self.name_en,
                    figures.len(),
                    columns.len()
                ),
                source: src,
                excerpt: data.texts().join(" | ").chars().take(80).collect(),
                table: Some(format!("#{}", self.index)),
            });
            return;
        }
        table.columns = columns;
        let cells = figures.into_iter().map(|(text, source)| Some(self.read_cell(text, source, data.line))).collect();
        let src = data.cells.first().map(|c| c.source).unwrap_or(data.source);
        table.rows.push(three_public_row(cells, src));
    }

    /// A budget's 三公 table with no 预算数/决算数 groups, the Jiangsu one with 会议费 and 培训费 beside the 三公:
    /// 合计 | “三公”经费: 小计, 因公出国（境）费, 公务用车购置及运行维护费 (小计, 购置费, 运行维护费), 公务接待费 | 会议费 |
    /// 培训费. Each column is named by its header text read from top to bottom without the group labels (the layout
    /// splits 「公务接 / 待费」 over lines); a 小计 left of 因公出国 is the 三公's, one right of it the vehicles'. Lines of
    /// figures below are the rows. Returns false (the template reader goes on) when a group label is printed or the
    /// columns are not all found.
    fn budget_three_public_with_meetings(&mut self, raw: &mut RawTable, table: &mut Table) -> bool {
        let rows = &raw.rows;
        let Some(data) = rows.iter().position(|r| {
            r.cells.iter().any(|c| amount::parse_amount(&c.text).is_ok_and(|a| a.scale.is_some()))
                && r.cells.iter().all(|c| c.text.trim().is_empty() || amount::parse_amount(&c.text).is_ok())
        }) else {
            return false;
        };
        let header = &rows[..data];
        if header.iter().any(|r| r.cells.iter().any(|c| is_group_label(&c.text))) {
            return false;
        }
        let all: String = header.iter().flat_map(|r| r.cells.iter().map(|c| squash(&c.text))).collect();
        if !(all.contains("会议费") && all.contains("培训费") && all.contains("因公出国")) {
            return false;
        }
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut cols: Vec<(usize, &'static str, String)> = Vec::new();
        let mut abroad_seen = false;
        for i in 0..width {
            let text: String = header
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|c| squash(&c.text).into_owned())
                .filter(|t| !t.contains("三公") && !t.contains("购置及运行"))
                .collect();
            // Two item names over one column: the layout has put a label over the wrong column; not read.
            let items = ["会议费", "培训费", "因公出国", "接待", "购置", "运行"];
            if items.iter().filter(|w| text.contains(*w)).count() > 1 && !text.contains("购置费运行") {
                return false;
            }
            let key = if text.contains("会议费") {
                keys::TP_BUDGET_MEETINGS
            } else if text.contains("培训费") {
                keys::TP_BUDGET_TRAINING
            } else if text.contains("因公出国") {
                abroad_seen = true;
                keys::TP_BUDGET_ABROAD
            } else if text.contains("接待") {
                keys::TP_BUDGET_RECEPTION
            } else if text.contains("购置") {
                keys::TP_BUDGET_VEHICLE_PURCHASE
            } else if text.contains("运行") {
                keys::TP_BUDGET_VEHICLE_OPS
            } else if text == "小计" {
                if abroad_seen { keys::TP_BUDGET_VEHICLE } else { keys::TP_BUDGET_TOTAL }
            } else if text == "合计" {
                keys::TP_BUDGET_WITH_MEETINGS
            } else {
                continue;
            };
            let label = if text == "小计" && abroad_seen {
                "公务用车购置及运行维护费·小计".to_string()
            } else if text == "小计" {
                "“三公”经费·小计".to_string()
            } else {
                text
            };
            cols.push((i, key, label));
        }
        let mut ks: Vec<&str> = cols.iter().map(|(_, k, _)| *k).collect();
        ks.sort();
        ks.dedup();
        if ks.len() != cols.len() || cols.len() < 9 {
            return false;
        }
        table.header = header.iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
        table.columns = cols.iter().map(|(_, k, l)| Column { label: l.clone(), key: k, part: None }).collect();
        for r in &mut raw.rows[data..] {
            if r.cells.iter().all(|c| c.text.trim().is_empty()) {
                continue;
            }
            let src = r.cells.first().map(|c| c.source).unwrap_or(r.source);
            let cells = self.row_cells(r, &cols);
            table.rows.push(three_public_row(cells, src));
        }
        true
    }

    fn three_public_columns(&self, header: &[RawRow], idx: &[usize]) -> Option<Vec<(usize, &'static str, String)>> {
        if idx.is_empty() {
            return None;
        }
        let width = header.iter().map(|r| r.cells.len()).max().unwrap_or(0).max(idx.iter().max().map_or(0, |m| m + 1));
        let group_rows: Vec<&RawRow> =
            header.iter().filter(|r| r.cells.iter().any(|c| is_group_label(&c.text))).collect();
        let item_rows: Vec<&RawRow> = header
            .iter()
            .filter(|r| !r.cells.iter().any(|c| is_group_label(&c.text)))
            .filter(|r| !r.cells.iter().all(|c| c.text.is_empty() || is_number_label(&c.text)))
            .collect();
        let paths = header_paths(&item_rows, width);
        let groups: Vec<Vec<String>> = header_paths(&group_rows, width);
        let mut out = Vec::new();
        for &i in idx {
            // 预算数 / 决算数: the group label over this column (a merged cell spans to the right).
            let group = groups.get(i)?.iter().rev().find(|g| is_group_label(g))?;
            let budget = group.contains("预算");
            let path = paths.get(i)?;
            let leaf = path.last()?;
            let item = if (leaf == "合计" || leaf == "小计")
                && path.iter().rev().skip(1).any(|p| p.contains("公务用车"))
            {
                item_key("小计", budget)
            } else {
                item_key(leaf, budget)
            }?;
            // Budget and final columns print the same item names: the label says which group.
            out.push((i, item, format!("{group}·{leaf}")));
        }
        let mut ks: Vec<&str> = out.iter().map(|(_, k, _)| *k).collect();
        ks.sort();
        ks.dedup();
        if ks.len() == out.len() {
            return Some(out);
        }
        if idx.len() == 12 {
            let canon = [
                keys::TP_BUDGET_TOTAL,
                keys::TP_BUDGET_ABROAD,
                keys::TP_BUDGET_VEHICLE,
                keys::TP_BUDGET_VEHICLE_PURCHASE,
                keys::TP_BUDGET_VEHICLE_OPS,
                keys::TP_BUDGET_RECEPTION,
                keys::TP_FINAL_TOTAL,
                keys::TP_FINAL_ABROAD,
                keys::TP_FINAL_VEHICLE,
                keys::TP_FINAL_VEHICLE_PURCHASE,
                keys::TP_FINAL_VEHICLE_OPS,
                keys::TP_FINAL_RECEPTION,
            ];
            return Some(idx.iter().zip(canon).map(|(i, k)| (*i, k, k.to_string())).collect());
        }
        None
    }
}

/// The one line of figures of a 三公 table, named as the form names it.
fn three_public_row(cells: Vec<Option<Cell>>, source: Source) -> Row {
    Row {
        label: "“三公”经费".to_string(), code: None, printed_code: None, key: None, part: None, cells, source
    }
}

fn is_group_label(t: &str) -> bool {
    let t = squash(t);
    t == "预算数" || t == "决算数" || t == "预算" || t == "决算" || t == "全年预算数"
}

fn item_key(label: &str, budget: bool) -> Option<&'static str> {
    let l = squash(label);
    let k = if l == "小计" || l.contains("及运行") {
        (keys::TP_BUDGET_VEHICLE, keys::TP_FINAL_VEHICLE)
    } else if l.contains("运行") {
        (keys::TP_BUDGET_VEHICLE_OPS, keys::TP_FINAL_VEHICLE_OPS)
    } else if l.contains("购置") {
        (keys::TP_BUDGET_VEHICLE_PURCHASE, keys::TP_FINAL_VEHICLE_PURCHASE)
    } else if l.contains("出国") {
        (keys::TP_BUDGET_ABROAD, keys::TP_FINAL_ABROAD)
    } else if l.contains("接待") {
        (keys::TP_BUDGET_RECEPTION, keys::TP_FINAL_RECEPTION)
    } else if l.contains("合计") {
        (keys::TP_BUDGET_TOTAL, keys::TP_FINAL_TOTAL)
    } else {
        return None;
    };
    Some(if budget { k.0 } else { k.1 })
}

/// For each column, the header labels above it from top to bottom. A merged cell's label spans the empty cells
/// to its right, but a lower line's label never spans past a column where a line above starts a new label.
fn header_paths(rows: &[&RawRow], width: usize) -> Vec<Vec<String>> {
    let mut paths: Vec<Vec<String>> = vec![Vec::new(); width];
    let mut starts_above = vec![false; width];
    for r in rows {
        let mut carry = String::new();
        for i in 0..width {
            let own = r.cells.get(i).map(|c| squash(&c.text).into_owned()).unwrap_or_default();
            if !own.is_empty() {
                carry = own;
            } else if starts_above[i] {
                carry.clear();
            }
            if !carry.is_empty() {
                paths[i].push(carry.clone());
            }
        }
        for i in 0..width {
            if r.cells.get(i).is_some_and(|c| !c.text.trim().is_empty()) {
                starts_above[i] = true;
            }
        }
    }
    paths
}

fn numbered_indices(header: &[RawRow]) -> Vec<usize> {
    match numbering_row(header) {
        Some(n) => {
            header[n].cells.iter().enumerate().filter(|(_, c)| is_number_label(&c.text)).map(|(i, _)| i).collect()
        }
        None => Vec::new(),
    }
}

/// Amount columns of a code table: the numbered columns of the 栏次 line, else those whose header names a role.
fn amount_indices(header: &[RawRow], rows: &[RawRow], schema: Schema) -> Vec<usize> {
    let numbered = numbered_indices(header);
    if !numbered.is_empty() {
        return numbered;
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    (1..width)
        .filter(|&i| {
            schema_label(header, i, schema).is_some_and(|l| schema.iter().any(|(_, p)| match_score(&l, p) > 0))
        })
        .collect()
}

/// Where the expenditure half of a two-half table (T1, T4) begins.
fn half_split(header: &[RawRow]) -> Option<usize> {
    for r in header {
        let pos: Vec<usize> =
            r.cells.iter().enumerate().filter(|(_, c)| squash(&c.text) == "栏次").map(|(i, _)| i).collect();
        if pos.len() >= 2 {
            return Some(pos[1]);
        }
    }
    for r in header {
        if let Some(i) = r.cells.iter().skip(1).position(|c| squash(&c.text) == "支出") {
            return Some(i + 1);
        }
    }
    for r in header {
        let pos: Vec<usize> =
            r.cells.iter().enumerate().filter(|(_, c)| squash(&c.text) == "项目").map(|(i, _)| i).collect();
        if pos.len() >= 2 {
            return Some(pos[1]);
        }
    }
    labelled_half_split(header)
}

/// 高等学校 收支决算总表: 「项目栏次 | 决算数1 | 项目(按功能分类)栏次 | 决算数2」, the labels run together: the second
/// cell that starts with 「项目」 begins the expenditure half.
fn labelled_half_split(header: &[RawRow]) -> Option<usize> {
    header.iter().find_map(|r| {
        let pos: Vec<usize> =
            r.cells.iter().enumerate().filter(|(_, c)| squash(&c.text).starts_with("项目")).map(|(i, _)| i).collect();
        (pos.len() == 2 && pos[0] == 0).then(|| pos[1])
    })
}

fn half_amount_indices(header: &[RawRow], from: usize, to: usize) -> Vec<usize> {
    let numbered: Vec<usize> = numbered_indices(header).into_iter().filter(|i| *i >= from && *i < to).collect();
    if !numbered.is_empty() {
        return numbered;
    }
    (from + 1..to)
        .filter(|&i| {
            leaf_label(header, i, &[]).is_some_and(|l| {
                l != "行次"
                    && l != "项目"
                    && l != "收入"
                    && l != "支出"
                    && (!l.contains("项目") || l == "项目支出")
                    && l.chars().count() > 1
            }) && !is_budget_half_group_label(header, i)
        })
        .collect()
}

/// A header line printed again (on a continuation page), or any line with 「栏次」. Compared in place: this runs on
/// every body row.
fn is_repeated_header(r: &RawRow, header: &[RawRow]) -> bool {
    let same =
        |h: &RawRow| h.cells.len() == r.cells.len() && h.cells.iter().zip(&r.cells).all(|(a, b)| a.text == b.text);
    header.iter().any(same) || r.cells.iter().any(|c| squash_is(&c.text, "栏次"))
}

fn income_key(label: &str, after_opening: &mut bool) -> Option<&'static str> {
    let l = label;
    let key = if l.contains("本年收入合计") || l == "收入合计" {
        keys::INCOME_TOTAL
    } else if l.contains("使用非财政拨款结余") || l.contains("用事业基金弥补") {
        keys::USE_NON_FISCAL_BALANCE
    } else if l.contains("年初") && l.contains("结转") {
        *after_opening = true;
        keys::OPENING_BALANCE
    } else if l == "总计" || l.ends_with("总计") {
        keys::INCOME_GRAND_TOTAL
    } else if l.contains("一般公共预算") {
        if *after_opening { keys::OPENING_GENERAL_BUDGET } else { keys::INCOME_GENERAL_BUDGET }
    } else if l.contains("政府性基金") {
        if *after_opening { keys::OPENING_GOV_FUND } else { keys::INCOME_GOV_FUND }
    } else if l.contains("国有资本经营") {
        if *after_opening { keys::OPENING_STATE_CAPITAL } else { keys::INCOME_STATE_CAPITAL }
    } else if l.contains("上级补助收入") {
        keys::INCOME_SUPERIOR
    } else if l.contains("事业收入") {
        keys::INCOME_BUSINESS
    } else if l.contains("经营收入") {
        keys::INCOME_OPERATING
    } else if l.contains("附属单位上缴收入") {
        keys::INCOME_AFFILIATE
    } else if l.contains("其他收入") {
        keys::INCOME_OTHER
    } else {
        return None;
    };
    Some(key)
}

fn expenditure_key(label: &str) -> Option<&'static str> {
    let l = label;
    let key = if l.contains("本年支出合计") || l == "支出合计" {
        keys::EXPENDITURE_TOTAL
    } else if l.contains("结余分配") {
        keys::BALANCE_DISTRIBUTION
    } else if l.contains("年末") && l.contains("结转") {
        keys::CLOSING_BALANCE
    } else if l == "总计" || l.ends_with("总计") {
        keys::EXPENDITURE_GRAND_TOTAL
    } else {
        return None;
    };
    Some(key)
}

/// Income rows of the 高等学校 and Jiangsu summaries that the 决算 template words do not name: 财政拨款 as one row,
/// 上年结转 (the opening balance), 当年收入小计.
fn sector_income_key(label: &str) -> Option<&'static str> {
    let l = label;
    if l == "财政拨款" || l == "财政拨款收入" {
        Some(keys::INCOME_FISCAL)
    } else if l.starts_with("上年结转") {
        Some(keys::OPENING_BALANCE)
    } else if l == "当年收入小计" {
        Some(keys::INCOME_TOTAL)
    } else if l == "合计" {
        // 高等学校 收支决算总表: its last line 「合计 | 合计」 is the 总计.
        Some(keys::INCOME_GRAND_TOTAL)
    } else {
        None
    }
}

/// Expenditure rows of the same summaries: 结转下年(资金) (the closing balance), 当年支出小计.
fn sector_expenditure_key(label: &str) -> Option<&'static str> {
    let l = label;
    if l.starts_with("结转下年") {
        Some(keys::CLOSING_BALANCE)
    } else if l == "当年支出小计" {
        Some(keys::EXPENDITURE_TOTAL)
    } else if l == "合计" {
        Some(keys::EXPENDITURE_GRAND_TOTAL)
    } else {
        None
    }
}

/// An expenditure row named by its use (基本支出, 项目支出, 单位预留机动经费 …) rather than its function.
fn use_key(label: &str) -> Option<&'static str> {
    const USES: [&str; 6] =
        ["基本支出", "项目支出", "单位预留机动经费", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出"];
    USES.contains(&label).then_some(keys::EXPENDITURE_USE)
}

/// A 「其中：」 row: part of the row above it.
fn is_of_which(text: &str) -> bool {
    let t = squash(text);
    t.starts_with("其中：") || t.starts_with("其中:")
}

/// Splits 「201 03 01 行政运行」 into the code's digits and the name (only when the digits form a code).
fn split_leading_code(text: &str) -> (String, &str) {
    let mut digits = String::new();
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            digits.push(c);
            end = i + c.len_utf8();
        } else if c.is_whitespace() {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    let rest = text[end..].trim();
    let lead = text[..end].trim();
    // Several runs of digits before the name (「7 11 02 事业单位医疗」) are a code cell, whatever their shape.
    let split = lead.split_whitespace().count() > 1;
    if (is_code(&digits) || split) && !rest.is_empty() { (lead.to_string(), rest) } else { (String::new(), text) }
}

/// Whether a code's printed parts have a code's shape: one run of digits, or the levels apart — 类 (3 digits),
/// then 款 and 项 (2 each); 「201 06 01」, 「06」「01」 under their 类, 「20106 01」. An economic code's 款 may be printed
/// without its 0 (「301」「2」). 「7 11 02」 is none of these.
fn code_parts_shaped(parts: &[String], economic: bool) -> bool {
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    match lens[..] {
        [] | [_] => true,
        [3, 2] | [3, 2, 2] | [5, 2] | [2, 2] => true,
        [3, 1] => economic,
        _ => false,
    }
}

/// Joins code digits read from one or more cells; completes a 2- or 4-digit lower part from the row above.
fn complete_code(digits: &str, prev: Option<&str>) -> Option<String> {
    match digits.len() {
        3 | 5 | 7 => Some(digits.to_string()),
        2 => match prev {
            Some(p) if p.len() >= 5 => Some(format!("{}{}", &p[..5], digits)),
            Some(p) if p.len() == 3 => Some(format!("{p}{digits}")),
            _ => None,
        },
        4 => prev.filter(|p| p.len() >= 3).map(|p| format!("{}{}", &p[..3], digits)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(strip_ordinal("一、一般公共预算财政拨款收入"), "一般公共预算财政拨款收入");
        assert_eq!(strip_ordinal("二十六、抗疫特别国债安排的支出"), "抗疫特别国债安排的支出");
        assert_eq!(strip_ordinal("（一）总体情况"), "总体情况");
        assert_eq!(strip_ordinal("本年收入合计"), "本年收入合计");
    }

    #[test]
    fn codes() {
        assert_eq!(complete_code("2011301", None).as_deref(), Some("2011301"));
        assert_eq!(complete_code("01", Some("20113")).as_deref(), Some("2011301"));
        assert_eq!(complete_code("99", Some("2011301")).as_deref(), Some("2011399"));
        assert_eq!(complete_code("0601", Some("201")).as_deref(), Some("2010601"));
        assert_eq!(complete_code("01", None), None);
    }

    #[test]
    fn class_code_is_functional_class_code() {
        let known = classification::FUNCTIONAL_CLASSES.iter().chain(classification::OUTDATED_CLASS_NAMES);
        let names: Vec<&str> =
            known.map(|(_, n)| *n).chain(["文化旅游与传媒支出", "教育 支出", "教育支出（类）", "合计", ""]).collect();
        for name in names {
            assert_eq!(class_code(name), functional_class_code(name), "{name}");
        }
    }
}

/// The header of the Shanghai budget 一般公共预算基本支出部门预算经济分类预算表: 合计, 人员经费 and 公用经费 columns.
fn is_budget_economic_header(rows: &[RawRow]) -> bool {
    let header = &rows[..header_len(rows).min(rows.len())];
    let has = |w: &str| header.iter().any(|r| r.cells.iter().any(|c| squash_is(&c.text, w)));
    has("合计") && has("人员经费") && has("公用经费")
}

/// An economic classification code read from two cells whose 款 lost its leading zero (「301」 「2」 for 30102): 款
/// are always two digits, so a four-digit economic code is a 类 and a one-digit 款.
fn pad_economic_code(digits: &mut String) {
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.insert(3, '0');
    }
}

/// The 财务收支预算总表's expenditure columns: 合计/人员经费/公用经费/项目支出 when the header splits 预算数 so.
fn summary_expenditure_schema(header: &[RawRow]) -> Schema {
    let split = header.iter().any(|r| r.cells.iter().any(|c| squash_is(&c.text, "人员经费")));
    if split { BUDGET_SUMMARY_EXPENDITURE_COLUMNS } else { AMOUNT_COLUMN }
}

/// The Shanghai budget 「三公」经费和机关运行经费预算表 (its header names 机关运行经费 next to the 三公 items).
fn is_budget_three_public_header(rows: &[RawRow]) -> bool {
    let header = &rows[..rows.iter().position(is_figures_row).unwrap_or(rows.len())];
    let text: String = header.iter().flat_map(|r| r.cells.iter().map(|c| squash(&c.text))).collect();
    text.contains("机关运行经") && text.contains("三公") && text.contains("因公出国")
}

/// A row whose non-empty cells hold only figures (one or more, separated by spaces), with at least one.
fn is_figures_row(r: &RawRow) -> bool {
    let mut any = false;
    for c in &r.cells {
        for w in c.text.split_whitespace() {
            if amount::parse_amount(w).is_err() {
                return false;
            }
            any = true;
        }
    }
    any
}

/// The figures of a row left to right, a cell holding several (「867.50 839.00」) split at its spaces, each with
/// where it was read (its own characters within the cell).
fn row_figures(r: &RawRow) -> Vec<(String, Source)> {
    let mut out = Vec::new();
    for c in &r.cells {
        let mut offset = 0u32;
        let mut word = String::new();
        let mut word_start = 0u32;
        for ch in c.text.chars().chain(std::iter::once(' ')) {
            if ch.is_whitespace() {
                if !word.is_empty() {
                    let len = word.chars().count() as u32;
                    let start = c.source.start.saturating_add(word_start).min(c.source.end);
                    let end = start.saturating_add(len).min(c.source.end.max(start));
                    out.push((std::mem::take(&mut word), Source { start, end, ..c.source }));
                }
            } else {
                if word.is_empty() {
                    word_start = offset;
                }
                word.push(ch);
            }
            offset += 1;
        }
    }
    out
}

/// The seven leaf columns of the Shanghai budget 「三公」 table, found in the header in the printed order (by cell,
/// then by place within a cell whose labels ran together: 「合计因公出国(境)费公务接待费」): `None` unless each is
/// named once and they come in `BUDGET_THREE_PUBLIC_LEAVES`' order.
fn budget_three_public_leaves_in_order(header: &[RawRow]) -> bool {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (cell, char offset, leaf)
    for r in header {
        for (ci, c) in r.cells.iter().enumerate() {
            let t = squash(&c.text).replace("公务用车购置及运行费", "");
            for (li, (word, _, _)) in BUDGET_THREE_PUBLIC_LEAVES.iter().enumerate() {
                let mut from = 0;
                while let Some(pos) = t[from..].find(word) {
                    found.push((ci, t[..from + pos].chars().count(), li));
                    from += pos + word.len();
                }
            }
        }
    }
    found.sort();
    found.iter().map(|f| f.2).eq(0..BUDGET_THREE_PUBLIC_LEAVES.len())
}

/// The seven leaves' cells of a 「三公」 table's figures row, when the text lays the row out on the header's cells:
/// each leaf named alone in a cell of its own, every cell with a figure under a leaf, one figure per cell. A leaf's
/// blank cell is blank (an exact zero, as a blank amount cell is anywhere). `None` when the row does not fit.
fn aligned_leaf_cells(header: &[RawRow], data: &RawRow) -> Option<Vec<(String, Source)>> {
    let mut at: Vec<Option<usize>> = vec![None; BUDGET_THREE_PUBLIC_LEAVES.len()];
    for r in header {
        for (ci, c) in r.cells.iter().enumerate() {
            let t = squash(&c.text).replace("公务用车购置及运行费", "");
            let named: Vec<usize> = BUDGET_THREE_PUBLIC_LEAVES
                .iter()
                .enumerate()
                .filter(|(_, (word, _, _))| t.contains(word))
                .map(|(li, _)| li)
                .collect();
            match named[..] {
                [] => {}
                [li] if at[li].is_none() && t.matches(BUDGET_THREE_PUBLIC_LEAVES[li].0).count() == 1 => {
                    at[li] = Some(ci)
                }
                _ => return None,
            }
        }
    }
    let at: Vec<usize> = at.into_iter().collect::<Option<_>>()?;
    if !at.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    let aligned = data.cells.iter().enumerate().all(|(ci, c)| {
        let words = c.text.split_whitespace().count();
        words == 0 || (words == 1 && at.contains(&ci))
    });
    if !aligned {
        return None;
    }
    Some(
        at.iter()
            .map(|&ci| match data.cells.get(ci) {
                Some(c) => (c.text.trim().to_string(), c.source),
                None => (String::new(), Source { start: data.source.end, end: data.source.end, ..data.source }),
            })
            .collect(),
    )
}

/// A 财务收支预算总表 header's 「本年收入」 / 「本年支出」 over its 预算数 column: a group label, not an amount column.
fn is_budget_half_group_label(header: &[RawRow], idx: usize) -> bool {
    leaf_label(header, idx, &[]).is_some_and(|l| l == "本年收入" || l == "本年支出")
}

/// The schema roles a header label names one after the other and nothing else (「合计财政拨款收入」: 合计 and 财政拨款
/// 收入, run together by the PDF's layout), or `None`.
fn joined_roles(label: &str, schema: Schema) -> Option<Vec<&'static str>> {
    let mut rest = label;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (key, len) = schema
            .iter()
            .flat_map(|(k, pats)| pats.iter().filter(|p| rest.starts_with(**p)).map(move |p| (*k, p.len())))
            .max_by_key(|(_, len)| *len)?;
        out.push(key);
        rest = &rest[len..];
    }
    (out.len() >= 2).then_some(out)
}

/// A budget code table whose PDF layout ran two columns together (zfb 2025 收入预算总表: header 「合计财政拨款收入」,
/// cells 「82,096,797.42 82,096,797.42」): the cell is split into its columns when the header names exactly those
/// columns in a row and every body cell under it holds as many figures, or is blank. When one row holds another
/// count, which figure belongs where is not certain: nothing is split (the cell stays unreadable).
fn split_joined_columns(raw: &mut RawTable) {
    let schema: Schema = match raw.kind {
        TableKind::Income => INCOME_COLUMNS,
        TableKind::Expenditure => EXPENDITURE_COLUMNS,
        _ => return,
    };
    let hl = header_len(&raw.rows);
    if hl == 0 || hl >= raw.rows.len() {
        return;
    }
    let width = raw.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    // From the right, so that the indices of the columns still to split do not move.
    for idx in (1..width).rev() {
        let Some(label) = leaf_label(&raw.rows[..hl], idx, &[]) else { continue };
        let Some(roles) = joined_roles(&label, schema) else { continue };
        let n = roles.len();
        let fits = raw.rows[hl..].iter().all(|r| {
            r.cells.get(idx).is_none_or(|c| {
                let words: Vec<&str> = c.text.split_whitespace().collect();
                words.is_empty() || (words.len() == n && words.iter().all(|w| amount::parse_amount(w).is_ok()))
            })
        });
        let any =
            raw.rows[hl..].iter().any(|r| r.cells.get(idx).is_some_and(|c| c.text.split_whitespace().count() == n));
        if !fits || !any {
            continue;
        }
        // The header cell that names them is split into the names, in every header line where it is printed.
        let names: Vec<String> = {
            let mut rest = label.as_str();
            roles
                .iter()
                .map(|k| {
                    let pats = schema.iter().find(|(key, _)| key == k).map(|(_, p)| *p).unwrap_or(&[]);
                    let len = pats.iter().filter(|p| rest.starts_with(**p)).map(|p| p.len()).max().unwrap_or(0);
                    let (name, r) = rest.split_at(len);
                    rest = r;
                    name.to_string()
                })
                .collect()
        };
        for (ri, r) in raw.rows.iter_mut().enumerate() {
            let Some(cell) = r.cells.get(idx) else { continue };
            let source = cell.source;
            let parts: Vec<RawCell> = if ri < hl {
                if squash(&cell.text) == label {
                    names.iter().map(|t| RawCell { text: t.clone(), source }).collect()
                } else {
                    let mut v = vec![RawCell { text: cell.text.clone(), source }];
                    v.extend((1..n).map(|_| RawCell { text: String::new(), source }));
                    v
                }
            } else {
                let words = row_figures(&RawRow { line: r.line, cells: vec![cell.clone()], source: r.source });
                if words.len() == n {
                    words.into_iter().map(|(text, source)| RawCell { text, source }).collect()
                } else {
                    (0..n).map(|_| RawCell { text: String::new(), source }).collect()
                }
            };
            r.cells.splice(idx..=idx, parts);
        }
    }
}

/// A budget's two-half table whose PDF layout glued the income figure to the expenditure label in one cell (zfb
/// 2025: header 「预算数项目」, rows 「91,016,775.35一、一般公共服务支出」): that column is split in two — the figure
/// (digits, commas, a point) and the label after it — in every line. A figure and a label cannot be mistaken for
/// each other, so the split is certain; a cell that is only a label, or only a figure, keeps it on its side.
fn split_glued_half(raw: &mut RawTable) {
    let hl = header_len(&raw.rows);
    let Some(idx) = raw.rows[..hl.min(raw.rows.len())]
        .iter()
        .find_map(|r| r.cells.iter().position(|c| squash_is(&c.text, "预算数项目") || squash_is(&c.text, "金额项目")))
    else {
        return;
    };
    for r in raw.rows.iter_mut() {
        let Some(cell) = r.cells.get(idx) else { continue };
        let text = cell.text.trim();
        let figure_len =
            text.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '-')).unwrap_or(text.len());
        let (figure, label) = text.split_at(figure_len);
        let (figure, label) = if squash_is(text, "预算数项目") || squash_is(text, "金额项目") {
            let at = text.rfind("项目").unwrap_or(text.len());
            (text[..at].trim(), text[at..].trim())
        } else if !figure.is_empty() && amount::parse_amount(figure).is_ok() {
            (figure, label.trim())
        } else {
            ("", text)
        };
        let source = cell.source;
        let fig_len = figure.chars().count() as u32;
        let first = RawCell {
            text: figure.to_string(),
            source: Source { end: source.start.saturating_add(fig_len).min(source.end), ..source },
        };
        let second = RawCell {
            text: label.to_string(),
            source: Source { start: source.start.saturating_add(fig_len).min(source.end), ..source },
        };
        r.cells.splice(idx..=idx, [first, second]);
    }
}

#[cfg(test)]
mod shanghai_budget_tests {
    use crate::model::{Document, TableKind, keys};

    fn read(text: &str) -> Document {
        crate::input::text::read(text).unwrap_or_else(|e| panic!("{}", e.message.en))
    }

    fn keys_of(doc: &Document, kind: TableKind) -> Vec<&'static str> {
        doc.table(kind).map(|(_, t)| t.columns.iter().map(|c| c.key).collect()).unwrap_or_default()
    }

    const THREE_PUBLIC_HEAD: &str = "2024年部门“三公”经费和机关运行经费预算表\n编制部门：示例局\t单位:万元\n\
        2024年“三公”经费预算数\t\t\t\t\t\t2024年机关运行经费预算数\n\
        \t\t\t公务用车购置及运行费\t\t\t\n\
        合计\t因公出国(境)费\t公务接待费\t\t\t\t\n\
        \t\t\t小计\t购置费\t运行费\t\n";

    #[test]
    fn three_public_budget_seven_figures_seven_columns() {
        let doc = read(&format!("{THREE_PUBLIC_HEAD}10.00\t2.00\t3.00\t5.00\t1.00\t4.00\t100.00\n"));
        let (_, t) = doc.table(TableKind::ThreePublic).unwrap();
        let cols: Vec<&str> = t.columns.iter().map(|c| c.key).collect();
        assert_eq!(
            cols,
            [
                keys::TP_BUDGET_TOTAL,
                keys::TP_BUDGET_ABROAD,
                keys::TP_BUDGET_RECEPTION,
                keys::TP_BUDGET_VEHICLE,
                keys::TP_BUDGET_VEHICLE_PURCHASE,
                keys::TP_BUDGET_VEHICLE_OPS,
                keys::TP_BUDGET_OPERATING
            ]
        );
        let texts: Vec<&str> = t.rows[0].cells.iter().map(|c| c.as_ref().unwrap().text.as_str()).collect();
        assert_eq!(texts, ["10.00", "2.00", "3.00", "5.00", "1.00", "4.00", "100.00"]);
        // Figures run together in one cell are split, each keeping its own characters.
        let doc = read(&format!("{THREE_PUBLIC_HEAD}10.00 2.00\t3.00\t5.00 1.00\t4.00\t100.00\n"));
        let (_, t) = doc.table(TableKind::ThreePublic).unwrap();
        let c = t.rows[0].cells[1].as_ref().unwrap();
        assert_eq!(c.text, "2.00");
        assert_eq!(c.source.end - c.source.start, 4);
    }

    #[test]
    fn three_public_budget_not_read_when_figures_are_missing() {
        // A blank cell not printed: six figures for seven columns — no column is guessed.
        let doc = read(&format!("{THREE_PUBLIC_HEAD}10.00 2.00\t3.00\t5.00\t4.00\t100.00\n"));
        let (_, t) = doc.table(TableKind::ThreePublic).unwrap();
        assert!(t.not_read() && !t.stands_for_zeros());
        assert!(doc.issues.iter().any(|i| i.message_zh.contains("数字行有 6 个数，表头有 7 栏")), "{:?}", doc.issues);
    }

    #[test]
    fn economic_budget_table_three_columns_and_codes() {
        let doc = read(
            "2024年部门一般公共预算基本支出部门预算经济分类预算表\n编制部门：示例局\t单位：元\n\
             编码\t\t经济分类科目名称\t合计\t人员经费\t公用经费\n类\t款\t\t\t\t\n\
             301\t\t工资福利支出\t100\t100\t0\n301\t2\t津贴补贴\t100\t100\t0\n\t\t合计\t100\t100\t0\n",
        );
        assert_eq!(keys_of(&doc, TableKind::BasicDetail), [keys::AMOUNT, keys::PERSONNEL, keys::PUBLIC]);
        let (_, t) = doc.table(TableKind::BasicDetail).unwrap();
        assert!(t.row_by_code("30102").is_some(), "{:?}", t.rows.iter().map(|r| &r.code).collect::<Vec<_>>());
        assert!(t.row(keys::GRAND_TOTAL).is_some());
    }

    #[test]
    fn income_budget_joined_columns_split_when_certain() {
        let head = "2024年部门收入预算总表\n编制部门：示例局\t单位：元\n\
                    功能分类科目编码\t功能分类科目名称\t合计财政拨款收入\t事业收入\t其他收入\n";
        let doc = read(&format!("{head}201\t一般公共服务支出\t100.00 100.00\t\t\n\t合计\t100.00 100.00\t\t\n"));
        assert_eq!(
            keys_of(&doc, TableKind::Income),
            [keys::TOTAL, keys::FISCAL_GRANT, keys::BUSINESS_INCOME, keys::OTHER_INCOME]
        );
        let (_, t) = doc.table(TableKind::Income).unwrap();
        let r = t.row(keys::GRAND_TOTAL).unwrap();
        assert_eq!(t.rows[r].cell(1).unwrap().text, "100.00");
        // One row with a single figure under the joined header: which column it is in is not certain.
        let doc = read(&format!("{head}201\t一般公共服务支出\t100.00 100.00\t\t\n\t合计\t100.00\t\t\n"));
        let (_, t) = doc.table(TableKind::Income).unwrap();
        assert_ne!(t.columns.first().map(|c| c.key), Some(keys::TOTAL));
    }

    #[test]
    fn summary_income_figure_glued_to_expenditure_label() {
        let doc = read(
            "2025年部门财务收支预算总表\n编制部门：示例局 单位：元\n收入\t\t支出\t\t\n\
             项目\t\t预算数项目\t\t预算数\n\
             一、财政拨款收入\t\t91.35一、一般公共服务支出\t\t82.42\n\
             二、事业收入\t\t二、卫生健康支出\t\t8.93\n收入总计\t\t91.35支出总计\t\t91.35\n",
        );
        let (_, t) = doc.table(TableKind::Summary).unwrap();
        assert_eq!(t.columns.len(), 2, "{:?}", t.columns);
        let r = t.row(keys::INCOME_GRAND_TOTAL).unwrap();
        assert_eq!(t.rows[r].cell(0).unwrap().text, "91.35");
        let r = t.row_by_code("201").unwrap();
        assert_eq!(t.rows[r].cell(1).unwrap().text, "82.42");
        assert!(t.row(keys::EXPENDITURE_GRAND_TOTAL).is_some());
    }

    #[test]
    fn summary_budget_expenditure_split_columns() {
        let doc = read(
            "2024年预算单位财务收支预算总表\n编制单位：示例院\t单位：元\n\
             收入\t\t支出\t\t\t\t\n本年收入\t\t本年支出\t\t\t\t\n\t\t\t\t预算数\t\t\n\
             项目\t预算数\t项目\t\t基本支出\t\t\n\t\t\t合计\t\t\t项目支出\n\t\t\t\t人员经费\t公用经费\t\n\
             一、财政拨款收入\t90\t一、社会保障和就业支出\t100\t60\t20\t20\n\
             二、事业收入\t10\t\t\t\t\t\n收入总计\t100\t支出总计\t100\t60\t20\t20\n",
        );
        let (_, t) = doc.table(TableKind::Summary).unwrap();
        let cols: Vec<(&str, Option<crate::model::Part>)> = t.columns.iter().map(|c| (c.key, c.part)).collect();
        use crate::model::Part::{Expenditure, Income};
        assert_eq!(
            cols,
            [
                (keys::AMOUNT, Some(Income)),
                (keys::AMOUNT, Some(Expenditure)),
                (keys::PERSONNEL, Some(Expenditure)),
                (keys::PUBLIC, Some(Expenditure)),
                (keys::PROJECT, Some(Expenditure))
            ]
        );
        assert!(t.row(keys::EXPENDITURE_GRAND_TOTAL).is_some());
    }
}

//! The document model every input format lands in: tables of labelled rows and keyed columns, each cell with the
//! place it was read from, plus the prose between tables (the narrative) with its character offsets.
//!
//! Rules only ever see this model. A reader (text, and later PDF/Excel/CSV/HTML) fills it; nothing here knows
//! where the bytes came from.

use crate::amount::Amount;
use crate::unit::MoneyUnit;
use serde::Serialize;
use std::borrow::Cow;

/// Where something was read. `line` and `cell` are 1-based (cell = tab-separated field of the line);
/// `start`/`end` are Unicode character offsets into the input text (end exclusive). `page` is for paged inputs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    pub line: u32,
    pub cell: u32,
    pub start: u32,
    pub end: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Final,
    Budget,
    Unknown,
}

/// A table's role (domain.md §2), found from its title and header, never from its printed number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableKind {
    /// T1 收入支出决算总表
    Summary,
    /// T2 收入决算表
    Income,
    /// T3 支出决算表
    Expenditure,
    /// T4 财政拨款收入支出决算总表
    FiscalSummary,
    /// T5 一般公共预算财政拨款支出决算表
    GeneralBudget,
    /// T6 一般公共预算财政拨款基本支出决算（明细）表
    BasicDetail,
    /// T7 政府性基金预算财政拨款收入支出决算表
    GovFund,
    /// T8 国有资本经营预算财政拨款支出决算表
    StateCapital,
    /// T9 财政拨款“三公”经费支出决算表
    ThreePublic,
    /// 项目支出绩效自评表
    Performance,
    /// Jiangsu budget 一般公共预算机关运行经费支出预算表: 经济科目 codes, one 机关运行经费支出 column
    AdminCosts,
    /// Jiangsu budget 政府采购支出预算表: 合计, 品目大类 (货物/工程/服务), 专项·经济科目, 采购物品 rows, one 总计 column
    Procurement,
}

impl TableKind {
    pub const ALL: [TableKind; 12] = [
        TableKind::Summary,
        TableKind::Income,
        TableKind::Expenditure,
        TableKind::FiscalSummary,
        TableKind::GeneralBudget,
        TableKind::BasicDetail,
        TableKind::GovFund,
        TableKind::StateCapital,
        TableKind::ThreePublic,
        TableKind::Performance,
        TableKind::AdminCosts,
        TableKind::Procurement,
    ];

    /// The stable name used in the JSON report (`final.summary` …).
    pub const fn code(self) -> &'static str {
        match self {
            TableKind::Summary => "final.summary",
            TableKind::Income => "final.income",
            TableKind::Expenditure => "final.expenditure",
            TableKind::FiscalSummary => "final.fiscal_summary",
            TableKind::GeneralBudget => "final.general_budget",
            TableKind::BasicDetail => "final.basic_detail",
            TableKind::GovFund => "final.gov_fund",
            TableKind::StateCapital => "final.state_capital",
            TableKind::ThreePublic => "final.three_public",
            TableKind::Performance => "final.performance",
            TableKind::AdminCosts => "budget.admin_costs",
            TableKind::Procurement => "budget.procurement",
        }
    }

    /// The national-template title, used in messages.
    pub fn name_zh(self) -> &'static str {
        match self {
            TableKind::Summary => "收入支出决算总表",
            TableKind::Income => "收入决算表",
            TableKind::Expenditure => "支出决算表",
            TableKind::FiscalSummary => "财政拨款收入支出决算总表",
            TableKind::GeneralBudget => "一般公共预算财政拨款支出决算表",
            TableKind::BasicDetail => "一般公共预算财政拨款基本支出决算明细表",
            TableKind::GovFund => "政府性基金预算财政拨款收入支出决算表",
            TableKind::StateCapital => "国有资本经营预算财政拨款支出决算表",
            TableKind::ThreePublic => "财政拨款“三公”经费支出决算表",
            TableKind::Performance => "项目支出绩效自评表",
            TableKind::AdminCosts => "一般公共预算机关运行经费支出预算表",
            TableKind::Procurement => "政府采购支出预算表",
        }
    }

    /// The table of a budget (Shanghai form) that plays this role, for messages about a budget document.
    pub fn budget_name_zh(self) -> &'static str {
        match self {
            TableKind::Summary => "财务收支预算总表",
            TableKind::Income => "收入预算总表",
            TableKind::Expenditure => "支出预算总表",
            TableKind::FiscalSummary => "财政拨款收支预算总表",
            TableKind::GeneralBudget => "一般公共预算支出功能分类预算表",
            TableKind::BasicDetail => "一般公共预算基本支出经济分类预算表",
            TableKind::GovFund => "政府性基金预算支出功能分类预算表",
            TableKind::StateCapital => "国有资本经营预算支出功能分类预算表",
            TableKind::ThreePublic => "“三公”经费预算表",
            TableKind::Performance => "项目绩效目标表",
            TableKind::AdminCosts => "一般公共预算机关运行经费支出预算表",
            TableKind::Procurement => "政府采购支出预算表",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            TableKind::Summary => "Income and expenditure summary",
            TableKind::Income => "Income table",
            TableKind::Expenditure => "Expenditure table",
            TableKind::FiscalSummary => "Fiscal appropriation summary",
            TableKind::GeneralBudget => "General public budget expenditure",
            TableKind::BasicDetail => "General budget basic expenditure detail",
            TableKind::GovFund => "Government fund budget table",
            TableKind::StateCapital => "State capital budget table",
            TableKind::ThreePublic => "“Three public” expenses",
            TableKind::Performance => "Project performance self-evaluation",
            TableKind::AdminCosts => "Agency operating expenses (general public budget)",
            TableKind::Procurement => "Government procurement",
        }
    }

    /// Tables whose rows are functional-classification codes with a 合计 row: hierarchy applies.
    pub fn is_code_table(self) -> bool {
        matches!(
            self,
            TableKind::Income
                | TableKind::Expenditure
                | TableKind::GeneralBudget
                | TableKind::GovFund
                | TableKind::StateCapital
        )
    }
}

impl Serialize for TableKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The side of a two-half table (T1, T4) or the block of a performance table a row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Income,
    Expenditure,
    /// 绩效自评表: 项目资金 rows
    Funds,
    /// 绩效自评表: 资金管理情况 rows
    Management,
    /// 绩效自评表: 绩效指标 rows
    Indicator,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// The header label as printed (line-wrap whitespace removed).
    pub label: String,
    /// The column's role, one of [`keys`]' column constants.
    pub key: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// The text as printed.
    pub text: String,
    /// The amount, or `None` when the text could not be read as one (the reader records a [`ReadIssue`]).
    #[serde(skip)]
    pub amount: Option<Amount>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// The row label as printed (科目名称 or 项目), without the leading 「一、」 ordinal.
    pub label: String,
    /// Classification code, 3/5/7 digits, when the row has one (read or, for T1/T4 类 rows, derived from the name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The code cell as printed when it is not a code (「7 11 02」: digits split otherwise than 类 / 款 / 项, or a
    /// count of digits no code has); `code` is then `None`, so the row stays out of the hierarchy, and rule N003
    /// reports it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed_code: Option<String>,
    /// The row's role where it has one, one of [`keys`]' row constants (本年收入合计, 总计, 合计 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
    /// One entry per column of the table; `None` where this row has no cell in that column.
    pub cells: Vec<Option<Cell>>,
    pub source: Source,
}

impl Row {
    pub fn cell(&self, col: usize) -> Option<&Cell> {
        self.cells.get(col).and_then(|c| c.as_ref())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    /// Stable within a report: `t1`, `t2`, … in reading order.
    pub id: String,
    pub kind: TableKind,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Header lines as printed (for rendering the table as read).
    pub header: Vec<Vec<String>>,
    /// 「本表无数据」-style statement when the table is declared empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty_statement: Option<String>,
    /// Lines printed under the title that were not read because the header could not be mapped to columns: the
    /// table was not read (nothing is judged against it), whatever a statement under it says.
    #[serde(skip_serializing_if = "is_zero")]
    pub rows_not_read: usize,
    /// Project name, for 绩效自评表.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub source: Source,
    /// The file (and sheet) the table came from, when the input was one or more files (`input::files`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// A table title without its printed number (「四、」, 「9.」, 「表1：」, 「公开01表」) and year (「2024年」, 「2024年度」).
pub fn bare_title(title: &str) -> String {
    let mut t: &str = title.trim();
    // 「公开01表」 / 「表1：」 / 「四、」 / 「9.」 / 「（一）」, possibly one after the other.
    loop {
        let before = t;
        if let Some(rest) = t.strip_prefix("公开") {
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            if digits.len() < rest.len() {
                if let Some(r) = digits.strip_prefix('表') {
                    t = r.trim_start_matches([' ', '：', ':']);
                }
            }
        }
        if let Some(rest) = t.strip_prefix('表') {
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            if digits.len() < rest.len() {
                t = digits.trim_start_matches([' ', '：', ':', '.', '、']);
            }
        }
        let num = t.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
        if num.len() < t.len() {
            if let Some(r) = num.strip_prefix(['、', '.', '．', ' ']) {
                t = r;
            }
        }
        if let Some(r) = t.strip_prefix(['（', '(']) {
            if let Some(end) = r.find(['）', ')']) {
                let inner = &r[..end];
                if !inner.is_empty() && inner.chars().all(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit())
                {
                    t = r[end..].trim_start_matches(['）', ')']);
                }
            }
        }
        if t == before {
            break;
        }
    }
    let t = t.trim();
    // 「2024年」 or 「2024年度」 at the start.
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let t = if t.len() - digits.len() == 4 {
        digits.strip_prefix("年度").or_else(|| digits.strip_prefix('年')).unwrap_or(t)
    } else {
        t
    };
    t.trim().to_string()
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Where a table came from: a file given to the checker and, for a workbook, its sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: String,
    /// The file's format as recognised from its content: `text`, `layout-text`, `pdf`, `xlsx`, `csv`, `docx`, `html`.
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

impl Table {
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    pub fn column_in(&self, key: &str, part: Part) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key && c.part == Some(part))
    }

    pub fn row(&self, key: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.key == Some(key))
    }

    pub fn row_in(&self, key: &str, part: Part) -> Option<usize> {
        self.rows.iter().position(|r| r.key == Some(key) && r.part == Some(part))
    }

    pub fn row_by_code(&self, code: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.code.as_deref() == Some(code))
    }

    pub fn row_by_code_in(&self, code: &str, part: Part) -> Option<usize> {
        self.rows.iter().position(|r| r.code.as_deref() == Some(code) && r.part == Some(part))
    }

    /// True when the table carries no amount at all (only headers), e.g. an empty T8 or T9.
    pub fn has_no_data(&self) -> bool {
        // A cell whose text could not be read as an amount is not a blank: the table has something in it.
        self.rows
            .iter()
            .all(|r| r.cells.iter().flatten().all(|c| c.amount.map_or(c.text.trim().is_empty(), |a| a.scale.is_none())))
    }

    /// The table stands for zeros: the document says it is empty (「本表无数据」), or the table was read (its header
    /// mapped to columns) and prints no figure. A table whose header could not be mapped was not read: it stands
    /// for nothing, and what depends on it is not checked — never judged against zeros.
    pub fn stands_for_zeros(&self) -> bool {
        self.has_no_data() && self.rows_not_read == 0 && (self.empty_statement.is_some() || !self.columns.is_empty())
    }

    /// The table was found by its title but its header could not be mapped: nothing in it was read.
    pub fn not_read(&self) -> bool {
        self.columns.is_empty() && !self.stands_for_zeros()
    }

    /// The table's name in the document's own words, for messages: a budget's table by its printed title (「部门财政
    /// 拨款收支预算总表」, not the 决算 template's 「财政拨款收入支出决算总表」) without its number and year; a 决算 table by
    /// the national template's name, as the findings have always named it.
    pub fn name_zh(&self) -> Cow<'_, str> {
        if self.is_budget_table() { Cow::Owned(bare_title(&self.title)) } else { Cow::Borrowed(self.kind.name_zh()) }
    }

    pub fn name_en(&self) -> Cow<'_, str> {
        if self.is_budget_table() {
            Cow::Owned(format!("{} (budget)", self.kind.name_en()))
        } else {
            Cow::Borrowed(self.kind.name_en())
        }
    }

    /// A budget's table (「…预算表」, 「…预算总表」), as opposed to a 决算 table (whose title may say 一般公共预算 too).
    pub fn is_budget_table(&self) -> bool {
        let t = &self.title;
        !t.contains("决算") && (t.contains("预算表") || t.contains("预算总表"))
    }

    /// The money unit the table states (「单位：元」), when it states one.
    pub fn money_unit(&self) -> Option<MoneyUnit> {
        self.unit.as_deref().and_then(MoneyUnit::parse)
    }
}

/// A run of prose outside the tables (one line of the input), with its offsets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextBlock {
    pub text: String,
    pub line: u32,
    pub start: u32,
    pub end: u32,
}

/// Something the reader saw but could not read: it stays visible to the user, with where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadIssue {
    pub message_zh: String,
    pub message_en: String,
    pub source: Source,
    /// The text that could not be read, as given.
    pub excerpt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub year: Option<u32>,
    pub organization: Option<String>,
    /// The money unit most tables state (万元, 元).
    pub unit: Option<String>,
    pub tables: Vec<Table>,
    /// Prose lines outside tables, in reading order.
    pub narrative: Vec<TextBlock>,
    pub issues: Vec<ReadIssue>,
}

impl Document {
    pub fn table(&self, kind: TableKind) -> Option<(usize, &Table)> {
        self.tables.iter().enumerate().find(|(_, t)| t.kind == kind)
    }

    /// The unit a table's figures are in: its own 单位 line, else the unit most tables of the document state, else
    /// the templates' 万元.
    pub fn unit_of(&self, table: &Table) -> MoneyUnit {
        table.money_unit().or_else(|| self.unit.as_deref().and_then(MoneyUnit::parse)).unwrap_or(MoneyUnit::DEFAULT)
    }

    pub fn tables_of(&self, kind: TableKind) -> impl Iterator<Item = (usize, &Table)> {
        self.tables.iter().enumerate().filter(move |(_, t)| t.kind == kind)
    }
}

/// Row and column keys the readers assign and the rules look up. One place, so readers and rules agree.
/// A cell position in the document: table index, row index, column index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct At {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

impl At {
    pub fn new(table: usize, row: usize, col: usize) -> Self {
        At { table, row, col }
    }
}

pub mod keys {
    // ---- row keys
    /// 合计 row of a code table (T2, T3, T5, T7, T8).
    pub const GRAND_TOTAL: &str = "grand_total";
    /// 政府采购支出预算表: a 采购品目大类 row (一、货物A, 二、工程B, 三、服务C) = Σ its 专项 rows.
    pub const PROCUREMENT_CATEGORY: &str = "procurement.category";
    /// 政府采购支出预算表: a 专项名称·经济科目 row (no 采购组织形式) = Σ its 采购物品 rows.
    pub const PROCUREMENT_PROJECT: &str = "procurement.project";
    /// 政府采购支出预算表: a 采购物品 row (名称, 采购组织形式, 总计).
    pub const PROCUREMENT_ITEM: &str = "procurement.item";
    /// T1/T4 income rows by fund/source.
    pub const INCOME_GENERAL_BUDGET: &str = "income.general_budget";
    /// 财政拨款(收入) as one row, not split by fund (高等学校 收支总表, Jiangsu 收支预算总表); a 「其中：」 fund row
    /// under it is part of it, not an addend.
    pub const INCOME_FISCAL: &str = "income.fiscal_grant";
    pub const INCOME_GOV_FUND: &str = "income.gov_fund";
    pub const INCOME_STATE_CAPITAL: &str = "income.state_capital";
    pub const INCOME_SUPERIOR: &str = "income.superior_subsidy";
    pub const INCOME_BUSINESS: &str = "income.business";
    pub const INCOME_OPERATING: &str = "income.operating";
    pub const INCOME_AFFILIATE: &str = "income.affiliate";
    pub const INCOME_OTHER: &str = "income.other";
    /// 财政专户管理资金 (Jiangsu 收支预算总表 and 收入预算总表).
    pub const INCOME_SPECIAL_ACCOUNT: &str = "income.special_account";
    /// 其他资金 (Jiangsu): 事业收入 + 经营收入 + 其他收入 (+ 债务资金) as one source.
    pub const INCOME_OTHER_FUNDS: &str = "income.other_funds";
    /// 本年收入合计
    pub const INCOME_TOTAL: &str = "income.year_total";
    /// 使用非财政拨款结余
    pub const USE_NON_FISCAL_BALANCE: &str = "income.use_non_fiscal_balance";
    /// 年初结转和结余 (T1) / 年初财政拨款结转和结余 (T4)
    pub const OPENING_BALANCE: &str = "income.opening_balance";
    /// T4 年初结转 sub-rows by fund.
    pub const OPENING_GENERAL_BUDGET: &str = "income.opening.general_budget";
    pub const OPENING_GOV_FUND: &str = "income.opening.gov_fund";
    pub const OPENING_STATE_CAPITAL: &str = "income.opening.state_capital";
    /// 总计 (income side)
    pub const INCOME_GRAND_TOTAL: &str = "income.grand_total";
    /// 本年支出合计
    pub const EXPENDITURE_TOTAL: &str = "expenditure.year_total";
    /// A use row of an expenditure half listed by use, not by function (Jiangsu 财政拨款收支预算总表: 基本支出, 项目支出,
    /// 单位预留机动经费): each is an addend of 本年支出合计. Several rows carry it.
    pub const EXPENDITURE_USE: &str = "expenditure.use";
    /// 结余分配
    pub const BALANCE_DISTRIBUTION: &str = "expenditure.balance_distribution";
    /// 年末结转和结余
    pub const CLOSING_BALANCE: &str = "expenditure.closing_balance";
    /// 总计 (expenditure side)
    pub const EXPENDITURE_GRAND_TOTAL: &str = "expenditure.grand_total";
    /// T6 footer rows.
    pub const PERSONNEL_TOTAL: &str = "personnel_total";
    pub const PUBLIC_TOTAL: &str = "public_total";
    /// 绩效自评表 rows.
    pub const PERF_FUNDS_TOTAL: &str = "perf.funds_total";
    pub const PERF_FUNDS_FISCAL: &str = "perf.funds_fiscal";
    pub const PERF_FUNDS_SPECIAL: &str = "perf.funds_special_account";
    pub const PERF_FUNDS_OWN: &str = "perf.funds_own";
    pub const PERF_TOTAL_SCORE: &str = "perf.total_score";

    // ---- column keys
    /// The single amount column (T1 金额, T4 income 金额, T6 决算数).
    pub const AMOUNT: &str = "amount";
    /// 合计 / 本年收入合计 / 本年支出合计 / 小计 of a code table.
    pub const TOTAL: &str = "total";
    // T2 sources
    pub const FISCAL_GRANT: &str = "fiscal_grant";
    pub const SUPERIOR_SUBSIDY: &str = "superior_subsidy";
    pub const BUSINESS_INCOME: &str = "business_income";
    pub const OPERATING_INCOME: &str = "operating_income";
    pub const AFFILIATE_INCOME: &str = "affiliate_income";
    pub const OTHER_INCOME: &str = "other_income";
    /// A 「其中：…」 sub-column (高等学校 事业收入 其中：教育收费): part of the column to its left, not an addend.
    pub const OF_WHICH: &str = "of_which";
    // T3/T5/T7/T8 uses
    pub const BASIC: &str = "basic";
    pub const PROJECT: &str = "project";
    pub const TO_SUPERIOR: &str = "to_superior";
    pub const OPERATING_EXPENSE: &str = "operating_expense";
    pub const TO_AFFILIATES: &str = "to_affiliates";
    // T4 expenditure funds
    pub const GENERAL_BUDGET: &str = "general_budget";
    pub const GOV_FUND: &str = "gov_fund";
    pub const STATE_CAPITAL: &str = "state_capital";
    // T7 (and six-column T8)
    pub const OPENING: &str = "opening_balance";
    pub const YEAR_INCOME: &str = "year_income";
    pub const CLOSING: &str = "closing_balance";
    /// 单位预留机动经费 (Jiangsu 支出预算总表): spending kept in reserve by the unit, an addend of 合计.
    pub const RESERVE: &str = "reserve";
    // T9: budget (预算数) and final (决算数) × item
    pub const TP_BUDGET_TOTAL: &str = "budget.total";
    pub const TP_BUDGET_ABROAD: &str = "budget.abroad";
    pub const TP_BUDGET_VEHICLE: &str = "budget.vehicle";
    pub const TP_BUDGET_VEHICLE_PURCHASE: &str = "budget.vehicle_purchase";
    pub const TP_BUDGET_VEHICLE_OPS: &str = "budget.vehicle_operation";
    pub const TP_BUDGET_RECEPTION: &str = "budget.reception";
    /// Jiangsu budget 「“三公”经费、会议费、培训费支出预算表」: 会议费, 培训费 (not part of the 三公), and the table's
    /// 合计 = “三公”经费小计 + 会议费 + 培训费.
    pub const TP_BUDGET_MEETINGS: &str = "budget.meetings";
    pub const TP_BUDGET_TRAINING: &str = "budget.training";
    pub const TP_BUDGET_WITH_MEETINGS: &str = "budget.total_with_meetings";
    pub const TP_FINAL_TOTAL: &str = "final.total";
    pub const TP_FINAL_ABROAD: &str = "final.abroad";
    pub const TP_FINAL_VEHICLE: &str = "final.vehicle";
    pub const TP_FINAL_VEHICLE_PURCHASE: &str = "final.vehicle_purchase";
    pub const TP_FINAL_VEHICLE_OPS: &str = "final.vehicle_operation";
    pub const TP_FINAL_RECEPTION: &str = "final.reception";
    /// Shanghai budget 「三公」经费和机关运行经费预算表: 机关运行经费预算数.
    pub const TP_BUDGET_OPERATING: &str = "budget.operating";
    /// Shanghai budget 一般公共预算基本支出部门预算经济分类预算表: 人员经费 and 公用经费 columns (合计 is `AMOUNT`);
    /// 财务收支预算总表's expenditure half: 基本支出 split into them.
    pub const PERSONNEL: &str = "personnel";
    pub const PUBLIC: &str = "public";
    // 绩效自评表
    pub const PERF_BUDGET_INITIAL: &str = "perf.budget_initial";
    pub const PERF_BUDGET_FULL: &str = "perf.budget_full";
    pub const PERF_EXECUTED: &str = "perf.executed";
    pub const PERF_WEIGHT: &str = "perf.weight";
    pub const PERF_RATE: &str = "perf.rate";
    pub const PERF_SCORE: &str = "perf.score";
    pub const PERF_DEVIATION: &str = "perf.deviation";
}

#[cfg(test)]
mod tests {
    use super::bare_title;

    #[test]
    fn titles_without_number_and_year() {
        assert_eq!(bare_title("2024年部门财政拨款收支预算总表"), "部门财政拨款收支预算总表");
        assert_eq!(bare_title("9.单位“三公”经费和机关运行经费预算表"), "单位“三公”经费和机关运行经费预算表");
        assert_eq!(bare_title("4．2024年预算单位财政拨款收支预算总表"), "预算单位财政拨款收支预算总表");
        assert_eq!(bare_title("四、财政拨款收支预算总表"), "财政拨款收支预算总表");
        assert_eq!(bare_title("公开04表 财政拨款收支预算总表"), "财政拨款收支预算总表");
        assert_eq!(bare_title("表1：高等学校收支决算总表"), "高等学校收支决算总表");
        assert_eq!(bare_title("2019年度收支预算总表"), "收支预算总表");
        assert_eq!(bare_title("（一）收入预算表"), "收入预算表");
        assert_eq!(bare_title("一般公共预算支出功能分类预算表"), "一般公共预算支出功能分类预算表");
        assert_eq!(bare_title("三公经费预算表"), "三公经费预算表");
    }
}

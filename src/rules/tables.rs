//! Helpers shared by the table identity rules (T…, X…, N…): the words that name a table, a row and a column in
//! messages; children of a classification code; and checks against a figure that must be zero because the table
//! it should match is declared empty or lists no such row.

use super::{At, Ctx, Figures, What};
use crate::amount::Amount;
use crate::model::{Part, Table, TableKind, keys};
use crate::report::{Message, Severity, Verdict};
use crate::rounding::{self, Outcome};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The standard name of a column (zh, en), by the table it is in and its key. Standard names rather than the
/// printed header, so messages read the same whatever the layout (T9 prints 「合计」 twice, for instance).
pub fn col_words(table: &Table, col: usize) -> (String, String) {
    let Some(c) = table.columns.get(col) else { return (String::new(), String::new()) };
    let (zh, en) = key_words(table, c.key);
    if zh.is_empty() {
        (c.label.clone(), c.label.clone())
    } else if table.is_budget_table() && !c.label.is_empty() && c.label != c.key && !c.label.contains('·') {
        // A budget's tables are named in their own words (its 一般公共预算支出功能分类预算表 prints 合计 where the
        // 决算 table prints 小计); a header of two levels keeps the standard name.
        (c.label.clone(), en.to_string())
    } else {
        (zh.to_string(), en.to_string())
    }
}

/// The standard name of a column key in a table of this kind (empty when unknown).
pub fn key_words(table: &Table, key: &str) -> (&'static str, &'static str) {
    let six_columns = table.column(keys::OPENING).is_some();
    match key {
        keys::AMOUNT if table.kind == TableKind::BasicDetail && table.is_budget_table() => ("合计", "total"),
        keys::AMOUNT if table.kind == TableKind::BasicDetail => ("决算数", "final amount"),
        keys::PERSONNEL => ("人员经费", "personnel expenses"),
        keys::PUBLIC => ("公用经费", "public expenses"),
        keys::TP_BUDGET_OPERATING => ("机关运行经费预算数", "budget agency operating funds"),
        keys::AMOUNT if table.kind == TableKind::AdminCosts => ("机关运行经费支出", "agency operating expenses"),
        keys::AMOUNT if table.kind == TableKind::Procurement => ("总计", "total"),
        keys::AMOUNT => ("金额", "amount"),
        keys::TOTAL => match table.kind {
            TableKind::Income => ("本年收入合计", "total income"),
            TableKind::Expenditure => ("本年支出合计", "total expenditure"),
            TableKind::GeneralBudget => ("小计", "subtotal"),
            // A budget's one-column 政府性基金 table (Jiangsu: 科目编码, 科目名称, 金额).
            TableKind::GovFund if table.columns.len() == 1 => ("金额", "amount"),
            TableKind::GovFund => ("本年支出小计", "expenditure subtotal"),
            TableKind::StateCapital if six_columns => ("本年支出小计", "expenditure subtotal"),
            _ => ("合计", "total"),
        },
        keys::FISCAL_GRANT => ("财政拨款收入", "fiscal appropriation income"),
        keys::SUPERIOR_SUBSIDY => ("上级补助收入", "subsidy from superior"),
        keys::BUSINESS_INCOME => ("事业收入", "business income"),
        keys::OPERATING_INCOME => ("经营收入", "operating income"),
        keys::AFFILIATE_INCOME => ("附属单位上缴收入", "remittance from affiliates"),
        keys::OTHER_INCOME => ("其他收入", "other income"),
        keys::BASIC => ("基本支出", "basic expenditure"),
        keys::PROJECT => ("项目支出", "project expenditure"),
        keys::TO_SUPERIOR => ("上缴上级支出", "remittance to superior"),
        keys::OPERATING_EXPENSE => ("经营支出", "operating expenditure"),
        keys::TO_AFFILIATES => ("对附属单位补助支出", "subsidy to affiliates"),
        keys::GENERAL_BUDGET => ("一般公共预算财政拨款", "general public budget"),
        keys::GOV_FUND => ("政府性基金预算财政拨款", "government fund budget"),
        keys::STATE_CAPITAL => ("国有资本经营预算财政拨款", "state capital budget"),
        keys::OPENING => ("年初结转和结余", "opening balance"),
        keys::YEAR_INCOME => ("本年收入", "income of the year"),
        keys::CLOSING => ("年末结转和结余", "closing balance"),
        keys::TP_BUDGET_TOTAL => ("预算数合计", "budget total"),
        keys::TP_BUDGET_ABROAD => ("预算数因公出国（境）费", "budget travel abroad"),
        keys::TP_BUDGET_VEHICLE => ("预算数公务用车购置及运行维护费小计", "budget official vehicles subtotal"),
        keys::TP_BUDGET_VEHICLE_PURCHASE => ("预算数公务用车购置费", "budget vehicle purchase"),
        keys::TP_BUDGET_VEHICLE_OPS => ("预算数公务用车运行维护费", "budget vehicle operation"),
        keys::TP_BUDGET_RECEPTION => ("预算数公务接待费", "budget official reception"),
        keys::TP_BUDGET_MEETINGS => ("会议费", "meetings"),
        keys::TP_BUDGET_TRAINING => ("培训费", "training"),
        keys::TP_BUDGET_WITH_MEETINGS => ("合计", "total"),
        keys::TP_FINAL_TOTAL => ("决算数合计", "final total"),
        keys::TP_FINAL_ABROAD => ("决算数因公出国（境）费", "final travel abroad"),
        keys::TP_FINAL_VEHICLE => ("决算数公务用车购置及运行维护费小计", "final official vehicles subtotal"),
        keys::TP_FINAL_VEHICLE_PURCHASE => ("决算数公务用车购置费", "final vehicle purchase"),
        keys::TP_FINAL_VEHICLE_OPS => ("决算数公务用车运行维护费", "final vehicle operation"),
        keys::TP_FINAL_RECEPTION => ("决算数公务接待费", "final official reception"),
        _ => ("", ""),
    }
}

/// The standard name of a keyed row of T1/T4 (for messages about a row that is missing).
pub fn row_key_words(key: &str) -> &str {
    match key {
        keys::GRAND_TOTAL => "合计",
        keys::INCOME_FISCAL => "财政拨款收入",
        keys::INCOME_GENERAL_BUDGET => "一般公共预算财政拨款收入",
        keys::INCOME_GOV_FUND => "政府性基金预算财政拨款收入",
        keys::INCOME_STATE_CAPITAL => "国有资本经营预算财政拨款收入",
        keys::INCOME_SUPERIOR => "上级补助收入",
        keys::INCOME_BUSINESS => "事业收入",
        keys::INCOME_OPERATING => "经营收入",
        keys::INCOME_AFFILIATE => "附属单位上缴收入",
        keys::INCOME_OTHER => "其他收入",
        keys::INCOME_SPECIAL_ACCOUNT => "财政专户管理资金",
        keys::INCOME_OTHER_FUNDS => "其他资金",
        keys::INCOME_TOTAL => "本年收入合计",
        keys::USE_NON_FISCAL_BALANCE => "使用非财政拨款结余",
        keys::OPENING_BALANCE => "年初结转和结余",
        keys::OPENING_GENERAL_BUDGET => "年初结转和结余·一般公共预算财政拨款",
        keys::OPENING_GOV_FUND => "年初结转和结余·政府性基金预算财政拨款",
        keys::OPENING_STATE_CAPITAL => "年初结转和结余·国有资本经营预算财政拨款",
        keys::INCOME_GRAND_TOTAL => "收入总计",
        keys::EXPENDITURE_TOTAL => "本年支出合计",
        keys::BALANCE_DISTRIBUTION => "结余分配",
        keys::CLOSING_BALANCE => "年末结转和结余",
        keys::EXPENDITURE_GRAND_TOTAL => "支出总计",
        keys::PERSONNEL_TOTAL => "人员经费合计",
        keys::PUBLIC_TOTAL => "公用经费合计",
        other => other,
    }
}

/// The row in words: 「20113 商贸事务」 (code and name) or the label of a keyed row (「本年收入合计」).
pub fn row_words(table: &Table, row: usize) -> String {
    let Some(r) = table.rows.get(row) else { return String::new() };
    let label = strip_ordinal(&r.label);
    match &r.code {
        Some(code) if label.is_empty() => code.clone(),
        Some(code) if *code != label => format!("{code} {label}"),
        _ if label.is_empty() && r.key == Some(keys::GRAND_TOTAL) => "合计".to_string(),
        _ => label.to_string(),
    }
}

/// 「支出决算表「20113 商贸事务」」 / "Expenditure table [20113 商贸事务]".
pub fn at_row(table: &Table, row: usize) -> (String, String) {
    let r = row_words(table, row);
    (format!("{}「{}」", table.name_zh(), r), format!("{} [{}]", table.name_en(), r))
}

/// A message naming a row of a table and an identity between its columns, given in words.
pub fn row_message(table: &Table, row: usize, zh: &str, en: &str) -> Message {
    let (tz, te) = at_row(table, row);
    Message::new(format!("{tz}：{zh}"), format!("{te}: {en}"))
}

/// `a + b + c` from a list of names.
pub fn plus(names: &[String]) -> String {
    names.join(" + ")
}

/// Codes joined with 「 + 」; a long list keeps its first three and its last, with the count (the finding's cells
/// list them all): (zh, en).
pub fn code_list(codes: &[&str]) -> (String, String) {
    if codes.len() <= 8 {
        let s = codes.join(" + ");
        return (s.clone(), s);
    }
    let head = codes.iter().take(3).copied().collect::<Vec<_>>().join(" + ");
    let last = codes.last().copied().unwrap_or_default();
    let n = codes.len();
    (format!("{head} + … + {last}，共 {n} 行"), format!("{head} + … + {last}, {n} rows"))
}

/// A label without its leading ordinal (「一、」「（一）」「1.」), in case a reader kept it.
pub fn strip_ordinal(label: &str) -> &str {
    let t = label.trim();
    const NUMERALS: &str = "一二三四五六七八九十百零〇0123456789０１２３４５６７８９";
    // Most labels have no ordinal: nothing to strip unless they open with a numeral or a parenthesis.
    if !t.starts_with(|c: char| NUMERALS.contains(c) || c == '（' || c == '(') {
        return t;
    }
    let body = t.trim_start_matches(|c: char| NUMERALS.contains(c));
    if body.len() < t.len() {
        for sep in ['、', '.', '．', '，'] {
            if let Some(rest) = body.strip_prefix(sep) {
                return rest.trim_start();
            }
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            let inner = rest.trim_start_matches(|c: char| NUMERALS.contains(c));
            if inner.len() < rest.len()
                && let Some(after) = inner.strip_prefix(close)
            {
                return after.trim_start();
            }
        }
    }
    t
}

/// Rows whose code is a direct child of `parent` (None: the 类 rows, 3 digits), in table order.
pub fn children(table: &Table, parent: Option<&str>) -> Vec<usize> {
    table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| match (&r.code, parent) {
            (Some(c), None) => c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()),
            (Some(c), Some(p)) => c.len() == p.len() + 2 && c.starts_with(p) && c.bytes().all(|b| b.is_ascii_digit()),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect()
}

/// A hash map for the lookups the rules make per row (by code): std's default hasher (SipHash) resists keys chosen
/// to collide, and costs more than the check it serves. The keys here are codes of at most 7 digits; keys chosen to
/// collide could only slow a lookup down, never change a result.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Multiply-xor over 8-byte words (as FxHash), with the high half folded into the low bits at the end (the table
/// index is taken from the low bits, which a multiplication alone leaves poorly mixed).
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// Children of every code row, found in one pass by [`child_map`].
pub struct Children {
    top: Vec<usize>,
    below: FastMap<usize, Vec<usize>>,
}

impl Children {
    /// The rows directly below the code row `parent` (`None`: the 类 rows, and rows with no ancestor in the
    /// table), in table order.
    pub fn of(&self, parent: Option<usize>) -> &[usize] {
        match parent {
            None => &self.top,
            Some(p) => self.below.get(&p).map_or(&[], Vec::as_slice),
        }
    }
}

/// A classification code (3, 5 or 7 ASCII digits) as a number that keeps its length (「201」 and 「0000201」
/// differ): the maps over a large table then hold numbers, not pointers to every row's code.
pub fn code_key(code: &str) -> Option<u32> {
    if !matches!(code.len(), 3 | 5 | 7) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = code.bytes().fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
    Some(value << 3 | code.len() as u32)
}

/// The key of the code's first `len` digits.
fn prefix_key(key: u32, len: u32) -> u32 {
    let (value, own) = (key >> 3, key & 7);
    (value / 10u32.pow(own - len)) << 3 | len
}

/// Children of every code row in one pass: [`Children::of`]`(None)` are the 类 rows (3 digits), `of(Some(row))` the
/// rows one level below that row's code (the code plus two digits). A row whose direct parent is not in the table
/// (a 项 printed without its 款) is a child of its nearest ancestor that is, or of the 合计 row when none is: the
/// table skipped a level, and the sums still hold through it. Codes are 3, 5 or 7 digits; rows in table order.
/// A code printed more than once (a table pasted twice, a parent repeated on a continuation page) is a parent row
/// each time: a row belongs to the nearest row of its parent's code above it (below it only when there is none
/// above), so every row is counted under one parent and the work stays linear.
pub fn child_map(table: &Table) -> Children {
    let keys: Vec<Option<u32>> = table.rows.iter().map(|r| r.code.as_deref().and_then(code_key)).collect();
    // Sized up front: growing a map of 100,000 codes step by step costs more than the lookups.
    let mut first_row: FastMap<u32, usize> = FastMap::with_capacity_and_hasher(keys.len(), Default::default());
    for (i, key) in keys.iter().enumerate() {
        if let Some(k) = key {
            first_row.entry(*k).or_insert(i);
        }
    }
    let parents = first_row.keys().filter(|k| *k & 7 < 7).count();
    let mut last_row: FastMap<u32, usize> = FastMap::with_capacity_and_hasher(parents, Default::default());
    let mut children =
        Children { top: Vec::new(), below: FastMap::with_capacity_and_hasher(parents, Default::default()) };
    for (i, key) in keys.iter().enumerate() {
        let Some(key) = *key else { continue };
        let mut parent = None;
        let mut len = key & 7;
        while len > 3 {
            len -= 2;
            let p = prefix_key(key, len);
            if let Some(row) = last_row.get(&p).or_else(|| first_row.get(&p)) {
                parent = Some(*row);
                break;
            }
        }
        match parent {
            Some(p) => children.below.entry(p).or_default().push(i),
            None => children.top.push(i),
        }
        if key & 7 < 7 {
            last_row.insert(key, i);
        }
    }
    children
}

/// The first row of every code.
pub fn code_index(table: &Table) -> FastMap<&str, usize> {
    let mut map = FastMap::with_capacity_and_hasher(table.rows.len(), Default::default());
    for (i, r) in table.rows.iter().enumerate() {
        if let Some(c) = r.code.as_deref() {
            map.entry(c).or_insert(i);
        }
    }
    map
}

/// The 类 rows of a two-half table (T1, T4): expenditure rows carrying a (derived) 3-digit code.
pub fn class_rows(table: &Table) -> Vec<usize> {
    table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.part == Some(Part::Expenditure) && r.code.as_ref().is_some_and(|c| c.len() == 3))
        .map(|(i, _)| i)
        .collect()
}

/// The income-side 金额 column of T1/T4.
pub fn income_amount(table: &Table) -> Option<usize> {
    table
        .column_in(keys::AMOUNT, Part::Income)
        .or_else(|| if table.kind == TableKind::FiscalSummary { table.column(keys::AMOUNT) } else { None })
}

/// The expenditure-side 金额 column of T1.
pub fn expenditure_amount(table: &Table) -> Option<usize> {
    table.column_in(keys::AMOUNT, Part::Expenditure)
}

/// A column of T4's expenditure half (合计, 一般公共预算, 基金, 国资).
pub fn t4_col(table: &Table, key: &str) -> Option<usize> {
    table.column_in(key, Part::Expenditure).or_else(|| table.column(key))
}

/// True when the row has a cell in at least one of the columns.
pub fn has_any_cell(table: &Table, row: usize, cols: &[usize]) -> bool {
    table.rows.get(row).is_some_and(|r| cols.iter().any(|c| r.cell(*c).is_some()))
}

/// A table declared empty with nothing in it: its figures stand for zeros.
pub fn is_declared_empty(table: &Table) -> bool {
    table.empty_statement.is_some() && table.has_no_data()
}

impl Ctx<'_> {
    /// A figure that must be zero: the table it has to match is declared empty, or has no row for it (code tables
    /// list only codes that have amounts). `severity` is Error for an "=" identity, Warning for a "≤" relation.
    pub fn expect_zero(&mut self, at: At, what: impl What, severity: Severity) {
        let Some(a) = self.amount(at).copied() else {
            return self.missing(&[at], &[at], what);
        };
        let zero = Amount::exact_zero();
        if severity == Severity::Error {
            let check = rounding::check_equal(&a, &zero);
            self.record(check, &[at], what, Severity::Error);
        } else {
            let check = rounding::check_le(&a, &zero);
            self.checks += 1;
            if check.outcome == Outcome::Inconsistent {
                let (what, f) = (what.message(), Figures::of(&check));
                let m = Message::new(
                    format!("{}：{} 大于 0，超出 {}", what.zh, f.actual, f.difference),
                    format!("{}: {} exceeds 0 by {}", what.en, f.actual, f.difference),
                );
                self.push_check(f, &[at], m, severity, Verdict::Inconsistent);
            }
        }
    }

    /// An identity that could not be checked because a row it needs is not in a table that is present.
    pub fn row_not_found(&mut self, cells: &[At], table: &Table, row_zh: &str, what: &Message) {
        self.not_checked(
            cells,
            Message::new(
                format!("{}：未能核对，{}中没有「{}」行", what.zh, table.name_zh(), row_zh),
                format!("{}: not checked, {} has no row 「{}」", what.en, table.name_en(), row_zh),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(strip_ordinal("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_ordinal("二十六、抗疫特别国债安排的支出"), "抗疫特别国债安排的支出");
        assert_eq!(strip_ordinal("（一）总体情况"), "总体情况");
        assert_eq!(strip_ordinal("本年收入合计"), "本年收入合计");
        assert_eq!(strip_ordinal("一般公共服务支出"), "一般公共服务支出");
    }

    #[test]
    fn fast_map_finds_every_code() {
        let codes: Vec<String> = (0..20_000).map(|i| format!("{}", 2_010_101 + i * 7)).collect();
        let mut map: FastMap<&str, usize> = FastMap::default();
        for (i, c) in codes.iter().enumerate() {
            map.insert(c, i);
        }
        assert!(codes.iter().enumerate().all(|(i, c)| map.get(c.as_str()) == Some(&i)));
        assert_eq!(map.get("201"), None);
    }
}

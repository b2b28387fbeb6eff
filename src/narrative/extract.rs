//! Claim extraction: the figures of the 情况说明 (numbers with a unit: 万元, %, 分, counts) and the claims they make,
//! from the words around them (domain.md §4 "Tables ↔ narrative").
//!
//! One left-to-right pass over the joined text. For each figure, the words since the previous figure (`pre`), the
//! sentence and the paragraph say what it is: the amount of a role (收支总计, 基本支出, a 类 or a 类/款/项 named by its
//! three names, 人员经费 …), a year-on-year change (增加/减少 Δ after 与上年度相比/比 2022 年度), a rate (增长/下降 p%),
//! a share (占 p%, of the named whole or of the paragraph's total), a completion rate (完成（年初）预算的 p%, from the
//! 年初预算 and 决算 before it), a count (个, 人次, 辆 …) or a score (分). Lists that must add up are assembled per
//! section from the roles (三公 items, 人员经费 + 公用经费, 政府采购 货物 + 工程 + 服务, vehicles by type, the items'
//! 年初预算 of 五（三）). A figure no claim uses stays a claim of its own, `Unresolved`, with the reason.

use super::{Joined, SectionKind, join};
use crate::amount::{Amount, parse_amount};
use crate::model::{Document, keys};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// 万元
    Wan,
    Percent,
    /// 分 (performance scores)
    Score,
    /// 个, 项, 人次, 辆, 台 …
    Count,
}

/// A figure as printed, with its place in the joined text and in the input.
#[derive(Clone, Debug)]
pub struct Num {
    pub value: Amount,
    pub unit: Unit,
    /// Joined range of the number and its unit.
    pub js: usize,
    pub je: usize,
    /// Joined range of the number alone.
    pub ns: usize,
    pub ne: usize,
    /// Input offsets (Unicode chars) of the number and its unit.
    pub start: u32,
    pub end: u32,
    /// As printed (number and unit).
    pub text: String,
    /// The number alone, as printed.
    pub number: String,
}

/// What a figure restates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// 收、支总计 (T1 总计, both sides)
    GrandTotal,
    /// 财政拨款收、支总计 (T4 总计)
    FiscalGrandTotal,
    /// 收入合计 (T1 本年收入合计)
    IncomeTotal,
    /// 支出合计 (T1 本年支出合计)
    ExpTotal,
    /// An income source: T2 合计 column key, T1 row keys.
    IncomeSource(&'static str),
    /// 基本支出 / 项目支出 (T3 合计, or T5 in the general-budget sections)
    Basic,
    Project,
    /// 一般公共预算财政拨款支出 (T5 合计)
    GbTotal,
    /// 财政拨款支出 (T4 本年支出合计, 合计 column): a budget's 财政拨款支出预算
    FiscalExpTotal,
    GbBasic,
    GbProject,
    /// A 类 by name (T5 row).
    Class(String),
    /// A 项 by its 类/款/项 names (T5 row).
    Item {
        class: String,
        kuan: String,
        item: String,
    },
    /// T6 人员经费合计 / 公用经费合计
    Personnel,
    Public,
    /// 机关运行经费 (≈ T6 公用经费合计)
    Operating,
    /// T7 / T8 合计
    GovFundExp,
    StateCapitalExp,
    /// T9 column (a `keys::TP_*` key).
    ThreePublic(&'static str),
    /// 外宾接待 / 国内公务接待 (parts of 公务接待费, no column of their own)
    ReceptionForeign,
    ReceptionDomestic,
    /// 政府采购
    ProcTotal,
    ProcGoods,
    ProcWorks,
    ProcServices,
    ProcSme,
    ProcMicro,
    /// 年初预算 of a subject that has no budget column in a 决算 document.
    Budget,
}

impl Role {
    pub fn zh(&self) -> String {
        match self {
            Role::GrandTotal => "收、支总计".into(),
            Role::FiscalGrandTotal => "财政拨款收、支总计".into(),
            Role::IncomeTotal => "收入合计".into(),
            Role::ExpTotal => "支出合计".into(),
            Role::IncomeSource(k) => match *k {
                keys::FISCAL_GRANT => "财政拨款收入",
                keys::SUPERIOR_SUBSIDY => "上级补助收入",
                keys::BUSINESS_INCOME => "事业收入",
                keys::OPERATING_INCOME => "经营收入",
                keys::AFFILIATE_INCOME => "附属单位上缴收入",
                keys::INCOME_SPECIAL_ACCOUNT => "财政专户管理资金收入",
                keys::INCOME_OTHER_FUNDS => "其他资金收入",
                _ => "其他收入",
            }
            .into(),
            Role::Basic => "基本支出".into(),
            Role::Project => "项目支出".into(),
            Role::GbTotal => "一般公共预算财政拨款支出".into(),
            Role::FiscalExpTotal => "财政拨款支出".into(),
            Role::GbBasic => "一般公共预算财政拨款基本支出".into(),
            Role::GbProject => "一般公共预算财政拨款项目支出".into(),
            Role::Class(n) => format!("{n}（类）"),
            Role::Item { class, kuan, item } => format!("{class}（类）{kuan}（款）{item}（项）"),
            Role::Personnel => "人员经费".into(),
            Role::Public => "公用经费".into(),
            Role::Operating => "机关运行经费".into(),
            Role::GovFundExp => "政府性基金预算财政拨款支出".into(),
            Role::StateCapitalExp => "国有资本经营预算财政拨款支出".into(),
            Role::ThreePublic(k) => tp_zh(k),
            Role::ReceptionForeign => "外宾接待支出".into(),
            Role::ReceptionDomestic => "国内公务接待支出".into(),
            Role::ProcTotal => "政府采购支出总额".into(),
            Role::ProcGoods => "政府采购货物支出".into(),
            Role::ProcWorks => "政府采购工程支出".into(),
            Role::ProcServices => "政府采购服务支出".into(),
            Role::ProcSme => "授予中小企业合同金额".into(),
            Role::ProcMicro => "授予小微企业合同金额".into(),
            Role::Budget => "年初预算".into(),
        }
    }

    /// A role whose figure is the whole a following 「占 p%」 refers to.
    fn is_total(&self) -> bool {
        matches!(
            self,
            Role::IncomeTotal | Role::ExpTotal | Role::GbTotal | Role::ProcTotal | Role::GrandTotal | Role::GbBasic
        ) || *self == Role::ThreePublic(keys::TP_FINAL_TOTAL)
    }
}

fn tp_zh(k: &str) -> String {
    let (side, item) = k.split_once('.').unwrap_or(("final", k));
    let item = match item {
        "total" => "“三公”经费",
        "abroad" => "因公出国（境）费",
        "vehicle" => "公务用车购置及运行维护费",
        "vehicle_purchase" => "公务用车购置费",
        "vehicle_operation" => "公务用车运行维护费",
        _ => "公务接待费",
    };
    format!("{item}{}", if side == "budget" { "预算数" } else { "决算数" })
}

/// Operand of a claim: a figure of the text (with the role it restates, if any) or a table figure by role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    Num(usize),
    Role(Role),
}

/// 决算数与预算数的关系 as the text words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    Greater,
    Less,
    Equal,
    /// 存在差异
    Differs,
}

#[derive(Clone, Debug)]
pub enum ClaimKind {
    /// A figure restating a table cell.
    Figure { num: usize, role: Role },
    /// 占 p%
    Share { part: Operand, whole: Operand, pct: usize },
    /// 增加/减少 Δ (and 增长/下降 p%) against the current figure.
    Growth { current: Option<usize>, delta: usize, up: bool, rate: Option<(usize, bool)> },
    /// 「增加/减少 Δ，持平」: Δ must be zero.
    Flat { delta: usize },
    /// A budget's change on the prior year stated with the prior-year figure: 「2023年当年预算执行数为 P 万元，2024年
    /// 预算安排 C 万元，比2023年预算执行数减少 p%」 (Δ = C − P, p = Δ ÷ P) or 「…持平」 (`up` = None: C = P).
    Change { current: usize, prior: usize, up: Option<bool>, rate: Option<usize> },
    /// 完成（年初）预算的 p%
    Completion { budget: Option<Operand>, actual: Option<Operand>, pct: usize },
    /// 决算数大于/小于/等于/与…存在差异 预算数
    Direction { budget: Option<Operand>, actual: Option<Operand>, rel: Rel, js: usize, je: usize },
    /// total = Σ parts (`scope`: total ≥ Σ parts only, the list may be partial)
    Sum { total: Operand, parts: Vec<Operand>, scope: bool, what_zh: String, what_en: String },
    /// small ≤ big
    AtMost { small: Operand, big: Operand },
    /// A count that goes with an amount (车辆 with 购置费, 团组/人次 with 接待费): both zero or both non-zero.
    CountWithAmount { count: usize, amount: Operand },
    /// 完成 n 个项目的自评
    ProjectCount { num: usize },
    /// 「工作经费项目自评得分 97.75 分」
    ProjectScore { num: usize, name: String },
    /// 平均得分
    Average { num: usize, parts: Vec<usize> },
    /// 分值 w 分，得分 s 分
    ScorePair { weight: usize, score: usize },
    /// A figure tied to nothing, with the reason.
    Unresolved { num: usize, unit: Unit, reason_zh: &'static str, reason_en: &'static str },
}

#[derive(Clone, Debug)]
pub struct Claim {
    pub kind: ClaimKind,
    /// Every figure the claim covers.
    pub nums: Vec<usize>,
    pub section: SectionKind,
}

impl Claim {
    /// The rule that judges this claim.
    pub fn rule(&self) -> &'static str {
        match &self.kind {
            ClaimKind::Figure { .. } => "C001",
            ClaimKind::Share { .. } => "C002",
            ClaimKind::Growth { .. } | ClaimKind::Flat { .. } | ClaimKind::Change { .. } => "C003",
            ClaimKind::Completion { .. } | ClaimKind::Direction { .. } => "C004",
            ClaimKind::Sum { .. } | ClaimKind::AtMost { .. } => "C005",
            ClaimKind::CountWithAmount { .. } => "C006",
            ClaimKind::ProjectCount { .. }
            | ClaimKind::ProjectScore { .. }
            | ClaimKind::Average { .. }
            | ClaimKind::ScorePair { .. } => "C007",
            ClaimKind::Unresolved { unit, .. } => match unit {
                Unit::Wan => "C001",
                Unit::Percent => "C002",
                Unit::Count => "C006",
                Unit::Score => "C007",
            },
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Extracted {
    pub text: Joined,
    pub nums: Vec<Num>,
    pub claims: Vec<Claim>,
}

impl Extracted {
    /// Joined range a claim covers (its figures, or the phrase of a direction claim).
    pub fn range(&self, c: &Claim) -> (usize, usize) {
        let mut js = usize::MAX;
        let mut je = 0;
        for &n in &c.nums {
            if let Some(x) = self.nums.get(n) {
                js = js.min(x.js);
                je = je.max(x.je);
            }
        }
        if let ClaimKind::Direction { js: a, je: b, .. } = c.kind {
            js = js.min(a);
            je = je.max(b);
        }
        if js == usize::MAX { (0, 0) } else { (js, je) }
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn starts_with_at(chars: &[char], i: usize, s: &str) -> bool {
    let mut k = i;
    for c in s.chars() {
        if chars.get(k) != Some(&c) {
            return false;
        }
        k += 1;
    }
    true
}

const COUNT_UNITS: &[&str] = &["人次", "批次", "个", "项", "台", "辆", "次", "家", "人", "套", "批", "名"];

/// Finds the figures: a number followed by a unit. Years (2023 年), item numbers (1.) and thresholds
/// (100 万元（含）以上) are not figures.
pub fn scan(text: &Joined) -> Vec<Num> {
    let chars = &text.chars;
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { chars.get(i - 1).copied() } else { None };
        if !is_digit(c) || prev.is_some_and(|p| is_digit(p) || p.is_ascii_alphabetic() || p == '.' || p == '．') {
            i += 1;
            continue;
        }
        let mut s = i;
        if let Some(p) = prev {
            let before = if i >= 2 { chars.get(i - 2).copied() } else { None };
            if matches!(p, '-' | '－') && !before.is_some_and(is_digit) {
                s = i - 1;
            }
        }
        let mut e = i;
        while e < chars.len() {
            let ch = chars[e];
            let next_digit = chars.get(e + 1).is_some_and(|n| is_digit(*n));
            if is_digit(ch) || (matches!(ch, ',' | '.' | '．') && next_digit) {
                e += 1;
            } else {
                break;
            }
        }
        let mut k = e;
        while k < chars.len() && (chars[k] == ' ' || chars[k] == '\u{3000}' || chars[k] == '\t') {
            k += 1;
        }
        let (unit, ulen) = if starts_with_at(chars, k, "万元") {
            (Some(Unit::Wan), 2)
        } else if matches!(chars.get(k), Some('%') | Some('％')) {
            (Some(Unit::Percent), 1)
        } else if chars.get(k) == Some(&'\\') && chars.get(k + 1) == Some(&'%') {
            (Some(Unit::Percent), 2)
        } else if chars.get(k) == Some(&'分') && chars.get(k + 1) != Some(&'之') {
            (Some(Unit::Score), 1)
        } else if let Some(u) = COUNT_UNITS.iter().find(|u| starts_with_at(chars, k, u)) {
            (Some(Unit::Count), u.chars().count())
        } else {
            (None, 0)
        };
        let Some(unit) = unit else {
            i = e.max(i + 1);
            continue;
        };
        let ue = k + ulen;
        // 「单位价值 100 万元（含）以上」: a threshold, not a figure.
        if unit == Unit::Wan
            && (starts_with_at(chars, ue, "（含）")
                || starts_with_at(chars, ue, "(含)")
                || starts_with_at(chars, ue, "以上"))
        {
            i = ue;
            continue;
        }
        let number: String = chars[s..e].iter().collect();
        if let Ok(value) = parse_amount(&number) {
            let (start, end) = text.span(s, ue);
            out.push(Num { value, unit, js: s, je: ue, ns: s, ne: e, start, end, text: text.slice(s, ue), number });
        }
        i = ue.max(i + 1);
    }
    out
}

/// Text for matching: no whitespace, no quotes, full-width parentheses.
pub(crate) fn norm(chars: &[char]) -> String {
    chars
        .iter()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => *c,
        })
        .collect()
}

/// Role words, most specific first (a match ending later in the text wins; at equal end, the longer one).
const ROLES: &[(&str, RoleWord)] = &[
    ("财政拨款收、支总计", RoleWord::R(0)),
    ("财政拨款收支总计", RoleWord::R(0)),
    ("财政拨款收入支出总计", RoleWord::R(0)),
    ("收入支出总计", RoleWord::R(1)),
    ("收、支总计", RoleWord::R(1)),
    ("收支总计", RoleWord::R(1)),
    ("收入预算总计", RoleWord::R(1)),
    ("支出预算总计", RoleWord::R(1)),
    ("本年收入合计", RoleWord::R(2)),
    ("收入预算", RoleWord::R(2)),
    ("支出预算", RoleWord::R(3)),
    ("财政拨款支出预算", RoleWord::R(22)),
    ("收入合计", RoleWord::R(2)),
    ("本年支出合计", RoleWord::R(3)),
    ("支出合计", RoleWord::R(3)),
    ("财政拨款收入", RoleWord::Src(keys::FISCAL_GRANT)),
    ("上级补助收入", RoleWord::Src(keys::SUPERIOR_SUBSIDY)),
    ("事业收入", RoleWord::Src(keys::BUSINESS_INCOME)),
    ("经营收入", RoleWord::Src(keys::OPERATING_INCOME)),
    ("附属单位上缴收入", RoleWord::Src(keys::AFFILIATE_INCOME)),
    ("其他收入", RoleWord::Src(keys::OTHER_INCOME)),
    // The Jiangsu budget narrative's 「1．财政拨款收入预算总计…」「2．财政专户管理资金收入预算总计…」: a source, not
    // the 收入预算总计 these words end with.
    ("财政拨款收入预算总计", RoleWord::Src(keys::FISCAL_GRANT)),
    ("财政专户管理资金收入预算总计", RoleWord::Src(keys::INCOME_SPECIAL_ACCOUNT)),
    ("其他资金收入预算总计", RoleWord::Src(keys::INCOME_OTHER_FUNDS)),
    ("一般公共预算财政拨款基本支出", RoleWord::R(4)),
    ("一般公共预算财政拨款项目支出", RoleWord::R(5)),
    ("一般公共预算财政拨款支出", RoleWord::R(6)),
    ("一般公共预算拨款支出", RoleWord::R(6)),
    ("一般公共预算拨款支出预算", RoleWord::R(6)),
    ("政府性基金拨款支出", RoleWord::R(12)),
    ("政府性基金拨款支出预算", RoleWord::R(12)),
    ("政府性基金支出预算", RoleWord::R(12)),
    ("国有资本经营预算拨款支出", RoleWord::R(13)),
    ("国有资本经营预算拨款支出预算", RoleWord::R(13)),
    ("基本支出", RoleWord::R(7)),
    ("项目支出", RoleWord::R(8)),
    // 「基本支出预算数为…」「政府采购支出预算总额…」: not the 支出预算 (total) that ends at the same place.
    ("基本支出预算", RoleWord::R(7)),
    ("项目支出预算", RoleWord::R(8)),
    ("政府采购支出预算", RoleWord::R(16)),
    ("人员经费", RoleWord::R(9)),
    ("公用经费", RoleWord::R(10)),
    ("机关运行经费", RoleWord::R(11)),
    ("政府性基金预算财政拨款支出", RoleWord::R(12)),
    ("国有资本经营预算财政拨款支出", RoleWord::R(13)),
    ("三公经费", RoleWord::Tp("total")),
    ("因公出国（境）费", RoleWord::Tp("abroad")),
    ("因公出国（境）", RoleWord::Tp("abroad")),
    ("公务用车购置及运行维护费", RoleWord::Tp("vehicle")),
    ("公务用车购置及运行费", RoleWord::Tp("vehicle")),
    ("公务用车购置", RoleWord::Tp("vehicle_purchase")),
    ("公务用车运行维护", RoleWord::Tp("vehicle_operation")),
    ("公务用车运行", RoleWord::Tp("vehicle_operation")),
    ("公务接待费", RoleWord::Tp("reception")),
    ("外宾接待", RoleWord::R(14)),
    ("国内公务接待", RoleWord::R(15)),
    ("政府采购支出总额", RoleWord::R(16)),
    ("政府采购预算", RoleWord::R(16)),
    ("面向中小企业预留", RoleWord::R(20)),
    ("预留给小型和微型企业", RoleWord::R(21)),
    ("政府采购货物", RoleWord::R(17)),
    ("政府采购工程", RoleWord::R(18)),
    ("政府采购服务", RoleWord::R(19)),
    ("授予中小企业合同", RoleWord::R(20)),
    ("授予小微企业合同", RoleWord::R(21)),
];

/// Role words of a budget's 预算编制说明 only (「收入预算」, 「一般公共预算拨款支出预算」, 「政府采购预算」 …): a 决算
/// narrative is read without them, as before.
const BUDGET_WORDS: &[&str] = &[
    "收入预算总计",
    "支出预算总计",
    "收入预算",
    "支出预算",
    "财政拨款支出预算",
    "一般公共预算拨款支出",
    "一般公共预算拨款支出预算",
    "政府性基金拨款支出",
    "政府性基金拨款支出预算",
    "国有资本经营预算拨款支出",
    "国有资本经营预算拨款支出预算",
    "政府采购预算",
    "基本支出预算",
    "项目支出预算",
    "政府采购支出预算",
    "政府性基金支出预算",
    "财政拨款收入预算总计",
    "财政专户管理资金收入预算总计",
    "其他资金收入预算总计",
    "面向中小企业预留",
    "预留给小型和微型企业",
];

/// `hay` starts with `needle`, compared byte by byte (the words are short: a library call costs more).
fn prefix_eq(hay: &[u8], needle: &[u8]) -> bool {
    if hay.len() < needle.len() {
        return false;
    }
    let mut i = 0;
    while i < needle.len() {
        if hay[i] != needle[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The role words by first character (sorted by character), built once.
fn role_index() -> &'static [(char, Vec<usize>)] {
    static INDEX: std::sync::OnceLock<Vec<(char, Vec<usize>)>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut v: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, (w, _)) in ROLES.iter().enumerate() {
            let Some(c) = w.chars().next() else { continue };
            match v.iter_mut().find(|(f, _)| *f == c) {
                Some((_, list)) => list.push(i),
                None => v.push((c, vec![i])),
            }
        }
        v.sort_by_key(|(c, _)| *c);
        v
    })
}

#[derive(Clone, Copy, Debug)]
enum RoleWord {
    R(u8),
    Src(&'static str),
    Tp(&'static str),
}

/// The 预算数 column of a 三公 key (`final.abroad` → `budget.abroad`); any other key as it is.
pub(crate) fn budget_side(k: &'static str) -> &'static str {
    k.strip_prefix("final.").map_or(k, |item| tp_key(item, true))
}

fn tp_key(item: &str, budget: bool) -> &'static str {
    match (item, budget) {
        ("total", true) => keys::TP_BUDGET_TOTAL,
        ("abroad", true) => keys::TP_BUDGET_ABROAD,
        ("vehicle", true) => keys::TP_BUDGET_VEHICLE,
        ("vehicle_purchase", true) => keys::TP_BUDGET_VEHICLE_PURCHASE,
        ("vehicle_operation", true) => keys::TP_BUDGET_VEHICLE_OPS,
        ("reception", true) => keys::TP_BUDGET_RECEPTION,
        ("total", false) => keys::TP_FINAL_TOTAL,
        ("abroad", false) => keys::TP_FINAL_ABROAD,
        ("vehicle", false) => keys::TP_FINAL_VEHICLE,
        ("vehicle_purchase", false) => keys::TP_FINAL_VEHICLE_PURCHASE,
        ("vehicle_operation", false) => keys::TP_FINAL_VEHICLE_OPS,
        _ => {
            if budget {
                keys::TP_BUDGET_RECEPTION
            } else {
                keys::TP_FINAL_RECEPTION
            }
        }
    }
}

/// The role named last in `text` (normalized), with the text after it, and whether that text makes the figure a
/// budget (预算为 / 预算数) rather than a final figure.
fn find_role(text: &str, section: SectionKind, budget_doc: bool) -> Option<(Role, bool)> {
    let mut best: Option<(usize, usize, RoleWord)> = None;
    for (start, end, r) in role_words(text, budget_doc) {
        let len = end - start;
        if best.is_none_or(|(be, bl, _)| end > be || (end == be && len > bl)) {
            best = Some((end, len, r));
        }
    }
    role_after(text, best, section)
}

/// Every role word in `text`: (byte start, byte end, word), in order of start. One pass; at each character only
/// the role words starting with it are tried.
fn role_words(text: &str, budget_doc: bool) -> Vec<(usize, usize, RoleWord)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let index = role_index();
    for (p, c) in text.char_indices() {
        let Ok(k) = index.binary_search_by_key(&c, |(f, _)| *f) else { continue };
        let rest = &bytes[p..];
        for &i in &index[k].1 {
            if let Some((w, r)) = ROLES.get(i) {
                if (budget_doc || !BUDGET_WORDS.contains(w)) && prefix_eq(rest, w.as_bytes()) {
                    out.push((p, p + w.len(), *r));
                }
            }
        }
    }
    out
}

/// [`find_role`] on `ntext[lo..hi]` with the role words of the whole text found beforehand.
fn find_role_in(
    ntext: &str,
    words: &[(usize, usize, RoleWord)],
    lo: usize,
    hi: usize,
    section: SectionKind,
) -> Option<(Role, bool)> {
    let text = ntext.get(lo..hi)?;
    let mut best: Option<(usize, usize, RoleWord)> = None;
    // Words are ordered by start: those starting in [lo, hi) and ending by hi.
    let first = words.partition_point(|w| w.0 < lo);
    for &(start, end, r) in words.get(first..).unwrap_or(&[]) {
        if start >= hi {
            break;
        }
        if end > hi {
            continue;
        }
        let (e, len) = (end - lo, end - start);
        if best.is_none_or(|(be, bl, _)| e > be || (e == be && len > bl)) {
            best = Some((e, len, r));
        }
    }
    role_after(text, best, section)
}

/// The role for the best role word of `text` (a 类 named after it wins), and whether the words after it make the
/// figure a budget.
fn role_after(text: &str, best: Option<(usize, usize, RoleWord)>, section: SectionKind) -> Option<(Role, bool)> {
    // 「一般公共服务（类）支出」: a 类 by name, when it is named after any other role word.
    let mut class = class_named(text);
    // 「一般公共服务支出 397.66 万元」 in 一般公共预算 sections: a standard 类 name without 「（类）」.
    // The name ends the text before the figure (「…：一般公共服务支出 397.66 万元」).
    if section == SectionKind::GeneralBudget {
        let t = text.trim_end_matches(['为', '是', '：', ':']);
        for (_, name) in crate::classification::FUNCTIONAL_CLASSES {
            if t.ends_with(name) {
                let end = t.len();
                if class.as_ref().is_none_or(|(ce, _)| end > *ce) {
                    class = Some((end, (*name).to_string()));
                }
            }
        }
    }
    if let Some((cend, name)) = class {
        if best.is_none_or(|(be, _, _)| cend >= be) {
            let after = text.get(cend..).unwrap_or("");
            let budget = is_budget_phrase(after);
            return Some((Role::Class(name), budget));
        }
    }
    let (end, _, word) = best?;
    let after = text.get(end..).unwrap_or("");
    let budget = is_budget_phrase(after);
    let role = match word {
        RoleWord::Src(k) => Role::IncomeSource(k),
        RoleWord::Tp(item) => Role::ThreePublic(tp_key(item, budget)),
        RoleWord::R(n) => match n {
            0 => Role::FiscalGrandTotal,
            1 => Role::GrandTotal,
            2 => Role::IncomeTotal,
            3 => Role::ExpTotal,
            4 => Role::GbBasic,
            5 => Role::GbProject,
            6 => Role::GbTotal,
            7 => {
                if matches!(section, SectionKind::Basic | SectionKind::GeneralBudget) {
                    Role::GbBasic
                } else {
                    Role::Basic
                }
            }
            8 => {
                if section == SectionKind::GeneralBudget {
                    Role::GbProject
                } else {
                    Role::Project
                }
            }
            9 => Role::Personnel,
            10 => Role::Public,
            11 => Role::Operating,
            12 => Role::GovFundExp,
            13 => Role::StateCapitalExp,
            14 => Role::ReceptionForeign,
            15 => Role::ReceptionDomestic,
            16 => Role::ProcTotal,
            17 => Role::ProcGoods,
            18 => Role::ProcWorks,
            19 => Role::ProcServices,
            20 => Role::ProcSme,
            22 => Role::FiscalExpTotal,
            _ => Role::ProcMicro,
        },
    };
    Some((role, budget))
}

fn is_budget_phrase(after: &str) -> bool {
    after.contains("预算") && !after.contains("决算")
}

/// 「X（类）」 named in the text: (byte end of 「（类）」, 类 name with 支出).
fn class_named(text: &str) -> Option<(usize, String)> {
    let p = text.rfind("（类）")?;
    let before = &text[..p];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | '。' | '；' | '：' | '、' | ',' | ';' | ':' | '\n') || c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let mut name: String = before.get(start..)?.to_string();
    for prefix in ["主要用于以下方面", "主要用于", "其中", "用于"] {
        if let Some(r) = name.strip_prefix(prefix) {
            name = r.to_string();
        }
    }
    if name.is_empty() || name.contains('）') {
        return None;
    }
    if !name.ends_with("支出") && !name.ends_with("预备费") {
        name.push_str("支出");
    }
    Some((p + "（类）".len(), name))
}

/// 「X（类）Y（款）Z（项）」 in a paragraph: the three names (or, in a budget, 「X-Y-Z」科目).
fn item_named(text: &str, budget_doc: bool) -> Option<Role> {
    if budget_doc && !text.contains("（类）") {
        return item_dashed(text);
    }
    let pc = text.find("（类）")?;
    let pk = text[pc..].find("（款）")? + pc;
    let pi = text[pk..].find("（项）")? + pk;
    let class_start = text[..pc]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | '。' | '；' | '：' | '、' | '.' | '．' | '\n') || c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let class = text.get(class_start..pc)?.to_string();
    let kuan = text.get(pc + "（类）".len()..pk)?.to_string();
    let item = text.get(pk + "（款）".len()..pi)?.to_string();
    if class.is_empty() || kuan.is_empty() || item.is_empty() {
        return None;
    }
    Some(Role::Item { class, kuan, item })
}

/// 「1.“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目 …」 (quotes already dropped): the three names.
fn item_dashed(text: &str) -> Option<Role> {
    let end = text.find("科目")?;
    let head = text.get(..end)?;
    let head = head.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '．' | '、'));
    let parts: Vec<&str> = head.split(['-', '－', '—']).collect();
    let [class, kuan, item] = parts.as_slice() else { return None };
    if class.is_empty() || kuan.is_empty() || item.is_empty() || !class.ends_with("支出") {
        return None;
    }
    Some(Role::Item { class: class.to_string(), kuan: kuan.to_string(), item: item.to_string() })
}

const COMPLETION: &[&str] = &[
    "完成预算",
    "完成年初预算",
    "完成全年预算",
    "完成调整预算",
    "完成调整后预算",
    "预算完成率",
    "完成了预算",
    "完成了年初预算",
];

const CHANGE_UP: &[&str] = &["增加", "增长", "上升", "提高"];
const CHANGE_DOWN: &[&str] = &["减少", "下降", "降低", "节约"];

/// The last change word in `text`: Some(true) up, Some(false) down.
fn change_word(text: &str) -> Option<bool> {
    let up = CHANGE_UP.iter().filter_map(|w| text.rfind(w)).max();
    let down = CHANGE_DOWN.iter().filter_map(|w| text.rfind(w)).max();
    match (up, down) {
        (Some(u), Some(d)) => Some(u > d),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        _ => None,
    }
}

/// A sentence ends at 。！？ (or a line end); the lists of a sentence (vehicles by type) end with it.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '\n' | '！' | '？' | '!' | '?')
}

/// A clause ends a sentence or at 「；」: a direction word (持平, 增加) binds only to the figures of its own clause.
fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, '；' | ';')
}

fn compares_years(sentence: &str) -> bool {
    ["上年", "相比", "同比", "比20", "较20", "比上", "较上", "比19", "年度相比"].iter().any(|w| sentence.contains(w))
}

/// 「与2023年度相比，增加46,722.70万元。其中：财政拨款收入增加36,802.62万元」: a change word right before the figure,
/// in a paragraph that compared the years in an earlier sentence, is a change too (not the level of 财政拨款收入).
fn change_after_comparison<'a>(pre_clause: &str, paragraph: impl FnOnce() -> &'a str) -> bool {
    let t = pre_clause.trim_end();
    CHANGE_UP.iter().chain(CHANGE_DOWN).any(|w| t.ends_with(w)) && compares_years(paragraph())
}

/// Per-paragraph state of the pass.
#[derive(Default)]
struct Para {
    /// First figure that is a whole for the shares after it.
    lead: Option<usize>,
    /// Figures with a role (non-budget) in order: (num, role).
    figures: Vec<(usize, Role)>,
    budget: Option<usize>,
    actual: Option<(usize, Option<Role>)>,
    delta: Option<(usize, bool, Option<usize>)>,
    last_weight: Option<usize>,
    /// The operands of the paragraph's last completion rate (for the direction phrase after it).
    completion: Option<(Option<Operand>, Option<Operand>)>,
    /// A budget's prior-year figure (「2023年当年预算执行数为 P 万元」) waiting for its change.
    prior: Option<usize>,
    /// The last figure of the budget year (not a change, not the prior year's).
    current: Option<usize>,
}

/// How the narrative is read: a budget's 预算编制说明 states the budget year's figures (本年, 2024年预算) against the
/// prior year's (上年, 2023年预算 / 执行数); a 决算's 情况说明 is read as before.
#[derive(Clone, Copy, Debug, Default)]
struct Mode {
    budget: bool,
    /// The budget year: from the narrative's first 「20xx年」, else the document's.
    year: Option<u32>,
}

/// The first 「20xx年」 of the text.
fn first_year(chars: &[char]) -> Option<u32> {
    chars.windows(5).find_map(|w| {
        if w[4] != '年' || !w[..4].iter().all(|c| c.is_ascii_digit()) || w[0] != '2' {
            return None;
        }
        w[..4].iter().collect::<String>().parse().ok()
    })
}

/// Whether the words before a budget's figure make it the prior year's: the last year word is the prior year
/// (上年, 「2023年」 in a 2024 budget) or the figure is an 执行数.
fn is_prior(pre: &str, year: Option<u32>) -> bool {
    let last = |ws: &[&str]| ws.iter().filter_map(|w| pre.rfind(w)).max();
    let (py, cy) = match year {
        Some(y) => (format!("{}年", y.saturating_sub(1)), format!("{y}年")),
        None => (String::from("上年"), String::from("本年")),
    };
    let prior = last(&["上年", "执行数", py.as_str()]);
    let current = last(&["本年", cy.as_str()]);
    prior.is_some_and(|p| current.is_none_or(|c| p > c))
}

/// 「持平」 in the clause after a figure (「…2024年预算安排 C 万元，比2023年预算执行数持平。」), with no figure of its own.
fn flat_after(chars: &[char], from: usize) -> bool {
    let from = from.min(chars.len());
    let mut end = chars.len();
    let mut commas = 0;
    for (k, c) in chars[from..].iter().enumerate() {
        if *c == '，' || *c == ',' {
            commas += 1;
        }
        if ends_clause(*c) || commas > 1 {
            end = from + k;
            break;
        }
    }
    let clause = norm(&chars[from..end]);
    clause.contains("持平") && !clause.contains('%') && !clause.contains("万元")
}

/// Extracts the figures and claims of a document's 情况说明.
pub fn extract(doc: &Document) -> Extracted {
    let text = join(doc);
    let nums = scan(&text);
    let budget = doc.kind == crate::model::DocumentKind::Budget;
    let mode = Mode { budget, year: if budget { first_year(&text.chars).or(doc.year) } else { None } };
    let claims = claims(&text, &nums, mode);
    Extracted { text, nums, claims }
}

fn claims(text: &Joined, nums: &[Num], mode: Mode) -> Vec<Claim> {
    let chars = &text.chars;
    let mut out: Vec<Claim> = Vec::new();
    let mut used = vec![false; nums.len()];
    let mut para = Para::default();
    let mut para_start = 0usize;
    let mut section_idx = usize::MAX;
    // Per section: figures by role (first occurrence), for the lists and the named wholes.
    let mut sec_roles: Vec<(usize, Role)> = Vec::new();
    let mut sec_lead: Option<usize> = None;
    // 五（三）: the 年初预算 total whose items follow (「其中：」), and the items' budgets.
    let mut item_list: Option<(usize, Vec<usize>)> = None;
    let mut vehicles: Option<(usize, Vec<usize>)> = None;
    let mut average: Option<(usize, Vec<usize>)> = None;
    let mut prev_end = 0usize;

    let push = |out: &mut Vec<Claim>, used: &mut Vec<bool>, kind: ClaimKind, ns: Vec<usize>, section: SectionKind| {
        for &n in &ns {
            if let Some(u) = used.get_mut(n) {
                *u = true;
            }
        }
        out.push(Claim { kind, nums: ns, section });
    };

    let mut directions_done = 0usize;
    // The whole text normalized once; `nidx[j]` is the byte offset in `ntext` of joined character j.
    let mut ntext = String::with_capacity(chars.len() * 3);
    let mut nidx = Vec::with_capacity(chars.len() + 1);
    for c in chars {
        nidx.push(ntext.len());
        if !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'') {
            ntext.push(match c {
                '(' => '（',
                ')' => '）',
                _ => *c,
            });
        }
    }
    nidx.push(ntext.len());
    let nslice = |a: usize, b: usize| -> &str {
        let a = nidx.get(a).copied().unwrap_or(ntext.len());
        let b = nidx.get(b).copied().unwrap_or(ntext.len()).max(a);
        ntext.get(a..b).unwrap_or("")
    };
    let words = role_words(&ntext, mode.budget);
    // The 类/款/项 item a paragraph is about, and whether it is a numbered item: (paragraph start, item, numbered).
    let mut para_item: Option<(usize, Option<Role>, bool)> = None;
    // Start of the paragraph, the sentence and the clause each character is in (one pass, not one scan per figure).
    let mut para_at = Vec::with_capacity(chars.len());
    let mut sent_at = Vec::with_capacity(chars.len());
    let mut clause_at = Vec::with_capacity(chars.len());
    let (mut p, mut q, mut r) = (0usize, 0usize, 0usize);
    for (i, c) in chars.iter().enumerate() {
        para_at.push(p);
        sent_at.push(q);
        clause_at.push(r);
        if *c == '\n' {
            p = i + 1;
        }
        if ends_sentence(*c) {
            q = i + 1;
        }
        if ends_clause(*c) {
            r = i + 1;
        }
    }
    for (idx, n) in nums.iter().enumerate() {
        // Paragraph and section boundaries.
        let ps = para_at.get(n.js).copied().unwrap_or(0);
        let sec = text.section_at(n.js);
        let ss = sent_at.get(n.js).copied().unwrap_or(0);
        let cs = clause_at.get(n.js).copied().unwrap_or(0);
        // A change left without a rate in a clause that has ended: 「增加 Δ；…持平」 is not about Δ.
        if para.delta.is_some_and(|(d, _, _)| nums.get(d).is_none_or(|x| clause_at.get(x.js) != Some(&cs))) {
            flat(text, nums, &mut para, &mut out, &mut used, mode.budget);
        }
        // A list of vehicles by type ends with its sentence (「共有车辆7辆。」 is not part of the next list), unless the
        // next sentence opens with 「其中」 (「共有车辆55辆。其中，一般公务用车13辆…」).
        let list_ended = vehicles.as_ref().is_some_and(|(total, parts)| {
            let last = parts.last().unwrap_or(total);
            let same = nums.get(*last).is_some_and(|x| sent_at.get(x.js) == Some(&ss));
            !same && !nslice(ss, n.js).starts_with("其中")
        });
        if let Some((total, parts)) = vehicles.take_if(|_| list_ended) {
            vehicle_sum(&mut out, &mut used, total, parts, &push);
        }
        if ps != para_start || sec != section_idx {
            // Direction phrases of the paragraph(s) that just ended.
            directions(text, para_start, ps, &para, &mut out, &mut directions_done);
            flat(text, nums, &mut para, &mut out, &mut used, mode.budget);
            // A paragraph that is not an item of the list ends it.
            let is_item =
                chars[ps..n.js.max(ps)].iter().find(|c| !c.is_whitespace()).is_some_and(|c| c.is_ascii_digit());
            if !is_item || sec != section_idx {
                item_list = finish_items(&mut out, &mut used, item_list.take(), &push);
            }
            para = Para::default();
            para_start = ps;
        }
        if sec != section_idx {
            finish_section(&mut out, &mut used, &sec_roles, text, section_idx, &push, mode.budget);
            if let Some((total, parts)) = vehicles.take() {
                vehicle_sum(&mut out, &mut used, total, parts, &push);
            }
            section_idx = sec;
            sec_roles.clear();
            sec_lead = None;
        }
        let section = text.section_kind(n.js);
        let pre_lo = prev_end.max(ps).min(n.js);
        let pre: &str = nslice(pre_lo, n.js);
        // The words since the previous figure within this clause: where a direction word binds.
        let pre_clause: &str = nslice(pre_lo.max(cs).min(n.js), n.js);
        // The sentence and the paragraph are normalized only for the figures that need them.
        let sent_lo = ss.max(ps).min(n.js);
        let sent_text = || nslice(sent_lo, n.js);
        let after: &str = nslice(n.je.min(chars.len()), (n.je + 8).min(chars.len()));
        prev_end = n.je;

        match n.unit {
            Unit::Wan => {
                if para_item.as_ref().is_none_or(|(p, _, _)| *p != ps) {
                    let pend = chars[ps..].iter().position(|c| *c == '\n').map(|e| ps + e).unwrap_or(chars.len());
                    let ptext = nslice(ps, pend);
                    let numbered = ptext.chars().next().is_some_and(|c| c.is_ascii_digit());
                    para_item = Some((ps, item_named(ptext, mode.budget), numbered));
                }
                let (item, numbered) = match &para_item {
                    Some((_, item, numbered)) => (item.clone(), *numbered),
                    None => (None, false),
                };
                // A year-on-year change.
                if let Some(up) = change_word(pre_clause).filter(|_| {
                    compares_years(pre)
                        || compares_years(sent_text())
                        || change_after_comparison(pre_clause, || nslice(ps, n.js))
                }) {
                    // In a budget the change is on the last figure of the budget year, named or not.
                    let named = para.figures.last().map(|(i, _)| *i);
                    let current = if mode.budget { para.current.or(named) } else { named };
                    // A change still waiting for its rate is judged on its own words first.
                    flat(text, nums, &mut para, &mut out, &mut used, mode.budget);
                    para.delta = Some((idx, up, current));
                    continue;
                }
                // A budget's prior-year figure: checked with the change it goes with, not against a table.
                if mode.budget && is_prior(pre_clause, mode.year) {
                    para.prior = Some(idx);
                    continue;
                }
                if mode.budget {
                    para.current = Some(idx);
                    // 「…执行数为 P 万元，2024年预算安排 C 万元，比2023年预算执行数持平」: C must equal P.
                    if let Some(pr) = para.prior.filter(|_| flat_after(chars, n.je)) {
                        let kind = ClaimKind::Change { current: idx, prior: pr, up: None, rate: None };
                        push(&mut out, &mut used, kind, vec![pr, idx], section);
                        para.prior = None;
                    }
                }
                // The role: named since the previous figure, else the paragraph's 类/款/项 item, else the sentence.
                let in_pre = find_role_in(
                    &ntext,
                    &words,
                    nidx.get(pre_lo).copied().unwrap_or(0),
                    nidx.get(n.js).copied().unwrap_or(0),
                    section,
                )
                .filter(|(r, _)| !(item.is_some() && matches!(r, Role::Class(_))));
                let (role, budget) = if let Some((r, b)) = in_pre {
                    (Some(r), b)
                } else if let Some(item) = item {
                    let tail = pre.rsplit("（项）").next().unwrap_or(&pre);
                    (Some(item), is_budget_phrase(tail))
                } else if let Some((r, b)) = find_role_in(
                    &ntext,
                    &words,
                    nidx.get(sent_lo).copied().unwrap_or(0),
                    nidx.get(n.js).copied().unwrap_or(0),
                    section,
                )
                // The sentence's role word is the figure's only while no earlier figure of the sentence took it:
                // in 「收入预算 445.00 万元，使用非财政拨款结余 30.00 万元」 the 30.00 is not the 收入预算.
                .filter(|(r, _)| {
                    !para.figures.iter().any(|(i, fr)| fr == r && nums.get(*i).is_some_and(|m| m.js >= sent_lo))
                }) {
                    (Some(r), b && !pre.contains("决算"))
                } else {
                    (None, is_budget_phrase(&pre))
                };
                // In a budget every figure is a 预算数: 「预算为」 does not make it a 年初预算 to complete, and a 三公
                // item is the 预算数 column.
                let (role, budget) = if mode.budget {
                    let role = match role {
                        Some(Role::ThreePublic(k)) => Some(Role::ThreePublic(budget_side(k))),
                        r => r,
                    };
                    (role, false)
                } else {
                    (role, budget)
                };
                if budget {
                    para.budget = Some(idx);
                    if let Some(Role::ThreePublic(k)) = &role {
                        let r = Role::ThreePublic(budget_side(k));
                        sec_roles.push((idx, r.clone()));
                        push(&mut out, &mut used, ClaimKind::Figure { num: idx, role: r }, vec![idx], section);
                    }
                    if let Some((_, parts)) = item_list.as_mut() {
                        if numbered {
                            parts.push(idx);
                        }
                    }
                    continue;
                }
                let Some(role) = role else {
                    para.actual = Some((idx, None));
                    continue;
                };
                para.actual = Some((idx, Some(role.clone())));
                para.figures.push((idx, role.clone()));
                sec_roles.push((idx, role.clone()));
                let lead_words =
                    after.starts_with("，其中") || after.starts_with("。其中") || after.contains("主要用于");
                if para.lead.is_none() && (role.is_total() || lead_words) {
                    para.lead = Some(idx);
                }
                if sec_lead.is_none() && role.is_total() {
                    sec_lead = Some(idx);
                }
                // 「“…（项）”53.84万元，…2024年预算安排53.84万元」: the same figure restated in its item is checked once
                // (a different figure is checked against the table again).
                let restated = mode.budget
                    && para
                        .figures
                        .iter()
                        .rev()
                        .skip(1)
                        .any(|(j, r)| *r == role && nums.get(*j).is_some_and(|x| x.value.value == n.value.value));
                if restated {
                    if let Some(u) = used.get_mut(idx) {
                        *u = true;
                    }
                } else if has_table(&role) {
                    push(&mut out, &mut used, ClaimKind::Figure { num: idx, role }, vec![idx], section);
                }
            }
            Unit::Percent => {
                if COMPLETION.iter().any(|w| pre.contains(w)) {
                    let budget = para.budget.take().map(Operand::Num).or_else(|| match &para.actual {
                        Some((_, Some(Role::ThreePublic(k)))) if k.starts_with("final.") => {
                            Some(Operand::Role(Role::ThreePublic(budget_side(k))))
                        }
                        _ => None,
                    });
                    let actual = para.actual.as_ref().map(|(i, _)| Operand::Num(*i));
                    let mut ns = Vec::new();
                    if let Some(Operand::Num(b)) = &budget {
                        ns.push(*b);
                    }
                    if let Some(Operand::Num(a)) = &actual {
                        ns.push(*a);
                    }
                    ns.push(idx);
                    // 「完成年初预算的 p%。其中：」: the items that follow list the same budget.
                    if after.contains("其中") {
                        if let Some(Operand::Num(b)) = &budget {
                            let _ = finish_items(&mut out, &mut used, item_list.take(), &push);
                            item_list = Some((*b, Vec::new()));
                        }
                    }
                    para.completion = Some((budget.clone(), actual.clone()));
                    push(&mut out, &mut used, ClaimKind::Completion { budget, actual, pct: idx }, ns, section);
                    continue;
                }
                // 「2024年预算安排 C 万元，比2023年预算执行数减少 p%」 after 「2023年当年预算执行数为 P 万元」.
                if let (true, None, Some(pr), Some(cur), Some(up)) =
                    (mode.budget, para.delta, para.prior, para.current, change_word(pre_clause))
                {
                    let same_sentence = nums.get(cur).is_some_and(|c| sent_at.get(c.js) == Some(&ss));
                    if cur > pr && same_sentence {
                        let kind = ClaimKind::Change { current: cur, prior: pr, up: Some(up), rate: Some(idx) };
                        push(&mut out, &mut used, kind, vec![pr, cur, idx], section);
                        para.prior = None;
                        continue;
                    }
                }
                if let (Some((d, up, current)), Some(rate_up)) = (para.delta, change_word(pre_clause)) {
                    let mut ns: Vec<usize> = current.into_iter().collect();
                    ns.push(d);
                    ns.push(idx);
                    let kind = ClaimKind::Growth { current, delta: d, up, rate: Some((idx, rate_up)) };
                    push(&mut out, &mut used, kind, ns, section);
                    para.delta = None;
                    continue;
                }
                if let Some(p) = pre.rfind('占') {
                    let named = pre[p + '占'.len_utf8()..].split('的').next().filter(|_| pre[p..].contains('的'));
                    let whole = named
                        .and_then(|w| find_role(w, section, mode.budget))
                        .map(|(r, _)| {
                            // The nearest figure of that role before the share (a section may state two years).
                            sec_roles
                                .iter()
                                .rev()
                                .find(|(_, sr)| *sr == r)
                                .map(|(i, _)| Operand::Num(*i))
                                .unwrap_or(Operand::Role(r))
                        })
                        .or_else(|| para.lead.or(sec_lead).map(Operand::Num));
                    // A whole named but not found (「占总支出的」) is not the paragraph's lead when that lead was itself
                    // shared out of the same named whole: 「基本支出 a，占总支出的 x%；项目支出 b，占总支出的 y%」.
                    let whole = whole.filter(|w| match (w, named) {
                        (Operand::Num(i), Some(name)) if find_role(name, section, mode.budget).is_none() => {
                            let from = nums.get(*i).map_or(n.js, |x| x.je).min(n.js);
                            !nslice(from, n.js).contains(&format!("占{name}"))
                        }
                        _ => true,
                    });
                    // The part: the last figure of the clause (not the whole itself): in 「基本支出 50 万元，占 25%；
                    // 项目支出占 75%」 the 75% has no amount of its own.
                    let part = para.actual.as_ref().map(|(i, _)| *i).filter(|i| {
                        nums.get(*i).is_some_and(|x| x.js >= cs.max(ps)) && Some(Operand::Num(*i)) != whole
                    });
                    match (part, whole) {
                        (Some(part), Some(whole)) => {
                            let kind = ClaimKind::Share { part: Operand::Num(part), whole, pct: idx };
                            push(&mut out, &mut used, kind, vec![part, idx], section);
                        }
                        _ => {
                            let kind = ClaimKind::Unresolved {
                                num: idx,
                                unit: Unit::Percent,
                                reason_zh: "未能确定占比的分子或分母",
                                reason_en: "the part or the whole of this share could not be identified",
                            };
                            push(&mut out, &mut used, kind, vec![idx], section);
                        }
                    }
                    continue;
                }
            }
            Unit::Count => {
                let next: String = after.chars().take(8).collect();
                if section == SectionKind::Performance && (next.contains("项目") || next.starts_with("项绩效")) {
                    push(&mut out, &mut used, ClaimKind::ProjectCount { num: idx }, vec![idx], section);
                    if let Some((_, parts)) = average.as_mut() {
                        let _ = parts;
                    }
                    continue;
                }
                if section == SectionKind::Assets && n.text.ends_with('辆') {
                    match vehicles.as_mut() {
                        None if pre.contains("车辆") => vehicles = Some((idx, Vec::new())),
                        Some((_, parts)) => parts.push(idx),
                        None => {}
                    }
                    continue;
                }
                if section == SectionKind::ThreePublic {
                    // Whose count it is: the words of its clause (「外宾接待 1 批次；国内公务接待 5 批次」), else of its
                    // sentence (「国内公务接待费 3.00 万元，共 5 批次」).
                    let clause = nslice(cs.max(ps).min(n.js), n.js);
                    let names = |t: &str| ["外宾", "国（境）外", "国内", "接待"].iter().any(|w| t.contains(w));
                    let sent = if names(clause) { clause } else { sent_text() };
                    let amount = if pre.contains("购置") {
                        Some(Role::ThreePublic(keys::TP_FINAL_VEHICLE_PURCHASE))
                    } else if pre.contains("保有") {
                        None
                    } else if sent.contains("外宾") || sent.contains("国（境）外") {
                        Some(Role::ReceptionForeign)
                    } else if sent.contains("国内") {
                        Some(Role::ReceptionDomestic)
                    } else if sent.contains("接待") {
                        Some(Role::ThreePublic(keys::TP_FINAL_RECEPTION))
                    } else {
                        None
                    };
                    if let Some(r) = amount {
                        let printed =
                            |r: &Role| sec_roles.iter().rev().find(|(_, sr)| sr == r).map(|(i, _)| Operand::Num(*i));
                        // Receptions counted without a 外宾 / 国内 amount of their own go with 公务接待费.
                        let reception = Role::ThreePublic(keys::TP_FINAL_RECEPTION);
                        let op = match printed(&r) {
                            Some(op) => op,
                            None if matches!(r, Role::ReceptionForeign | Role::ReceptionDomestic) => {
                                printed(&reception).unwrap_or(Operand::Role(reception))
                            }
                            None => Operand::Role(r),
                        };
                        let mut ns = vec![idx];
                        if let Operand::Num(a) = op {
                            ns.insert(0, a);
                        }
                        push(&mut out, &mut used, ClaimKind::CountWithAmount { count: idx, amount: op }, ns, section);
                        continue;
                    }
                }
            }
            Unit::Score => {
                if pre.contains("平均") {
                    average = Some((idx, Vec::new()));
                    continue;
                }
                if pre.contains("得分") {
                    if let Some(name) = project_name(&pre) {
                        if let Some((_, parts)) = average.as_mut() {
                            parts.push(idx);
                        }
                        push(&mut out, &mut used, ClaimKind::ProjectScore { num: idx, name }, vec![idx], section);
                        continue;
                    }
                    if let Some(w) = para.last_weight.take() {
                        push(
                            &mut out,
                            &mut used,
                            ClaimKind::ScorePair { weight: w, score: idx },
                            vec![w, idx],
                            section,
                        );
                        continue;
                    }
                } else {
                    para.last_weight = Some(idx);
                    continue;
                }
            }
        }
    }
    let end = chars.len();
    directions(text, para_start, end, &para, &mut out, &mut directions_done);
    flat(text, nums, &mut para, &mut out, &mut used, mode.budget);
    finish_section(&mut out, &mut used, &sec_roles, text, section_idx, &push, mode.budget);
    finish_items(&mut out, &mut used, item_list.take(), &push);
    if let Some((total, parts)) = vehicles.take() {
        vehicle_sum(&mut out, &mut used, total, parts, &push);
    }
    if let Some((avg, parts)) = average.take() {
        let mut ns = vec![avg];
        ns.extend(&parts);
        push(&mut out, &mut used, ClaimKind::Average { num: avg, parts }, ns, SectionKind::Performance);
    }
    // Every figure no claim uses is a claim of its own, not checked, with the reason.
    for (i, n) in nums.iter().enumerate() {
        if used.get(i).copied().unwrap_or(true) {
            continue;
        }
        let section = text.section_kind(n.js);
        let (reason_zh, reason_en) = match n.unit {
            Unit::Wan => (
                "未能将该金额与表格中的数字对应（上年数、预算数等不在决算表中）",
                "this amount could not be tied to a table cell (prior-year and budget figures are not in the tables)",
            ),
            Unit::Percent => ("该百分比没有可对应的表格数字", "no table figure corresponds to this percentage"),
            Unit::Score => {
                ("该分数没有可对应的绩效自评表数字", "no performance-table figure corresponds to this score")
            }
            Unit::Count => ("该数量没有可对应的表格数字", "no table figure corresponds to this count"),
        };
        out.push(Claim {
            kind: ClaimKind::Unresolved { num: i, unit: n.unit, reason_zh, reason_en },
            nums: vec![i],
            section,
        });
    }
    out
}

/// Whether a role has a table cell to restate (budgets, 政府采购 and 接待 sub-items do not).
fn has_table(role: &Role) -> bool {
    !matches!(
        role,
        Role::Budget
            | Role::ReceptionForeign
            | Role::ReceptionDomestic
            | Role::ProcTotal
            | Role::ProcGoods
            | Role::ProcWorks
            | Role::ProcServices
            | Role::ProcSme
            | Role::ProcMicro
    )
}

/// 「…其中工作经费项目自评得分」 → 工作经费.
fn project_name(pre: &str) -> Option<String> {
    let p = pre.rfind("项目")?;
    let before = &pre[..p];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | '。' | '；' | '：' | '、' | ',' | '\n'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let mut name = before.get(start..)?.to_string();
    for prefix in ["其中", "分别为", "分别是"] {
        if let Some(r) = name.strip_prefix(prefix) {
            name = r.to_string();
        }
    }
    if name.is_empty() || name.chars().count() > 30 { None } else { Some(name) }
}

type Push<'a> = &'a dyn Fn(&mut Vec<Claim>, &mut Vec<bool>, ClaimKind, Vec<usize>, SectionKind);

fn vehicle_sum(out: &mut Vec<Claim>, used: &mut Vec<bool>, total: usize, parts: Vec<usize>, push: Push) {
    if parts.is_empty() {
        return;
    }
    let mut ns = vec![total];
    ns.extend(&parts);
    let kind = ClaimKind::Sum {
        total: Operand::Num(total),
        parts: parts.iter().map(|p| Operand::Num(*p)).collect(),
        scope: false,
        what_zh: "车辆总数 = 各类车辆之和".into(),
        what_en: "vehicles in total = sum of vehicles by type".into(),
    };
    push(out, used, kind, ns, SectionKind::Assets);
}

/// A change left without a rate: 「增加 Δ 万元，与上年持平」 claims no change, so Δ must be zero (持平 in the same
/// clause: 「增加 Δ 万元；政府性基金预算支出与上年持平」 is about something else).
fn flat(text: &Joined, nums: &[Num], para: &mut Para, out: &mut Vec<Claim>, used: &mut [bool], budget: bool) {
    let Some((d, up, current)) = para.delta.take() else { return };
    let Some(n) = nums.get(d) else { return };
    let chars = &text.chars;
    // 「持平」 binds to the change of its own clause only.
    let end =
        chars[n.je.min(chars.len())..].iter().position(|c| ends_clause(*c)).map(|e| n.je + e).unwrap_or(chars.len());
    if !norm(&chars[n.je.min(end)..end]).contains("持平") {
        // A budget's 「比2023年预算减少 Δ 万元」 with no rate: a change whose prior year no table holds. It is one claim
        // (C003, not checked, with that reason), not a figure left unexplained.
        if budget {
            if let Some(u) = used.get_mut(d) {
                *u = true;
            }
            let mut ns: Vec<usize> = current.into_iter().collect();
            ns.push(d);
            let kind = ClaimKind::Growth { current, delta: d, up, rate: None };
            out.push(Claim { kind, nums: ns, section: text.section_kind(n.js) });
        }
        return;
    }
    if let Some(u) = used.get_mut(d) {
        *u = true;
    }
    out.push(Claim { kind: ClaimKind::Flat { delta: d }, nums: vec![d], section: text.section_kind(n.js) });
}

fn finish_items(
    out: &mut Vec<Claim>,
    used: &mut Vec<bool>,
    list: Option<(usize, Vec<usize>)>,
    push: Push,
) -> Option<(usize, Vec<usize>)> {
    if let Some((total, parts)) = list {
        if parts.len() >= 2 {
            let mut ns = vec![total];
            ns.extend(&parts);
            let kind = ClaimKind::Sum {
                total: Operand::Num(total),
                parts: parts.iter().map(|p| Operand::Num(*p)).collect(),
                scope: false,
                what_zh: "各项目年初预算之和 = 年初预算总数".into(),
                what_en: "the items' initial budgets add up to the stated initial budget".into(),
            };
            push(out, used, kind, ns, SectionKind::GeneralBudget);
        }
    }
    None
}

/// Lists a section's roles must satisfy (三公 items, 人员经费 + 公用经费, 政府采购, 支出 and 收入 splits, 类 lists).
fn finish_section(
    out: &mut Vec<Claim>,
    used: &mut Vec<bool>,
    roles: &[(usize, Role)],
    text: &Joined,
    section_idx: usize,
    push: Push,
    budget_doc: bool,
) {
    if section_idx == usize::MAX {
        return;
    }
    let section = text.sections.get(section_idx).map(|s| s.0).unwrap_or(SectionKind::Other);
    let first = |r: &Role| roles.iter().find(|(_, x)| x == r).map(|(i, _)| *i);
    let sum =
        |out: &mut Vec<Claim>, used: &mut Vec<bool>, total: &Role, parts: &[Role], scope: bool, zh: &str, en: &str| {
            let Some(t) = first(total) else { return };
            let ps: Vec<usize> = parts.iter().filter_map(first).collect();
            if ps.len() < parts.len().min(2) || ps.is_empty() || (!scope && ps.len() < parts.len()) {
                return;
            }
            let mut ns = vec![t];
            ns.extend(&ps);
            let kind = ClaimKind::Sum {
                total: Operand::Num(t),
                parts: ps.iter().map(|p| Operand::Num(*p)).collect(),
                scope,
                what_zh: zh.into(),
                what_en: en.into(),
            };
            push(out, used, kind, ns, section);
        };
    let tp = |k: &'static str| Role::ThreePublic(k);
    match section {
        SectionKind::ThreePublic => {
            // The 决算数 of a 决算, the 预算数 of a budget (whichever the section states).
            for [total, abroad, vehicle, purchase, ops, reception] in [
                [
                    keys::TP_FINAL_TOTAL,
                    keys::TP_FINAL_ABROAD,
                    keys::TP_FINAL_VEHICLE,
                    keys::TP_FINAL_VEHICLE_PURCHASE,
                    keys::TP_FINAL_VEHICLE_OPS,
                    keys::TP_FINAL_RECEPTION,
                ],
                [
                    keys::TP_BUDGET_TOTAL,
                    keys::TP_BUDGET_ABROAD,
                    keys::TP_BUDGET_VEHICLE,
                    keys::TP_BUDGET_VEHICLE_PURCHASE,
                    keys::TP_BUDGET_VEHICLE_OPS,
                    keys::TP_BUDGET_RECEPTION,
                ],
            ] {
                if total == keys::TP_BUDGET_TOTAL && !budget_doc {
                    continue;
                }
                sum(
                    out,
                    used,
                    &tp(vehicle),
                    &[tp(purchase), tp(ops)],
                    false,
                    "公务用车购置及运行维护费 = 购置费 + 运行维护费",
                    "vehicle costs = purchase + operation",
                );
                if total == keys::TP_FINAL_TOTAL {
                    sum(
                        out,
                        used,
                        &tp(reception),
                        &[Role::ReceptionForeign, Role::ReceptionDomestic],
                        false,
                        "公务接待费 = 外宾接待 + 国内公务接待",
                        "reception = foreign guests + domestic",
                    );
                }
                sum(
                    out,
                    used,
                    &tp(total),
                    &[tp(abroad), tp(vehicle), tp(reception)],
                    false,
                    "“三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费",
                    "“three public” total = abroad + vehicles + reception",
                );
            }
        }
        SectionKind::Basic => sum(
            out,
            used,
            &Role::GbBasic,
            &[Role::Personnel, Role::Public],
            false,
            "基本支出 = 人员经费 + 公用经费",
            "basic expenditure = personnel + public expenses",
        ),
        SectionKind::Procurement => {
            sum(
                out,
                used,
                &Role::ProcTotal,
                &[Role::ProcGoods, Role::ProcWorks, Role::ProcServices],
                false,
                "政府采购支出总额 = 货物 + 工程 + 服务",
                "procurement total = goods + works + services",
            );
            for (small, big) in [(Role::ProcSme, Role::ProcTotal), (Role::ProcMicro, Role::ProcSme)] {
                if let (Some(s), Some(b)) = (first(&small), first(&big)) {
                    push(
                        out,
                        used,
                        ClaimKind::AtMost { small: Operand::Num(s), big: Operand::Num(b) },
                        vec![s, b],
                        section,
                    );
                }
            }
        }
        SectionKind::Expenditure => sum(
            out,
            used,
            &Role::ExpTotal,
            &[Role::Basic, Role::Project],
            true,
            "支出合计 ≥ 基本支出 + 项目支出",
            "expenditure total ≥ basic + project",
        ),
        SectionKind::GeneralBudget => {
            let classes: Vec<Role> =
                roles.iter().filter(|(_, r)| matches!(r, Role::Class(_))).map(|(_, r)| r.clone()).collect();
            if classes.len() >= 2 {
                sum(
                    out,
                    used,
                    &Role::GbTotal,
                    &classes,
                    true,
                    "一般公共预算财政拨款支出 ≥ 所列各类支出之和",
                    "general budget expenditure ≥ the classes listed",
                );
            }
        }
        _ => {}
    }
}

/// 「决算数与（年初）预算数存在差异 / 不存在差异」「决算数大于/小于/等于预算数」 in `[from, to)`.
fn directions(text: &Joined, from: usize, to: usize, para: &Para, out: &mut Vec<Claim>, done: &mut usize) {
    let chars = &text.chars;
    let to = to.min(chars.len());
    let mut i = from.max(*done);
    while i + 3 <= to {
        if starts_with_at(chars, i, "决算数") {
            // The relation word belongs to this clause (「决算数与预算数一致；…大于」 is not 大于).
            let w_end = (i + 18).min(to);
            let w_end = chars[i..w_end].iter().position(|c| ends_clause(*c)).map_or(w_end, |e| i + e);
            let w: String = chars[i..w_end].iter().collect();
            let rel_at = |s: &str| w.find(s).map(|b| w[..b].chars().count() + s.chars().count());
            let found = [
                ("不存在差异", Rel::Equal),
                ("没有差异", Rel::Equal),
                ("存在差异", Rel::Differs),
                ("大于", Rel::Greater),
                ("小于", Rel::Less),
                ("等于", Rel::Equal),
                ("持平", Rel::Equal),
                ("一致", Rel::Equal),
            ]
            .iter()
            .find_map(|(s, r)| rel_at(s).map(|e| (*r, e)));
            if let Some((rel, len)) = found {
                if w.contains("预算") {
                    let (budget, actual) = match &para.completion {
                        Some((b, a)) => (b.clone(), a.clone()),
                        None => (para.budget.map(Operand::Num), para.actual.as_ref().map(|(a, _)| Operand::Num(*a))),
                    };
                    let section = text.section_kind(i);
                    out.push(Claim {
                        kind: ClaimKind::Direction { budget, actual, rel, js: i, je: i + len },
                        nums: Vec::new(),
                        section,
                    });
                    i += len;
                    *done = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    *done = (*done).max(to.min(i));
}

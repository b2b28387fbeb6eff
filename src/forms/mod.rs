//! Forms as data (docs/forms.md): a form (表样) is one family of documents — the local 决算 nine-table form, the
//! Shanghai budget form, Jiangsu's 公开01–12表, the 高等学校 forms … — declared in `src/forms/data/*.json` and
//! compiled into static tables at build time (`build.rs`, `compile.rs`). This module picks the form a document
//! follows ([`match_form`]) and says, for every table the form declares, whether the document's table was checked,
//! found but not checked (and why), or missing.
//!
//! Pure core: no files, no clock. It reads `model` only; `model` and `input` never import it.

pub mod identity;

use crate::model::{Document, DocumentKind, Table, TableKind};
use serde::Serialize;

/// A string of a form: in the program, text of the form files compiled in.
pub type Str = &'static str;
/// A list of a form: a static slice. (The build script compiles `schema.rs` with owned types instead.)
pub type List<T> = &'static [T];

/// The derives of the form types in the program (the build script gives them `Deserialize` instead).
macro_rules! form_type {
    ($it:item) => {
        #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
        $it
    };
}

mod schema;
mod titles;

// Every type of the schema (a field's new struct included), `FORM_FILES` and `validate`.
pub use schema::*;

/// The forms compiled from `src/forms/data/*.json` by `build.rs` (`src/forms/compile.rs`): `FORMS`, and the
/// `const` checks that every `reader` is a table kind code and every column key a model column key.
mod generated {
    // The schema's structs by their names, as Debug printed them; an enum's variants too (Debug prints them
    // unqualified): a new enum in the schema needs its line here.
    use super::FormKind::{Budget, Final};
    use super::schema::*;
    include!(concat!(env!("OUT_DIR"), "/forms.rs"));
}

/// Chinese and English text of a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text { zh: zh.into(), en: en.into() }
    }
}

impl Years {
    fn contains(&self, y: u32) -> bool {
        self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t)
    }
}

impl Form {
    fn reader_kind(t: &FormTable) -> Option<TableKind> {
        t.reader.and_then(|code| TableKind::ALL.into_iter().find(|k| k.code() == code))
    }
}

/// Every form, in the order of `FORM_FILES` (compiled in: validated when the program was built).
pub fn forms() -> &'static [Form] {
    generated::FORMS
}

/// Column keys a form may name: those of `model::keys` a reader assigns.
pub const COLUMN_KEYS: &[&str] = {
    use crate::model::keys::*;
    &[
        AMOUNT,
        TOTAL,
        FISCAL_GRANT,
        SUPERIOR_SUBSIDY,
        BUSINESS_INCOME,
        OPERATING_INCOME,
        AFFILIATE_INCOME,
        OTHER_INCOME,
        BASIC,
        PROJECT,
        TO_SUPERIOR,
        OPERATING_EXPENSE,
        TO_AFFILIATES,
        GENERAL_BUDGET,
        GOV_FUND,
        STATE_CAPITAL,
        OPENING,
        YEAR_INCOME,
        CLOSING,
        RESERVE,
        TP_BUDGET_TOTAL,
        TP_BUDGET_ABROAD,
        TP_BUDGET_VEHICLE,
        TP_BUDGET_VEHICLE_PURCHASE,
        TP_BUDGET_VEHICLE_OPS,
        TP_BUDGET_RECEPTION,
        TP_BUDGET_OPERATING,
        PERSONNEL,
        PUBLIC,
        TP_BUDGET_MEETINGS,
        TP_BUDGET_TRAINING,
        TP_BUDGET_WITH_MEETINGS,
        TP_FINAL_TOTAL,
        TP_FINAL_ABROAD,
        TP_FINAL_VEHICLE,
        TP_FINAL_VEHICLE_PURCHASE,
        TP_FINAL_VEHICLE_OPS,
        TP_FINAL_RECEPTION,
        PERF_BUDGET_INITIAL,
        PERF_BUDGET_FULL,
        PERF_EXECUTED,
        PERF_WEIGHT,
        PERF_RATE,
        PERF_SCORE,
        PERF_DEVIATION,
    ]
};

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether a form's `reader` names a table kind (`TableKind::code`): asserted at compile time for every form file.
pub const fn reader_known(code: &str) -> bool {
    let mut i = 0;
    while i < TableKind::ALL.len() {
        if str_eq(TableKind::ALL[i].code(), code) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether a form's column `key` is one of [`COLUMN_KEYS`]: asserted at compile time for every form file.
pub const fn column_key_known(key: &str) -> bool {
    let mut i = 0;
    while i < COLUMN_KEYS.len() {
        if str_eq(COLUMN_KEYS[i], key) {
            return true;
        }
        i += 1;
    }
    false
}

// ---- titles

pub use titles::normalise_title;
use titles::strip_numbering;

/// How well a normalised title names a form's table: the same words, or the form's words after a prefix the
/// normaliser does not know (an organisation: 「西南大学收入预算表」).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Suffix,
    Exact,
}

/// The form's table a normalised title names: the longest matching title or variant wins, so 「财政拨款收入支出
/// 决算总表」 is not taken for 「收入支出决算总表」.
fn table_for(form: &Form, norm: &str) -> Option<(usize, Fit)> {
    let mut best: Option<(usize, Fit, usize)> = None;
    let norm_len = norm.chars().count();
    for (i, t) in form.tables.iter().enumerate() {
        for &(v, len) in t.normalised {
            let fit = if norm == v {
                Fit::Exact
            } else if norm.ends_with(v) && norm_len - len <= 24 {
                Fit::Suffix
            } else {
                continue;
            };
            if best.is_none_or(|(_, f, l)| (len, fit) > (l, f)) {
                best = Some((i, fit, len));
            }
        }
    }
    best.map(|(i, f, _)| (i, f))
}

// ---- the match

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A table of the document was read with its columns mapped and rows, or declared empty by a statement.
    Checked,
    /// Found by title, but not checked: the reason says why.
    NotChecked,
    /// No table of the document has this title.
    Missing,
}

/// One table the form declares, and what the document has for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableStatus {
    pub key: String,
    pub title: String,
    pub required: bool,
    pub status: Status,
    /// The report's id of the document's table (`t3`) when one was read under this title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Further tables read under the same title (a table of contents entry, several 绩效自评表 …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_tables: Vec<String>,
    /// The unit the table states, else the one the form declares.
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
}

/// The form a document follows and the status of each of its tables (`document.form` in the report).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FormMatch {
    pub id: String,
    pub name: Text,
    pub kind: FormKind,
    /// 部门 or 单位, from the tables' titles (「预算单位收入预算总表」) or the document's words; `null` if neither says.
    pub level: Option<String>,
    pub tables: Vec<TableStatus>,
    /// Ids of the document's tables the form does not declare.
    pub unexpected: Vec<String>,
}

/// The identities that hold on a document's table: those of the form table it was matched to (even none: the
/// form is the authority for what it declares); for a table outside the match (pasted alone, or not a table of
/// the matched form), those of the first form — of the document's kind first, then in file order — whose table is
/// read by the same reader and declares identities.
pub fn identities_for(matched: Option<&FormMatch>, doc_kind: DocumentKind, table: &Table) -> &'static [Identity] {
    let forms = forms();
    if let Some(m) = matched
        && let Some(form) = forms.iter().find(|f| f.id == m.id)
        && let Some(status) = m
            .tables
            .iter()
            .find(|s| s.table.as_deref() == Some(table.id.as_str()) || s.other_tables.contains(&table.id))
        && let Some(ft) = form.tables.iter().find(|t| t.key == status.key)
    {
        return ft.identities;
    }
    let same_kind = |f: &&Form| match f.kind {
        FormKind::Final => doc_kind == DocumentKind::Final,
        FormKind::Budget => doc_kind == DocumentKind::Budget,
    };
    let code = table.kind.code();
    let of = |f: &'static Form| {
        f.tables.iter().find(|t| !t.identities.is_empty() && t.reader == Some(code)).map(|t| t.identities)
    };
    forms.iter().filter(same_kind).chain(forms.iter()).find_map(of).unwrap_or(&[])
}

/// A table title seen in the document: a table that was read, or a title left in the prose (a table no reader
/// reads: its title is followed by its 单位/编制部门 line).
struct Seen<'a> {
    norm: String,
    level: Option<&'static str>,
    table: Option<(usize, &'a Table)>,
    /// For a title in the prose, its narrative block.
    block: Option<usize>,
    /// A table-of-contents entry: it says which form the document follows (a narrative published apart from its
    /// tables lists them), never that the table is in this document.
    listed: bool,
}

fn seen_titles(doc: &Document) -> Vec<Seen<'_>> {
    let mut seen: Vec<Seen> = doc
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (norm, level) = normalise_title(&t.title);
            Seen { norm, level, table: Some((i, t)), block: None, listed: false }
        })
        .collect();
    for (i, b) in doc.narrative.iter().enumerate() {
        if let Some((norm, level, listed)) =
            prose_title(&b.text, doc.narrative.get(i + 1).filter(|n| n.line <= b.line + 2))
        {
            seen.push(Seen { norm, level, table: None, block: Some(i), listed });
        }
    }
    seen
}

/// A prose line that is a table's title: short, ends with 表 (or a （…） after it), no sentence punctuation,
/// and either no leading number or a 单位/编制 line right after it. A numbered one without (「三、支出预算总表」
/// followed by the next entry) is a table of contents entry: `listed`, not taken for the table.
fn prose_title(text: &str, next: Option<&crate::model::TextBlock>) -> Option<(String, Option<&'static str>, bool)> {
    // Length in bytes first (60 characters are at most 240 bytes): most prose lines are paragraphs, rejected
    // without a scan.
    if text.len() > 240 || !text.contains('表') || text.chars().count() > 60 || text.contains(['。', '，', '；', '…'])
    {
        return None;
    }
    let (norm, level) = normalise_title(text);
    let core = norm.strip_suffix('）').and_then(|s| s.rfind('（').map(|p| &s[..p])).unwrap_or(&norm);
    if !core.ends_with('表') || norm.contains("说明") {
        return None;
    }
    let meta_after = next.is_some_and(|n| {
        let t: String = n.text.chars().filter(|c| !c.is_whitespace()).collect();
        ["单位", "金额单位", "部门", "编制", "预算单位"].iter().any(|p| t.starts_with(p))
    });
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let numbered = strip_numbering(&squashed) != squashed;
    Some((norm, level, numbered && !meta_after))
}

/// How many prose blocks at the start (cover, contents) the recognition words are looked for in.
const HEAD_BLOCKS: usize = 60;

/// Where a document says what it is: its cover and contents (the short lines among the first prose blocks), its
/// table titles and organisation, and the lines around each title left in the prose (「公开01表」 above it,
/// 「编制部门：上海市…」 below) — without whitespace. Not the whole narrative: the words are looked for in every
/// form, and scanning a long narrative for each word cost more than the rest of the match.
fn document_words(doc: &Document, seen: &[Seen]) -> String {
    // Cover lines and contents entries are short; the paragraphs between them are not needed.
    let mut blocks: Vec<usize> =
        (0..doc.narrative.len().min(HEAD_BLOCKS)).filter(|&i| doc.narrative[i].text.len() <= 240).collect();
    for b in seen.iter().filter_map(|s| s.block) {
        blocks.extend(b.saturating_sub(1)..(b + 2).min(doc.narrative.len()));
    }
    blocks.sort_unstable();
    blocks.dedup();
    let mut s = String::new();
    let texts = blocks.iter().filter_map(|&i| doc.narrative.get(i)).map(|b| b.text.as_str());
    for t in texts.chain(doc.tables.iter().map(|t| t.title.as_str())).chain(doc.organization.as_deref()) {
        s.extend(t.chars().filter(|c| !c.is_whitespace()));
        s.push('\n');
    }
    s
}

/// Picks the form a document follows and reports, for each table the form declares, what the document has.
/// `None` when no form fits (no table title of any form, or no embedded form could be parsed).
pub fn match_form(doc: &Document) -> Option<FormMatch> {
    let forms = forms();
    let seen = seen_titles(doc);
    let words = document_words(doc, &seen);
    // Each recognition word looked for once, though several forms name it (高等学校 …).
    let mut present: Vec<&str> = Vec::new();
    let mut absent: Vec<&str> = Vec::new();
    for w in forms.iter().flat_map(|f| f.recognise.words.iter().chain(f.recognise.not_words)) {
        if !present.contains(w) && !absent.contains(w) {
            if words.contains(w) { present.push(w) } else { absent.push(w) }
        }
    }
    // max_by_key keeps the last of equals: reversed, a tie goes to the form listed first.
    let (form, _) =
        forms.iter().rev().filter_map(|f| score(f, doc, &seen, &present).map(|s| (f, s))).max_by_key(|(_, s)| *s)?;
    Some(statuses(form, &seen, &words))
}

/// How well a document fits a form; `None` when none of its tables is seen. Each table seen scores 3 (its title
/// exactly) or 2 (after a prefix such as an organisation's name); a recognition word found +3, a word against −5;
/// a document of the other kind (预算/决算) −8, a year outside the form's −4, a document table the form does not
/// declare −1.
fn score(form: &Form, doc: &Document, seen: &[Seen], present: &[&str]) -> Option<i32> {
    let mut best: Vec<Option<Fit>> = vec![None; form.tables.len()];
    let mut unexpected = 0;
    let mut listed = vec![false; form.tables.len()];
    for s in seen {
        match table_for(form, &s.norm) {
            Some((i, _)) if s.listed => listed[i] = true,
            Some((i, fit)) => best[i] = best[i].max(Some(fit)),
            None if s.table.is_some() => unexpected += 1,
            None => {}
        }
    }
    // A table only listed in the contents counts 1: it names the form, weaker than a title over a table.
    let tables: i32 = best
        .iter()
        .zip(&listed)
        .map(|(f, l)| match f {
            Some(Fit::Exact) => 3,
            Some(Fit::Suffix) => 2,
            None if *l => 1,
            None => 0,
        })
        .sum();
    if tables == 0 {
        return None;
    }
    let mut s = tables - unexpected;
    s += 3 * form.recognise.words.iter().filter(|w| present.contains(w)).count() as i32;
    s -= 5 * form.recognise.not_words.iter().filter(|w| present.contains(w)).count() as i32;
    let kind = match form.kind {
        FormKind::Final => DocumentKind::Final,
        FormKind::Budget => DocumentKind::Budget,
    };
    if doc.kind != DocumentKind::Unknown && doc.kind != kind {
        s -= 8;
    }
    if doc.year.is_some_and(|y| !form.years.contains(y)) {
        s -= 4;
    }
    Some(s)
}

fn statuses(form: &Form, seen: &[Seen], words: &str) -> FormMatch {
    let mut found: Vec<Vec<(usize, &Table)>> = vec![Vec::new(); form.tables.len()];
    let mut in_prose = vec![false; form.tables.len()];
    let mut unexpected = Vec::new();
    let (mut dept, mut unit) = (0, 0);
    for s in seen.iter().filter(|s| !s.listed) {
        match (table_for(form, &s.norm), s.table) {
            (Some((i, _)), table) => {
                match table {
                    Some(t) => found[i].push(t),
                    None => in_prose[i] = true,
                }
                match s.level {
                    Some("部门") => dept += 1,
                    Some(_) => unit += 1,
                    None => {}
                }
            }
            (None, Some((_, t))) => unexpected.push(t.id.clone()),
            (None, None) => {}
        }
    }
    let level = if unit > dept {
        Some("单位")
    } else if dept > 0 {
        Some("部门")
    } else if form.levels.len() == 1 {
        Some(form.levels[0])
    } else {
        // The words the document calls itself by, the more frequent: 「部门决算」 also appears in a 单位 document's
        // 「部门决算单位构成」 and the other way round.
        let count = |a: &str, b: &str| words.matches(a).count() + words.matches(b).count();
        match count("单位预算", "单位决算").cmp(&count("部门预算", "部门决算")) {
            std::cmp::Ordering::Greater => Some("单位"),
            std::cmp::Ordering::Less => Some("部门"),
            std::cmp::Ordering::Equal => None,
        }
    };
    let tables = form
        .tables
        .iter()
        .zip(found)
        .zip(in_prose)
        .map(|((ft, mut tabs), prose)| {
            // The table most fit to be checked first (then reading order): a contents entry read as a table
            // without columns does not hide the table itself.
            tabs.sort_by_key(|(i, t)| (std::cmp::Reverse(readiness(t)), *i));
            let (status, reason) = match tabs.first() {
                Some((_, t)) => judge(ft, t),
                None if prose => (Status::NotChecked, Some(reason_prose(ft))),
                None => (Status::Missing, Some(reason_missing(ft))),
            };
            TableStatus {
                key: ft.key.to_string(),
                title: ft.title.to_string(),
                required: ft.required,
                status,
                table: tabs.first().map(|(_, t)| t.id.clone()),
                other_tables: tabs.iter().skip(1).map(|(_, t)| t.id.clone()).collect(),
                unit: tabs.first().and_then(|(_, t)| t.unit.clone()).unwrap_or_else(|| ft.unit.to_string()),
                reason,
            }
        })
        .collect();
    FormMatch {
        id: form.id.to_string(),
        name: Text::new(form.name.zh, form.name.en),
        kind: form.kind,
        level: level.map(str::to_string),
        tables,
        unexpected,
    }
}

/// 2: columns and rows (or an empty-table statement), 1: columns only, 0: nothing read.
fn readiness(t: &Table) -> u8 {
    match (t.columns.is_empty(), t.rows.is_empty() && t.empty_statement.is_none()) {
        (false, false) => 2,
        (false, true) => 1,
        _ => 0,
    }
}

/// The status of a table the document has under this title.
fn judge(ft: &FormTable, t: &Table) -> (Status, Option<Text>) {
    let Some(reader) = Form::reader_kind(ft) else {
        return (
            Status::NotChecked,
            Some(Text::new(
                format!("尚无读取此表的程序，未按此表核对（它被当作「{}」读取，但两表的栏目不同）", t.kind.name_zh()),
                format!(
                    "No reader reads this table yet; not checked as this table (it was read as “{}”, whose \
                     columns differ)",
                    t.kind.name_en()
                ),
            )),
        );
    };
    if t.kind != reader {
        return (
            Status::NotChecked,
            Some(Text::new(
                format!("此表被当作「{}」读取，不是表样所用的「{}」，未核对", t.kind.name_zh(), reader.name_zh()),
                format!(
                    "This table was read as “{}”, not as “{}” as the form expects; not checked",
                    t.kind.name_en(),
                    reader.name_en()
                ),
            )),
        );
    }
    if t.columns.is_empty() {
        return (
            Status::NotChecked,
            Some(Text::new(
                "表头的栏目未能与表样对应，未核对",
                "The header's columns could not be mapped to the form's; not checked",
            )),
        );
    }
    if t.empty_statement.is_some() {
        return (Status::Checked, None);
    }
    let unmapped: Vec<&str> = ft
        .columns
        .iter()
        .filter(|c| !c.optional)
        .filter(|c| c.key.is_some_and(|k| t.column(k).is_none()))
        .map(|c| c.header)
        .collect();
    if !unmapped.is_empty() {
        let list = unmapped.join("、");
        return (
            Status::NotChecked,
            Some(Text::new(
                format!("未能读出栏目：{list}，此表未完整核对"),
                format!("Columns not read: {list}; this table is not fully checked"),
            )),
        );
    }
    if t.rows.is_empty() {
        return (
            Status::NotChecked,
            Some(Text::new(
                "未读出任何数据行，也没有空表说明，未核对",
                "No rows were read and no statement says the table is empty; not checked",
            )),
        );
    }
    (Status::Checked, None)
}

fn reason_prose(ft: &FormTable) -> Text {
    if ft.reader.is_none() {
        Text::new(
            "文中有此表的标题，但尚无读取此表的程序，未核对",
            "The table's title is in the document, but no reader reads this table yet; not checked",
        )
    } else {
        Text::new(
            "文中有此表的标题，但未能读出表格（表头或数据行无法识别），未核对",
            "The table's title is in the document, but the table could not be read (header or rows not \
             recognised); not checked",
        )
    }
}

fn reason_missing(ft: &FormTable) -> Text {
    let (zh, en) =
        if ft.required { ("表样要求此表", "the form requires it") } else { ("此表可选", "it is optional") };
    Text::new(
        format!("文中未找到标题为「{}」的表（{zh}）", ft.title),
        format!("No table titled 「{}」 was found ({en})", ft.title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_forms_hold_together() {
        let forms = forms();
        assert_eq!(forms.len(), FORM_FILES.len());
        for f in forms {
            schema::validate(f).unwrap_or_else(|e| panic!("{}: {e}", f.id));
            for t in f.tables {
                assert!(t.reader.is_none() || Form::reader_kind(t).is_some(), "{}: {}", f.id, t.key);
                assert!(t.columns.iter().filter_map(|c| c.key).all(column_key_known), "{}: {}", f.id, t.key);
                // What the build script normalised is what the program's normalise_title gives.
                let want: Vec<(String, usize)> = std::iter::once(&t.title)
                    .chain(t.variants)
                    .map(|v| normalise_title(v).0)
                    .map(|n| {
                        let len = n.chars().count();
                        (n, len)
                    })
                    .collect();
                let got: Vec<(String, usize)> = t.normalised.iter().map(|(n, l)| (n.to_string(), *l)).collect();
                assert_eq!(got, want, "{}: {}", f.id, t.key);
            }
        }
    }

    #[test]
    fn titles_normalise() {
        let n = |s: &str| normalise_title(s);
        assert_eq!(n("2024年部门财务收支预算总表"), ("财务收支预算总表".into(), Some("部门")));
        assert_eq!(n("2024年预算单位收入预算总表"), ("收入预算总表".into(), Some("单位")));
        assert_eq!(n("9.单位“三公”经费和机关运行经费预算表"), ("三公经费和机关运行经费预算表".into(), Some("单位")));
        assert_eq!(n("表1：高等学校收支决算总表").0, "高等学校收支决算总表");
        assert_eq!(n("四、财政拨款收支预算总表").0, "财政拨款收支预算总表");
        assert_eq!(n("公开01表 收支预算总表").0, "收支预算总表");
        assert_eq!(n("收支预算总表公开01表").0, "收支预算总表");
        assert_eq!(n("5．2024年部门一般公共预算支出功能分类预算表").0, "一般公共预算支出功能分类预算表");
        assert_eq!(n("（四）支出决算表（续）").0, "支出决算表");
        assert_eq!(n("「三公」经费和机关运行经费预算表").0, "三公经费和机关运行经费预算表");
        assert_eq!(n("一般公共预算支出预算表(功能科目)").0, "一般公共预算支出预算表（功能科目）");
        // Not a level: 单位： opens a meta line.
        assert_eq!(n("单位：万元").0, "单位：万元");
    }

    #[test]
    fn prose_titles_but_not_contents_entries() {
        let meta =
            crate::model::TextBlock { text: "编制部门：某某 单位：元".into(), line: 2, start: 0, end: 0 };
        assert!(prose_title("2024年部门收入预算总表", Some(&meta)).is_some());
        assert!(prose_title("三、支出预算总表", Some(&meta)).is_some());
        assert!(prose_title("收支预算总表", None).is_some());
        // A numbered line followed by the next entry, leaders, a 说明 heading, a sentence: not a table's title.
        assert_eq!(prose_title("三、支出预算总表", None).map(|t| t.2), Some(true), "a contents entry: listed only");
        assert!(prose_title("1.2024年部门财务收支预算总表 ……………", None).is_none());
        assert!(prose_title("（一）高等学校收支决算总表说明", None).is_none());
        assert!(prose_title("详见收入预算总表。", None).is_none());
    }

    #[test]
    fn longest_title_wins() {
        let forms = forms();
        let f = forms.iter().find(|f| f.id == "local-final").unwrap();
        let key = |s: &str| table_for(f, &normalise_title(s).0).map(|(i, _)| f.tables[i].key);
        assert_eq!(key("财政拨款收入支出决算总表"), Some("fiscal_summary"));
        assert_eq!(key("收入支出决算总表"), Some("summary"));
        assert_eq!(key("一般公共预算财政拨款支出决算表"), Some("general_budget"));
        assert_eq!(key("国有资本经营预算财政拨款收入支出决算表"), Some("state_capital"));
        assert_eq!(key("部门收入决算表"), Some("income"));
        assert_eq!(key("政府采购支出预算表"), None);
    }

    /// The validator the build script runs on every form file (src/forms/compile.rs; tests/form_files.rs runs
    /// the build-time side on broken JSON files).
    #[test]
    fn validator_rejects_forms_that_do_not_hold_together() {
        let ok = forms()[0].clone();
        assert_eq!(schema::validate(&ok), Ok(()));
        let err = |f: &Form| schema::validate(f).unwrap_err();
        assert!(err(&Form { id: "Local_Final", ..ok.clone() }).contains("lowercase"));
        assert!(err(&Form { name: Name { zh: "", en: "x" }, ..ok.clone() }).contains("zh and en"));
        assert!(err(&Form { levels: &["省级"], ..ok.clone() }).contains("levels"));
        assert!(err(&Form { levels: &[], ..ok.clone() }).contains("levels"));
        assert!(err(&Form { years: Years { from: Some(2025), to: Some(2024) }, ..ok.clone() }).contains("years"));
        assert!(err(&Form { unit: "千元", ..ok.clone() }).contains("unit"));
        assert!(err(&Form { tables: &[], ..ok.clone() }).contains("no tables"));
        let t0 = ok.tables[0].clone();
        let tables = |ts: Vec<FormTable>| -> &'static [FormTable] { Box::leak(ts.into_boxed_slice()) };
        let dup = Form { tables: tables(vec![t0.clone(), ok.tables[1].clone(), t0.clone()]), ..ok.clone() };
        assert!(err(&dup).contains("declared twice"));
        let short = Form { tables: tables(vec![FormTable { title: "表1：表", ..t0.clone() }]), ..ok.clone() };
        assert!(err(&short).contains("too short"));
        let variant =
            Form { tables: tables(vec![FormTable { variants: &["2024年表"], ..t0.clone() }]), ..ok.clone() };
        assert!(err(&variant).contains("too short"));
        let unit = Form { tables: tables(vec![FormTable { unit: "千元", ..t0.clone() }]), ..ok.clone() };
        assert!(err(&unit).contains("unit"));
        let col = FormColumn { header: "合计", key: Some("total"), part: Some("middle"), optional: false };
        let part = Form { tables: tables(vec![FormTable { columns: &[], ..t0.clone() }]), ..ok.clone() };
        assert_eq!(schema::validate(&part), Ok(()));
        let cols: &'static [FormColumn] = Box::leak(vec![col].into_boxed_slice());
        let part = Form { tables: tables(vec![FormTable { columns: cols, ..t0.clone() }]), ..ok.clone() };
        assert!(err(&part).contains("income or expenditure"));
        // What the build asserts in `const` items for every reader and column key.
        assert!(reader_known("final.income") && reader_known("final.performance"));
        assert!(!reader_known("final.nothing") && !reader_known(""));
        assert!(column_key_known("fiscal_grant") && column_key_known("budget.reception"));
        assert!(!column_key_known("fiscal") && !column_key_known("fiscal_grantx"));
    }
}

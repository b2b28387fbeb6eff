//! Findings and the report: the stable JSON contract shared by the CLI, the page and embedders
//! (documented in docs/report-format.md), and the plain-text rendering for a person.

use crate::forms::FormMatch;
use crate::model::{Document, DocumentKind, Origin, Source, Table, TableKind};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Inconsistent,
    WithinRounding,
    Undefined,
    NotChecked,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Message { zh: zh.into(), en: en.into() }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// A cell a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellRef {
    /// Table id (`t1` …).
    pub table: String,
    pub table_kind: &'static str,
    /// The row's code where it has one, else its label as printed.
    pub row: String,
    pub row_label: String,
    /// The column header as printed.
    pub column: String,
    /// The cell text as printed.
    pub value: String,
    pub source: Source,
}

/// A span of the input text (Unicode character offsets, end exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    pub start: u32,
    pub end: u32,
    pub excerpt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub verdict: Verdict,
    pub message: Message,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub difference: Option<String>,
    pub tolerance: Option<String>,
    pub cells: Vec<CellRef>,
    pub text: Option<TextSpan>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct InputInfo {
    pub name: String,
    pub format: String,
    /// Every file checked as this one document, in order (empty for text given directly).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<InputFileInfo>,
}

/// One file of the input: its name and the format recognised from its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputFileInfo {
    pub name: String,
    pub format: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TableInfo {
    pub id: String,
    pub kind: TableKind,
    pub title: String,
    /// The table's name in messages, in the document's words (a budget's printed title without number and year; a
    /// 决算 table by the national template's name).
    pub name: Message,
    pub unit: Option<String>,
    pub columns: Vec<String>,
    pub rows: usize,
    pub empty: bool,
    pub source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentInfo {
    pub kind: DocumentKind,
    pub year: Option<u32>,
    pub organization: Option<String>,
    pub unit: Option<String>,
    pub tables: Vec<TableInfo>,
    /// The form (表样) the document follows and the status of each table it declares; `null` when no form fits.
    pub form: Option<FormMatch>,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub tables: usize,
    /// Identities evaluated (each sum, equality or ≤ relation counted once), including those that held.
    pub checks: usize,
    pub not_checked: usize,
    /// Cells or lines the reader could not read (each also a finding of rule D001).
    pub unreadable: usize,
    /// Narrative claims (filled by the narrative rules).
    pub claims: ClaimSummary,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct ClaimSummary {
    pub found: usize,
    pub checked: usize,
    pub consistent: usize,
    pub inconsistent: usize,
    pub undefined: usize,
    pub unresolved: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub tool: Tool,
    pub input: InputInfo,
    pub document: DocumentInfo,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// What the check as a whole came to: a caller that reads one field reads this one.
    pub outcome: CheckOutcome,
    /// Why nothing was checked, or why the input could not be read (zh and en).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Message>,
}

/// The whole check in one word. `nothing_checked` is not a clean bill: no identity of the tables and no figure of
/// the narrative could be checked (no table of a known form was read), and it says so, as `unreadable` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    Errors,
    NoErrors,
    NothingChecked,
    Unreadable,
}

impl CheckOutcome {
    /// The CLI's exit status: 0 no errors, 1 errors, 2 nothing checked or unreadable.
    pub fn exit_code(self) -> u8 {
        match self {
            CheckOutcome::NoErrors => 0,
            CheckOutcome::Errors => 1,
            CheckOutcome::NothingChecked | CheckOutcome::Unreadable => 2,
        }
    }
}

pub const TOOL: Tool = Tool { name: "fiscal-lint", version: env!("CARGO_PKG_VERSION") };

impl DocumentInfo {
    pub fn of(doc: &Document, form: Option<crate::forms::FormMatch>) -> Self {
        DocumentInfo {
            kind: doc.kind,
            year: doc.year,
            organization: doc.organization.clone(),
            unit: doc.unit.clone(),
            tables: doc.tables.iter().map(TableInfo::of).collect(),
            form,
        }
    }
}

impl TableInfo {
    fn of(t: &Table) -> Self {
        TableInfo {
            id: t.id.clone(),
            kind: t.kind,
            title: t.title.clone(),
            name: Message::new(t.name_zh(), t.name_en()),
            unit: t.unit.clone(),
            columns: t.columns.iter().map(|c| c.label.clone()).collect(),
            rows: t.rows.len(),
            empty: t.has_no_data(),
            source: t.source,
            origin: t.origin.clone(),
        }
    }
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The report of an input that could not be read at all: the same JSON object as any other outcome, with the
    /// reason in `notice` and nothing else.
    pub fn unreadable(name: &str, format: &str, why: &Message) -> Report {
        Report {
            tool: TOOL,
            input: InputInfo { name: name.to_string(), format: format.to_string(), files: Vec::new() },
            document: DocumentInfo {
                kind: DocumentKind::Unknown,
                year: None,
                organization: None,
                unit: None,
                tables: Vec::new(),
                form: None,
            },
            findings: Vec::new(),
            summary: Summary::default(),
            outcome: CheckOutcome::Unreadable,
            notice: Some(why.clone()),
        }
    }

    /// Sets `outcome` (and `notice` when nothing was checked) from the findings and counts.
    pub fn conclude(&mut self) {
        let s = &self.summary;
        self.outcome = if s.errors > 0 {
            CheckOutcome::Errors
        } else if s.checks == 0 && s.claims.checked == 0 {
            CheckOutcome::NothingChecked
        } else {
            CheckOutcome::NoErrors
        };
        if self.outcome == CheckOutcome::NothingChecked {
            let tables = self.document.tables.len();
            let claims = s.claims.found;
            self.notice = Some(Message::new(
                format!(
                    "未能核对任何内容：识别到表格 {tables} 张、情况说明中的数字 {claims} 个，但没有一张表能按已支持的表样读取，\
                     没有一项勾稽关系或数字得到核对。这不表示文档没有问题。支持的表样见「fiscal-lint forms」或帮助。"
                ),
                format!(
                    "Nothing could be checked: {tables} tables and {claims} narrative figures were found, but no table \
                     could be read as a supported form, so no identity and no figure was checked. This does not mean \
                     the document has no problem. See the supported forms (help)."
                ),
            ));
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// The report for a person: one block per finding, Chinese or English.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let zh = lang == Lang::Zh;
        let doc = &self.document;
        let head = if zh {
            format!(
                "{}：{}{}{}，识别表格 {} 张\n",
                self.input.name,
                doc.organization.as_deref().unwrap_or("（未识别单位）"),
                doc.year.map(|y| format!(" {y} 年度")).unwrap_or_default(),
                match doc.kind {
                    DocumentKind::Final => " 部门决算",
                    DocumentKind::Budget => " 部门预算",
                    DocumentKind::Unknown => "",
                },
                doc.tables.len()
            )
        } else {
            format!(
                "{}: {}{}{}, {} tables recognised\n",
                self.input.name,
                doc.organization.as_deref().unwrap_or("(organization not found)"),
                doc.year.map(|y| format!(" {y}")).unwrap_or_default(),
                match doc.kind {
                    DocumentKind::Final => " final accounts",
                    DocumentKind::Budget => " budget",
                    DocumentKind::Unknown => "",
                },
                doc.tables.len()
            )
        };
        out.push_str(&head);
        if let Some(n) = &self.notice {
            out.push_str(if zh { &n.zh } else { &n.en });
            out.push('\n');
        }
        if let Some(form) = &doc.form {
            out.push_str(&form_text(form, lang));
        }
        for f in &self.findings {
            let sev = match (f.severity, zh) {
                (Severity::Error, true) => "错误",
                (Severity::Warning, true) => "警告",
                (Severity::Info, true) => "提示",
                (Severity::Error, false) => "error",
                (Severity::Warning, false) => "warning",
                (Severity::Info, false) => "info",
            };
            out.push_str(&format!("\n{sev}[{}] {}\n", f.rule, f.message.get(lang)));
            // A long sum lists its first cells; the JSON report carries them all.
            const SHOWN: usize = 6;
            for c in f.cells.iter().take(SHOWN) {
                let table_name = match self.document.tables.iter().find(|t| t.id == c.table) {
                    Some(t) => t.name.get(lang),
                    None => TableKind::ALL
                        .iter()
                        .find(|k| k.code() == c.table_kind)
                        .map(|k| if zh { k.name_zh() } else { k.name_en() })
                        .unwrap_or(c.table_kind),
                };
                let row = if c.row == c.row_label || c.row_label.is_empty() {
                    c.row.clone()
                } else {
                    format!("{} {}", c.row, c.row_label)
                };
                if zh {
                    out.push_str(&format!(
                        "  --> {}（{}）第 {} 行：{} / {} = {}\n",
                        table_name, c.table, c.source.line, row, c.column, c.value
                    ));
                } else {
                    out.push_str(&format!(
                        "  --> {} ({}) line {}: {} / {} = {}\n",
                        table_name, c.table, c.source.line, row, c.column, c.value
                    ));
                }
            }
            if f.cells.len() > SHOWN {
                let more = f.cells.len() - SHOWN;
                out.push_str(&if zh {
                    format!("  --> ……另 {more} 个单元格\n")
                } else {
                    format!("  --> … {more} more cells\n")
                });
            }
            if let Some(t) = &f.text {
                out.push_str(&format!("  --> 「{}」 [{}..{}]\n", t.excerpt, t.start, t.end));
            }
            let mut nums = Vec::new();
            if let Some(e) = &f.expected {
                nums.push(format!("{} {e}", if zh { "应为" } else { "expected" }));
            }
            if let Some(a) = &f.actual {
                nums.push(format!("{} {a}", if zh { "实为" } else { "found" }));
            }
            if let Some(d) = &f.difference {
                nums.push(format!("{} {d}", if zh { "相差" } else { "difference" }));
            }
            if let Some(t) = &f.tolerance {
                nums.push(format!("{} ±{t}", if zh { "尾差容许" } else { "rounding band" }));
            }
            if !nums.is_empty() {
                out.push_str(&format!("  = {}\n", nums.join(if zh { "，" } else { ", " })));
            }
        }
        let s = &self.summary;
        if zh {
            out.push_str(&format!(
                "\n共 {} 项错误，{} 项警告，{} 项提示（尾差等）；核对 {} 个勾稽关系，{} 项未能核对。\n",
                s.errors, s.warnings, s.infos, s.checks, s.not_checked
            ));
        } else {
            out.push_str(&format!(
                "\n{} errors, {} warnings, {} notes (rounding etc.); {} identities checked, {} not checked.\n",
                s.errors, s.warnings, s.infos, s.checks, s.not_checked
            ));
        }
        out
    }
}

/// The form a document follows, in the text report: how many of its tables were checked, and each table that was
/// not (an optional table that is absent is not listed).
fn form_text(form: &FormMatch, lang: Lang) -> String {
    use crate::forms::Status;
    let zh = lang == Lang::Zh;
    let count = |s: Status| form.tables.iter().filter(|t| t.status == s).count();
    let (checked, not_checked, missing) = (count(Status::Checked), count(Status::NotChecked), count(Status::Missing));
    let level = form.level.as_deref().map(|l| format!("，{l}")).unwrap_or_default();
    let mut out = if zh {
        format!(
            "表样：{}〔{}{level}〕：{} 张表中已核对 {checked} 张，未核对 {not_checked} 张，缺少 {missing} 张\n",
            form.name.zh,
            form.id,
            form.tables.len()
        )
    } else {
        format!(
            "Form: {} [{}{}]: of {} tables, {checked} checked, {not_checked} not checked, {missing} missing\n",
            form.name.en,
            form.id,
            form.level.as_deref().map(|l| format!(", {l}")).unwrap_or_default(),
            form.tables.len()
        )
    };
    for t in &form.tables {
        let label = match (t.status, zh) {
            (Status::Checked, _) => continue,
            (Status::Missing, _) if !t.required => continue,
            (Status::NotChecked, true) => "未核对",
            (Status::Missing, true) => "缺少",
            (Status::NotChecked, false) => "not checked",
            (Status::Missing, false) => "missing",
        };
        let reason = t.reason.as_ref().map(|r| if zh { r.zh.as_str() } else { r.en.as_str() }).unwrap_or("");
        let line = match (t.table.as_deref(), zh) {
            (Some(id), true) => format!("  {label} {}（{id}）：{reason}\n", t.title),
            (None, true) => format!("  {label} {}：{reason}\n", t.title),
            (Some(id), false) => format!("  {label} {} ({id}): {reason}\n", t.title),
            (None, false) => format!("  {label} {}: {reason}\n", t.title),
        };
        out.push_str(&line);
    }
    if !form.unexpected.is_empty() {
        let ids = form.unexpected.join(if zh { "、" } else { ", " });
        out.push_str(&if zh {
            format!("  表样之外的表：{ids}\n")
        } else {
            format!("  tables the form does not declare: {ids}\n")
        });
    }
    out
}

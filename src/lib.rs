//! fiscal-lint: checks Chinese government fiscal disclosure documents (部门决算公开 / 部门预算公开).
//!
//! Flow: input formats (`input`) → document model (`model`) → rules (`rules`, judged by `rounding`) → report
//! (`report`) → faces (the CLI in `main.rs`, the wasm bindings in `faces::wasm`). The form a document follows
//! (`forms`, declared as data) is reported with the tables it expects. The core never touches files, the DOM or
//! the clock; see ARCHITECTURE.md.

pub mod amount;
pub mod classification;
pub mod faces;
pub mod forms;
pub mod input;
pub mod model;
pub mod narrative;
pub mod report;
pub mod rounding;
pub mod rules;
pub mod unit;

use model::Document;
use report::{CheckOutcome, DocumentInfo, InputFileInfo, InputInfo, Message, Report, Severity, Summary, TOOL};

/// The input could not be read at all (nothing recognisable in it). Partial problems are findings, not this.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub message: Message,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message.zh)
    }
}

/// Reads a document given as text (a whole document, pasted tables, or text laid out with spaces) and checks it.
pub fn check_text(name: &str, text: &str) -> Result<Report, ReadError> {
    let read = input::read_pasted(text)?;
    Ok(check_document(name, &read.format, &read.document))
}

/// A report with the document it was made from and the text its offsets point into.
#[derive(Clone, Debug)]
pub struct Checked {
    pub report: Report,
    pub read: input::Read,
}

/// Reads one or more files as one document (`input::files`: PDF, text, and with the `formats` feature the
/// binary formats) and checks it. Offsets point into `read.text` (for a PDF, the text it was rebuilt into); each
/// table records its file in `origin`, each cell of a paged input its page.
pub fn check_files(files: &[input::files::InputFile]) -> Result<Checked, ReadError> {
    let read = input::files::read_files(files)?;
    let name = files.iter().map(|f| f.name).collect::<Vec<_>>().join(", ");
    let mut report = check_document(&name, &read.format, &read.document);
    report.input.files = files
        .iter()
        .map(|f| InputFileInfo {
            name: f.name.to_string(),
            format: read
                .document
                .tables
                .iter()
                .filter_map(|t| t.origin.as_ref())
                .find(|o| o.file == f.name)
                .map(|o| o.format.clone())
                .unwrap_or_else(|| input::files::format_name(f).to_string()),
        })
        .collect();
    Ok(Checked { report, read })
}

/// Reads a PDF (its text layer, rebuilt into tables and narrative by `input::layout`) and checks it. Findings'
/// offsets point into the text the PDF was rebuilt into; each cell's `source` carries its page.
#[cfg(feature = "formats")]
pub fn check_pdf(name: &str, bytes: &[u8]) -> Result<Report, ReadError> {
    check_files(&[input::files::InputFile { name, bytes }]).map(|c| c.report)
}

/// Runs every rule on a document already read.
pub fn check_document(name: &str, format: &str, doc: &Document) -> Report {
    // The form first: it declares the identities the rules evaluate, and the report lists its tables.
    let form = forms::match_form(doc);
    let outcomes = rules::run_all(doc, form.as_ref());
    let mut summary = Summary {
        tables: doc.tables.len(),
        checks: outcomes.checks,
        not_checked: outcomes.not_checked,
        unreadable: doc.issues.len(),
        ..Summary::default()
    };
    for f in &outcomes.findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    summary.claims = outcomes.claims;
    let mut report = Report {
        tool: TOOL,
        input: InputInfo { name: name.to_string(), format: format.to_string(), files: Vec::new() },
        document: DocumentInfo::of(doc, form),
        findings: outcomes.findings,
        summary,
        outcome: CheckOutcome::NoErrors,
        notice: None,
    };
    report.conclude();
    report
}

//! fiscal-lint: checks Chinese government fiscal disclosure documents (部门决算公开 / 部门预算公开).
//!
//! Flow: input formats (`input`) → document model (`model`) → rules (`rules`, judged by `rounding`) → report
//! (`report`) → faces (the CLI in `main.rs`, the wasm bindings in `faces::wasm`). The core never touches files,
//! the DOM or the clock; see ARCHITECTURE.md.

pub mod amount;
pub mod classification;
pub mod faces;
pub mod input;
pub mod model;
pub mod narrative;
pub mod report;
pub mod rounding;
pub mod rules;

use model::Document;
use report::{DocumentInfo, InputInfo, Message, Report, Severity, Summary, TOOL};

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

/// Reads a document given as text (a whole document, or a table pasted alone) and checks it.
pub fn check_text(name: &str, text: &str) -> Result<Report, ReadError> {
    let doc = input::text::read(text)?;
    Ok(check_document(name, "text", &doc))
}

/// Reads a PDF (its text layer, rebuilt into tables and narrative by `input::layout`) and checks it. Findings'
/// offsets point into the text the PDF was rebuilt into (`input::pdf::read` returns it); each cell's `source`
/// carries its page.
pub fn check_pdf(name: &str, bytes: &[u8]) -> Result<Report, ReadError> {
    let layout = input::pdf::read(bytes)?;
    Ok(check_document(name, "pdf", &layout.document))
}

/// Runs every rule on a document already read.
pub fn check_document(name: &str, format: &str, doc: &Document) -> Report {
    let outcomes = rules::run_all(doc);
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
    Report {
        tool: TOOL,
        input: InputInfo { name: name.to_string(), format: format.to_string() },
        document: DocumentInfo::of(doc),
        findings: outcomes.findings,
        summary,
    }
}

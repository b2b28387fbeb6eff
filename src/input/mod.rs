//! Input formats → the document model. Each reader keeps what it can read and records the rest as
//! `ReadIssue`s; it fails wholesale (a `ReadError`) only when nothing in the input is recognisable.

use crate::ReadError;
use crate::model::{Document, Source};

mod budget_extra;
mod budget_totals;
pub mod csv;
#[cfg(feature = "formats")]
pub mod docx;
pub mod files;
pub(crate) mod grid;
pub mod html;
pub mod layout;
pub mod layout_text;
#[cfg(feature = "formats")]
pub mod pdf;
pub mod performance;
pub mod positioned;
pub mod tables;
pub mod text;
#[cfg(feature = "formats")]
pub mod xlsx;
#[cfg(feature = "formats")]
mod xml;
#[cfg(feature = "formats")]
pub mod zip;

/// A document as read, with the text every `Source` offset and line points into: the input itself for text, the
/// text rebuilt from a PDF or workbook, or several files' texts joined (see `files`).
#[derive(Clone, Debug)]
pub struct Read {
    pub document: Document,
    pub text: String,
    /// The input's format as recognised from its content (`text`, `pdf`, …; several files: joined with `+`).
    pub format: String,
}

/// Reads text given directly (pasted, or a text file): a whole document, one or more pasted tables, or the
/// narrative alone.
pub fn read_pasted(text: &str) -> Result<Read, ReadError> {
    if layout_text::looks_like_layout_text(text) {
        return read_layout_text(text);
    }
    let document = text::read(text)?;
    Ok(Read { document, text: text.to_string(), format: "text".to_string() })
}

/// Text laid out with spaces, rebuilt into tables by `layout` (the PDF reader's table builder, so it comes with the
/// `formats` feature: the page's first-load module stays small and hands such a paste to the formats module, which
/// it asks `needs_formats_for_text`).
#[cfg(feature = "formats")]
fn read_layout_text(text: &str) -> Result<Read, ReadError> {
    let l = layout_text::read(text)?;
    Ok(Read { document: l.document, text: l.text, format: "layout-text".to_string() })
}

#[cfg(not(feature = "formats"))]
fn read_layout_text(_: &str) -> Result<Read, ReadError> {
    Err(ReadError {
        message: crate::report::Message::new(
            "这段文字按空格对齐成列（如 pdftotext -layout 的输出），读取它需要包含格式读取功能（formats）的版本",
            "This text is laid out in columns with spaces (as pdftotext -layout writes it); reading it needs the \
             build with the formats readers",
        ),
    })
}

/// Whether reading this text needs the `formats` feature: text laid out with spaces (see [`read_pasted`]).
pub fn needs_formats_for_text(text: &str) -> bool {
    layout_text::looks_like_layout_text(text)
}

/// One field of a tab-separated line, with where it was.
#[derive(Clone, Debug, PartialEq)]
pub struct RawCell {
    /// As printed, trimmed.
    pub text: String,
    pub source: Source,
}

/// One line of a table as read, before its columns are understood.
#[derive(Clone, Debug, PartialEq)]
pub struct RawRow {
    pub line: u32,
    pub cells: Vec<RawCell>,
    /// The whole line.
    pub source: Source,
}

impl RawRow {
    pub fn texts(&self) -> Vec<&str> {
        self.cells.iter().map(|c| c.text.as_str()).collect()
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }
}

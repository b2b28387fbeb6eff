//! Input formats → the document model. Each reader keeps what it can read and records the rest as
//! `ReadIssue`s; it fails wholesale (a `ReadError`) only when nothing in the input is recognisable.

use crate::model::Source;

pub mod layout;
pub mod layout_text;
pub mod pdf;
pub mod performance;
pub mod tables;
pub mod text;

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

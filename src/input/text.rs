//! Reader for text: a whole document (titles, 「单位：万元」 lines, tab-separated rows, prose, page breaks as blank
//! lines) or a single table pasted alone (tab-separated, as copied from Excel/WPS), recognised by its header.

use crate::ReadError;
use crate::model::{Document, DocumentKind};
use crate::report::Message;

pub fn read(text: &str) -> Result<Document, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError {
            message: Message::new("输入为空：没有可读取的内容", "The input is empty: nothing to read"),
        });
    }
    Ok(Document {
        kind: DocumentKind::Unknown,
        year: None,
        organization: None,
        unit: None,
        tables: Vec::new(),
        narrative: Vec::new(),
        issues: Vec::new(),
    })
}

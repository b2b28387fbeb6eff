//! Files → one document. Each file is recognised by its content (never only by its name), turned into text in the
//! text reader's format (tables as tab-separated rows under their titles, prose as lines), and read by
//! `text::read`. Several files given together are one document: their texts are joined, each part opened by an
//! origin line 〔文件：name｜format〕 (`text::origin_marker`), so every table records the file (and sheet) it came
//! from and narrative claims of one file are tied to the tables of another (a .docx narrative with .xlsx tables).
//!
//! The joined text is what every offset of the report points into; it is returned with the document, and reading
//! it again as text gives the same findings.

use super::Read;
use super::text;
use crate::ReadError;
use crate::model::{Document, Origin};
use crate::report::Message;

/// A file given to the checker: its name as the user gave it, and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// One file (or one sheet of a workbook) as text in the reader's format.
struct Part {
    origin: Origin,
    text: String,
    /// The page of each line of `text` (1-based pages; empty when the file has no pages).
    line_pages: Vec<u32>,
    /// The document already read from `text`, when reading it was how the format was recognised.
    read: Option<Document>,
}

fn error(file: &str, zh: &str, en: &str) -> ReadError {
    ReadError { message: Message::new(format!("{file}：{zh}"), format!("{file}: {en}")) }
}

/// What a file's bytes are, from their content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    Pdf,
    /// A zip container: .xlsx, .docx (told apart by their parts).
    Zip,
    /// An old binary Office file (.xls, .doc, .et, .wps): not read.
    Ole,
    Text,
}

impl Detected {
    pub fn name(self) -> &'static str {
        match self {
            Detected::Pdf => "pdf",
            Detected::Zip => "zip",
            Detected::Ole => "ole",
            Detected::Text => "text",
        }
    }
}

pub fn detect(bytes: &[u8]) -> Detected {
    if bytes.len() >= 5 && bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        Detected::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Detected::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Detected::Ole
    } else {
        Detected::Text
    }
}

/// The formats that need the optional `formats` feature (the browser loads that module only when such a file
/// arrives).
pub fn needs_formats(bytes: &[u8]) -> bool {
    matches!(detect(bytes), Detected::Pdf | Detected::Zip)
}

/// Reads one or more files as one document.
pub fn read_files(files: &[InputFile]) -> Result<Read, ReadError> {
    if files.is_empty() {
        return Err(ReadError { message: Message::new("没有文件", "No file given") });
    }
    let mut parts = Vec::new();
    for f in files {
        parts.extend(parts_of(f)?);
    }
    let format = joined_formats(&parts);
    if let [part] = parts.as_slice() {
        // One part: its own text, so offsets are the same as reading that text directly.
        let mut document = match &part.read {
            Some(doc) => doc.clone(),
            None => text::read(&part.text)?,
        };
        set_pages(&mut document, &part.line_pages, 1);
        for t in &mut document.tables {
            t.origin = Some(part.origin.clone());
        }
        return Ok(Read { document, text: part.text.clone(), format });
    }
    let mut joined = String::new();
    let mut starts = Vec::new(); // first line of each part's text in `joined`
    let mut line = 1u32;
    for part in &parts {
        joined.push_str(&text::origin_marker(&part.origin));
        joined.push('\n');
        line += 1;
        starts.push(line);
        joined.push_str(&part.text);
        line += part.text.matches('\n').count() as u32;
        if !part.text.ends_with('\n') {
            joined.push('\n');
            line += 1;
        }
        joined.push('\n'); // a blank line ends any table before the next marker
        line += 1;
    }
    let mut document = text::read(&joined)?;
    for (part, start) in parts.iter().zip(&starts) {
        set_pages(&mut document, &part.line_pages, *start);
    }
    Ok(Read { document, text: joined, format })
}

/// `pdf`, or the distinct formats in order joined with `+` (`xlsx+docx`).
fn joined_formats(parts: &[Part]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for p in parts {
        if !seen.contains(&p.origin.format.as_str()) {
            seen.push(&p.origin.format);
        }
    }
    seen.join("+")
}

/// Gives every source on the lines of one part (starting at line `first`) the page of its line.
fn set_pages(document: &mut Document, line_pages: &[u32], first: u32) {
    if line_pages.is_empty() {
        return;
    }
    let page_of = |line: u32| line.checked_sub(first).and_then(|i| line_pages.get(i as usize)).copied();
    for t in &mut document.tables {
        if let Some(p) = page_of(t.source.line) {
            t.source.page = Some(p);
        }
        for r in &mut t.rows {
            if let Some(p) = page_of(r.source.line) {
                r.source.page = Some(p);
            }
            for c in r.cells.iter_mut().flatten() {
                if let Some(p) = page_of(c.source.line) {
                    c.source.page = Some(p);
                }
            }
        }
    }
    for issue in &mut document.issues {
        if let Some(p) = page_of(issue.source.line) {
            issue.source.page = Some(p);
        }
    }
}

/// The error of reading one file, prefixed with the file's name.
fn in_file(file: &InputFile, e: ReadError) -> ReadError {
    error(file.name, &e.message.zh, &e.message.en)
}

fn origin(file: &InputFile, format: &str) -> Origin {
    Origin { file: file.name.to_string(), format: format.to_string(), sheet: None }
}

/// One file as text parts.
fn parts_of(file: &InputFile) -> Result<Vec<Part>, ReadError> {
    if file.bytes.is_empty() {
        return Err(error(file.name, "文件为空，没有可读取的内容", "the file is empty: nothing to read"));
    }
    match detect(file.bytes) {
        Detected::Pdf => pdf_parts(file),
        Detected::Zip => Err(error(
            file.name,
            "是 Office 文档（.xlsx/.docx），本版本尚不能读取；请复制其中的表格或文字后粘贴",
            "an Office document (.xlsx/.docx), which this version cannot read yet; copy its tables or text and paste",
        )),
        Detected::Ole => Err(error(
            file.name,
            "是旧版 Office 二进制文件（.xls/.doc/.et/.wps），无法读取；请在 Excel/WPS 中另存为 .xlsx 或 .csv",
            "an old binary Office file (.xls/.doc/.et/.wps), which cannot be read; save it as .xlsx or .csv in \
             Excel/WPS",
        )),
        Detected::Text => {
            let text = decode(file)?;
            // As if pasted: a whole document, tables, or text laid out with spaces (rebuilt into tables).
            let read = super::read_pasted(&text).map_err(|e| in_file(file, e))?;
            Ok(vec![Part {
                origin: origin(file, &read.format),
                text: read.text,
                line_pages: Vec::new(),
                read: Some(read.document),
            }])
        }
    }
}

#[cfg(feature = "formats")]
fn pdf_parts(file: &InputFile) -> Result<Vec<Part>, ReadError> {
    let layout = super::pdf::read(file.bytes).map_err(|e| in_file(file, e))?;
    Ok(vec![Part {
        origin: origin(file, "pdf"),
        text: layout.text,
        line_pages: layout.line_pages,
        read: Some(layout.document),
    }])
}

#[cfg(not(feature = "formats"))]
fn pdf_parts(file: &InputFile) -> Result<Vec<Part>, ReadError> {
    Err(error(
        file.name,
        "是 PDF 文件，此版本未包含 PDF 读取功能",
        "a PDF file, and this build does not include the PDF reader",
    ))
}

/// Text bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM. The error names the file.
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<String, ReadError> {
    decode(&InputFile { name, bytes })
}

fn decode(file: &InputFile) -> Result<String, ReadError> {
    let b = file.bytes;
    if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(file, rest);
    }
    if let Some(rest) = b.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, u16::from_be_bytes));
    }
    utf8(file, b)
}

fn utf8(file: &InputFile, b: &[u8]) -> Result<String, ReadError> {
    match std::str::from_utf8(b) {
        Ok(s) if s.contains('\0') => Err(error(
            file.name,
            "不是文本文件（含有二进制内容），无法读取",
            "not a text file (it holds binary content); cannot read it",
        )),
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(error(
            file.name,
            &format!("第 {} 字节起不是 UTF-8 文本（GBK 编码暂不支持），无法读取", e.valid_up_to() + 1),
            &format!("not UTF-8 text from byte {} on (GBK is not supported yet)", e.valid_up_to() + 1),
        )),
    }
}

fn utf16(b: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = b.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

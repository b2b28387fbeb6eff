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
use crate::model::{Document, Origin, ReadIssue, Source};
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
    /// What the file's reader could not read (a sheet's XML error, …): kept as read issues of the document.
    notes: Vec<Message>,
}

impl Part {
    fn new(origin: Origin, text: String) -> Part {
        Part { origin, text, line_pages: Vec::new(), read: None, notes: Vec::new() }
    }
}

fn error(file: &str, zh: &str, en: &str) -> ReadError {
    ReadError { message: Message::new(format!("{file}：{zh}"), format!("{file}: {en}")) }
}

fn error_msg(file: &str, m: &Message) -> ReadError {
    error(file, &m.zh, &m.en)
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

/// The files that need the optional `formats` feature (the browser loads that module only when such a file
/// arrives): PDF, .xlsx/.docx, and text laid out with spaces (`super::needs_formats_for_text`).
pub fn needs_formats(bytes: &[u8]) -> bool {
    match detect(bytes) {
        Detected::Pdf | Detected::Zip => true,
        Detected::Ole => false,
        Detected::Text => decode(&InputFile { name: "", bytes }).is_ok_and(|t| super::needs_formats_for_text(&t)),
    }
}

/// Text that is neither UTF-8 nor UTF-16 with a BOM: read as GB18030 (GBK), by `encoding_rs` with the `gb18030`
/// feature, or decoded by the caller first (the wasm face uses the browser's `TextDecoder`).
pub fn is_gb18030_text(bytes: &[u8]) -> bool {
    detect(bytes) == Detected::Text
        && !(bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || std::str::from_utf8(bytes).is_ok())
}

/// The format a file is read as, from its content (and, for text, its name): `pdf`, `xlsx`, `docx`, `csv`,
/// `html`, `text`; `zip` (neither workbook nor document, or read without the `formats` feature), `ole` (old
/// binary Office) or `unreadable` (text that cannot be decoded).
pub fn format_name(file: &InputFile) -> &'static str {
    match detect(file.bytes) {
        Detected::Pdf => "pdf",
        Detected::Ole => "ole",
        Detected::Zip => zip_kind(file.bytes),
        Detected::Text => match decode(file) {
            Ok(text) => match text_kind(file.name, &text) {
                TextKind::Html => "html",
                TextKind::Csv(_) => "csv",
                TextKind::Plain => "text",
            },
            Err(_) => "unreadable",
        },
    }
}

#[cfg(feature = "formats")]
fn zip_kind(bytes: &[u8]) -> &'static str {
    match super::zip::Archive::open(bytes) {
        Ok(a) => match office_kind(&a) {
            Office::Workbook => "xlsx",
            Office::Document => "docx",
            _ => "zip",
        },
        Err(_) => "zip",
    }
}

#[cfg(not(feature = "formats"))]
fn zip_kind(_: &[u8]) -> &'static str {
    "zip"
}

/// How a text file is read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum TextKind {
    /// As pasted (a whole document, tab-separated tables, text laid out with spaces).
    Plain,
    Csv(char),
    Html,
}

fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// The file's name without folders and extension (a table title, for a CSV file named after its table).
fn stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    }
}

fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if !t.starts_with('<') {
        return false;
    }
    let head: String = t.chars().take(4096).collect::<String>().to_ascii_lowercase();
    ["<html", "<table", "<!doctype html", "<body", "<meta", "<tr"].iter().any(|m| head.contains(m))
}

fn text_kind(name: &str, text: &str) -> TextKind {
    let ext = extension(name);
    if matches!(ext.as_str(), "html" | "htm" | "xhtml") || looks_like_html(text) {
        TextKind::Html
    } else if ext == "csv" {
        TextKind::Csv(super::csv::sniff_delimiter(text))
    } else if ext != "tsv" && super::csv::looks_like_csv(text) {
        TextKind::Csv(',')
    } else {
        TextKind::Plain
    }
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
            None => text::read(&part.text).map_err(|e| error_msg(&part.origin.file, &e.message))?,
        };
        set_pages(&mut document, &part.line_pages, 1);
        for t in &mut document.tables {
            t.origin = Some(part.origin.clone());
        }
        let first_line = part.text.split('\n').next().unwrap_or("");
        add_notes(&mut document, part, 1, 0, first_line);
        return Ok(Read { document, text: part.text.clone(), format });
    }
    let mut joined = String::new();
    let mut starts = Vec::new(); // first line of each part's text in `joined`
    let mut markers = Vec::new(); // (line, char offset, text) of each part's origin line
    let mut line = 1u32;
    let mut chars = 0u32;
    for part in &parts {
        let marker = text::origin_marker(&part.origin);
        markers.push((line, chars, marker.clone()));
        chars += marker.chars().count() as u32 + 1 + part.text.chars().count() as u32 + 1;
        joined.push_str(&marker);
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
        if !part.text.ends_with('\n') {
            chars += 1;
        }
    }
    let mut document = text::read(&joined)?;
    for (part, start) in parts.iter().zip(&starts) {
        set_pages(&mut document, &part.line_pages, *start);
    }
    for (part, (line, start, marker)) in parts.iter().zip(&markers) {
        add_notes(&mut document, part, *line, *start, marker);
    }
    Ok(Read { document, text: joined, format })
}

/// A part's notes as read issues at its first line (its origin line when files are joined).
fn add_notes(document: &mut Document, part: &Part, line: u32, start: u32, line_text: &str) {
    for n in &part.notes {
        document.issues.push(ReadIssue {
            message_zh: format!("{}：{}", part.origin.file, n.zh),
            message_en: format!("{}: {}", part.origin.file, n.en),
            source: Source { line, cell: 0, start, end: start + line_text.chars().count() as u32, page: None },
            excerpt: line_text.chars().take(60).collect(),
            table: None,
        });
    }
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
        Detected::Zip => zip_parts(file),
        Detected::Ole => Err(error(
            file.name,
            "是旧版 Office 二进制文件（.xls/.doc/.et/.wps）或加密的 Office 文件，无法读取；请在 Excel/WPS 中去掉密码、\
             另存为 .xlsx、.docx 或 .csv",
            "an old binary Office file (.xls/.doc/.et/.wps) or an encrypted Office file, which cannot be read; remove \
             the password and save it as .xlsx, .docx or .csv in Excel/WPS",
        )),
        Detected::Text => {
            let text = decode(file)?;
            match text_kind(file.name, &text) {
                TextKind::Html => {
                    let t = super::html::html_to_text(&text).map_err(|e| in_file(file, e))?;
                    Ok(vec![Part::new(origin(file, "html"), t)])
                }
                TextKind::Csv(delimiter) => {
                    let t = super::csv::to_text(&text, delimiter, Some(stem(file.name)));
                    if t.trim().is_empty() {
                        return Err(error(file.name, "CSV 文件中没有内容", "the CSV file holds nothing"));
                    }
                    Ok(vec![Part::new(origin(file, "csv"), t)])
                }
                TextKind::Plain => {
                    // As if pasted: a whole document, tables, or text laid out with spaces (rebuilt into tables).
                    let read = super::read_pasted(&text).map_err(|e| in_file(file, e))?;
                    let mut part = Part::new(origin(file, &read.format), read.text);
                    part.read = Some(read.document);
                    Ok(vec![part])
                }
            }
        }
    }
}

/// What an Office (zip) package holds.
#[cfg(feature = "formats")]
#[derive(Clone, Copy, PartialEq)]
enum Office {
    Workbook,
    Document,
    OpenDocument,
    Presentation,
    Other,
}

#[cfg(feature = "formats")]
fn office_kind(a: &super::zip::Archive) -> Office {
    let main = super::xml::main_part(a).unwrap_or_default().to_ascii_lowercase();
    if main.ends_with("workbook.xml") || a.has("xl/workbook.xml") {
        Office::Workbook
    } else if main.ends_with("document.xml") || a.has("word/document.xml") {
        Office::Document
    } else if a.has("mimetype") && a.has("content.xml") {
        Office::OpenDocument
    } else if a.has("ppt/presentation.xml") {
        Office::Presentation
    } else {
        Office::Other
    }
}

#[cfg(feature = "formats")]
fn zip_parts(file: &InputFile) -> Result<Vec<Part>, ReadError> {
    use super::zip::{self, Archive};
    let archive = Archive::open(file.bytes).map_err(|e| error_msg(file.name, &zip::describe(&e)))?;
    match office_kind(&archive) {
        Office::Workbook => {
            let sheets = super::xlsx::read(&archive).map_err(|m| error_msg(file.name, &m))?;
            Ok(sheets
                .into_iter()
                .map(|s| {
                    let origin =
                        Origin { file: file.name.to_string(), format: "xlsx".to_string(), sheet: Some(s.name) };
                    Part { notes: s.notes, ..Part::new(origin, s.text) }
                })
                .collect())
        }
        Office::Document => {
            let d = super::docx::read(&archive).map_err(|m| error_msg(file.name, &m))?;
            Ok(vec![Part { notes: d.notes, ..Part::new(origin(file, "docx"), d.text) }])
        }
        Office::OpenDocument => Err(error(
            file.name,
            "是 OpenDocument 文件（.ods/.odt），无法读取；请另存为 .xlsx 或 .docx",
            "an OpenDocument file (.ods/.odt), which cannot be read; save it as .xlsx or .docx",
        )),
        Office::Presentation => Err(error(
            file.name,
            "是 PowerPoint 演示文稿，无法读取；请提供 Excel、Word、PDF 或文本文件",
            "a PowerPoint presentation, which cannot be read; give an Excel, Word, PDF or text file",
        )),
        Office::Other => Err(error(
            file.name,
            "是 zip 压缩包，但既不是 Excel 工作簿（.xlsx）也不是 Word 文档（.docx），无法读取",
            "a zip archive that is neither an Excel workbook (.xlsx) nor a Word document (.docx); cannot read it",
        )),
    }
}

#[cfg(not(feature = "formats"))]
fn zip_parts(file: &InputFile) -> Result<Vec<Part>, ReadError> {
    Err(error(
        file.name,
        "是 Office 文档（.xlsx/.docx），此版本未包含 Office 读取功能",
        "an Office document (.xlsx/.docx), and this build does not include the Office readers",
    ))
}

#[cfg(feature = "formats")]
fn pdf_parts(file: &InputFile) -> Result<Vec<Part>, ReadError> {
    let layout = super::pdf::read(file.bytes).map_err(|e| in_file(file, e))?;
    let mut part = Part::new(origin(file, "pdf"), layout.text);
    part.line_pages = layout.line_pages;
    part.read = Some(layout.document);
    Ok(vec![part])
}

#[cfg(not(feature = "formats"))]
fn pdf_parts(file: &InputFile) -> Result<Vec<Part>, ReadError> {
    Err(error(
        file.name,
        "是 PDF 文件，此版本未包含 PDF 读取功能",
        "a PDF file, and this build does not include the PDF reader",
    ))
}

/// How text bytes are decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (with or without BOM) or UTF-16 with a BOM; otherwise GB18030 (which includes GBK and GB2312).
    Auto,
    Utf8,
    /// GB18030 (GBK, GB2312); needs the `formats` feature.
    Gb18030,
}

/// Text bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (GBK) with the `formats`
/// feature. The error names the file.
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<String, ReadError> {
    decode(&InputFile { name, bytes })
}

/// Text bytes → text in the given encoding (`Auto`: as [`decode_text`]).
pub fn decode_text_as(name: &str, bytes: &[u8], encoding: TextEncoding) -> Result<String, ReadError> {
    let file = InputFile { name, bytes };
    match encoding {
        TextEncoding::Auto => decode(&file),
        TextEncoding::Utf8 => utf8(&file, bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes)),
        TextEncoding::Gb18030 => gb18030(&file, bytes),
    }
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
    match std::str::from_utf8(b) {
        Ok(_) => utf8(file, b),
        Err(_) => gb18030(file, b),
    }
}

fn not_text(file: &InputFile) -> ReadError {
    error(
        file.name,
        "不是文本文件（含有二进制内容），也不是可识别的 PDF、Excel 或 Word 文件，无法读取",
        "not a text file (it holds binary content), nor a recognisable PDF, Excel or Word file; cannot read it",
    )
}

fn utf8(file: &InputFile, b: &[u8]) -> Result<String, ReadError> {
    match std::str::from_utf8(b) {
        Ok(s) if s.contains('\0') => Err(not_text(file)),
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(error(
            file.name,
            &format!("第 {} 字节起不是 UTF-8 文本，无法读取", e.valid_up_to() + 1),
            &format!("not UTF-8 text from byte {} on; cannot read it", e.valid_up_to() + 1),
        )),
    }
}

fn not_utf8_nor_gb18030(file: &InputFile) -> ReadError {
    error(
        file.name,
        "既不是 UTF-8 也不是 GBK/GB18030 文本（或含有二进制内容），无法读取",
        "neither UTF-8 nor GBK/GB18030 text (or it holds binary content); cannot read it",
    )
}

#[cfg(feature = "gb18030")]
fn gb18030(file: &InputFile, b: &[u8]) -> Result<String, ReadError> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(b);
    if had_errors || text.contains('\0') {
        return Err(not_utf8_nor_gb18030(file));
    }
    Ok(text.into_owned())
}

/// Without the decoder. In wasm the face has already given GB18030 text to the browser's `TextDecoder`
/// (`faces::wasm`), so bytes that arrive here are ones it could not decode either.
#[cfg(not(feature = "gb18030"))]
fn gb18030(file: &InputFile, b: &[u8]) -> Result<String, ReadError> {
    if cfg!(target_arch = "wasm32") {
        return Err(not_utf8_nor_gb18030(file));
    }
    let at = std::str::from_utf8(b).err().map_or(0, |e| e.valid_up_to()) + 1;
    Err(error(
        file.name,
        &format!("第 {at} 字节起不是 UTF-8 文本；GBK/GB18030 文本需要包含 GB18030 解码（gb18030）的版本"),
        &format!("not UTF-8 text from byte {at} on; GBK/GB18030 text needs the build with the gb18030 decoder"),
    ))
}

fn utf16(b: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = b.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

//! Browser binding (wasm-bindgen): the page gets exactly the CLI's report.
//!
//! Thin on purpose: every function reads, checks or lists through the core and hands back JSON text. No start
//! function, no panic hook (release builds abort on panic; the page runs the check in a worker and recovers by
//! instantiating the module again). Errors cross as `JsError` whose message is 「中文 / English」.

use wasm_bindgen::prelude::*;

use crate::ReadError;

fn js_error(e: &ReadError) -> JsError {
    JsError::new(&format!("{} / {}", e.message.zh, e.message.en))
}

fn json_error(e: serde_json::Error) -> JsError {
    JsError::new(&format!("内部错误：无法生成 JSON（{e}） / Internal error: could not write JSON ({e})"))
}

/// Checks a document given as text; returns the JSON report (the CLI's `--format json`, byte for byte).
/// `name` is what the report records as `input.name` (the file name, or 「粘贴的文本」 for a paste).
#[wasm_bindgen(js_name = checkText)]
pub fn check_text(name: &str, text: &str) -> Result<String, JsError> {
    crate::check_text(name, text).map(|r| r.to_json()).map_err(|e| js_error(&e))
}

/// The document model as read from the text (`model::Document` as JSON): tables with header rows, rows and cells
/// (each with `source.line/cell/start/end`), the narrative blocks and what could not be read.
#[wasm_bindgen(js_name = readDocument)]
pub fn read_document(text: &str) -> Result<String, JsError> {
    let read = crate::input::read_pasted(text).map_err(|e| js_error(&e))?;
    serde_json::to_string(&read.document).map_err(json_error)
}

/// Reads once and returns `{ report, document, text }`: the JSON report (the same string as [`check_text`]'s for
/// the same input), the JSON document model, and the text every offset points into (the input itself, or for text
/// laid out with spaces the text it was rebuilt into). The page uses this to avoid reading twice.
#[wasm_bindgen(js_name = checkAndRead)]
pub fn check_and_read(name: &str, text: &str) -> Result<js_sys::Object, JsError> {
    let read = crate::input::read_pasted(text).map_err(|e| js_error(&e))?;
    let report = crate::check_document(name, &read.format, &read.document);
    result_object(&report, &read)
}

/// Reads files as one document (PDF; with the `formats` feature, Excel/Word/CSV too) and checks it: `names[i]` is
/// the file name of `contents[i]` (a `Uint8Array`). Returns `{ report, document, text }` as [`check_and_read`].
#[wasm_bindgen(js_name = checkFiles)]
pub fn check_files(names: js_sys::Array, contents: js_sys::Array) -> Result<js_sys::Object, JsError> {
    let names: Vec<String> = names.iter().map(|v| v.as_string().unwrap_or_default()).collect();
    let bytes: Vec<Vec<u8>> = contents.iter().map(|v| js_sys::Uint8Array::new(&v).to_vec()).collect();
    if names.len() != bytes.len() {
        return Err(JsError::new(
            "内部错误：文件名与内容数目不符 / Internal error: names and contents differ in number",
        ));
    }
    let bytes: Vec<std::borrow::Cow<[u8]>> = bytes.iter().map(|b| browser_decoded(b)).collect();
    let files: Vec<crate::input::files::InputFile> =
        names.iter().zip(&bytes).map(|(name, bytes)| crate::input::files::InputFile { name, bytes }).collect();
    let checked = crate::check_files(&files).map_err(|e| js_error(&e))?;
    result_object(&checked.report, &checked.read)
}

/// The clipboard's `text/html` flavour (a range copied from Excel/WPS, a table from a web page or Word) as text in
/// the reader's format: tables as tab-separated rows with merged cells (`colspan`/`rowspan`) laid out as Excel's
/// plain-text copy gives them, other text as lines. Pass the result to [`check_and_read`] / [`check_text`]. In the
/// first-load module (no `formats` feature needed). Throws 「中文 / English」 when the HTML holds no text.
#[wasm_bindgen(js_name = htmlToText)]
pub fn html_to_text(html: &str) -> Result<String, JsError> {
    crate::input::html::html_to_text(html).map_err(|e| js_error(&e))
}

/// GBK/GB18030 text as UTF-8, decoded by the browser's `TextDecoder('gb18030', { fatal: true })`: the WHATWG
/// decoder that the CLI's `encoding_rs` implements too, without its ≈ 125 KB gz of tables in the wasm (the wasm
/// builds leave out the `gb18030` feature). Other bytes, and bytes the decoder rejects, are passed on as they are
/// (the reader then says the file is neither UTF-8 nor GB18030 text).
fn browser_decoded(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if cfg!(feature = "gb18030") || !crate::input::files::is_gb18030_text(bytes) {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    match web_sys::TextDecoder::new_with_label_and_options("gb18030", &options)
        .and_then(|d| d.decode_with_u8_array(bytes))
    {
        Ok(text) => std::borrow::Cow::Owned(text.into_bytes()),
        Err(_) => std::borrow::Cow::Borrowed(bytes),
    }
}

/// The text of a file that `fiscal-lint check FILE` checks as text — its format, from its content and name, is plain
/// text (not PDF, Office, CSV or HTML) — decoded as the CLI decodes it (GBK/GB18030 by the browser's
/// `TextDecoder`); `undefined` for any other file (check those with [`check_files`]) and for bytes that are not
/// text. The CLI's report for such a file is `checkText(name, plainText(name, bytes))`; the page puts this text in
/// its box.
#[wasm_bindgen(js_name = plainText)]
pub fn plain_text(name: &str, bytes: &[u8]) -> Option<String> {
    let bytes = &*browser_decoded(bytes);
    let file = crate::input::files::InputFile { name, bytes };
    if crate::input::files::format_name(&file) != "text" {
        return None;
    }
    crate::input::files::decode_text(name, bytes).ok()
}

/// Whether these bytes need the module built with the `formats` feature (PDF, .xlsx, .docx, text laid out with
/// spaces). GBK/GB18030 text as such does not: both modules decode it with the browser's `TextDecoder`.
#[wasm_bindgen(js_name = needsFormats)]
pub fn needs_formats(bytes: &[u8]) -> bool {
    crate::input::files::needs_formats(&browser_decoded(bytes))
}

/// Whether reading this pasted text needs the module built with the `formats` feature: text laid out in columns
/// with spaces (`pdftotext -layout`), which the PDF reader's table builder rebuilds.
#[wasm_bindgen(js_name = needsFormatsForText)]
pub fn needs_formats_for_text(text: &str) -> bool {
    crate::input::needs_formats_for_text(text)
}

/// Whether this module was built with the `formats` feature (PDF, Excel, Word readers).
#[wasm_bindgen(js_name = hasFormats)]
pub fn has_formats() -> bool {
    cfg!(feature = "formats")
}

fn result_object(report: &crate::report::Report, read: &crate::input::Read) -> Result<js_sys::Object, JsError> {
    let doc = serde_json::to_string(&read.document).map_err(json_error)?;
    let out = js_sys::Object::new();
    let set = |k: &str, v: String| {
        js_sys::Reflect::set(&out, &JsValue::from_str(k), &JsValue::from(v))
            .map_err(|_| JsError::new("内部错误：无法返回结果 / Internal error: could not return the result"))
    };
    set("report", report.to_json())?;
    set("document", doc)?;
    set("text", read.text.clone())?;
    Ok(out)
}

/// The two JSON texts [`check_and_read`] returns (report, document model).
pub fn check_and_read_json(name: &str, text: &str) -> Result<(String, String), JsError> {
    let read = crate::input::read_pasted(text).map_err(|e| js_error(&e))?;
    let report = crate::check_document(name, &read.format, &read.document);
    let doc_json = serde_json::to_string(&read.document).map_err(json_error)?;
    Ok((report.to_json(), doc_json))
}

/// The rule registry (`fiscal-lint rules`) as JSON: `[{code, name, title_zh, title_en, doc}, …]`.
#[wasm_bindgen(js_name = ruleInfos)]
pub fn rule_infos() -> Result<String, JsError> {
    serde_json::to_string(&crate::rules::rule_infos()).map_err(json_error)
}

/// The forms (`fiscal-lint forms`) as JSON: `[{id, name, kind, levels, region, years, unit, recognise, tables}, …]`
/// (docs/forms.md). The form files are compiled in (a broken one fails the build).
#[wasm_bindgen(js_name = formInfos)]
pub fn form_infos() -> Result<String, JsError> {
    serde_json::to_string(crate::forms::forms()).map_err(json_error)
}

/// The tool's version (`Cargo.toml`), as the report's `tool.version`.
#[wasm_bindgen]
pub fn version() -> String {
    crate::report::TOOL.version.to_string()
}

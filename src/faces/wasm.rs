//! Browser binding (wasm-bindgen): the page gets exactly the CLI's report.

use wasm_bindgen::prelude::*;

/// Checks a document given as text; returns the JSON report (the CLI's `--format json`, byte for byte).
#[wasm_bindgen(js_name = checkText)]
pub fn check_text(name: &str, text: &str) -> Result<String, JsError> {
    crate::check_text(name, text).map(|r| r.to_json()).map_err(|e| JsError::new(&e.message.zh))
}

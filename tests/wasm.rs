//! Browser tests of the wasm binding (`src/faces/wasm.rs`), run in headless chromium through chromedriver:
//!
//!     CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!         cargo test --target wasm32-unknown-unknown --test wasm
//!
//! (`scripts/test.sh` does this, with `--no-default-features --features formats`: the features of the page's formats
//! module; chromium's flags come from `webdriver.json`.)
#![cfg(target_arch = "wasm32")]

use fiscal_lint::faces::wasm::{
    check_and_read, check_and_read_json, check_files, check_text, plain_text, read_document, rule_infos, version,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &str = include_str!("../www/sample/sample-2023-final.txt");
const NAME: &str = "sample-2023-final.txt";

fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    v.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).expect("valid JSON")
}

#[wasm_bindgen_test]
fn check_text_is_the_cli_report() {
    let from_wasm = check_text(NAME, SAMPLE).map_err(message).unwrap();
    // The CLI prints `Report::to_json()` of `check_text(path, text)`: the same bytes.
    let native = fiscal_lint::check_text(NAME, SAMPLE).unwrap().to_json();
    assert_eq!(from_wasm, native);
    let r = json(&from_wasm);
    assert_eq!(r["input"]["name"], NAME);
    assert_eq!(r["tool"]["name"], "fiscal-lint");
    assert!(r["summary"]["tables"].as_u64().unwrap() >= 9, "the sample has nine tables");
    assert!(r["summary"]["errors"].as_u64().unwrap() > 0, "the sample has deliberate errors");
}

#[wasm_bindgen_test]
fn check_and_read_agrees_with_check_text_and_read_document() {
    let (report, doc) = check_and_read_json("粘贴的文本", SAMPLE).map_err(message).unwrap();
    assert_eq!(report, check_text("粘贴的文本", SAMPLE).map_err(message).unwrap());
    assert_eq!(doc, read_document(SAMPLE).map_err(message).unwrap());
    let obj = check_and_read("粘贴的文本", SAMPLE).map_err(message).unwrap();
    let get = |k: &str| js_sys::Reflect::get(&obj, &JsValue::from_str(k)).unwrap().as_string().unwrap();
    assert_eq!(get("report"), report);
    assert_eq!(get("document"), doc);
}

#[wasm_bindgen_test]
fn the_document_model_has_what_the_page_renders() {
    let d = json(&read_document(SAMPLE).map_err(message).unwrap());
    let tables = d["tables"].as_array().unwrap();
    assert!(tables.len() >= 9);
    let t3 = tables.iter().find(|t| t["kind"] == "final.expenditure").expect("T3 read");
    assert!(!t3["header"].as_array().unwrap().is_empty(), "header rows kept");
    let row = t3["rows"].as_array().unwrap().iter().find(|r| r["code"] == "2010350").expect("row 2010350");
    let cell = row["cells"].as_array().unwrap().iter().find(|c| !c.is_null()).unwrap();
    for k in ["line", "cell", "start", "end"] {
        assert!(cell["source"][k].as_u64().unwrap() > 0, "cell source.{k}");
    }
    assert!(!d["narrative"].as_array().unwrap().is_empty(), "narrative blocks");
    let b = &d["narrative"][0];
    assert!(b["end"].as_u64() > b["start"].as_u64());
}

#[wasm_bindgen_test]
fn unreadable_input_is_a_js_error_with_both_languages() {
    for input in ["", "   \n\t\n"] {
        let msg = message(check_text("x", input).unwrap_err());
        assert!(msg.contains('：') || msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese: {msg}");
        assert!(
            msg.contains(" / ") && msg.is_ascii() == false && msg.split(" / ").nth(1).unwrap().is_ascii(),
            "English: {msg}"
        );
        assert!(read_document(input).is_err());
        assert!(check_and_read("x", input).is_err());
    }
}

#[wasm_bindgen_test]
fn odd_inputs_never_trap() {
    let odd = [
        "合计\t-\t—\t\t",
        "支出决算表\n单位：万元\n项目\t本年支出合计\n合计\t99999999999999999999999999999999.99\n",
        "收入支出决算总表\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n总计\t1e9\tNaN\t-0\t１２３．４５\n",
        "\u{0}\u{feff}\r\n\r\n\t\u{200b}",
        "<img src=x onerror=alert(1)>\t<script>alert(1)</script>\n合计\t1.00\t2.00",
        "占 100.00%。增长 100%。完成年初预算的 0.00%。",
    ];
    for s in odd {
        // Either a report or a JsError: a trap would abort the test run.
        if let Ok(r) = check_text("odd", s) {
            json(&r);
        }
        let _ = read_document(s);
    }
}

#[wasm_bindgen_test]
fn rules_and_version() {
    let rules = json(&rule_infos().map_err(message).unwrap());
    let list = rules.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|r| r["code"].is_string() && r["title_zh"].is_string() && r["title_en"].is_string()));
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn gb18030_text_is_decoded_by_the_browser() {
    // The wasm modules have no GB18030 tables (no `gb18030` feature): the browser's TextDecoder decodes, as
    // encoding_rs does in the CLI.
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(SAMPLE);
    assert!(!unmappable && std::str::from_utf8(&gbk).is_err(), "really GB18030 bytes");
    assert!(!fiscal_lint::faces::wasm::needs_formats(&gbk), "GB18030 text needs no formats module");
    assert_eq!(plain_text(NAME, &gbk).as_deref(), Some(SAMPLE), "decoded into the page's box as the CLI decodes it");
    let names = js_sys::Array::of1(&JsValue::from_str(NAME));
    let contents = js_sys::Array::of1(&js_sys::Uint8Array::from(&gbk[..]));
    let from_gbk = check_files(names, contents).map_err(message).unwrap();
    let report = js_sys::Reflect::get(&from_gbk, &JsValue::from_str("report")).unwrap().as_string().unwrap();
    let text = js_sys::Reflect::get(&from_gbk, &JsValue::from_str("text")).unwrap().as_string().unwrap();
    assert_eq!(text, SAMPLE);
    let utf8 = json(&check_text(NAME, SAMPLE).map_err(message).unwrap());
    assert_eq!(json(&report)["findings"], utf8["findings"]);
    // Bytes that are neither UTF-8 nor GB18030 (a lone lead byte at the end): a clear message, not a trap.
    let mut bad = gbk.to_vec();
    bad.push(0x81);
    let names = js_sys::Array::of1(&JsValue::from_str("bad.txt"));
    let contents = js_sys::Array::of1(&js_sys::Uint8Array::from(&bad[..]));
    let e = check_files(names, contents).map_err(message).err().expect("not text");
    assert!(e.contains("GBK/GB18030") && e.contains("bad.txt"), "{e}");
}

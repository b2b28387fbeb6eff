//! The document reader and every rule on arbitrary input: `check_text` must never panic, and a report it returns
//! must serialise to JSON and render as text in both languages.
#![no_main]

use fiscal_lint::report::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match fiscal_lint::check_text("fuzz", &text) {
        Ok(report) => {
            serde_json::to_string(&report).expect("a report serialises to JSON");
            let _ = report.to_text(Lang::Zh);
            let _ = report.to_text(Lang::En);
        }
        Err(e) => assert!(!e.message.zh.is_empty() && !e.message.en.is_empty(), "ReadError without a message"),
    }
});

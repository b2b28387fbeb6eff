//! Amount parsing on arbitrary strings: never panics; a parsed amount prints back to a number that parses to the
//! same value and scale.
#![no_main]

use fiscal_lint::amount::{parse_amount, parse_percent};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_percent(&text);
    if let Ok(a) = parse_amount(&text) {
        let _ = a.half_width();
        if a.scale.is_some() {
            let again = parse_amount(&a.printed()).expect("a printed amount parses");
            assert_eq!(again.value, a.value, "value round-trips for {text:?}");
            assert_eq!(again.scale, a.scale, "scale round-trips for {text:?}");
        }
    }
});

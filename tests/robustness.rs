//! Robustness: no input makes `check_text` panic; a report it returns always serialises to JSON and its positions
//! stay inside the input; empty input, binary junk, ragged rows, malformed or huge numbers and very large texts give
//! a clear message or findings. Plus properties of `parse_amount`.
//!
//! The 50 MB case runs in the benchmark (`cargo bench --bench core`, part c) and as an ignored test here
//! (`cargo test --release --test robustness -- --ignored`); the default run uses 5 MB to stay quick in debug builds.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../benches/support/synth.rs"]
mod synth;

use fiscal_lint::amount::{AmountError, MAX_INTEGER_DIGITS, parse_amount, parse_percent};
use fiscal_lint::check_text;
use fiscal_lint::report::{Lang, Report, Severity};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

// ---------------------------------------------------------------------------------------------------------------
// The contract every input must meet.

/// Runs `check_text` and checks what must hold whatever the input: no panic (the test fails if it panics), a
/// `ReadError` has a message in both languages, a report serialises to JSON, renders as text, counts its findings
/// right and points only inside the input.
fn check(text: &str) -> Option<Report> {
    match check_text("robustness", text) {
        Err(e) => {
            assert!(!e.message.zh.trim().is_empty() && !e.message.en.trim().is_empty(), "ReadError without message");
            None
        }
        Ok(report) => {
            let json = serde_json::to_string(&report).expect("the report serialises to JSON");
            serde_json::from_str::<serde_json::Value>(&json).expect("the JSON parses back");
            let _ = report.to_text(Lang::Zh);
            let _ = report.to_text(Lang::En);
            let s = &report.summary;
            let count = |sev: Severity| report.findings.iter().filter(|f| f.severity == sev).count();
            assert_eq!(s.errors, count(Severity::Error), "summary.errors");
            assert_eq!(s.warnings, count(Severity::Warning), "summary.warnings");
            assert_eq!(s.infos, count(Severity::Info), "summary.infos");
            assert_eq!(s.tables, report.document.tables.len(), "summary.tables");
            let chars = text.chars().count() as u32;
            let max_line = (text.matches('\n').count() + text.matches('\r').count() + 1) as u32;
            for f in &report.findings {
                if let Some(t) = &f.text {
                    assert!(t.start <= t.end && t.end <= chars, "text span {}..{} outside 0..{chars}", t.start, t.end);
                }
                for c in &f.cells {
                    let src = c.source;
                    assert!(src.line <= max_line, "cell line {} beyond the input's {max_line} lines", src.line);
                    assert!(
                        src.start <= src.end && src.end <= chars,
                        "cell span {}..{} outside 0..{chars}",
                        src.start,
                        src.end
                    );
                }
            }
            Some(report)
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Material for generated documents (template wording; no text of the real sample).

const TITLES: &[&str] = &[
    "收入支出决算总表",
    "收入决算总表",
    "收入决算表",
    "部门收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "一般公共预算财政拨款基本支出决算（明细）表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
    "财政拨款“三公”经费支出决算表",
    "项目支出绩效自评表",
    "2023年度部门决算公开",
];

const HEADERS: &[&str] = &[
    "收入\t\t\t支出\t\t\n项目\t行次\t金额\t项目\t行次\t金额",
    "项目\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入\n功能分类科目编码\t科目名称\t\t\t\t\t\t\t",
    "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出\n功能分类科目编码\t科目名称\t\t\t\t\t\t\n栏次\t\t1\t2\t3\t4\t5\t6",
    "收入\t\t支出\t\t\t\t\n项目\t金额\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款",
    "科目编码\t科目名称\t小计\t基本支出\t项目支出",
    "人员经费\t\t\t公用经费\t\t\n科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数",
    "项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n功能分类科目编码\t科目名称\t\t\t小计\t基本支出\t项目支出\t",
    "项目\t\t合计\t基本支出\t项目支出",
    "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\n\t\t小计\t购置费\t运行维护费\t\t\t\t小计\t购置费\t运行维护费\t",
    "项目名称\t示例项目\n项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因",
];

const LABELS: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "本年收入合计",
    "本年支出合计",
    "年初结转和结余",
    "年末结转和结余",
    "使用非财政拨款结余",
    "结余分配",
    "人员经费合计",
    "公用经费合计",
    "一、一般公共预算财政拨款收入",
    "二、政府性基金预算财政拨款收入",
    "一、一般公共服务支出",
    "七、文化旅游体育与传媒支出",
    "文化旅游与传媒支出",
    "栏次",
    "行次",
    "年度资金总额",
    "其中：财政拨款",
    "总分",
    "工资福利支出",
    "商品和服务支出",
    "行政运行",
    "科目名称",
    "本表无数据",
];

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            '.' => '．',
            ',' => '，',
            '-' => '－',
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

fn group_thousands(int: &str) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A well-formed figure in one of the printed forms.
fn amount_text() -> impl Strategy<Value = String> {
    (0u64..10_000_000_000_000, 0u32..=4, any::<bool>(), 0u8..6).prop_map(|(v, scale, grouped, form)| {
        let div = 10u64.pow(scale);
        let int = (v / div).to_string();
        let int = if grouped { group_thousands(&int) } else { int };
        let plain = if scale == 0 { int } else { format!("{int}.{:0width$}", v % div, width = scale as usize) };
        match form {
            0 | 1 => plain,
            2 => format!("-{plain}"),
            3 => format!("({plain})"),
            4 => fullwidth(&plain),
            _ => format!("△{plain}"),
        }
    })
}

/// Any cell a table may hold, well-formed or not.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => amount_text(),
        1 => Just(String::new()),
        1 => prop::sample::select(vec!["-", "—", "——", "－", "/", "0.00", "0", "0.0"]).prop_map(String::from),
        2 => prop::sample::select(vec![
            "1..2", "12,34.5", "XX", "××", "1.2.3", ",", ".", "()", "(", "1,2,3", "1,234,5.6", "--1", "+-1",
            "１２，３４．５", "12.5%", "100％", "1e308", "NaN", "inf", "0x1F", "½", "١٢٣", "𝟙𝟚𝟛",
        ])
        .prop_map(String::from),
        1 => (1usize..60).prop_map(|n| "9".repeat(n)),
        1 => (1usize..30, 1usize..30).prop_map(|(a, b)| format!("{}.{}", "9".repeat(a), "9".repeat(b))),
        1 => prop::sample::select(vec![
            "79228162514264337593543950335", "-79228162514264337593543950335", "999999999999999999.99",
            "0.00000000000000000000000001", "18446744073709551616", "340282366920938463463374607431768211456",
        ])
        .prop_map(String::from),
        2 => prop::sample::select(vec![3usize, 5, 7]).prop_flat_map(|n| proptest::string::string_regex(&format!("2[0-3][0-9]{{{}}}", n - 1)).unwrap()),
        1 => Just("201 06 01".to_string()),
        2 => prop::sample::select(LABELS.to_vec()).prop_map(String::from),
        1 => prop::sample::select(synth::CLASSES.iter().map(|c| c.1).collect::<Vec<_>>()).prop_map(String::from),
        1 => "\\PC{0,12}",
    ]
}

fn row() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..12).prop_map(|cells| cells.join("\t"))
}

/// A table-like block: a title, maybe a unit line, maybe a real header, ragged rows, page breaks, notes.
fn block() -> impl Strategy<Value = String> {
    (
        prop::sample::select(TITLES.to_vec()),
        prop::option::of(prop::sample::select(HEADERS.to_vec())),
        any::<bool>(),
        prop::collection::vec((row(), 0u8..10), 0..30),
    )
        .prop_map(|(title, header, unit, rows)| {
            let mut s = format!("{title}\n");
            if unit {
                s.push_str("单位：万元\n");
            }
            if let Some(h) = header {
                s.push_str(h);
                s.push('\n');
            }
            for (r, extra) in rows {
                s.push_str(&r);
                s.push('\n');
                match extra {
                    0 => s.push('\n'),
                    1 => s.push_str("注：本表金额转换为万元时，因四舍五入可能存在尾差。\n"),
                    _ => {}
                }
            }
            s
        })
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 0..6).prop_map(|b| b.join("\n"))
}

/// The synthetic T3 (recognised as a table) with random edits: replaced cells, dropped or added cells, blank and
/// duplicated lines, a cut at an arbitrary place.
fn edited_t3() -> impl Strategy<Value = String> {
    let (base, _) = synth::expenditure_table(40, 3);
    let lines: Vec<String> = base.lines().map(String::from).collect();
    let n = lines.len();
    (prop::collection::vec((0..n, 0usize..10, 0u8..6, token()), 0..12), any::<prop::sample::Index>(), any::<bool>())
        .prop_map(move |(edits, cut, do_cut)| {
            let mut lines = lines.clone();
            for (li, ci, op, tok) in edits {
                let li = li % lines.len();
                let mut cells: Vec<String> = lines[li].split('\t').map(String::from).collect();
                let ci = ci % cells.len().max(1);
                match op {
                    0 | 1 => {
                        if let Some(c) = cells.get_mut(ci) {
                            *c = tok;
                        }
                    }
                    2 => {
                        if ci < cells.len() {
                            cells.remove(ci);
                        }
                    }
                    3 => cells.insert(ci.min(cells.len()), tok),
                    4 => {
                        lines.insert(li, String::new());
                        continue;
                    }
                    _ => {
                        let dup = lines[li].clone();
                        lines.insert(li, dup);
                        continue;
                    }
                }
                lines[li] = cells.join("\t");
            }
            let text = lines.join("\n");
            if do_cut {
                let chars: Vec<char> = text.chars().collect();
                chars[..cut.index(chars.len() + 1)].iter().collect()
            } else {
                text
            }
        })
}

// ---------------------------------------------------------------------------------------------------------------
// Properties of check_text.

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in "(?s).{0,600}") {
        check(&s);
    }

    #[test]
    fn arbitrary_chars_never_panic(chars in prop::collection::vec(any::<char>(), 0..400)) {
        check(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn grids_under_real_titles_never_panic(doc in document()) {
        check(&doc);
    }

    #[test]
    fn grids_with_crlf_and_fullwidth_spaces_never_panic(doc in document(), crlf in any::<bool>(), cr in any::<bool>()) {
        let doc = if crlf { doc.replace('\n', "\r\n") } else { doc };
        let doc = if cr { doc.replace('\t', "\u{3000}") } else { doc };
        check(&doc);
    }

    #[test]
    fn edited_tables_never_panic(doc in edited_t3()) {
        check(&doc);
    }

    #[test]
    fn lone_and_repeated_titles_never_panic(
        title in prop::sample::select(TITLES.to_vec()),
        times in 1usize..400,
        sep in prop::sample::select(vec!["\n", "", "\t", "\n\n", "\n单位：万元\n", " "]),
    ) {
        check(&vec![title; times].join(sep));
    }

    #[test]
    fn headers_without_rows_never_panic(
        parts in prop::collection::vec((prop::sample::select(TITLES.to_vec()), prop::sample::select(HEADERS.to_vec())), 1..20),
    ) {
        let doc: String = parts.iter().map(|(t, h)| format!("{t}\n单位：万元\n{h}\n")).collect();
        check(&doc);
    }

    /// A malformed figure in an amount cell of a recognised table is reported (D001) with its line, never a crash.
    #[test]
    fn malformed_cells_are_reported_with_their_line(
        row in 1usize..40,
        col in 2usize..8,
        bad in prop::sample::select(vec!["1..2", "12,34.5", "1.2.3", "XX", "1,2,3.4", "１２，３４．５"]),
    ) {
        let (base, _) = synth::expenditure_table(40, 5);
        let mut lines: Vec<String> = base.lines().map(String::from).collect();
        let first_body = lines.iter().position(|l| l.starts_with("合计")).expect("合计 row");
        let li = first_body + row;
        prop_assume!(li < lines.len() && lines[li].split('\t').count() == 8);
        let mut cells: Vec<&str> = lines[li].split('\t').collect();
        cells[col] = bad;
        lines[li] = cells.join("\t");
        let text = lines.join("\n");
        let report = check(&text).expect("a table with one bad cell is still read");
        let line = (li + 1) as u32;
        let named = report.findings.iter().any(|f| {
            f.rule == "D001"
                && (f.message.zh.contains(&format!("第 {line} 行")) || f.message.en.contains(&format!("line {line}")))
                && (f.message.zh.contains(bad) || f.text.as_ref().is_some_and(|t| t.excerpt.contains(bad)))
        });
        prop_assert!(named, "no D001 finding naming line {line} and {bad:?}: {:#?}",
            report.findings.iter().map(|f| (&f.rule, &f.message.zh)).collect::<Vec<_>>());
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Properties of parse_amount.

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// A decimal printed in any of the documents' forms parses to the same value and scale.
    #[test]
    fn formatted_decimals_round_trip(
        int in 0u64..1_000_000_000_000_000_000,
        frac in "[0-9]{0,8}",
        negative in any::<bool>(),
        grouped in any::<bool>(),
        form in 0u8..4,
    ) {
        let int_s = int.to_string();
        let body = match (grouped, frac.is_empty()) {
            (true, true) => group_thousands(&int_s),
            (true, false) => format!("{}.{frac}", group_thousands(&int_s)),
            (false, true) => int_s.clone(),
            (false, false) => format!("{int_s}.{frac}"),
        };
        let printed = match (negative, form) {
            (false, 0 | 1) => body.clone(),
            (false, _) => fullwidth(&body),
            (true, 0) => format!("-{body}"),
            (true, 1) => format!("({body})"),
            (true, 2) => fullwidth(&format!("({body})")),
            (true, _) => format!("△{body}"),
        };
        let sign = if negative { "-" } else { "" };
        let expected = Decimal::from_str(&format!("{sign}{int_s}{}{frac}", if frac.is_empty() { "" } else { "." })).unwrap();
        let a = parse_amount(&printed).map_err(|e| TestCaseError::fail(format!("{printed:?}: {e}")))?;
        prop_assert_eq!(a.value, expected, "{:?}", printed);
        prop_assert_eq!(a.scale, Some(frac.len() as u32), "{:?}", printed);
        // and the amount prints back to a figure that parses to itself
        let again = parse_amount(&a.printed()).unwrap();
        prop_assert_eq!(again.value, a.value);
        prop_assert_eq!(again.scale, a.scale);
    }

    #[test]
    fn parse_amount_never_panics(s in "(?s).{0,60}") {
        let _ = parse_amount(&s);
        let _ = parse_percent(&s);
    }

    #[test]
    fn numeric_looking_strings_never_panic_and_round_trip(s in "[0-9０-９.,．，()（）△+\\-－% \u{3000}]{0,40}") {
        let _ = parse_percent(&s);
        if let Ok(a) = parse_amount(&s) {
            let _ = a.half_width();
            if a.scale.is_some() {
                let again = parse_amount(&a.printed()).map_err(|e| TestCaseError::fail(format!("{s:?} → {:?}: {e}", a.printed())))?;
                prop_assert_eq!(again.value, a.value);
                prop_assert_eq!(again.scale, a.scale);
            }
        }
    }

    #[test]
    fn too_many_integer_digits_are_malformed(extra in 1usize..40, frac in "[0-9]{0,4}") {
        let s = format!("{}{}{}", "9".repeat(MAX_INTEGER_DIGITS + extra), if frac.is_empty() { "" } else { "." }, frac);
        prop_assert_eq!(parse_amount(&s), Err(AmountError::Malformed));
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Targeted cases.

#[test]
fn empty_input_is_a_clear_read_error() {
    for text in ["", " ", "\n\n\n", "\t\t\n\t", "\u{3000}\u{3000}\n", "\r\n\r\n"] {
        let e = check_text("empty.txt", text).err().unwrap_or_else(|| panic!("{text:?} should be a ReadError"));
        assert!(e.message.zh.contains('空'), "{:?}", e.message.zh);
        assert!(e.message.en.to_lowercase().contains("empty"), "{:?}", e.message.en);
    }
}

#[test]
fn binary_junk_never_panics() {
    let mut rng = synth::Rng::new(99);
    let junk: Vec<u8> = (0..256 * 1024).map(|_| rng.next() as u8).collect();
    check(&String::from_utf8_lossy(&junk));
    let all: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    check(&String::from_utf8_lossy(&all));
    check(&"\0".repeat(100_000));
    check(&"\u{FFFD}\t".repeat(50_000));
    check("\u{FEFF}");
    check("\u{FEFF}支出决算表\n单位：万元\n");
    // A PDF's or a ZIP's (xlsx) first bytes, as a user might drop them in.
    check(&String::from_utf8_lossy(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"));
    check(&String::from_utf8_lossy(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"));
}

#[test]
fn ragged_rows_never_panic() {
    let (base, _) = synth::expenditure_table(30, 11);
    let mut out = String::new();
    for (i, line) in base.lines().enumerate() {
        let cells: Vec<&str> = line.split('\t').collect();
        let keep = match i % 5 {
            0 => cells.len(),
            1 => 1,
            2 => cells.len() / 2,
            3 => 0,
            _ => cells.len(),
        };
        out.push_str(&cells[..keep.min(cells.len())].join("\t"));
        if i % 5 == 4 {
            out.push_str("\t1.00\t2.00\t3.00\t\t\t\t\t\t\t\t\t\t\t\t9.99");
        }
        out.push('\n');
    }
    check(&out);
}

#[test]
fn huge_numbers_give_findings_not_overflow() {
    // 26-digit figures used to parse and then overflow Decimal when a rule added a thousand of them.
    let mut text = String::new();
    synth::expenditure_header(&mut text);
    let big = "99999999999999999999999999";
    text.push_str(&format!("合计\t\t{big}\t{big}\t{big}\t0.00\t0.00\t0.00\n"));
    for (code, name) in synth::CLASSES.iter().cycle().take(1000) {
        text.push_str(&format!("{code}\t{name}\t{big}\t{big}\t{big}\t{big}\t{big}\t{big}\n"));
    }
    check(&text);
    // The largest figures that still parse, summed many times.
    let max = format!("{}.99", "9".repeat(MAX_INTEGER_DIGITS));
    let mut text = String::new();
    synth::expenditure_header(&mut text);
    text.push_str(&format!("合计\t\t{max}\t{max}\t{max}\t{max}\t{max}\t{max}\n"));
    for i in 0..5000 {
        let (code, name) = synth::CLASSES[i % synth::CLASSES.len()];
        text.push_str(&format!("{code}\t{name}\t{max}\t{max}\t{max}\t{max}\t{max}\t{max}\n"));
    }
    check(&text);
}

#[test]
fn malformed_numbers_are_d001_findings_with_their_line() {
    let mut text = String::new();
    synth::expenditure_header(&mut text);
    text.push_str("合计\t\t30.00\t10.00\t20.00\t0.00\t0.00\t0.00\n");
    text.push_str("205\t教育支出\t30.00\t1..2\t20.00\t0.00\t0.00\t0.00\n");
    text.push_str("20501\t教育管理事务\t30.00\t10.00\t12,34.5\t0.00\tXX\t0.00\n");
    text.push_str("2050101\t行政运行\t30.00\t10.00\t20.00\t0.00\t0.00\t0.00\n");
    let lines: Vec<&str> = text.lines().collect();
    let line_of = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap() as u32 + 1;
    let report = check(&text).expect("read");
    for bad in ["1..2", "12,34.5", "XX"] {
        let line = line_of(bad);
        let found = report.findings.iter().any(|f| {
            f.rule == "D001"
                && (f.message.zh.contains(&format!("第 {line} 行")) || f.message.en.contains(&format!("line {line}")))
                && f.message.zh.contains(bad)
        });
        assert!(
            found,
            "no D001 finding for {bad:?} on line {line}: {:#?}",
            report.findings.iter().map(|f| (&f.rule, &f.message.zh)).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_synthetic_table_is_read_and_consistent() {
    // The benchmark's table must be a real workload: read as one T3 with every row, and no error in it.
    let (text, rows) = synth::expenditure_table(2_000, 42);
    let report = check(&text).expect("read");
    assert_eq!(report.document.tables.len(), 1, "one table");
    assert_eq!(report.document.tables[0].rows, rows, "every body row read");
    assert_eq!(
        report.summary.errors,
        0,
        "{:#?}",
        report.findings.iter().take(5).map(|f| &f.message.zh).collect::<Vec<_>>()
    );
    assert!(report.summary.checks > rows, "checks: {}", report.summary.checks);
}

#[test]
fn a_code_printed_more_than_once_is_a_parent_each_time() {
    // A table pasted twice, or a parent row repeated on a continuation page: each row belongs to the nearest row of
    // its parent's code above it. One block of the synthetic table (its 类/款/项 rows) printed 300 times under one
    // 合计: every block adds up, so the only errors are the 合计 row's (its figures are one block's), and no finding
    // lists more rows than a block has (but the 合计 row's, over every 类 row). Before, every 类 row took every 款 row of its code in the whole table as its
    // children: 300 × 300 cells per column, quadratic (16,000 such lines of layout text took 24 GB and were killed).
    let (text, rows) = synth::expenditure_table(40, 7);
    let lines: Vec<&str> = text.lines().collect();
    let total = lines.iter().position(|l| l.starts_with("合计")).expect("the 合计 row");
    let body: Vec<&str> = lines[total + 1..].iter().copied().filter(|l| l.contains('\t')).collect();
    assert_eq!(body.len(), rows - 1, "the block's rows");
    let mut out = lines[..=total].join("\n");
    for _ in 0..300 {
        out.push('\n');
        out.push_str(&body.join("\n"));
    }
    out.push('\n');
    let report = check(&out).expect("read");
    assert_eq!(report.document.tables.len(), 1);
    assert_eq!(report.document.tables[0].rows, 1 + 300 * body.len(), "every row read");
    let (mut errors, mut totals) = (0, 0);
    for f in &report.findings {
        let on_total = f.cells.first().is_some_and(|c| c.row == "合计");
        if f.rule == "T003" && !on_total {
            assert!(f.cells.len() <= body.len() + 1, "{} cells in one T003 finding", f.cells.len());
        }
        if f.severity == Severity::Error {
            errors += 1;
            totals += usize::from(on_total);
        }
    }
    assert!(errors > 0 && errors == totals, "errors only on the 合计 row: {errors} errors, {totals} on 合计");
}

fn large_text(bytes: usize) -> String {
    // Tables, prose and junk lines interleaved.
    let (table, _) = synth::expenditure_table(500, 13);
    let mut rng = synth::Rng::new(5);
    let mut out = String::with_capacity(bytes + table.len());
    while out.len() < bytes {
        match rng.below(4) {
            0 | 1 => out.push_str(&table),
            2 => {
                for _ in 0..200 {
                    out.push_str("本年支出合计2070.44万元，比上年增加10.30万元，增长0.50%。主要原因是业务增加。\n");
                }
            }
            _ => {
                for _ in 0..2000 {
                    out.push_str(&format!(
                        "{}\t{}\tXX\t\t{}\n",
                        rng.next(),
                        rng.below(1000),
                        "—".repeat(rng.below(5) as usize)
                    ));
                }
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn five_megabytes_of_text_finish() {
    let text = large_text(5 * 1024 * 1024);
    let t = std::time::Instant::now();
    let report = check(&text);
    eprintln!("5 MB: {:?} → {} tables", t.elapsed(), report.map_or(0, |r| r.document.tables.len()));
}

#[test]
#[ignore = "50 MB: run with --release --ignored (also part c of cargo bench --bench core)"]
fn fifty_megabytes_of_text_finish() {
    let text = large_text(50 * 1024 * 1024);
    let t = std::time::Instant::now();
    let report = check(&text);
    eprintln!("50 MB: {:?} → {} tables", t.elapsed(), report.map_or(0, |r| r.document.tables.len()));
}

// ---------------------------------------------------------------------------------------------------------------
// Regressions found by fuzzing (scripts/fuzz.sh), minimised with `cargo fuzz tmin`.

/// 2026-11-28, read_document, 12-minute run on 6b4ac9f: a share claim whose printed percentage has 19 decimals,
/// against a computed share of about 2·10¹² %, panicked in rust_decimal's fixed-precision formatting
/// (`CapacityError: insufficient capacity`, str.rs:64) via narrative::link::pct_text (`format!("{:.*}", …)`: more
/// than 32 characters).
#[test]
fn fuzz_share_with_many_decimals_does_not_panic() {
    let input: &[u8] = b"\xe6\x94\xb6\xe5\x85\xa5\xe5\x90\x88\xe8\xae\xa15\xe4\xb8\x87\xe5\x85\x8399999501020\xe4\xb8\x87\xe5\x85\x83\xe5\x8d\xa00.0555555555555555550%";
    // 收入合计5万元99999501020万元占0.0555555555555555550%
    check(&String::from_utf8_lossy(input));
}

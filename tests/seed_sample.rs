//! The table identity rules (T…, X…, N…) on the real seed document: the inconsistencies it really has are found,
//! its rounding differences are notes, and nothing else is an error.

use fiscal_lint::check_text;
use fiscal_lint::report::{Finding, Report, Severity, Verdict};
use std::path::PathBuf;

fn sample() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join("samples")
        .join("henan-xinxiang-hongqi-gxj-2023-final.txt");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn report() -> Report {
    check_text("henan-xinxiang-hongqi-gxj-2023-final.txt", &sample()).expect("sample reads")
}

/// The table rules of this suite (identities inside and across tables, names); narrative (C…) and performance
/// (P…) rules are tested elsewhere.
fn is_table_rule(f: &Finding) -> bool {
    matches!(f.rule.chars().next(), Some('T' | 'X' | 'N'))
}

/// (rule, severity, table kind, row, column) of a finding's first cell.
fn key(f: &Finding) -> (&'static str, Severity, String, String, String) {
    let c = f.cells.first().expect("a table finding names its cells");
    (f.rule, f.severity, c.table_kind.to_string(), c.row.clone(), c.column.clone())
}

fn has(findings: &[Finding], rule: &str, sev: Severity, kind: &str, row: &str, col: &str) -> bool {
    findings.iter().filter(|f| is_table_rule(f)).any(|f| {
        let (r, s, k, ro, co) = key(f);
        r == rule && s == sev && k == kind && ro == row && co == col
    })
}

#[test]
fn t3_row_20113_is_inconsistent() {
    let r = report();
    let f = &r.findings;
    // its 项 add to 221.25 (2011301 + 2011399), not 221.56
    assert!(has(f, "T003", Severity::Error, "final.expenditure", "20113", "本年支出合计"), "{f:#?}");
    // 项目支出 82.58 against its 项 82.28
    assert!(has(f, "T003", Severity::Error, "final.expenditure", "20113", "项目支出"));
    // 类 201 ≠ 20113 + 20136, in both columns the copied row got wrong
    assert!(has(f, "T003", Severity::Error, "final.expenditure", "201", "本年支出合计"));
    assert!(has(f, "T003", Severity::Error, "final.expenditure", "201", "项目支出"));
    let e = f
        .iter()
        .find(|x| x.rule == "T003" && x.cells[0].row == "20113" && x.cells[0].table_kind == "final.expenditure")
        .unwrap();
    assert_eq!(e.expected.as_deref(), Some("221.25"));
    assert_eq!(e.actual.as_deref(), Some("221.56"));
    assert_eq!(e.verdict, Verdict::Inconsistent);
    let rows: Vec<&str> = e.cells.iter().map(|c| c.row.as_str()).collect();
    assert_eq!(rows, ["20113", "2011301", "2011399"]);
}

#[test]
fn t5_row_20113_is_inconsistent() {
    let r = report();
    let f = &r.findings;
    // 小计 221.26 ≠ 基本 138.97 + 项目 82.58
    assert!(has(f, "T002", Severity::Error, "final.general_budget", "20113", "小计"), "{f:#?}");
    let e = f.iter().find(|x| x.rule == "T002" && x.severity == Severity::Error).unwrap();
    assert_eq!((e.expected.as_deref(), e.actual.as_deref()), (Some("221.55"), Some("221.26")));
    // 项目支出 82.58 against its 项 82.28, and so 201 ≠ 20113 + 20136 in 项目支出
    assert!(has(f, "T003", Severity::Error, "final.general_budget", "20113", "项目支出"));
    assert!(has(f, "T003", Severity::Error, "final.general_budget", "201", "项目支出"));
    // but its 小计 against its 项 (221.25) is only rounding
    assert!(has(f, "T003", Severity::Info, "final.general_budget", "20113", "小计"));
}

#[test]
fn t4_class_207_name_differs_from_t1() {
    let r = report();
    let n: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == "N001").collect();
    assert_eq!(n.len(), 1, "{n:#?}");
    let f = n[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.cells.len(), 2);
    assert_eq!((f.cells[0].table_kind, f.cells[0].row.as_str()), ("final.fiscal_summary", "207"));
    assert_eq!(f.cells[0].row_label, "文化旅游与传媒支出");
    assert_eq!((f.cells[1].table_kind, f.cells[1].row.as_str()), ("final.summary", "207"));
    assert_eq!(f.cells[1].row_label, "文化旅游体育与传媒支出");
    // and the name is not the standard one (a warning of its own)
    let w: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == "N002").collect();
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(w[0].expected.as_deref(), Some("文化旅游体育与传媒支出"));
}

#[test]
fn rounding_differences_are_notes_never_errors() {
    let r = report();
    let f = &r.findings;
    for (rule, kind, row, col) in [
        ("T005", "final.basic_detail", "302", "决算数"), // items 7.73 vs 7.71
        ("T005", "final.basic_detail", "301", "决算数"), // 101.09 vs 101.08
        ("T005", "final.basic_detail", "303", "决算数"), // 29.93 vs 29.94
        ("T002", "final.expenditure", "合计", "本年支出合计"), // 2070.44 vs 138.97 + 1931.46
        ("T002", "final.general_budget", "合计", "小计"), // 1070.44 vs 138.97 + 931.46
    ] {
        assert!(has(f, rule, Severity::Info, kind, row, col), "{rule} {kind} {row} {col}");
        assert!(!has(f, rule, Severity::Error, kind, row, col), "{rule} {kind} {row} {col}");
    }
    let t6_302 = f.iter().find(|x| x.rule == "T005" && x.cells[0].row == "302").unwrap();
    assert_eq!(t6_302.verdict, Verdict::WithinRounding);
    assert_eq!(t6_302.expected.as_deref(), Some("7.73"));
    assert_eq!(t6_302.tolerance.as_deref(), Some("0.045"));
}

#[test]
fn errors_are_exactly_the_explained_ones() {
    let r = report();
    let mut errors: Vec<(&str, String, String, String)> = r
        .findings
        .iter()
        .filter(|f| is_table_rule(f) && f.severity == Severity::Error)
        .map(|f| {
            let (rule, _, kind, row, col) = key(f);
            (rule, kind, row, col)
        })
        .collect();
    errors.sort();
    let s = |x: &str| x.to_string();
    let mut expected = vec![
        // T5 20113: 小计 221.26 ≠ 138.97 + 82.58
        ("T002", s("final.general_budget"), s("20113"), s("小计")),
        // T3 201 ≠ 20113 + 20136 (221.86 / 82.88): the 20113 row repeats 201's figures
        ("T003", s("final.expenditure"), s("201"), s("本年支出合计")),
        ("T003", s("final.expenditure"), s("201"), s("项目支出")),
        // T3 20113 ≠ 2011301 + 2011399 (221.25 / 82.28)
        ("T003", s("final.expenditure"), s("20113"), s("本年支出合计")),
        ("T003", s("final.expenditure"), s("20113"), s("项目支出")),
        // T5 201 项目支出 82.58 ≠ 20113 + 20136 (82.88); T5 20113 项目支出 82.58 ≠ its 项 (82.28)
        ("T003", s("final.general_budget"), s("201"), s("项目支出")),
        ("T003", s("final.general_budget"), s("20113"), s("项目支出")),
        // T4 207 「文化旅游与传媒支出」 vs T1 「文化旅游体育与传媒支出」
        ("N001", s("final.fiscal_summary"), s("207"), s("合计")),
    ];
    expected.sort();
    assert_eq!(errors, expected);
    // nothing of the table rules is left unchecked on the sample
    let unchecked: Vec<&Finding> =
        r.findings.iter().filter(|f| is_table_rule(f) && f.verdict == Verdict::NotChecked).collect();
    assert!(unchecked.is_empty(), "{unchecked:#?}");
}

#[test]
fn report_snapshot() {
    let r = report();
    insta::assert_json_snapshot!("seed_sample_report", r);
}

/// Each of the nine tables pasted alone (from its title to the next table's): cross-table rules stay silent (the
/// other tables are absent, nothing to compare), nothing is left unchecked, and the in-table findings are those the
/// whole document gives for that table.
#[test]
fn each_table_pasted_alone() {
    let text = sample();
    let chars: Vec<char> = text.chars().collect();
    let doc = fiscal_lint::input::text::read(&text).expect("sample reads");
    let whole = report();
    for (i, t) in doc.tables.iter().enumerate() {
        if t.kind == fiscal_lint::model::TableKind::Performance {
            continue;
        }
        let start = t.source.start as usize;
        let end = doc.tables.get(i + 1).map_or(chars.len(), |n| n.source.start as usize).min(chars.len());
        let piece: String = chars[start..end].iter().collect();
        let r = check_text("piece", &piece).expect("a table alone reads");
        assert_eq!(r.document.tables.len(), 1, "{}: {:?}", t.kind.code(), r.document.tables);
        assert_eq!(r.document.tables[0].kind, t.kind);
        let mine: Vec<&Finding> = r.findings.iter().filter(|f| is_table_rule(f)).collect();
        assert!(mine.iter().all(|f| !f.rule.starts_with('X')), "{}: {mine:#?}", t.kind.code());
        assert!(mine.iter().all(|f| f.verdict != Verdict::NotChecked), "{}: {mine:#?}", t.kind.code());
        let summary = |f: &Finding| (f.rule, f.severity, f.message.zh.clone());
        let alone: Vec<_> = mine.iter().filter(|f| f.rule.starts_with('T')).map(|f| summary(f)).collect();
        let in_whole: Vec<_> = whole
            .findings
            .iter()
            .filter(|f| f.rule.starts_with('T') && f.cells.first().is_some_and(|c| c.table_kind == t.kind.code()))
            .map(summary)
            .collect();
        assert_eq!(alone, in_whole, "{}", t.kind.code());
    }
}

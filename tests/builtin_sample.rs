//! The table rules on the page's built-in fictional sample (www/sample/sample-2023-final.txt): they report exactly
//! the deliberate table errors listed in www/sample/README.md (#1–#4), nothing else.

use fiscal_lint::check_text;
use fiscal_lint::report::{Severity, Verdict};
use std::path::PathBuf;

#[test]
fn deliberate_table_errors_and_nothing_else() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/sample/sample-2023-final.txt");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let r = check_text("sample-2023-final.txt", &text).expect("sample reads");
    let mut got: Vec<(&str, Severity, &str, String, String)> = r
        .findings
        .iter()
        .filter(|f| matches!(f.rule.chars().next(), Some('T' | 'X' | 'N')))
        .map(|f| {
            let c = &f.cells[0];
            (f.rule, f.severity, c.table_kind, c.row.clone(), c.column.clone())
        })
        .collect();
    got.sort();
    let s = |x: &str| x.to_string();
    let mut expected = vec![
        // #1 T2 2080506 printed 14.74: 款 20805 ≠ its 项, in 本年收入合计 and 财政拨款收入
        ("T003", Severity::Error, "final.income", s("20805"), s("本年收入合计")),
        ("T003", Severity::Error, "final.income", s("20805"), s("财政拨款收入")),
        // #2 T4 210 printed 18.39: T5 210 ≠ T4 210, and T4's 本年支出合计 ≠ Σ 类 in 合计 and 一般公共预算
        ("X004", Severity::Error, "final.general_budget", s("210"), s("小计")),
        ("T004", Severity::Error, "final.fiscal_summary", s("本年支出合计"), s("合计")),
        ("T004", Severity::Error, "final.fiscal_summary", s("本年支出合计"), s("一般公共预算财政拨款")),
        // #3 T5 2101102 「事业单位医疗支出」 vs 「事业单位医疗」 in T2/T3
        ("N001", Severity::Error, "final.general_budget", s("2101102"), s("小计")),
        // #4 T6 302 and 公用经费合计: rounding only
        ("T005", Severity::Info, "final.basic_detail", s("302"), s("决算数")),
        ("T005", Severity::Info, "final.basic_detail", s("公用经费合计"), s("决算数")),
    ];
    expected.sort();
    assert_eq!(got, expected);
    assert!(
        r.findings.iter().filter(|f| f.rule.starts_with(['T', 'X', 'N'])).all(|f| f.verdict != Verdict::NotChecked)
    );
}

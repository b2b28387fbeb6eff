//! One hand-written fixture per table rule (tests/fixtures/rules/<CODE>.txt, fictional figures in the national
//! template layout), read by the text reader and checked; the findings of that rule are snapshotted.

use fiscal_lint::check_text;
use fiscal_lint::report::{Finding, Severity, Verdict};
use std::path::PathBuf;

fn findings(fixture: &str, code: &str) -> Vec<Finding> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules").join(format!("{fixture}.txt"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let report = check_text(fixture, &text).unwrap_or_else(|e| panic!("{fixture}: {e}"));
    report.findings.into_iter().filter(|f| f.rule == code).collect()
}

fn count(f: &[Finding], sev: Severity, verdict: Verdict) -> usize {
    f.iter().filter(|x| x.severity == sev && x.verdict == verdict).count()
}

/// `rule!(test, "CODE", errors, warnings, rounding notes)`: the counts are asserted, the findings snapshotted.
macro_rules! rule {
    ($name:ident, $code:literal, $errors:expr, $warnings:expr, $rounding:expr) => {
        rule!($name, $code, $code, $errors, $warnings, $rounding);
    };
    ($name:ident, $code:literal, $fixture:literal, $errors:expr, $warnings:expr, $rounding:expr) => {
        #[test]
        fn $name() {
            let f = findings($fixture, $code);
            let got = (
                count(&f, Severity::Error, Verdict::Inconsistent),
                count(&f, Severity::Warning, Verdict::Inconsistent),
                count(&f, Severity::Info, Verdict::WithinRounding),
            );
            assert_eq!(got, ($errors, $warnings, $rounding), "{:#?}", f);
            assert!(f.iter().all(|x| x.verdict != Verdict::NotChecked), "{:#?}", f);
            insta::assert_json_snapshot!($fixture, f);
        }
    };
}

// 本年收入合计 off by 1.00; 本年支出合计 within rounding.
rule!(t001_summary_totals, "T001", 1, 0, 1);
// T3 2010301/2010302 rows broken; T5 rows within rounding (49.99 + 30.00 vs 80.00).
rule!(t002_row_total, "T002", 2, 0, 4);
// 205 ≠ its 款 20502; 20103 vs its 项 within rounding (both columns).
rule!(t003_hierarchy_sum, "T003", 2, 0, 2);
// 201: 合计 ≠ Σ funds, 一般 column ≠ Σ 类; 其他支出 and the 基金 column within rounding.
rule!(t004_fiscal_summary_totals, "T004", 2, 0, 2);
// 302 ≠ Σ 款 (9.00 vs 10.00); 301 within rounding.
rule!(t005_basic_detail_sum, "T005", 1, 0, 1);
// 合计: 10 + 100 − 95 ≠ 25; the 项 row within rounding.
rule!(t006_fund_carryover, "T006", 1, 0, 1);
// 预算数合计 13.00 ≠ 12.00; 决算数 小计 within rounding.
rule!(t007_three_public_sum, "T007", 1, 0, 1);
// 事业收入 and 其他收入 differ from T1; 合计 and 财政拨款收入 within rounding.
rule!(x001_income_vs_summary, "X001", 2, 0, 2);
// T3 205 and 229 differ from T1; 合计 and 201 within rounding.
rule!(x002_expenditure_vs_summary, "X002", 2, 0, 2);
// T4 基金 income ≠ T1 row 2; T4 年初结转 > T1 年初结转 (warning); T2 财政拨款收入 within rounding.
rule!(x003_fiscal_vs_summary, "X003", 1, 1, 1);
// T5 201 ≠ T4; T5 201 > T3 201 in 小计 and 基本支出 (warnings); T5 合计 and 205 within rounding.
rule!(x004_general_budget_vs_fiscal, "X004", 1, 2, 2);
// T5 基本支出 60.00 ≠ 50.00 + 8.00.
rule!(x005_basic_vs_detail, "X005", 1, 0, 0);
// 50.00 + 9.99 against 60.00: rounding.
rule!(x005_basic_vs_detail_rounding, "X005", "X005-rounding", 0, 0, 1);
// empty T8 against T4's 国资 3.00 (error); T7 本年支出小计 within rounding.
rule!(x006_fund_tables_vs_fiscal, "X006", 1, 0, 1);
// 30217 公务接待费 2.00 > T9 决算 1.50 (warning).
rule!(x007_detail_within_three_public, "X007", 0, 1, 0);
// T3 207 named differently from T1 and T5; T5 20701 differently from T3 (2070101 「行政 运行（项）」 is the same).
rule!(n001_name_consistency, "N001", 2, 0, 0);
// outdated 210 name (T1 and T3, one finding), non-standard 216 name.
rule!(n002_class_name_standard, "N002", 0, 2, 0);
// 「7 11 02」 in one cell (支出决算表) and in three (一般公共预算…表): not a code, an error each; 7119901: 类 711
// does not exist (warning); 2010601 and the 类 / 款 rows are valid.
rule!(n003_code_valid, "N003", 2, 1, 0);

#[test]
fn a_misprinted_code_leaves_the_hierarchy_meaningful() {
    // The row printed 「7 11 02」 has no code: 210 = 21011, 合计 = 201 + 210 hold, and no sum names 71102.
    assert!(findings("N003", "T003").iter().all(|f| f.severity == Severity::Info), "{:#?}", findings("N003", "T003"));
    assert!(findings("N003", "T003").iter().all(|f| !f.message.zh.contains("711")));
}

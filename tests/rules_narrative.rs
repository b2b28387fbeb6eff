//! One hand-written fixture per narrative (C) and performance-table (P) rule, tests/fixtures/rules/<CODE>.txt
//! (fictional figures), read by the text reader and checked; the findings of that rule are counted and snapshotted.

use fiscal_lint::model::Document;
use fiscal_lint::report::{Finding, Severity, Verdict};
use std::path::PathBuf;

/// Reads the text with the text reader (which hands 项目支出绩效自评表 to `input::performance::build`).
fn read(text: &str) -> Document {
    fiscal_lint::input::text::read(text).expect("readable")
}

fn findings(fixture: &str, code: &str) -> Vec<Finding> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules").join(format!("{fixture}.txt"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let doc = read(&text);
    let report = fiscal_lint::check_document(fixture, "text", &doc);
    let f: Vec<Finding> = report.findings.into_iter().filter(|f| f.rule == code).collect();
    // Narrative findings point into the input: the span's text is the excerpt (or its two ends).
    for x in &f {
        if let Some(t) = &x.text {
            let got: String = text.chars().skip(t.start as usize).take((t.end - t.start) as usize).collect();
            let got: String = got.chars().filter(|c| *c != '\n').collect();
            let head: String = t.excerpt.split("……").next().unwrap_or("").to_string();
            assert!(got.starts_with(&head), "{fixture}: span {:?} is not {:?}", got, t.excerpt);
        }
    }
    f
}

fn count(f: &[Finding], sev: Severity, verdict: Verdict) -> usize {
    f.iter().filter(|x| x.severity == sev && x.verdict == verdict).count()
}

/// `rule!(test, "CODE", errors, undefined errors, warnings (any verdict), rounding notes, not checked)`.
macro_rules! rule {
    ($name:ident, $code:literal, $e:expr, $u:expr, $w:expr, $r:expr, $n:expr) => {
        #[test]
        fn $name() {
            let f = findings($code, $code);
            let got = (
                count(&f, Severity::Error, Verdict::Inconsistent),
                f.iter().filter(|x| x.verdict == Verdict::Undefined && x.severity == Severity::Error).count(),
                f.iter().filter(|x| x.severity == Severity::Warning).count(),
                count(&f, Severity::Info, Verdict::WithinRounding),
                f.iter().filter(|x| x.verdict == Verdict::NotChecked).count(),
            );
            assert_eq!(got, ($e, $u, $w, $r, $n), "{:#?}", f);
            insta::assert_json_snapshot!($code, f);
        }
    };
}

// 项目支出 151.00 ≠ T3 150.00; 人员经费 51.00 ≠ T6 50.00; 机关运行经费 9.00 ≠ 公用经费 10.00 (warning);
// 「50 万元」 for 201 50.00 holds; the 闲置资产 amount has no counterpart (not checked); the 50 万元（含）以上
// threshold is not a figure.
rule!(c001_narrative_figure, "C001", 2, 0, 1, 0, 1);
// 150.00 ÷ 200.00 = 75.00%, not 57.00%; 0.00% of a zero 总额 with a zero part (0 ÷ 0) is a wording warning;
// 29.42 ÷ 307.82 = 9.5575% printed 9.55% looks truncated (warning), 90.44% holds (the nearest 总额, not the first
// of the section); the bare 100% is not checked.
rule!(c002_narrative_share, "C002", 1, 0, 2, 0, 1);
// 20.00 ÷ 100.00 = 20.00%, not 25.00%; 增长 100.00% on a zero prior year; 减少 … 增长 contradict;
// 1.00 ÷ 9.00 = 11.11% holds; 「增加 1.00 万元，与上年持平」 contradicts itself; 29.42 ÷ 307.82 printed 9.55%
// looks truncated and 增长 0.00% on two zeros is a wording problem (warnings); 「增加 1.00 万元；公务接待费与上年
// 持平」 is no contradiction (持平 is in another clause).
rule!(c003_narrative_growth, "C003", 3, 1, 2, 0, 0);
// item 1: 30.00 ÷ 40.00 = 75.00%, not 78.50%, and 「决算数大于年初预算数」 with 30.00 < 40.00; item 2: 100.00%
// against a 年初预算 of 0.00; item 3 (cut by a page break) holds; 三公 29.42 ÷ 307.82 printed 9.55% looks
// truncated and 0.00% of a zero budget with nothing spent is a wording problem (warnings).
rule!(c004_narrative_completion, "C004", 2, 1, 2, 0, 0);
// items' 年初预算 70 + 40 ≠ 100; 50.01 + 9.98 vs 60.00 within rounding; 6 + 0 + 3 ≠ 10; 中小企业 12 > 10;
// vehicles 1 + 1 ≠ 3 (the next sentence's list, 1 + 1 = 2, is a list of its own).
rule!(c005_narrative_sum, "C005", 4, 0, 0, 1, 0);
// 购置车辆 0 台 with 25.00; 外宾 团组 2 个 and 10 人次 with 0.00 (warnings); 保有量 not checked.
rule!(c006_narrative_count, "C006", 0, 0, 3, 0, 1);
// 3 projects but 2 tables; average 90.00 ≠ (95.50 + 86.00) ÷ 2; 乙 86.00 ≠ 93.00; 得分 22 > 分值 20.
rule!(c007_narrative_performance, "C007", 4, 0, 0, 0, 0);
// 1 ÷ 2 = 50.00%, not 60.00%; 1 against a 全年预算数 of 0 (error); 0 ÷ 0 rows are notes; 29.42 ÷ 307.82
// printed 9.55% looks truncated (warning).
rule!(p001_perf_execution_rate, "P001", 1, 1, 1, 0, 0);
// 10 × 75.00% = 7.50, not 8.50.
rule!(p002_perf_score_from_rate, "P002", 1, 0, 0, 0, 0);
// 全年预算数 3 ≠ 2 + 0 + 0.
rule!(p003_perf_funds_sources, "P003", 1, 0, 0, 0, 0);
// 培训场次 得分 31 > 分值 30.
rule!(p004_perf_score_within_weight, "P004", 1, 0, 0, 0, 0);
// 分值 add up to 101.
rule!(p005_perf_weights_total, "P005", 1, 0, 0, 0, 0);
// 7.50 + 9 + 10 + 30 + 20 + 9 + 10 = 95.50, 总分 96.50.
rule!(p006_perf_total_score, "P006", 1, 0, 0, 0, 0);
// 群众知晓率 lost a point with a 0.00 deviation; 培训场次 scored in full with −5.00 (warnings).
rule!(p007_perf_deviation, "P007", 0, 0, 2, 0, 0);
// 人员经费 lists 伙食补助费 (0.00); 公用经费 lists 公务接待费 (0.00) and leaves out 差旅费 4.00 (warnings, one per
// list); 「…养老保险缴费」 is 30108 「…养老保险费」.
rule!(c008_narrative_detail_items, "C008", 0, 0, 2, 0, 0);

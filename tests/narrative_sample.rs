//! Narrative claims on the seed sample (read at run time from ../shared/samples, never copied): the errors the
//! issue names are found, the consistent claims are not flagged, every figure of 第三部分 is found (the list is
//! tests/fixtures/narrative_claims.txt: section, number, unit), and changing any percentage by ±0.05 or any
//! amount or score by ±1.00 gives an error whose span covers the change.

use fiscal_lint::model::{Document, TableKind};
use fiscal_lint::narrative::link::{Judgement, Status};
use fiscal_lint::narrative::{Extracted, Unit, analyze};
use fiscal_lint::report::{ClaimSummary, Finding, Report, Severity, Verdict};
use std::path::PathBuf;

const SAMPLE: &str = "../shared/samples/henan-xinxiang-hongqi-gxj-2023-final.txt";

fn sample() -> Option<String> {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).ok()
}

/// Reads the text with the text reader (which hands 项目支出绩效自评表 to `input::performance::build`).
fn read(text: &str) -> Document {
    fiscal_lint::input::text::read(text).expect("readable")
}

fn check(text: &str) -> (Document, Report) {
    let doc = read(text);
    let report = fiscal_lint::check_document("sample", "text", &doc);
    (doc, report)
}

/// Section ordinal (一 … 十三) of a figure.
fn ord(ex: &Extracted, js: usize) -> String {
    let s = ex.text.section_at(js);
    ex.text.sections.get(s).map(|h| h.1.chars().take_while(|c| *c != '、').collect()).unwrap_or_default()
}

fn unit(u: Unit, text: &str) -> &'static str {
    match u {
        Unit::Wan => "万元",
        Unit::Percent => "%",
        Unit::Score => "分",
        Unit::Count => {
            for c in ["人次", "批次", "个", "项", "台", "辆", "次", "家", "人", "套", "批", "名"] {
                if text.ends_with(c) {
                    return c;
                }
            }
            "?"
        }
    }
}

/// (section, number, unit) of every figure, in reading order.
fn figures(ex: &Extracted) -> Vec<(String, String, String)> {
    ex.nums.iter().map(|n| (ord(ex, n.js), n.number.clone(), unit(n.unit, &n.text).to_string())).collect()
}

/// Indexes of the figures with this section, number and unit.
fn find(ex: &Extracted, sec: &str, number: &str, u: &str) -> Vec<usize> {
    figures(ex).iter().enumerate().filter(|(_, f)| f.0 == sec && f.1 == number && f.2 == u).map(|(i, _)| i).collect()
}

fn judgements_of<'a>(ex: &Extracted, js: &'a [Judgement], num: usize) -> Vec<&'a Judgement> {
    js.iter().filter(|j| ex.claims[j.claim].nums.contains(&num)).collect()
}

fn fixture() -> Vec<(String, String, String)> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/narrative_claims.txt");
    std::fs::read_to_string(p)
        .expect("fixture")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut it = l.split('\t');
            let f = |x: Option<&str>| x.unwrap_or("").to_string();
            (f(it.next()), f(it.next()), f(it.next()))
        })
        .collect()
}

#[test]
fn reader_reads_performance_tables() {
    let Some(text) = sample() else { return };
    let doc = fiscal_lint::input::text::read(&text).unwrap();
    let perf: Vec<_> = doc.tables_of(TableKind::Performance).collect();
    assert_eq!(perf.len(), 3);
    assert!(perf.iter().all(|(_, t)| !t.rows.is_empty() && t.subject.is_some()));
}

#[test]
fn errors_the_issue_names_are_found() {
    let Some(text) = sample() else { return };
    let (doc, report) = check(&text);
    let (ex, js) = analyze(&doc);
    let c = |f: &Finding, code: &str, v: Verdict| f.rule == code && f.severity == Severity::Error && f.verdict == v;
    // 五（一）「占支出合计的 100.00%」: 1070.44 ÷ 2070.44 = 51.70%.
    let share = report.findings.iter().find(|f| c(f, "C002", Verdict::Inconsistent)).expect("五（一） share");
    assert!(share.message.zh.contains("1070.44 ÷ 2070.44 = 51.70%，文中为 100.00%"), "{}", share.message.zh);
    assert_eq!(share.cells.len(), 2, "{:#?}", share.cells);
    let span = share.text.as_ref().unwrap();
    let pct = &ex.nums[find(&ex, "五", "100.00", "%")[0]];
    assert!(span.start <= pct.start && pct.end <= span.end);
    // 五（三）: the items' 年初预算 add up to 284.00, not 143.00.
    let sum = report.findings.iter().find(|f| c(f, "C005", Verdict::Inconsistent)).expect("五（三） list");
    assert_eq!((sum.expected.as_deref(), sum.actual.as_deref()), (Some("284.00"), Some("143.00")));
    // Completion rates against a 年初预算 of 0.00 (五（三） items 4, 5, 6 and 七) are errors; 0.00% for 0 ÷ 0
    // (八, 九) is a wording problem, a warning (domain.md §5).
    let undefined = |sec: &str, number: &str, severity: Severity| -> usize {
        find(&ex, sec, number, "%")
            .into_iter()
            .flat_map(|n| judgements_of(&ex, &js, n))
            .filter(|j| j.status == Status::Undefined && j.finding.as_ref().is_some_and(|f| f.severity == severity))
            .count()
    };
    assert_eq!(undefined("五", "100.00", Severity::Error), 3, "五（三） items 4, 5, 6");
    assert_eq!(undefined("七", "100.00", Severity::Error), 1);
    assert_eq!(undefined("八", "0.00", Severity::Warning), 1);
    assert_eq!(undefined("八", "0.00", Severity::Error), 0);
    // 九: the total, the three items (completion and share), and items 1-3.
    assert_eq!(undefined("九", "0.00", Severity::Warning), 10);
    assert_eq!(undefined("九", "0.00", Severity::Error), 0);
    for a in ["89.00", "398.88", "220.00"] {
        let n = find(&ex, "五", a, "万元")[0];
        assert!(
            judgements_of(&ex, &js, n).iter().any(|j| j.rule == "C004" && j.status == Status::Undefined),
            "completion on {a}"
        );
    }
}

#[test]
fn consistent_claims_are_not_flagged() {
    let Some(text) = sample() else { return };
    let (doc, report) = check(&text);
    let (ex, js) = analyze(&doc);
    let must = [
        ("三", "6.71", "%"),
        ("三", "93.29", "%"),
        ("一", "61.43", "%"),
        ("四", "61.43", "%"),
        ("五", "16.54", "%"),
        ("五", "20.70", "%"),
        ("五", "45.58", "%"),
        ("五", "33.72", "%"),
        ("五", "748.56", "%"),
        ("五", "101.07", "%"),
        ("五", "1582.31", "%"),
        ("十", "14.52", "%"),
        ("十三", "94.72", "分"),
        ("十三", "97.75", "分"),
        ("十三", "94.17", "分"),
        ("十三", "92.23", "分"),
        ("六", "131.02", "万元"),
        ("六", "7.95", "万元"),
        ("十", "7.95", "万元"),
    ];
    for (sec, number, u) in must {
        let ns = find(&ex, sec, number, u);
        assert!(!ns.is_empty(), "{sec} {number}{u} not found");
        for n in ns {
            let j = judgements_of(&ex, &js, n);
            assert!(!j.is_empty(), "{sec} {number}{u} in no claim");
            for j in j {
                assert_eq!(j.status, Status::Consistent, "{sec} {number}{u}: {:?}", j.finding);
                assert!(j.finding.is_none(), "{sec} {number}{u}: {:?}", j.finding);
            }
        }
    }
    // The performance tables: 执行率 64.17% and 34.88%, 得分 6.42 and 3.49, 总分 97.75, 94.17, 92.23 hold.
    let perf: Vec<&Finding> =
        report.findings.iter().filter(|f| f.rule.starts_with('P') && f.severity != Severity::Info).collect();
    assert!(perf.is_empty(), "{perf:#?}");
    let perf_cells: Vec<String> = doc
        .tables_of(TableKind::Performance)
        .flat_map(|(_, t)| t.rows.iter().flat_map(|r| r.cells.iter().flatten().map(|c| c.text.clone())))
        .collect();
    for v in ["64.17%", "34.88%", "6.42", "3.49", "97.75", "94.17", "92.23"] {
        assert!(perf_cells.iter().any(|c| c == v), "{v} not read");
    }
}

#[test]
fn claim_counts() {
    let Some(text) = sample() else { return };
    let (_, report) = check(&text);
    let c = &report.summary.claims;
    println!("{c:?}");
    assert_eq!(c.checked, c.consistent + c.inconsistent + c.undefined);
    assert_eq!(c.found, c.checked + c.unresolved);
    assert_eq!(
        *c,
        ClaimSummary { found: 123, checked: 112, consistent: 93, inconsistent: 2, undefined: 17, unresolved: 11 }
    );
}

#[test]
fn every_figure_of_part_three_is_found() {
    let Some(text) = sample() else { return };
    let doc = read(&text);
    let ex = fiscal_lint::narrative::extract(&doc);
    let got = figures(&ex);
    let want = fixture();
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(w, g, "figure {i}");
    }
    assert_eq!(got.len(), want.len());
    // And every figure is in a claim.
    let (ex, js) = analyze(&doc);
    for i in 0..ex.nums.len() {
        assert!(!judgements_of(&ex, &js, i).is_empty(), "figure {i} in no claim");
    }
}

/// Figures whose change by ±0.05 (percentages) or ±1.00 (amounts, scores) cannot be detected, and why.
/// (section, number, unit, occurrence of that triple in the section).
const NO_COUNTERPART: &[(&str, &str, &str, usize, &str)] = &[
    ("五", "1582.31", "%", 1, "82.28 ÷ 5.20 from 2-decimal figures spans 1580.69%–1583.93%: ±0.05 is within rounding"),
    ("五", "100.00", "%", 2, "0.30 ÷ 0.30 from 2-decimal figures spans 96.7%–103.4%: ±0.05 is within rounding"),
    ("八", "0.00", "万元", 1, "年初预算 has no table; 0.00 ÷ (0.00 ± 1.00) is still 0.00%"),
    ("十", "14.52", "%", 1, "1.35 ÷ 9.30 from 2-decimal figures spans 14.45%–14.59%: ±0.05 is within rounding"),
    ("十三", "100", "%", 1, "专项资金细化率: no table states it"),
    ("十三", "95", "%", 1, "工作任务实现率: no table states it"),
    ("十三", "80", "%", 1, "满意度: no table states it"),
    ("十三", "30", "分", 1, "投入指标 分值: no table (部门整体 indicators); only 得分 ≤ 分值 is checked"),
    ("十三", "28", "分", 1, "投入指标 得分: no table; only 得分 ≤ 分值 is checked"),
    ("十三", "25", "分", 1, "产出指标 分值: no table; only 得分 ≤ 分值 is checked"),
    ("十三", "25", "分", 2, "产出指标 得分: no table; only 得分 ≤ 分值 is checked"),
    ("十三", "35", "分", 1, "效益指标 分值: no table; only 得分 ≤ 分值 is checked"),
    ("十三", "35", "分", 2, "效益指标 得分: no table; only 得分 ≤ 分值 is checked"),
    ("十三", "20", "分", 1, "满意度指标 分值: no table; only 得分 ≤ 分值 is checked"),
    ("十三", "20", "分", 2, "满意度指标 得分: no table; only 得分 ≤ 分值 is checked"),
];

#[test]
fn every_changed_figure_is_an_error() {
    let Some(text) = sample() else { return };
    let doc = read(&text);
    let ex = fiscal_lint::narrative::extract(&doc);
    let figs = figures(&ex);
    let chars: Vec<char> = text.chars().collect();
    let mut seen: std::collections::HashMap<(String, String, String), usize> = Default::default();
    let mut missed = Vec::new();
    let mut tried = 0;
    for (i, f) in figs.iter().enumerate() {
        let k = seen.entry(f.clone()).or_insert(0);
        *k += 1;
        let occurrence = *k;
        if f.2 != "万元" && f.2 != "%" && f.2 != "分" {
            continue; // counts are not amounts: checked against their amounts (C006) or not at all
        }
        if NO_COUNTERPART.iter().any(|e| e.0 == f.0 && e.1 == f.1 && e.2 == f.2 && e.3 == occurrence) {
            continue;
        }
        let n = &ex.nums[i];
        let (start, end) = ex.text.span(n.ns, n.ne);
        let scale = n.value.scale.unwrap_or(0);
        let step = if f.2 == "%" { rust_decimal::Decimal::new(5, 2) } else { rust_decimal::Decimal::ONE };
        for sign in [1i64, -1] {
            let v = n.value.value + step * rust_decimal::Decimal::from(sign);
            let shown = if f.2 == "%" {
                format!("{:.*}", scale.max(2) as usize, v)
            } else {
                format!("{:.*}", scale as usize, v)
            };
            let mut changed: String = chars[..start as usize].iter().collect();
            changed.push_str(&shown);
            changed.extend(&chars[end as usize..]);
            let (_, report) = check(&changed);
            tried += 1;
            let new_end = start + shown.chars().count() as u32;
            let hit = report.findings.iter().any(|x| {
                x.severity == Severity::Error && x.text.as_ref().is_some_and(|t| t.start <= start && new_end <= t.end)
            });
            if !hit {
                missed.push(format!("{} {}{} (#{occurrence}) → {shown}", f.0, f.1, f.2));
            }
        }
    }
    assert!(missed.is_empty(), "{} of {tried} changes not reported:\n{}", missed.len(), missed.join("\n"));
}

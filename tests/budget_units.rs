//! Units and unread tables on the shared budget PDFs (issue 10, items 4 and 5): Shanghai budget tables are printed in
//! 元 and their narrative in 万元; a table whose header could not be mapped is "not checked", never a table of zeros.

use fiscal_lint::input::files::InputFile;
use fiscal_lint::report::{Finding, Report, Severity, Verdict};
use std::path::PathBuf;

fn check(names: &[&str]) -> Report {
    let bytes: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|n| {
            let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/pdf").join(n);
            (n.to_string(), std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        })
        .collect();
    let files: Vec<InputFile> = bytes.iter().map(|(n, b)| InputFile { name: n, bytes: b }).collect();
    fiscal_lint::check_files(&files).unwrap_or_else(|e| panic!("{names:?}: {}", e.message.en)).report
}

fn errors(r: &Report) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.severity == Severity::Error).collect()
}

fn zh(f: &Finding) -> &str {
    &f.message.zh
}

/// No narrative figure is ever compared with a table that was not read.
fn assert_nothing_judged_against_unread_tables(r: &Report) {
    for f in &r.findings {
        assert!(!zh(f).contains("空表，按 0 计") || f.severity != Severity::Error, "{}", zh(f));
    }
}

#[test]
fn wanli_budget_in_yuan_against_a_narrative_in_wan() {
    let r = check(&["shanghai-putuo-wanli-2024-budget.pdf"]);
    let fn_table = r.document.tables.iter().find(|t| t.title.contains("一般公共预算支出功能分类预算表")).unwrap();
    assert_eq!(fn_table.unit.as_deref(), Some("元"));
    assert_eq!(r.document.unit.as_deref(), Some("元"), "eight tables in 元, the 三公 table in 万元");
    let three = r.document.tables.iter().find(|t| t.title.contains("三公")).unwrap();
    assert_eq!(three.unit.as_deref(), Some("万元"));
    // Every 项 restated in 万元 (「25.77万元」 for 257,700 元) agrees, but one: item 31 (住房公积金) is headed
    // 「350.35万元」 (the table's 3,503,499 元) and goes on 「2024年预算安排352.67万元」 — the document's own slip.
    let c001: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == "C001" && f.severity == Severity::Error).collect();
    assert_eq!(c001.len(), 1, "{:#?}", c001.iter().map(|f| zh(f)).collect::<Vec<_>>());
    assert!(zh(c001[0]).contains("352.67万元") && zh(c001[0]).contains("3,503,499 元"), "{}", zh(c001[0]));
    assert!(r.summary.claims.consistent >= 30, "{:?}", r.summary.claims);
    // The 三公 table is read (seven figures under seven columns, tests/shanghai_budget.rs): the narrative's 三公
    // figures are checked against it, none left "not checked" for an unmapped header.
    let unread: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.rule == "C001" && f.verdict == Verdict::NotChecked && zh(f).contains("三公"))
        .collect();
    assert!(unread.iter().all(|f| !zh(f).contains("表头未能对应到栏目")), "{}", zh(unread[0]));
    assert_nothing_judged_against_unread_tables(&r);
}

#[test]
fn a_real_error_in_yuan_is_shown_in_both_units() {
    // 社会福利事业单位: the narrative says 738.66 万元, the 一般公共预算 table 6,964,796 元 (696.48 万元).
    let r = check(&["shanghai-putuo-shflj-2024-budget-unit.pdf"]);
    let e: Vec<&Finding> = errors(&r).into_iter().filter(|f| f.rule == "C001").collect();
    assert_eq!(e.len(), 1, "{:#?}", e.iter().map(|f| zh(f)).collect::<Vec<_>>());
    assert!(zh(e[0]).contains("738.66万元"), "{}", zh(e[0]));
    assert!(zh(e[0]).contains("696.4796万元（表中 6,964,796 元）"), "{}", zh(e[0]));
    assert_eq!(e[0].expected.as_deref(), Some("696.4796"));
    assert_eq!(e[0].actual.as_deref(), Some("738.66"));
    // The 303 「离退休人员经费」 row is a row of its own, not the 人员经费合计 footer.
    assert!(!r.findings.iter().any(|f| f.rule == "T005" && f.severity == Severity::Error));
    // 30212 against the 三公 table that was not read: not a warning against zeros.
    assert!(!r.findings.iter().any(|f| f.rule == "X007" && f.verdict == Verdict::Inconsistent));
    assert_nothing_judged_against_unread_tables(&r);
}

#[test]
fn jiangsu_three_public_table_not_read_is_not_zeros() {
    for name in ["jiangsu-prov-jcy-2019-budget.pdf", "jiangsu-prov-swbgt-2018-budget-text.pdf"] {
        let r = check(&[name]);
        assert_nothing_judged_against_unread_tables(&r);
        let undefined_shares: Vec<&Finding> =
            r.findings.iter().filter(|f| f.rule == "C002" && zh(f).contains("总数为 0")).collect();
        assert!(
            undefined_shares.is_empty(),
            "{name}: {:#?}",
            undefined_shares.iter().map(|f| zh(f)).collect::<Vec<_>>()
        );
    }
}

/// Budget documents are named in their own words: no message calls their tables 决算表 or their figures 决算数.
#[test]
fn budget_messages_in_the_documents_words() {
    for name in [
        "shanghai-putuo-wanli-2024-budget.pdf",
        "shanghai-putuo-zfb-2025-budget.pdf",
        "shanghai-putuo-shflj-2024-budget-unit.pdf",
        "jiangsu-prov-jcy-2019-budget.pdf",
    ] {
        let r = check(&[name]);
        for f in &r.findings {
            assert!(!zh(f).contains("决算"), "{name}: {}", zh(f));
        }
        for t in &r.document.tables {
            assert!(!t.name.zh.contains("决算"), "{name}: {}", t.name.zh);
        }
    }
    let r = check(&["shanghai-putuo-wanli-2024-budget.pdf"]);
    let t = r.document.tables.iter().find(|t| t.title == "2024年部门财政拨款收支预算总表").unwrap();
    assert_eq!(t.name.zh, "部门财政拨款收支预算总表");
    // The 决算 PDFs keep the national template's names, as their findings always had them.
    let r = check(&["shanghai-putuo-czj-2024-final.pdf"]);
    assert!(r.document.tables.iter().any(|t| t.name.zh == "财政拨款收入支出决算总表"));
}

/// 高等学校 收入决算表 (domain.md §8): 事业收入 over 「金额」 and 「其中：教育收费」 — the sub-column is part of 事业收入,
/// never an addend, so the rows add up (before: every row "wrong" by its 事业收入).
#[test]
fn university_income_table_with_a_sub_column() {
    let r = check(&["chongqing-beibei-swu-2024-final.pdf"]);
    let t = r.document.tables.iter().find(|t| t.title.contains("高等学校收入决算表")).unwrap();
    assert!(t.columns.iter().any(|c| c == "事业收入"), "{:?}", t.columns);
    assert!(t.columns.iter().any(|c| c.starts_with("其中")), "{:?}", t.columns);
    let t002: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == "T002").collect();
    assert!(
        t002.iter().all(|f| f.severity != Severity::Error),
        "{:#?}",
        t002.iter().map(|f| zh(f)).collect::<Vec<_>>()
    );
    assert!(r.summary.checks > 300, "{:?}", r.summary);
}

//! The Jiangsu provincial budget's three total tables (公开01 收支预算总表, 公开02 收入预算总表, 公开03 支出预算总表) on
//! the shared PDFs: read with their unit and rows, `checked` in the form, the identities between them judged, and
//! the errors on the samples (none: every figure agrees, checked by eye against `pdftotext -layout`). Then a
//! made-up department in the text reader's format, once consistent and once with three figures broken.

use fiscal_lint::forms::Status;
use fiscal_lint::input::files::InputFile;
use fiscal_lint::model::{Document, Part, Table, TableKind, keys};
use fiscal_lint::report::{Report, Severity};
use std::path::PathBuf;

fn shared_bytes(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/pdf").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn check(names: &[&str]) -> fiscal_lint::Checked {
    let bytes: Vec<Vec<u8>> = names.iter().map(|n| shared_bytes(n)).collect();
    let files: Vec<InputFile> = names.iter().zip(&bytes).map(|(name, bytes)| InputFile { name, bytes }).collect();
    fiscal_lint::check_files(&files).expect("reads")
}

const TITLES: [&str; 3] = ["收支预算总表", "收入预算总表", "支出预算总表"];

fn table<'a>(doc: &'a Document, title: &str) -> &'a Table {
    // 「财政拨款收支预算总表」 ends with 收支预算总表 too: the bare title is meant.
    doc.tables.iter().find(|t| t.title == title).unwrap_or_else(|| panic!("no table {title}"))
}

/// The figure printed in the row labelled `label` (the first such row in `part`), in its one amount column.
fn figure(t: &Table, label: &str, part: Option<Part>) -> String {
    let r = t
        .rows
        .iter()
        .find(|r| r.label == label && (part.is_none() || r.part == part))
        .unwrap_or_else(|| panic!("{}: no row {label}", t.title));
    r.cells.iter().flatten().next().map(|c| c.text.clone()).unwrap_or_default()
}

fn statuses(report: &Report) -> Vec<(String, Status)> {
    let form = report.document.form.as_ref().expect("a form");
    assert_eq!(form.id, "jiangsu-budget");
    form.tables.iter().take(3).map(|t| (t.key.clone(), t.status)).collect()
}

/// Checks judged because the three tables were read: the whole document's count, less that of the same document
/// without them.
fn checks_on_totals(doc: &Document) -> usize {
    let all = fiscal_lint::check_document("x", "pdf", doc).summary.checks;
    let mut without = doc.clone();
    without.tables.retain(|t| !TITLES.contains(&t.title.as_str()));
    all - fiscal_lint::check_document("x", "pdf", &without).summary.checks
}

/// Findings of the table rules (T…, X…) that name one of the three tables, as `rule severity message`.
fn table_findings(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with('T') || f.rule.starts_with('X'))
        .filter(|f| TITLES.iter().any(|t| f.message.zh.starts_with(t) || f.message.zh.contains(&format!("= {t}"))))
        .map(|f| format!("{} {:?} {}", f.rule, f.severity, f.message.zh))
        .collect()
}

fn errors(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.message.zh))
        .collect()
}

#[test]
fn jcy_2019_totals_read_and_checked() {
    let c = check(&["jiangsu-prov-jcy-2019-budget.pdf"]);
    let doc = &c.read.document;
    let checked = |k: &str| (k.to_string(), Status::Checked);
    assert_eq!(statuses(&c.report), vec![checked("summary"), checked("income"), checked("expenditure")]);

    let s = table(doc, "收支预算总表");
    assert_eq!((s.kind, s.unit.as_deref()), (TableKind::Summary, Some("万元")));
    // 8 income rows; 21 类 rows, 3 uses (the wrapped 「单位预留机动经/费」 with its figure between the lines) and
    // 当年支出小计, 结转下年资金, 支出合计.
    assert_eq!(s.rows.iter().filter(|r| r.part == Some(Part::Income)).count(), 8);
    assert_eq!(s.rows.iter().filter(|r| r.part == Some(Part::Expenditure)).count(), 27);
    assert_eq!(s.rows.iter().filter(|r| r.code.is_some()).count(), 21);
    assert_eq!(figure(s, "财政拨款", None), "24,169.74");
    assert_eq!(figure(s, "政府性基金预算", None), "");
    assert_eq!(figure(s, "公共安全支出", None), "16,593.12");
    assert_eq!(figure(s, "住房保障支出", None), "5,686.35");
    assert_eq!(figure(s, "单位预留机动经费", None), "3,990.40");
    assert_eq!(figure(s, "支出合计", None), "24,169.74");

    let i = table(doc, "收入预算总表");
    assert_eq!((i.kind, i.unit.as_deref()), (TableKind::Income, Some("万元")));
    // 收入总计; 5 小计; 公共财政拨款（补助）资金, 专项收入, 专户管理教育收费, 其他非税收入, 事业收入, 经营收入, 其他收入;
    // 其中：动用上年结转和结余资金.
    assert_eq!(i.rows.len(), 14);
    assert_eq!(figure(i, "收入总计", None), "24169.74");
    assert_eq!(figure(i, "一般公共预算资金小计", None), "24169.74");
    assert_eq!(figure(i, "公共财政拨款（补助）资金", None), "24169.74");
    assert_eq!(i.row(keys::INCOME_OTHER_FUNDS).map(|r| i.rows[r].label.as_str()), Some("其他资金小计"));

    let e = table(doc, "支出预算总表");
    assert_eq!((e.kind, e.unit.as_deref()), (TableKind::Expenditure, Some("万元")));
    assert_eq!(e.rows.len(), 1);
    let total: Vec<String> =
        e.rows[0].cells.iter().map(|c| c.as_ref().map(|c| c.text.clone()).unwrap_or_default()).collect();
    assert_eq!(total, ["24169.74", "15844.04", "4335.30", "3990.4", ""]);

    // The table identities (T001 7, T002 1, T003 4, X001 6, X002 5, X004 1: 公开05 合计 ≤ 公开03 合计), N002's check of
    // each of the 21 类 names, and the narrative claims now tied to the three tables' cells.
    assert_eq!(checks_on_totals(doc), 56);
    assert_eq!(table_findings(&c.report), Vec::<String>::new());
    // The four errors left are the narrative's rates (65.56% for 65.55%, 10.06% for 10.09%, 13.22% for 22.21%,
    // 34.38% for 34.36%; see tests/budget_narrative.rs), none about the three tables.
    let errs = errors(&c.report);
    assert_eq!(errs.len(), 4, "{errs:#?}");
    assert!(errs.iter().all(|e| e.starts_with("C00")), "{errs:#?}");
}

#[test]
fn swbgt_2018_totals_read_and_checked() {
    let c = check(&["jiangsu-prov-swbgt-2018-budget-text.pdf", "jiangsu-prov-swbgt-2018-budget-tables.pdf"]);
    let doc = &c.read.document;
    let checked = |k: &str| (k.to_string(), Status::Checked);
    assert_eq!(statuses(&c.report), vec![checked("summary"), checked("income"), checked("expenditure")]);

    let s = table(doc, "收支预算总表");
    assert_eq!((s.kind, s.unit.as_deref()), (TableKind::Summary, Some("万元")));
    // 2018's list: 20 类 (医疗卫生与计划生育支出, 国土海洋气象等支出 …).
    assert_eq!(s.rows.iter().filter(|r| r.part == Some(Part::Income)).count(), 8);
    assert_eq!(s.rows.iter().filter(|r| r.code.is_some()).count(), 20);
    assert_eq!(figure(s, "一般公共服务支出", None), "20,153.75");
    assert_eq!(figure(s, "社会保障和就业支出", None), "1,289.52");
    assert_eq!(figure(s, "基本支出", None), "10,403.11");
    assert_eq!(figure(s, "单位预留机动经费", None), "1,973.86");
    assert_eq!(figure(s, "当年收入小计", None), "24,458.43");

    let i = table(doc, "收入预算总表");
    assert_eq!((i.kind, i.unit.as_deref()), (TableKind::Income, Some("万元")));
    // One more item than jcy's: 债务资金(银行贷款).
    assert_eq!(i.rows.len(), 15);
    assert_eq!(figure(i, "收入总计", None), "24,458.43");

    let e = table(doc, "支出预算总表");
    assert_eq!(e.rows.len(), 1);
    let total: Vec<String> =
        e.rows[0].cells.iter().map(|c| c.as_ref().map(|c| c.text.clone()).unwrap_or_default()).collect();
    assert_eq!(total, ["24,458.43", "10,403.11", "12,081.46", "1,973.86", ""]);

    // The same table identities as jcy's, N002 on the 20 类 names, N003 on their codes, and the narrative claims
    // tied to the tables.
    assert_eq!(checks_on_totals(doc), 56);
    assert_eq!(table_findings(&c.report), Vec::<String>::new());
    // The one error is the narrative's own, read since the 三公 table is (tests/jiangsu_others.rs).
    assert_eq!(errors(&c.report), ["C002 占比 80.92%：411.20 ÷ 508.20 = 80.91%，文中为 80.92%"]);
}

/// A made-up department's three tables, in the text reader's format. `basic` is 公开03's 基本支出, `business`
/// 公开02's 事业收入, `gov_fund` 公开01's 2.政府性基金预算.
fn made_up(basic: &str, business: &str, gov_fund: &str) -> String {
    format!(
        "2030年度部门预算\n\
         收支预算总表\n部门：示例厅\t\t\t\t单位：万元\n\
         收入\t\t支出\t\t\n\t\t功能分类\t支出用途\t\n项目名称\t金额\t功能科目名称金额\t项目名称\t金额\n\
         一、财政拨款\t100.00\t一、一般公共服务支出 80.00\t一、基本支出\t60.00\n\
         1.一般公共预算\t100.00\t二、住房保障支出 40.00\t二、项目支出\t40.00\n\
         2.政府性基金预算\t{gov_fund}\t\t三、单位预留机动经费\t20.00\n\
         二、财政专户管理资金\t\t\t\t\n\
         三、其他资金\t20.00\t\t\t\n\
         当年收入小计\t120.00\t当年支出小计\t\t120.00\n\
         上年结转资金\t\t结转下年资金\t\t\n\
         收入合计\t120.00\t支出合计\t\t120.00\n\n\
         收入预算总表\n部门：示例厅\t\t单位：万元\n\
         \t项目名称\t金额\n\t收入总计\t120.00\n\t小计\t100.00\n\
         一般公共预算资金\t公共财政拨款（补助）资金\t100.00\n\t专项收入\t\n\
         政府性基金\t小计\t\n\t小计\t\n财政专户管理资金\t专户管理教育收费\t\n\t其他非税收入\t\n\
         \t小计\t20.00\n\t事业收入\t{business}\n其他资金\t经营收入\t\n\t其他收入\t\n\
         \t小计\t\n上年结转和结余资金\t\t\n\t其中：动用上年结转和结余资金\t\n\n\
         支出预算总表\n部门：示例厅\t\t\t\t单位：万元\n\
         合计\t基本支出\t项目支出\t单位预留机动经费\t结转下年资金\n\
         120.00\t{basic}\t40.00\t20.00\t\n"
    )
}

fn made_up_report(basic: &str, business: &str, gov_fund: &str) -> Report {
    fiscal_lint::check_text("made-up", &made_up(basic, business, gov_fund)).expect("reads")
}

#[test]
fn made_up_totals_hold() {
    let read = fiscal_lint::input::read_pasted(&made_up("60.00", "20.00", "")).expect("reads");
    let doc = &read.document;
    for title in TITLES {
        let t = table(doc, title);
        assert!(!t.columns.is_empty() && t.rows_not_read == 0, "{title} not read");
    }
    let r = made_up_report("60.00", "20.00", "");
    assert_eq!(table_findings(&r), Vec::<String>::new());
    // T001 7, T002 1, T003 4 (收入总计; 一般公共预算资金, 财政专户管理资金 and 其他资金 over their items), X001 6,
    // X002 5; and N002's check of the two 类 names.
    assert_eq!(checks_on_totals(doc), 25);
}

#[test]
fn made_up_totals_broken() {
    let r = made_up_report("61.00", "25.00", "1.00");
    assert_eq!(
        errors(&r),
        [
            "T001 收支预算总表「财政拨款」：金额 = 一般公共预算 + 政府性基金预算：应为 101.00，表中为 100.00，相差 -1.00，超出尾差范围（±0.015）",
            "T002 支出预算总表「合计」：合计 = 基本支出 + 项目支出 + 单位预留机动经费 + 结转下年资金：应为 121.00，表中为 120.00，相差 -1.00，超出尾差范围（±0.020）",
            "T003 收入预算总表「其他资金小计」：金额 = 所属各项之和（事业收入 + 经营收入 + 其他收入）：应为 25.00，表中为 20.00，相差 -5.00，超出尾差范围（±0.010）",
            "X001 收入预算总表「政府性基金小计」金额 = 收支预算总表「政府性基金预算」：应为 1.00，表中为 0，相差 -1.00，超出尾差范围（±0.005）",
            "X002 支出预算总表「合计」基本支出 = 收支预算总表「基本支出」：应为 60.00，表中为 61.00，相差 1.00，超出尾差范围（±0.010）",
        ]
    );
}

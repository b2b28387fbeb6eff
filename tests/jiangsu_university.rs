//! The Jiangsu provincial 部门预算 form (公开01–12表) and the 高等学校 决算/预算 forms on the shared PDFs: which tables
//! are read (with their columns and units), cells by value, the identities checked, and no false error. Cells were
//! checked by eye against `pdftotext -layout`.

use fiscal_lint::forms::Status;
use fiscal_lint::input::files::InputFile;
use fiscal_lint::model::{Document, Part, Table, TableKind, keys};
use fiscal_lint::report::Severity;
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

fn table<'a>(doc: &'a Document, title_ends: &str) -> &'a Table {
    doc.tables.iter().find(|t| t.title.ends_with(title_ends)).unwrap_or_else(|| panic!("no table {title_ends}"))
}

/// The text of the cell in the row labelled / coded `row` and the column keyed `col`.
fn cell(t: &Table, row: &str, col: &str) -> String {
    let c = t.column(col).unwrap_or_else(|| panic!("{}: no column {col}", t.title));
    let r = t
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some(row) || r.label == row)
        .unwrap_or_else(|| panic!("{}: no row {row}", t.title));
    r.cell(c).map(|c| c.text.clone()).unwrap_or_default()
}

fn checked_keys(c: &fiscal_lint::Checked) -> Vec<String> {
    let form = c.report.document.form.as_ref().expect("a form");
    form.tables.iter().filter(|t| t.status == Status::Checked).map(|t| t.key.clone()).collect()
}

fn messages(c: &fiscal_lint::Checked, severity: Severity, rule: &str) -> Vec<String> {
    c.report
        .findings
        .iter()
        .filter(|f| f.severity == severity && f.rule == rule)
        .map(|f| f.message.zh.clone())
        .collect()
}

fn table_errors(c: &fiscal_lint::Checked) -> Vec<String> {
    c.report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && (f.rule.starts_with('T') || f.rule.starts_with('X')))
        .map(|f| format!("{} {}", f.rule, f.message.zh))
        .collect()
}

#[test]
fn jiangsu_jcy_budget_tables_are_read_and_checked() {
    let c = check(&["jiangsu-prov-jcy-2019-budget.pdf"]);
    let doc = &c.read.document;
    assert_eq!(c.report.document.form.as_ref().map(|f| f.id.as_str()), Some("jiangsu-budget"));
    let got = checked_keys(&c);
    for k in [
        "fiscal_summary",
        "fiscal_fn",
        "fiscal_basic_economic",
        "general_budget_fn",
        "general_basic_economic",
        "three_public_meetings",
    ] {
        assert!(got.iter().any(|g| g == k), "{k} not checked: {got:?}");
    }
    // 公开04表: 收入 by fund, 支出 by use, one 金额 column each; the 部门名称 … 单位 line is a meta line.
    let fs = table(doc, "财政拨款收支预算总表");
    assert_eq!(fs.kind, TableKind::FiscalSummary);
    assert_eq!(fs.unit.as_deref(), Some("万元"));
    assert!(fs.header.iter().flatten().all(|h| !h.contains("部门名称")), "{:?}", fs.header);
    assert_eq!(cell(fs, "一般公共预算", keys::AMOUNT), "24169.74");
    let uses = fs.rows.iter().filter(|r| r.key == Some(keys::EXPENDITURE_USE)).count();
    assert_eq!(uses, 3, "基本支出, 项目支出, 单位预留机动经费");
    // 公开05表 / 07表: one 金额 column, the row total.
    for title in ["财政拨款支出预算表（功能科目）", "一般公共预算支出预算表（功能科目）"]
    {
        let t = table(doc, title);
        assert_eq!(t.kind, TableKind::GeneralBudget);
        assert_eq!(t.columns.len(), 1);
        assert_eq!(cell(t, "2040401", keys::TOTAL), "12,268.62");
        assert_eq!(cell(t, "合计", keys::TOTAL), "24,169.74");
        assert_eq!(t.rows.len(), 17);
    }
    // 公开06表 / 08表: 经济科目, code and amount side by side.
    let basic = table(doc, "一般公共预算基本支出预算表（经济科目）");
    assert_eq!(basic.kind, TableKind::BasicDetail);
    assert_eq!(cell(basic, "30108", keys::AMOUNT), "1,064.46");
    assert_eq!(cell(basic, "30309", keys::AMOUNT), "1.05");
    // 公开09表: 三公 + 会议费 + 培训费.
    let tp = table(doc, "“三公”经费、会议费、培训费支出预算表");
    assert_eq!(tp.kind, TableKind::ThreePublic);
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_WITH_MEETINGS), "1276.7");
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_TOTAL), "418.26");
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_VEHICLE_OPS), "237");
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_MEETINGS), "158.44");
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_TRAINING), "700");
    // Identities were judged, none failed. The narrative's own rate errors (pinned with the reason for each in
    // tests/budget_narrative.rs) are not the tables'.
    assert!(c.report.summary.checks >= 38, "{:?}", c.report.summary);
    let errors: Vec<String> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !f.rule.starts_with('C'))
        .map(|f| f.message.zh.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn jiangsu_swbgt_text_and_tables_merged() {
    let c = check(&["jiangsu-prov-swbgt-2018-budget-text.pdf", "jiangsu-prov-swbgt-2018-budget-tables.pdf"]);
    let doc = &c.read.document;
    let got = checked_keys(&c);
    for k in ["fiscal_fn", "fiscal_basic_economic", "general_budget_fn", "general_basic_economic"] {
        assert!(got.iter().any(|g| g == k), "{k} not checked: {got:?}");
    }
    let basic = table(doc, "财政拨款基本支出预算表");
    assert_eq!(basic.kind, TableKind::BasicDetail);
    assert_eq!(cell(basic, "301", keys::AMOUNT), "7,308.27");
    let gb = table(doc, "一般公共预算支出预算表");
    assert_eq!(cell(gb, "合计", keys::TOTAL), "24,458.43");
    // The 财政拨款 基本支出 table's figures are read: the narrative's 人员经费/公用经费 are not judged against zeros.
    // The one error is the narrative's own, found since the 三公 table is read (tests/jiangsu_others.rs): 411.20 ÷
    // 508.20 = 80.91%, printed 80.92%.
    let errors: Vec<String> =
        c.report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.message.zh.clone()).collect();
    assert_eq!(errors, ["占比 80.92%：411.20 ÷ 508.20 = 80.91%，文中为 80.92%"], "{errors:#?}");
}

#[test]
fn university_final_summary_and_fiscal_table() {
    let c = check(&["chongqing-beibei-swu-2024-final.pdf"]);
    let doc = &c.read.document;
    let got = checked_keys(&c);
    assert_eq!(got, ["summary", "income", "expenditure", "fiscal_expenditure"]);
    let t1 = table(doc, "高等学校收支决算总表");
    assert_eq!(t1.kind, TableKind::Summary);
    assert_eq!(t1.unit.as_deref(), Some("万元"));
    assert_eq!(t1.columns.len(), 2);
    assert_eq!(cell(t1, "财政拨款收入", keys::AMOUNT), "279,818.00");
    let grand = t1.row(keys::INCOME_GRAND_TOTAL).expect("合计 is the 总计");
    assert_eq!(t1.rows[grand].cells[0].as_ref().map(|c| c.text.as_str()), Some("609,139.01"));
    // 其中：政府性基金预算财政拨款 is part of 财政拨款收入, not an addend.
    assert!(t1.row(keys::INCOME_GOV_FUND).is_none());
    let t4 = table(doc, "高等学校财政拨款支出决算表");
    assert_eq!(t4.kind, TableKind::GeneralBudget);
    assert_eq!(cell(t4, "合计", keys::BASIC), "209,899.51");
    assert_eq!(cell(t4, "合计", keys::PROJECT), "56,884.05");
    assert!(table_errors(&c).is_empty(), "{:#?}", table_errors(&c));
    // The narrative's 表4 section is read against 表4: 基本支出 209,899.51 is not compared with 表3.
    let c001 = messages(&c, Severity::Error, "C001");
    assert!(c001.iter().all(|m| !m.contains("209,899.51") && !m.contains("56,884.05")), "{c001:#?}");
}

#[test]
fn university_budget_tables_are_read() {
    let c = check(&["chongqing-beibei-swu-2024-budget.pdf"]);
    let doc = &c.read.document;
    assert_eq!(checked_keys(&c), ["summary", "income", "expenditure", "fiscal_expenditure"]);
    let t1 = table(doc, "西南大学收支预算总表");
    assert_eq!(t1.kind, TableKind::Summary);
    // 结转下年 prints its figure a line below its label.
    let ce = t1.column_in(keys::AMOUNT, Part::Expenditure).expect("expenditure 预算数");
    let closing = t1.row(keys::CLOSING_BALANCE).expect("结转下年");
    assert_eq!(t1.rows[closing].label, "结转下年");
    assert_eq!(t1.rows[closing].cell(ce).map(|c| c.text.as_str()), Some("95,721.40"));
    assert_eq!(cell(t1, "财政拨款", keys::AMOUNT), "244,675.66");
    let inc = table(doc, "西南大学收入预算表");
    assert_eq!(inc.kind, TableKind::Income);
    assert_eq!(cell(inc, "合计", keys::TOTAL), "445,059.97");
    assert_eq!(cell(inc, "合计", keys::BUSINESS_INCOME), "141,934.81");
    assert_eq!(cell(inc, "合计", keys::OF_WHICH), "86,701.51");
    assert_eq!(cell(inc, "合计", keys::OTHER_INCOME), "58,449.50");
    let exp = table(doc, "西南大学支出预算表");
    assert_eq!(exp.kind, TableKind::Expenditure);
    assert_eq!(cell(exp, "2050205", keys::PROJECT), "104,563.12");
    assert_eq!(cell(exp, "合计", keys::TOTAL), "486,554.95");
    let fiscal = table(doc, "西南大学财政拨款支出预算表");
    assert_eq!(fiscal.kind, TableKind::GeneralBudget);
    assert_eq!(cell(fiscal, "合计", keys::BASIC), "207,010.97");
    assert!(c.report.summary.checks > 100, "{:?}", c.report.summary);
    let errors: Vec<String> = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} {}", f.rule, f.message.zh))
        .collect();
    // The one finding is the narrative's (tests/budget_narrative.rs): 1,723.93 of 244,675.66 is 0.7046%, printed 0.71%.
    assert_eq!(errors, ["C002 占比 0.71%：1,723.93 ÷ 244,675.66 = 0.70%，文中为 0.71%"], "{errors:#?}");
}

#[test]
fn university_final_errors_are_real() {
    let c = check(&["chongqing-beibei-swu-2024-final.pdf"]);
    let errors: Vec<String> =
        c.report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.message.zh.clone()).collect();
    // 授予小微企业合同金额 7,295.12 ÷ 授予中小企业合同金额 12,127.08 = 60.16%, printed 60.02%.
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("60.02%"), "{errors:#?}");
}

/// Made-up tables in the text reader's format (tabs), not text from a real document.
const MADE_UP_UNIVERSITY_BUDGET: &str = "某某学院2024年部门预算

某某学院收支预算总表
单位名称：某某学院\t\t\t单位：万元
项目\t预算数\t项目\t预算数
一、财政拨款\t100.00\t一、教育支出\t140.00
二、事业收入\t50.00\t二、科学技术支出\t10.00
本年收入合计\t150.00\t本年支出合计\t150.00
上年结转\t10.00\t结转下年\t
\t\t\t10.00
收入总计\t160.00\t支出总计\t160.00

某某学院支出预算表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
205\t教育支出\t140.00\t100.00\t40.00
20502\t普通教育\t140.00\t100.00\t40.00
2050205\t高等教育\t140.00\t100.00\t40.00
206\t科学技术支出\t10.00\t\t10.00
20602\t基础研究\t10.00\t\t10.00
2060204\t实验室及相关设施\t10.00\t\t10.00
合计\t\t150.00\t100.00\t51.00
";

#[test]
fn made_up_university_budget_summary_and_expenditure() {
    let report = fiscal_lint::check_text("made-up.txt", MADE_UP_UNIVERSITY_BUDGET).expect("reads");
    let form = report.document.form.as_ref().expect("a form");
    assert_eq!(form.id, "university-budget");
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.message.zh))
        .collect();
    // Only the planted error: 合计 项目支出 51.00 against 40.00 + 10.00 (the 合计 row's own sum, and the classes).
    assert!(!errors.is_empty() && errors.iter().all(|e| e.contains("51.00") || e.contains("51")), "{errors:#?}");
    assert!(errors.iter().all(|e| !e.contains("收支预算总表")), "{errors:#?}");
}

const MADE_UP_THREE_PUBLIC: &str = "某某厅2019年部门预算

“三公”经费、会议费、培训费支出预算表
部门名称：某某厅\t\t\t\t\t\t单位：万元
\t“三公”经费
合计\t小计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t会议费\t培训费
\t\t\t小计\t公务用车购置费\t公务用车运行维护费
120.00\t60.00\t10.00\t30.00\t\t30.00\t20.00\t30.00\t40.00
";

#[test]
fn made_up_three_public_with_meetings_and_training() {
    let report = fiscal_lint::check_text("made-up.txt", MADE_UP_THREE_PUBLIC).expect("reads");
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule == "T007")
        .map(|f| f.message.zh.clone())
        .collect();
    // 60.00 + 30.00 + 40.00 = 130.00, printed 120.00; the 三公 itself adds up (10 + 30 + 20 = 60).
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("会议费") && errors[0].contains("培训费"), "{errors:#?}");
}

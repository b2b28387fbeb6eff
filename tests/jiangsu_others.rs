//! The Jiangsu provincial 部门预算 form's tables after the first three (公开04–12表) on the shared PDFs: the
//! 财政拨款收支预算总表 and the 三公 table of swbgt (whose cells the layout used to glue), the 政府性基金, 机关运行经费
//! and 政府采购 tables of both samples: read with their unit and rows, `checked` by the form, and the identities
//! judged with no error. Figures were checked by eye against `pdftotext -layout`.

use fiscal_lint::forms::Status;
use fiscal_lint::input::files::InputFile;
use fiscal_lint::model::{Document, Table, TableKind, keys};
use fiscal_lint::report::Severity;
use std::path::PathBuf;

fn check(names: &[&str]) -> fiscal_lint::Checked {
    let bytes: Vec<Vec<u8>> = names
        .iter()
        .map(|n| {
            let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/pdf").join(n);
            std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect();
    let files: Vec<InputFile> = names.iter().zip(&bytes).map(|(name, bytes)| InputFile { name, bytes }).collect();
    fiscal_lint::check_files(&files).expect("reads")
}

fn table(doc: &Document, kind: TableKind) -> &Table {
    let mut of_kind = doc.tables.iter().filter(|t| t.kind == kind && !t.columns.is_empty());
    of_kind.next().unwrap_or_else(|| panic!("no {kind:?} table read"))
}

fn cell(t: &Table, row: &str, col: &str) -> String {
    let c = t.column(col).unwrap_or_else(|| panic!("{}: no column {col}", t.title));
    let r = t
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some(row) || r.label == row)
        .unwrap_or_else(|| panic!("{}: no row {row}", t.title));
    r.cell(c).map(|c| c.text.clone()).unwrap_or_default()
}

fn status(c: &fiscal_lint::Checked, key: &str) -> Status {
    let form = c.report.document.form.as_ref().expect("a form");
    assert_eq!(form.id, "jiangsu-budget");
    form.tables.iter().find(|t| t.key == key).map(|t| t.status).unwrap_or_else(|| panic!("no form table {key}"))
}

fn rows_keyed(t: &Table, key: &str) -> usize {
    t.rows.iter().filter(|r| r.key == Some(key)).count()
}

/// Errors of the table rules (T…, X…) and, separately, all errors.
fn errors(c: &fiscal_lint::Checked) -> Vec<String> {
    c.report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.message.zh))
        .collect()
}

/// Warnings and errors a rule reported (infos are 尾差 notes; passing checks are counted in the summary only).
fn table_rule_findings(c: &fiscal_lint::Checked, rule: &str) -> usize {
    c.report.findings.iter().filter(|f| f.rule == rule && f.severity != Severity::Info).count()
}

#[test]
fn jcy_fund_admin_costs_and_procurement_tables() {
    let c = check(&["jiangsu-prov-jcy-2019-budget.pdf"]);
    let doc = &c.read.document;
    for key in ["fiscal_summary", "three_public_meetings", "gov_fund", "admin_costs", "procurement"] {
        assert_eq!(status(&c, key), Status::Checked, "{key}");
    }
    // 公开10表: the header's 「金   额」 and the 「合   计」 row are letter-spaced; 「此表为空」 is printed as a row.
    let fund = table(doc, TableKind::GovFund);
    assert_eq!(fund.title, "政府性基金预算财政拨款支出预算表");
    assert_eq!(fund.unit.as_deref(), Some("万元"));
    assert_eq!(fund.columns.len(), 1);
    assert_eq!(fund.columns[0].key, keys::TOTAL);
    assert_eq!(fund.empty_statement.as_deref(), Some("此表为空"));
    assert_eq!(fund.rows.len(), 1);
    assert!(fund.stands_for_zeros());
    // 公开11表: 经济科目 codes, one 机关运行经费支出 column.
    let admin = table(doc, TableKind::AdminCosts);
    assert_eq!(admin.unit.as_deref(), Some("万元"));
    assert_eq!(admin.rows.len(), 17, "合计, 302 and 15 款");
    assert_eq!(cell(admin, "合计", keys::AMOUNT), "2,391.92");
    assert_eq!(cell(admin, "302", keys::AMOUNT), "2,391.92");
    assert_eq!(cell(admin, "30239", keys::AMOUNT), "473.82");
    // 公开12表: 合计, 两个品目大类 (no 工程), 专项 and 采购物品 rows.
    let proc = table(doc, TableKind::Procurement);
    assert_eq!(proc.title, "政府采购支出预算表");
    assert_eq!(proc.unit.as_deref(), Some("万元"));
    assert_eq!(proc.rows.len(), 41);
    assert_eq!(rows_keyed(proc, keys::GRAND_TOTAL), 1);
    assert_eq!(rows_keyed(proc, keys::PROCUREMENT_CATEGORY), 2);
    assert_eq!(rows_keyed(proc, keys::PROCUREMENT_PROJECT), 14);
    assert_eq!(rows_keyed(proc, keys::PROCUREMENT_ITEM), 24);
    assert_eq!(cell(proc, "合计", keys::AMOUNT), "2,744.84");
    assert_eq!(cell(proc, "三、服务C", keys::AMOUNT), "2,441.44");
    // Checks: 111 before these tables were read; the procurement sums (1 + 2 + 14), the admin table's (合计 and
    // 302) and the fund table against the 财政拨款收支预算总表's 政府性基金预算 row (blank, the table empty): +20;
    // 公开01–03 read (tests/jiangsu_totals.rs): +58; N003's check of every printed code: +26.
    assert_eq!(c.report.summary.checks, 215, "{:?}", c.report.summary);
    assert_eq!(table_rule_findings(&c, "T003") + table_rule_findings(&c, "T005"), 0);
    // The only errors are the narrative's rates (pinned with their reasons in tests/budget_narrative.rs).
    let errs = errors(&c);
    assert_eq!(errs.len(), 4, "{errs:#?}");
    assert!(errs.iter().all(|e| e.starts_with("C002") || e.starts_with("C003")), "{errs:#?}");
}

#[test]
fn swbgt_merged_fiscal_summary_three_public_and_other_tables() {
    let c = check(&["jiangsu-prov-swbgt-2018-budget-text.pdf", "jiangsu-prov-swbgt-2018-budget-tables.pdf"]);
    let doc = &c.read.document;
    for key in ["fiscal_summary", "three_public_meetings", "gov_fund", "admin_costs", "procurement"] {
        assert_eq!(status(&c, key), Status::Checked, "{key}");
    }
    // 公开04表: 「24,458.43」 and 「一、基本支出」 4 points apart were one cell; 「金额」 ended short of its figures.
    let fs = table(doc, TableKind::FiscalSummary);
    assert_eq!(fs.unit.as_deref(), Some("万元"));
    assert_eq!(fs.rows.len(), 7);
    assert_eq!(cell(fs, "一般公共预算", keys::AMOUNT), "24,458.43");
    let basic = fs.rows.iter().find(|r| r.key == Some(keys::EXPENDITURE_USE)).expect("a use row");
    let last = fs.columns.len() - 1;
    assert_eq!(basic.cell(last).map(|c| c.text.as_str()), Some("10,403.11"));
    assert_eq!(rows_keyed(fs, keys::EXPENDITURE_USE), 3);
    // 三公: 「会议费」 beside 「公务接待费」 is its own column's label; 「培训费」 reaches its figure by 3.6 points.
    let tp = table(doc, TableKind::ThreePublic);
    assert_eq!(tp.columns.len(), 9);
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_WITH_MEETINGS), "1,471.70");
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_RECEPTION), "27.00");
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_MEETINGS), "933.50");
    assert_eq!(cell(tp, "“三公”经费", keys::TP_BUDGET_TRAINING), "30.00");
    // 财政拨款政府性基金支出预算表: empty, 「注：本部门无相关收支项目」.
    let fund = table(doc, TableKind::GovFund);
    assert_eq!(fund.title, "财政拨款政府性基金支出预算表");
    assert_eq!(fund.unit.as_deref(), Some("万元"));
    assert!(fund.empty_statement.as_deref().is_some_and(|s| s.contains("本部门无相关收支项目")));
    assert!(fund.stands_for_zeros());
    let admin = table(doc, TableKind::AdminCosts);
    assert_eq!(admin.unit.as_deref(), Some("万元"));
    assert_eq!(admin.rows.len(), 16, "合计, 302 and 14 款");
    assert_eq!(cell(admin, "合计", keys::AMOUNT), "2,094.58");
    assert_eq!(cell(admin, "30231", keys::AMOUNT), "411.20");
    // 「2018年政府采购预算表」: the form's 政府采购支出预算表 (so not `missing`).
    let proc = table(doc, TableKind::Procurement);
    assert_eq!(proc.title, "2018年政府采购预算表");
    assert_eq!(proc.rows.len(), 39);
    assert_eq!(rows_keyed(proc, keys::PROCUREMENT_CATEGORY), 2);
    assert_eq!(rows_keyed(proc, keys::PROCUREMENT_PROJECT), 10);
    assert_eq!(rows_keyed(proc, keys::PROCUREMENT_ITEM), 26);
    assert_eq!(cell(proc, "合计", keys::AMOUNT), "1,449.50");
    // 91 checks before (the 财政拨款收支预算总表 and 三公 tables not read, the others not at all): +33; 公开01–03
    // read (tests/jiangsu_totals.rs) and N003's check of every printed code: +79.
    assert_eq!(c.report.summary.checks, 203, "{:?}", c.report.summary);
    assert_eq!(table_rule_findings(&c, "T003") + table_rule_findings(&c, "T005"), 0);
    // One error, the narrative's: 411.20 ÷ 508.20 = 80.91%, printed 80.92% (not reachable within the rounding).
    assert_eq!(errors(&c), vec!["C002 占比 80.92%：411.20 ÷ 508.20 = 80.91%，文中为 80.92%".to_string()]);
}

//! The Shanghai 部门/单位预算 form read table by table (docs/forms.md, src/forms/data/shanghai-budget.json): the three
//! summary tables (财务收支预算总表, 收入预算总表, 支出预算总表), the three-column 经济分类预算表 and the 「三公」经费和机关
//! 运行经费预算表, on the three shared Shanghai budget PDFs. Figures are read with their columns and units; the
//! identities run on them; a table whose figures cannot be placed for certain is not read (D001), never zeros.

use fiscal_lint::Checked;
use fiscal_lint::input::files::InputFile;
use fiscal_lint::model::{Document, Part, Table, TableKind, keys};
use fiscal_lint::narrative::link::Status;
use fiscal_lint::report::{Finding, Severity};
use fiscal_lint::rules::{Ctx, REGISTRY};
use std::path::PathBuf;

fn check(name: &str) -> Checked {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/pdf").join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    fiscal_lint::check_files(&[InputFile { name, bytes: &bytes }])
        .unwrap_or_else(|e| panic!("{name}: {}", e.message.en))
}

fn table(doc: &Document, kind: TableKind) -> &Table {
    doc.table(kind).map(|(_, t)| t).unwrap_or_else(|| panic!("no {kind:?}"))
}

/// The text of a cell, by row (a key, or a code) and column key.
fn cell<'a>(t: &'a Table, row: usize, col: &str) -> &'a str {
    let c = t.column(col).unwrap_or_else(|| panic!("{}: no column {col}: {:?}", t.title, t.columns));
    t.rows[row].cell(c).map(|c| c.text.as_str()).unwrap_or("")
}

fn row_key(t: &Table, key: &str) -> usize {
    t.row(key).unwrap_or_else(|| panic!("{}: no row {key}", t.title))
}

fn row_code(t: &Table, code: &str) -> usize {
    t.row_by_code(code).unwrap_or_else(|| panic!("{}: no row {code}", t.title))
}

fn col_keys(t: &Table) -> Vec<&str> {
    t.columns.iter().map(|c| c.key).collect()
}

/// How many identities a rule checked on the document.
fn checks(doc: &Document, code: &str) -> usize {
    let rule = REGISTRY.iter().find(|r| r.code == code).unwrap();
    let mut ctx = Ctx::new(doc, rule);
    (rule.check)(&mut ctx);
    ctx.checks
}

fn form_status(c: &Checked, key: &str) -> String {
    let form = c.report.document.form.as_ref().expect("a form");
    let t = form.tables.iter().find(|t| t.key == key).unwrap_or_else(|| panic!("no form table {key}"));
    format!("{:?}", t.status).to_lowercase()
}

fn errors(c: &Checked) -> Vec<&Finding> {
    c.report.findings.iter().filter(|f| f.severity == Severity::Error).collect()
}

fn zh(f: &Finding) -> &str {
    &f.message.zh
}

/// The 「三公」 table read with its figures (shflj's contents line 「9.单位“三公”经费…表」 is read as a table too,
/// with none) and its index.
fn read_three_public(doc: &Document) -> (usize, &Table) {
    let mut read =
        doc.tables.iter().enumerate().filter(|(_, t)| t.kind == TableKind::ThreePublic && !t.rows.is_empty());
    let found = read.next().expect("a 三公 table with figures");
    assert!(read.next().is_none(), "one 三公 table with figures");
    found
}

/// The 「三公」 table's one row: (column key, text as printed), a blank cell as "".
fn three_public_figures(tp: &Table) -> Vec<(&str, &str)> {
    assert_eq!(tp.rows.len(), 1, "{:?}", tp.rows);
    tp.columns.iter().zip(&tp.rows[0].cells).map(|(c, v)| (c.key, v.as_ref().map_or("", |v| v.text.as_str()))).collect()
}

/// The narrative's claims tied to the 「三公」 table's cells (「“三公”经费预算数」, each item, 机关运行经费) and how
/// they came out; and no 三公 figure of the text left unresolved.
fn three_public_claims(c: &Checked) -> Vec<(String, Status)> {
    let doc = &c.read.document;
    let tp = read_three_public(doc).0;
    let (_, js) = fiscal_lint::narrative::analyze(doc);
    let unresolved: Vec<&str> = js
        .iter()
        .filter(|j| {
            j.status == Status::Unresolved && (j.excerpt.contains("三公") || j.excerpt.contains("机关运行经费"))
        })
        .map(|j| j.excerpt.as_str())
        .collect();
    assert!(unresolved.is_empty(), "{unresolved:#?}");
    js.iter().filter(|j| j.cells.iter().any(|a| a.table == tp)).map(|j| (j.excerpt.clone(), j.status)).collect()
}

#[test]
fn wanli_every_table_read_and_checked() {
    let c = check("shanghai-putuo-wanli-2024-budget.pdf");
    let doc = &c.read.document;
    for key in [
        "finance_summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "general_budget_fn",
        "gov_fund_fn",
        "state_capital_fn",
        "basic_economic",
        "three_public",
    ] {
        assert!(form_status(&c, key).contains("checked") && !form_status(&c, key).contains("not"), "{key}");
    }
    // 财务收支预算总表: 收入 by source, 支出 by 类, 收入总计 = 支出总计.
    let s = table(doc, TableKind::Summary);
    assert_eq!(s.unit.as_deref(), Some("元"));
    let (inc, exp) =
        (s.column_in(keys::AMOUNT, Part::Income).unwrap(), s.column_in(keys::AMOUNT, Part::Expenditure).unwrap());
    let gi = s.row_in(keys::INCOME_GRAND_TOTAL, Part::Income).unwrap();
    assert_eq!(s.rows[gi].cell(inc).unwrap().text, "156,211,123");
    let gb = s.row(keys::INCOME_GENERAL_BUDGET).unwrap();
    assert_eq!(s.rows[gb].cell(inc).unwrap().text, "156,211,123");
    let r212 = s.row_by_code_in("212", Part::Expenditure).unwrap();
    assert_eq!(s.rows[r212].cell(exp).unwrap().text, "119,385,303");
    // 收入预算总表: 合计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入.
    let i = table(doc, TableKind::Income);
    assert_eq!(
        col_keys(i),
        [keys::TOTAL, keys::FISCAL_GRANT, keys::BUSINESS_INCOME, keys::OPERATING_INCOME, keys::OTHER_INCOME]
    );
    assert_eq!(cell(i, row_key(i, keys::GRAND_TOTAL), keys::FISCAL_GRANT), "156,211,123");
    assert_eq!(cell(i, row_code(i, "2080505"), keys::TOTAL), "4,608,515");
    // 支出预算总表: 合计 = 基本支出 + 项目支出.
    let e = table(doc, TableKind::Expenditure);
    assert_eq!(col_keys(e), [keys::TOTAL, keys::BASIC, keys::PROJECT]);
    assert_eq!(cell(e, row_key(e, keys::GRAND_TOTAL), keys::BASIC), "99,706,020");
    // 经济分类预算表: 合计 / 人员经费 / 公用经费; 「301」「2」 is 30102 (the 款 printed without its 0).
    let b = table(doc, TableKind::BasicDetail);
    assert_eq!(col_keys(b), [keys::AMOUNT, keys::PERSONNEL, keys::PUBLIC]);
    assert_eq!(cell(b, row_code(b, "30102"), keys::PERSONNEL), "16,623,810");
    assert_eq!(cell(b, row_code(b, "30217"), keys::PUBLIC), "13,500");
    let total = row_key(b, keys::GRAND_TOTAL);
    assert_eq!(
        [cell(b, total, keys::AMOUNT), cell(b, total, keys::PERSONNEL), cell(b, total, keys::PUBLIC)],
        ["99,706,020", "88,537,451", "11,168,569"]
    );
    // 「三公」经费和机关运行经费预算表, in 万元: seven figures for seven columns.
    let tp = table(doc, TableKind::ThreePublic);
    assert_eq!(tp.unit.as_deref(), Some("万元"));
    assert_eq!(
        three_public_figures(tp),
        [
            (keys::TP_BUDGET_TOTAL, "47.91"),
            (keys::TP_BUDGET_ABROAD, "0"),
            (keys::TP_BUDGET_RECEPTION, "1.35"),
            (keys::TP_BUDGET_VEHICLE, "46.56"),
            (keys::TP_BUDGET_VEHICLE_PURCHASE, "25"),
            (keys::TP_BUDGET_VEHICLE_OPS, "21.56"),
            (keys::TP_BUDGET_OPERATING, "443.18"),
        ]
    );
    // The identities run on them.
    assert_eq!(checks(doc, "T007"), 2, "合计 = 出国 + 车 + 接待; 小计 = 购置 + 运行");
    assert_eq!(checks(doc, "X005"), 1);
    assert!(checks(doc, "T002") >= 66 + 66 + 31, "{}", checks(doc, "T002"));
    assert!(checks(doc, "T005") >= 3 * 3 + 3, "{}", checks(doc, "T005"));
    assert!(checks(doc, "T001") >= 1, "{}", checks(doc, "T001"));
    assert!(checks(doc, "X001") >= 2, "{}", checks(doc, "X001"));
    assert!(checks(doc, "X002") >= 9, "{}", checks(doc, "X002"));
    // The narrative's 三公 figures resolve to the table.
    assert!(
        !c.report.findings.iter().any(|f| f.rule == "C001" && zh(f).contains("三公")),
        "{:#?}",
        c.report.findings.iter().filter(|f| zh(f).contains("三公")).map(zh).collect::<Vec<_>>()
    );
    // No warning; the only errors are the narrative's own (tests/budget_narrative.rs): 住房公积金 stated as 350.35
    // in its heading (= the table's 3,503,499 元) and 352.67 after it, with a rate that fits neither, and a growth
    // rate on a prior year of 0.00 — none from the tables.
    let bad: Vec<&str> = c.report.findings.iter().filter(|f| f.severity != Severity::Info).map(zh).collect();
    assert!(c.report.findings.iter().all(|f| f.severity != Severity::Warning), "{bad:#?}");
    assert_eq!(bad.len(), 3, "{bad:#?}");
    assert!(
        c.report.findings.iter().filter(|f| f.severity == Severity::Error).all(|f| f.rule.starts_with('C')),
        "{bad:#?}"
    );
    assert!(
        bad.iter().filter(|m| m.contains("352.67")).count() == 2 && bad.iter().any(|m| m.contains("以 0 为基数")),
        "{bad:#?}"
    );
}

#[test]
fn zfb_joined_columns_split_only_when_certain() {
    let c = check("shanghai-putuo-zfb-2025-budget.pdf");
    let doc = &c.read.document;
    // 收入预算总表: 「合计财政拨款收入」 over 「82,096,797.42 82,096,797.42」: two names, two figures, in every row.
    let i = table(doc, TableKind::Income);
    assert_eq!(&col_keys(i)[..2], [keys::TOTAL, keys::FISCAL_GRANT]);
    let total = row_key(i, keys::GRAND_TOTAL);
    assert_eq!([cell(i, total, keys::TOTAL), cell(i, total, keys::FISCAL_GRANT)], ["91,016,775.35", "91,016,775.35"]);
    assert!(checks(doc, "T002") > 0);
    for key in ["finance_summary", "income", "expenditure", "fiscal_summary", "general_budget_fn", "basic_economic"] {
        assert_eq!(form_status(&c, key), "checked", "{key}");
    }
    // 财务收支预算总表 and 财政拨款收支预算总表: the layout glued the income figure to the expenditure label
    // (「91,016,775.35一、一般公共服务支出」, header 「预算数项目」): split at the figure's end.
    for kind in [TableKind::Summary, TableKind::FiscalSummary] {
        let s = table(doc, kind);
        let inc = s.column_in(keys::AMOUNT, Part::Income).unwrap();
        let gb = s.row(keys::INCOME_GENERAL_BUDGET).unwrap();
        assert_eq!(s.rows[gb].cell(inc).unwrap().text, "91,016,775.35");
        let r201 = s.row_by_code_in("201", Part::Expenditure).unwrap();
        assert_eq!(s.rows[r201].label, "一般公共服务支出");
        let exp = s.columns.iter().position(|c| c.part == Some(Part::Expenditure)).unwrap();
        assert_eq!(s.rows[r201].cell(exp).unwrap().text, "82,096,797.42");
    }
    assert!(checks(doc, "X001") >= 2 && checks(doc, "X002") >= 4 && checks(doc, "X003") >= 1);
    let b = table(doc, TableKind::BasicDetail);
    assert_eq!(cell(b, row_code(b, "310"), keys::PUBLIC), "200,000.00");
    assert_eq!(checks(doc, "X005"), 1);
    // 「三公」 table: four figures for seven columns (the vehicle cells blank, not printed). The header's leaf
    // labels stand on a regular grid, and each figure lies within one of its cells: read, blanks as zeros.
    assert_eq!(form_status(&c, "three_public"), "checked");
    let tp = read_three_public(doc).1;
    assert_eq!(tp.unit.as_deref(), Some("万元"));
    assert_eq!(
        three_public_figures(tp),
        [
            (keys::TP_BUDGET_TOTAL, "867.50"),
            (keys::TP_BUDGET_ABROAD, "839.00"),
            (keys::TP_BUDGET_RECEPTION, "28.50"),
            (keys::TP_BUDGET_VEHICLE, ""),
            (keys::TP_BUDGET_VEHICLE_PURCHASE, ""),
            (keys::TP_BUDGET_VEHICLE_OPS, ""),
            (keys::TP_BUDGET_OPERATING, "213.28"),
        ]
    );
    assert!(
        !c.report.findings.iter().any(|f| f.rule == "D001"),
        "{:#?}",
        c.report.findings.iter().map(zh).collect::<Vec<_>>()
    );
    // 867.50 = 839.00 + 0 + 28.50; 0 = 0 + 0: both hold.
    assert_eq!(checks(doc, "T007"), 2);
    // The narrative ties to it: the total, the five items and 机关运行经费 213.28 (C001), and the two sums
    // 「867.50 … 其中 因公出国 839 … 公务接待 28.50」 and 「公务用车 0 … 购置 0 … 运行 0」 (C005), all consistent.
    let claims = three_public_claims(&c);
    assert_eq!(claims.len(), 9, "{claims:#?}");
    assert!(claims.iter().all(|(_, s)| *s == Status::Consistent), "{claims:#?}");
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c).iter().map(|f| zh(f)).collect::<Vec<_>>());
    assert!(!c.report.findings.iter().any(|f| zh(f).contains("空表，按 0 计")));
}

#[test]
fn shflj_unit_budget_summary_with_split_expenditure() {
    let c = check("shanghai-putuo-shflj-2024-budget-unit.pdf");
    let doc = &c.read.document;
    for key in ["finance_summary", "income", "expenditure", "basic_economic"] {
        assert_eq!(form_status(&c, key), "checked", "{key}");
    }
    // 财务收支预算总表: 预算数 split into 合计 / 人员经费 / 公用经费 / 项目支出 on the expenditure half.
    let s = table(doc, TableKind::Summary);
    let ex = |k| s.column_in(k, Part::Expenditure).unwrap();
    let g = s.row_in(keys::EXPENDITURE_GRAND_TOTAL, Part::Expenditure).unwrap();
    let got: Vec<&str> = [keys::AMOUNT, keys::PERSONNEL, keys::PUBLIC, keys::PROJECT]
        .iter()
        .map(|k| s.rows[g].cell(ex(k)).unwrap().text.as_str())
        .collect();
    assert_eq!(got, ["12,121,164", "7,380,214", "2,120,950", "2,620,000"]);
    let business = s.row(keys::INCOME_BUSINESS).unwrap();
    assert_eq!(s.rows[business].cell(s.column_in(keys::AMOUNT, Part::Income).unwrap()).unwrap().text, "2,620,000");
    assert!(checks(doc, "T002") > 0);
    // 「三公」 table: six figures for seven columns (购置费's cell blank, not printed), each within one cell of the
    // header's grid: read. 6.4 = 0 + 6.4 + 0 and 6.4 = 0 + 6.4 hold.
    assert_eq!(form_status(&c, "three_public"), "checked");
    let tp = read_three_public(doc).1;
    assert_eq!(
        three_public_figures(tp),
        [
            (keys::TP_BUDGET_TOTAL, "6.4"),
            (keys::TP_BUDGET_ABROAD, "0"),
            (keys::TP_BUDGET_RECEPTION, "0"),
            (keys::TP_BUDGET_VEHICLE, "6.4"),
            (keys::TP_BUDGET_VEHICLE_PURCHASE, ""),
            (keys::TP_BUDGET_VEHICLE_OPS, "6.4"),
            (keys::TP_BUDGET_OPERATING, "0"),
        ]
    );
    assert!(!c.report.findings.iter().any(|f| f.rule == "D001"));
    assert_eq!(checks(doc, "T007"), 2);
    // The narrative ties to it: the total and the five items (C001) and the two sums (C005), all consistent.
    let claims = three_public_claims(&c);
    assert_eq!(claims.len(), 8, "{claims:#?}");
    assert!(claims.iter().all(|(_, s)| *s == Status::Consistent), "{claims:#?}");
    // The errors left are the document's own (see the report): 210 named two ways (N001), the 项 printed
    // 「7 11 02」 instead of 「210 11 02」 in the 支出预算表 and the 一般公共预算支出功能分类预算表 (N003, one finding
    // each, naming the printed code), and the narrative's 738.66 万元 against 6,964,796 元 (C001).
    let e = errors(&c);
    let mut rules: Vec<&str> = e.iter().map(|f| f.rule).collect();
    rules.sort();
    assert_eq!(rules, ["C001", "N001", "N001", "N003", "N003"], "{:#?}", e.iter().map(|f| zh(f)).collect::<Vec<_>>());
    assert!(e.iter().filter(|f| f.rule == "N001").all(|f| zh(f).contains("医疗卫生与计划生育支出")));
    for f in e.iter().filter(|f| f.rule == "N003") {
        assert!(zh(f).contains("「事业单位医疗」：科目编码「7 11 02」不是有效的科目编码"), "{}", zh(f));
        assert_eq!(f.actual.as_deref(), Some("7 11 02"));
    }
    // The row is out of the hierarchy: 210 = 21011 and 合计 = Σ 类 hold (no T003 error, no sum naming 71102).
    assert!(!c.report.findings.iter().any(|f| f.rule == "T003" && f.severity != Severity::Info));
    assert!(!c.report.findings.iter().any(|f| zh(f).contains("71102")));
    let t3 = table(doc, TableKind::Expenditure);
    let r = t3.rows.iter().find(|r| r.label == "事业单位医疗").expect("the 7 11 02 row");
    assert_eq!((r.code.as_deref(), r.printed_code.as_deref()), (None, Some("7 11 02")));
    assert!(!c.report.findings.iter().any(|f| zh(f).contains("空表，按 0 计")));
    assert!(checks(doc, "X001") >= 2 && checks(doc, "X002") >= 3 && checks(doc, "T005") >= 3);
    // No row-total or class-sum error on the newly read tables.
    assert!(!e.iter().any(|f| matches!(f.rule, "T001" | "T002" | "T005" | "X001" | "X002" | "X005")));
}

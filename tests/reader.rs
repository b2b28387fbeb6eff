//! The text reader on the real seed document and on hand-written variants (pasted table, split codes, page
//! breaks with repeated headers, full-width digits, unreadable cells).

use fiscal_lint::input::text::read;
use fiscal_lint::model::{Document, Part, TableKind, keys};
use std::path::PathBuf;

fn shared(rel: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn seed() -> (String, Document) {
    let text = shared("samples/henan-xinxiang-hongqi-gxj-2023-final.txt");
    let doc = read(&text).expect("seed sample reads");
    (text, doc)
}

fn value(doc: &Document, kind: TableKind, code_or_key: &str, col: &str) -> String {
    let (_, t) = doc.table(kind).expect("table");
    let r = t.row_by_code(code_or_key).or_else(|| t.row(code_or_key)).expect("row");
    let c = t.column(col).expect("column");
    t.rows[r].cell(c).map(|c| c.text.clone()).unwrap_or_default()
}

#[test]
fn seed_metadata_and_all_nine_tables() {
    let (_, doc) = seed();
    assert_eq!(doc.year, Some(2023));
    assert_eq!(doc.organization.as_deref(), Some("新乡市红旗区工业和信息化局"));
    assert_eq!(doc.unit.as_deref(), Some("万元"));
    let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
    // Every kind of the 决算 form (the Jiangsu budget's 机关运行经费 and 政府采购 tables are not in it).
    for k in TableKind::ALL.iter().filter(|k| !matches!(k, TableKind::AdminCosts | TableKind::Procurement)) {
        assert!(kinds.contains(k), "missing {k:?}");
    }
    assert_eq!(kinds.iter().filter(|k| **k == TableKind::Performance).count(), 3);
    assert!(doc.issues.is_empty(), "{:?}", doc.issues);
}

#[test]
fn seed_summary_halves_across_page_break() {
    let (_, doc) = seed();
    let (_, t1) = doc.table(TableKind::Summary).unwrap();
    let inc = t1.column_in(keys::AMOUNT, Part::Income).unwrap();
    let exp = t1.column_in(keys::AMOUNT, Part::Expenditure).unwrap();
    let total = t1.row_in(keys::INCOME_TOTAL, Part::Income).unwrap();
    assert_eq!(t1.rows[total].cell(inc).unwrap().text, "2060.14");
    // 类 rows on both sides of the page break, codes derived from the names.
    let r215 = t1.row_by_code_in("215", Part::Expenditure).unwrap();
    assert_eq!(t1.rows[r215].cell(exp).unwrap().text, "361.00");
    let r216 = t1.row_by_code_in("216", Part::Expenditure).unwrap();
    assert_eq!(t1.rows[r216].label, "商业服务业等支出");
    assert_eq!(t1.rows.iter().filter(|r| r.part == Some(Part::Expenditure) && r.code.is_some()).count(), 26);
    // T4's non-standard 类 name is still tied to 207.
    let (_, t4) = doc.table(TableKind::FiscalSummary).unwrap();
    let r207 = t4.row_by_code_in("207", Part::Expenditure).unwrap();
    assert_eq!(t4.rows[r207].label, "文化旅游与传媒支出");
    assert!(t4.row(keys::OPENING_GENERAL_BUDGET).is_some());
    assert_eq!(value(&doc, TableKind::FiscalSummary, keys::EXPENDITURE_TOTAL, keys::GENERAL_BUDGET), "1070.44");
}

#[test]
fn seed_code_tables() {
    let (_, doc) = seed();
    assert_eq!(value(&doc, TableKind::Expenditure, "20113", keys::TOTAL), "221.56");
    assert_eq!(value(&doc, TableKind::Expenditure, "2011399", keys::PROJECT), "82.28");
    assert_eq!(value(&doc, TableKind::GeneralBudget, "20113", keys::TOTAL), "221.26");
    assert_eq!(value(&doc, TableKind::Income, keys::GRAND_TOTAL, keys::FISCAL_GRANT), "2060.14");
    // T7: codes printed in the 款 column, header cells misaligned with the data.
    assert_eq!(value(&doc, TableKind::GovFund, "2290402", keys::YEAR_INCOME), "1000.00");
    assert_eq!(value(&doc, TableKind::GovFund, keys::GRAND_TOTAL, keys::CLOSING), "0.00");
    let (_, t7) = doc.table(TableKind::GovFund).unwrap();
    assert_eq!(t7.rows[t7.row_by_code("22904").unwrap()].label, "其他政府性基金及对应专项债务收入");
}

#[test]
fn seed_basic_detail_blocks_and_footer() {
    let (_, doc) = seed();
    assert_eq!(value(&doc, TableKind::BasicDetail, "302", keys::AMOUNT), "7.71");
    assert_eq!(value(&doc, TableKind::BasicDetail, "31002", keys::AMOUNT), "0.24");
    assert_eq!(value(&doc, TableKind::BasicDetail, "39999", keys::AMOUNT), "0.00");
    assert_eq!(value(&doc, TableKind::BasicDetail, keys::PERSONNEL_TOTAL, keys::AMOUNT), "131.02");
    assert_eq!(value(&doc, TableKind::BasicDetail, keys::PUBLIC_TOTAL, keys::AMOUNT), "7.95");
}

#[test]
fn seed_empty_tables_have_statements() {
    let (_, doc) = seed();
    let (_, t8) = doc.table(TableKind::StateCapital).unwrap();
    assert!(t8.empty_statement.as_deref().unwrap().contains("本表无数据"));
    let (_, t9) = doc.table(TableKind::ThreePublic).unwrap();
    assert!(t9.empty_statement.is_some());
    assert_eq!(t9.columns.len(), 12);
    assert_eq!(t9.columns[3].key, keys::TP_BUDGET_VEHICLE_PURCHASE);
    assert_eq!(t9.columns[10].key, keys::TP_FINAL_VEHICLE_OPS);
}

#[test]
fn cell_sources_point_at_the_printed_text() {
    let (text, doc) = seed();
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    for t in &doc.tables {
        for r in &t.rows {
            for c in r.cells.iter().flatten() {
                if c.text.is_empty() {
                    continue;
                }
                let s: String = chars[c.source.start as usize..c.source.end as usize].iter().collect();
                assert_eq!(s, c.text, "table {} line {}", t.id, c.source.line);
                n += 1;
            }
        }
    }
    assert!(n > 400, "{n}");
    for b in &doc.narrative {
        let s: String = chars[b.start as usize..b.end as usize].iter().collect();
        assert_eq!(s.trim(), b.text.trim());
    }
}

#[test]
fn narrative_keeps_the_explanations() {
    let (_, doc) = seed();
    assert!(doc.narrative.iter().any(|b| b.text.contains("占支出合计的 100.00%")));
    assert!(doc.narrative.iter().any(|b| b.text.starts_with("一、收入支出决算总体情况说明")));
    // Table rows never leak into the narrative.
    assert!(!doc.narrative.iter().any(|b| b.text.starts_with("2011301")));
}

#[test]
fn pasted_table_without_title_is_recognised_by_header() {
    let doc = read(&fixture("pasted-expenditure.tsv")).unwrap();
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(doc.tables[0].kind, TableKind::Expenditure);
    assert_eq!(value(&doc, TableKind::Expenditure, keys::GRAND_TOTAL, keys::TOTAL), "1,250.50");
    assert_eq!(value(&doc, TableKind::Expenditure, "2050201", keys::TOTAL), "１００．５０");
    let (_, t) = doc.table(TableKind::Expenditure).unwrap();
    let r = t.row(keys::GRAND_TOTAL).unwrap();
    let c = t.rows[r].cell(t.column(keys::OPERATING_EXPENSE).unwrap()).unwrap();
    assert_eq!(c.amount.unwrap().scale, None, "「-」 is an exact zero");
    let full = t.rows[t.row_by_code("2050201").unwrap()].cell(0).unwrap().amount.unwrap();
    assert_eq!(full.value.to_string(), "100.50");
}

#[test]
fn split_codes_page_break_repeated_header_and_unreadable_cell() {
    let doc = read(&fixture("split-codes-general-budget.txt")).unwrap();
    let (_, t) = doc.table(TableKind::GeneralBudget).unwrap();
    let codes: Vec<&str> = t.rows.iter().filter_map(|r| r.code.as_deref()).collect();
    assert_eq!(codes, ["208", "20805", "2080501", "2080502"]);
    let r = t.row_by_code("2080502").unwrap();
    assert_eq!(t.rows[r].cell(t.column(keys::BASIC).unwrap()).unwrap().amount, None);
    assert_eq!(doc.issues.len(), 1);
    assert!(doc.issues[0].message_zh.contains("「XX」不是金额"), "{}", doc.issues[0].message_zh);
    assert_eq!(doc.issues[0].source.line, 13);
}

#[test]
fn code_and_name_in_one_cell() {
    let doc = read(&fixture("spaced-codes-income.txt")).unwrap();
    let (_, t) = doc.table(TableKind::Income).unwrap();
    let r = t.row_by_code("2010301").expect("code split from the name");
    assert_eq!(t.rows[r].label, "行政运行");
    // A row one field short (trailing tab dropped) reads the missing field as blank.
    assert_eq!(t.rows[r].cell(t.column(keys::OTHER_INCOME).unwrap()).unwrap().text, "");
}

#[test]
fn unrecognisable_input_says_so() {
    let e = read("今天天气很好。\n明天也不错。").unwrap_err();
    assert!(e.message.zh.contains("未识别到"));
    let doc = read("决算说明\n甲\t乙\t丙\n1\t2\t3\n").unwrap();
    assert!(doc.tables.is_empty());
    assert!(doc.issues[0].message_zh.contains("无法识别"));
}

#[test]
fn three_public_national_and_paired_layouts() {
    for name in ["three-public-national.txt", "three-public-paired.txt"] {
        let doc = read(&fixture(name)).unwrap();
        assert!(doc.issues.is_empty(), "{name}: {:?}", doc.issues);
        let (_, t) = doc.table(TableKind::ThreePublic).unwrap();
        assert_eq!(t.columns.len(), 12, "{name}");
        let get = |k: &str| t.rows[0].cell(t.column(k).unwrap()).unwrap().text.clone();
        let (b_total, f_ops, f_vehicle) =
            (get(keys::TP_BUDGET_TOTAL), get(keys::TP_FINAL_VEHICLE_OPS), get(keys::TP_FINAL_VEHICLE));
        match name {
            "three-public-national.txt" => {
                assert_eq!((b_total.as_str(), f_ops.as_str(), f_vehicle.as_str()), ("12.00", "7.80", "7.80"))
            }
            _ => assert_eq!((b_total.as_str(), f_ops.as_str(), f_vehicle.as_str()), ("5.00", "3.60", "3.60")),
        }
        let label = &t.columns[t.column(keys::TP_FINAL_RECEPTION).unwrap()].label;
        assert!(label.starts_with("决算数") && label.ends_with("公务接待费"), "{label}");
    }
}

/// Each table of the seed document, pasted alone without its title (as copied from Excel/WPS), is recognised by
/// its header and read with the same rows. T8 is left out: its header (合计/基本支出/项目支出 with no rows) is the
/// same as T5's, so alone it cannot be told apart; with its title it is read as T8 (see above).
#[test]
fn each_seed_table_pasted_alone_reads_the_same() {
    let (text, doc) = seed();
    let lines: Vec<&str> = text.split('\n').collect();
    for t in doc.tables.iter().filter(|t| t.kind != TableKind::StateCapital && t.kind != TableKind::Performance) {
        let first = t.source.line as usize + 1; // the line after the title
        let last = t.rows.iter().map(|r| r.source.line).max().unwrap_or(t.source.line + 8) as usize;
        let last = if t.rows.is_empty() { first + t.header.len() + 6 } else { last };
        let pasted: String = lines[first - 1..last.min(lines.len())]
            .iter()
            .filter(|l| l.contains('\t'))
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        let alone = read(&pasted).unwrap_or_else(|e| panic!("{}: {e}", t.title));
        assert_eq!(alone.tables.len(), 1, "{}", t.title);
        let a = &alone.tables[0];
        assert_eq!(a.kind, t.kind, "{}", t.title);
        let keys_of = |x: &fiscal_lint::model::Table| x.columns.iter().map(|c| c.key).collect::<Vec<_>>();
        assert_eq!(keys_of(a), keys_of(t), "{}", t.title);
        let texts = |x: &fiscal_lint::model::Table| {
            x.rows
                .iter()
                .map(|r| {
                    (
                        r.code.clone(),
                        r.key,
                        r.cells.iter().map(|c| c.as_ref().map(|c| c.text.clone())).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(a), texts(t), "{}", t.title);
    }
}

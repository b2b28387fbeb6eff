//! The Jiangsu budget form's tables that the 决算 template has no role for, or prints differently (公开10–12表):
//! - 政府性基金预算财政拨款支出预算表 — a 功能科目 code table with one 金额 column, read as `GovFund` with that
//!   column as the row's total (titles vary: 「财政拨款政府性基金支出预算表」, 「政府性基金财政拨款支出预算表」);
//! - 一般公共预算机关运行经费支出预算表 — 经济科目 codes with one 机关运行经费支出 column (`AdminCosts`);
//! - 政府采购支出预算表 (「2018年政府采购预算表」) — no codes: 合计, 采购品目大类 rows (一、货物A, 二、工程B,
//!   三、服务C), under each the 专项名称·经济科目 rows and under those the 采购物品 rows with their 采购组织形式;
//!   one 总计 column (`Procurement`).
//!
//! Empty tables print their statement inside the table (「此表为空」 on a row of its own) and letter-space their
//! labels (「金   额」, 「合   计」, one cell per character): both are undone here before the table is built.

use super::RawRow;
use super::tables::Schema;
use super::text::squashed;
use crate::amount;
use crate::model::{Cell, Column, ReadIssue, Row, Table, TableKind, keys};

/// The kind of one of these tables from its title (whitespace removed), before the 决算 template's words, which
/// take 「…机关运行经费支出预算表」 for a 一般公共预算 expenditure table and miss 「财政拨款政府性基金支出预算表」.
pub(crate) fn title_kind(t: &str) -> Option<TableKind> {
    if t.contains("决算") || t.contains("三公") {
        return None;
    }
    if t.contains("机关运行经费") && t.ends_with("支出预算表") {
        Some(TableKind::AdminCosts)
    } else if t.contains("政府性基金") && t.ends_with("支出预算表") && !t.contains("功能分类") {
        Some(TableKind::GovFund)
    } else if t.contains("政府采购") && t.ends_with("预算表") {
        Some(TableKind::Procurement)
    } else {
        None
    }
}

/// The 机关运行经费支出预算表's one amount column.
pub(crate) const ADMIN_COSTS_COLUMNS: Schema = &[(keys::AMOUNT, &["机关运行经费支出", "机关运行经费", "金额"])];

/// Undoes letter-spaced labels and takes out an empty-table statement printed as a row, for the tables read
/// here; returns the statement. Other tables are left as they are.
pub(crate) fn prepare(kind: TableKind, rows: &mut Vec<RawRow>) -> Option<String> {
    if !matches!(kind, TableKind::GovFund | TableKind::AdminCosts | TableKind::Procurement) {
        return None;
    }
    for r in rows.iter_mut() {
        join_spaced_label(r);
    }
    let at = rows.iter().position(|r| {
        let t: String = r.cells.iter().map(|c| squashed(&c.text).into_owned()).collect();
        super::text::is_empty_statement(&t)
    })?;
    let r = rows.remove(at);
    Some(r.cells.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(""))
}

/// 「金」「额」 or 「合」「计」 in cells next to each other (blank cells between them allowed): one cell.
fn join_spaced_label(r: &mut RawRow) {
    const LABELS: [&str; 3] = ["金额", "合计", "总计"];
    let filled: Vec<usize> = (0..r.cells.len()).filter(|&i| !r.cells[i].text.trim().is_empty()).collect();
    for w in filled.windows(2) {
        let (a, b) = (w[0], w[1]);
        let joined = format!("{}{}", squashed(&r.cells[a].text), squashed(&r.cells[b].text));
        if LABELS.contains(&joined.as_str()) {
            r.cells[a].text = joined;
            r.cells[b].text.clear();
            return;
        }
    }
}

/// 采购组织形式 as printed in the form (注：集中采购、部门集中采购和分散采购; 「分散自行组织」): a row naming one is a
/// 采购物品 row. Contained, not ending: the layout may run it into the name beside it and a wrapped name's tail
/// after it (「其他办公消耗用品及类似物 分散自行组织品」).
fn is_procurement_method(t: &str) -> bool {
    ["集中采购", "分散采购", "自行组织", "自行采购"].iter().any(|w| t.contains(w))
}

/// 「一、货物A」「三、服务C」: a 采购品目大类 row.
fn is_category(t: &str) -> bool {
    let mut cs = t.chars();
    let first = cs.next().unwrap_or(' ');
    "一二三四五".contains(first) && cs.next() == Some('、')
}

/// Reads a 政府采购支出预算表: every line with a figure is a row (合计, a 品目大类, a 专项·经济科目 subtotal, or a
/// 采购物品 with its 采购组织形式), its label the text cells joined with 「·」; the figure is the line's last one.
/// A line with text and no figure is the wrapped part of a label (「网络、电子检」…): it names the next row with a
/// figure only when that row prints no text of its own (labels are for messages; figures are what is checked). A line with two figures is not guessed
/// at: it is left out and reported.
pub(crate) fn procurement(rows: &[RawRow], table: &mut Table) -> Vec<ReadIssue> {
    let mut issues = Vec::new();
    let header_end = rows
        .iter()
        .position(|r| r.cells.iter().any(|c| amount::parse_amount(&c.text).is_ok_and(|a| a.scale.is_some())))
        .unwrap_or(rows.len());
    let header = &rows[..header_end];
    let names_total =
        header.iter().flat_map(|r| r.cells.iter()).any(|c| matches!(&*squashed(&c.text), "总计" | "金额"));
    if !names_total {
        return issues;
    }
    table.header = header.iter().map(|r| r.cells.iter().map(|c| c.text.clone()).collect()).collect();
    table.columns = vec![Column { label: "总计".into(), key: keys::AMOUNT, part: None }];
    let mut pending: Vec<String> = Vec::new();
    for r in &rows[header_end..] {
        let figures: Vec<&super::RawCell> =
            r.cells.iter().filter(|c| amount::parse_amount(&c.text).is_ok_and(|a| a.scale.is_some())).collect();
        let texts: Vec<String> = r
            .cells
            .iter()
            .filter(|c| !c.text.trim().is_empty() && !figures.iter().any(|f| std::ptr::eq(*f, *c)))
            .map(|c| squashed(&c.text).into_owned())
            .collect();
        match figures[..] {
            [] => {
                if !texts.is_empty() {
                    pending.push(texts.concat());
                }
            }
            [fig] => {
                let method = texts.iter().any(|t| is_procurement_method(t));
                let first = texts.first().map(String::as_str).unwrap_or("");
                let key = if texts.len() == 1 && matches!(first, "合计" | "总计") {
                    keys::GRAND_TOTAL
                } else if is_category(first) {
                    keys::PROCUREMENT_CATEGORY
                } else if method {
                    keys::PROCUREMENT_ITEM
                } else {
                    keys::PROCUREMENT_PROJECT
                };
                // A wrapped fragment on a line of its own names the row only when the row prints no text.
                let label_parts = if texts.is_empty() { std::mem::take(&mut pending) } else { texts };
                pending.clear();
                let amount = amount::parse_amount(&fig.text).ok();
                table.rows.push(Row {
                    label: label_parts.join("·"),
                    code: None,
                    key: Some(key),
                    part: None,
                    cells: vec![Some(Cell { text: fig.text.clone(), amount, source: fig.source })],
                    source: r.source,
                    printed_code: None,
                });
            }
            _ => issues.push(ReadIssue {
                message_zh: format!("{}：此行有多个数字，无法确定哪一个是总计，未读取", table.title),
                message_en: format!(
                    "{}: this line has several figures; which is the 总计 is unclear, not read",
                    table.title
                ),
                source: r.source,
                excerpt: r.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("\t"),
                table: None,
            }),
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, TableKind, keys};

    fn read(text: &str) -> Document {
        crate::input::text::read(text).expect("reads")
    }

    #[test]
    fn titles() {
        use super::title_kind;
        assert_eq!(title_kind("财政拨款政府性基金支出预算表"), Some(TableKind::GovFund));
        assert_eq!(title_kind("政府性基金预算财政拨款支出预算表"), Some(TableKind::GovFund));
        assert_eq!(title_kind("一般公共预算机关运行经费支出预算表"), Some(TableKind::AdminCosts));
        assert_eq!(title_kind("2018年政府采购预算表"), Some(TableKind::Procurement));
        assert_eq!(title_kind("政府采购支出预算表"), Some(TableKind::Procurement));
        // Not these: the Shanghai 三公 and 机关运行经费 table, a 决算 fund table, a Shanghai 功能分类 table.
        assert_eq!(title_kind("2024年部门“三公”经费和机关运行经费预算表"), None);
        assert_eq!(title_kind("政府性基金预算财政拨款收入支出决算表"), None);
        assert_eq!(title_kind("政府性基金预算支出功能分类预算表"), None);
    }

    #[test]
    fn empty_fund_table_letter_spaced() {
        let doc = read(
            "政府性基金预算财政拨款支出预算表\n部门名称：某部门\t\t单位：万元\n功能科目编码\t\t功能科目名称\t金\t额\n\
             \t合\t计\t\t\t\n此表为空\t\t\t\t\t\n",
        );
        let t = &doc.tables[0];
        assert_eq!(t.kind, TableKind::GovFund);
        assert_eq!(t.unit.as_deref(), Some("万元"));
        assert_eq!(t.columns.len(), 1);
        assert_eq!(t.columns[0].key, keys::TOTAL);
        assert_eq!(t.empty_statement.as_deref(), Some("此表为空"));
        assert_eq!(t.row(keys::GRAND_TOTAL), Some(0));
        assert!(t.stands_for_zeros());
    }

    #[test]
    fn fund_table_with_figures() {
        let doc = read(
            "政府性基金预算财政拨款支出预算表\n单位：万元\n功能科目编码\t功能科目名称\t金额\n合计\t\t20.00\n\
             212\t城乡社区支出\t20.00\n21208\t国有土地使用权出让收入安排的支出\t20.00\n",
        );
        let t = &doc.tables[0];
        assert_eq!(t.kind, TableKind::GovFund);
        assert_eq!(t.rows.len(), 3);
        assert!(t.empty_statement.is_none());
        let total = t.column(keys::TOTAL).expect("金额 is the total");
        assert_eq!(t.rows[1].code.as_deref(), Some("212"));
        assert_eq!(t.rows[2].cell(total).map(|c| c.text.as_str()), Some("20.00"));
    }

    #[test]
    fn admin_costs_header() {
        let doc = read(
            "一般公共预算机关运行经费支出预算表\n单位：万元\n科目编码\t科目名称\t机关运行经费支出\n合计\t\t60.00\n\
             302\t商品和服务支出\t60.00\n30201\t办公费\t40.00\n30231\t公务用车运行维护费\t20.00\n",
        );
        let t = &doc.tables[0];
        assert_eq!(t.kind, TableKind::AdminCosts);
        assert_eq!(t.columns.len(), 1);
        assert_eq!(t.columns[0].key, keys::AMOUNT);
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.row_by_code("30231"), Some(3));
        // Not taken for a 一般公共预算 expenditure table any more.
        assert!(doc.tables.iter().all(|t| t.kind != TableKind::GeneralBudget));
    }

    #[test]
    fn procurement_rows_by_level() {
        let doc = read(
            "政府采购支出预算表\n部门：某部门\t单位：万元\n采购品目大类\t专项名称\t经济科目\t采购物品名称\t采购组织形式\t总计\n\
             合计\t\t\t\t\t100.00\n一、货物A\t\t\t\t\t70.00\n\t办公设备购置费\t办公设备购置\t\t\t70.00\n\
             \t\t\t台式计算机（20\t\t\n\t\t\t\t分散自行组织\t50.00\n\t\t\t万以下）\t\t\n\
             \t\t\t复印机\t部门集中采购\t20.00\n三、服务C\t\t\t\t\t30.00\n\t会议费\t会议费\t\t\t30.00\n\
             \t\t\t会议服务\t政府集中采购\t30.00\n",
        );
        let t = &doc.tables[0];
        assert_eq!(t.kind, TableKind::Procurement);
        assert_eq!(t.unit.as_deref(), Some("万元"));
        let keys: Vec<&str> = t.rows.iter().filter_map(|r| r.key).collect();
        assert_eq!(
            keys,
            [
                keys::GRAND_TOTAL,
                keys::PROCUREMENT_CATEGORY,
                keys::PROCUREMENT_PROJECT,
                keys::PROCUREMENT_ITEM,
                keys::PROCUREMENT_ITEM,
                keys::PROCUREMENT_CATEGORY,
                keys::PROCUREMENT_PROJECT,
                keys::PROCUREMENT_ITEM,
            ]
        );
        assert_eq!(t.rows[2].label, "办公设备购置费·办公设备购置");
        assert_eq!(t.rows[4].label, "复印机·部门集中采购");
        assert_eq!(t.rows[1].cell(0).map(|c| c.text.as_str()), Some("70.00"));
    }

    #[test]
    fn procurement_line_with_two_figures_is_not_guessed() {
        let doc = read(
            "政府采购支出预算表\n单位：万元\n采购物品名称\t采购组织形式\t总计\n合计\t\t10.00\n复印机\t5.00\t5.00\n",
        );
        let t = &doc.tables[0];
        assert_eq!(t.rows.len(), 1);
        assert!(doc.issues.iter().any(|i| i.message_zh.contains("多个数字")), "{:?}", doc.issues);
    }
}

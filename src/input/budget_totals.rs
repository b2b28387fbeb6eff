//! The Jiangsu provincial budget's three total tables (公开01–03), whose layouts the 决算 template's readers do not
//! fit:
//! - 收支预算总表: 收入 (项目名称, 金额) beside 支出 split twice — 功能分类 (功能科目名称, 金额) and 支出用途 (项目名称,
//!   金额) — with 当年收入/支出小计, 上年结转资金 / 结转下年资金 and 收入/支出合计 across the bottom. Read as a
//!   `Summary`: income rows keyed by source, the 功能分类 类 rows with their code and the 支出用途 rows keyed
//!   `EXPENDITURE_USE`, all under one expenditure 金额 column (both halves add up to the same 当年支出小计).
//! - 收入预算总表: one 金额 column down a list of sources in groups (一般公共预算资金, 政府性基金, 财政专户管理资金, 其他资金,
//!   上年结转和结余资金), each group's 小计 first, then its items. Read as an `Income` table: 收入总计 keyed
//!   `INCOME_GRAND_TOTAL`, each group's 小计 keyed by its source (the same keys as the summary's rows), the items
//!   following it unkeyed, a 「其中：」 item keyed `OF_WHICH` (part of its group, not an addend).
//! - 支出预算总表: 合计, 基本支出, 项目支出, 单位预留机动经费, 结转下年资金 over a line of figures. Read as an
//!   `Expenditure` table whose figure line is its 合计 row.
//!
//! Recognised by header text (each `is_…` below); anything else goes to the template readers.

use super::RawRow;
use crate::amount::{self, Amount};
use crate::classification::{closest_functional_class, functional_class_code, is_code, squashed};
use crate::model::{Cell, Column, Part, ReadIssue, Row, Source, Table, TableKind, keys};

/// Reads `rows` into `table` when they are laid out as one of the three tables; false (nothing changed) otherwise.
pub(crate) fn read(kind: TableKind, rows: &[RawRow], table: &mut Table, issues: &mut Vec<ReadIssue>) -> bool {
    match kind {
        TableKind::Summary if is_summary_header(rows) => summary(rows, table, issues),
        TableKind::Income if is_source_list(rows) => source_list(rows, table, issues),
        TableKind::Expenditure if is_use_columns(rows) => use_columns(rows, table, issues),
        _ => return false,
    }
    true
}

fn texts(rows: &[RawRow]) -> impl Iterator<Item = String> + '_ {
    rows.iter().flat_map(|r| r.cells.iter().map(|c| squashed(&c.text).into_owned()))
}

/// A figure as the tables print amounts: digits with decimals (`24,169.74`, `3990.4`), not 「1.」 of 「1.一般公共预算」.
fn is_figure(t: &str) -> bool {
    t.contains('.') && t.bytes().last().is_some_and(|b| b.is_ascii_digit()) && amount::parse_amount(t).is_ok()
}

fn read_cell(text: &str, source: Source, table: &Table, issues: &mut Vec<ReadIssue>) -> Cell {
    let parsed = if text.trim().is_empty() { Ok(Amount::exact_zero()) } else { amount::parse_amount(text) };
    if parsed.is_err() {
        issues.push(ReadIssue {
            message_zh: format!(
                "{}第 {} 行「{}」不是金额，用到它的勾稽关系无法核对",
                table.name_zh(),
                source.line,
                text
            ),
            message_en: format!(
                "{}, line {}: “{}” is not an amount; identities that need it are not checked",
                table.name_en(),
                source.line,
                text
            ),
            source,
            excerpt: text.to_string(),
            table: Some(table.id.clone()),
        });
    }
    Cell { text: text.to_string(), amount: parsed.ok(), source }
}

/// A cell with no figure printed in it: blank is an exact zero (domain.md §1).
fn blank(source: Source) -> Cell {
    Cell { text: String::new(), amount: Some(Amount::exact_zero()), source: Source { start: source.end, ..source } }
}

// ---- 收支预算总表

fn is_summary_header(rows: &[RawRow]) -> bool {
    let head: String = texts(rows).take(40).collect();
    head.contains("功能分类") && head.contains("支出用途")
}

/// A piece of a cell: a label or a figure (the layout glues a figure to the next half's label: 「24,458.43一、一般…」).
struct Piece {
    text: String,
    figure: bool,
    cell: usize,
    source: Source,
}

/// Splits a cell's text at spaces and where a figure meets a label.
fn pieces(r: &RawRow) -> Vec<Piece> {
    let mut out = Vec::new();
    for (ci, c) in r.cells.iter().enumerate() {
        for word in c.text.split_whitespace() {
            let digits = word.find(|ch: char| !(ch.is_ascii_digit() || ch == ',' || ch == '.')).unwrap_or(word.len());
            let (head, rest) = word.split_at(digits);
            let split_tail = |w: &str| {
                let at = w
                    .rfind(|ch: char| !(ch.is_ascii_digit() || ch == ',' || ch == '.'))
                    .map_or(0, |i| i + w[i..].chars().next().map_or(1, char::len_utf8));
                (w[..at].to_string(), w[at..].to_string())
            };
            let mut push = |text: String, figure: bool| {
                if !text.is_empty() {
                    out.push(Piece { text, figure, cell: ci, source: c.source });
                }
            };
            if is_figure(head) {
                push(head.to_string(), true);
                let (label, tail) = split_tail(rest);
                push(label, false);
                if is_figure(&tail) {
                    push(tail, true);
                }
            } else {
                let (label, tail) = split_tail(word);
                if is_figure(&tail) && !label.is_empty() {
                    push(label, false);
                    push(tail, true);
                } else {
                    push(word.to_string(), is_figure(word));
                }
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Income,
    Function,
    Use,
    /// The bottom rows shared by both expenditure halves (当年支出小计, 结转下年资金, 支出合计).
    ExpenditureTotal,
}

/// What a label names, with its key or code. Wrapped labels are recognised by their first line
/// (「2.政府性基金预」「三、单位预留机动经」); their second line (「算」「费」) names nothing.
fn summary_label(text: &str) -> Option<(Side, String, Option<&'static str>, Option<&'static str>)> {
    let l = super::tables::strip_ordinal(text);
    let income = |label: &str, key| Some((Side::Income, label.to_string(), Some(key), None));
    let exp = |side, label: &str, key| Some((side, label.to_string(), Some(key), None));
    match l.as_str() {
        "财政拨款" => return income("财政拨款", keys::INCOME_FISCAL),
        "其他资金" => return income("其他资金", keys::INCOME_OTHER_FUNDS),
        "当年收入小计" => return income("当年收入小计", keys::INCOME_TOTAL),
        "收入合计" => return income("收入合计", keys::INCOME_GRAND_TOTAL),
        "当年支出小计" => return exp(Side::ExpenditureTotal, "当年支出小计", keys::EXPENDITURE_TOTAL),
        "支出合计" => return exp(Side::ExpenditureTotal, "支出合计", keys::EXPENDITURE_GRAND_TOTAL),
        "基本支出" | "项目支出" => return exp(Side::Use, &l, keys::EXPENDITURE_USE),
        _ => {}
    }
    if l.starts_with("一般公共预算") {
        income("一般公共预算", keys::INCOME_GENERAL_BUDGET)
    } else if l.starts_with("政府性基金") {
        income("政府性基金预算", keys::INCOME_GOV_FUND)
    } else if l.starts_with("财政专户") {
        income("财政专户管理资金", keys::INCOME_SPECIAL_ACCOUNT)
    } else if l.starts_with("上年结转") {
        income("上年结转资金", keys::OPENING_BALANCE)
    } else if l.starts_with("结转下年") {
        exp(Side::ExpenditureTotal, "结转下年资金", keys::CLOSING_BALANCE)
    } else if l.starts_with("单位预留机动") {
        exp(Side::Use, "单位预留机动经费", keys::EXPENDITURE_USE)
    } else if l == "国土海洋气象等支出" {
        // 220's name before 2019 (now 自然资源海洋气象等支出), in the 2018 tables; too far from it to be found by
        // closest_functional_class.
        Some((Side::Function, l, None, Some("220")))
    } else if l.ends_with("支出") {
        let code = functional_class_code(&l).or_else(|| closest_functional_class(&l))?;
        Some((Side::Function, l, None, Some(code)))
    } else {
        None
    }
}

fn summary(rows: &[RawRow], table: &mut Table, issues: &mut Vec<ReadIssue>) {
    let first = rows.iter().position(|r| pieces(r).iter().any(|p| !p.figure && summary_label(&p.text).is_some()));
    let Some(first) = first else { return };
    table.header = rows[..first].iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
    table.columns = vec![
        Column { label: "收入·金额".into(), key: keys::AMOUNT, part: Some(Part::Income) },
        Column { label: "支出·金额".into(), key: keys::AMOUNT, part: Some(Part::Expenditure) },
    ];
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    // (row, side) of each model row, its figure once found.
    let mut sides: Vec<Side> = Vec::new();
    let mut figures: Vec<Option<Cell>> = Vec::new();
    for r in &rows[first..] {
        let mut last: Option<usize> = None;
        for p in pieces(r) {
            if !p.figure {
                if let Some((side, label, key, code)) = summary_label(&p.text) {
                    let part = if side == Side::Income { Part::Income } else { Part::Expenditure };
                    table.rows.push(Row {
                        label,
                        code: code.map(str::to_string),
                        key,
                        part: Some(part),
                        cells: Vec::new(),
                        source: p.source,
                        printed_code: None,
                    });
                    sides.push(side);
                    figures.push(None);
                    last = Some(table.rows.len() - 1);
                }
                continue;
            }
            // A figure goes to the label before it on its line; one in the last column (支出用途·金额) whose label is
            // not on its line belongs to the 支出用途 row above that has none yet (a label wrapped over two lines,
            // its figure printed between them).
            let in_use_column = width >= 5 && p.cell + 1 == width;
            let target = match last {
                Some(i) if !(in_use_column && sides[i] == Side::Function) => Some(i),
                _ => (0..sides.len()).rev().find(|i| sides[*i] == Side::Use && figures[*i].is_none()),
            };
            match target.filter(|i| figures[*i].is_none()) {
                Some(i) => figures[i] = Some(read_cell(&p.text, p.source, table, issues)),
                None => issues.push(ReadIssue {
                    message_zh: format!("{}第 {} 行：数字「{}」无法对应到行，未读取", table.name_zh(), r.line, p.text),
                    message_en: format!(
                        "{}, line {}: figure “{}” matches no row; not read",
                        table.name_en(),
                        r.line,
                        p.text
                    ),
                    source: p.source,
                    excerpt: p.text.clone(),
                    table: Some(table.id.clone()),
                }),
            }
        }
    }
    for ((row, side), figure) in table.rows.iter_mut().zip(&sides).zip(figures) {
        let cell = Some(figure.unwrap_or_else(|| blank(row.source)));
        row.cells = if *side == Side::Income { vec![cell, None] } else { vec![None, cell] };
    }
}

// ---- 收入预算总表

fn is_source_list(rows: &[RawRow]) -> bool {
    let all: Vec<String> = texts(rows).collect();
    all.iter().any(|t| t == "项目名称") && all.iter().any(|t| t == "金额") && all.iter().any(|t| t == "收入总计")
}

/// A group of sources by its printed name.
fn group_key(label: &str) -> Option<&'static str> {
    Some(match label {
        l if l.starts_with("一般公共预算") => keys::INCOME_GENERAL_BUDGET,
        l if l.starts_with("政府性基金") => keys::INCOME_GOV_FUND,
        l if l.starts_with("财政专户") => keys::INCOME_SPECIAL_ACCOUNT,
        "其他资金" => keys::INCOME_OTHER_FUNDS,
        l if l.starts_with("上年结转") => keys::OPENING_BALANCE,
        _ => return None,
    })
}

fn source_list(rows: &[RawRow], table: &mut Table, issues: &mut Vec<ReadIssue>) {
    let Some(first) = rows.iter().position(|r| r.cells.iter().any(|c| squashed(&c.text) == "收入总计")) else {
        return;
    };
    table.header = rows[..first].iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
    table.columns = vec![Column { label: "金额".into(), key: keys::AMOUNT, part: None }];
    // The group's name is printed once, centred over its lines (beside 「小计」 or an item, or on a line of its own),
    // so a group is every line from its 「小计」 to the next: its name is whichever group name is among them.
    let mut group: Option<usize> = None;
    for r in &rows[first..] {
        let mut item: Option<(String, Source)> = None;
        let mut figure: Option<(String, Source)> = None;
        let mut name: Option<&'static str> = None;
        for c in r.cells.iter().filter(|c| !c.text.trim().is_empty()) {
            let t = squashed(&c.text).into_owned();
            if is_figure(&t) {
                figure = Some((c.text.trim().to_string(), c.source));
            } else if let Some(k) = group_key(&t).filter(|_| name.is_none() && item.is_none()) {
                name = Some(k);
            } else {
                item = Some((t, c.source));
            }
        }
        if let Some((label, source)) = item {
            let cell = Some(match &figure {
                Some((text, src)) => read_cell(text, *src, table, issues),
                None => blank(source),
            });
            let key = match label.as_str() {
                "收入总计" => Some(keys::INCOME_GRAND_TOTAL),
                l if l.starts_with("其中") => Some(keys::OF_WHICH),
                _ => None,
            };
            if label == "小计" {
                group = Some(table.rows.len());
            }
            table.rows.push(Row { label, code: None, key, part: None, cells: vec![cell], source, printed_code: None });
        }
        if let (Some(k), Some(g)) = (name, group) {
            let row = &mut table.rows[g];
            if row.key.is_none() {
                row.key = Some(k);
                row.label = group_label(k).to_string();
            }
        }
    }
    for row in table.rows.iter().filter(|r| r.label == "小计") {
        issues.push(ReadIssue {
            message_zh: format!(
                "{}第 {} 行：「小计」不知属于哪一类资金，未与其他表对应",
                table.name_zh(),
                row.source.line
            ),
            message_en: format!(
                "{}, line {}: a 小计 whose source group is not printed; not matched across tables",
                table.name_en(),
                row.source.line
            ),
            source: row.source,
            excerpt: row.label.clone(),
            table: Some(table.id.clone()),
        });
    }
}

/// A group's 小计 row as the model names it: 「一般公共预算资金小计」.
fn group_label(key: &str) -> &'static str {
    match key {
        keys::INCOME_GENERAL_BUDGET => "一般公共预算资金小计",
        keys::INCOME_GOV_FUND => "政府性基金小计",
        keys::INCOME_SPECIAL_ACCOUNT => "财政专户管理资金小计",
        keys::INCOME_OTHER_FUNDS => "其他资金小计",
        _ => "上年结转和结余资金小计",
    }
}

// ---- 支出预算总表

const USE_COLUMNS: [(&str, &str); 5] = [
    ("合计", keys::TOTAL),
    ("基本支出", keys::BASIC),
    ("项目支出", keys::PROJECT),
    ("单位预留机动经费", keys::RESERVE),
    ("结转下年资金", keys::CLOSING),
];

fn is_use_columns(rows: &[RawRow]) -> bool {
    rows.iter().take(4).any(|r| r.cells.iter().any(|c| squashed(&c.text) == "单位预留机动经费"))
}

fn use_columns(rows: &[RawRow], table: &mut Table, issues: &mut Vec<ReadIssue>) {
    let Some(h) = rows.iter().position(|r| r.cells.iter().any(|c| squashed(&c.text) == "单位预留机动经费"))
    else {
        return;
    };
    table.header = rows[..=h].iter().map(|r| r.texts().iter().map(|s| s.to_string()).collect()).collect();
    // Header cell index → column.
    let mut at: Vec<usize> = Vec::new();
    for (i, c) in rows[h].cells.iter().enumerate() {
        let t = squashed(&c.text);
        if let Some((label, key)) = USE_COLUMNS.iter().find(|(l, _)| *l == t) {
            table.columns.push(Column { label: label.to_string(), key, part: None });
            at.push(i);
        }
    }
    if table.column(keys::TOTAL).is_none() {
        table.columns.clear();
        return;
    }
    for r in &rows[h + 1..] {
        if !r.cells.iter().any(|c| is_figure(&squashed(&c.text))) {
            continue;
        }
        // Label cells (a 科目编码/科目名称 a department may print) lie outside the figure columns.
        let code = r.cells.iter().map(|c| squashed(&c.text)).find(|t| is_code(t)).map(|t| t.into_owned());
        let cells: Vec<Option<Cell>> = at
            .iter()
            .map(|i| match r.cells.get(*i) {
                Some(c) => Some(read_cell(c.text.trim(), c.source, table, issues)),
                None => Some(blank(r.source)),
            })
            .collect();
        let first_row = table.rows.is_empty() && code.is_none();
        let (label, key) =
            if first_row { ("合计".to_string(), Some(keys::GRAND_TOTAL)) } else { (String::new(), None) };
        table.rows.push(Row { label, code, key, part: None, cells, source: r.source, printed_code: None });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::RawCell;

    fn raw(lines: &[&str]) -> Vec<RawRow> {
        lines
            .iter()
            .enumerate()
            .map(|(n, l)| {
                let line = n as u32 + 1;
                let src = |c: usize| Source { line, cell: c as u32 + 1, start: 0, end: 0, page: None };
                let cells =
                    l.split('\t').enumerate().map(|(i, t)| RawCell { text: t.into(), source: src(i) }).collect();
                RawRow { line, cells, source: src(0) }
            })
            .collect()
    }

    fn table(kind: TableKind, title: &str) -> Table {
        Table {
            id: "t1".into(),
            kind,
            title: title.into(),
            unit: Some("万元".into()),
            columns: Vec::new(),
            rows: Vec::new(),
            header: Vec::new(),
            empty_statement: None,
            rows_not_read: 0,
            subject: None,
            source: Source::default(),
            origin: None,
        }
    }

    #[test]
    fn summary_halves_glued_and_wrapped() {
        // A made-up department: figures glued to the next half's label, a use label wrapped with its figure
        // printed on the line between.
        let rows = raw(&[
            "收入\t\t\t支出\t",
            "\t\t功能分类\t支出用途\t",
            "项目名称\t金额\t功能科目名称\t项目名称\t金额",
            "一、财政拨款\t100.00一、一般公共服务支出\t\t60.00一、基本支出\t50.00",
            "1.一般公共预算\t100.00\t二、住房保障支出 40.00\t二、项目支出\t30.00",
            "2.政府性基金预\t\t\t三、单位预留机动经\t",
            "\t\t三、国防支出\t\t20.00",
            "算\t\t\t费\t",
            "当年收入小计\t100.00\t当年支出小计\t\t100.00",
            "上年结转资金\t\t结转下年资金\t\t",
            "收入合计\t100.00\t支出合计\t\t100.00",
        ]);
        let mut t = table(TableKind::Summary, "收支预算总表");
        let mut issues = Vec::new();
        assert!(read(TableKind::Summary, &rows, &mut t, &mut issues));
        assert!(issues.is_empty(), "{issues:?}");
        let row = |label: &str| t.rows.iter().find(|r| r.label == label).unwrap();
        let fig = |label: &str| row(label).cells.iter().flatten().next().unwrap().text.clone();
        assert_eq!(fig("财政拨款"), "100.00");
        assert_eq!(fig("一般公共服务支出"), "60.00");
        assert_eq!(row("一般公共服务支出").code.as_deref(), Some("201"));
        assert_eq!(fig("住房保障支出"), "40.00");
        assert_eq!(fig("基本支出"), "50.00");
        assert_eq!(fig("项目支出"), "30.00");
        assert_eq!(fig("单位预留机动经费"), "20.00");
        assert_eq!(fig("国防支出"), "");
        assert_eq!(row("政府性基金预算").key, Some(keys::INCOME_GOV_FUND));
        assert_eq!(fig("支出合计"), "100.00");
        assert_eq!(row("支出合计").cells[1].as_ref().unwrap().text, "100.00");
        assert_eq!(row("收入合计").cells[0].as_ref().unwrap().text, "100.00");
        assert_eq!(t.columns.len(), 2);
    }

    #[test]
    fn source_list_groups() {
        let rows = raw(&[
            "项目名称\t金额",
            "\t收入总计\t120.00",
            "\t小计\t100.00",
            "一般公共预算资金\t公共财政拨款（补助）资金\t100.00",
            "\t专项收入\t",
            "政府性基金\t小计\t",
            "\t小计\t20.00",
            "\t事业收入\t20.00",
            "其他资金\t\t",
            "\t经营收入\t",
            "\t小计\t",
            "上年结转和结余资金\t\t",
            "\t其中：动用上年结转和结余资金\t",
        ]);
        let mut t = table(TableKind::Income, "收入预算总表");
        let mut issues = Vec::new();
        assert!(read(TableKind::Income, &rows, &mut t, &mut issues));
        assert!(issues.is_empty(), "{issues:?}");
        let keyed: Vec<(&str, Option<&str>, &str)> =
            t.rows.iter().map(|r| (r.label.as_str(), r.key, r.cells[0].as_ref().unwrap().text.as_str())).collect();
        assert_eq!(
            keyed,
            vec![
                ("收入总计", Some(keys::INCOME_GRAND_TOTAL), "120.00"),
                ("一般公共预算资金小计", Some(keys::INCOME_GENERAL_BUDGET), "100.00"),
                ("公共财政拨款（补助）资金", None, "100.00"),
                ("专项收入", None, ""),
                ("政府性基金小计", Some(keys::INCOME_GOV_FUND), ""),
                ("其他资金小计", Some(keys::INCOME_OTHER_FUNDS), "20.00"),
                ("事业收入", None, "20.00"),
                ("经营收入", None, ""),
                ("上年结转和结余资金小计", Some(keys::OPENING_BALANCE), ""),
                ("其中：动用上年结转和结余资金", Some(keys::OF_WHICH), ""),
            ]
        );
    }

    #[test]
    fn use_columns_with_a_blank_last_cell() {
        let rows = raw(&["合计\t基本支出\t项目支出\t单位预留机动经费\t结转下年资金", "100.00\t50.00\t30.00\t20.0\t"]);
        let mut t = table(TableKind::Expenditure, "支出预算总表");
        let mut issues = Vec::new();
        assert!(read(TableKind::Expenditure, &rows, &mut t, &mut issues));
        let keys_read: Vec<&str> = t.columns.iter().map(|c| c.key).collect();
        assert_eq!(keys_read, [keys::TOTAL, keys::BASIC, keys::PROJECT, keys::RESERVE, keys::CLOSING]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].key, Some(keys::GRAND_TOTAL));
        assert_eq!(t.rows[0].cells[4].as_ref().unwrap().amount, Some(Amount::exact_zero()));
        // Another layout (a code table with 合计/基本支出/项目支出 only) is left to the template readers.
        let other = raw(&["科目编码\t科目名称\t合计\t基本支出\t项目支出", "201\t一般公共服务支出\t1.00\t1.00\t"]);
        assert!(!read(TableKind::Expenditure, &other, &mut table(TableKind::Expenditure, "x"), &mut issues));
    }
}

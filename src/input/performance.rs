//! Reader for 项目支出绩效自评（情况）表 (project performance self-evaluation tables).
//!
//! These tables are laid out for print, not for reading: labels wrap, cells drift by a column from one row to the
//! next, `-` stands for "not applicable", rates are printed as `100.0%` or `0.00%`. So numbers are located by the
//! row's label and by the order of the header, never by fixed field indexes:
//!
//! - 项目名称 → `subject`;
//! - the 项目资金 header (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分) gives the order of the funds rows'
//!   values; 年度资金总额 / 财政拨款 / 财政专户管理资金 / 单位资金 rows get keys `perf.funds_*`;
//! - 资金管理情况 rows: the label, then 分值 and 得分 (the first two numbers after the label);
//! - the 绩效指标 header (一级指标 … 三级指标, 年度指标值, 实际值, 分值, 得分, 偏差度) gives the indicator rows: the
//!   label is the 三级指标, the values are 分值, 得分, 偏差度;
//! - 总分 → `perf.total_score` (分值, 得分).
//!
//! Every cell keeps the `Source` of the field it was read from.

use super::text::squashed as squash;
use super::{RawCell, RawRow};
use crate::amount::{Amount, AmountError, is_dash_or_blank, parse_amount, parse_percent};
use crate::model::{Cell, Column, Part, ReadIssue, Row, Source, Table, TableKind, keys};
use std::borrow::Cow;

/// Column order of the table (document-model.md).
const COLUMNS: [(&str, &str); 7] = [
    (keys::PERF_BUDGET_INITIAL, "年初预算数"),
    (keys::PERF_BUDGET_FULL, "全年预算数"),
    (keys::PERF_EXECUTED, "全年执行数"),
    (keys::PERF_WEIGHT, "分值"),
    (keys::PERF_RATE, "执行率"),
    (keys::PERF_SCORE, "得分"),
    (keys::PERF_DEVIATION, "偏差度"),
];

fn col_index(key: &str) -> usize {
    COLUMNS.iter().position(|(k, _)| *k == key).unwrap_or(0)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    None,
    Funds,
    Management,
    Goals,
    Indicator,
}

/// Whitespace inside a label comes from line wraps: dropped next to CJK characters, kept between ASCII words.
fn clean_label(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = if i > 0 { chars.get(i - 1).copied() } else { None };
            let next = chars.get(i + 1).copied();
            let cjk = |x: Option<char>| x.is_some_and(|x| !x.is_ascii());
            if cjk(prev) || cjk(next) || prev.is_some_and(char::is_whitespace) {
                continue;
            }
        }
        out.push(*c);
    }
    out
}

/// A value cell: a number, a percentage, or a dash (n/a).
fn is_value(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    is_dash_or_blank(t) || parse_value(t).is_ok()
}

fn parse_value(text: &str) -> Result<Amount, AmountError> {
    let t = squash(text);
    if t.ends_with('%') || t.ends_with('％') { parse_percent(&t) } else { parse_amount(&t) }
}

/// Header label → column key.
fn header_key(label: &str) -> Option<&'static str> {
    let l = squash(label);
    if l.contains("年初预算") {
        Some(keys::PERF_BUDGET_INITIAL)
    } else if l.contains("全年预算") || l.contains("调整后预算") || l.contains("全年预算数") {
        Some(keys::PERF_BUDGET_FULL)
    } else if l.contains("执行数") || l.contains("实际执行") {
        Some(keys::PERF_EXECUTED)
    } else if l.contains("执行率") {
        Some(keys::PERF_RATE)
    } else if l.starts_with("分值") || l == "权重" {
        Some(keys::PERF_WEIGHT)
    } else if l.starts_with("得分") {
        Some(keys::PERF_SCORE)
    } else if l.starts_with("偏差") && !l.contains("原因") {
        Some(keys::PERF_DEVIATION)
    } else {
        None
    }
}

fn funds_key(label: &str) -> Option<&'static str> {
    let l = squash(label);
    if l.contains("资金总额") || l == "合计" || l.starts_with("年度资金") {
        Some(keys::PERF_FUNDS_TOTAL)
    } else if l.contains("财政专户") {
        Some(keys::PERF_FUNDS_SPECIAL)
    } else if l.contains("财政拨款") {
        Some(keys::PERF_FUNDS_FISCAL)
    } else if l.contains("单位资金") || l.contains("其他资金") || l.contains("自有资金") {
        Some(keys::PERF_FUNDS_OWN)
    } else {
        None
    }
}

struct Builder {
    columns: Vec<Column>,
    rows: Vec<Row>,
    issues: Vec<ReadIssue>,
    id: String,
}

impl Builder {
    fn cell(&mut self, raw: &RawCell, rate: bool) -> Cell {
        let amount = if is_dash_or_blank(&raw.text) {
            Some(Amount::exact_zero())
        } else {
            let _ = rate;
            let parsed = parse_value(&raw.text);
            match parsed {
                Ok(a) => Some(a),
                Err(e) => {
                    self.issues.push(ReadIssue {
                        message_zh: format!(
                            "绩效自评表第 {} 行第 {} 列「{}」不是数值",
                            raw.source.line, raw.source.cell, raw.text
                        ),
                        message_en: format!(
                            "Performance table, line {} field {}: {:?} is not a number ({e})",
                            raw.source.line, raw.source.cell, raw.text
                        ),
                        source: raw.source,
                        excerpt: raw.text.clone(),
                        table: Some(self.id.clone()),
                    });
                    None
                }
            }
        };
        Cell { text: raw.text.clone(), amount, source: raw.source }
    }

    fn push_row(
        &mut self,
        label: String,
        key: Option<&'static str>,
        part: Option<Part>,
        values: &[(&'static str, &RawCell)],
        source: Source,
    ) {
        let mut cells: Vec<Option<Cell>> = vec![None; COLUMNS.len()];
        for (k, raw) in values {
            let i = col_index(k);
            let c = self.cell(raw, *k == keys::PERF_RATE);
            if let Some(slot) = cells.get_mut(i) {
                *slot = Some(c);
            }
        }
        self.rows.push(Row { label, code: None, printed_code: None, key, part, cells, source });
    }

    fn issue(&mut self, row: &RawRow, zh: &str, en: &str) {
        let text: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
        self.issues.push(ReadIssue {
            message_zh: format!("绩效自评表第 {} 行：{zh}", row.line),
            message_en: format!("Performance table, line {}: {en}", row.line),
            source: row.source,
            excerpt: text.join(" "),
            table: Some(self.id.clone()),
        });
    }
}

/// Header of the 绩效指标 block: where each column is (field index, 1-based as in `Source.cell`).
#[derive(Default)]
struct IndicatorHeader {
    label: Option<u32>,
    /// Columns between 三级指标 and 分值 (年度指标值, 实际值): how many text cells precede the numbers.
    between: usize,
    weight: Option<u32>,
    score: Option<u32>,
    deviation: Option<u32>,
}

/// Builds a performance table from its title row and the rows that follow it (up to the next title or prose).
pub fn build(title: &RawRow, rows: &[RawRow], id: String) -> (Table, Vec<ReadIssue>) {
    let title_text: Vec<&str> = title.cells.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
    let title_text = clean_label(&title_text.join(" "));
    let columns: Vec<Column> =
        COLUMNS.iter().map(|(k, l)| Column { label: (*l).to_string(), key: k, part: None }).collect();
    let mut b = Builder { columns, rows: Vec::new(), issues: Vec::new(), id: id.clone() };
    let mut header: Vec<Vec<String>> = Vec::new();
    let mut subject: Option<String> = None;
    let mut unit: Option<String> = None;
    let mut section = Section::None;
    let mut funds_header: Vec<(u32, &'static str)> = Vec::new();
    let mut mgmt_header: Vec<(u32, &'static str)> = Vec::new();
    let mut ind = IndicatorHeader::default();
    let mut last_indicator: Option<usize> = None;
    let mut seen_total = false;

    for row in rows {
        let ne: Vec<&RawCell> = row.cells.iter().filter(|c| !c.text.is_empty()).collect();
        let Some(first) = ne.first() else { continue };
        let f = squash(&first.text);
        // The row as printed, kept only for header rows (most rows are data rows).
        let texts = || -> Vec<String> { row.cells.iter().map(|c| c.text.clone()).collect() };
        let squashed: Vec<Cow<str>> = ne.iter().map(|c| squash(&c.text)).collect();

        // Meta lines: date, 项目名称, 主管部门 / 实施单位.
        if f.starts_with("项目名称") {
            let rest = first.text.trim_start_matches("项目名称").trim_start_matches([':', '：']).trim();
            subject = if !rest.is_empty() { Some(clean_label(rest)) } else { ne.get(1).map(|c| clean_label(&c.text)) };
            header.push(texts());
            continue;
        }
        if f.starts_with("主管部门") || f.starts_with("实施单位") || is_date(&f) && ne.len() == 1 {
            header.push(texts());
            continue;
        }
        // 项目资金 header.
        if squashed.iter().any(|s| s.contains("年初预算数") || s.contains("全年预算数") || s.contains("全年执行数"))
        {
            funds_header = ne.iter().filter_map(|c| header_key(&c.text).map(|k| (c.source.cell, k))).collect();
            for (cell, k) in &funds_header {
                if let Some(raw) = row.cells.iter().find(|c| c.source.cell == *cell) {
                    let i = col_index(k);
                    if let Some(col) = b.columns.get_mut(i) {
                        col.label = squash(&raw.text).into_owned();
                    }
                }
            }
            if f.contains("万元") {
                unit = Some("万元".to_string());
            } else if f.contains("元") {
                unit = Some("元".to_string());
            }
            section = Section::Funds;
            header.push(texts());
            continue;
        }
        if f.starts_with("资金管理") {
            mgmt_header = ne.iter().skip(1).filter_map(|c| header_key(&c.text).map(|k| (c.source.cell, k))).collect();
            section = Section::Management;
            header.push(texts());
            continue;
        }
        if f.contains("总体目标") {
            section = Section::Goals;
            header.push(texts());
            continue;
        }
        if f == "绩效指标" {
            section = Section::Indicator;
            header.push(texts());
            continue;
        }
        if squashed.iter().any(|s| s.contains("一级指标")) && squashed.iter().any(|s| s.contains("三级指标")) {
            ind = IndicatorHeader::default();
            let mut label_pos: Option<usize> = None;
            for (i, c) in ne.iter().enumerate() {
                let s = squash(&c.text);
                if s.contains("三级指标") {
                    ind.label = Some(c.source.cell);
                    label_pos = Some(i);
                } else if s.starts_with("分值") || s == "权重" {
                    ind.weight = Some(c.source.cell);
                    if let Some(lp) = label_pos {
                        ind.between = i.saturating_sub(lp + 1);
                    }
                } else if s.starts_with("得分") {
                    ind.score = Some(c.source.cell);
                } else if s.starts_with("偏差度") || s == "偏差" {
                    ind.deviation = Some(c.source.cell);
                }
            }
            section = Section::Indicator;
            header.push(texts());
            continue;
        }
        if f.starts_with("总分") || f == "合计得分" {
            let vals: Vec<&RawCell> = ne.iter().skip(1).copied().filter(|c| is_value(&c.text)).collect();
            let positional = match (ind.weight, ind.score) {
                (Some(w), Some(s)) => {
                    let w = row.cells.iter().find(|c| c.source.cell == w && is_value(&c.text));
                    let s = row.cells.iter().find(|c| c.source.cell == s && is_value(&c.text));
                    w.zip(s)
                }
                _ => None,
            };
            let pair = positional.or_else(|| match vals.as_slice() {
                [w, s, ..] => Some((*w, *s)),
                _ => None,
            });
            match pair {
                Some((w, s)) => b.push_row(
                    "总分".to_string(),
                    Some(keys::PERF_TOTAL_SCORE),
                    None,
                    &[(keys::PERF_WEIGHT, w), (keys::PERF_SCORE, s)],
                    row.source,
                ),
                None => b.issue(row, "总分行缺少分值或得分", "the 总分 row lacks 分值 or 得分"),
            }
            seen_total = true;
            continue;
        }
        if seen_total {
            // Anything after 总分 (signatures, notes) is not part of the figures.
            header.push(texts());
            continue;
        }
        match section {
            Section::None | Section::Goals => {
                if section == Section::None && ne.iter().skip(1).any(|c| is_value(&c.text)) {
                    b.issue(row, "无法识别的行，未核对", "row not recognised; not checked");
                }
                header.push(texts());
            }
            Section::Funds => {
                let label_cell = ne.iter().position(|c| !is_value(&c.text));
                let Some(li) = label_cell else {
                    b.issue(row, "资金行缺少项目名称", "funds row without a label");
                    continue;
                };
                let label = clean_label(&ne[li].text);
                let Some(key) = funds_key(&label) else {
                    b.issue(row, "无法识别的资金来源行，未核对", "funds row not recognised; not checked");
                    continue;
                };
                let after: Vec<&RawCell> = ne.iter().skip(li + 1).copied().collect();
                let values: Vec<(&'static str, &RawCell)> = if after.len() == funds_header.len() {
                    funds_header.iter().map(|(_, k)| *k).zip(after.iter().copied()).collect()
                } else {
                    // Blank fields: align by field index with the header.
                    funds_header
                        .iter()
                        .filter_map(|(cell, k)| {
                            row.cells.iter().find(|c| c.source.cell == *cell && !c.text.is_empty()).map(|c| (*k, c))
                        })
                        .collect()
                };
                if values.is_empty() && !after.is_empty() {
                    b.issue(row, "资金行的数值无法与表头对应", "funds row values do not match the header");
                }
                let label = label.trim_end_matches([':', '：']).to_string();
                b.push_row(label, Some(key), Some(Part::Funds), &values, row.source);
            }
            Section::Management => {
                let li = ne.iter().position(|c| !is_value(&c.text));
                let Some(li) = li else {
                    b.issue(row, "资金管理行缺少名称", "management row without a label");
                    continue;
                };
                let label = clean_label(&ne[li].text);
                let nums: Vec<&RawCell> = ne.iter().skip(li + 1).copied().filter(|c| is_value(&c.text)).collect();
                let positional: Option<Vec<(&'static str, &RawCell)>> = if !mgmt_header.is_empty() {
                    let v: Vec<(&'static str, &RawCell)> = mgmt_header
                        .iter()
                        .filter_map(|(cell, k)| {
                            row.cells.iter().find(|c| c.source.cell == *cell && is_value(&c.text)).map(|c| (*k, c))
                        })
                        .collect();
                    if v.len() == mgmt_header.len() { Some(v) } else { None }
                } else {
                    None
                };
                let values = positional.unwrap_or_else(|| {
                    [keys::PERF_WEIGHT, keys::PERF_SCORE].into_iter().zip(nums.iter().copied()).collect()
                });
                if values.is_empty() {
                    // A wrapped label or a note line.
                    header.push(texts());
                    continue;
                }
                b.push_row(label, None, Some(Part::Management), &values, row.source);
            }
            Section::Indicator => {
                match indicator_values(row, &ne, &ind) {
                    Some((label, values)) => {
                        b.push_row(label, None, Some(Part::Indicator), &values, row.source);
                        last_indicator = Some(b.rows.len() - 1);
                    }
                    None => {
                        let has_value = ne.iter().any(|c| is_value(&c.text));
                        if !has_value && ne.len() <= 2 {
                            // A label wrapped onto its own line: continues the previous indicator's label.
                            if let Some(r) = last_indicator.and_then(|i| b.rows.get_mut(i)) {
                                if let Some(c) = ne.last() {
                                    r.label.push_str(&clean_label(&c.text));
                                }
                            }
                            header.push(texts());
                        } else {
                            b.issue(
                                row,
                                "指标行的分值、得分无法识别，未核对",
                                "indicator row: 分值/得分 not found; not checked",
                            );
                        }
                    }
                }
            }
        }
    }

    let table = Table {
        id,
        kind: TableKind::Performance,
        title: title_text,
        unit,
        columns: b.columns,
        rows: b.rows,
        header,
        empty_statement: None,
        rows_not_read: 0,
        subject,
        source: title.source,
        origin: None,
    };
    (table, b.issues)
}

fn is_date(s: &str) -> bool {
    s.contains('年') && s.chars().filter(|c| c.is_ascii_digit()).count() >= 4 && s.chars().count() <= 14
}

type Values<'a> = Vec<(&'static str, &'a RawCell)>;

/// An indicator row's label (三级指标) and its 分值 / 得分 / 偏差度 cells.
fn indicator_values<'a>(row: &'a RawRow, ne: &[&'a RawCell], h: &IndicatorHeader) -> Option<(String, Values<'a>)> {
    let at = |cell: Option<u32>| cell.and_then(|c| row.cells.iter().find(|x| x.source.cell == c));
    // 1. Aligned with the header.
    let w = at(h.weight).filter(|c| is_value(&c.text) && !is_dash_or_blank(&c.text));
    let s = at(h.score).filter(|c| is_value(&c.text));
    let (wi, values): (usize, Values<'a>) = match (w, s) {
        (Some(w), Some(s)) => {
            let mut v: Values<'a> = vec![(keys::PERF_WEIGHT, w), (keys::PERF_SCORE, s)];
            if let Some(d) = at(h.deviation).filter(|c| is_value(&c.text)) {
                v.push((keys::PERF_DEVIATION, d));
            }
            (ne.iter().position(|c| std::ptr::eq(*c, w))?, v)
        }
        _ => {
            // 2. The rightmost run of numbers (after dropping the trailing 偏差原因 text).
            let num = |c: &RawCell| is_value(&c.text) && !c.text.contains('%') && !c.text.contains('％');
            let last_val = ne.iter().rposition(|c| num(c))?;
            let mut first_val = last_val;
            while first_val > 0 && ne.get(first_val - 1).is_some_and(|c| num(c)) {
                first_val -= 1;
            }
            let run = &ne[first_val..=last_val];
            let want = if h.deviation.is_some() || h.weight.is_none() { 3 } else { 2 };
            if run.len() < 2 {
                return None;
            }
            let take = run.len().min(want);
            let start = run.len() - take;
            let start = if take == 2 { run.len() - 2 } else { start };
            let keys_in_order = [keys::PERF_WEIGHT, keys::PERF_SCORE, keys::PERF_DEVIATION];
            let v: Values<'a> = keys_in_order.iter().copied().zip(run[start..].iter().copied()).collect();
            (first_val + start, v)
        }
    };
    // Label: the 三级指标 cell when aligned, else counted back from the first number over 年度指标值 / 实际值.
    let label_cell = at(h.label).filter(|c| !c.text.is_empty() && !is_value(&c.text)).or_else(|| {
        let back = h.between + 1;
        if wi >= back { ne.get(wi - back).copied() } else { ne.first().copied().filter(|_| wi > 0) }
    })?;
    Some((clean_label(&label_cell.text), values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys::*;

    /// Splits a text into rows of tab-separated cells with exact character offsets (as the text reader does).
    pub(crate) fn raw_rows(text: &str) -> Vec<RawRow> {
        let mut out = Vec::new();
        let mut offset = 0u32;
        for (i, line) in text.split('\n').enumerate() {
            let n = line.chars().count() as u32;
            let mut cells = Vec::new();
            let mut start = offset;
            for (ci, field) in line.split('\t').enumerate() {
                let fl = field.chars().count() as u32;
                let lead = field.chars().take_while(|c| c.is_whitespace()).count() as u32;
                let t = field.trim();
                let s = start + lead.min(fl);
                cells.push(RawCell {
                    text: t.to_string(),
                    source: Source {
                        line: i as u32 + 1,
                        cell: ci as u32 + 1,
                        start: s,
                        end: s + t.chars().count() as u32,
                        page: None,
                    },
                });
                start += fl + 1;
            }
            out.push(RawRow {
                line: i as u32 + 1,
                cells,
                source: Source { line: i as u32 + 1, cell: 0, start: offset, end: offset + n, page: None },
            });
            offset += n + 1;
        }
        out
    }

    const SAMPLE: &str = "项目支出绩效自评表\n\
2023年12月\n\
项目名称\t\t示范 项目\n\
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
\t年度资金总额\t\t2.5\t2\t10\t80.00%\t8.00\n\
\t财政拨款\t2.5\t2.5\t2\t-\t80.00%\t-\n\
\t财政专户管理资金\t0\t0\t0\t-\t0.00%\t-\n\
\t单位资金\t0\t0\t0\t-\t-\t-\n\
资金管理情况\t\t情况说明\t分值(20)\t得分\n\
\t预算执行\t较好\t10\t9\n\
\t资金使用\t\t10\t10\n\
年度总体目标\t预期目标\t\t实际完成\n\
\t完成任务\t\t已完成\n\
绩效指标\n\
一级指标\t二级指标\t三级指标\t年度指标值\t实际值\t分值\t得分\t偏差度\t偏差原因\n\
产出指标\t数量指标\t培训 人次\t≥50人\t52\t30\t30\t0.00\n\
\t质量指标\t合格率\t≥90%\t\t20\t18\t-10.00\t部分未达标\n\
效益指标\t\t\t满意\t90%\t20\t20\n\
总分\t\t\t\t\t100\t95.00";

    fn table() -> (Table, Vec<ReadIssue>) {
        let rows = raw_rows(SAMPLE);
        build(&rows[0], &rows[1..], "t1".into())
    }

    fn val(t: &Table, row: usize, key: &str) -> Option<String> {
        t.rows.get(row)?.cell(t.column(key)?).map(|c| c.text.clone())
    }

    #[test]
    fn reads_subject_funds_management_indicators_total() {
        let (t, issues) = table();
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(t.kind, TableKind::Performance);
        assert_eq!(t.subject.as_deref(), Some("示范项目"));
        assert_eq!(t.unit.as_deref(), Some("万元"));
        let total = t.row(PERF_FUNDS_TOTAL).unwrap();
        // Blank 年初预算数: aligned by field index.
        assert_eq!(val(&t, total, PERF_BUDGET_INITIAL), None);
        assert_eq!(val(&t, total, PERF_BUDGET_FULL).as_deref(), Some("2.5"));
        assert_eq!(val(&t, total, PERF_RATE).as_deref(), Some("80.00%"));
        assert_eq!(val(&t, total, PERF_SCORE).as_deref(), Some("8.00"));
        let fiscal = t.row(PERF_FUNDS_FISCAL).unwrap();
        assert_eq!(val(&t, fiscal, PERF_EXECUTED).as_deref(), Some("2"));
        assert_eq!(val(&t, fiscal, PERF_WEIGHT).as_deref(), Some("-"));
        assert!(t.row(PERF_FUNDS_SPECIAL).is_some() && t.row(PERF_FUNDS_OWN).is_some());
        let mgmt: Vec<&Row> = t.rows.iter().filter(|r| r.part == Some(Part::Management)).collect();
        assert_eq!(mgmt.len(), 2);
        assert_eq!(mgmt[0].label, "预算执行");
        let ind: Vec<&Row> = t.rows.iter().filter(|r| r.part == Some(Part::Indicator)).collect();
        assert_eq!(ind.len(), 3);
        assert_eq!(ind[0].label, "培训人次");
        assert_eq!(ind[1].label, "合格率");
        let w = t.column(PERF_WEIGHT).unwrap();
        let s = t.column(PERF_SCORE).unwrap();
        let d = t.column(PERF_DEVIATION).unwrap();
        assert_eq!(ind[1].cell(s).unwrap().text, "18");
        assert_eq!(ind[1].cell(d).unwrap().text, "-10.00");
        assert_eq!(ind[2].cell(w).unwrap().text, "20");
        let tot = t.row(PERF_TOTAL_SCORE).unwrap();
        assert_eq!(val(&t, tot, PERF_SCORE).as_deref(), Some("95.00"));
    }

    #[test]
    fn sources_are_exact() {
        let (t, _) = table();
        for r in &t.rows {
            for c in r.cells.iter().flatten() {
                let got: String = SAMPLE
                    .chars()
                    .skip(c.source.start as usize)
                    .take((c.source.end - c.source.start) as usize)
                    .collect();
                assert_eq!(got, c.text);
                assert!(c.source.cell >= 1 && c.source.line >= 1);
            }
        }
    }

    #[test]
    fn rates_keep_percent_text_and_amount() {
        let (t, _) = table();
        let r = t.row(PERF_FUNDS_TOTAL).unwrap();
        let c = t.rows[r].cell(t.column(PERF_RATE).unwrap()).unwrap();
        assert_eq!(c.amount.unwrap().value.to_string(), "80.00");
    }

    #[test]
    fn garbage_never_panics() {
        for text in ["", "\t\t", "总分", "项目名称", "一级指标\t三级指标\n\t\t\t1\n\tx\n", "资金管理\n\ta\tXX\t1"]
        {
            let rows = raw_rows(text);
            let title = rows.first().cloned().unwrap_or(RawRow { line: 1, cells: vec![], source: Source::default() });
            let _ = build(&title, rows.get(1..).unwrap_or(&[]), "t".into());
        }
    }
}

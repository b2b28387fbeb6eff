//! Reader for text: a whole document (titles, 「单位：万元」 lines, tab-separated rows, prose, page breaks as blank
//! lines) or a single table pasted alone (tab-separated, as copied from Excel/WPS), recognised by its header.
//!
//! Two passes: first the input is cut into lines and tab-separated cells with their character offsets; then runs of
//! table lines are found (after a title, or alone and recognised by their header) and handed to the layout readers
//! in `tables`. Everything else is narrative. Nothing is dropped silently: what cannot be read becomes a
//! `ReadIssue`.

use super::tables::{self, RawTable};
use super::{RawCell, RawRow};
use crate::ReadError;
use crate::model::{Document, DocumentKind, Origin, ReadIssue, Source, TableKind, TextBlock};
use crate::report::Message;
use crate::unit::MoneyUnit;
use std::borrow::Cow;

/// A line of the input with its cells (a line without tabs has one cell).
struct Line {
    row: RawRow,
    has_tab: bool,
}

impl Line {
    /// The single non-empty cell of the line, if it has exactly one (titles are sometimes followed by tabs).
    fn sole_text(&self) -> Option<&str> {
        let mut it = self.row.cells.iter().filter(|c| !c.text.is_empty());
        let first = it.next()?;
        if it.next().is_some() { None } else { Some(first.text.as_str()) }
    }

    fn is_blank(&self) -> bool {
        self.row.is_blank()
    }

    /// The cells joined by spaces; borrowed when at most one cell has text (most lines).
    fn full_text(&self) -> Cow<'_, str> {
        let mut texts = self.row.cells.iter().filter(|c| !c.text.is_empty());
        match (texts.next(), texts.next()) {
            (None, _) => Cow::Borrowed(""),
            (Some(only), None) => Cow::Borrowed(&only.text),
            _ => Cow::Owned(full_text(&self.row)),
        }
    }

    /// `squash(full_text)`: the text of every cell without whitespace, run together.
    fn squashed_text(&self) -> String {
        self.row.cells.iter().flat_map(|c| c.text.chars()).filter(|c| !c.is_whitespace()).collect()
    }
}

/// The cells of a line joined by spaces.
fn full_text(row: &RawRow) -> String {
    row.texts().join(" ").trim().to_string()
}

/// The non-blank lines of a table run, moved out of `lines`: a run that became a table is not looked at again, so
/// its cells' strings go to the table without a copy. The lines left behind keep their number and source but no
/// cells (they read as blank).
fn take_rows(lines: &mut [Line]) -> Vec<RawRow> {
    lines
        .iter_mut()
        .filter(|l| !l.is_blank())
        .map(|l| RawRow { line: l.row.line, cells: std::mem::take(&mut l.row.cells), source: l.row.source })
        .collect()
}

/// Cuts the text into lines and tab-separated cells, with Unicode character offsets. One pass over each line; the
/// cells are gathered in a scratch list and each line's list allocated once at its size.
fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.matches('\n').count() + 1);
    let mut cells: Vec<RawCell> = Vec::new();
    let mut offset: u32 = 0;
    for (i, raw_line) in text.split('\n').enumerate() {
        let line_no = (i + 1) as u32;
        let content = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        let mut cell_start = offset;
        let mut rest = content;
        loop {
            // A tab is one byte: the positions around it are character boundaries.
            let tab = rest.bytes().position(|b| b == b'\t');
            let field = tab.and_then(|p| rest.get(..p)).unwrap_or(rest);
            // Characters counted once: the field's, less the (usually empty) whitespace trimmed at either end.
            let field_chars = field.chars().count() as u32;
            let after_lead = field.trim_start();
            let trimmed = after_lead.trim_end();
            let lead = field.get(..field.len() - after_lead.len()).map_or(0, |l| l.chars().count() as u32);
            let trail = after_lead.get(trimmed.len()..).map_or(0, |t| t.chars().count() as u32);
            let start = cell_start + lead;
            let end = cell_start + field_chars - trail;
            let cell = cells.len() as u32 + 1;
            cells.push(RawCell {
                text: trimmed.to_string(),
                source: Source { line: line_no, cell, start, end, page: None },
            });
            cell_start += field_chars + 1;
            match tab.and_then(|p| rest.get(p + 1..)) {
                Some(next) => rest = next,
                None => break,
            }
        }
        // The fields and the tabs between them, and the \r when there was one.
        let line_chars = cell_start - offset - 1 + (raw_line.len() - content.len()) as u32;
        let has_tab = cells.len() > 1;
        let source = Source { line: line_no, cell: 0, start: offset, end: offset + line_chars, page: None };
        let mut row_cells = Vec::with_capacity(cells.len());
        row_cells.append(&mut cells);
        lines.push(Line { row: RawRow { line: line_no, cells: row_cells, source }, has_tab });
        offset += line_chars + 1;
    }
    lines
}

/// Removes whitespace (line wraps inside labels), for matching.
pub(crate) fn squash(s: &str) -> String {
    squashed(s).into_owned()
}

pub(crate) use crate::classification::squashed;

/// The table kind a title names, if it is a table title (not a narrative heading or a list entry).
pub(crate) fn kind_from_title(text: &str) -> Option<TableKind> {
    // Every title has 表 (tested below, after squashing): most lines are ruled out here without building anything.
    if !text.contains('表') {
        return None;
    }
    let t = squashed(text);
    let t = t.trim_start_matches(['-', '•', '·']);
    if t.chars().count() > 48 || t.contains("说明") || t.contains("情况说明") {
        return None;
    }
    // Titles end with 表, possibly followed by （续）/(续) or a number like 公开01表 on the same line.
    let core = t.trim_end_matches(['（', '）', '(', ')', '续']);
    if !core.contains('表') {
        return None;
    }
    if t.contains("绩效自评") {
        return Some(TableKind::Performance);
    }
    if let Some(k) = super::budget_extra::title_kind(t) {
        return Some(k);
    }
    if let Some(k) = sector_form_kind(t) {
        return Some(k);
    }
    if !core.ends_with('表') && !core.contains("表公开") {
        return None;
    }
    if let Some(k) = shanghai_budget_title_kind(t) {
        return Some(k);
    }
    let k = if t.contains("三公") {
        TableKind::ThreePublic
    } else if t.contains("基本支出") && (t.contains("明细") || t.contains("经济分类") || t.contains("基本支出决算表"))
    {
        TableKind::BasicDetail
    } else if t.contains("国有资本经营预算") {
        TableKind::StateCapital
    } else if t.contains("政府性基金预算") {
        TableKind::GovFund
    } else if t.contains("一般公共预算") && t.contains("支出") {
        TableKind::GeneralBudget
    } else if t.contains("财政拨款收入支出") || t.contains("财政拨款收支") {
        TableKind::FiscalSummary
    } else if t.contains("收入支出决算总表") || t.contains("收支决算总表") || t.contains("收入支出决算表")
    {
        TableKind::Summary
    } else if t.contains("收入决算表") {
        TableKind::Income
    } else if t.contains("支出决算表") {
        TableKind::Expenditure
    } else {
        return None;
    };
    Some(k)
}

/// The Shanghai budget form's three summary tables (「2024年部门财务收支预算总表」, 「2024年预算单位收入预算总表」,
/// 「…支出预算总表」): their own wording only, so no 决算 title and no other form's 「收支预算总表」 is caught here.
fn shanghai_budget_title_kind(t: &str) -> Option<TableKind> {
    if t.contains("决算") || t.contains("财政拨款") || t.contains("一般公共预算") {
        return None;
    }
    // Who publishes it comes first (「2024年部门收入预算总表」, 「2024年预算单位支出预算总表」): Jiangsu's 「收入预算总表」
    // without it is not this form's.
    let bare = crate::model::bare_title(t.trim_end_matches(['（', '）', '(', ')', '续']));
    let name = ["部门", "预算单位", "单位"].iter().find_map(|p| bare.strip_prefix(p))?;
    match name {
        "财务收支预算总表" => Some(TableKind::Summary),
        "收入预算总表" => Some(TableKind::Income),
        "支出预算总表" => Some(TableKind::Expenditure),
        _ => None,
    }
}

/// Titles of the Jiangsu budget form (「…支出预算表（功能科目）」「…基本支出预算表（经济科目）」「收支预算总表」) and of
/// the 高等学校 forms (「西南大学收入预算表」「…支出预算表」「…财政拨款支出预算表」「高等学校财政拨款支出决算表」), which
/// the 决算 template's words above do not name. `t` is squashed. The Shanghai budget's 「财务收支预算总表」 and
/// 「收入/支出预算总表」 are not named here.
fn sector_form_kind(t: &str) -> Option<TableKind> {
    let strip = |s: &'static str, h: &'static str| t.strip_suffix(s).or_else(|| t.strip_suffix(h));
    if let Some(core) = strip("（功能科目）", "(功能科目)") {
        return (core.ends_with("支出预算表") && !core.contains("政府性基金") && !core.contains("基本支出"))
            .then_some(TableKind::GeneralBudget);
    }
    if let Some(core) = strip("（经济科目）", "(经济科目)") {
        return core.ends_with("基本支出预算表").then_some(TableKind::BasicDetail);
    }
    if t.ends_with("基本支出预算表") && !t.contains("经济分类") {
        return Some(TableKind::BasicDetail);
    }
    if ["三公", "机关运行", "政府采购", "财务", "政府性基金", "国有资本", "基本支出", "项目支出", "一般公共预算"]
        .iter()
        .any(|w| t.contains(w))
    {
        return None;
    }
    if t.ends_with("高等学校财政拨款支出决算表") {
        Some(TableKind::GeneralBudget)
    } else if t.ends_with("收支预算总表") && !t.contains("财政拨款") {
        Some(TableKind::Summary)
    } else if t.ends_with("收入预算总表") {
        // Jiangsu 公开02/03 (「收入预算总表」, no publisher before it), read by `budget_totals`; the Shanghai titles
        // name the same kinds.
        Some(TableKind::Income)
    } else if t.ends_with("支出预算总表") {
        Some(TableKind::Expenditure)
    } else if t.ends_with("财政拨款支出预算表") {
        Some(TableKind::GeneralBudget)
    } else if t.ends_with("收入预算表") {
        Some(TableKind::Income)
    } else if t.ends_with("支出预算表") {
        Some(TableKind::Expenditure)
    } else {
        None
    }
}

/// Lines between a title and the table's first row: 「公开 01 表」, 「单位：万元」, 「部门：…」, a date.
fn is_meta_line(text: &str) -> bool {
    let t = squashed(text);
    if t.is_empty() {
        return true;
    }
    let short = t.chars().count() <= 60;
    short
        && (t.starts_with("单位")
            || t.starts_with("金额单位")
            || t.starts_with("部门：")
            || t.starts_with("部门:")
            || t.starts_with("部门名称")
            || t.starts_with("编制单位")
            || t.starts_with("编制部门")
            || t.starts_with("公开")
            || (t.starts_with('表') && t.chars().count() <= 8)
            || (t.ends_with('月') && t.chars().take(4).all(|c| c.is_ascii_digit()))
            || (t.ends_with("年度") && t.chars().count() <= 8))
}

/// The money unit a meta line states, as the report names it (「元」, 「万元」).
fn unit_of(text: &str) -> Option<String> {
    MoneyUnit::of_meta_line(text).map(|u| u.zh().to_string())
}

/// 「本表无数据」-style statements that follow an empty table.
pub(crate) fn is_empty_statement(text: &str) -> bool {
    let t = squashed(text);
    t.contains("本表无数据")
        || t.contains("本表为空")
        || t.contains("此表为空")
        // Jiangsu budget: 「注：本部门无相关收支项目」 under an empty 政府性基金 table.
        || t.contains("无相关收支")
        || t.contains("空表")
        || (t.contains("故本表") && t.contains("无"))
}

/// Reads a whole document or a pasted table.
pub fn read(text: &str) -> Result<Document, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError {
            message: Message::new("输入为空：没有可读取的内容", "The input is empty: nothing to read"),
        });
    }
    let mut lines = split_lines(text);
    let mut doc = Document {
        kind: DocumentKind::Unknown,
        year: None,
        organization: None,
        unit: None,
        tables: Vec::new(),
        narrative: Vec::new(),
        issues: Vec::new(),
    };
    read_metadata(&lines, &mut doc);

    let mut origins: Vec<(u32, Origin)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        // 〔文件：…〕 — the start of one file's part when several files are read as one document (`input::files`).
        if let Some(origin) = line.sole_text().and_then(parse_origin_marker) {
            origins.push((line.row.line, origin));
            i += 1;
            continue;
        }
        // A title followed (after meta lines) by table rows.
        if let Some(kind) = line.sole_text().and_then(kind_from_title) {
            if let Some(next) = table_after_title(&mut lines, i, kind, &mut doc) {
                i = next;
                continue;
            }
            if let Some(issue) = rows_without_columns(&lines, i) {
                doc.issues.push(issue);
            }
        }
        let line = &lines[i];
        if line.has_tab {
            // Table rows with no title before them: a pasted table, recognised by its header. Either way the run is
            // not read again (a table, or an issue naming its lines), so its rows are moved out.
            let end = run_end(&lines, i);
            let rows = take_rows(&mut lines[i..end]);
            match tables::kind_from_header(&rows) {
                Some(kind) => {
                    let raw = RawTable { kind, title: None, unit: None, rows, title_source: lines[i].row.source };
                    let after = attach_statements(&mut lines, end, &mut doc, raw);
                    i = after;
                }
                None => {
                    doc.issues.push(ReadIssue {
                        message_zh: format!(
                            "第 {}–{} 行的表格无法识别：没有标题，表头也不像决算公开的九张表或绩效自评表，未核对",
                            lines[i].row.line,
                            lines[end - 1].row.line
                        ),
                        message_en: format!(
                            "Lines {}–{}: a table that could not be recognised (no title, and the header matches none \
                             of the nine tables or the performance table); not checked",
                            lines[i].row.line,
                            lines[end - 1].row.line
                        ),
                        source: lines[i].row.source,
                        // Line i is not blank: it is the first of the rows taken.
                        excerpt: rows.first().map(|r| first_chars(&full_text(r), 60)).unwrap_or_default(),
                        table: None,
                    });
                    i = end;
                }
            }
            continue;
        }
        push_narrative(&mut doc, &mut lines[i]);
        i += 1;
    }

    if doc.tables.is_empty() && !looks_like_fiscal_text(&doc) {
        return Err(ReadError {
            message: Message::new(
                "未识别到任何决算/预算表格或情况说明：请粘贴部门决算公开的全文，或从 Excel/WPS 复制的一张表（含表头）",
                "No fiscal table or narrative was recognised: paste a whole 部门决算公开 document, or one table \
                 copied from Excel/WPS including its header",
            ),
        });
    }
    for (n, t) in doc.tables.iter_mut().enumerate() {
        t.id = format!("t{}", n + 1);
        // The last file marker at or before the table's first line.
        let at = origins.partition_point(|(line, _)| *line <= t.source.line);
        if at > 0 {
            t.origin = Some(origins[at - 1].1.clone());
        }
    }
    for issue in doc.issues.iter_mut() {
        if let Some(pos) =
            issue.table.as_deref().and_then(|s| s.strip_prefix('#')).and_then(|s| s.parse::<usize>().ok())
        {
            issue.table = Some(format!("t{}", pos + 1));
        }
    }
    if doc.unit.is_none() {
        doc.unit = most_stated_unit(&doc.tables);
    }
    Ok(doc)
}

/// The unit most tables state (the first of those stated equally often): a Shanghai budget states 元 on eight
/// tables and 万元 on its 三公 table.
fn most_stated_unit(tables: &[crate::model::Table]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for u in tables.iter().filter_map(|t| t.unit.as_deref()) {
        match counts.iter_mut().find(|(k, _)| *k == u) {
            Some((_, n)) => *n += 1,
            None => counts.push((u, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == best).map(|(u, _)| u.to_string())
}

/// The line that opens one file's part of a combined text: 〔文件：name｜format〕 or 〔文件：name｜format｜工作表：sheet〕.
pub fn origin_marker(origin: &Origin) -> String {
    match &origin.sheet {
        Some(sheet) => format!("〔文件：{}｜{}｜工作表：{}〕", origin.file, origin.format, sheet),
        None => format!("〔文件：{}｜{}〕", origin.file, origin.format),
    }
}

/// Reads a line written by [`origin_marker`].
pub fn parse_origin_marker(text: &str) -> Option<Origin> {
    let inner = text.trim().strip_prefix("〔文件：")?.strip_suffix('〕')?;
    let (rest, sheet) = match inner.rsplit_once("｜工作表：") {
        Some((rest, sheet)) => (rest, Some(sheet.to_string())),
        None => (inner, None),
    };
    let (file, format) = rest.rsplit_once('｜')?;
    if file.is_empty() || format.is_empty() || !format.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    Some(Origin { file: file.to_string(), format: format.to_string(), sheet })
}

fn first_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// A prose line becomes a narrative block. Its text is moved out of a line without tabs: a line is made narrative
/// once, when the reader has passed it.
fn push_narrative(doc: &mut Document, line: &mut Line) {
    if line.full_text().is_empty() {
        return;
    }
    let src = line.row.source;
    // Offsets of the text as printed: from the first to the last non-blank cell.
    let first = line.row.cells.iter().find(|c| !c.text.is_empty()).map(|c| c.source.start).unwrap_or(src.start);
    let last = line.row.cells.iter().rev().find(|c| !c.text.is_empty()).map(|c| c.source.end).unwrap_or(src.end);
    // Without tabs the line is its one cell (already trimmed).
    let text = match line.row.cells.first_mut() {
        Some(cell) if !line.has_tab => std::mem::take(&mut cell.text),
        _ => line.full_text().into_owned(),
    };
    doc.narrative.push(TextBlock { text, line: src.line, start: first, end: last });
}

fn looks_like_fiscal_text(doc: &Document) -> bool {
    doc.narrative.iter().any(|b| {
        b.text.contains("决算") || b.text.contains("预算") || b.text.contains("财政拨款") || b.text.contains("万元")
    })
}

/// End (exclusive) of a run of table lines starting at `start`: tab lines and blank lines (page breaks), ending
/// at the first line of prose or a new title.
fn run_end(lines: &[Line], start: usize) -> usize {
    let mut end = start;
    let mut j = start;
    while j < lines.len() {
        let l = &lines[j];
        if l.is_blank() {
            j += 1;
            continue;
        }
        if j > start && l.sole_text().and_then(kind_from_title).is_some() {
            break;
        }
        if l.has_tab {
            j += 1;
            end = j;
            continue;
        }
        // Meta lines repeated on a continuation page stay inside the table.
        if is_meta_line(&l.full_text()) && next_nonblank_is_tab(lines, j + 1) {
            j += 1;
            continue;
        }
        break;
    }
    end.max(start + 1)
}

fn next_nonblank_is_tab(lines: &[Line], from: usize) -> bool {
    lines[from.min(lines.len())..].iter().find(|l| !l.is_blank()).is_some_and(|l| l.has_tab)
}

/// After a title at `i`: skip meta lines, read the table run, attach statements. `None` when no table follows
/// (a heading or a table-of-contents entry).
fn table_after_title(lines: &mut [Line], i: usize, kind: TableKind, doc: &mut Document) -> Option<usize> {
    let title = lines[i].sole_text().unwrap_or_default().to_string();
    let mut unit = None;
    let mut j = i + 1;
    let mut meta_lines = 0;
    while j < lines.len() {
        let l = &lines[j];
        if l.is_blank() {
            j += 1;
            continue;
        }
        if l.has_tab && l.sole_text().is_none_or(|t| !is_meta_line(t)) {
            break;
        }
        let t = l.full_text();
        if is_meta_line(&t) && meta_lines < 8 {
            if let Some(u) = unit_of(&t) {
                unit = Some(u);
            }
            meta_lines += 1;
            j += 1;
            continue;
        }
        return None;
    }
    if j >= lines.len() {
        return None;
    }
    let end = run_end(lines, j);
    let title_source = lines[i].row.source;
    // A continuation (「（续）」) of the previous table of the same kind joins it.
    let continues = if title.contains('续') { doc.tables.iter().rposition(|t| t.kind == kind) } else { None };
    let rows = if continues.is_some() {
        // When the columns do not match, the lines are read again (as prose and a pasted table): copied, not moved.
        lines[j..end].iter().filter(|l| !l.is_blank()).map(|l| l.row.clone()).collect()
    } else {
        take_rows(&mut lines[j..end])
    };
    let (rows, unit) = drop_tabbed_meta_rows(rows, unit);
    let raw = RawTable { kind, title: Some(title), unit, rows, title_source };
    if let Some(prev) = continues {
        let merged = tables::continue_table(&mut doc.tables[prev], raw, prev, &mut doc.issues);
        if merged {
            return Some(attach_trailing(lines, end, doc, prev));
        }
        return None;
    }
    Some(attach_statements(lines, end, doc, raw))
}

/// A meta line laid out in cells (「部门名称：…\t\t单位：万元」, 「单位名称：西南大学\t\t\t单位：万元」): every non-empty
/// cell is a meta line or names the department, and one states the money unit. Not a header row.
fn is_tabbed_meta_row(row: &RawRow) -> bool {
    let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).filter(|t| !t.trim().is_empty()).collect();
    (2..=3).contains(&cells.len())
        && cells.iter().any(|c| MoneyUnit::of_meta_line(c).is_some())
        && cells.iter().all(|c| {
            let t = squashed(c);
            is_meta_line(c) || t.starts_with("部门名称") || t.starts_with("单位名称")
        })
}

/// Removes tabbed meta lines among the header lines of a table run (before its first row with a figure), keeping
/// the unit they state.
fn drop_tabbed_meta_rows(mut rows: Vec<RawRow>, mut unit: Option<String>) -> (Vec<RawRow>, Option<String>) {
    let head = rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c.text.contains('.') && crate::amount::parse_amount(&c.text).is_ok()))
        .unwrap_or(rows.len())
        .min(6);
    if !rows[..head].iter().any(is_tabbed_meta_row) {
        return (rows, unit);
    }
    let mut n = 0;
    rows.retain(|r| {
        n += 1;
        if n <= head && is_tabbed_meta_row(r) {
            if unit.is_none() {
                unit = r.cells.iter().find_map(|c| unit_of(&c.text));
            }
            return false;
        }
        true
    });
    (rows, unit)
}

/// Builds the table, then looks at the prose right after it for a 「本表无数据」 statement.
fn attach_statements(lines: &mut [Line], end: usize, doc: &mut Document, raw: RawTable) -> usize {
    let index = doc.tables.len();
    let (table, issues) = tables::build(raw, index);
    doc.tables.push(table);
    doc.issues.extend(issues);
    attach_trailing(lines, end, doc, index)
}

/// Notes (注：…) after a table stay narrative; an empty-table statement within the next few prose lines is
/// attached to the table.
fn attach_trailing(lines: &mut [Line], end: usize, doc: &mut Document, table: usize) -> usize {
    let mut j = end;
    let mut seen = 0;
    while j < lines.len() && seen < 3 {
        let l = &lines[j];
        if l.is_blank() {
            j += 1;
            continue;
        }
        if l.has_tab || l.sole_text().and_then(kind_from_title).is_some() {
            break;
        }
        let t = l.full_text();
        if is_empty_statement(&t) {
            if let Some(tab) = doc.tables.get_mut(table) {
                tab.empty_statement = Some(t.into_owned());
                tables::fill_declared_empty(tab);
            }
            // Lines before the statement were notes: keep them as narrative, in order.
            for line in &mut lines[end..j] {
                if !line.is_blank() {
                    push_narrative(doc, line);
                }
            }
            return j + 1;
        }
        seen += 1;
        j += 1;
    }
    end
}

/// A table title whose rows follow as figures separated by single spaces, with no tabs: text copied from a PDF
/// viewer (Chrome's, pdf.js, Acrobat), which drops blank cells. Which column each figure belongs to is then not in the
/// text, so the table cannot be rebuilt; the user is told so at the title, and what to give instead. (Text laid out
/// with spaces, as `pdftotext -layout` writes it, is read by `layout_text` before this reader.) The lines stay
/// narrative: nothing pasted is dropped.
fn rows_without_columns(lines: &[Line], title: usize) -> Option<ReadIssue> {
    let t = lines[title].sole_text()?;
    let figure_lines = lines[title + 1..]
        .iter()
        .filter(|l| !l.is_blank())
        .take(40)
        .take_while(|l| !l.has_tab && l.sole_text().is_none_or(|t| kind_from_title(t).is_none()))
        .filter(|l| l.sole_text().is_some_and(is_spaced_table_row))
        .count();
    if figure_lines == 0 {
        return None;
    }
    let name = squashed(t);
    Some(ReadIssue {
        message_zh: format!(
            "「{name}」的表格行没有列分隔（制表符或对齐的空格），数字之间只有单个空格：像是从 PDF 阅读器复制的文字。\
             这种复制会丢掉空白单元格，无法确定每个数字属于哪一列，此表未核对。请直接拖入 PDF 文件，\
             或粘贴 Excel/WPS 表格、pdftotext -layout 的输出"
        ),
        message_en: format!(
            "The rows of 「{name}」 have no column separators (tabs or aligned spaces), only single spaces between \
             figures: this looks like text copied from a PDF viewer. Such a copy drops blank cells, so which column \
             each figure belongs to cannot be known; this table is not checked. Drop the PDF file itself, or paste \
             the table from Excel/WPS or the output of pdftotext -layout"
        ),
        // The title's cell, not the line: a page break (form feed) before it is not part of the title.
        source: lines[title]
            .row
            .cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map_or(lines[title].row.source, |c| c.source),
        excerpt: t.to_string(),
        table: None,
    })
}

/// A table row with its cells one space apart: two or more figures, the line ending with one or two of them side by
/// side (「201 06 01 行政运行 1,511.89 1,503.52 8.37」, 「八、其他收入 6.20 八、社会保障和就业支出 326.71」), and no
/// sentence punctuation (prose quotes figures too: 「收入合计 2060.14 万元，其中…」).
fn is_spaced_table_row(t: &str) -> bool {
    if t.contains(['，', '。', '；']) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let figure: Vec<bool> = words.iter().map(|w| is_printed_figure(w)).collect();
    figure.iter().filter(|f| **f).count() >= 2
        && (figure.last() == Some(&true) || figure.windows(2).any(|w| w[0] && w[1]))
}

/// A figure as the tables print amounts: digits with a decimal point (`2,946.25`, `0.00`), not a code or a year.
fn is_printed_figure(w: &str) -> bool {
    w.contains('.') && w.bytes().any(|b| b.is_ascii_digit()) && crate::amount::parse_amount(w).is_ok()
}

/// Year, organisation and document kind from the cover and the table headers.
fn read_metadata(lines: &[Line], doc: &mut Document) {
    let head: Vec<String> = lines.iter().filter(|l| !l.is_blank()).take(40).map(Line::squashed_text).collect();
    // The cover title (「西南大学2024年度部门决算」, 「上海市普陀区2024年区级部门预算」, a title over two or three lines)
    // gives the year of the document (a budget's is the budget year) and often the organisation.
    if let Some((first, last, title)) = find_title(&head) {
        if doc.kind == DocumentKind::Unknown {
            doc.kind = title.kind;
        }
        doc.year = Some(title.year);
        doc.organization = title_organization(&head, first, last, &title);
    }
    for (k, t) in head.iter().enumerate() {
        if doc.kind == DocumentKind::Unknown {
            if t.contains("决算") {
                doc.kind = DocumentKind::Final;
            } else if t.contains("部门预算") || t.contains("单位预算") || t.contains("预算公开") {
                doc.kind = DocumentKind::Budget;
            }
        }
        if doc.year.is_none() {
            doc.year = year_in(t);
        }
        if doc.organization.is_none()
            && (t.ends_with("部门决算公开") || t.ends_with("部门预算公开") || t.ends_with("单位决算公开"))
        {
            let own =
                t.trim_end_matches("部门决算公开").trim_end_matches("部门预算公开").trim_end_matches("单位决算公开");
            let own = strip_year_prefix(own);
            if own.chars().count() >= 2 {
                doc.organization = Some(own.to_string());
            } else if k > 0 {
                let prev = strip_year_prefix(&head[k - 1]);
                if prev.chars().count() >= 2 && year_in(prev).is_none() {
                    doc.organization = Some(prev.to_string());
                }
            }
        }
    }
    if doc.organization.is_none() {
        // 「第一部分上海市普陀区规划和自然资源局概况」
        doc.organization = head.iter().find_map(|t| {
            let own = t.strip_prefix("第一部分")?.strip_suffix("概况")?;
            is_organization(own).then(|| own.to_string())
        });
    }
    if doc.organization.is_none() {
        for l in lines.iter().take(2000) {
            // Squashing keeps the first character, which has to be 部 or 编: look no further at other lines.
            let first = l.row.cells.iter().find_map(|c| c.text.chars().next());
            if !matches!(first, Some('部' | '编')) {
                continue;
            }
            let t = l.squashed_text();
            if let Some(rest) =
                t.strip_prefix("部门：").or_else(|| t.strip_prefix("部门:")).or_else(|| t.strip_prefix("编制单位："))
            {
                let name: String = rest.chars().take_while(|c| !matches!(c, '单' | '，' | ',')).collect();
                if name.chars().count() >= 2 {
                    doc.organization = Some(name);
                    break;
                }
            }
        }
    }
    if doc.year.is_none() {
        // A year is followed by 年度: a line without 度 has none.
        doc.year = lines
            .iter()
            .take(2000)
            .filter(|l| l.row.cells.iter().any(|c| c.text.contains('度')))
            .find_map(|l| year_in(&l.squashed_text()));
    }
}

/// A cover title: 「{organisation}{year}年[度]{level}{部门|单位}{预算|决算}[公开]」, or with the organisation between
/// the year and the kind (「2023年度」「新乡市红旗区工业和信息化局」「部门决算公开」 on three lines).
#[derive(Debug, PartialEq, Eq)]
struct Title {
    year: u32,
    kind: DocumentKind,
    /// The words before the year (「江苏省高级人民法院」), empty on a cover that names the organisation above it.
    prefix: String,
    /// The words between the year and the kind words.
    middle: String,
    /// 「区级/市级/省级」: the prefix is a government (「上海市普陀区」), not the organisation.
    regional: bool,
}

/// Words a title may end with after 预算/决算.
const TITLE_ENDS: [&str; 4] = ["信息公开", "公开报表", "公开", ""];
/// The level of government a title may name before 部门 (the words before the year are then a region).
const TITLE_LEVELS: [&str; 7] = ["市本级", "区本级", "省级", "市级", "区级", "县级", "本级"];
/// Who publishes: 部门预算, 单位预算, 预算单位决算, 高等学校决算.
const TITLE_PUBLISHERS: [&str; 5] = ["部门（单位）", "预算单位", "高等学校", "部门", "单位"];

fn parse_title(t: &str) -> Option<Title> {
    let chars: Vec<char> = t.chars().collect();
    let w = (0..chars.len().saturating_sub(4)).find(|&w| {
        chars[w..w + 4].iter().all(|c| c.is_ascii_digit())
            && (w == 0 || !chars[w - 1].is_ascii_digit())
            && chars.get(w + 4) == Some(&'年')
    })?;
    let year: u32 = chars[w..w + 4].iter().collect::<String>().parse().ok()?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let prefix: String = chars[..w].iter().collect();
    let rest: String = chars[w + 5..].iter().collect();
    let rest = rest.strip_prefix('度').unwrap_or(&rest);
    let rest =
        TITLE_ENDS.iter().find_map(|e| rest.strip_suffix(e).filter(|r| r.ends_with("预算") || r.ends_with("决算")))?;
    let kind = if rest.ends_with("决算") { DocumentKind::Final } else { DocumentKind::Budget };
    let rest = &rest[..rest.len() - "预算".len()];
    let rest = TITLE_PUBLISHERS.iter().find_map(|p| rest.strip_suffix(p)).unwrap_or(rest);
    let level = TITLE_LEVELS.iter().find_map(|l| rest.strip_suffix(l));
    let middle = level.unwrap_or(rest).to_string();
    if !(prefix.is_empty() || is_organization(&prefix)) || !(middle.is_empty() || is_organization(&middle)) {
        return None;
    }
    // Both an organisation before the year and words after it: not a cover title (「…2024年度部门决算报表说明」).
    if !prefix.is_empty() && !middle.is_empty() {
        return None;
    }
    Some(Title { year, kind, prefix, middle, regional: level.is_some() })
}

/// The first cover title among the first lines: on one line, or a line ending with the year (「2023年度」,
/// 「江苏省2018年度」) read together with the one or two lines after it. Returns its first and last line.
fn find_title(head: &[String]) -> Option<(usize, usize, Title)> {
    for (k, t) in head.iter().enumerate() {
        if let Some(title) = parse_title(t) {
            return Some((k, k, title));
        }
        if t.ends_with("年度") || t.ends_with('年') {
            for n in 1..=2 {
                let Some(parts) = head.get(k..=k + n) else { break };
                if let Some(title) = parse_title(&parts.concat()) {
                    return Some((k, k + n, title));
                }
            }
        }
    }
    None
}

/// The organisation a cover names: before the year (unless that is a region), between the year and the kind, on a
/// 「预算主管部门：」-style line under the title, or on the lines just above the title.
fn title_organization(head: &[String], first: usize, last: usize, title: &Title) -> Option<String> {
    if !title.prefix.is_empty() && !title.regional {
        return Some(title.prefix.clone());
    }
    if !title.middle.is_empty() {
        return Some(title.middle.clone());
    }
    let labelled = head.iter().skip(last + 1).take(3).find_map(|t| {
        let own = ["预算主管部门", "预算单位", "部门", "单位名称", "编制单位"].iter().find_map(|label| {
            t.strip_prefix(label).and_then(|r| r.strip_prefix('：').or_else(|| r.strip_prefix(':')))
        })?;
        let own: String = own.chars().take_while(|c| !matches!(c, '，' | ',' | '；')).collect();
        let own = own.strip_suffix("单位：万元").or_else(|| own.strip_suffix("单位：元")).unwrap_or(&own).to_string();
        is_organization(&own).then_some(own)
    });
    if labelled.is_some() || !title.prefix.is_empty() {
        return labelled;
    }
    // 「上海市普陀区规划和自然」「资源局」「2024年度部门决算」: a name wrapped over the lines above the title.
    let mut name = String::new();
    for t in head.get(..first).unwrap_or(&[]).iter().rev().take(2) {
        if !is_organization(t) || t.contains("目录") {
            break;
        }
        name.insert_str(0, t);
    }
    (!name.is_empty()).then_some(name)
}

/// Words that can be an organisation's name: 2 to 40 characters, no digit, no list number (「第一部分」, 「（一）」)
/// or sentence punctuation.
fn is_organization(s: &str) -> bool {
    let n = s.chars().count();
    (2..=40).contains(&n)
        && !s.starts_with(['第', '（', '('])
        && !s.chars().any(|c| {
            c.is_ascii_digit() || matches!(c, '、' | '，' | '。' | '：' | ':' | '；' | '.' | '．' | '…' | '《' | '》')
        })
}

fn strip_year_prefix(s: &str) -> &str {
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 { s[digits..].trim_start_matches("年度").trim_start_matches('年') } else { s }
}

/// 「2023 年度」/「2023年」 → 2023.
fn year_in(t: &str) -> Option<u32> {
    let chars: Vec<char> = t.chars().collect();
    for w in 0..chars.len().saturating_sub(4) {
        let four = &chars[w..w + 4];
        if four.iter().all(|c| c.is_ascii_digit())
            && (w == 0 || !chars[w - 1].is_ascii_digit())
            && chars.get(w + 4) == Some(&'年')
            && chars.get(w + 5) == Some(&'度')
        {
            let y: u32 = four.iter().collect::<String>().parse().ok()?;
            if (1990..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_chars() {
        let lines = split_lines("标题\n合计\t\t1.00\r\n");
        assert_eq!(lines[1].row.cells[0].source.start, 3);
        assert_eq!(lines[1].row.cells[2].text, "1.00");
        assert_eq!(lines[1].row.cells[2].source.start, 7);
        assert_eq!(lines[1].row.cells[2].source.end, 11);
    }

    /// The cells and offsets as first written (three passes per field), against which the one-pass split is kept.
    fn reference_split(text: &str) -> Vec<(RawRow, bool)> {
        let mut lines = Vec::new();
        let mut offset: u32 = 0;
        for (i, raw_line) in text.split('\n').enumerate() {
            let line_no = (i + 1) as u32;
            let line_chars = raw_line.chars().count() as u32;
            let content = raw_line.strip_suffix('\r').unwrap_or(raw_line);
            let mut cells = Vec::new();
            let mut cell_start = offset;
            for (ci, field) in content.split('\t').enumerate() {
                let field_chars = field.chars().count() as u32;
                let lead = field.chars().take_while(|c| c.is_whitespace()).count() as u32;
                let trimmed = field.trim();
                let start = cell_start + lead.min(field_chars);
                let end = start + trimmed.chars().count() as u32;
                let source = Source { line: line_no, cell: ci as u32 + 1, start, end, page: None };
                cells.push(RawCell { text: trimmed.to_string(), source });
                cell_start += field_chars + 1;
            }
            let has_tab = cells.len() > 1;
            let source = Source { line: line_no, cell: 0, start: offset, end: offset + line_chars, page: None };
            lines.push((RawRow { line: line_no, cells, source }, has_tab));
            offset += line_chars + 1;
        }
        lines
    }

    #[test]
    fn split_matches_reference() {
        let texts = [
            "标题\n合计\t\t1.00\r\n",
            "  一、收入 \t 1,234.56　\t\t\r\n\r\n\t\t\n\u{3000}栏次\u{3000}\t1\t2",
            "",
            "\t",
            "\r",
            "a\r\r\nb\t\r",
            " \u{a0}x\u{2003}\ty \n",
            "a\t \u{3000} \tb\t　",
        ];
        for text in texts {
            let got: Vec<(RawRow, bool)> = split_lines(text).into_iter().map(|l| (l.row, l.has_tab)).collect();
            assert_eq!(got, reference_split(text), "{text:?}");
        }
    }

    #[test]
    fn titles() {
        assert_eq!(kind_from_title("收入支出决算总表"), Some(TableKind::Summary));
        assert_eq!(kind_from_title("- 一、收入支出决算总表"), Some(TableKind::Summary));
        assert_eq!(kind_from_title("一般公共预算财政拨款基本支出决算明细表"), Some(TableKind::BasicDetail));
        assert_eq!(kind_from_title("一般公共预算财政拨款支出决算表"), Some(TableKind::GeneralBudget));
        assert_eq!(kind_from_title("财政拨款“三公”经费支出决算表"), Some(TableKind::ThreePublic));
        assert_eq!(kind_from_title("国有资本经营预算财政拨款支出决算表"), Some(TableKind::StateCapital));
        assert_eq!(kind_from_title("项目支出绩效自评情况表"), Some(TableKind::Performance));
        assert_eq!(kind_from_title("二、收入决算情况说明"), None);
        assert_eq!(kind_from_title("第二部分 2023 年度部门决算表"), None);
    }

    #[test]
    fn shanghai_budget_titles() {
        assert_eq!(kind_from_title("2024年部门财务收支预算总表"), Some(TableKind::Summary));
        assert_eq!(kind_from_title("1.2024年预算单位财务收支预算总表"), Some(TableKind::Summary));
        assert_eq!(kind_from_title("2024年部门收入预算总表"), Some(TableKind::Income));
        assert_eq!(kind_from_title("2024年预算单位支出预算总表"), Some(TableKind::Expenditure));
        assert_eq!(kind_from_title("2024年部门财政拨款收支预算总表"), Some(TableKind::FiscalSummary));
        assert_eq!(kind_from_title("1.2024年部门财务收支预算总表 ……………………"), None);
        assert_eq!(kind_from_title("收入决算表"), Some(TableKind::Income));
        // Jiangsu's 收支预算总表, 收入预算总表 and 支出预算总表 (no 部门/预算单位 before them) name the same kinds, read
        // by `budget_totals` when their header is Jiangsu's (sector_form_kind).
        assert_eq!(kind_from_title("收支预算总表"), Some(TableKind::Summary));
        assert_eq!(kind_from_title("收入预算总表"), Some(TableKind::Income));
        assert_eq!(kind_from_title("支出预算总表"), Some(TableKind::Expenditure));
        assert_eq!(kind_from_title("政府性基金支出预算总表"), None);
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(read("").is_err());
        assert!(read(" \n\t\n").is_err());
        assert!(read("hello world").is_err());
    }

    /// Kind, year and organisation read from a made-up cover.
    fn meta(text: &str) -> (DocumentKind, Option<u32>, Option<String>) {
        let mut doc = Document {
            kind: DocumentKind::Unknown,
            year: None,
            organization: None,
            unit: None,
            tables: Vec::new(),
            narrative: Vec::new(),
            issues: Vec::new(),
        };
        read_metadata(&split_lines(text), &mut doc);
        (doc.kind, doc.year, doc.organization)
    }

    fn is(kind: DocumentKind, year: u32, org: &str) -> (DocumentKind, Option<u32>, Option<String>) {
        (kind, Some(year), Some(org.to_string()))
    }

    #[test]
    fn cover_title_on_one_line() {
        use DocumentKind::{Budget, Final};
        assert_eq!(meta("江苏省示例法院2019年度部门预算\n目 录\n"), is(Budget, 2019, "江苏省示例法院"));
        assert_eq!(meta("示例省委办公厅2018年度部门预算公开\n目 录\n"), is(Budget, 2018, "示例省委办公厅"));
        assert_eq!(meta("示例大学2024年度部门决算\n2025年8月\n目录\n"), is(Final, 2024, "示例大学"));
        assert_eq!(meta("示例学院2023年度高等学校决算\n"), is(Final, 2023, "示例学院"));
        // A unit's budget, with no 年度 (the year is the budget year).
        assert_eq!(
            meta("示例市示例区社会福利院2024年单位预算\n预算单位：示例市示例区社会福利院\n"),
            is(Budget, 2024, "示例市示例区社会福利院")
        );
        // The approval date and the prior year's work on the cover do not change the budget year.
        assert_eq!(
            meta("示例县交通局2024年部门预算\n2024年3月\n三、2023年度工作完成情况\n"),
            is(Budget, 2024, "示例县交通局")
        );
    }

    #[test]
    fn cover_title_of_a_region_names_the_organisation_on_a_label() {
        use DocumentKind::Budget;
        assert_eq!(
            meta("示例市示例区2025年区级部门预算\n预算主管部门：示例市示例区人民政府示例街道办事处\n目 录\n"),
            is(Budget, 2025, "示例市示例区人民政府示例街道办事处")
        );
        // 「示例省2018年度」「省级部门预算公开报表」「部门:中共示例省委办公厅」 (a tables book).
        assert_eq!(
            meta("示例省2018年度\n省级部门预算公开报表\n部 门:中共示例省委办公厅\n示例省财政厅印制\n"),
            is(Budget, 2018, "中共示例省委办公厅")
        );
    }

    #[test]
    fn cover_title_over_several_lines() {
        use DocumentKind::{Budget, Final};
        // The organisation above the title, its name wrapped over two lines.
        assert_eq!(meta("示例大学\n2024年度部门预算\n2024年4月\n目录\n"), is(Budget, 2024, "示例大学"));
        assert_eq!(
            meta("示例市示例区规划和自然\n资源局\n2024年度部门决算\n目 录\n第一部分示例市示例区规划和自然资源局概况\n"),
            is(Final, 2024, "示例市示例区规划和自然资源局")
        );
        // The year, the organisation and the kind on three lines.
        assert_eq!(
            meta("2023 年度\n示例县工业和信息化局\n部门决算公开\n二〇二四年九月\n"),
            is(Final, 2023, "示例县工业和信息化局")
        );
    }

    #[test]
    fn table_of_contents_lines_are_not_titles() {
        assert_eq!(parse_title("二、2024年度部门决算报表"), None);
        assert_eq!(parse_title("第二部分2019年度部门预算表"), None);
        assert_eq!(parse_title("1.2024年部门财务收支预算总表"), None);
        assert_eq!(parse_title("三、2019年度部门主要工作任务及目标"), None);
        assert_eq!(parse_title("（一）2024年度部门预算"), None);
        // No cover title: the 年度 of the first lines and the 部门： of a table header, as before.
        let (_, year, org) = meta("收支预算总表\n部门：示例局\t单位：万元\n2023年度\n");
        assert_eq!((year, org.as_deref()), (Some(2023), Some("示例局")));
    }
}

//! Positioned text (pages of text items, as read from a PDF's text layer) → the document model.
//!
//! Pure: the input is `pdf::Page`s, whatever produced them. The reader rebuilds lines and cells from positions
//! and writes a *synthesized text* of the document in the text reader's format: one line per rebuilt line, table
//! rows as tab-separated cells aligned to the table's columns, a blank line at each page break. That text is then
//! read by `text::read` (so tables go through the same `tables::build`, narrative lines become the same blocks),
//! and every `Source` gets its page. Offsets in the model are character offsets into the synthesized text, which
//! is returned with the document (docs/document-model.md, “Paged inputs”).
//!
//! Reconstruction, per table (a title line, then lines up to the next title or prose line, across pages; a line
//! that names or numbers a table whose kind is not known ends it too, and such a table is written line by line):
//! - lines by baseline; cells split at gaps wider than about one character, and in a table at any visible gap
//!   next to a figure (a narrow column sets a figure closer than that to the next cell's text);
//! - header lines (above the first line with an amount, a code or 合计) and data lines;
//! - columns: the x-ranges of the data cells merged where they overlap, plus header cells that fall in no such
//!   range (columns with no data) — unless a column of figures with no label of its own follows right after it
//!   (a label centred in a wide cell, its figures set right); header cells over several columns are group labels
//!   (a label counts as over a second column only when both have labels under it); adjacent columns holding
//!   only digits (类/款/项 printed apart) are one code column;
//! - header cells of one column stacked over several lines (「本年收入合」/「计」) are joined;
//! - label cells wrapped over lines are joined; a row is every cell whose vertical extent overlaps another's
//!   (cells are centred vertically in their row, so a one-line amount sits between a two-line label's lines);
//! - a repeated header on a continuation page, unit lines and page numbers are dropped.

use super::positioned::Page;
use super::text::{kind_from_title, squash};
use crate::ReadError;
use crate::amount;
use crate::model::{Document, TableKind};
use crate::report::Message;

/// A document read from positioned text, with the text it was rebuilt into.
#[derive(Clone, Debug)]
pub struct Layout {
    pub document: Document,
    /// The synthesized text: every `Source`'s `line`, `start` and `end` point into it.
    pub text: String,
    /// The page (1-based) of each line of `text` (index = line − 1); blank page-break lines carry the next page.
    pub line_pages: Vec<u32>,
}

impl Layout {
    /// The page of a 1-based line of the synthesized text.
    pub fn page_of_line(&self, line: u32) -> Option<u32> {
        self.line_pages.get((line as usize).checked_sub(1)?).copied()
    }
}

/// A run of text on one line, after joining items that touch.
#[derive(Clone, Debug)]
struct Piece {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// Where two items were joined across a visible gap (more than a fifth of a character): the byte offset in
    /// `text` where the second starts, the first's right edge and the second's left edge. A table splits a piece
    /// there when a figure is on either side (`split_figures`): cells set close together in a narrow column.
    seams: Vec<(usize, f32, f32)>,
}

#[derive(Clone, Debug)]
struct Line {
    page: u32,
    y: f32,
    pieces: Vec<Piece>,
}

impl Line {
    fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// Reads positioned pages into a document.
pub fn read(pages: &[Page]) -> Result<Layout, ReadError> {
    let margins: Vec<(u32, f32, f32)> = pages.iter().map(|p| (p.number, left_margin(p), right_margin(p))).collect();
    let margin = |page: u32| margins.iter().find(|m| m.0 == page).map(|m| (m.1, m.2));
    let lines: Vec<Line> = pages.iter().flat_map(page_lines).collect();
    let mut out = Out::default();
    // A paragraph of prose being joined: its text, first page, and its last line.
    let mut para: Option<(String, u32, &Line)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.text();
        if let Some(kind) = kind_from_title(&text).filter(|_| squash(&text).chars().count() <= 48) {
            if let Some((t, page, _)) = para.take() {
                out.line(&t, page);
            }
            let end = region_end(&lines, i + 1);
            out.line(text.trim(), line.page);
            table(&lines[i + 1..end], kind, &mut out);
            i = end;
            continue;
        }
        // Prose: a line that runs to the right margin continues on the next line unless that one is indented or
        // a heading; across a page break too.
        let continues = para.as_ref().is_some_and(|(_, _, prev)| {
            let full = margin(prev.page).is_some_and(|(_, r)| line_x1(prev) >= r - 2.0 * line_size(prev));
            let flush = margin(line.page).is_some_and(|(l, _)| line_x0(line) <= l + 0.5 * line_size(line));
            full && flush && !is_heading(&text) && line.pieces.len() == 1 && prev.pieces.len() == 1
        });
        if continues {
            if let Some((t, _, prev)) = para.as_mut() {
                let ascii = t.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                    && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                if ascii {
                    t.push(' ');
                }
                t.push_str(text.trim());
                *prev = line;
            }
        } else {
            if let Some((t, page, _)) = para.take() {
                out.line(&t, page);
            }
            para = Some((text.trim().to_string(), line.page, line));
        }
        i += 1;
    }
    if let Some((t, page, _)) = para.take() {
        out.line(&t, page);
    }
    if out.text.trim().is_empty() {
        return Err(ReadError {
            message: Message::new(
                "PDF 中没有可读取的文字（可能是扫描件）",
                "The PDF has no readable text (probably scanned)",
            ),
        });
    }
    let mut document = super::text::read(&out.text)?;
    let pages_of = |line: u32| out.pages.get((line as usize).saturating_sub(1)).copied();
    for t in &mut document.tables {
        t.source.page = pages_of(t.source.line);
        for r in &mut t.rows {
            r.source.page = pages_of(r.source.line);
            for c in r.cells.iter_mut().flatten() {
                c.source.page = pages_of(c.source.line);
            }
        }
    }
    for issue in &mut document.issues {
        issue.source.page = pages_of(issue.source.line);
    }
    Ok(Layout { document, text: out.text, line_pages: out.pages })
}

/// The synthesized text being written, with the page of each line. A blank line marks each page break.
#[derive(Default)]
struct Out {
    text: String,
    pages: Vec<u32>,
}

impl Out {
    fn line(&mut self, s: &str, page: u32) {
        if self.pages.last().is_some_and(|p| *p != page) {
            self.text.push('\n');
            self.pages.push(page);
        }
        self.text.push_str(&s.replace(['\n', '\r', '\t'], " "));
        self.text.push('\n');
        self.pages.push(page);
    }

    /// A table row: cells joined by tabs (a row of one cell gets a trailing tab, so that it reads as a row).
    fn row(&mut self, cells: &[String], page: u32) {
        let cells: Vec<String> = cells.iter().map(|c| c.replace(['\n', '\r', '\t'], " ")).collect();
        let mut s = cells.join("\t");
        if cells.len() < 2 {
            s.push('\t');
        }
        if self.pages.last().is_some_and(|p| *p != page) {
            self.text.push('\n');
            self.pages.push(page);
        }
        self.text.push_str(&s);
        self.text.push('\n');
        self.pages.push(page);
    }
}

fn line_x0(l: &Line) -> f32 {
    l.pieces.first().map_or(0.0, |p| p.x0)
}

fn line_x1(l: &Line) -> f32 {
    l.pieces.last().map_or(0.0, |p| p.x1)
}

fn line_size(l: &Line) -> f32 {
    l.pieces.first().map_or(10.0, |p| p.size)
}

/// The left edge of the page's text: the smallest x of its items (rounded to the most common near it).
fn left_margin(p: &Page) -> f32 {
    p.items.iter().map(|i| i.x).fold(f32::MAX, f32::min)
}

/// The right edge of prose on the page: the largest right end among runs of at least 8 characters (a table wider
/// than the text does not move it), else among all items.
fn right_margin(p: &Page) -> f32 {
    let long = p.items.iter().filter(|i| i.text.chars().count() >= 8).map(|i| i.x + i.width).fold(f32::MIN, f32::max);
    if long > f32::MIN { long } else { p.items.iter().map(|i| i.x + i.width).fold(f32::MIN, f32::max) }
}

/// A heading or list entry starts a paragraph: 「一、」「（一）」「1、」「第…部分」「注」. Also used by `layout_text`.
pub(crate) fn is_heading(t: &str) -> bool {
    let t = squash(t);
    let head: String = t.chars().take(6).collect();
    let first = t.chars().next().unwrap_or(' ');
    ("一二三四五六七八九十".contains(first) && head.contains('、'))
        || ((first == '（' || first == '(') && (head.contains('）') || head.contains(')')))
        || list_number(&t)
        || (first == '第' && head.contains('部'))
        || t.starts_with('注')
}

/// 「1、」「12.」「3．」 (a list number, not a figure such as 603.14).
fn list_number(t: &str) -> bool {
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let mut rest = t.chars().skip(digits);
    (1..=2).contains(&digits)
        && rest.next().is_some_and(|c| matches!(c, '、' | '.' | '．'))
        && !rest.next().is_some_and(|c| c.is_ascii_digit())
}

// ---------------------------------------------------------------- lines

/// Items → lines by baseline → pieces (items closer than about half a character are one piece). Page numbers
/// at the foot of the page are dropped.
fn page_lines(page: &Page) -> Vec<Line> {
    let mut items: Vec<&super::positioned::TextItem> = page
        .items
        .iter()
        .filter(|i| !i.text.trim().is_empty() && i.x.is_finite() && i.y.is_finite() && i.size > 0.0)
        .collect();
    items.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f32, f32, Vec<&super::positioned::TextItem>)> = Vec::new(); // (y, size, items)
    for it in items {
        match lines.last_mut() {
            Some((y, size, v)) if (it.y - *y).abs() <= 0.3 * size.max(it.size) => v.push(it),
            _ => lines.push((it.y, it.size, vec![it])),
        }
    }
    let mut out = Vec::new();
    for (y, _, mut v) in lines {
        v.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut pieces: Vec<Piece> = Vec::new();
        for it in v {
            let text = it.text.trim();
            let x1 = it.x + it.width.max(0.0);
            match pieces.last_mut() {
                Some(p) if it.x - p.x1 <= 0.6 * p.size.max(it.size) => {
                    let gap = it.x - p.x1;
                    let ascii_join = p.text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                        && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                    if gap > 0.2 * p.size && ascii_join {
                        p.text.push(' ');
                    }
                    if gap > 0.2 * p.size {
                        p.seams.push((p.text.len(), p.x1, it.x));
                    }
                    p.text.push_str(text);
                    p.x1 = p.x1.max(x1);
                }
                _ => pieces.push(Piece {
                    text: text.to_string(),
                    x0: it.x,
                    x1,
                    y: it.y,
                    size: it.size,
                    seams: Vec::new(),
                }),
            }
        }
        out.push(Line { page: page.number, y, pieces });
    }
    // A page number alone at the foot of the page.
    if let Some(last) = out.last() {
        let t = squash(&last.text());
        let t = t.trim_matches(|c: char| c == '-' || c == '—' || c == '第' || c == '页');
        if last.y > page.height * 0.85 && !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()) {
            out.pop();
        }
    }
    out
}

/// Prose inside or after a table ends it: 注/说明 lines, sentences, long single runs, part headings.
fn is_prose(line: &Line) -> bool {
    if line.pieces.len() != 1 {
        return false;
    }
    let t = squash(&line.pieces[0].text);
    t.starts_with('注')
        || t.starts_with("说明")
        || t.starts_with("备注")
        || t.contains('。')
        || t.contains('，')
        || t.chars().count() >= 20
        || (t.starts_with('第') && t.contains("部分"))
}

fn is_meta(line: &Line) -> bool {
    let t = squash(&line.text());
    t.starts_with("单位：")
        || t.starts_with("单位:")
        || t.starts_with("金额单位")
        || t.starts_with("编制")
        // 「部门：中共江苏省委办公厅 … 单位：万元」: its 单位 is no column's label.
        || ["部门：", "部门:", "部门名称：", "部门名称:"].iter().any(|w| t.starts_with(w))
}

/// End (exclusive) of a table's lines: the next title, prose line, or line that looks like a table's title or
/// number even if its kind is not known (`is_title_like`).
fn region_end(lines: &[Line], from: usize) -> usize {
    let mut j = from;
    while j < lines.len() {
        let l = &lines[j];
        let t = l.text();
        if is_prose(l) || (kind_from_title(&t).is_some() && squash(&t).chars().count() <= 48) || is_title_like(l) {
            break;
        }
        j += 1;
    }
    j
}

/// A line that names a table or numbers one, of whatever kind: 「收支预算总表」「财政拨款支出预算表（功能科目）」
/// 「2018年政府采购预算表」「公开05表」. It ends the table above it, so that a table of a kind the reader does not
/// know is not taken for more rows (and header lines, dropped on a later page) of the one before. Such a table's
/// lines are then written as they are, in reading order.
fn is_title_like(l: &Line) -> bool {
    if is_data_line(l) {
        return false;
    }
    let t = squash(&l.text());
    let n = t.chars().count();
    if !(3..=48).contains(&n) || t.contains(['。', '，', '：', ':', '；']) {
        return false;
    }
    // 「公开05表」「公开 05 表」, a table's number on a line of its own.
    if let Some(num) = t.strip_prefix("公开").and_then(|r| r.strip_suffix('表')) {
        return (1..=3).contains(&num.chars().count()) && num.chars().all(|c| c.is_ascii_digit());
    }
    // A title ends with 表, or with 表 and a note in brackets: 「（功能科目）」「（续）」.
    let core = match t.strip_suffix(['）', ')']) {
        Some(r) => r.rfind(['（', '(']).map_or(r, |i| &r[..i]),
        None => &t,
    };
    core.ends_with('表') && core.chars().count() >= 4
}

fn is_amount(t: &str) -> bool {
    let s = squash(t);
    s.chars().any(|c| c.is_ascii_digit())
        && s.contains('.')
        && amount::parse_amount(&s).is_ok_and(|a| a.scale.is_some_and(|s| s > 0))
}

fn is_digits(t: &str) -> bool {
    let s = squash(t);
    !s.is_empty() && s.len() <= 7 && s.chars().all(|c| c.is_ascii_digit())
}

/// A line with an amount or a code, or a 合计/总计 row (with nothing but figures beside it; a header line may
/// name a 合计 column among others).
fn is_data_line(l: &Line) -> bool {
    let figure = |p: &Piece| is_amount(&p.text) || (is_digits(&p.text) && matches!(squash(&p.text).len(), 3 | 5 | 7));
    let total = |p: &Piece| matches!(squash(&p.text).as_str(), "合计" | "总计");
    l.pieces.iter().any(figure) || (l.pieces.iter().any(total) && l.pieces.iter().all(|p| total(p) || figure(p)))
}

// ---------------------------------------------------------------- tables

/// A column: its x-range, and whether it holds only code digits.
#[derive(Clone, Debug)]
struct Col {
    x0: f32,
    x1: f32,
    /// For a column made from header labels only: the baseline of its lowest label so far (a label stacked
    /// right above it widens the column).
    stack_y: Option<f32>,
}

fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

/// A piece joined across a gap from a figure and the next cell's text (「24,458.43」 and 「一、基本支出」 4 points
/// apart in a narrow column: less than the half character that joins items) is split back at that gap; pieces
/// joined without a figure on either side of a gap (a label's words) stay whole.
fn split_figures(line: &Line) -> Line {
    let mut pieces = Vec::with_capacity(line.pieces.len());
    for p in &line.pieces {
        if p.seams.is_empty() {
            pieces.push(p.clone());
            continue;
        }
        // Segments between seams: (start byte, x0, x1).
        let mut bounds: Vec<(usize, f32, f32)> = Vec::with_capacity(p.seams.len() + 1);
        let mut start = (0, p.x0);
        for &(at, left_x1, right_x0) in &p.seams {
            bounds.push((start.0, start.1, left_x1));
            start = (at, right_x0);
        }
        bounds.push((start.0, start.1, p.x1));
        let seg_text = |k: usize| {
            let end = bounds.get(k + 1).map_or(p.text.len(), |b| b.0);
            p.text.get(bounds[k].0..end).unwrap_or("")
        };
        let mut cur: Option<Piece> = None;
        for (k, &(_, seg_x0, seg_x1)) in bounds.iter().enumerate() {
            let t = seg_text(k);
            let split = k > 0 && (is_amount(seg_text(k - 1)) || is_amount(t));
            match cur.as_mut() {
                Some(c) if !split => {
                    c.seams.push((c.text.len(), c.x1, seg_x0));
                    c.text.push_str(t);
                    c.x1 = seg_x1;
                }
                _ => {
                    if let Some(mut c) = cur.take() {
                        c.text.truncate(c.text.trim_end().len());
                        pieces.push(c);
                    }
                    let text = t.trim().to_string();
                    cur = Some(Piece { text, x0: seg_x0, x1: seg_x1, y: p.y, size: p.size, seams: Vec::new() });
                }
            }
        }
        if let Some(mut c) = cur {
            c.text.truncate(c.text.trim_end().len());
            pieces.push(c);
        }
    }
    Line { page: line.page, y: line.y, pieces }
}

fn table(lines: &[Line], kind: TableKind, out: &mut Out) {
    let lines: Vec<Line> = lines.iter().map(split_figures).collect();
    let lines = &lines[..];
    // Meta lines right after the title go out as they are; elsewhere they are dropped.
    let mut k = 0;
    while k < lines.len() && is_meta(&lines[k]) {
        out.line(&lines[k].text(), lines[k].page);
        k += 1;
    }
    let lines = &lines[k..];
    if lines.is_empty() {
        return;
    }
    let first_page = lines[0].page;
    // The first data line: figures or a code, or (a template's blank T1/T4) the first 「一、」 row label.
    let first_row = |l: &Line| l.pieces.first().is_some_and(|p| squash(&p.text).starts_with("一、"));
    let mut first_data = lines.iter().position(|l| is_data_line(l) || first_row(l)).unwrap_or(lines.len());
    // The first row's label may start on a line above its figures (centred vertically): a lone text piece just
    // above, over no piece of the data line, belongs to the data.
    if let (Some(d), Some(u)) = (lines.get(first_data), first_data.checked_sub(1).and_then(|k| lines.get(k))) {
        if let [p] = &u.pieces[..] {
            let near = d.page == u.page && d.y - u.y > 0.0 && d.y - u.y < 0.9 * p.size;
            let free = d.pieces.iter().all(|q| overlap(p.x0, p.x1, q.x0, q.x1) <= 0.0);
            if near && free && is_text(&p.text) {
                first_data -= 1;
            }
        }
    }
    let mut header: Vec<Line> =
        lines[..first_data].iter().filter(|l| l.page == first_page && !is_meta(l)).cloned().collect();
    let header_texts: Vec<String> = header.iter().map(|l| squash(&l.text())).collect();
    // Data lines: drop meta lines and a header repeated at the top of a continuation page.
    let mut data: Vec<Line> = Vec::new();
    let mut page_started_data = first_page;
    for l in &lines[first_data..] {
        if is_meta(l) {
            continue;
        }
        if l.page != page_started_data && !is_data_line(l) {
            let all_header = header_texts.contains(&squash(&l.text()));
            if all_header {
                continue;
            }
        }
        if is_data_line(l) {
            page_started_data = l.page;
        }
        // 类/款/项 column labels printed on the line of the first figures (a vertically centred header cell).
        let mut l = l.clone();
        l.pieces.retain(|p| !matches!(squash(&p.text).as_str(), "类" | "款" | "项"));
        if !l.pieces.is_empty() {
            data.push(l);
        }
    }
    // An empty table's 合计 row label printed on the line of the lowest column labels (「合计 … 合计 基本支出
    // 项目支出」): the leftmost 合计 is a data row, the rest stays header.
    if data.is_empty() && kind != TableKind::ThreePublic {
        if let Some(h) = header.iter_mut().rev().find(|l| {
            l.pieces.len() > 1 && l.pieces.first().is_some_and(|p| matches!(squash(&p.text).as_str(), "合计" | "总计"))
        }) {
            let total = h.pieces.remove(0);
            data.push(Line { page: h.page, y: h.y, pieces: vec![total] });
        }
    }
    let data: Vec<&Line> = data.iter().collect();
    let header: Vec<&Line> = header.iter().collect();

    // A 「三公」 table has one row of figures, with blank cells not printed: too few figures to give columns of
    // their own. When its header's leaf labels stand on a regular grid, each figure's column is the grid cell it
    // lies wholly within; otherwise the columns are built as for any table (and the reader may not place them).
    if kind == TableKind::ThreePublic
        && let Some((rows, used)) = header_grid_rows(&header, &data)
    {
        for (r, page) in rows {
            out.row(&r, page);
        }
        // Lines below the figures with none of their own (the next heading) are prose, not rows.
        for l in &data[used..] {
            out.line(l.text().trim(), l.page);
        }
        return;
    }

    // Columns from the data cells.
    let mut cols: Vec<Col> = Vec::new();
    let mut data_pieces: Vec<&Piece> = data.iter().flat_map(|l| l.pieces.iter()).collect();
    data_pieces.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    for p in &data_pieces {
        match cols.last_mut() {
            Some(c) if p.x0 < c.x1 - 0.5 => c.x1 = c.x1.max(p.x1),
            _ => cols.push(Col { x0: p.x0, x1: p.x1, stack_y: None }),
        }
    }
    let two_halves = matches!(kind, TableKind::Summary | TableKind::FiscalSummary);
    // Header pieces, narrowest first: in one column, in none (a column of its own), or over several (a group).
    let mut hp: Vec<&Piece> = header
        .iter()
        .flat_map(|l| l.pieces.iter())
        .filter(|p| !(two_halves && matches!(squash(&p.text).as_str(), "收入" | "支出")))
        .collect();
    // Bottom line first (leaf labels), narrowest first within a line.
    hp.sort_by(|a, b| b.y.total_cmp(&a.y).then((a.x1 - a.x0).total_cmp(&(b.x1 - b.x0))));
    let bottom_y = hp.first().map(|p| p.y).unwrap_or(0.0);
    let counts = |p: &Piece, cols: &[Col]| -> Vec<usize> {
        let w = (p.x1 - p.x0).max(0.1);
        cols.iter()
            .enumerate()
            .filter(|(_, c)| {
                let o = overlap(p.x0, p.x1, c.x0, c.x1);
                o > 1.0 && o > 0.15 * w.min(c.x1 - c.x0)
            })
            .map(|(i, _)| i)
            .collect()
    };
    // A label above the bottom line, in the gap between two columns that are each within its width (「合计」
    // centred over 预算数 and 决算数): a group label over both, not a column of its own.
    let between = |p: &Piece, cols: &[Col]| -> Option<(usize, usize)> {
        let w = p.x1 - p.x0;
        (0..cols.len().saturating_sub(1))
            .find(|&i| {
                let (l, r) = (&cols[i], &cols[i + 1]);
                let leaf = |c: &Col| c.stack_y.is_some_and(|y| (y - bottom_y).abs() <= 0.5 * p.size);
                // On the left, a column a bottom label is over will do too (「项目名称」 over the row labels of a
                // summary's second half, under 「支出用途」, with 「金额」 on the right).
                let labelled_at_bottom = |c: &Col| {
                    hp.iter().any(|q| (q.y - bottom_y).abs() <= 0.5 * q.size && overlap(q.x0, q.x1, c.x0, c.x1) > 1.0)
                };
                (leaf(l) || labelled_at_bottom(l))
                    && leaf(r)
                    && l.x1 <= p.x0 + 0.2 * w
                    && r.x0 >= p.x1 - 0.2 * w
                    && p.x0 - l.x1 < w
                    && r.x0 - p.x1 < w
            })
            .map(|i| (i, i + 1))
    };
    for p in &hp {
        let over = counts(p, &cols);
        if over.is_empty() && (bottom_y - p.y) > 0.5 * p.size && between(p, &cols).is_some() {
            continue;
        }
        if over.is_empty() {
            let at = cols.iter().position(|c| c.x0 > p.x0).unwrap_or(cols.len());
            cols.insert(at, Col { x0: p.x0, x1: p.x1, stack_y: Some(p.y) });
        } else if let [i] = over[..] {
            let c = &mut cols[i];
            if c.stack_y.is_some_and(|y| y - p.y > 0.0 && y - p.y <= 1.5 * p.size) {
                c.x0 = c.x0.min(p.x0);
                c.x1 = c.x1.max(p.x1);
                c.stack_y = Some(p.y);
            }
        }
    }
    // A label centred in a wide cell may not reach the figures set right in it (「金额」 ending 7 points left of
    // 「24,458.43」): it made a column of its own. A column of figures with no label of its own right after such
    // a label-only column, a gap of at most a character and a half away, is that label's column.
    let mut i = 1;
    while i < cols.len() {
        let (l, c) = (&cols[i - 1], &cols[i]);
        let labelled = hp.iter().any(|p| counts(p, &cols) == [i]);
        let size = hp.iter().map(|p| p.size).fold(0.0_f32, f32::max);
        // Figures with a decimal point (not a template's empty 科目编码 column), and the one label alone over the
        // joined range (not a label of a neighbouring column reaching into it).
        let figures = data_pieces.iter().any(|p| overlap(p.x0, p.x1, c.x0, c.x1) > 0.0 && is_amount(&p.text));
        let alone = hp.iter().filter(|p| overlap(p.x0, p.x1, l.x0, c.x1) > 1.0).count() == 1;
        if c.stack_y.is_none() && l.stack_y.is_some() && !labelled && figures && alone && c.x0 - l.x1 <= 1.5 * size {
            let x0 = l.x0.min(c.x0);
            cols[i].x0 = x0;
            cols.remove(i - 1);
        } else {
            i += 1;
        }
    }
    // Adjacent columns of code digits (类/款/项 apart) → one code column.
    let digit_only = |c: &Col| {
        let mut any = false;
        for p in &data_pieces {
            let o = overlap(p.x0, p.x1, c.x0, c.x1);
            if o > 0.0 {
                if !is_digits(&p.text) {
                    return false;
                }
                any = true;
            }
        }
        any
    };
    // A column labelled on its own by a money label (「事业收入」 over its 「0」s, once joined with its figures above)
    // is an amount column, not a part of a code: only code labels (类/款/项, 科目编码) may stand over code digits.
    let money_labelled = |i: usize| {
        hp.iter().any(|p| {
            let t = squash(&p.text);
            counts(p, &cols) == [i] && !["类", "款", "项", "编码", "代码", "科目"].iter().any(|w| t.contains(w))
        })
    };
    let flags: Vec<bool> = (0..cols.len()).map(|i| digit_only(&cols[i]) && !money_labelled(i)).collect();
    let mut group_of: Vec<usize> = Vec::with_capacity(cols.len()); // col index → output column
    let mut n_out = 0;
    for (i, f) in flags.iter().enumerate() {
        if i > 0 && *f && flags[i - 1] {
            group_of.push(n_out - 1);
        } else {
            group_of.push(n_out);
            n_out += 1;
        }
    }
    let n_out = n_out.max(1);
    let col_of = |p: &Piece| -> Option<usize> {
        cols.iter()
            .enumerate()
            .map(|(i, c)| (i, overlap(p.x0, p.x1, c.x0, c.x1)))
            .filter(|(_, o)| *o > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| group_of[i])
            .or_else(|| {
                // No overlap: the nearest column by centre.
                let cx = (p.x0 + p.x1) / 2.0;
                cols.iter()
                    .enumerate()
                    .min_by(|a, b| {
                        let da = ((a.1.x0 + a.1.x1) / 2.0 - cx).abs();
                        let db = ((b.1.x0 + b.1.x1) / 2.0 - cx).abs();
                        da.total_cmp(&db)
                    })
                    .map(|(i, _)| group_of[i])
            })
    };

    // Header cells: (first output column, last output column, top y, text), stacked pieces joined.
    let mut hcells: Vec<(usize, usize, f32, f32, f32, String)> = Vec::new(); // a, b, y_first, y_last, size, text
    let mut hp_sorted: Vec<&Piece> = hp.clone();
    hp_sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    for p in hp_sorted {
        let mut over = counts(p, &cols);
        // A label above the bottom line centred nearer a column boundary than its column's centre stands over
        // both columns (「合计」 over 预算数 and 决算数).
        if over.len() == 1 && (bottom_y - p.y) > 0.5 * p.size {
            let i = over[0];
            let c = &cols[i];
            let centre = (p.x0 + p.x1) / 2.0;
            let dc = (centre - (c.x0 + c.x1) / 2.0).abs();
            // Only a group has labels under it in both columns: 「会议费」 printed over two header lines beside
            // 「公务接待费」 is one column's label, however its centre falls.
            let labelled_below =
                |j: usize| hp.iter().any(|q| q.y - p.y > 0.5 * p.size && counts(q, &cols).contains(&j));
            if i > 0
                && p.x0 < c.x0
                && (centre - (cols[i - 1].x1 + c.x0) / 2.0).abs() < 0.75 * dc
                && labelled_below(i - 1)
                && labelled_below(i)
            {
                over.insert(0, i - 1);
            } else if i + 1 < cols.len()
                && p.x1 > c.x1
                && (centre - (c.x1 + cols[i + 1].x0) / 2.0).abs() < 0.75 * dc
                && labelled_below(i)
                && labelled_below(i + 1)
            {
                over.push(i + 1);
            }
        }
        let (a, b) = if over.is_empty() {
            match between(p, &cols).filter(|_| (bottom_y - p.y) > 0.5 * p.size) {
                Some((l, r)) => (group_of[l], group_of[r]),
                None => {
                    let c = col_of(p).unwrap_or(0);
                    (c, c)
                }
            }
        } else {
            (group_of[over[0]], group_of[*over.last().unwrap_or(&over[0])])
        };
        let t = squash(&p.text);
        if let Some(h) = hcells.iter_mut().rev().find(|h| h.0 == a && h.1 == b) {
            if p.y - h.3 <= 1.5 * p.size && p.y > h.3 {
                h.5.push_str(&t);
                h.3 = p.y;
                continue;
            }
        }
        hcells.push((a, b, p.y, p.y, p.size, t));
    }
    let mut header_rows: Vec<Vec<String>> = Vec::new();
    if two_halves {
        // 收入 over the first half, 支出 over the second (starting at the second 项目).
        let second = hcells
            .iter()
            .filter(|h| h.0 == h.1 && matches!(h.5.as_str(), "项目" | "项目名称"))
            .map(|h| h.0)
            .filter(|c| *c > 0)
            .min();
        if let Some(s) = second {
            let mut r = vec![String::new(); n_out];
            r[0] = "收入".into();
            r[s] = "支出".into();
            header_rows.push(r);
        }
    }
    // One header row per printed header line (by the first line of each cell), top to bottom; a cell sits at
    // the first column it covers. A lone label on the top line (「财政拨款“三公”经费」) stands over the whole table.
    hcells.sort_by(|x, y| x.2.total_cmp(&y.2).then(x.0.cmp(&y.0)));
    let top_y = hcells.first().map(|h| h.2);
    let (tx0, tx1) = (cols.first().map_or(0.0, |c| c.x0), cols.last().map_or(0.0, |c| c.x1));
    let lone_top = top_y.is_some_and(|t| hcells.iter().filter(|h| (h.2 - t).abs() <= 0.5 * h.4).count() == 1)
        && hcells.first().is_some_and(|h| h.1 > h.0)
        && hp
            .iter()
            .find(|p| Some(p.y) == top_y)
            .is_some_and(|p| ((p.x0 + p.x1) / 2.0 - (tx0 + tx1) / 2.0).abs() < 0.15 * (tx1 - tx0));
    let mut line_y: Option<f32> = None;
    for (k, h) in hcells.iter().enumerate() {
        let new_line = line_y.is_none_or(|y| h.2 - y > 0.5 * h.4);
        if new_line {
            header_rows.push(vec![String::new(); n_out]);
            line_y = Some(h.2);
        }
        let col = if k == 0 && lone_top && n_out > 2 { 0 } else { h.0 };
        if let Some(r) = header_rows.last_mut() {
            r[col].push_str(&h.5);
        }
    }
    let header_page = header.first().map(|l| l.page).unwrap_or(first_page);
    for r in header_rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())) {
        out.row(r, header_page);
    }

    // Data rows, page by page.
    let mut right_edge = vec![f32::MIN; n_out];
    for p in &data_pieces {
        if is_text(&p.text) {
            if let Some(c) = col_of(p) {
                let c = c.min(n_out - 1);
                right_edge[c] = right_edge[c].max(p.x1);
            }
        }
    }
    let mut k = 0;
    while k < data.len() {
        let page = data[k].page;
        let end = data[k..].iter().position(|l| l.page != page).map(|e| k + e).unwrap_or(data.len());
        for r in rows(&data[k..end], &col_of, n_out, &right_edge) {
            out.row(&r, page);
        }
        k = end;
    }
}

/// A row of cells written out, with its page.
type GridRow = (Vec<String>, u32);

/// A header cell's label: the pieces of one cell stacked over lines (「2024年机关运行经」/「费预算数」) joined.
struct Label {
    text: String,
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    size: f32,
}

impl Label {
    fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Rows of a table laid out on its header's grid: the leaf labels (those with no label below them) must be
/// centred at a regular pitch — cells of equal width, each label centred in its cell — so that the cells' bounds
/// are the midpoints between neighbouring centres. Every data piece must be a figure lying wholly within one cell,
/// at most one per cell and line: then its column is certain, and a cell with no figure is a blank cell. The rows
/// are the header's and those of the lines of figures at the top of `data`, whose count is returned with them (the
/// lines after them hold no figure). `None` (the columns are built from the data instead) when any of this does
/// not hold.
fn header_grid_rows(header: &[&Line], data: &[&Line]) -> Option<(Vec<GridRow>, usize)> {
    let figure = |p: &Piece| amount::parse_amount(&squash(&p.text)).is_ok();
    let used = data.iter().take_while(|l| l.pieces.iter().all(figure)).count();
    if used == 0 || data[used..].iter().any(|l| l.pieces.iter().any(|p| !is_text(&p.text))) {
        return None;
    }
    let data = &data[..used];
    let mut pieces: Vec<&Piece> = header.iter().flat_map(|l| l.pieces.iter()).collect();
    pieces.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut labels: Vec<Label> = Vec::new();
    for p in pieces {
        let centre = (p.x0 + p.x1) / 2.0;
        // The next line of the same cell: right below, centred on the same point.
        let stacked = labels.iter_mut().rev().find(|l| {
            p.y > l.y1 + 0.5 * p.size && p.y - l.y1 <= 1.5 * p.size && (l.centre() - centre).abs() <= 0.5 * p.size
        });
        match stacked {
            Some(l) => {
                l.text.push_str(&squash(&p.text));
                l.x0 = l.x0.min(p.x0);
                l.x1 = l.x1.max(p.x1);
                l.y1 = p.y;
            }
            None => labels.push(Label { text: squash(&p.text), x0: p.x0, x1: p.x1, y0: p.y, y1: p.y, size: p.size }),
        }
    }
    let is_leaf = |l: &Label| !labels.iter().any(|o| o.y0 > l.y1 && overlap(l.x0, l.x1, o.x0, o.x1) > 1.0);
    let mut leaves: Vec<f32> = labels.iter().filter(|l| is_leaf(l)).map(Label::centre).collect();
    leaves.sort_by(f32::total_cmp);
    if leaves.len() < 3 {
        return None;
    }
    let mut steps: Vec<f32> = leaves.windows(2).map(|w| w[1] - w[0]).collect();
    steps.sort_by(f32::total_cmp);
    let pitch = steps[steps.len() / 2];
    if pitch <= 0.0 || steps.iter().any(|d| (d - pitch).abs() > 0.1 * pitch) {
        return None;
    }
    let half = pitch / 2.0;
    let cell_of = |x0: f32, x1: f32| leaves.iter().position(|c| x0 >= c - half && x1 <= c + half);
    let n = leaves.len();
    let mut rows: Vec<GridRow> = Vec::new();
    // Header: one row per printed line of labels, a group label at the first cell it reaches into.
    // (`labels` are in reading order already: pushed as their first pieces came, by line then x.)
    let page = header.first().or(data.first()).map(|l| l.page)?;
    let mut line_y: Option<f32> = None;
    for (k, l) in labels.iter().enumerate() {
        if line_y.is_none_or(|y| l.y0 - y > 0.5 * l.size) {
            rows.push((vec![String::new(); n], page));
            line_y = Some(l.y0);
        }
        // A lone label on the top line over more than one cell (「财政拨款“三公”经费」) stands over the whole table.
        let lone_top = k == 0 && labels.iter().filter(|o| (o.y0 - l.y0).abs() <= 0.5 * l.size).count() == 1;
        let at = if lone_top && !is_leaf(l) { 0 } else { leaves.iter().position(|c| c + half > l.x0).unwrap_or(n - 1) };
        rows.last_mut()?.0[at].push_str(&l.text);
    }
    for line in data {
        let mut row = vec![String::new(); n];
        for p in &line.pieces {
            let i = cell_of(p.x0, p.x1)?;
            if !row[i].is_empty() {
                return None;
            }
            row[i] = squash(&p.text);
        }
        rows.push((row, line.page));
    }
    Some((rows, used))
}

/// Does a label piece start a row of its own (an ordinal, a total, a code) rather than continue the one above?
fn starts_row(t: &str) -> bool {
    let t = squash(t);
    let first = t.chars().next().unwrap_or(' ');
    "一二三四五六七八九十（(".contains(first) && (t.contains('、') || t.starts_with('（') || t.starts_with('('))
        || ["合计", "总计", "本年", "其中", "年初", "年末", "使用", "结余", "人员经费", "公用经费"]
            .iter()
            .any(|k| t.starts_with(k))
        || t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A cell being assembled: column, first and last baseline, size, text, right edge, and whether its first line
/// carries a code or an amount elsewhere (two such lines are two rows, never one wrapped label).
struct Cell {
    col: usize,
    y0: f32,
    y1: f32,
    size: f32,
    text: String,
    x0: f32,
    x1: f32,
    line_has_data: bool,
    /// The baseline of the line the cell starts on: cells of one column in one row are joined in reading order,
    /// line by line, then left to right.
    line_y: f32,
}

fn is_text(t: &str) -> bool {
    !is_amount(t) && !is_digits(t)
}

/// Lines of one page of a table → rows of cells by output column. `right_edge` is each column's rightmost
/// label end over the whole table (a label that reaches it was wrapped).
fn rows(lines: &[&Line], col_of: &dyn Fn(&Piece) -> Option<usize>, n: usize, right_edge: &[f32]) -> Vec<Vec<String>> {
    let mut cells: Vec<Cell> = Vec::new();
    for l in lines {
        let has_data = l.pieces.iter().any(|p| !is_text(&p.text));
        for p in &l.pieces {
            let Some(c) = col_of(p) else { continue };
            cells.push(Cell {
                col: c.min(n - 1),
                y0: p.y,
                y1: p.y,
                size: p.size,
                text: p.text.clone(),
                x0: p.x0,
                x1: p.x1,
                line_has_data: has_data,
                line_y: l.y,
            });
        }
    }
    cells.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    // The nearest line with figures: a label line closer to another row's figures starts that row.
    let figure_ys: Vec<f32> =
        lines.iter().filter(|l| l.pieces.iter().any(|p| !is_text(&p.text))).map(|l| l.y).collect();
    let nearest = |y: f32| -> Option<usize> {
        figure_ys.iter().enumerate().min_by(|a, b| (a.1 - y).abs().total_cmp(&(b.1 - y).abs())).map(|(i, _)| i)
    };
    let near_figures = |y: f32, size: f32| figure_ys.iter().any(|f| (f - y).abs() < size);
    // Wrapped labels: a text piece right under a full-width text piece of the same column continues it.
    let mut merged: Vec<Cell> = Vec::new();
    for c in cells {
        if is_text(&c.text) && !starts_row(&c.text) {
            if let Some(prev) = merged.iter_mut().rev().find(|m| m.col == c.col) {
                let gap = c.y0 - prev.y1;
                let edge = right_edge.get(c.col).copied().unwrap_or(f32::MIN);
                if is_text(&prev.text)
                    && !(prev.line_has_data && c.line_has_data)
                    && (nearest(c.y0) == nearest(prev.y0) || !near_figures(c.y0, 1.5 * c.size))
                    && gap > 0.0
                    && gap <= 1.6 * c.size
                    && prev.x1 >= edge - 1.5 * c.size
                {
                    prev.text.push_str(c.text.trim());
                    prev.y1 = c.y0;
                    prev.x1 = c.x1;
                    prev.line_has_data |= c.line_has_data;
                    continue;
                }
            }
        }
        merged.push(c);
    }
    // Rows: cells whose vertical extents overlap.
    let ext = |c: &Cell| (c.y0 - 0.75 * c.size, c.y1 + 0.1 * c.size);
    merged.sort_by(|a, b| ext(a).0.total_cmp(&ext(b).0));
    let mut groups: Vec<Vec<&Cell>> = Vec::new();
    let mut bottom = f32::MIN;
    for c in &merged {
        let (top, bot) = ext(c);
        match groups.last_mut() {
            Some(g) if top <= bottom => {
                g.push(c);
                bottom = bottom.max(bot);
            }
            _ => {
                groups.push(vec![c]);
                bottom = bot;
            }
        }
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    for mut g in groups {
        // Reading order: a label wrapped over two lines that were not merged above (「机关事业单位职 / 业年金缴费支出」)
        // is joined top line first, even where the lower line starts a little to the left.
        g.sort_by(|a, b| a.line_y.total_cmp(&b.line_y).then(a.x0.total_cmp(&b.x0)));
        let mut row = vec![String::new(); n];
        for c in g {
            let cell = &mut row[c.col];
            if cell.is_empty() {
                *cell = c.text.clone();
            } else if is_digits(cell) && is_digits(&c.text) {
                // Code levels printed apart are one code when they have a code's shape (类 of 3 digits, then 款
                // and 项 of 2: 「201」「06」「01」; an economic 款 without its 0: 「301」「2」); otherwise they are kept
                // apart as printed (「7」「11」「02」), for the reader to see that they are not a code.
                let code_shaped = !cell.contains(' ') && matches!(cell.len(), 3 | 5) && c.text.trim().len() <= 2;
                if !code_shaped {
                    cell.push(' ');
                }
                cell.push_str(c.text.trim());
            } else {
                cell.push(' ');
                cell.push_str(c.text.trim());
            }
        }
        out.push(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::input::positioned::{Page, TextItem};

    fn item(text: &str, x: f32, y: f32, width: f32, size: f32) -> TextItem {
        TextItem { text: text.into(), x, y, width, size }
    }

    /// The tab-separated line of the synthesized text containing `cell`, and the cell's index in it.
    fn cell_at(text: &str, cell: &str) -> (Vec<String>, usize) {
        for l in text.lines() {
            let cells: Vec<String> = l.split('\t').map(str::to_string).collect();
            if let Some(i) = cells.iter().position(|c| c == cell) {
                return (cells, i);
            }
        }
        panic!("no cell {cell} in:\n{text}")
    }

    /// A 财政拨款收支预算总表 on a rotated A3 page: a figure 4 points left of the next half's label (under the half
    /// character that joins items), and 「金额」 labels centred in their cells, ending short of their figures.
    fn fiscal_summary_page(gap: f32) -> Page {
        let s = 12.0;
        let mut items = vec![
            item("财政拨款收支预算总表", 488.0, 84.0, 199.0, 19.9),
            item("部门：某部门", 273.0, 126.0, 72.0, s),
            item("单位：万元", 843.0, 126.0, 60.0, s),
            item("收入", 417.0, 151.0, 24.0, s),
            item("支出", 734.0, 151.0, 24.0, s),
            item("支出用途", 722.0, 188.0, 48.7, s),
            item("项目名称", 330.0, 206.0, 48.7, s),
            item("金额", 500.6, 206.0, 24.2, s),
            item("项目名称", 646.8, 225.0, 48.7, s),
            item("金额", 817.4, 225.0, 24.2, s),
            item("一、一般公共预算", 273.0, 262.0, 96.0, s),
            item("24,000.00", 532.0, 262.0, 54.0, s),
            item("14,000.00", 849.0, 262.0, 54.0, s),
            item("二、政府性基金预算", 273.0, 298.0, 108.0, s),
            item("二、项目支出", 590.0, 298.0, 72.0, s),
            item("10,000.00", 849.0, 298.0, 54.0, s),
            item("收入合计", 330.0, 372.0, 48.7, s),
            item("24,000.00", 532.0, 372.0, 54.0, s),
            item("支出合计", 646.8, 372.0, 48.7, s),
            item("24,000.00", 849.0, 372.0, 54.0, s),
        ];
        items.push(item("一、基本支出", 586.0 + gap, 262.0, 72.0, s));
        Page { number: 1, width: 1191.0, height: 842.0, items }
    }

    #[test]
    fn a_figure_close_to_the_next_cell_is_its_own_cell() {
        let l = read(&[fiscal_summary_page(4.0)]).expect("reads");
        let (cells, i) = cell_at(&l.text, "24,000.00");
        assert_eq!(cells.get(i + 1).map(String::as_str), Some("一、基本支出"), "{}", l.text);
        // The income 金额 label is over its figures' column, and so is the expenditure one.
        let (_, fig) = cell_at(&l.text, "14,000.00");
        let amount_at: Vec<usize> = l
            .text
            .lines()
            .flat_map(|l| l.split('\t').enumerate().filter(|(_, c)| *c == "金额").map(|(k, _)| k))
            .collect();
        assert_eq!(amount_at, [i, fig], "{}", l.text);
        let t = &l.document.tables[0];
        assert_eq!(t.columns.len(), 2, "{}", l.text);
        assert_eq!(t.unit.as_deref(), Some("万元"));
    }

    #[test]
    fn text_items_touching_stay_one_cell() {
        // Items that touch (a run split by the PDF, 「一、基本」「支出」) are one piece; no figure, no split.
        let mut page = fiscal_summary_page(4.0);
        page.items.retain(|i| i.text != "一、基本支出");
        page.items.push(item("一、基本", 590.0, 262.0, 48.0, 12.0));
        page.items.push(item("支出", 641.0, 262.0, 24.0, 12.0));
        let l = read(&[page]).expect("reads");
        assert!(l.text.lines().any(|line| line.split('\t').any(|c| c == "一、基本支出")), "{}", l.text);
    }

    #[test]
    fn a_label_beside_a_group_is_its_own_columns() {
        // 「会议费」 printed over two header lines beside 「公务接待费」, its centre nearer their boundary than its
        // figure's centre; 「培训费」 reaching its figure by 3 points.
        let s = 12.0;
        let page = Page {
            number: 1,
            width: 1191.0,
            height: 842.0,
            items: vec![
                item("“三公”经费、会议费、培训费支出预算表", 381.0, 88.0, 383.0, 19.9),
                item("单位：万元", 874.0, 133.0, 45.6, 9.1),
                item("合计", 247.6, 206.4, 24.2, s),
                item("会议费", 763.2, 206.4, 36.5, s),
                item("培训费", 856.3, 206.4, 36.5, s),
                item("公务接待费", 666.7, 251.0, 61.0, s),
                item("990.50", 251.0, 291.6, 36.0, s),
                item("27.00", 702.9, 291.6, 30.0, s),
                item("933.50", 790.0, 291.6, 36.0, s),
                item("30.00", 889.2, 291.6, 30.0, s),
            ],
        };
        let l = read(&[page]).expect("reads");
        let (_, meetings) = cell_at(&l.text, "933.50");
        let (_, training) = cell_at(&l.text, "30.00");
        let (_, reception) = cell_at(&l.text, "27.00");
        let (h, m) = cell_at(&l.text, "会议费");
        assert_eq!(m, meetings, "{}", l.text);
        assert_eq!(h.iter().position(|c| c == "培训费"), Some(training), "{}", l.text);
        assert_eq!(cell_at(&l.text, "公务接待费").1, reception, "{}", l.text);
        assert_eq!(cell_at(&l.text, "990.50").0.len(), 4, "four columns: {}", l.text);
    }
}

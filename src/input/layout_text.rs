//! Layout text → the document model. Layout text is a document's text laid out with spaces as on the page:
//! `pdftotext -layout` output (columns aligned with runs of spaces, cells wrapped over several lines, a form feed
//! between pages), or text pasted from a tool that does the same. It is turned into positioned text items (one
//! page per form feed; x from the character column, y from the line) and read by `layout::read`, the reader of
//! a PDF's text layer, so it gives the same tables, cells and findings as the PDF it was made from.
//!
//! Character columns are poorer than a PDF's geometry, and the reconstruction here makes up for it:
//! - one column per character (pdftotext counts columns in characters, whatever a character's printed width);
//!   fields are split at runs of two or more spaces, and at a single space between two CJK words or two figures
//!   (columns packed tight); letter-spaced text (「因 公 出 国」) is one word;
//! - pdftotext prints the parts of one table row whose baselines differ by more than half a line on different
//!   lines (figures above the code, a label wrapped above and below its code). Lines are grouped into *bands*,
//!   one per printed row: each line with a row start (a code, an ordinal, 合计…) anchors a band, adjacent
//!   anchor lines that do not collide join one band, and every other line joins the band of a neighbouring line
//!   (nearest anchor first; never two figures in one column; a label wrapped below its row's label, or around
//!   a code with no label on its line). A band's lines are placed close together (one row for the layout
//!   reader), bands apart, and a label wrapped over lines of a band becomes one item;
//! - pdftotext places a cell by what lies to its left on the page, so one column's cells are a few characters
//!   apart and may overlap the next column's: per table region the data cells are grouped into columns, each
//!   put in one place, and header labels over the columns nearest them (`normalise`, `assign`); a table
//!   continued on the next page has its columns mapped onto the previous page's, in order and by kind (code,
//!   label, figure); the 三公 table is laid out on its 预算数/决算数 grid (`budget_final_pairs`);
//! - prose is joined back into paragraphs in printed columns (CJK two wide), and a line pdftotext prints one line
//!   too early is put back (`prose`).
//!
//! Text without that layout (a prose document, a tab-separated paste, text copied from a PDF viewer) is not
//! layout text (`looks_like_layout_text`). docs/layout-text.md has the figures and the limits.

use super::layout::{Layout, is_heading};
use super::positioned::{Page, TextItem};
use super::text::{kind_from_title, squash};
use crate::ReadError;
use crate::amount;
use std::collections::{BTreeSet, HashSet};

/// The font size given to every item, in points.
const SIZE: f32 = 10.0;
/// The width of one character column, in points (wider than the layout reader's joining gap of 0.6 size, so a
/// single space keeps two words apart).
const COL: f32 = 7.0;
/// Vertical steps, in points: between lines of one band, between lines outside bands (headers, prose), between
/// bands, added for each blank line, and before a line set apart.
const STEP_IN_BAND: f32 = 0.35 * SIZE;
const STEP_FREE: f32 = 0.6 * SIZE;
const STEP_BAND: f32 = 1.5 * SIZE;
const STEP_BLANK: f32 = 0.6 * SIZE;
const STEP_SPACED: f32 = 2.0 * SIZE;
/// Banding looks at most this many lines either side of a line.
const WINDOW: usize = 12;

/// Whether the text looks like layout text: no tabs to speak of, and many lines whose fields are separated by
/// runs of spaces with figures in them (table rows aligned in columns), or form feeds between pages.
pub fn looks_like_layout_text(text: &str) -> bool {
    // Tab-separated text (the common case: a whole document or a paste from Excel) is settled by counting tabbed
    // lines, before any line is cut into fields.
    let (mut nonblank, mut with_tab) = (0usize, 0usize);
    for line in text.split(['\n', '\u{c}']) {
        if !line.trim().is_empty() {
            nonblank += 1;
            with_tab += usize::from(line.contains('\t'));
        }
    }
    if nonblank == 0 || with_tab * 10 > nonblank {
        return false;
    }
    let mut lines = 0usize;
    let mut tabbed = 0usize;
    // Lines with figures among fields apart by runs of spaces; lines of three or more such fields or a code and a
    // label; titles.
    let (mut figures, mut fields, mut titles) = (0usize, 0usize, 0usize);
    for line in text.split(['\n', '\u{c}']) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        if line.contains('\t') {
            tabbed += 1;
            continue;
        }
        if !has_wide_gap(line) {
            titles += usize::from(kind_from_title(line).is_some());
            continue;
        }
        let toks = tokens(line);
        if toks.len() >= 2 && toks.iter().any(|t| t.kind == Kind::Fig) {
            figures += 1;
        }
        let coded =
            toks.first().is_some_and(|t| t.kind == Kind::Code) && toks.get(1).is_some_and(|t| t.kind == Kind::Text);
        if toks.len() >= 3 || coded {
            fields += 1;
        }
    }
    if lines == 0 || tabbed * 10 > lines {
        return false;
    }
    // Tables of figures; or (a blank form) tables titled and laid out in columns.
    (figures >= 5 && figures * 20 >= lines) || (titles >= 1 && fields >= 10 && fields * 10 >= lines)
}

/// Reads layout text into a document (through `layout::read`; offsets point into the synthesized text).
pub fn read(text: &str) -> Result<Layout, ReadError> {
    super::layout::read(&pages(text))
}

/// Layout text → pages of positioned items (what `read` gives the layout reader).
pub fn pages(text: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    // The columns of the table the previous page ended with, if it ended in one.
    let mut carried: Option<Vec<Slot>> = None;
    let mut all: Vec<Vec<Line>> = split_pages(text)
        .iter()
        .map(|p| {
            let mut lines: Vec<Line> = p.iter().map(|l| Line::new(l)).collect();
            drop_page_number(&mut lines);
            lines
        })
        .collect();
    prose(&mut all);
    for (k, mut lines) in all.into_iter().enumerate() {
        band(&mut lines);
        merge_wrapped(&mut lines);
        let regions = regions(&lines);
        let first_content = lines.iter().position(|l| l.role != Role::Blank);
        let mut last_slots: Option<Vec<Slot>> = None;
        let mut ends_in_region = false;
        for (start, end) in &regions {
            let continues = first_content.is_some_and(|f| f >= *start && f < *end);
            let prev = if continues { carried.as_deref() } else { None };
            if budget_final_pairs(&mut lines[*start..*end]) {
                last_slots = None;
                ends_in_region = false;
                continue;
            }
            last_slots = normalise(&mut lines[*start..*end], prev);
            ends_in_region = lines[*end..].iter().all(|l| l.role == Role::Blank);
        }
        carried = if ends_in_region { last_slots } else { None };
        pages.push(emit(k as u32 + 1, &lines));
    }
    pages
}

// ---------------------------------------------------------------- prose

/// How well text `b` follows text `a` around figures: +1 for a word introducing a figure followed by a digit or
/// a figure followed by its unit, −1 for such a word followed by anything else or a figure by another figure.
fn flow(a: Option<&str>, b: &str) -> i32 {
    let Some(a) = a else { return 0 };
    let (Some(last), Some(first)) = (a.trim_end().chars().last(), b.trim_start().chars().next()) else { return 0 };
    let introduces = "为计占至达加少出降长约共额是".contains(last);
    if introduces {
        return if first.is_ascii_digit() { 1 } else { -1 };
    }
    if last.is_ascii_digit() {
        if "万亿元%个人辆次项".contains(first) {
            return 1;
        }
        if first.is_ascii_digit() {
            return -1;
        }
    }
    0
}

/// The printed width of a character: two columns for CJK and full-width forms, one otherwise.
fn display_width(c: char) -> f32 {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide { 2.0 } else { 1.0 }
}

/// Where a line's text starts and ends, in printed columns.
fn display_extent(raw: &str) -> (f32, f32) {
    let mut col = 0.0;
    let (mut start, mut end) = (None, 0.0);
    for c in raw.chars() {
        let w = if c == '\t' { 8.0 - col % 8.0 } else { display_width(c) };
        if !c.is_whitespace() {
            start.get_or_insert(col);
            end = col + w;
        }
        col += w;
    }
    (start.unwrap_or(0.0), end)
}

fn is_prose(l: &Line) -> bool {
    l.role == Role::Barrier && !l.title
}

/// Prose: pdftotext wraps a paragraph at the page's right margin (and sometimes prints a paragraph's last line
/// above the line it ends); the paragraph is joined back into one item here, in printed columns, as the layout
/// reader joins a PDF's lines. A line continues the one before it (blank lines and page breaks between them
/// aside) when that one reaches the right margin and this one starts at the left margin and is no heading.
fn prose(pages: &mut [Vec<Line>]) {
    // Per page: right and left margins of its prose.
    let margins: Vec<Option<(f32, f32)>> = pages
        .iter()
        .map(|p| {
            let ls: Vec<&Line> = p.iter().filter(|l| is_prose(l)).collect();
            let r = ls.iter().map(|l| l.d1).fold(f32::MIN, f32::max);
            let left = ls.iter().map(|l| l.d0).fold(f32::MAX, f32::min);
            (ls.len() >= 2).then_some((r, left))
        })
        .collect();
    let flush = |l: &Line, (_, left): (f32, f32)| l.d0 <= left + 1.0;
    // pdftotext sometimes prints a line that starts with a figure one line too early (above the line it
    // follows): Y X where the text reads X Y. Such a pair is put back when the figures then read better: a line
    // ending in a word that introduces a figure (「为」「占」「增加」…) followed by one starting with a digit, a
    // figure followed by its unit, and not the other way round (scored over the three boundaries around).
    for lines in pages.iter_mut() {
        let mut k = 0;
        while k + 1 < lines.len() {
            let swap = is_prose(&lines[k])
                && is_prose(&lines[k + 1])
                && lines[k].text().starts_with(|c: char| c.is_ascii_digit())
                && {
                    let w = lines[..k].iter().rev().find(|x| x.role != Role::Blank).map(|x| x.text());
                    let z = lines[k + 2..].iter().find(|x| x.role != Role::Blank).map(|x| x.text());
                    let (y, x) = (lines[k].text(), lines[k + 1].text());
                    let printed =
                        flow(w.as_deref(), &y) + flow(Some(&y), &x) + flow(Some(&x), z.as_deref().unwrap_or(""));
                    let swapped =
                        flow(w.as_deref(), &x) + flow(Some(&x), &y) + flow(Some(&y), z.as_deref().unwrap_or(""));
                    swapped > printed
                };
            if swap {
                lines.swap(k, k + 1);
                k += 2;
            } else {
                k += 1;
            }
        }
    }
    // Join: the paragraph being built (page, line) and the end of its last line.
    let mut head: Option<(usize, usize, f32, (f32, f32))> = None;
    for p in 0..pages.len() {
        let Some(m) = margins.get(p).copied().flatten() else {
            head = None;
            continue;
        };
        for k in 0..pages[p].len() {
            let l = &pages[p][k];
            if l.role == Role::Blank {
                continue;
            }
            if !is_prose(l) {
                head = None;
                continue;
            }
            let continues = head.is_some_and(|(_, _, end, hm)| {
                end >= hm.0 - (0.1 * hm.0).max(6.0) && flush(l, m) && !is_heading(&l.text())
            });
            match head {
                Some((hp, hk, _, hm)) if continues => {
                    let text = l.text();
                    let d1 = l.d1;
                    if let Some(t) = pages[hp][hk].toks.first_mut() {
                        let ascii = t.text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                            && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                        if ascii {
                            t.text.push(' ');
                        }
                        t.text.push_str(&text);
                    }
                    pages[hp][hk].d1 = d1;
                    let line = &mut pages[p][k];
                    line.toks.clear();
                    line.role = Role::Blank;
                    head = Some((hp, hk, d1, hm));
                }
                _ => head = Some((p, k, l.d1, m)),
            }
        }
    }
    // Prose items in printed columns: from the first line's start to the last line's end.
    for lines in pages.iter_mut() {
        for l in lines.iter_mut().filter(|l| is_prose(l)) {
            let (d0, d1) = (l.d0, l.d1);
            if let Some(t) = l.toks.first_mut() {
                t.c0 = d0;
                t.c1 = d1.max(d0);
            }
        }
    }
}

/// A page number alone on the page's last line (「5」, 「- 5 -」, 「第 5 页」) is dropped.
fn drop_page_number(lines: &mut [Line]) {
    let Some(last) = lines.iter_mut().rev().find(|l| l.role != Role::Blank) else { return };
    let t: String = last.toks.iter().map(|t| t.text.as_str()).collect();
    let core = t.trim_matches(|c: char| matches!(c, '-' | '—' | '第' | '页' | '－'));
    let decorated = core.len() < t.len();
    if !core.is_empty()
        && core.chars().all(|c| c.is_ascii_digit())
        && (core.len() <= 2 || (decorated && core.len() <= 4))
    {
        last.toks.clear();
        last.role = Role::Blank;
    }
}

/// Pages by form feed; without form feeds, one page (lines that are only a page number are dropped).
fn split_pages(text: &str) -> Vec<Vec<&str>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut pages: Vec<Vec<&str>> =
        text.split('\u{c}').map(|p| p.split('\n').map(|l| l.trim_end_matches('\r')).collect::<Vec<&str>>()).collect();
    // pdftotext ends every page with a form feed: the piece after the last one is empty.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.iter().all(|l| l.trim().is_empty())) {
        pages.pop();
    }
    pages
}

// ---------------------------------------------------------------- tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An amount (with decimals) or a dash standing for zero.
    Fig,
    /// Digits only (a code or part of one).
    Code,
    Text,
}

#[derive(Clone, Debug)]
struct Tok {
    text: String,
    /// Columns [c0, c1) in characters (after mapping a continuation page, in the previous page's columns).
    c0: f32,
    c1: f32,
    kind: Kind,
    /// Starts a table row: a code, an ordinal label, 合计…
    starter: bool,
}

impl Tok {
    fn new(text: String, c0: usize, c1: usize) -> Tok {
        let kind = kind_of(&text);
        let starter = kind == Kind::Code || (kind == Kind::Text && starts_row(&text));
        Tok { text, c0: c0 as f32, c1: c1 as f32, kind, starter }
    }

    fn overlaps(&self, o: &Tok) -> bool {
        self.c0 < o.c1 && o.c0 < self.c1
    }
}

fn kind_of(t: &str) -> Kind {
    if t != "0" && !t.is_empty() && t.len() <= 7 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Kind::Code;
    }
    if is_figure(t) { Kind::Fig } else { Kind::Text }
}

/// An amount: with decimals (2,940.05) or thousands separators (3,503,499, a table in 元), a lone 0, or a dash
/// standing for zero.
fn is_figure(t: &str) -> bool {
    if matches!(t, "-" | "—" | "－" | "--" | "——" | "/" | "0") {
        return true;
    }
    t.chars().any(|c| c.is_ascii_digit())
        && (t.contains('.') || t.contains('．') || t.contains(','))
        && t.chars().count() <= 24
        && amount::parse_amount(t).is_ok()
}

fn is_cjk(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace()
}

/// Does a label start a table row (an ordinal, a total, a code) rather than continue one?
fn starts_row(t: &str) -> bool {
    let first = t.chars().next().unwrap_or(' ');
    let head: String = t.chars().take(5).collect();
    ("一二三四五六七八九十".contains(first) && head.contains('、'))
        || ((first == '（' || first == '(') && (head.contains('）') || head.contains(')')))
        || ["合计", "总计", "小计", "本年", "其中", "年初", "年末", "使用", "结余", "人员经费", "公用经费"]
            .iter()
            .any(|k| t.starts_with(k))
        || first.is_ascii_digit()
}

/// A word: a run of non-space characters and its columns.
struct Word {
    text: String,
    c0: usize,
    c1: usize,
}

fn words(line: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut col = 0usize;
    let mut cur: Option<Word> = None;
    for c in line.chars() {
        if c == '\t' {
            if let Some(w) = cur.take() {
                out.push(w);
            }
            col = (col / 8 + 1) * 8;
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            if let Some(w) = cur.take() {
                out.push(w);
            }
            col += 1;
            continue;
        }
        match cur.as_mut() {
            Some(w) => {
                w.text.push(c);
                w.c1 = col + 1;
            }
            None => cur = Some(Word { text: c.to_string(), c0: col, c1: col + 1 }),
        }
        col += 1;
    }
    if let Some(w) = cur.take() {
        out.push(w);
    }
    out
}

fn has_wide_gap(line: &str) -> bool {
    let w = words(line);
    w.windows(2).any(|p| p[1].c0 >= p[0].c1 + 2)
}

/// A line's tokens: fields at runs of two or more spaces; within a field, words apart at a single space between
/// two CJK words or two figures; letter-spaced words joined. A line of one field is one token unless it is only
/// figures.
fn tokens(line: &str) -> Vec<Tok> {
    let words = words(line);
    if words.is_empty() {
        return Vec::new();
    }
    // Fields: runs of words one space apart.
    let mut fields: Vec<Vec<&Word>> = Vec::new();
    for w in &words {
        match fields.last_mut() {
            Some(f) if f.last().is_some_and(|p| w.c0 <= p.c1 + 1) => f.push(w),
            _ => fields.push(vec![w]),
        }
    }
    let single_field = fields.len() == 1;
    let mut out = Vec::new();
    for f in fields {
        let letter_spaced = f.len() >= 2 && f.iter().all(|w| w.text.chars().count() == 1 && !w.text.is_ascii());
        if letter_spaced {
            let text: String = f.iter().map(|w| w.text.as_str()).collect();
            let (c0, c1) = (f.first().map_or(0, |w| w.c0), f.last().map_or(0, |w| w.c1));
            out.push(Tok::new(text, c0, c1));
            continue;
        }
        let all_figures = f.iter().all(|w| kind_of(&w.text) != Kind::Text);
        let mut cur: Option<(String, usize, usize)> = None;
        let mut prev_word: Option<&Word> = None;
        for w in f {
            let split = prev_word.is_some_and(|p| {
                let (a, b) = (kind_of(&p.text), kind_of(&w.text));
                let cjk_pair = p.text.chars().last().is_some_and(is_cjk)
                    && w.text.chars().next().is_some_and(is_cjk)
                    && p.text.chars().count() > 1
                    && w.text.chars().count() > 1;
                let figure_pair = a != Kind::Text && b != Kind::Text && (a == Kind::Fig || b == Kind::Fig);
                let text_figure = (a == Kind::Fig && b == Kind::Text && w.text.chars().next().is_some_and(is_cjk))
                    || (b == Kind::Fig && a == Kind::Text && p.text.chars().last().is_some_and(is_cjk));
                if single_field { all_figures && figure_pair } else { cjk_pair || figure_pair || text_figure }
            });
            match cur.as_mut() {
                Some((t, _, c1)) if !split => {
                    t.push(' ');
                    t.push_str(&w.text);
                    *c1 = w.c1;
                }
                _ => {
                    if let Some((t, c0, c1)) = cur.take() {
                        out.push(Tok::new(t, c0, c1));
                    }
                    cur = Some((w.text.clone(), w.c0, w.c1));
                }
            }
            prev_word = Some(w);
        }
        if let Some((t, c0, c1)) = cur.take() {
            out.push(Tok::new(t, c0, c1));
        }
    }
    // A code printed against its label (「30207邮电费」): two tokens.
    let mut split = Vec::with_capacity(out.len());
    for t in out {
        let digits = t.text.chars().take_while(|c| c.is_ascii_digit()).count();
        let glued = matches!(digits, 3 | 5 | 7) && t.text.chars().nth(digits).is_some_and(is_cjk);
        if glued && t.kind == Kind::Text {
            let (code, label) = t.text.split_at(digits);
            let at = t.c0 as usize + digits;
            split.push(Tok::new(code.to_string(), t.c0 as usize, at));
            split.push(Tok::new(label.to_string(), at, (t.c1 as usize).max(at)));
        } else {
            split.push(t);
        }
    }
    split
}

// ---------------------------------------------------------------- lines and bands

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Blank,
    /// Prose, a title, a unit or note line: never part of a band.
    Barrier,
    /// Only 类/款/项 (the code columns' labels printed on the first row's lines).
    Transparent,
    /// Starts a row.
    Anchor,
    /// Above a table's first row: never part of a band.
    Header,
    Other,
}

#[derive(Clone, Debug)]
struct Line {
    toks: Vec<Tok>,
    role: Role,
    /// A table title.
    title: bool,
    /// The band (by index of its first anchor line) this line belongs to.
    band: Option<usize>,
    /// Set apart from the line before it (more than the layout reader's distance for a label stacked over lines).
    spaced: bool,
    /// Where the line's text starts and ends in printed columns (CJK characters two wide): for prose.
    d0: f32,
    d1: f32,
}

impl Line {
    fn new(raw: &str) -> Line {
        let toks = tokens(raw);
        let role = role_of(raw, &toks);
        let toks = if role == Role::Barrier {
            // Prose keeps its words in one item.
            let c0 = toks.first().map_or(0.0, |t| t.c0);
            let c1 = toks.last().map_or(0.0, |t| t.c1);
            let text = toks.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ");
            vec![Tok { kind: Kind::Text, starter: false, text, c0, c1 }]
        } else {
            toks
        };
        let title = role == Role::Barrier && kind_from_title(raw).is_some();
        let (d0, d1) = display_extent(raw);
        Line { toks, role, title, band: None, spaced: false, d0, d1 }
    }

    fn text(&self) -> String {
        self.toks.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    fn figures_only(&self) -> bool {
        !self.toks.is_empty() && self.toks.iter().all(|t| t.kind == Kind::Fig)
    }
}

fn role_of(raw: &str, toks: &[Tok]) -> Role {
    if toks.is_empty() {
        return Role::Blank;
    }
    let all = squash(raw);
    let prose = |t: &Tok| {
        t.kind == Kind::Text
            && (t.text.contains('。')
                || t.text.contains('，')
                || t.text.contains('；')
                || squash(&t.text).chars().count() >= 20)
    };
    if kind_from_title(raw).is_some()
        || ["单位：", "单位:", "金额单位", "注：", "注:", "说明", "备注"].iter().any(|k| all.starts_with(k))
        || (all.starts_with('第') && all.contains("部分"))
        || (toks.len() == 1 && prose(&toks[0]))
        || (toks.len() <= 2 && toks.iter().any(|t| t.text.contains('。')))
    {
        return Role::Barrier;
    }
    if toks.len() >= 2 && toks.iter().all(|t| matches!(t.text.as_str(), "类" | "款" | "项")) {
        return Role::Transparent;
    }
    if toks.iter().any(|t| t.starter) { Role::Anchor } else { Role::Other }
}

/// Do two token sets collide (cannot be one printed row)? Two figures, a figure and a label, two codes or two
/// row starts in one column.
fn collide(a: &[Tok], b: &[Tok]) -> bool {
    a.iter().any(|t| {
        b.iter().any(|u| {
            t.overlaps(u)
                && match (t.kind, u.kind) {
                    (Kind::Fig, Kind::Fig) | (Kind::Fig, Kind::Text) | (Kind::Text, Kind::Fig) => true,
                    (Kind::Code, Kind::Code) => true,
                    (Kind::Text, Kind::Text) => t.starter && u.starter,
                    _ => false,
                }
        })
    })
}

/// Groups the lines of a page into bands (one per printed row); see the module documentation.
fn band(lines: &mut [Line]) {
    let n = lines.len();
    // A table's header: row starts above its first line with a figure or a code (「本年收入合计」 over a column)
    // start no row. (A table's header follows its title and unit lines; a page that goes on with a table has
    // none.)
    let mut k = 0;
    while k < n {
        let end = (k..n).find(|m| lines[*m].role == Role::Barrier).unwrap_or(n);
        let titled =
            lines[..k].iter().rev().take_while(|l| matches!(l.role, Role::Barrier | Role::Blank)).any(|l| l.title);
        if !titled {
            k = end + 1;
            continue;
        }
        // (A blank form has no figures: its first row is its first 「一、」 or code.)
        let first_data = (k..end)
            .find(|m| lines[*m].toks.iter().any(|t| t.kind != Kind::Text))
            .or_else(|| (k..end).find(|m| lines[*m].toks.first().is_some_and(|t| t.text.starts_with("一、"))))
            .unwrap_or(end);
        // Lines right above the first data line, after a blank line, may be its row's label; the rest is header.
        let last_blank = (k..first_data).rfind(|m| lines[*m].role == Role::Blank);
        for (m, l) in lines.iter_mut().enumerate().take(first_data).skip(k) {
            let labels = last_blank.is_some_and(|b| m > b);
            if l.role == Role::Anchor || (l.role == Role::Other && !labels) {
                l.role = Role::Header;
            }
        }
        k = end + 1;
    }
    // Segments: runs of lines between blank and barrier lines.
    let mut i = 0;
    while i < n {
        if matches!(lines[i].role, Role::Blank | Role::Barrier | Role::Header) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && !matches!(lines[j].role, Role::Blank | Role::Barrier | Role::Header) {
            j += 1;
        }
        band_segment(&mut lines[i..j], i);
        i = j;
    }
}

fn band_segment(seg: &mut [Line], base: usize) {
    let n = seg.len();
    // Anchors; adjacent anchor lines that do not collide are one band.
    for k in 0..n {
        if seg[k].role != Role::Anchor {
            continue;
        }
        // The band before is the run of anchor lines right above; a row's starting label over a label of it is a
        // row of its own.
        let joined = k > 0
            && seg[k - 1].role == Role::Anchor
            && seg[k - 1].band.is_some_and(|b| {
                let members: Vec<Tok> = seg[..k]
                    .iter()
                    .rev()
                    .take_while(|l| l.band == Some(b))
                    .flat_map(|l| l.toks.iter().cloned())
                    .collect();
                !collide(&seg[k].toks, &members)
                    && !seg[k].toks.iter().any(|t| {
                        members.iter().any(|u| {
                            t.kind == Kind::Text && u.kind == Kind::Text && (t.starter || u.starter) && t.overlaps(u)
                        })
                    })
            });
        seg[k].band = if joined { seg[k - 1].band } else { Some(base + k) };
    }
    // Every other line joins the band of an anchor it reaches (see `choose`): lines with one possible band
    // first, then the others by preference, round by round (a line's choice depends on the lines already in a
    // band). A line's choices are kept and worked out again only when a line near it (within `WINDOW`) joins a
    // band, so the time stays linear on any input.
    let edges = label_edges(seg);
    let mut choices: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut forced: BTreeSet<usize> = BTreeSet::new();
    let mut preferred: BTreeSet<usize> = BTreeSet::new();
    let update = |seg: &[Line],
                  k: usize,
                  choices: &mut Vec<Vec<usize>>,
                  forced: &mut BTreeSet<usize>,
                  preferred: &mut BTreeSet<usize>| {
        forced.remove(&k);
        preferred.remove(&k);
        let c = if seg[k].band.is_none() && seg[k].role == Role::Other { choose(seg, &edges, k) } else { Vec::new() };
        match c.len() {
            0 => {}
            1 => {
                forced.insert(k);
            }
            _ => {
                preferred.insert(k);
            }
        }
        choices[k] = c;
    };
    for k in 0..n {
        update(seg, k, &mut choices, &mut forced, &mut preferred);
    }
    loop {
        let apply: Vec<usize> = if forced.is_empty() {
            std::mem::take(&mut preferred).into_iter().collect()
        } else {
            std::mem::take(&mut forced).into_iter().collect()
        };
        if apply.is_empty() {
            break;
        }
        let mut dirty: BTreeSet<usize> = BTreeSet::new();
        for k in apply {
            if let Some(b) = choices[k].first().copied() {
                seg[k].band = Some(b);
                dirty.extend(k.saturating_sub(WINDOW)..(k + WINDOW + 1).min(n));
            }
        }
        for k in dirty {
            update(seg, k, &mut choices, &mut forced, &mut preferred);
        }
    }
    // A 类/款/项 line left alone goes with the line below it (the first row's band).
    for k in 0..n {
        if seg[k].role == Role::Transparent && seg[k].band.is_none() {
            seg[k].band = seg.get(k + 1).and_then(|l| l.band).or_else(|| k.checked_sub(1).and_then(|p| seg[p].band));
        }
    }
}

/// For each line and token of a segment: the right end of the widest label starting in the same column (a label
/// that reaches it was wrapped).
fn label_edges(seg: &[Line]) -> Vec<Vec<f32>> {
    // The widest right end of the labels starting at each column.
    let mut at: std::collections::HashMap<i64, f32> = std::collections::HashMap::new();
    for t in seg.iter().flat_map(|l| l.toks.iter()).filter(|t| t.kind == Kind::Text) {
        let e = at.entry(t.c0.round() as i64).or_insert(t.c1);
        *e = e.max(t.c1);
    }
    seg.iter()
        .map(|l| {
            l.toks
                .iter()
                .map(|t| {
                    let c = t.c0.round() as i64;
                    (c - 1..=c + 1).filter_map(|x| at.get(&x).copied()).fold(t.c1, f32::max)
                })
                .collect()
        })
        .collect()
}

/// The bands a line other than an anchor can join, best first: the band of the anchor line reached upwards or
/// downwards — directly, through lines of a label it continues (a label line), or through any lines (a line
/// of figures) — where it collides with nothing in the band and a label stays a label wrapped at the column's
/// edge (every line of it but the last reaches the edge). An anchor line with no label of its own where this
/// line has one is preferred (a label centred on its code line), then the nearer anchor; at equal distance a
/// label goes up (it continues a row) and figures go down (printed above their row).
fn choose(seg: &[Line], edges: &[Vec<f32>], k: usize) -> Vec<usize> {
    let line = &seg[k];
    let figures_only = line.figures_only();
    let n = seg.len();
    // Lines of a row are near each other: only this window is looked at.
    let (lo, hi) = (k.saturating_sub(WINDOW), (k + WINDOW + 1).min(n));
    let full = |m: usize, ti: usize| -> bool {
        let (Some(t), Some(e)) = (seg[m].toks.get(ti), edges.get(m).and_then(|e| e.get(ti))) else { return false };
        t.c1 >= e - 1.0
    };
    let texts_overlap = |l: &Line| {
        l.toks.iter().any(|u| u.kind == Kind::Text && line.toks.iter().any(|t| t.kind == Kind::Text && t.overlaps(u)))
    };
    // (band, distance, below, fills an empty place: the anchor lines have no label over this line's)
    let mut cands: Vec<(usize, usize, bool, bool)> = Vec::new();
    for below in [false, true] {
        let mut chain: Vec<usize> = Vec::new();
        let mut j = k;
        let anchor = loop {
            let next = if below { Some(j + 1).filter(|x| *x < hi) } else { j.checked_sub(1).filter(|x| *x >= lo) };
            let Some(nj) = next else { break None };
            let l = &seg[nj];
            match l.role {
                Role::Anchor => break Some(nj),
                Role::Transparent | Role::Other if figures_only => chain.push(nj),
                Role::Other if texts_overlap(l) && !l.toks.iter().any(|u| u.kind == Kind::Fig) => chain.push(nj),
                _ => break None,
            }
            j = nj;
        };
        let Some(a) = anchor else { continue };
        let Some(b) = seg[a].band else { continue };
        // The chain must lead into the band, not through another one.
        if chain.iter().any(|m| seg[*m].band.is_some_and(|x| x != b)) {
            continue;
        }
        let anchors: Vec<usize> =
            (lo..hi).filter(|m| seg[*m].role == Role::Anchor && seg[*m].band == Some(b)).collect();
        // Nothing is printed above a row's own starting label.
        if below
            && !figures_only
            && anchors.iter().any(|m| seg[*m].toks.iter().any(|t| t.kind == Kind::Text && t.starter))
        {
            continue;
        }
        let mut lines_of: Vec<usize> =
            (lo..hi).filter(|m| seg[*m].band == Some(b)).chain(chain.iter().copied()).collect();
        lines_of.sort_unstable();
        lines_of.dedup();
        let others: Vec<Tok> = lines_of.iter().flat_map(|m| seg[*m].toks.iter().cloned()).collect();
        if collide(&line.toks, &others) {
            continue;
        }
        // A label's lines in order: every one but the last reaches the column's edge.
        lines_of.push(k);
        lines_of.sort_unstable();
        let wrapped_ok = line.toks.iter().filter(|t| t.kind == Kind::Text).all(|t| {
            let parts: Vec<(usize, usize)> = lines_of
                .iter()
                .flat_map(|m| {
                    seg[*m]
                        .toks
                        .iter()
                        .enumerate()
                        .filter(|(_, u)| u.kind == Kind::Text && u.overlaps(t))
                        .map(move |(ti, _)| (*m, ti))
                })
                .collect();
            parts.iter().rev().skip(1).all(|(m, ti)| full(*m, *ti))
        });
        if !wrapped_ok {
            continue;
        }
        let dist = anchors.iter().map(|m| m.abs_diff(k)).min().unwrap_or(usize::MAX);
        let empty = anchors.iter().all(|m| !texts_overlap(&seg[*m]));
        cands.push((b, dist, below, empty));
    }
    cands.sort_by(|a, b| {
        b.3.cmp(&a.3).then(a.1.cmp(&b.1)).then(if figures_only { b.2.cmp(&a.2) } else { a.2.cmp(&b.2) })
    });
    cands.into_iter().map(|c| c.0).collect()
}

// ---------------------------------------------------------------- wrapped labels

/// Within each band, a label wrapped over several lines becomes one token (on its first line): a label token
/// that is not a row start and overlaps a label of an earlier line of the band is appended to it.
fn merge_wrapped(lines: &mut [Line]) {
    let mut k = 0;
    while k < lines.len() {
        let Some(b) = lines[k].band else {
            k += 1;
            continue;
        };
        let end = (k..lines.len()).find(|m| lines[*m].band != Some(b)).unwrap_or(lines.len());
        // Labels open for continuation: (line, token).
        let mut open: Vec<(usize, usize)> = Vec::new();
        for m in k..end {
            let mut ti = 0;
            while ti < lines[m].toks.len() {
                let t = &lines[m].toks[ti];
                if t.kind != Kind::Text {
                    ti += 1;
                    continue;
                }
                let target = if t.starter {
                    None
                } else {
                    open.iter().copied().find(|(om, oi)| lines[*om].toks.get(*oi).is_some_and(|o| o.overlaps(t)))
                };
                match target {
                    Some((om, oi)) if om != m => {
                        let t = lines[m].toks.remove(ti);
                        if let Some(o) = lines[om].toks.get_mut(oi) {
                            let ascii = o.text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
                                && t.text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                            if ascii {
                                o.text.push(' ');
                            }
                            o.text.push_str(&t.text);
                            o.c0 = o.c0.min(t.c0);
                            o.c1 = o.c1.max(t.c1);
                        }
                    }
                    _ => {
                        open.push((m, ti));
                        ti += 1;
                    }
                }
            }
        }
        k = end;
    }
}

// ---------------------------------------------------------------- columns

/// A column of a table region after normalisation: its kind, left end and width (in columns), and where its
/// tokens were centred as printed.
#[derive(Clone, Copy, Debug)]
struct Slot {
    kind: Kind,
    x: f32,
    w: f32,
    centre: f32,
    /// Where a header label over this column is expected to be centred, as printed: over the figures of a
    /// column of figures; over the cell of a column of labels or codes (from its left end to the next column's,
    /// at most six characters right of its labels' middle).
    header: f32,
}

/// Gap kept between two columns, in character columns.
const GAP: f32 = 2.0;

/// Regions: runs of lines without a title, prose or note line (blank lines included).
fn regions(lines: &[Line]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        if lines[k].role == Role::Barrier {
            k += 1;
            continue;
        }
        let end = (k..lines.len()).find(|m| lines[*m].role == Role::Barrier).unwrap_or(lines.len());
        out.push((k, end));
        k = end;
    }
    out
}

/// Normalises the columns of a table region: pdftotext places a cell by what lies to its left on the page, so
/// one column's cells are printed a few characters apart, and a column's cells may overlap the next column's.
/// The data cells (of bands with a figure or a code) are grouped into columns — figures by their right end,
/// codes and labels by their left end, within two characters, then neighbouring groups of one kind that never
/// share a row — and each column gets one place: its cells aligned, columns at least `GAP` apart, the space
/// between them as printed. Other lines (headers) are moved along (piecewise linear between column centres).
/// `prev`: the columns of the table this region continues (from the previous page): matched in order and by
/// kind, they give their places. Returns the region's columns (None when it has no data or its columns do not
/// keep the order of every line).
fn normalise(lines: &mut [Line], prev: Option<&[Slot]>) -> Option<Vec<Slot>> {
    let data_bands: HashSet<usize> =
        lines.iter().filter(|l| l.toks.iter().any(|t| t.kind != Kind::Text)).filter_map(|l| l.band).collect();
    // Data tokens: (line, token).
    let data: Vec<(usize, usize)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.role != Role::Transparent && l.band.is_some_and(|b| data_bands.contains(&b)))
        .flat_map(|(m, l)| (0..l.toks.len()).map(move |ti| (m, ti)))
        .collect();
    if data.is_empty() {
        return None;
    }
    let is_data: HashSet<(usize, usize)> = data.iter().copied().collect();
    let tok = |(m, ti): (usize, usize)| &lines[m].toks[ti];
    let anchor = |t: &Tok| if t.kind == Kind::Fig { t.c1 } else { t.c0 };
    // Groups of one kind whose anchors are within two columns.
    let mut groups: Vec<(Kind, Vec<(usize, usize)>)> = Vec::new();
    for kind in [Kind::Fig, Kind::Code, Kind::Text] {
        let mut of: Vec<(usize, usize)> = data.iter().copied().filter(|d| tok(*d).kind == kind).collect();
        of.sort_by(|a, b| anchor(tok(*a)).total_cmp(&anchor(tok(*b))));
        let mut cur: Vec<(usize, usize)> = Vec::new();
        let mut last = f32::MIN;
        for d in of {
            let a = anchor(tok(d));
            if !cur.is_empty() && a - last > 2.0 {
                groups.push((kind, std::mem::take(&mut cur)));
            }
            last = a;
            cur.push(d);
        }
        if !cur.is_empty() {
            groups.push((kind, cur));
        }
    }
    let centre = |g: &[(usize, usize)]| -> f32 {
        let sum: f32 = g.iter().map(|d| (tok(*d).c0 + tok(*d).c1) / 2.0).sum();
        sum / g.len().max(1) as f32
    };
    groups.sort_by(|a, b| centre(&a.1).total_cmp(&centre(&b.1)));
    // Neighbouring groups of one kind that never share a band are one column.
    let bands_of = |g: &[(usize, usize)]| -> HashSet<usize> { g.iter().filter_map(|(m, _)| lines[*m].band).collect() };
    let mut i = 0;
    while i + 1 < groups.len() {
        let (a, b) = (&groups[i], &groups[i + 1]);
        let shared = {
            let ba = bands_of(&a.1);
            b.1.iter().any(|(m, _)| lines[*m].band.is_some_and(|x| ba.contains(&x)))
        };
        if a.0 == b.0 && !shared {
            let b = groups.remove(i + 1);
            groups[i].1.extend(b.1);
            continue;
        }
        i += 1;
    }
    // Every line's data tokens must fall in columns in their order on the line.
    let mut col_of: Vec<Vec<Option<usize>>> = lines.iter().map(|l| vec![None; l.toks.len()]).collect();
    for (ci, g) in groups.iter().enumerate() {
        for (m, ti) in &g.1 {
            if let Some(c) = col_of.get_mut(*m).and_then(|v| v.get_mut(*ti)) {
                *c = Some(ci);
            }
        }
    }
    for (m, l) in lines.iter().enumerate() {
        let mut order: Vec<(f32, usize)> =
            l.toks.iter().enumerate().filter_map(|(ti, t)| col_of[m][ti].map(|c| (t.c0, c))).collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0));
        if order.windows(2).any(|w| w[0].1 >= w[1].1) {
            return None;
        }
    }
    // Places: as printed, aligned, apart; or the previous page's.
    let lo = |g: &[(usize, usize)]| g.iter().map(|d| tok(*d).c0).fold(f32::MAX, f32::min);
    let hi = |g: &[(usize, usize)]| g.iter().map(|d| tok(*d).c1).fold(f32::MIN, f32::max);
    let width = |g: &[(usize, usize)]| g.iter().map(|d| tok(*d).c1 - tok(*d).c0).fold(0.0, f32::max);
    let mut slots: Vec<Slot> = Vec::with_capacity(groups.len());
    for (ci, (kind, g)) in groups.iter().enumerate() {
        let w = width(g);
        let x = match slots.last() {
            None => lo(g),
            Some(p) => {
                let printed_gap = groups.get(ci.wrapping_sub(1)).map_or(GAP, |pg| lo(g) - hi(&pg.1));
                p.x + p.w + printed_gap.max(GAP)
            }
        };
        let header = if *kind == Kind::Fig {
            centre(g)
        } else {
            let next_lo = groups.get(ci + 1).map_or(hi(g), |n| lo(&n.1));
            ((lo(g) + next_lo) / 2.0).min((lo(g) + hi(g)) / 2.0 + 6.0)
        };
        slots.push(Slot { kind: *kind, x, w, centre: centre(g), header });
    }
    if let Some(prev) = prev {
        // In order and by kind; an unmatched column goes right after the one before it.
        let mut next = 0;
        let mut placed: Vec<Slot> = Vec::with_capacity(slots.len());
        for s in &slots {
            let m = prev.iter().enumerate().skip(next).find(|(_, p)| p.kind == s.kind);
            let (x, w) = match m {
                Some((pi, p)) => {
                    next = pi + 1;
                    (p.x, p.w.max(s.w))
                }
                None => {
                    next = prev.len();
                    (placed.last().map_or(s.x, |p| p.x + p.w + GAP), s.w)
                }
            };
            placed.push(Slot { kind: s.kind, x, w, centre: s.centre, header: s.header });
        }
        slots = placed;
    }
    // Move the tokens: data tokens into their column, the others by the shift of the columns around them
    // (interpolated between column centres): how far the column's typical cell moved.
    let shifts: Vec<(f32, f32)> = groups
        .iter()
        .zip(&slots)
        .map(|((kind, g), s)| {
            let mut anchors: Vec<f32> = g.iter().map(|d| anchor(tok(*d))).collect();
            anchors.sort_by(|a, b| a.total_cmp(b));
            let typical = anchors.get(anchors.len() / 2).copied().unwrap_or(0.0);
            let to = if *kind == Kind::Fig { s.x + s.w } else { s.x };
            (s.centre, to - typical)
        })
        .collect();
    let shift_at = |x: f32| -> f32 {
        let (Some(first), Some(last)) = (shifts.first(), shifts.last()) else { return 0.0 };
        if x <= first.0 {
            return first.1;
        }
        if x >= last.0 {
            return last.1;
        }
        for w in shifts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if x >= a.0 && x <= b.0 {
                let f = if b.0 - a.0 > 0.0 { (x - a.0) / (b.0 - a.0) } else { 0.0 };
                return a.1 + f * (b.1 - a.1);
            }
        }
        0.0
    };
    // Header labels: each line's labels go over the columns nearest them, in order (at most one per column);
    // of the labels of several lines that go over one column, only those printed where the nearest one is
    // (a label stacked over lines) stay: the others are over a column without data (「附属单位上缴收入」 beside
    // 「其他收入」), and are shifted like labels too far from any column.
    let mut claims: Vec<(usize, usize, usize, f32)> = Vec::new(); // line, token, column, distance
    for (m, l) in lines.iter().enumerate() {
        if l.role == Role::Transparent || col_of[m].iter().any(|c| c.is_some()) {
            continue;
        }
        let centres: Vec<f32> = l.toks.iter().map(|t| (t.c0 + t.c1) / 2.0).collect();
        for (ti, c) in assign(&centres, &slots) {
            let d = slots.get(c).map_or(f32::MAX, |s| (centres[ti] - s.header).abs());
            claims.push((m, ti, c, d));
        }
    }
    // Per column: the least distance, and where (a few of) the labels at that distance are centred.
    let mut best: Vec<(f32, Vec<f32>)> = vec![(f32::MAX, Vec::new()); slots.len()];
    let centre_of = |m: usize, ti: usize| lines[m].toks.get(ti).map_or(f32::MAX, |t| (t.c0 + t.c1) / 2.0);
    for &(m, ti, c, d) in &claims {
        let Some(b) = best.get_mut(c) else { continue };
        if d < b.0 {
            *b = (d, vec![centre_of(m, ti)]);
        } else if d <= b.0 && b.1.len() < 8 {
            b.1.push(centre_of(m, ti));
        }
    }
    for &(m, ti, c, d) in &claims {
        let Some((b, at)) = best.get(c) else { continue };
        let near_best = at.iter().any(|x| (x - centre_of(m, ti)).abs() <= 2.0);
        if (d <= *b || near_best)
            && let Some(x) = col_of.get_mut(m).and_then(|v| v.get_mut(ti))
        {
            *x = Some(c);
        }
    }
    for (m, l) in lines.iter_mut().enumerate() {
        for (ti, t) in l.toks.iter_mut().enumerate() {
            let w = t.c1 - t.c0;
            let data = is_data.contains(&(m, ti));
            match col_of[m][ti].and_then(|c| slots.get(c)) {
                Some(s) if !data => {
                    t.c0 = s.x + (s.w - w) / 2.0;
                    t.c1 = t.c0 + w;
                }
                Some(s) if t.kind == Kind::Fig => {
                    t.c1 = s.x + s.w;
                    t.c0 = t.c1 - w;
                }
                Some(s) => {
                    t.c0 = s.x;
                    t.c1 = s.x + w;
                }
                None => {
                    let d = shift_at((t.c0 + t.c1) / 2.0);
                    t.c0 = (t.c0 + d).max(0.0);
                    t.c1 = t.c0 + w.max(0.0);
                }
            }
        }
    }
    Some(slots)
}

/// Labels of one header line (their centres, left to right) → columns: each to at most one column, in order,
/// as many as possible, then at the least total distance to where the columns' labels are expected; a label
/// is never put over a column `FAR` or more away. Returns (label, column) pairs.
fn assign(centres: &[f32], slots: &[Slot]) -> Vec<(usize, usize)> {
    const FAR: f32 = 8.5;
    const SKIP: f32 = 1000.0;
    let (n, m) = (centres.len(), slots.len());
    if n == 0 || m == 0 || n > 64 || m > 64 {
        return Vec::new();
    }
    let dist = |i: usize, j: usize| (centres[i] - slots[j].header).abs();
    // cost[i][j]: the least cost of the first i labels over the first j columns.
    let mut cost = vec![vec![0.0f32; m + 1]; n + 1];
    for (i, row) in cost.iter_mut().enumerate() {
        row[0] = i as f32 * SKIP;
    }
    for i in 1..=n {
        for j in 1..=m {
            let mut best = (cost[i - 1][j] + SKIP).min(cost[i][j - 1]);
            if dist(i - 1, j - 1) < FAR {
                best = best.min(cost[i - 1][j - 1] + dist(i - 1, j - 1));
            }
            cost[i][j] = best;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = cost[i][j];
        let d = dist(i - 1, j - 1);
        if d < FAR && (here - (cost[i - 1][j - 1] + d)).abs() < 1e-3 {
            out.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if (here - cost[i][j - 1]).abs() < 1e-3 {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    out.reverse();
    out
}

/// Is this a 预算数/决算数 label (the leaf labels of the 三公 table)?
fn is_budget_final(t: &str) -> bool {
    matches!(t, "预算数" | "决算数" | "预算" | "决算" | "全年预算数" | "决算数合计")
}

/// A table whose header ends in a line of 预算数/决算数 pairs (the 三公 table: one row of figures, no labels):
/// pdftotext packs its figures and labels by what precedes them on the line, so they are laid out again on a
/// grid of those leaf columns: figures under the leaves nearest them (in order), each label above the leaves
/// under the pair nearest it (every item of the table is a pair). Returns whether the region was such a table.
fn budget_final_pairs(lines: &mut [Line]) -> bool {
    let Some(h) = lines
        .iter()
        .position(|l| l.toks.len() >= 4 && l.toks.len() % 2 == 0 && l.toks.iter().all(|t| is_budget_final(&t.text)))
    else {
        return false;
    };
    // Only labels above and figures below (no row labels or codes).
    if lines[h + 1..].iter().any(|l| l.toks.iter().any(|t| t.kind != Kind::Fig)) {
        return false;
    }
    let leaves: Vec<(f32, f32, f32)> = lines[h].toks.iter().map(|t| (t.c0, t.c1, (t.c0 + t.c1) / 2.0)).collect();
    let n = leaves.len();
    let widest = lines[h..].iter().flat_map(|l| l.toks.iter()).map(|t| t.c1 - t.c0).fold(0.0, f32::max);
    let step = widest + GAP;
    let x0 = leaves.first().map_or(0.0, |l| l.0);
    let slot = |i: usize| x0 + i as f32 * step;
    // Figures: to leaves in order, the nearest (all of them, or the line is left as it is).
    for l in lines[h + 1..].iter_mut() {
        let centres: Vec<f32> = l.toks.iter().map(|t| (t.c0 + t.c1) / 2.0).collect();
        let Some(to) = nearest_in_order(&centres, &leaves.iter().map(|l| l.2).collect::<Vec<_>>()) else { continue };
        for (t, i) in l.toks.iter_mut().zip(to) {
            let w = t.c1 - t.c0;
            t.c1 = slot(i) + widest;
            t.c0 = t.c1 - w;
        }
    }
    for (i, t) in lines[h].toks.iter_mut().enumerate() {
        let w = t.c1 - t.c0;
        t.c0 = slot(i) + (widest - w) / 2.0;
        t.c1 = t.c0 + w;
    }
    // Labels above: over the pair of leaves nearest them. A label wrapped over lines (「因公出国」/「（境）费」) is
    // joined here, and the header lines are set apart, so that a group label over a pair's label (「公务用车购置
    // 及运行维护费」 over 「公务用车购置费」) stays a label of its own.
    let pairs: Vec<f32> = (0..n / 2).map(|p| (leaves[2 * p].0 + leaves[2 * p + 1].1) / 2.0).collect();
    let pair_of = |t: &Tok| {
        let c = (t.c0 + t.c1) / 2.0;
        (0..pairs.len()).min_by(|a, b| (pairs[*a] - c).abs().total_cmp(&(pairs[*b] - c).abs()))
    };
    // The last label seen over each pair: (line, token).
    let mut last: Vec<Option<(usize, usize)>> = vec![None; pairs.len()];
    for m in 0..h {
        let mut ti = 0;
        while ti < lines[m].toks.len() {
            let Some(p) = pair_of(&lines[m].toks[ti]) else {
                ti += 1;
                continue;
            };
            let open = last[p].filter(|(lm, li)| {
                m - lm <= 2 && lines[*lm].toks.get(*li).is_some_and(|u| !u.text.ends_with(['费', '计', '数']))
            });
            if let Some((lm, li)) = open {
                let t = lines[m].toks.remove(ti);
                if let Some(u) = lines[lm].toks.get_mut(li) {
                    u.text.push_str(&t.text);
                    u.c0 = u.c0.min(t.c0);
                    u.c1 = u.c1.max(t.c1);
                }
                continue;
            }
            last[p] = Some((m, ti));
            ti += 1;
        }
    }
    for l in lines[..h].iter_mut() {
        l.spaced = true;
        for t in l.toks.iter_mut() {
            let Some(p) = pair_of(t) else { continue };
            let (a, b) = (slot(2 * p), slot(2 * p + 1) + widest);
            let w = (t.c1 - t.c0).max(b - a);
            t.c0 = (a + b - w) / 2.0;
            t.c1 = t.c0 + w;
        }
    }
    true
}

/// Items (their centres, left to right) → places (their centres), in order, one item per place, at the least
/// total distance; None when there are more items than places.
fn nearest_in_order(items: &[f32], places: &[f32]) -> Option<Vec<usize>> {
    let (n, m) = (items.len(), places.len());
    if n > m || m > 256 {
        return None;
    }
    // cost[i][j]: items[..i] placed within places[..j].
    let mut cost = vec![vec![f32::INFINITY; m + 1]; n + 1];
    for c in cost[0].iter_mut() {
        *c = 0.0;
    }
    for i in 1..=n {
        for j in i..=m {
            cost[i][j] = cost[i][j - 1].min(cost[i - 1][j - 1] + (items[i - 1] - places[j - 1]).abs());
        }
    }
    let mut out = vec![0; n];
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        if j > i && (cost[i][j] - cost[i][j - 1]).abs() < 1e-4 {
            j -= 1;
        } else {
            out[i - 1] = j - 1;
            i -= 1;
            j -= 1;
        }
    }
    Some(out)
}

// ---------------------------------------------------------------- emitting

fn emit(number: u32, lines: &[Line]) -> Page {
    let mut items: Vec<TextItem> = Vec::new();
    let mut y = SIZE;
    let mut started = false;
    let mut prev_band: Option<Option<usize>> = None;
    let mut pending_blank = 0.0;
    for line in lines {
        if line.role == Role::Blank {
            pending_blank += STEP_BLANK;
            continue;
        }
        // 类/款/项 printed on a row's lines add nothing (the code columns are joined by the layout reader; their
        // columns were moved). Over an empty table's code columns they are kept, as in the PDF.
        if line.role == Role::Transparent && line.band.is_some() {
            continue;
        }
        if started {
            let step = match (prev_band, line.band) {
                _ if line.spaced => STEP_SPACED,
                (Some(Some(a)), Some(b)) if a == b => STEP_IN_BAND,
                (Some(None), None) => STEP_FREE,
                _ => STEP_BAND,
            };
            y += step + pending_blank;
        }
        pending_blank = 0.0;
        started = true;
        prev_band = Some(line.band);
        for t in &line.toks {
            items.push(TextItem {
                text: t.text.clone(),
                x: t.c0 * COL,
                y,
                width: (t.c1 - t.c0).max(0.0) * COL,
                size: SIZE,
            });
        }
    }
    let width = items.iter().map(|i| i.x + i.width).fold(0.0, f32::max) + 2.0 * COL;
    Page { number, width, height: y + SIZE, items }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        tokens(line).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_split_at_wide_gaps_and_between_cjk_words() {
        assert_eq!(texts("  合计        基本支出 项目支出"), ["合计", "基本支出", "项目支出"]);
        assert_eq!(texts("302         因 公 出 国 （ 境 ） 费"), ["302", "因公出国（境）费"]);
        assert_eq!(texts("     2.85 0.39 0.00 0.00  0.00"), ["2.85", "0.39", "0.00", "0.00", "0.00"]);
        assert_eq!(texts("上海市规划和自然资源局 2024 年度部门决算表"), ["上海市规划和自然资源局 2024 年度部门决算表"]);
        assert_eq!(texts("201   06   01   行政运行           1,511.90"), ["201", "06", "01", "行政运行", "1,511.90"]);
    }
}

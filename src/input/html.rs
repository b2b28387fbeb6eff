//! HTML → text in the reader's format: the clipboard's `text/html` flavour (a range copied from Excel or WPS, a
//! table copied from a web page or from Word) and .html files.
//!
//! A small hand-written tolerant tokenizer (no HTML crate: pasting is the page's first-load path, which is kept
//! small). What is read:
//! - tables: `<tr>` rows of `<td>`/`<th>` cells, placed on a grid with `colspan`/`rowspan` (a merged cell's text in
//!   its first cell, the cells it covers empty — what Excel's plain-text copy gives), a `<caption>` as a line before
//!   the table; cells' `<br>` and block elements become spaces; a table inside a cell is written as its own table;
//! - text outside tables: one line per paragraph, heading, list item, `<div>` or `<br>`;
//! - entities (named: the common ones; numeric: all), whitespace collapsed as a browser shows it.
//!
//! Ignored: `<head>`, `<style>`, `<script>`, `<title>`, Office's `<xml>` blocks, comments and conditional comments
//! (`<![if …]>`), every attribute but `colspan`/`rowspan` (so Excel's `x:num`, `x:str` and mso styles play no part:
//! the cell's text as displayed is what is read). Rows and cells are written by `grid` under a worksheet's rules
//! (titles, 「单位：万元」 lines and notes as plain lines).

use super::grid;
use crate::ReadError;
use crate::report::Message;

/// Most cells placed for one table (colspan/rowspan can make a small input a huge grid); the rest is dropped.
const MAX_TABLE_CELLS: usize = 2_000_000;
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 10_000;
/// Tables nested deeper than this are read as text of their enclosing cell.
const MAX_DEPTH: usize = 32;

/// The clipboard's HTML (or an .html file) as text in the reader's format: tables as tab-separated rows, other
/// text as lines. An error only when there is no text at all.
pub fn html_to_text(html: &str) -> Result<String, ReadError> {
    let mut b = Builder::default();
    for tok in Tokens::new(html) {
        b.token(tok);
    }
    let text = b.finish();
    if text.trim().is_empty() {
        return Err(ReadError {
            message: Message::new("HTML 中没有文字或表格可读取", "The HTML holds no text or table to read"),
        });
    }
    Ok(text)
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Start { name: String, attrs: Vec<(String, String)> },
    End(String),
    Text(&'a str),
}

struct Tokens<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Tokens<'a> {
    fn new(s: &'a str) -> Self {
        Tokens { s, i: 0 }
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }

    /// Moves past the next occurrence of `pat` (ASCII, case-insensitive), or to the end.
    fn skip_past(&mut self, pat: &str) {
        match find_ci(self.rest(), pat) {
            Some(p) => self.i += p + pat.len(),
            None => self.i = self.s.len(),
        }
    }
}

/// Byte position of `pat` (ASCII) in `s`, ignoring ASCII case.
fn find_ci(s: &str, pat: &str) -> Option<usize> {
    let (h, p) = (s.as_bytes(), pat.as_bytes());
    if p.is_empty() || h.len() < p.len() {
        return None;
    }
    (0..=h.len() - p.len()).find(|&k| h.get(k..k + p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p)))
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_' | b'.')
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        loop {
            let rest = self.rest();
            let bytes = rest.as_bytes();
            if bytes.is_empty() {
                return None;
            }
            if bytes[0] != b'<' {
                let end = rest.find('<').unwrap_or(rest.len());
                self.i += end;
                return Some(Tok::Text(&rest[..end]));
            }
            match bytes.get(1).copied() {
                Some(b'!') => {
                    if rest.starts_with("<!--") {
                        self.i += 4;
                        self.skip_past("-->");
                    } else {
                        self.skip_past(">");
                    }
                    continue;
                }
                Some(b'?') => {
                    self.skip_past(">");
                    continue;
                }
                Some(b'/') if bytes.get(2).is_some_and(|c| c.is_ascii_alphabetic()) => {
                    let n = bytes[2..].iter().take_while(|c| is_name_byte(**c)).count();
                    let name = rest[2..2 + n].to_ascii_lowercase();
                    self.skip_past(">");
                    return Some(Tok::End(name));
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let n = bytes[1..].iter().take_while(|c| is_name_byte(**c)).count();
                    let name = rest[1..1 + n].to_ascii_lowercase();
                    let (attrs, len) = attributes(&rest[1 + n..]);
                    self.i += 1 + n + len;
                    if matches!(name.as_str(), "script" | "style" | "title" | "xml" | "template" | "textarea") {
                        // Raw text: up to the matching end tag.
                        self.skip_past(&format!("</{name}"));
                        self.skip_past(">");
                        continue;
                    }
                    return Some(Tok::Start { name, attrs });
                }
                _ => {
                    // A '<' that starts no tag is text.
                    self.i += 1;
                    return Some(Tok::Text("<"));
                }
            }
        }
    }
}

/// Attributes of a start tag, from after its name; returns them and the bytes read (through the closing `>`).
fn attributes(s: &str) -> (Vec<(String, String)>, usize) {
    let b = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'>' {
            return (attrs, i + 1);
        }
        if c.is_ascii_whitespace() || c == b'/' {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = s.get(start..i).unwrap_or("").to_ascii_lowercase();
        if name.is_empty() {
            i += 1; // a stray '=': skip it
            continue;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i).copied() {
                Some(q @ (b'"' | b'\'')) => {
                    let vs = i + 1;
                    let ve = s.get(vs..).and_then(|r| r.find(q as char)).map_or(b.len(), |p| vs + p);
                    value = decode_entities(s.get(vs..ve).unwrap_or(""));
                    i = (ve + 1).min(b.len());
                }
                _ => {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(s.get(vs..i).unwrap_or(""));
                }
            }
        }
        if attrs.len() < 64 {
            attrs.push((name, value));
        }
    }
    (attrs, b.len())
}

/// `&amp;`, `&nbsp;`, `&#20013;`, `&#x4E2D;` → characters. Unknown references stay as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let body: &str = {
            let n =
                rest.as_bytes()[1..].iter().take(32).take_while(|c| c.is_ascii_alphanumeric() || **c == b'#').count();
            &rest[1..1 + n]
        };
        let has_semi = rest.as_bytes().get(1 + body.len()) == Some(&b';');
        let decoded = if let Some(num) = body.strip_prefix('#') {
            let v = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            v.map(|v| char::from_u32(v).filter(|c| *c != '\0').unwrap_or('\u{FFFD}').to_string())
        } else if has_semi || matches!(body, "nbsp" | "amp" | "lt" | "gt" | "quot") {
            named_entity(body).map(str::to_string)
        } else {
            None
        };
        match decoded {
            Some(d) if !body.is_empty() => {
                out.push_str(&d);
                rest = &rest[1 + body.len() + usize::from(has_semi)..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "shy" | "zwnj" | "zwj" | "lrm" | "rlm" => "",
        "ndash" => "–",
        "mdash" => "—",
        "minus" => "−",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        "middot" => "·",
        "bull" => "•",
        "times" => "×",
        "divide" => "÷",
        "yen" => "¥",
        "permil" => "‰",
        "deg" => "°",
        "plusmn" => "±",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "laquo" => "«",
        "raquo" => "»",
        "sect" => "§",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "cent" => "¢",
        "pound" => "£",
        "sup2" => "²",
        "sup3" => "³",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Building text from tokens

#[derive(Default)]
struct Cell {
    text: String,
    colspan: usize,
    rowspan: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    cell: Option<Cell>,
    caption: String,
    in_caption: bool,
}

impl Table {
    fn close_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            self.row.get_or_insert_with(Vec::new).push(c);
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(r) = self.row.take() {
            self.rows.push(r);
        }
    }

    /// The rows on a grid: each cell at the first column its row leaves free, covering `colspan` columns and
    /// `rowspan` rows; covered positions are empty.
    fn grid(mut self) -> Vec<Vec<String>> {
        self.close_row();
        let mut grid = Vec::with_capacity(self.rows.len());
        let mut covered: Vec<usize> = Vec::new(); // rows still covered from above, per column
        let mut cells = 0usize;
        for row in self.rows {
            let occupied: Vec<bool> = covered.iter().map(|n| *n > 0).collect();
            for n in covered.iter_mut() {
                *n = n.saturating_sub(1);
            }
            let mut out: Vec<String> = Vec::new();
            let mut c = 0usize;
            for cell in row {
                while occupied.get(c).copied().unwrap_or(false) {
                    c += 1;
                }
                let span = cell.colspan.clamp(1, MAX_COLSPAN);
                if c + span > grid::MAX_COLUMNS || cells + span > MAX_TABLE_CELLS {
                    break;
                }
                if out.len() < c {
                    cells += c - out.len();
                    out.resize(c, String::new());
                }
                out.push(cell.text);
                out.resize(c + span, String::new());
                if covered.len() < c + span {
                    covered.resize(c + span, 0);
                }
                let down = cell.rowspan.clamp(1, MAX_ROWSPAN) - 1;
                for k in c..c + span {
                    if let Some(n) = covered.get_mut(k) {
                        *n = (*n).max(down);
                    }
                }
                cells += span;
                c += span;
            }
            grid.push(out);
            if cells >= MAX_TABLE_CELLS {
                break;
            }
        }
        grid
    }
}

#[derive(Default)]
struct Builder {
    out: String,
    line: String,
    tables: Vec<Table>,
    /// `<table>`s opened past `MAX_DEPTH` and not yet closed (read as text of the enclosing cell).
    ignored: usize,
}

/// Appends text with whitespace collapsed as a browser shows it (any run of whitespace, including `&nbsp;`, is
/// one space; none at the start).
fn push_collapsed(target: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !target.is_empty() && !target.ends_with(' ') {
                target.push(' ');
            }
        } else {
            target.push(c);
        }
    }
}

impl Builder {
    fn flush_line(&mut self) {
        let t = self.line.trim();
        if !t.is_empty() {
            self.out.push_str(t);
            self.out.push('\n');
        }
        self.line.clear();
    }

    /// The text target: the open cell or caption of the innermost table, or the current line.
    fn target(&mut self) -> Option<&mut String> {
        match self.tables.last_mut() {
            Some(t) if t.in_caption => Some(&mut t.caption),
            Some(t) => t.cell.as_mut().map(|c| &mut c.text),
            None => Some(&mut self.line),
        }
    }

    /// Separates words inside a cell, or ends the line outside tables.
    fn boundary(&mut self) {
        if self.tables.is_empty() {
            self.flush_line();
        } else if let Some(t) = self.target()
            && !t.is_empty()
            && !t.ends_with(' ')
        {
            t.push(' ');
        }
    }

    fn token(&mut self, tok: Tok) {
        match tok {
            Tok::Text(t) => {
                let decoded = decode_entities(t);
                match self.target() {
                    Some(target) => push_collapsed(target, &decoded),
                    // Text between rows (browsers show it before the table): kept as a line.
                    None => push_collapsed(&mut self.line, &decoded),
                }
            }
            Tok::Start { name, attrs } => self.start(&name, &attrs),
            Tok::End(name) => self.end(&name),
        }
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)]) {
        let num = |key: &str| -> usize {
            attrs
                .iter()
                .find(|(k, _)| k == key)
                .and_then(|(_, v)| v.trim().trim_end_matches(';').parse::<usize>().ok())
                .unwrap_or(1)
        };
        match name {
            "table" => {
                if self.tables.len() >= MAX_DEPTH {
                    self.ignored += 1;
                    self.boundary();
                    return;
                }
                if self.tables.is_empty() {
                    self.flush_line();
                }
                self.tables.push(Table::default());
            }
            "tr" => {
                let t = self.table();
                t.close_row();
                t.row = Some(Vec::new());
            }
            "td" | "th" => {
                let (colspan, rowspan) = (num("colspan"), num("rowspan"));
                let t = self.table();
                t.close_cell();
                t.in_caption = false;
                t.cell = Some(Cell { text: String::new(), colspan, rowspan });
            }
            "thead" | "tbody" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                }
            }
            "caption" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_caption = true;
                }
            }
            _ if is_block(name) => self.boundary(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "table" if self.ignored > 0 => {
                self.ignored -= 1;
                self.boundary();
            }
            "table" => self.close_table(),
            "tr" | "thead" | "tbody" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                }
            }
            "caption" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_caption = false;
                }
            }
            _ if is_block(name) => self.boundary(),
            _ => {}
        }
    }

    /// The innermost open table, opening one for a stray `<tr>`/`<td>`.
    fn table(&mut self) -> &mut Table {
        if self.tables.is_empty() {
            self.flush_line();
            self.tables.push(Table::default());
        }
        let n = self.tables.len() - 1;
        &mut self.tables[n]
    }

    fn close_table(&mut self) {
        let Some(t) = self.tables.pop() else { return };
        self.flush_line();
        let caption = t.caption.trim().to_string();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        if !caption.is_empty() {
            self.out.push_str(&caption);
            self.out.push('\n');
        }
        grid::write(&t.grid(), &mut self.out);
        self.out.push('\n');
    }

    fn finish(mut self) -> String {
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.flush_line();
        let trimmed = self.out.trim_end_matches('\n').len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "hr"
            | "body"
            | "html"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_fragment_with_merged_cells() {
        let html = "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><style>td{mso-number-format:\"0\\.00\";}\
                    </style></head><body><!--StartFragment--><table border=0 width=300>\
                    <col width=72><tr height=18><td colspan=3 class=xl65 style='mso-ignore:colspan'>收入决算表</td></tr>\
                    <tr><td rowspan=2>项&nbsp;目</td><td colspan=2>本年收入<br>合计</td></tr>\
                    <tr><td>金额</td><td x:num=\"1.5\">上级</td></tr>\
                    <tr><td>合计</td><td x:num=\"2070.4400000000001\" class=xl66>2,070.44</td><td>&#19968;&amp;&lt;</td></tr>\
                    <![if supportMisalignedColumns]><tr height=0 style='display:none'><td width=72></td></tr><![endif]>\
                    </table><!--EndFragment--></body></html>";
        let text = html_to_text(html).unwrap();
        assert_eq!(text, "收入决算表\n项 目\t本年收入 合计\t\n\t金额\t上级\n合计\t2,070.44\t一&<\n");
    }

    #[test]
    fn text_outside_tables_and_captions() {
        let html = "<p>第一段\n文字</p><div>第二段<br/>第三行</div><table><caption>支出决算表</caption><tr><th>a</th>\
                    <th>b</th></tr><tr><td>1<td>2</table><p>后文</p>";
        assert_eq!(html_to_text(html).unwrap(), "第一段 文字\n第二段\n第三行\n\n支出决算表\na\tb\n1\t2\n\n后文\n");
    }

    #[test]
    fn tolerant() {
        assert!(html_to_text("").is_err());
        assert!(html_to_text("<p> </p><!-- x -->").is_err());
        assert_eq!(html_to_text("a < b &bogus; &amp c <td>x").unwrap(), "a < b &bogus; & c\n\nx\n");
        let big = html_to_text("<table><tr><td colspan=99999 rowspan=99999>x</td></tr><tr><td>y").unwrap();
        assert!(big.starts_with("x\t") && big.ends_with("\ty\n") && big.lines().count() == 2, "{}", big.len());
        assert_eq!(html_to_text("<scr<ipt>&#xD800;&#99999999999;").unwrap(), "\u{FFFD}&#99999999999;\n");
        for s in ["<", "<a", "<a b='", "&", "&#", "&#x", "</", "<!--", "<td rowspan=", "\u{4E00}<\u{4E01}"] {
            let _ = html_to_text(s);
        }
    }
}

//! .docx → text in the reader's format (docs/input-formats.md): the body's paragraphs in order, one line each
//! (a line break inside a paragraph starts a new line), and its tables as tab-separated rows (`grid`, worksheet
//! rules) between blank lines.
//!
//! Read: text runs (`w:t`), tabs (as spaces: inside a paragraph a tab is layout, not a cell), line breaks, non-
//! breaking hyphens, inserted text of tracked changes, text boxes (after the paragraph holding them), fields'
//! displayed results, automatic numbering of paragraphs (「一、」「（一）」「1.」 from numbering.xml, set on the
//! paragraph or its style), table cells with `gridSpan` (the text in the first column of the span) and `vMerge`
//! (continuation cells empty), `gridBefore`. A table inside a cell is read as text of that cell.
//! Not read: deleted and moved-away text, hidden text (`w:vanish`), headers, footers, footnotes, comments, the
//! alternative content of drawings (`mc:Fallback`, which repeats what `mc:Choice` holds), images.

use super::grid;
use super::xml::{self, Ev};
use super::zip::Archive;
use crate::report::Message;
use std::collections::HashMap;

pub struct Docx {
    pub text: String,
    pub notes: Vec<Message>,
}

pub fn read(archive: &Archive) -> Result<Docx, Message> {
    let main = xml::main_part(archive).unwrap_or_else(|| "word/document.xml".to_string());
    let body = xml::part_text(archive, &main)?.ok_or_else(|| {
        Message::new("不是 Word 文档（缺少 word/document.xml）", "not a Word document (no word/document.xml)")
    })?;
    let rels = xml::relationships(archive, &main);
    let target = |kind: &str, default: &str| {
        rels.iter().find(|r| r.kind == kind).map(|r| r.target.clone()).unwrap_or_else(|| default.to_string())
    };
    let numbering = match xml::part_text(archive, &target("numbering", "word/numbering.xml")) {
        Ok(Some(x)) => Numbering::parse(&x),
        _ => Numbering::default(),
    };
    let styles = match xml::part_text(archive, &target("styles", "word/styles.xml")) {
        Ok(Some(x)) => style_numbering(&x),
        _ => HashMap::new(),
    };
    let mut r = Reader { numbering, styles, ..Reader::default() };
    let mut events = xml::events(&body);
    for ev in events.by_ref() {
        r.event(ev);
    }
    let mut notes = Vec::new();
    if let Some(e) = events.error {
        notes.push(Message::new(
            format!("文档的 XML 有错误（{e}），其后的内容未读取"),
            format!("the document's XML has an error ({e}); what follows it was not read"),
        ));
    }
    let text = r.finish();
    if text.trim().is_empty() {
        return Err(Message::new("Word 文档中没有文字", "the Word document holds no text"));
    }
    Ok(Docx { text, notes })
}

// ---------------------------------------------------------------------------------------------------------------
// Numbering

#[derive(Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
}

#[derive(Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<String, (String, HashMap<u8, i64>)>,
    /// numId → the current value of each level (None: not used yet, or restarted).
    counters: HashMap<String, [Option<i64>; 9]>,
}

fn val(ev: &Ev) -> Option<&str> {
    ev.attr("val")
}

fn level_of(ev: &Ev) -> Option<u8> {
    ev.attr("ilvl").or_else(|| val(ev)).and_then(|v| v.trim().parse::<u8>().ok()).filter(|l| *l < 9)
}

impl Numbering {
    fn parse(x: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut abs: Option<String> = None;
        let mut lvl: Option<u8> = None;
        let mut num: Option<String> = None;
        let mut override_lvl: Option<u8> = None;
        for ev in xml::events(x) {
            match &ev {
                Ev::Start { name, empty, .. } => match name.as_str() {
                    "abstractNum" if !empty => abs = ev.attr("abstractNumId").map(str::to_string),
                    "lvl" if !empty => {
                        lvl = level_of(&ev);
                        if let (Some(a), Some(l)) = (&abs, lvl) {
                            n.abstracts.entry(a.clone()).or_default().insert(l, Level { start: 1, ..Level::default() });
                        }
                    }
                    "start" | "numFmt" | "lvlText" => {
                        if let (Some(a), Some(l)) = (&abs, lvl)
                            && let Some(level) = n.abstracts.get_mut(a).and_then(|m| m.get_mut(&l))
                        {
                            let v = val(&ev).unwrap_or("");
                            match name.as_str() {
                                "start" => level.start = v.trim().parse().unwrap_or(1),
                                "numFmt" => level.format = v.to_string(),
                                _ => level.text = v.to_string(),
                            }
                        }
                    }
                    "num" if !empty => {
                        num = ev.attr("numId").map(str::to_string);
                    }
                    "abstractNumId" => {
                        if let (Some(id), Some(a)) = (&num, val(&ev)) {
                            n.nums.entry(id.clone()).or_default().0 = a.to_string();
                        }
                    }
                    "lvlOverride" if !empty => override_lvl = level_of(&ev),
                    "startOverride" => {
                        if let (Some(id), Some(l), Some(v)) =
                            (&num, override_lvl, val(&ev).and_then(|v| v.trim().parse::<i64>().ok()))
                        {
                            n.nums.entry(id.clone()).or_default().1.insert(l, v);
                        }
                    }
                    _ => {}
                },
                Ev::End { name } => match name.as_str() {
                    "abstractNum" => abs = None,
                    "lvl" => lvl = None,
                    "num" => num = None,
                    "lvlOverride" => override_lvl = None,
                    _ => {}
                },
                Ev::Text(_) => {}
            }
        }
        n
    }

    /// The label of the next paragraph of list `num` at level `ilvl` (「一、」, 「（二）」, 「3.」), counting it.
    fn label(&mut self, num: &str, ilvl: u8) -> Option<String> {
        let (abs, overrides) = self.nums.get(num)?;
        let levels = self.abstracts.get(abs)?;
        let level = levels.get(&ilvl)?;
        let l = usize::from(ilvl);
        let counters = self.counters.entry(num.to_string()).or_insert([None; 9]);
        let start = |k: usize| {
            let k8 = k as u8;
            overrides.get(&k8).copied().or_else(|| levels.get(&k8).map(|lv| lv.start)).unwrap_or(1)
        };
        let next = match counters.get(l).copied().flatten() {
            Some(v) => v.saturating_add(1),
            None => start(l),
        };
        if let Some(c) = counters.get_mut(l) {
            *c = Some(next);
        }
        for c in counters.iter_mut().skip(l + 1) {
            *c = None;
        }
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d))
            {
                chars.next();
                let k = d as usize - 1;
                let value = counters.get(k).copied().flatten().unwrap_or_else(|| start(k));
                let format = levels.get(&(k as u8)).map_or("decimal", |lv| lv.format.as_str());
                out.push_str(&format_counter(value, format));
                continue;
            }
            out.push(c);
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

fn chinese(n: i64) -> Option<String> {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |k: i64| D.get(k as usize).copied().unwrap_or("");
    Some(match n {
        0..=9 => digit(n).to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", digit(n - 10)),
        20..=99 => format!("{}十{}", digit(n / 10), if n % 10 == 0 { "" } else { digit(n % 10) }),
        _ => return None,
    })
}

fn letters(n: i64, upper: bool) -> String {
    if n < 1 {
        return n.to_string();
    }
    let base = if upper { b'A' } else { b'a' };
    let c = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(10) as usize).collect()
}

fn roman(n: i64, upper: bool) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let table = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    if upper { s.to_ascii_uppercase() } else { s }
}

fn format_counter(n: i64, format: &str) -> String {
    match format {
        "chineseCounting" | "chineseCountingThousand" | "taiwaneseCounting" | "taiwaneseCountingThousand" => {
            chinese(n).unwrap_or_else(|| n.to_string())
        }
        "chineseLegalSimplified" => chinese(n)
            .map(|s| {
                s.chars()
                    .map(|c| match c {
                        '一' => '壹',
                        '二' => '贰',
                        '三' => '叁',
                        '四' => '肆',
                        '五' => '伍',
                        '六' => '陆',
                        '七' => '柒',
                        '八' => '捌',
                        '九' => '玖',
                        '十' => '拾',
                        '〇' => '零',
                        c => c,
                    })
                    .collect()
            })
            .unwrap_or_else(|| n.to_string()),
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            .get(n.saturating_sub(1).clamp(0, 9) as usize)
            .copied()
            .unwrap_or("")
            .to_string(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| c.to_digit(10).and_then(|d| char::from_u32('０' as u32 + d)).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + (n as u32 - 1)).map(String::from).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedParen" => format!("({n})"),
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n, false),
        "upperRoman" => roman(n, true),
        _ => n.to_string(),
    }
}

/// Paragraph styles: styleId → (basedOn, numId, ilvl).
type StyleNumbering = HashMap<String, (Option<String>, Option<String>, Option<u8>)>;

fn style_numbering(x: &str) -> StyleNumbering {
    let mut out: StyleNumbering = HashMap::new();
    let mut cur: Option<String> = None;
    for ev in xml::events(x) {
        match &ev {
            Ev::Start { name, empty, .. } => match name.as_str() {
                "style" if !empty => cur = ev.attr("styleId").map(str::to_string),
                "basedOn" | "numId" | "ilvl" => {
                    if let (Some(id), Some(v)) = (&cur, val(&ev)) {
                        let e = out.entry(id.clone()).or_default();
                        match name.as_str() {
                            "basedOn" => e.0 = Some(v.to_string()),
                            "numId" => e.1 = Some(v.to_string()),
                            _ => e.2 = v.trim().parse().ok().filter(|l| *l < 9),
                        }
                    }
                }
                _ => {}
            },
            Ev::End { name } if name == "style" => cur = None,
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------------------
// The body

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<(String, usize, bool)>, // text, gridSpan, vMerge continuation
}

impl Table {
    fn close_cell(&mut self) {
        if let Some((text, span, cont)) = self.cell.take() {
            let row = self.row.get_or_insert_with(Vec::new);
            row.push(if cont { String::new() } else { text });
            for _ in 1..span {
                row.push(String::new());
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(r) = self.row.take() {
            self.rows.push(r);
        }
    }
}

/// Elements whose content is not read.
fn skipped(name: &str) -> bool {
    matches!(name, "Fallback" | "moveFrom" | "del" | "instrText" | "delText" | "rPrChange" | "pPrChange")
}

#[derive(Default)]
struct Reader {
    numbering: Numbering,
    styles: StyleNumbering,
    lines: Vec<String>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    skip: usize,
    in_ppr: usize,
    in_run: usize,
    hidden_run: bool,
    in_t: bool,
    in_tcpr: bool,
}

impl Reader {
    fn event(&mut self, ev: Ev) {
        if self.skip > 0 {
            match ev {
                Ev::Start { empty: false, .. } => self.skip += 1,
                Ev::End { .. } => self.skip -= 1,
                _ => {}
            }
            return;
        }
        match &ev {
            Ev::Start { name, empty, .. } => {
                let name = name.as_str();
                if skipped(name) {
                    if !empty {
                        self.skip = 1;
                    }
                    return;
                }
                self.start(name, *empty, &ev);
            }
            Ev::End { name } => self.end(name),
            Ev::Text(t) => {
                if self.in_t && !self.hidden_run {
                    self.para().text.push_str(t);
                }
            }
        }
    }

    fn para(&mut self) -> &mut Para {
        if self.paras.is_empty() {
            self.paras.push(Para::default());
        }
        let n = self.paras.len() - 1;
        &mut self.paras[n]
    }

    fn start(&mut self, name: &str, empty: bool, ev: &Ev) {
        match name {
            "p" if !empty => self.paras.push(Para::default()),
            "p" => self.emit(String::new()),
            "pPr" if !empty => self.in_ppr += 1,
            "pStyle" if self.in_ppr > 0 => self.para().style = val(ev).map(str::to_string),
            "numId" if self.in_ppr > 0 => self.para().num_id = val(ev).map(str::to_string),
            "ilvl" if self.in_ppr > 0 => self.para().ilvl = level_of(ev),
            "r" if !empty => {
                self.in_run += 1;
                self.hidden_run = false;
            }
            "vanish" if self.in_run > 0 => self.hidden_run = !matches!(val(ev), Some("0") | Some("false")),
            "t" if !empty => self.in_t = true,
            "tab" if self.in_run > 0 && !self.hidden_run => self.para().text.push(' '),
            "br" | "cr" if self.in_run > 0 && !self.hidden_run => self.para().text.push('\n'),
            "noBreakHyphen" if self.in_run > 0 => self.para().text.push('-'),
            "tbl" if !empty => self.tables.push(Table::default()),
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                    t.row = Some(Vec::new());
                }
            }
            "gridBefore" => {
                let n = val(ev).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(0).min(64);
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.extend(std::iter::repeat_n(String::new(), n));
                }
            }
            "tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                    t.cell = Some((String::new(), 1, false));
                }
            }
            "tcPr" if !empty => self.in_tcpr = true,
            "gridSpan" if self.in_tcpr => {
                let n = val(ev).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 64);
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.1 = n;
                }
            }
            "vMerge" if self.in_tcpr => {
                let cont = !matches!(val(ev), Some("restart"));
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.2 = cont;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" => {
                if let Some(p) = self.paras.pop() {
                    let text = self.paragraph_text(p);
                    self.emit(text);
                }
            }
            "pPr" => self.in_ppr = self.in_ppr.saturating_sub(1),
            "r" => {
                self.in_run = self.in_run.saturating_sub(1);
                self.hidden_run = false;
            }
            "t" => self.in_t = false,
            "tcPr" => self.in_tcpr = false,
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                }
            }
            "tbl" => self.close_table(),
            _ => {}
        }
    }

    /// A paragraph's text with its numbering label.
    fn paragraph_text(&mut self, p: Para) -> String {
        let mut num = p.num_id.clone();
        let mut ilvl = p.ilvl;
        let mut style = p.style.clone();
        for _ in 0..10 {
            if num.is_some() {
                break;
            }
            let Some(s) = style.as_ref().and_then(|s| self.styles.get(s)) else { break };
            num = s.1.clone();
            ilvl = ilvl.or(s.2);
            style = s.0.clone();
        }
        let text = p.text.trim_end().to_string();
        match num.filter(|n| n != "0") {
            Some(n) if !text.trim().is_empty() => match self.numbering.label(&n, ilvl.unwrap_or(0)) {
                Some(label) if label.ends_with(|c: char| !c.is_alphanumeric()) => {
                    format!("{label}{}", text.trim_start())
                }
                Some(label) => format!("{label} {}", text.trim_start()),
                None => text,
            },
            _ => text,
        }
    }

    /// A finished paragraph (or a nested table's text) goes into the open table cell, or out as lines.
    fn emit(&mut self, text: String) {
        if let Some(t) = self.tables.last_mut() {
            let cell = t.cell.get_or_insert_with(|| (String::new(), 1, false));
            let piece = text.trim();
            if !piece.is_empty() {
                if !cell.0.is_empty() {
                    cell.0.push(' ');
                }
                cell.0.push_str(piece);
            }
            return;
        }
        if text.is_empty() {
            self.lines.push(String::new());
        }
        for line in text.split('\n') {
            self.lines.push(grid::clean_cell(line));
        }
    }

    fn close_table(&mut self) {
        let Some(mut t) = self.tables.pop() else { return };
        t.close_row();
        if !self.tables.is_empty() {
            let text: Vec<String> = t.rows.concat().into_iter().filter(|c| !c.trim().is_empty()).collect();
            self.emit(text.join(" "));
            return;
        }
        self.lines.push(String::new());
        let mut out = String::new();
        grid::write(&t.rows, &mut out);
        self.lines.extend(out.lines().map(str::to_string));
        self.lines.push(String::new());
    }

    fn finish(mut self) -> String {
        while !self.tables.is_empty() {
            self.close_table();
        }
        while let Some(p) = self.paras.pop() {
            let text = self.paragraph_text(p);
            self.emit(text);
        }
        let mut out = String::new();
        let mut blank = true; // no blank lines at the start
        for l in &self.lines {
            if l.trim().is_empty() {
                if !blank {
                    out.push('\n');
                }
                blank = true;
            } else {
                out.push_str(l);
                out.push('\n');
                blank = false;
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters() {
        assert_eq!(format_counter(1, "chineseCounting"), "一");
        assert_eq!(format_counter(13, "chineseCountingThousand"), "十三");
        assert_eq!(format_counter(20, "chineseCounting"), "二十");
        assert_eq!(format_counter(21, "chineseCounting"), "二十一");
        assert_eq!(format_counter(3, "upperRoman"), "III");
        assert_eq!(format_counter(28, "lowerLetter"), "bb");
        assert_eq!(format_counter(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_counter(-5, "lowerLetter"), "-5");
    }

    fn body(xml: &str) -> String {
        let mut r = Reader::default();
        for ev in xml::events(xml) {
            r.event(ev);
        }
        r.finish()
    }

    #[test]
    fn paragraphs_tables_and_merges() {
        let x = "<w:document xmlns:w=\"w\"><w:body>\
            <w:p><w:pPr><w:tabs><w:tab w:val=\"left\"/></w:tabs></w:pPr><w:r><w:t>一、收入</w:t></w:r><w:r><w:tab/><w:t>说明</w:t></w:r></w:p>\
            <w:p><w:r><w:t xml:space=\"preserve\">第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>\
            <w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:ins><w:r><w:t>增</w:t></w:r></w:ins></w:p>\
            <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>金额</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>本年</w:t></w:r></w:p><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.00</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>其中</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0.50</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p><w:r><w:t>后文</w:t></w:r></w:p></w:body></w:document>";
        assert_eq!(
            body(x),
            "一、收入 说明\n第一行\n第二行\n增\n\n项目\t\t金额\n合计\t本年 合计\t1.00\n\t其中\t0.50\n\n后文\n"
        );
    }

    #[test]
    fn numbering_labels() {
        let numbering = "<w:numbering><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>\
            <w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/>\
            <w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl></w:abstractNum>\
            <w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
        let mut n = Numbering::parse(numbering);
        assert_eq!(n.label("5", 0).as_deref(), Some("一、"));
        assert_eq!(n.label("5", 1).as_deref(), Some("（一）"));
        assert_eq!(n.label("5", 1).as_deref(), Some("（二）"));
        assert_eq!(n.label("5", 0).as_deref(), Some("二、"));
        assert_eq!(n.label("5", 1).as_deref(), Some("（一）"));
        assert_eq!(n.label("9", 0), None);
    }
}

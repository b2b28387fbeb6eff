//! Builds Office files of the seed sample at test time (the sample's text is read from ../shared, never copied
//! into the repository): its nine tables as worksheets or CSV files, its narrative (with the performance tables as
//! Word tables) as a .docx. Shared by tests/formats.rs and tests/cli.rs.
#![allow(dead_code)]

use rust_xlsxwriter::{Format, Workbook};
use std::io::Write;
use std::path::PathBuf;

pub const SEED: &str = "samples/henan-xinxiang-hongqi-gxj-2023-final.txt";

pub fn shared(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn seed_text() -> String {
    String::from_utf8(shared(SEED)).expect("utf-8")
}

/// One of the nine tables as it is printed: its title, meta lines, rows (tab-separated) and notes.
pub struct TableBlock {
    pub title: String,
    pub lines: Vec<String>,
}

/// The narrative: paragraphs and (performance) tables, in order.
pub enum Block {
    Para(String),
    Table(Vec<Vec<String>>),
}

/// Splits the seed into its nine tables (from each title to the line before the next, the last up to
/// 「第三部分」) and the rest of the document.
pub fn split_seed() -> (Vec<TableBlock>, Vec<Block>) {
    let text = seed_text();
    let doc = fiscal_lint::input::read_pasted(&text).expect("reads").document;
    let lines: Vec<&str> = text.split('\n').collect();
    let titles: Vec<usize> = doc
        .tables
        .iter()
        .filter(|t| t.kind != fiscal_lint::model::TableKind::Performance)
        .map(|t| t.source.line as usize - 1)
        .collect();
    assert_eq!(titles.len(), 9, "the seed's nine tables");
    let last = *titles.last().unwrap();
    let end = (last..lines.len())
        .find(|&i| lines[i].trim_start().starts_with("第三部分"))
        .expect("第三部分 after the tables");
    let mut tables = Vec::new();
    for (k, &start) in titles.iter().enumerate() {
        let stop = titles.get(k + 1).copied().unwrap_or(end);
        let block: Vec<String> = lines[start..stop].iter().map(|l| l.trim_end_matches('\r').to_string()).collect();
        tables.push(TableBlock { title: block[0].trim().to_string(), lines: block });
    }
    let rest = lines.iter().enumerate().filter(|(i, _)| !(titles[0]..end).contains(i)).map(|(_, l)| *l);
    let blocks = blocks_of(rest);
    (tables, blocks)
}

/// The whole seed as blocks: runs of tab-separated lines as tables (a blank line ends one), other lines as
/// paragraphs — the document as Word holds it when the tables are Word tables.
pub fn seed_blocks() -> Vec<Block> {
    blocks_of(seed_text().split('\n'))
}

/// Lines as blocks: runs of tab-separated lines as tables (any other line ends one), non-blank lines as paragraphs.
fn blocks_of<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    for l in lines.map(|l| l.trim_end_matches('\r')) {
        if l.contains('\t') {
            table.push(l.split('\t').map(str::to_string).collect());
            continue;
        }
        if !table.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut table)));
        }
        if !l.trim().is_empty() {
            blocks.push(Block::Para(l.to_string()));
        }
    }
    if !table.is_empty() {
        blocks.push(Block::Table(table));
    }
    blocks
}

/// Decimals of a field that is a plain number (`1060.14`, `2011301`), or `None` for text.
pub fn number_decimals(s: &str) -> Option<usize> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let ok = !int.is_empty()
        && int.len() <= 13
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
        && !(body.contains('.') && frac.is_empty());
    ok.then_some(frac.len())
}

/// A worksheet name Excel accepts (≤ 31 characters, none of `[]:*?/\`).
pub fn sheet_name(title: &str) -> String {
    title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

/// The tables as an .xlsx: one sheet per table, named after it; numbers stored as numbers with a `0.00`-style
/// format of their printed decimals; header cells followed by empty ones merged across them (as in a real
/// workbook), the title merged across the table's width. `untitled`: sheets written without their title row (the
/// sheet's name carries it).
pub fn tables_xlsx(tables: &[TableBlock], untitled: &[usize]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let plain = Format::new();
    for (k, t) in tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&t.title)).unwrap();
        let width = t.lines.iter().map(|l| l.split('\t').count()).max().unwrap_or(1) as u16;
        let mut row = 0u32;
        for (i, line) in t.lines.iter().enumerate() {
            if i == 0 && untitled.contains(&k) {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if i == 0 && width > 1 {
                ws.merge_range(row, 0, row, width - 1, fields[0].trim(), &plain).unwrap();
                row += 1;
                continue;
            }
            let header = fields.len() > 1 && fields.iter().all(|f| number_decimals(f.trim()).is_none());
            let mut c = 0usize;
            while c < fields.len() {
                let f = fields[c];
                let mut span = 1;
                if header && !f.trim().is_empty() {
                    while c + span < fields.len() && fields[c + span].trim().is_empty() {
                        span += 1;
                    }
                }
                let col = c as u16;
                if span > 1 {
                    ws.merge_range(row, col, row, col + span as u16 - 1, f, &plain).unwrap();
                } else if let Some(d) = number_decimals(f.trim()) {
                    let fmt = if d == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(d)) };
                    let v: f64 = f.trim().parse().unwrap();
                    ws.write_number_with_format(row, col, v, &Format::new().set_num_format(fmt)).unwrap();
                } else if !f.is_empty() {
                    ws.write_string(row, col, f).unwrap();
                }
                c += span;
            }
            row += 1;
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A field of a CSV line, quoted when it must be.
pub fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.to_string() }
}

/// One table as CSV text, every row as wide as the table (as Excel writes it).
pub fn table_csv(t: &TableBlock, with_title: bool) -> String {
    let width = t.lines.iter().map(|l| l.split('\t').count()).max().unwrap_or(1);
    let mut out = String::new();
    for (i, line) in t.lines.iter().enumerate() {
        if i == 0 && !with_title {
            continue;
        }
        let mut fields: Vec<String> = line.split('\t').map(csv_field).collect();
        fields.resize(width, String::new());
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", xml_escape(text))
}

/// A minimal .docx of the blocks: each paragraph a `w:p` (its tabs as `w:tab`), each table a `w:tbl`.
pub fn narrative_docx(blocks: &[Block]) -> Vec<u8> {
    narrative_docx_with(blocks, false)
}

/// 「一、」 and 「（一）」 at the start of a paragraph of 第三部分, as Word's automatic numbering would make them.
fn section_label(p: &str) -> Option<(u8, usize)> {
    const CN: &str = "一二三四五六七八九十";
    let t = p.trim_start();
    let lead = t.chars().take_while(|c| CN.contains(*c)).count();
    if lead > 0 && t.chars().nth(lead) == Some('、') {
        return Some((0, lead + 1));
    }
    let inner = t.strip_prefix('（')?;
    let lead = inner.chars().take_while(|c| CN.contains(*c)).count();
    (lead > 0 && inner.chars().nth(lead) == Some('）')).then_some((1, lead + 2))
}

/// As [`narrative_docx`]; with `numbered`, the section headings of 第三部分 (「一、」, 「（一）」) carry no label in
/// their text but Word's automatic numbering (numbering.xml, Chinese counting), set through a paragraph style for
/// the first level and on the paragraph for the second.
pub fn narrative_docx_with(blocks: &[Block], numbered: bool) -> Vec<u8> {
    let start = blocks.iter().rposition(|b| matches!(b, Block::Para(p) if p.trim_start().starts_with("第三部分")));
    let end = blocks.iter().rposition(|b| matches!(b, Block::Para(p) if p.trim_start().starts_with("第四部分")));
    let mut body = String::new();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Para(p) => {
                let in_part_three = start.is_some_and(|s| i > s) && end.is_none_or(|e| i < e);
                let label = if numbered && in_part_three { section_label(p) } else { None };
                let p: String = match label {
                    Some((level, chars)) => {
                        body.push_str(if level == 0 {
                            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"
                        } else {
                            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
                        });
                        p.trim_start().chars().skip(chars).collect()
                    }
                    None => {
                        body.push_str("<w:p>");
                        p.clone()
                    }
                };
                let p = p.as_str();
                for (i, piece) in p.split('\t').enumerate() {
                    if i > 0 {
                        body.push_str("<w:r><w:tab/></w:r>");
                    }
                    body.push_str(&run(piece));
                }
                body.push_str("</w:p>");
            }
            Block::Table(rows) => {
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        body.push_str(&format!(
                            "<w:tc><w:p>{}</w:p></w:tc>",
                            if c.is_empty() { String::new() } else { run(c) }
                        ));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl><w:p/>");
            }
        }
    }
    if numbered { numbered_docx_with_body(&body) } else { docx_with_body(&body) }
}

const NUMBERING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\">\
    <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
    <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>\
    </w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" \
    w:styleId=\"Heading1Base\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>\
    <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Heading1Base\"/></w:style></w:styles>";

fn numbered_docx_with_body(body: &str) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    zip_of(&[
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        (
            "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/word/document.xml\"/></Relationships>",
        ),
        (
            "word/_rels/document.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
             <Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"../word/styles.xml\"/></Relationships>",
        ),
        ("word/document.xml", &document),
        ("word/numbering.xml", NUMBERING),
        ("word/styles.xml", STYLES),
    ])
}

/// A .docx whose document body is `body` (WordprocessingML).
pub fn docx_with_body(body: &str) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ),
        ("word/document.xml", &document),
    ])
}

/// A deflated zip of the entries.
pub fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

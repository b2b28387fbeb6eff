//! PDF bytes → pages of positioned text items. Pure (no I/O) and panic-free: a truncated, encrypted, corrupt or
//! scanned PDF gives a `ReadError` that says which.
//!
//! A deliberately small reader for what disclosure PDFs use (docs/pdf-text-layer.md): objects are found by
//! scanning the file for `N G obj` (so a broken or missing xref table does not matter; later definitions win, as
//! with incremental updates), object streams are expanded, streams are decoded (Flate, ASCIIHex, ASCII85), and
//! each page's content stream is interpreted for text: the text and graphics state (`cm q Q BT Tf Tc Tw Tz TL Ts
//! Td TD Tm T* Tj TJ ' "`), form XObjects, ToUnicode CMaps (`bfchar`, `bfrange`, code space ranges), CID widths
//! (`W`, `DW`) and simple-font widths (`Widths`, WinAnsi/Standard encodings and `Differences` when a font has no
//! ToUnicode). Every loop is bounded by the input's size; recursion (page tree, forms) is depth-limited.
//!
//! Pages are given as displayed: turned by their (inherited) `/Rotate`, then so that most of their text reads
//! left to right (text matrices turned by `Tm` or `cm`); glyphs in another direction are joined along their own
//! baseline (docs/pdf-text-layer.md, “Rotated pages”).

use crate::ReadError;
use crate::report::Message;
use std::collections::HashMap;

pub use super::positioned::{Page, TextItem};

fn err(zh: &str, en: &str) -> ReadError {
    ReadError { message: Message::new(zh, en) }
}

/// Reads a PDF: its text layer, rebuilt into tables and narrative (`layout::read`).
pub fn read(bytes: &[u8]) -> Result<super::layout::Layout, ReadError> {
    super::layout::read(&extract(bytes)?)
}

/// Whether the bytes look like a PDF (the `%PDF-` marker near the start).
pub fn is_pdf(bytes: &[u8]) -> bool {
    find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// Reads the text layer of every page.
pub fn extract(bytes: &[u8]) -> Result<Vec<Page>, ReadError> {
    if bytes.is_empty() {
        return Err(err("文件为空：没有可读取的内容", "The file is empty: nothing to read"));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_none() {
        return Err(err(
            "不是 PDF 文件（文件开头没有 %PDF- 标记）",
            "Not a PDF file (no %PDF- marker at the start of the file)",
        ));
    }
    let file = File::parse(bytes);
    if file.encrypted {
        return Err(err(
            "PDF 已加密（有打开或权限密码），无法读取其文字：请提供未加密的 PDF",
            "The PDF is encrypted (it has an open or permissions password); its text cannot be read: give an \
             unencrypted PDF",
        ));
    }
    // A PDF ends with %%EOF (possibly followed by a little padding): without it the file was cut short, and
    // whatever pages could still be found would give a partial document, so it is refused.
    if find_last(&bytes[bytes.len().saturating_sub(2048)..], b"%%EOF").is_none() {
        return Err(err(
            "PDF 文件不完整（被截断，缺少文件结尾 %%EOF）：请重新下载或导出完整的文件",
            "The PDF is incomplete (truncated: no %%EOF at its end): download or export the whole file again",
        ));
    }
    let pages = file.pages();
    if pages.is_empty() {
        return Err(err("PDF 文件已损坏：找不到任何页面", "The PDF is corrupt: no page could be found"));
    }
    let mut out = Vec::with_capacity(pages.len());
    let mut budget = Budget { ops: 50_000_000, fonts: HashMap::new() };
    for (n, page) in pages.iter().enumerate() {
        out.push(file.page_text(page, n as u32 + 1, &mut budget));
    }
    let chars: usize = out.iter().flat_map(|p| p.items.iter()).map(|i| i.text.chars().count()).sum();
    if chars == 0 {
        return Err(err(
            "PDF 没有文字层（可能是扫描件或图片）：本工具不做文字识别（OCR），请提供由 Word/Excel/WPS 导出的 PDF、\
             原始表格或文字",
            "The PDF has no text layer (probably scanned or images): OCR is not done; give a PDF exported from \
             Word/Excel/WPS, or the tables and text themselves",
        ));
    }
    Ok(out)
}

/// What pages share while they are read: an operation budget, and fonts by object number (a font's ToUnicode
/// CMap is parsed once, not once per page).
struct Budget {
    ops: u64,
    fonts: HashMap<u32, std::rc::Rc<Font>>,
}

// ---------------------------------------------------------------- objects

#[derive(Clone, Debug, PartialEq)]
enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32),
    Stream(Dict, std::ops::Range<usize>),
    /// A stream decoded from an object stream's bytes is never produced; operators in content streams:
    Op(Vec<u8>),
}

type Dict = Vec<(Vec<u8>, Obj)>;

fn dget<'a>(d: &'a Dict, key: &[u8]) -> Option<&'a Obj> {
    d.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

impl Obj {
    fn num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
    fn name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// A tokenizer/parser over a byte slice. `refs` turns `N G R` into references (off inside content streams).
struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
    refs: bool,
}

const MAX_DEPTH: u32 = 64;

impl<'a> Lexer<'a> {
    fn new(b: &'a [u8], pos: usize, refs: bool) -> Self {
        Lexer { b, pos, refs }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.b.len() {
            let c = self.b[self.pos];
            if is_ws(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.pos < self.b.len() && self.b[self.pos] != b'\n' && self.b[self.pos] != b'\r' {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.pos < self.b.len() && !is_ws(self.b[self.pos]) && !is_delim(self.b[self.pos]) {
            self.pos += 1;
        }
        &self.b[start..self.pos]
    }

    /// The next object (or operator keyword). `None` at the end of input or on `]`/`>>`.
    fn obj(&mut self, depth: u32) -> Option<Obj> {
        self.skip_ws();
        let c = *self.b.get(self.pos)?;
        if depth > MAX_DEPTH {
            self.pos = self.b.len();
            return None;
        }
        match c {
            b'/' => {
                self.pos += 1;
                let raw = self.regular();
                Some(Obj::Name(unescape_name(raw)))
            }
            b'(' => Some(Obj::Str(self.literal())),
            b'<' => {
                if self.b.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    let mut d = Vec::new();
                    loop {
                        self.skip_ws();
                        match self.b.get(self.pos) {
                            None => break,
                            Some(b'>') => {
                                self.pos += 2.min(self.b.len() - self.pos);
                                break;
                            }
                            Some(b'/') => {
                                self.pos += 1;
                                let k = unescape_name(self.regular());
                                let v = self.obj(depth + 1).unwrap_or(Obj::Null);
                                d.push((k, v));
                            }
                            Some(_) => {
                                // Junk inside a dictionary: skip one token.
                                let before = self.pos;
                                let _ = self.obj(depth + 1);
                                if self.pos == before {
                                    self.pos += 1;
                                }
                            }
                        }
                    }
                    Some(Obj::Dict(d))
                } else {
                    self.pos += 1;
                    let mut hex = Vec::new();
                    while let Some(&h) = self.b.get(self.pos) {
                        self.pos += 1;
                        if h == b'>' {
                            break;
                        }
                        if h.is_ascii_hexdigit() {
                            hex.push(h);
                        }
                    }
                    Some(Obj::Str(hex_bytes(&hex)))
                }
            }
            b'[' => {
                self.pos += 1;
                let mut a = Vec::new();
                loop {
                    self.skip_ws();
                    match self.b.get(self.pos) {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) => {
                            let before = self.pos;
                            match self.obj(depth + 1) {
                                Some(o) => a.push(o),
                                None => {
                                    if self.pos == before {
                                        self.pos += 1;
                                    }
                                }
                            }
                        }
                    }
                }
                Some(Obj::Array(a))
            }
            b']' | b'>' | b')' | b'{' | b'}' => {
                self.pos += 1;
                None
            }
            _ => {
                let tok = self.regular();
                if tok.is_empty() {
                    self.pos += 1;
                    return None;
                }
                if let Some(n) = parse_number(tok) {
                    if self.refs && !tok.contains(&b'.') {
                        // N G R ?
                        let save = self.pos;
                        self.skip_ws();
                        let g = self.regular();
                        if !g.is_empty() && g.iter().all(u8::is_ascii_digit) {
                            self.skip_ws();
                            if self.b.get(self.pos) == Some(&b'R')
                                && self.b.get(self.pos + 1).is_none_or(|c| is_ws(*c) || is_delim(*c))
                            {
                                self.pos += 1;
                                return Some(Obj::Ref(n.clamp(0.0, u32::MAX as f64) as u32));
                            }
                        }
                        self.pos = save;
                    }
                    return Some(Obj::Num(n));
                }
                Some(match tok {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => Obj::Op(tok.to_vec()),
                })
            }
        }
    }

    fn literal(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1u32;
        while let Some(&c) = self.b.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.b.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.b.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.b.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }
}

fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 2 < raw.len() {
            let h = &raw[i + 1..(i + 3).min(raw.len())];
            if h.len() == 2 && h.iter().all(u8::is_ascii_hexdigit) {
                out.extend(hex_bytes(h));
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

fn hex_val(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

fn hex_bytes(h: &[u8]) -> Vec<u8> {
    h.chunks(2).map(|p| (hex_val(p[0]) << 4) | p.get(1).map_or(0, |c| hex_val(*c))).collect()
}

/// A PDF number (`12`, `-3.5`, `.5`, `4.`), read by hand: what a PDF writes is simple, and the standard float
/// parser would add to the wasm module. Malformed ones (`--5`, `1.2.3`) read as far as they can.
fn parse_number(tok: &[u8]) -> Option<f64> {
    let first = *tok.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    let mut i = 0;
    let mut neg = false;
    while i < tok.len() && matches!(tok[i], b'+' | b'-') {
        neg |= tok[i] == b'-';
        i += 1;
    }
    let mut v = 0f64;
    let mut scale = 0f64;
    let mut digits = 0;
    while i < tok.len() {
        match tok[i] {
            d @ b'0'..=b'9' => {
                digits += 1;
                if scale == 0.0 {
                    v = v * 10.0 + (d - b'0') as f64;
                } else {
                    v += (d - b'0') as f64 * scale;
                    scale /= 10.0;
                }
            }
            b'.' if scale == 0.0 => scale = 0.1,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 && i < tok.len() {
        return None;
    }
    Some(if neg { -v } else { v })
}

// ---------------------------------------------------------------- file

struct File<'a> {
    bytes: &'a [u8],
    objs: HashMap<u32, Obj>,
    /// Decoded object streams' contents are parsed into `objs`; their stream data ranges index `bytes`.
    root: Option<Obj>,
    encrypted: bool,
}

impl<'a> File<'a> {
    fn parse(bytes: &'a [u8]) -> File<'a> {
        let mut f = File { bytes, objs: HashMap::new(), root: None, encrypted: false };
        let mut stm: Vec<u32> = Vec::new();
        let mut i = 0;
        while let Some(off) = find(&bytes[i..], b"obj") {
            let at = i + off;
            i = at + 3;
            // `obj` must be a keyword preceded by `N G `.
            if bytes.get(at + 3).is_some_and(|c| !is_ws(*c) && !is_delim(*c)) {
                continue;
            }
            let Some(num) = object_header(bytes, at) else { continue };
            let mut lx = Lexer::new(bytes, at + 3, true);
            let Some(o) = lx.obj(0) else { continue };
            let o = match o {
                Obj::Dict(d) => {
                    lx.skip_ws();
                    if bytes[lx.pos..].starts_with(b"stream") {
                        let mut s = lx.pos + 6;
                        if bytes.get(s) == Some(&b'\r') {
                            s += 1;
                        }
                        if bytes.get(s) == Some(&b'\n') {
                            s += 1;
                        }
                        let end = stream_end(bytes, s, dget(&d, b"Length").and_then(Obj::num));
                        i = end.max(i);
                        if dget(&d, b"Type").and_then(Obj::name) == Some(b"ObjStm") {
                            stm.push(num);
                        }
                        if dget(&d, b"Type").and_then(Obj::name) == Some(b"XRef") {
                            f.trailer(&d);
                        }
                        Obj::Stream(d, s..end)
                    } else {
                        Obj::Dict(d)
                    }
                }
                other => other,
            };
            f.objs.insert(num, o);
        }
        // Trailers of classic xref tables.
        let mut j = 0;
        while let Some(off) = find(&bytes[j..], b"trailer") {
            let at = j + off + 7;
            j = at;
            if let Some(Obj::Dict(d)) = Lexer::new(bytes, at, true).obj(0) {
                f.trailer(&d);
            }
        }
        // Objects inside object streams (kept only where no direct definition exists).
        for n in stm {
            let Some(Obj::Stream(d, r)) = f.objs.get(&n).cloned() else { continue };
            let Some(data) = f.decode(&d, r) else { continue };
            let count = dget(&d, b"N").and_then(Obj::num).unwrap_or(0.0).clamp(0.0, 1e6) as usize;
            let first = dget(&d, b"First").and_then(Obj::num).unwrap_or(0.0).clamp(0.0, 1e9) as usize;
            let mut hdr = Lexer::new(&data, 0, false);
            let mut entries = Vec::new();
            for _ in 0..count {
                let (Some(a), Some(b)) = (hdr.obj(0).and_then(|o| o.num()), hdr.obj(0).and_then(|o| o.num())) else {
                    break;
                };
                entries.push((a.clamp(0.0, u32::MAX as f64) as u32, b.clamp(0.0, 1e9) as usize));
            }
            for (num, off) in entries {
                if f.objs.contains_key(&num) {
                    continue;
                }
                let Some(pos) = first.checked_add(off).filter(|p| *p < data.len()) else { continue };
                if let Some(o) = Lexer::new(&data, pos, true).obj(0) {
                    if let Obj::Dict(d) = &o {
                        if dget(d, b"Type").and_then(Obj::name) == Some(b"Catalog") && f.root.is_none() {
                            f.root = Some(Obj::Ref(num));
                        }
                    }
                    f.objs.insert(num, o);
                }
            }
        }
        if f.root.is_none() {
            // No trailer (truncated): the catalog found by its type.
            let cat = f.objs.iter().find(|(_, o)| match o {
                Obj::Dict(d) => dget(d, b"Type").and_then(Obj::name) == Some(b"Catalog"),
                _ => false,
            });
            f.root = cat.map(|(n, _)| Obj::Ref(*n));
        }
        f
    }

    fn trailer(&mut self, d: &Dict) {
        if let Some(r) = dget(d, b"Root") {
            self.root = Some(r.clone());
        }
        if dget(d, b"Encrypt").is_some_and(|e| *e != Obj::Null) {
            self.encrypted = true;
        }
    }

    fn resolve<'b>(&'b self, o: &'b Obj) -> &'b Obj {
        let mut cur = o;
        for _ in 0..16 {
            match cur {
                Obj::Ref(n) => match self.objs.get(n) {
                    Some(next) => cur = next,
                    None => return &Obj::Null,
                },
                _ => return cur,
            }
        }
        &Obj::Null
    }

    fn get<'b>(&'b self, d: &'b Dict, key: &[u8]) -> &'b Obj {
        match dget(d, key) {
            Some(o) => self.resolve(o),
            None => &Obj::Null,
        }
    }

    fn dict<'b>(&'b self, o: &'b Obj) -> Option<&'b Dict> {
        match self.resolve(o) {
            Obj::Dict(d) | Obj::Stream(d, _) => Some(d),
            _ => None,
        }
    }

    /// A stream's decoded data (`None` for filters not supported, e.g. images).
    fn decode(&self, d: &Dict, r: std::ops::Range<usize>) -> Option<Vec<u8>> {
        let raw = self.bytes.get(r)?;
        let filters: Vec<Vec<u8>> = match self.get(d, b"Filter") {
            Obj::Name(n) => vec![n.clone()],
            Obj::Array(a) => a.iter().filter_map(|o| self.resolve(o).name().map(|n| n.to_vec())).collect(),
            _ => Vec::new(),
        };
        let mut data = raw.to_vec();
        for (k, f) in filters.iter().enumerate() {
            data = match f.as_slice() {
                b"FlateDecode" | b"Fl" => {
                    let out = inflate(&data)?;
                    let parms = match self.get(d, b"DecodeParms") {
                        Obj::Array(a) => a.get(k).and_then(|o| self.dict(o)).cloned(),
                        o => self.dict(o).cloned(),
                    };
                    match parms {
                        Some(p) => png_unpredict(out, &p)?,
                        None => out,
                    }
                }
                b"ASCIIHexDecode" | b"AHx" => {
                    let h: Vec<u8> =
                        data.iter().copied().take_while(|c| *c != b'>').filter(u8::is_ascii_hexdigit).collect();
                    hex_bytes(&h)
                }
                b"ASCII85Decode" | b"A85" => ascii85(&data),
                _ => return None,
            };
        }
        Some(data)
    }

    fn stream_data(&self, o: &Obj) -> Option<Vec<u8>> {
        match self.resolve(o) {
            Obj::Stream(d, r) => self.decode(d, r.clone()),
            _ => None,
        }
    }

    /// Leaves of the page tree in order, with inherited resources, media box and rotation.
    fn pages(&self) -> Vec<PageRef> {
        let mut out = Vec::new();
        let Some(root) = self.root.as_ref().and_then(|r| self.dict(r)) else { return out };
        let Some(pages) = dget(root, b"Pages") else { return out };
        let mut seen = Vec::new();
        self.walk(pages, Inherited::default(), 0, &mut seen, &mut out);
        out
    }

    fn walk(&self, node: &Obj, inh: Inherited, depth: u32, seen: &mut Vec<u32>, out: &mut Vec<PageRef>) {
        if depth > 32 || out.len() > 100_000 {
            return;
        }
        if let Obj::Ref(n) = node {
            if seen.contains(n) {
                return;
            }
            seen.push(*n);
        }
        let Some(d) = self.dict(node) else { return };
        let inh = Inherited {
            res: dget(d, b"Resources").cloned().or(inh.res),
            mbox: self.rect(self.get(d, b"MediaBox")).or(inh.mbox),
            rotate: dget(d, b"Rotate").map(|o| rotation(self.resolve(o))).unwrap_or(inh.rotate),
        };
        match self.get(d, b"Kids") {
            Obj::Array(kids) => {
                for k in kids {
                    self.walk(k, inh.clone(), depth + 1, seen, out);
                }
            }
            _ => {
                if self.get(d, b"Type").name() == Some(b"Pages") {
                    return;
                }
                out.push(PageRef {
                    contents: dget(d, b"Contents").cloned().unwrap_or(Obj::Null),
                    resources: inh.res.unwrap_or(Obj::Null),
                    media: inh.mbox.unwrap_or([0.0, 0.0, 595.0, 842.0]),
                    media_given: inh.mbox.is_some(),
                    rotate: inh.rotate,
                });
            }
        }
    }

    fn rect(&self, o: &Obj) -> Option<[f32; 4]> {
        let Obj::Array(a) = o else { return None };
        let v: Vec<f32> = a.iter().filter_map(|x| self.resolve(x).num()).map(|x| x as f32).collect();
        if v.len() != 4 {
            return None;
        }
        Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
    }

    fn page_text(&self, p: &PageRef, number: u32, budget: &mut Budget) -> Page {
        let [x0, y0, x1, y1] = p.media;
        let mut data = Vec::new();
        match self.resolve(&p.contents) {
            Obj::Array(a) => {
                for s in a {
                    if let Some(d) = self.stream_data(s) {
                        data.extend_from_slice(&d);
                        data.push(b'\n');
                    }
                }
            }
            o => {
                if let Some(d) = self.stream_data(o) {
                    data = d;
                }
            }
        }
        let mut st = Interp { file: self, fonts: HashMap::new(), glyphs: Vec::new(), budget };
        let ctm = [1.0, 0.0, 0.0, 1.0, -(x0 as f64), -(y0 as f64)];
        st.run(&data, &p.resources, ctm, 0);
        let mut glyphs = std::mem::take(&mut st.glyphs);
        // The page as displayed (`/Rotate`), then turned so that most of its text reads left to right.
        let (w, h) = turn(&mut glyphs, p.rotate, (x1 - x0) as f64, (y1 - y0) as f64);
        let most = dominant_direction(&glyphs);
        let (width, height) = turn(&mut glyphs, most, w, h);
        // Text wholly outside the media box is not on the page (viewers and pdftotext do not show it). Not when
        // the box is missing (A4 assumed) or implausibly small: the text is kept rather than lost.
        if p.media_given && width >= 36.0 && height >= 36.0 {
            glyphs.retain(|g| g.x <= width && g.x + g.adv.abs() >= 0.0 && g.y <= height && g.y + g.size >= 0.0);
        }
        Page { number, width: width as f32, height: height as f32, items: runs(glyphs, height as f32) }
    }
}

struct PageRef {
    contents: Obj,
    resources: Obj,
    media: [f32; 4],
    /// Whether the media box was in the file (else A4 is assumed).
    media_given: bool,
    /// Quarter turns clockwise (0–3) the page is turned when displayed (`/Rotate`).
    rotate: u8,
}

/// What a page inherits from the page-tree nodes above it.
#[derive(Clone, Default)]
struct Inherited {
    res: Option<Obj>,
    mbox: Option<[f32; 4]>,
    rotate: u8,
}

/// A `/Rotate` value → quarter turns clockwise (0–3). The spec asks for a multiple of 90 (degrees clockwise); a
/// negative one turns the other way (−90 is 270), one of 360 or more wraps round, and anything else (not a
/// multiple of 90, not an integer, not a number) is ignored as 0, as viewers do.
fn rotation(o: &Obj) -> u8 {
    let Some(v) = o.num() else { return 0 };
    if v.fract() != 0.0 || v.abs() > 1e9 {
        return 0;
    }
    let deg = (v as i64).rem_euclid(360);
    if deg % 90 != 0 { 0 } else { (deg / 90) as u8 }
}

/// `N G obj` before position `at` (of `obj`): the object number.
fn object_header(b: &[u8], at: usize) -> Option<u32> {
    let mut p = at;
    let back_ws = |p: &mut usize| {
        while *p > 0 && is_ws(b[*p - 1]) {
            *p -= 1;
        }
    };
    let back_digits = |p: &mut usize| -> Option<usize> {
        let end = *p;
        while *p > 0 && b[*p - 1].is_ascii_digit() {
            *p -= 1;
        }
        if *p == end { None } else { Some(end) }
    };
    if p == 0 || !is_ws(b[p - 1]) {
        return None;
    }
    back_ws(&mut p);
    back_digits(&mut p)?;
    if p == 0 || !is_ws(b[p - 1]) {
        return None;
    }
    back_ws(&mut p);
    let end = back_digits(&mut p)?;
    if p > 0 && !is_ws(b[p - 1]) && !is_delim(b[p - 1]) {
        return None;
    }
    std::str::from_utf8(&b[p..end]).ok()?.parse().ok()
}

fn stream_end(b: &[u8], start: usize, len: Option<f64>) -> usize {
    if let Some(l) = len.filter(|l| *l >= 0.0 && *l < b.len() as f64) {
        let end = start + l as usize;
        if end <= b.len() {
            let mut q = end;
            while q < b.len() && is_ws(b[q]) {
                q += 1;
            }
            if b[q..].starts_with(b"endstream") {
                return end;
            }
        }
    }
    match find(&b[start.min(b.len())..], b"endstream") {
        Some(off) => {
            let mut end = start + off;
            if end > start && b[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && b[end - 1] == b'\r' {
                end -= 1;
            }
            end
        }
        None => b.len(),
    }
}

fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};
    const LIMIT: usize = 64 << 20;
    match decompress_to_vec_zlib_with_limit(data, LIMIT) {
        Ok(v) => Some(v),
        Err(e) if e.status != TINFLStatus::HasMoreOutput && !e.output.is_empty() => Some(e.output),
        Err(_) => miniz_oxide::inflate::decompress_to_vec_with_limit(data, LIMIT).ok(),
    }
}

/// PNG predictors (xref and object streams written with /Predictor ≥ 10).
fn png_unpredict(data: Vec<u8>, p: &Dict) -> Option<Vec<u8>> {
    let pred = dget(p, b"Predictor").and_then(Obj::num).unwrap_or(1.0);
    if pred < 10.0 {
        return Some(data);
    }
    let cols = dget(p, b"Columns").and_then(Obj::num).unwrap_or(1.0).clamp(1.0, 1e6) as usize;
    let colors = dget(p, b"Colors").and_then(Obj::num).unwrap_or(1.0).clamp(1.0, 64.0) as usize;
    let bpc = dget(p, b"BitsPerComponent").and_then(Obj::num).unwrap_or(8.0).clamp(1.0, 16.0) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (cols * colors * bpc).div_ceil(8);
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        if chunk.len() < row + 1 {
            break;
        }
        let ft = chunk[0];
        let mut cur = chunk[1..].to_vec();
        for i in 0..row {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match ft {
                1 => cur[i].wrapping_add(a),
                2 => cur[i].wrapping_add(b),
                3 => cur[i].wrapping_add(((a as u16 + b as u16) / 2) as u8),
                4 => {
                    let pp = a as i16 + b as i16 - c as i16;
                    let (pa, pb, pc) = ((pp - a as i16).abs(), (pp - b as i16).abs(), (pp - c as i16).abs());
                    let pr = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    cur[i].wrapping_add(pr)
                }
                _ => cur[i],
            };
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Some(out)
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group: Vec<u32> = Vec::new();
    for &c in data {
        match c {
            b'~' => break,
            b'z' if group.is_empty() => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                group.push((c - b'!') as u32);
                if group.len() == 5 {
                    let v = group.iter().fold(0u64, |acc, d| acc * 85 + *d as u64) as u32;
                    out.extend_from_slice(&v.to_be_bytes());
                    group.clear();
                }
            }
            _ => {}
        }
    }
    if group.len() > 1 {
        let n = group.len();
        while group.len() < 5 {
            group.push(84);
        }
        let v = group.iter().fold(0u64, |acc, d| acc * 85 + *d as u64) as u32;
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

// ---------------------------------------------------------------- fonts

struct Font {
    /// Code byte lengths from the code space ranges (1 for simple fonts, usually 2 for Type0).
    code_len: CodeLen,
    to_unicode: HashMap<u32, String>,
    /// Fallback for simple fonts without ToUnicode: code → char.
    encoding: Option<[char; 256]>,
    /// A Type0 font with a predefined Unicode CMap (`UniGB-UCS2-H`, `UniGB-UTF16-H` …): codes are UTF-16 units.
    unicode_codes: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space (1/1000 except Type3).
    scale: f64,
}

enum CodeLen {
    One,
    Two,
    /// Per first byte, from the code space ranges.
    Ranges(Vec<(u32, u32, usize)>),
}

impl Font {
    fn codes(&self, s: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            let n = match &self.code_len {
                CodeLen::One => 1,
                CodeLen::Two => 2,
                CodeLen::Ranges(r) => {
                    let mut n = 1;
                    for len in 1..=4usize {
                        if i + len > s.len() {
                            break;
                        }
                        let v = s[i..i + len].iter().fold(0u32, |a, b| (a << 8) | *b as u32);
                        if r.iter().any(|(lo, hi, l)| *l == len && v >= *lo && v <= *hi) {
                            n = len;
                            break;
                        }
                    }
                    n
                }
            }
            .min(s.len() - i);
            let v = s[i..i + n].iter().fold(0u32, |a, b| (a << 8) | *b as u32);
            out.push((v, n));
            i += n;
        }
        out
    }

    fn text(&self, code: u32) -> String {
        if let Some(t) = self.to_unicode.get(&code) {
            return t.clone();
        }
        if self.unicode_codes {
            return char::from_u32(code).map(String::from).unwrap_or_default();
        }
        if let Some(enc) = &self.encoding {
            if code < 256 {
                let c = enc[code as usize];
                if c != '\0' {
                    return c.to_string();
                }
            }
        }
        String::new()
    }

    fn width(&self, code: u32) -> f64 {
        if self.unicode_codes {
            // Codes are not CIDs here (the CMap to CIDs is not shipped): half width for ASCII, the default else.
            return if code < 0x80 { 500.0 } else { self.default_width } * self.scale;
        }
        self.widths.get(&code).copied().unwrap_or(self.default_width) * self.scale
    }
}

impl File<'_> {
    fn font(&self, fd: &Dict) -> Font {
        let subtype = self.get(fd, b"Subtype").name().unwrap_or(b"").to_vec();
        let mut font = Font {
            code_len: CodeLen::One,
            to_unicode: HashMap::new(),
            encoding: None,
            unicode_codes: false,
            widths: HashMap::new(),
            default_width: 0.0,
            scale: 0.001,
        };
        if subtype == b"Type0" {
            font.code_len = CodeLen::Two;
            font.default_width = 1000.0;
            let enc = self.get(fd, b"Encoding").name().unwrap_or(b"");
            font.unicode_codes = enc.windows(4).any(|w| w == b"UCS2") || enc.windows(5).any(|w| w == b"UTF16");
            let desc = match self.get(fd, b"DescendantFonts") {
                Obj::Array(a) => a.first().and_then(|o| self.dict(o)),
                _ => None,
            };
            if let Some(dd) = desc {
                if let Some(dw) = self.get(dd, b"DW").num() {
                    font.default_width = dw;
                }
                if let Obj::Array(w) = self.get(dd, b"W") {
                    let w: Vec<&Obj> = w.iter().map(|o| self.resolve(o)).collect();
                    let mut i = 0;
                    while i < w.len() && font.widths.len() < 200_000 {
                        let Some(first) = w[i].num() else { break };
                        match w.get(i + 1) {
                            Some(Obj::Array(list)) => {
                                for (k, v) in list.iter().enumerate() {
                                    if let Some(v) = self.resolve(v).num() {
                                        font.widths.insert((first as u32).saturating_add(k as u32), v);
                                    }
                                }
                                i += 2;
                            }
                            Some(last) => {
                                let (Some(last), Some(v)) = (last.num(), w.get(i + 2).and_then(|o| o.num())) else {
                                    break;
                                };
                                let (a, b) = (first.max(0.0) as u32, last.max(0.0) as u32);
                                for c in a..=b.min(a.saturating_add(65_535)) {
                                    font.widths.insert(c, v);
                                }
                                i += 3;
                            }
                            None => break,
                        }
                    }
                }
            }
        } else {
            let first = self.get(fd, b"FirstChar").num().unwrap_or(0.0).max(0.0) as u32;
            if let Obj::Array(w) = self.get(fd, b"Widths") {
                for (k, v) in w.iter().enumerate().take(256) {
                    if let Some(v) = self.resolve(v).num() {
                        font.widths.insert(first.saturating_add(k as u32), v);
                    }
                }
            }
            if let Some(dw) = self
                .dict(dget(fd, b"FontDescriptor").unwrap_or(&Obj::Null))
                .and_then(|d| self.get(d, b"MissingWidth").num())
            {
                font.default_width = dw;
            } else if font.widths.is_empty() {
                font.default_width = 500.0;
            }
            if subtype == b"Type3" {
                if let Obj::Array(m) = self.get(fd, b"FontMatrix") {
                    if let Some(a) = m.first().and_then(|o| self.resolve(o).num()) {
                        font.scale = a;
                    }
                }
            }
            font.encoding = Some(self.simple_encoding(fd));
        }
        if let Some(data) = dget(fd, b"ToUnicode").and_then(|o| self.stream_data(o)) {
            let (map, ranges) = parse_cmap(&data);
            font.to_unicode = map;
            if !ranges.is_empty() && subtype == b"Type0" {
                font.code_len = CodeLen::Ranges(ranges);
            }
        }
        font
    }

    fn simple_encoding(&self, fd: &Dict) -> [char; 256] {
        let mut enc = win_ansi();
        match self.get(fd, b"Encoding") {
            Obj::Dict(d) => {
                if let Obj::Array(diffs) = self.get(d, b"Differences") {
                    let mut code = 0u32;
                    for o in diffs {
                        match self.resolve(o) {
                            Obj::Num(n) => code = n.clamp(0.0, 255.0) as u32,
                            Obj::Name(name) => {
                                if code < 256 {
                                    if let Some(c) = glyph_char(name) {
                                        enc[code as usize] = c;
                                    }
                                }
                                code = code.saturating_add(1);
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        enc
    }
}

/// WinAnsiEncoding (also used for Standard/MacRoman fonts here: the printable ASCII range is the same).
fn win_ansi() -> [char; 256] {
    let mut t = ['\0'; 256];
    for c in 32u8..127 {
        t[c as usize] = c as char;
    }
    let hi: [(u8, char); 27] = [
        (0x80, '€'),
        (0x82, '‚'),
        (0x83, 'ƒ'),
        (0x84, '„'),
        (0x85, '…'),
        (0x86, '†'),
        (0x87, '‡'),
        (0x88, 'ˆ'),
        (0x89, '‰'),
        (0x8A, 'Š'),
        (0x8B, '‹'),
        (0x8C, 'Œ'),
        (0x8E, 'Ž'),
        (0x91, '‘'),
        (0x92, '’'),
        (0x93, '“'),
        (0x94, '”'),
        (0x95, '•'),
        (0x96, '–'),
        (0x97, '—'),
        (0x98, '˜'),
        (0x99, '™'),
        (0x9A, 'š'),
        (0x9B, '›'),
        (0x9C, 'œ'),
        (0x9E, 'ž'),
        (0x9F, 'Ÿ'),
    ];
    for (k, c) in hi {
        t[k as usize] = c;
    }
    for c in 0xA0u32..=0xFF {
        t[c as usize] = char::from_u32(c).unwrap_or('\0');
    }
    t
}

/// Glyph names of `Differences`: `uniXXXX`, single letters and the common punctuation names.
fn glyph_char(name: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(name).ok()?;
    if let Some(h) = s.strip_prefix("uni") {
        return u32::from_str_radix(h.get(..4)?, 16).ok().and_then(char::from_u32);
    }
    if s.chars().count() == 1 {
        return s.chars().next();
    }
    let named = [
        ("space", ' '),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
    ];
    named.iter().find(|(n, _)| *n == s).map(|(_, c)| *c)
}

/// `bfchar`/`bfrange` mappings and code space ranges of a ToUnicode CMap.
fn parse_cmap(data: &[u8]) -> (HashMap<u32, String>, Vec<(u32, u32, usize)>) {
    let mut map = HashMap::new();
    let mut ranges = Vec::new();
    let mut lx = Lexer::new(data, 0, false);
    let mut stack: Vec<Obj> = Vec::new();
    let code = |b: &[u8]| b.iter().take(4).fold(0u32, |a, c| (a << 8) | *c as u32);
    while let Some(o) = {
        let before = lx.pos;
        let o = lx.obj(0);
        if o.is_none() && lx.pos >= data.len() {
            None
        } else if o.is_none() && lx.pos == before {
            lx.pos += 1;
            Some(Obj::Null)
        } else {
            Some(o.unwrap_or(Obj::Null))
        }
    } {
        match o {
            Obj::Op(op) => {
                match op.as_slice() {
                    b"endcodespacerange" => {
                        for p in stack.chunks(2) {
                            if let [Obj::Str(lo), Obj::Str(hi)] = p {
                                ranges.push((code(lo), code(hi), lo.len().clamp(1, 4)));
                            }
                        }
                    }
                    b"endbfchar" => {
                        for p in stack.chunks(2) {
                            if let [Obj::Str(src), Obj::Str(dst)] = p {
                                map.insert(code(src), utf16(dst));
                            }
                        }
                    }
                    b"endbfrange" => {
                        for p in stack.chunks(3) {
                            if let [Obj::Str(lo), Obj::Str(hi), dst] = p {
                                let (lo, hi) = (code(lo), code(hi));
                                if hi < lo || hi - lo > 65_535 {
                                    continue;
                                }
                                match dst {
                                    Obj::Str(d) => {
                                        let base: Vec<u16> = d
                                            .chunks(2)
                                            .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
                                            .collect();
                                        for (k, c) in (lo..=hi).enumerate() {
                                            let mut u = base.clone();
                                            if let Some(last) = u.last_mut() {
                                                *last = last.wrapping_add(k as u16);
                                            }
                                            map.insert(c, String::from_utf16_lossy(&u));
                                        }
                                    }
                                    Obj::Array(a) => {
                                        for (k, d) in a.iter().enumerate() {
                                            if let Obj::Str(d) = d {
                                                map.insert(lo.saturating_add(k as u32), utf16(d));
                                            }
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                    }
                    _ => {}
                }
                stack.clear();
            }
            other => {
                if stack.len() < 1_000_000 {
                    stack.push(other);
                }
            }
        }
    }
    (map, ranges)
}

fn utf16(b: &[u8]) -> String {
    let u: Vec<u16> = b.chunks(2).map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16).collect();
    String::from_utf16_lossy(&u).replace('\0', "")
}

// ---------------------------------------------------------------- content streams

type M = [f64; 6];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<Vec<u8>>,
    size: f64,
    tc: f64,
    tw: f64,
    tz: f64,
    tl: f64,
    rise: f64,
}

/// One glyph as placed: text, position (PDF user space, y up) and advance; `dir`, the direction it advances in,
/// in quarter turns anticlockwise from left-to-right (1: upwards, 2: right to left, 3: downwards).
struct Glyph {
    text: String,
    x: f64,
    y: f64,
    adv: f64,
    size: f64,
    dir: u8,
}

/// The direction (0–3, as `Glyph::dir`) of a text rendering matrix: where its x axis points, to the nearest
/// quarter turn.
fn direction(trm: &M) -> u8 {
    let (dx, dy) = (trm[0], trm[1]);
    if dx.abs() >= dy.abs() {
        if dx >= 0.0 { 0 } else { 2 }
    } else if dy > 0.0 {
        1
    } else {
        3
    }
}

/// The direction most of a page's text advances in (by characters; left to right on a tie).
fn dominant_direction(glyphs: &[Glyph]) -> u8 {
    let mut count = [0usize; 4];
    for g in glyphs {
        if !g.text.chars().all(|c| c.is_whitespace() || c.is_control()) {
            count[g.dir as usize & 3] += g.text.chars().count();
        }
    }
    (1..4u8).fold(0u8, |best, d| if count[d as usize] > count[best as usize] { d } else { best })
}

/// Turns a `w`×`h` page (y up, origin bottom left) by `q` quarter turns clockwise, glyph positions and
/// directions with it, and gives the turned page's width and height. A page displayed with `/Rotate 90` is its
/// user space turned once; text advancing upwards (`dir` 1) reads left to right after one turn.
fn turn(glyphs: &mut [Glyph], q: u8, w: f64, h: f64) -> (f64, f64) {
    let q = q & 3;
    if q == 0 {
        return (w, h);
    }
    for g in glyphs.iter_mut() {
        let (x, y) = (g.x, g.y);
        (g.x, g.y) = match q {
            1 => (y, w - x),
            2 => (w - x, h - y),
            _ => (h - y, x),
        };
        g.dir = (g.dir + 4 - q) & 3;
    }
    if q == 2 { (w, h) } else { (h, w) }
}

struct Interp<'f, 'b> {
    file: &'f File<'f>,
    fonts: HashMap<(usize, Vec<u8>), std::rc::Rc<Font>>,
    glyphs: Vec<Glyph>,
    budget: &'b mut Budget,
}

impl Interp<'_, '_> {
    fn font_for(&mut self, res: &Obj, name: &[u8]) -> Option<std::rc::Rc<Font>> {
        let key = (res as *const Obj as usize, name.to_vec());
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let rd = self.file.dict(res)?;
        let fonts = self.file.dict(dget(rd, b"Font")?)?;
        let entry = dget(fonts, name)?;
        if let Obj::Ref(n) = entry {
            if let Some(f) = self.budget.fonts.get(n) {
                self.fonts.insert(key, f.clone());
                return Some(f.clone());
            }
        }
        let fd = self.file.dict(entry)?;
        let f = std::rc::Rc::new(self.file.font(fd));
        if let Obj::Ref(n) = entry {
            self.budget.fonts.insert(*n, f.clone());
        }
        self.fonts.insert(key, f.clone());
        Some(f)
    }

    fn run(&mut self, data: &[u8], res: &Obj, ctm: M, depth: u32) {
        if depth > 8 {
            return;
        }
        let mut gs = GState { ctm, font: None, size: 0.0, tc: 0.0, tw: 0.0, tz: 1.0, tl: 0.0, rise: 0.0 };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = ID;
        let mut tlm = ID;
        let mut font: Option<std::rc::Rc<Font>> = None;
        let mut args: Vec<Obj> = Vec::new();
        let mut lx = Lexer::new(data, 0, false);
        loop {
            if self.budget.ops == 0 {
                return;
            }
            self.budget.ops -= 1;
            let before = lx.pos;
            let Some(o) = lx.obj(0) else {
                if lx.pos >= data.len() {
                    break;
                }
                if lx.pos == before {
                    lx.pos += 1;
                }
                continue;
            };
            let Obj::Op(op) = o else {
                if args.len() < 4096 {
                    args.push(o);
                }
                continue;
            };
            let n = |i: usize| args.get(i).and_then(Obj::num).unwrap_or(0.0);
            match op.as_slice() {
                b"q" => {
                    if stack.len() < 256 {
                        stack.push(gs.clone());
                    }
                }
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                        font = gs.font.as_ref().and_then(|f| self.font_for(res, f));
                    }
                }
                b"cm" if args.len() >= 6 => gs.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &gs.ctm),
                b"BT" => {
                    tm = ID;
                    tlm = ID;
                }
                b"Tf" if args.len() >= 2 => {
                    if let Some(name) = args[0].name() {
                        gs.font = Some(name.to_vec());
                        font = self.font_for(res, name);
                    }
                    gs.size = n(1);
                }
                b"Tc" => gs.tc = n(0),
                b"Tw" => gs.tw = n(0),
                b"Tz" => gs.tz = n(0) / 100.0,
                b"TL" => gs.tl = n(0),
                b"Ts" => gs.rise = n(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.tl = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if args.len() >= 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"'" || op == b"\"" {
                        if op == b"\"" {
                            gs.tw = n(0);
                            gs.tc = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    if let Some(f) = font.clone() {
                        match args.last() {
                            Some(Obj::Str(s)) => self.show(&f, &gs, &mut tm, s),
                            Some(Obj::Array(a)) if op == b"TJ" => {
                                for el in a {
                                    match el {
                                        Obj::Str(s) => self.show(&f, &gs, &mut tm, s),
                                        Obj::Num(k) => {
                                            let tx = -k / 1000.0 * gs.size * gs.tz;
                                            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                        }
                                        _ => {}
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = args.first().and_then(Obj::name) {
                        self.form(res, name, &gs, depth);
                    }
                }
                b"BI" => {
                    // Inline image: skip to EI.
                    match find(&data[lx.pos..], b"EI") {
                        Some(off) => lx.pos += off + 2,
                        None => lx.pos = data.len(),
                    }
                }
                _ => {}
            }
            args.clear();
        }
    }

    fn form(&mut self, res: &Obj, name: &[u8], gs: &GState, depth: u32) {
        let file = self.file;
        let Some(rd) = file.dict(res) else { return };
        let Some(xo) = dget(rd, b"XObject").and_then(|o| file.dict(o)) else { return };
        let Some(x) = dget(xo, name) else { return };
        let Obj::Stream(d, r) = file.resolve(x) else { return };
        if file.get(d, b"Subtype").name() != Some(b"Form") {
            return;
        }
        let Some(data) = file.decode(d, r.clone()) else { return };
        let m = match file.get(d, b"Matrix") {
            Obj::Array(a) if a.len() == 6 => {
                let v: Vec<f64> = a.iter().map(|o| file.resolve(o).num().unwrap_or(0.0)).collect();
                [v[0], v[1], v[2], v[3], v[4], v[5]]
            }
            _ => ID,
        };
        let fres = dget(d, b"Resources").unwrap_or(res);
        self.run(&data, fres, mul(&m, &gs.ctm), depth + 1);
    }

    fn show(&mut self, f: &Font, gs: &GState, tm: &mut M, s: &[u8]) {
        for (code, len) in f.codes(s) {
            let w0 = f.width(code);
            let trm = mul(&[gs.size * gs.tz, 0.0, 0.0, gs.size, 0.0, gs.rise], &mul(tm, &gs.ctm));
            let text = f.text(code);
            let scale_x = (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let word = if len == 1 && code == 32 { gs.tw } else { 0.0 };
            let tx = (w0 * gs.size + gs.tc + word) * gs.tz;
            if self.glyphs.len() < 5_000_000 {
                self.glyphs.push(Glyph { text, x: trm[4], y: trm[5], adv: w0 * scale_x, size, dir: direction(&trm) });
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
    }
}

/// A run of glyphs in another direction than the page's text (a label printed sideways in an upright table):
/// joined along its own baseline, then placed on the page as one item over the box it covers.
struct Sideways {
    dir: u8,
    text: String,
    /// Along its baseline: where the next glyph would start; across it: the baseline.
    end: f64,
    base: f64,
    size: f64,
    /// The box it covers on the page (y up): x0, y0, x1, y1.
    bx: [f64; 4],
}

impl Sideways {
    /// A glyph's position in its own reading frame: (along the baseline, across it).
    fn frame(g: &Glyph) -> (f64, f64) {
        match g.dir & 3 {
            0 => (g.x, g.y),
            1 => (g.y, -g.x),
            2 => (-g.x, -g.y),
            _ => (-g.y, g.x),
        }
    }

    /// The box a glyph covers on the page (its advance along its direction, its size across).
    fn glyph_box(g: &Glyph) -> [f64; 4] {
        let (a, s) = (g.adv.abs(), g.size);
        match g.dir & 3 {
            0 => [g.x, g.y, g.x + a, g.y + s],
            1 => [g.x - s, g.y, g.x, g.y + a],
            2 => [g.x - a, g.y - s, g.x, g.y],
            _ => [g.x, g.y - a, g.x + s, g.y],
        }
    }

    fn start(g: Glyph) -> Sideways {
        let (u, v) = Sideways::frame(&g);
        let bx = Sideways::glyph_box(&g);
        Sideways { dir: g.dir, end: u + g.adv.abs(), base: v, size: g.size, bx, text: g.text }
    }

    /// Adds the glyph if it continues the run (same direction and baseline, no gap); gives it back if not.
    fn push(&mut self, g: Glyph) -> Option<Glyph> {
        let (u, v) = Sideways::frame(&g);
        let tol = 0.2 * self.size.max(g.size);
        if g.dir != self.dir || (v - self.base).abs() > tol || (u - self.end).abs() > tol {
            return Some(g);
        }
        let b = Sideways::glyph_box(&g);
        self.bx = [self.bx[0].min(b[0]), self.bx[1].min(b[1]), self.bx[2].max(b[2]), self.bx[3].max(b[3])];
        self.end = u + g.adv.abs();
        self.text.push_str(&g.text);
        None
    }

    /// The run as an item: its box's left edge and width, a baseline through the box's middle.
    fn item(self, height: f32) -> TextItem {
        let [x0, y0, x1, y1] = self.bx;
        let size = self.size.max(0.1) as f32;
        let middle = height - ((y0 + y1) / 2.0) as f32;
        TextItem { text: self.text, x: x0 as f32, y: middle + 0.35 * size, width: (x1 - x0) as f32, size }
    }
}

/// Glyphs → runs: consecutive glyphs on one baseline with no gap between them form one item; whitespace and
/// gaps end an item. Coordinates turn to top-left origin. Glyphs in another direction than left to right (the
/// page was turned so that most of its text reads that way) are joined along their own baseline (`Sideways`).
fn runs(glyphs: Vec<Glyph>, height: f32) -> Vec<TextItem> {
    let mut out: Vec<TextItem> = Vec::new();
    let mut cur: Option<(TextItem, f64)> = None; // item, its right edge in PDF space
    let mut side: Option<Sideways> = None;
    let keep = |out: &mut Vec<TextItem>, item: TextItem| {
        if !item.text.trim().is_empty() {
            out.push(item);
        }
    };
    for g in glyphs {
        if !g.x.is_finite() || !g.y.is_finite() || !g.size.is_finite() {
            continue;
        }
        let blank = g.text.chars().all(|c| c.is_whitespace() || c.is_control());
        if g.dir != 0 {
            let g = Glyph { adv: if g.adv.is_finite() { g.adv } else { 0.0 }, ..g };
            if let Some((done, _)) = cur.take() {
                keep(&mut out, done);
            }
            let g = match side.as_mut() {
                Some(s) if !blank => s.push(g),
                _ => Some(g),
            };
            if let Some(g) = g {
                if let Some(done) = side.take() {
                    keep(&mut out, done.item(height));
                }
                if !blank {
                    side = Some(Sideways::start(g));
                }
            }
            continue;
        }
        if let Some(done) = side.take() {
            keep(&mut out, done.item(height));
        }
        let y = height - g.y as f32;
        let size = g.size.max(0.1) as f32;
        let joins = cur.as_ref().is_some_and(|(item, right)| {
            let same_line = (item.y - y).abs() <= 0.2 * item.size.max(size);
            let gap = g.x - *right;
            !blank && same_line && gap.abs() <= 0.2 * (size as f64) && (item.size - size).abs() < 0.25 * size
        });
        if joins {
            if let Some((item, right)) = cur.as_mut() {
                item.text.push_str(&g.text);
                *right = g.x + g.adv;
                item.width = (*right - item.x as f64) as f32;
            }
            continue;
        }
        if let Some((done, _)) = cur.take() {
            keep(&mut out, done);
        }
        if blank {
            continue;
        }
        cur = Some((TextItem { text: g.text, x: g.x as f32, y, width: g.adv as f32, size }, g.x + g.adv));
    }
    if let Some((done, _)) = cur {
        keep(&mut out, done);
    }
    if let Some(done) = side {
        keep(&mut out, done.item(height));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_pdf_and_empty() {
        assert!(extract(b"").is_err());
        assert!(extract(b"hello").is_err());
        assert!(extract(b"%PDF-1.4\n").is_err());
    }

    #[test]
    fn cmap_ranges() {
        let cm = b"1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0003> <0020> <0011> <4E00> \
                   endbfchar 1 beginbfrange <0020> <0022> <0030> endbfrange";
        let (m, r) = parse_cmap(cm);
        assert_eq!(r, vec![(0, 0xFFFF, 2)]);
        assert_eq!(m.get(&0x11).map(String::as_str), Some("一"));
        assert_eq!(m.get(&0x22).map(String::as_str), Some("2"));
    }

    #[test]
    fn rotate_values() {
        let r = |v: f64| rotation(&Obj::Num(v));
        assert_eq!([r(0.0), r(90.0), r(180.0), r(270.0), r(360.0), r(450.0)], [0, 1, 2, 3, 0, 1]);
        assert_eq!([r(-90.0), r(-180.0), r(-270.0), r(-360.0), r(-630.0)], [3, 2, 1, 0, 1]);
        assert_eq!([r(45.0), r(90.5), r(1e300), r(f64::NAN), r(-1e12)], [0, 0, 0, 0, 0]);
        assert_eq!(rotation(&Obj::Name(b"R90".to_vec())), 0);
    }

    #[test]
    fn turning_pages_and_directions() {
        let g = |x: f64, y: f64, dir: u8| Glyph { text: "x".into(), x, y, adv: 5.0, size: 10.0, dir };
        // Text running up a 595 × 842 page: one turn clockwise makes it a 842 × 595 page read left to right.
        let mut gs = vec![g(100.0, 72.0, 1), g(100.0, 272.0, 1), g(300.0, 72.0, 0)];
        assert_eq!(dominant_direction(&gs), 1);
        assert_eq!(turn(&mut gs, 1, 595.0, 842.0), (842.0, 595.0));
        let placed: Vec<(f64, f64, u8)> = gs.iter().map(|g| (g.x, g.y, g.dir)).collect();
        assert_eq!(placed, [(72.0, 495.0, 0), (272.0, 495.0, 0), (72.0, 295.0, 3)]);
        // Four turns are none; a tie stays as displayed.
        let mut gs = vec![g(10.0, 20.0, 2)];
        turn(&mut gs, 2, 595.0, 842.0);
        turn(&mut gs, 2, 595.0, 842.0);
        assert_eq!((gs[0].x, gs[0].y, gs[0].dir), (10.0, 20.0, 2));
        assert_eq!(dominant_direction(&[g(0.0, 0.0, 0), g(0.0, 0.0, 3)]), 0);
        assert_eq!(direction(&[0.0, 10.0, -10.0, 0.0, 0.0, 0.0]), 1);
        assert_eq!(direction(&[0.0, -10.0, 10.0, 0.0, 0.0, 0.0]), 3);
        assert_eq!(direction(&[-10.0, 0.0, 0.0, -10.0, 0.0, 0.0]), 2);
        assert_eq!(direction(&[10.0, 1.0, -1.0, 10.0, 0.0, 0.0]), 0);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"-1.5"), Some(-1.5));
        assert_eq!(parse_number(b".5"), Some(0.5));
        assert_eq!(parse_number(b"--2"), Some(-2.0));
        assert_eq!(parse_number(b"abc"), None);
    }
}

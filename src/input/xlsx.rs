//! .xlsx workbooks → one text per sheet in the reader's format (docs/input-formats.md).
//!
//! Read from the workbook: the sheets in order (hidden sheets are skipped unless every sheet is hidden), shared
//! strings, inline strings, the cached values of formulas, booleans, errors, dates, the cells' number formats
//! (built-in and custom) and merged ranges. Each sheet's rows become tab-separated lines (`grid`, worksheet rules:
//! titles, 「单位：万元」 lines and notes as plain lines); a merged range keeps its value in its first cell and
//! leaves the others empty.
//!
//! Numbers are printed as the cell's number format shows them, because the rounding model needs the printed
//! decimals: `2070.4400000000001` under `0.00` or `#,##0.00` is `2070.44`/`2,070.44`, under `0.0%` `0.6417` is
//! `64.2%`. The stored text is converted with decimal arithmetic (rounded to Excel's 15 significant digits, then
//! to the format's decimals, half away from zero), never through a float. Under `General` the number is printed
//! with up to 15 significant digits and no trailing zeros, as Excel shows it.

use super::grid;
use super::xml::{self, Ev};
use super::zip::Archive;
use crate::amount;
use crate::report::Message;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// One sheet as text, with what could not be read on it.
pub struct Sheet {
    pub name: String,
    pub text: String,
    pub notes: Vec<Message>,
}

/// Largest row and column numbers of a worksheet (Excel's limits).
const MAX_ROW: u32 = 1_048_576;
const MAX_COL: u32 = 16_384;

/// The workbook's sheets with content, in order. `Err` (a message without the file's name) when the archive is no
/// workbook or no sheet could be read.
pub fn read(archive: &Archive) -> Result<Vec<Sheet>, Message> {
    let workbook_path = xml::main_part(archive).unwrap_or_else(|| "xl/workbook.xml".to_string());
    let workbook = xml::part_text(archive, &workbook_path)?.ok_or_else(|| {
        Message::new("不是 Excel 工作簿（缺少 xl/workbook.xml）", "not an Excel workbook (no xl/workbook.xml)")
    })?;
    let rels = xml::relationships(archive, &workbook_path);
    let mut sheets = Vec::new(); // (name, hidden, relationship id)
    let mut date1904 = false;
    for ev in xml::events(&workbook) {
        match ev.name() {
            Some("sheet") => {
                let name = ev.attr("name").unwrap_or("").to_string();
                let hidden = matches!(ev.attr("state"), Some("hidden") | Some("veryHidden"));
                sheets.push((name, hidden, ev.attr("id").unwrap_or("").to_string()));
            }
            Some("workbookPr") => date1904 = matches!(ev.attr("date1904"), Some("1") | Some("true")),
            _ => {}
        }
    }
    let target = |kind: &str, default: &str| {
        rels.iter().find(|r| r.kind == kind).map(|r| r.target.clone()).unwrap_or_else(|| default.to_string())
    };
    let mut notes = Vec::new();
    let shared = match xml::part_text(archive, &target("sharedStrings", "xl/sharedStrings.xml")) {
        Ok(Some(x)) => shared_strings(&x),
        Ok(None) => Vec::new(),
        Err(m) => {
            notes.push(m);
            Vec::new()
        }
    };
    let styles = match xml::part_text(archive, &target("styles", "xl/styles.xml")) {
        Ok(Some(x)) => Styles::parse(&x),
        _ => Styles::default(),
    };
    let ctx = Ctx { shared, styles, date1904 };
    let all_hidden = sheets.iter().all(|s| s.1);
    let mut out = Vec::new();
    let mut first_error = None;
    for (name, hidden, id) in &sheets {
        if *hidden && !all_hidden {
            continue;
        }
        let Some(rel) = rels.iter().find(|r| &r.id == id) else { continue };
        if rel.kind != "worksheet" {
            continue; // chart sheets, dialog sheets
        }
        match xml::part_text(archive, &rel.target) {
            Ok(Some(x)) => {
                let mut sheet = read_sheet(name, &x, &ctx);
                if !sheet.text.trim().is_empty() {
                    if out.is_empty() {
                        sheet.notes.splice(0..0, notes.drain(..));
                    }
                    out.push(sheet);
                }
            }
            Ok(None) => {}
            Err(m) => {
                let m = Message::new(format!("工作表「{name}」：{}", m.zh), format!("sheet “{name}”: {}", m.en));
                first_error.get_or_insert_with(|| m.clone());
                notes.push(m);
            }
        }
    }
    if out.is_empty() {
        return Err(first_error.unwrap_or_else(|| {
            Message::new("工作簿中没有填写内容的工作表", "the workbook has no sheet with filled cells")
        }));
    }
    if !notes.is_empty()
        && let Some(last) = out.last_mut()
    {
        last.notes.extend(notes);
    }
    Ok(out)
}

fn shared_strings(x: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut in_t, mut phonetic) = (false, 0u32);
    for ev in xml::events(x) {
        match &ev {
            Ev::Start { name, empty, .. } => match name.as_str() {
                "si" if !empty => cur.clear(),
                "si" => out.push(String::new()),
                "t" if !empty => in_t = true,
                "rPh" if !empty => phonetic += 1,
                _ => {}
            },
            Ev::End { name } => match name.as_str() {
                "si" => out.push(std::mem::take(&mut cur)),
                "t" => in_t = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Ev::Text(t) if in_t && phonetic == 0 => cur.push_str(t),
            Ev::Text(_) => {}
        }
    }
    out
}

/// Number formats: custom codes by id and the format id of each cell style (`cellXfs`).
#[derive(Default)]
struct Styles {
    codes: HashMap<u32, String>,
    xf_formats: Vec<u32>,
}

impl Styles {
    fn parse(x: &str) -> Styles {
        let mut s = Styles::default();
        let mut in_xfs = false;
        for ev in xml::events(x) {
            match &ev {
                Ev::Start { name, empty, .. } => match name.as_str() {
                    "numFmt" => {
                        if let (Some(id), Some(code)) =
                            (ev.attr("numFmtId").and_then(|v| v.parse().ok()), ev.attr("formatCode"))
                        {
                            s.codes.insert(id, code.to_string());
                        }
                    }
                    "cellXfs" if !empty => in_xfs = true,
                    "xf" if in_xfs => s.xf_formats.push(ev.attr("numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0)),
                    _ => {}
                },
                Ev::End { name } if name == "cellXfs" => in_xfs = false,
                _ => {}
            }
        }
        s
    }

    /// The format code of a cell style index.
    fn code(&self, style: usize) -> &str {
        let id = self.xf_formats.get(style).copied().unwrap_or(0);
        match self.codes.get(&id) {
            Some(c) => c,
            None => builtin_format(id),
        }
    }
}

/// ECMA-376 §18.8.30 built-in formats (ids 27–36 and 50–58 as the Chinese (PRC) locale shows them).
fn builtin_format(id: u32) -> &'static str {
    match id {
        1 => "0",
        2 => "0.00",
        3 | 5 | 37 | 38 => "#,##0",
        4 | 6 | 7 | 8 | 39 | 40 | 43 | 44 => "#,##0.00",
        41 | 42 => "#,##0",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        48 => "##0.0E+0",
        14 | 30 => "yyyy/m/d",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 | 32 => "h:mm",
        21 | 33 => "h:mm:ss",
        22 => "yyyy/m/d h:mm",
        27 | 36 | 50 | 57 => "yyyy\"年\"m\"月\"",
        28 | 29 | 51 | 54 | 56 => "m\"月\"d\"日\"",
        31 | 52 | 53 | 58 => "yyyy\"年\"m\"月\"d\"日\"",
        34 | 35 | 55 => "h\"时\"mm\"分\"ss\"秒\"",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        49 => "@",
        _ => "General",
    }
}

struct Ctx {
    shared: Vec<String>,
    styles: Styles,
    date1904: bool,
}

/// One cell while its XML is read.
#[derive(Default)]
struct CellXml {
    row: u32,
    col: u32,
    kind: String,
    style: usize,
    value: Option<String>,
    formula: Option<String>,
    inline: String,
}

/// "C5" → (column 1-based, row); "C" alone gives row 0.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let r = r.trim().trim_start_matches('$');
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r.bytes().take(letters).fold(0u32, |acc, b| acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
    let digits = r.get(letters..)?.trim_start_matches('$');
    let row = if digits.is_empty() { 0 } else { digits.parse::<u32>().ok()? };
    (col <= MAX_COL && row <= MAX_ROW).then_some((col, row))
}

fn read_sheet(name: &str, x: &str, ctx: &Ctx) -> Sheet {
    let mut notes = Vec::new();
    let mut cells: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut merges: Vec<(u32, u32, u32, u32)> = Vec::new();
    let mut row = 0u32;
    let mut col = 0u32;
    let mut cell: Option<CellXml> = None;
    let mut field: Option<&'static str> = None; // "v", "f" or "t" (inline string text) being read
    let mut phonetic = 0u32;
    let mut bad_strings = 0usize;
    let mut events = xml::events(x);
    for ev in events.by_ref() {
        match &ev {
            Ev::Start { name, empty, .. } => match name.as_str() {
                "row" => {
                    row = ev.attr("r").and_then(|v| v.trim().parse().ok()).filter(|r| *r <= MAX_ROW).unwrap_or(row + 1);
                    col = 0;
                }
                "c" => {
                    let (c, r) = ev.attr("r").and_then(cell_ref).unwrap_or((col + 1, row));
                    col = c;
                    let c = CellXml {
                        row: if r == 0 { row } else { r },
                        col: c,
                        kind: ev.attr("t").unwrap_or("n").to_string(),
                        style: ev.attr("s").and_then(|v| v.trim().parse().ok()).unwrap_or(0),
                        ..CellXml::default()
                    };
                    if *empty {
                        finish_cell(c, ctx, &mut cells, &mut bad_strings);
                    } else {
                        cell = Some(c);
                    }
                }
                "v" if !empty && cell.is_some() => field = Some("v"),
                "f" if cell.is_some() => {
                    if let Some(c) = cell.as_mut() {
                        c.formula.get_or_insert_with(String::new);
                    }
                    if !empty {
                        field = Some("f");
                    }
                }
                "t" if !empty && cell.is_some() => field = Some("t"),
                "rPh" if !empty => phonetic += 1,
                "mergeCell" => {
                    if let Some((a, b)) = ev.attr("ref").and_then(|r| r.split_once(':'))
                        && let (Some((c1, r1)), Some((c2, r2))) = (cell_ref(a), cell_ref(b))
                        && merges.len() < 100_000
                    {
                        merges.push((r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2)));
                    }
                }
                _ => {}
            },
            Ev::End { name } => match name.as_str() {
                "c" => {
                    if let Some(c) = cell.take() {
                        finish_cell(c, ctx, &mut cells, &mut bad_strings);
                    }
                    field = None;
                }
                "v" | "f" | "t" => field = None,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Ev::Text(t) => {
                if let (Some(c), Some(f)) = (cell.as_mut(), field) {
                    match f {
                        "v" => c.value.get_or_insert_with(String::new).push_str(t),
                        "f" => c.formula.get_or_insert_with(String::new).push_str(t),
                        _ if phonetic == 0 => c.inline.push_str(t),
                        _ => {}
                    }
                }
            }
        }
    }
    if let Some(c) = cell.take() {
        finish_cell(c, ctx, &mut cells, &mut bad_strings);
    }
    if let Some(e) = events.error {
        notes.push(Message::new(
            format!("工作表「{name}」的 XML 有错误（{e}），其后的内容未读取"),
            format!("sheet “{name}”: its XML has an error ({e}); what follows it was not read"),
        ));
    }
    if bad_strings > 0 {
        notes.push(Message::new(
            format!("工作表「{name}」有 {bad_strings} 个单元格引用了不存在的共享字符串，按空白读取"),
            format!("sheet “{name}”: {bad_strings} cells refer to shared strings that do not exist; read as blank"),
        ));
    }
    // A merged range's value stays in its first cell; the cells it covers are empty.
    for (r1, c1, r2, c2) in merges {
        for (r, row_cells) in cells.range_mut(r1..=r2) {
            let covered: Vec<u32> =
                row_cells.range(c1..=c2).map(|(c, _)| *c).filter(|c| (*r, *c) != (r1, c1)).collect();
            for c in covered {
                row_cells.remove(&c);
            }
        }
    }
    let too_wide = cells.values().any(|r| r.keys().next_back().is_some_and(|c| *c as usize > grid::MAX_COLUMNS));
    if too_wide {
        notes.push(Message::new(
            format!("工作表「{name}」超过 {} 列，其后的列未读取", grid::MAX_COLUMNS),
            format!("sheet “{name}” is wider than {} columns; the columns beyond were not read", grid::MAX_COLUMNS),
        ));
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut last_row = None;
    for (r, row_cells) in cells {
        if last_row.is_some_and(|l: u32| r > l + 1) {
            rows.push(Vec::new()); // rows left out: one blank line
        }
        last_row = Some(r);
        let mut v = Vec::new();
        for (c, text) in row_cells.into_iter().filter(|(c, _)| *c as usize <= grid::MAX_COLUMNS) {
            v.resize(c as usize - 1, String::new());
            v.push(text);
        }
        rows.push(v);
    }
    let mut text = String::new();
    grid::write_titled(&rows, Some(name), &mut text);
    Sheet { name: name.to_string(), text, notes }
}

fn finish_cell(c: CellXml, ctx: &Ctx, cells: &mut BTreeMap<u32, BTreeMap<u32, String>>, bad: &mut usize) {
    if c.row == 0 || c.col == 0 {
        return;
    }
    let text = match (c.kind.as_str(), c.value.as_deref()) {
        ("inlineStr", _) => c.inline,
        ("s", Some(v)) => match v.trim().parse::<usize>().ok().and_then(|i| ctx.shared.get(i)) {
            Some(s) => s.clone(),
            None => {
                *bad += 1;
                String::new()
            }
        },
        ("b", Some(v)) => if v.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
        ("str" | "e", Some(v)) => v.to_string(),
        ("d", Some(v)) => v.trim().trim_end_matches("T00:00:00").trim_end_matches('Z').to_string(),
        (_, Some(v)) => format_number(v.trim(), ctx.styles.code(c.style), ctx.date1904),
        // A formula never calculated (no cached value): its text, which no amount reads as a number.
        (_, None) => match c.formula {
            Some(f) if !f.trim().is_empty() => format!("={}", f.trim()),
            Some(_) => "=?".to_string(),
            None => String::new(),
        },
    };
    if !text.trim().is_empty() {
        cells.entry(c.row).or_default().insert(c.col, text);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Number formats

/// Splits a format code into its sections (`positive;negative;zero;text`), ignoring `;` in quotes.
fn sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in code.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// A section's format characters with quoted text, escapes, `[…]`, `_x` and `*x` removed; and its literal text.
fn strip(section: &str) -> (String, String) {
    let (mut fmt, mut lit) = (String::new(), String::new());
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    lit.push(q);
                }
            }
            '\\' => {
                if let Some(n) = chars.next() {
                    lit.push(n);
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '_' | '*' => {
                chars.next();
            }
            c => fmt.push(c),
        }
    }
    (fmt, lit)
}

fn is_date_format(fmt: &str) -> bool {
    !fmt.eq_ignore_ascii_case("general")
        && fmt.chars().any(|c| matches!(c.to_ascii_lowercase(), 'y' | 'm' | 'd' | 'h' | 's'))
}

/// A stored number as its cell's format prints it.
pub fn format_number(stored: &str, code: &str, date1904: bool) -> String {
    let parsed = if stored.contains(['e', 'E']) { Decimal::from_scientific(stored) } else { Decimal::from_str(stored) };
    let Ok(value) = parsed else { return stored.to_string() };
    // Excel keeps 15 significant digits: the rest of the stored text is binary noise.
    let value = value.round_sf(15).unwrap_or(value);
    let secs = sections(code);
    let negative = value.is_sign_negative() && !value.is_zero();
    let section = if negative && secs.len() >= 2 {
        secs[1]
    } else if value.is_zero() && secs.len() >= 3 {
        secs[2]
    } else {
        secs[0]
    };
    let (fmt, lit) = strip(section);
    let fmt = fmt.trim();
    if fmt.is_empty() || fmt.eq_ignore_ascii_case("general") || fmt == "@" {
        if !lit.is_empty() && fmt.is_empty() && !section.to_ascii_lowercase().contains("general") {
            return lit; // a section of text only: 「-」 for zero
        }
        return general(value);
    }
    if is_date_format(fmt) {
        if let Some(s) = format_date(value, section, date1904) {
            return s;
        }
        return general(value);
    }
    if fmt.contains(['E', 'e']) || fmt.contains('/') {
        return general(value);
    }
    let placeholders = |c: char| matches!(c, '0' | '#' | '?');
    let decimals = match fmt.find('.') {
        Some(p) => {
            fmt[p + 1..].chars().take_while(|c| placeholders(*c) || *c == ',').filter(|c| placeholders(*c)).count()
        }
        None => 0,
    } as u32;
    let percent = fmt.matches('%').count() as u32;
    // Commas right after the last digit placeholder scale by 1,000 each; a comma between placeholders groups.
    let last = fmt.rfind(placeholders);
    let scale_commas = last.map_or(0, |p| fmt[p + 1..].chars().take_while(|c| *c == ',').count()) as u32;
    let int_part = fmt.split('.').next().unwrap_or("");
    let grouping = int_part.trim_end_matches(',').contains(',');
    let mut v = value.abs();
    for _ in 0..percent.min(4) {
        match v.checked_mul(Decimal::ONE_HUNDRED) {
            Some(x) => v = x,
            None => return general(value),
        }
    }
    // Each trailing comma divides by 1,000: the point moved, not a division (rust_decimal's `checked_div` panics when
    // the quotient's scale would pass 28: 「1e-20」 under 「#,##0.00,,」).
    v = crate::unit::shift_point(v, 3 * scale_commas.min(4));
    let v = v.round_dp_with_strategy(decimals.min(20), RoundingStrategy::MidpointAwayFromZero);
    let mut s = amount::fixed(v, decimals.min(20));
    if grouping {
        s = group(&s);
    }
    s.extend(std::iter::repeat_n('%', percent.min(4) as usize));
    if negative && !v.is_zero() {
        if secs.len() >= 2 && section.contains('(') { format!("({s})") } else { format!("-{s}") }
    } else {
        s
    }
}

/// Up to 15 significant digits, no trailing zeros (Excel's General).
fn general(v: Decimal) -> String {
    let s = v.normalize().to_string();
    if s == "-0" { "0".to_string() } else { s }
}

/// Thousands separators in the integer part of a printed number.
fn group(s: &str) -> String {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Days since 0000-03-01 → (year, month, day) (the proleptic Gregorian calendar; H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days from 1970-01-01 to the given date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A date serial under a date/time format section (the letters y m d h s; quoted and other literal text kept).
fn format_date(v: Decimal, fmt: &str, date1904: bool) -> Option<String> {
    if v.is_sign_negative() || v > Decimal::from(2_958_465) {
        return None;
    }
    let days = i64::try_from(v.trunc()).ok()?;
    let secs_dec = ((v - v.trunc()) * Decimal::from(86_400)).round();
    let mut secs = i64::try_from(secs_dec).ok()?;
    let mut days = days;
    if secs >= 86_400 {
        days += 1;
        secs -= 86_400;
    }
    let (y, m, d) = if date1904 {
        civil_from_days(days_from_civil(1904, 1, 1) + days)
    } else if days == 60 {
        (1900, 2, 29) // Excel's (Lotus's) 29 February 1900
    } else if days < 60 {
        civil_from_days(days_from_civil(1899, 12, 31) + days)
    } else {
        civil_from_days(days_from_civil(1899, 12, 30) + days)
    };
    let (hh, mi, ss) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let ampm = fmt.to_ascii_uppercase().contains("AM/PM");
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut after_hour = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                let lit: String = chars[i + 1..].iter().take_while(|x| **x != '"').collect();
                i += lit.chars().count() + 2;
                out.push_str(&lit);
                continue;
            }
            '\\' => {
                if let Some(n) = chars.get(i + 1) {
                    out.push(*n);
                }
                i += 2;
                continue;
            }
            '[' => {
                i += chars[i..].iter().take_while(|x| **x != ']').count() + 1;
                continue;
            }
            '_' | '*' => {
                i += 2;
                continue;
            }
            _ => {}
        }
        let lc = c.to_ascii_lowercase();
        let run = chars[i..].iter().take_while(|x| x.to_ascii_lowercase() == lc).count();
        match lc {
            'y' | 'e' => {
                if run <= 2 {
                    out.push_str(&format!("{:02}", y.rem_euclid(100)));
                } else {
                    out.push_str(&y.to_string());
                }
            }
            'm' if chars[..i]
                .iter()
                .rev()
                .find(|x| x.is_ascii_alphabetic())
                .is_some_and(|x| x.eq_ignore_ascii_case(&'a')) =>
            {
                out.push('M'); // the M of AM/PM
            }
            'm' => {
                let next_is_s = chars[i + run..]
                    .iter()
                    .find(|x| x.is_ascii_alphabetic())
                    .is_some_and(|x| x.eq_ignore_ascii_case(&'s'));
                let n = if (after_hour || next_is_s) && run <= 2 { mi as u32 } else { m };
                if run == 2 {
                    out.push_str(&format!("{n:02}"));
                } else {
                    out.push_str(&n.to_string());
                }
            }
            'd' if run <= 2 => {
                if run == 2 {
                    out.push_str(&format!("{d:02}"));
                } else {
                    out.push_str(&d.to_string());
                }
            }
            'd' => {}
            'h' => {
                let h = if ampm { (hh + 11) % 12 + 1 } else { hh };
                if run == 2 {
                    out.push_str(&format!("{h:02}"));
                } else {
                    out.push_str(&h.to_string());
                }
            }
            's' => {
                if run == 2 {
                    out.push_str(&format!("{ss:02}"));
                } else {
                    out.push_str(&ss.to_string());
                }
            }
            'a' if chars[i..].iter().collect::<String>().to_ascii_uppercase().starts_with("AM/PM") => {
                out.push_str(if hh < 12 { "AM" } else { "PM" });
                i += 5;
                continue;
            }
            _ => out.push(c),
        }
        after_hour = matches!(lc, 'h') || (after_hour && !matches!(lc, 'y' | 'd' | 'm' | 's'));
        i += run;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_their_format_prints_them() {
        assert_eq!(format_number("2070.4400000000001", "0.00", false), "2070.44");
        assert_eq!(format_number("2070.4400000000001", "#,##0.00", false), "2,070.44");
        assert_eq!(format_number("2070.4400000000001", "General", false), "2070.44");
        assert_eq!(format_number("1060.1", "General", false), "1060.1");
        assert_eq!(format_number("0.64170000000000005", "0.00%", false), "64.17%");
        assert_eq!(format_number("0.6417", "0.0%", false), "64.2%");
        assert_eq!(format_number("2.675", "0.00", false), "2.68");
        assert_eq!(format_number("0.125", "0.00", false), "0.13");
        assert_eq!(format_number("-0.125", "0.00", false), "-0.13");
        assert_eq!(format_number("-12.3", "#,##0.00_);[Red](#,##0.00)", false), "(12.30)");
        assert_eq!(format_number("-12.3", "#,##0.00;[Red]-#,##0.00", false), "-12.30");
        assert_eq!(format_number("0", "#,##0.00;-#,##0.00;\"-\"", false), "-");
        assert_eq!(format_number("1234567", "#,##0", false), "1,234,567");
        assert_eq!(format_number("12345678", "#,##0.00,,", false), "12.35");
        assert_eq!(format_number("100", "0.00\"万元\"", false), "100.00");
        assert_eq!(format_number("3", "0", false), "3");
        assert_eq!(format_number("1.5E-3", "0.0000", false), "0.0015");
        assert_eq!(format_number("1E+300", "0.00", false), "1E+300");
        assert_eq!(format_number("abc", "0.00", false), "abc");
        assert_eq!(format_number("-0.001", "0.00", false), "0.00");
    }

    #[test]
    fn dates() {
        assert_eq!(format_number("45536", "yyyy\"年\"mm\"月\"", false), "2024年09月");
        assert_eq!(format_number("45536", builtin_format(14), false), "2024/9/1");
        assert_eq!(format_number("45536.5", "yyyy-mm-dd hh:mm:ss", false), "2024-09-01 12:00:00");
        assert_eq!(format_number("60", "yyyy-mm-dd", false), "1900-02-29");
        assert_eq!(format_number("1", "yyyy-mm-dd", false), "1900-01-01");
        assert_eq!(format_number("0", "yyyy-mm-dd", true), "1904-01-01");
        assert_eq!(format_number("0.75", "h:mm AM/PM", false), "6:00 PM");
        assert_eq!(format_number("-1", "yyyy-mm-dd", false), "-1");
    }

    proptest::proptest! {
        #[test]
        fn formatting_never_panics(
            stored in "-?[0-9]{0,40}(\\.[0-9]{0,40})?([eE][-+]?[0-9]{1,4})?|[ -~]{0,20}",
            code in "[0#?.,%;\"\\\\\\[\\]_*@ymdhsAMP/E+ -]{0,24}|General|0.00%|#,##0.00,,|yyyy\"年\"m\"月\"",
            date1904 in proptest::bool::ANY,
        ) {
            let _ = format_number(&stored, &code, date1904);
        }
    }

    #[test]
    fn references() {
        assert_eq!(cell_ref("A1"), Some((1, 1)));
        assert_eq!(cell_ref("$AB$12"), Some((28, 12)));
        assert_eq!(cell_ref("XFD1048576"), Some((16384, 1_048_576)));
        assert_eq!(cell_ref("XFE1"), None);
        assert_eq!(cell_ref("A99999999999"), None);
        assert_eq!(cell_ref("1A"), None);
    }
}

//! CSV (and other delimited text) → rows of cells → text in the reader's format.
//!
//! RFC 4180 quoting as Excel/WPS write it: a field in double quotes may hold the delimiter, line breaks and doubled
//! quotes (`""`); a quote inside an unquoted field is kept as is. The delimiter is sniffed from the first lines
//! (comma, tab or semicolon: whichever splits them into the same number of fields, outside quotes). Decoding
//! (UTF-8, GB18030) is done before, in `files`.

use super::grid;

/// Most rows read from one file (a disclosure table has a few hundred).
const MAX_ROWS: usize = 1_000_000;

/// Splits delimited text into rows of fields (quotes removed). Never fails: an unterminated quote runs to the end
/// of the text, as Excel reads it.
pub fn parse(text: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    let mut quoted = false; // inside a quoted field
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
                if rows.len() >= MAX_ROWS {
                    return rows;
                }
            }
            c if c == delimiter => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Fields per line of the first lines (up to 50 non-blank ones), outside quotes, for one delimiter.
fn field_counts(text: &str, delimiter: char) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut n = 1;
    let mut quoted = false;
    let mut blank = true;
    for c in text.chars() {
        if counts.len() >= 50 {
            break;
        }
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                if !blank {
                    counts.push(n);
                }
                n = 1;
                blank = true;
                continue;
            }
            c if c == delimiter && !quoted => n += 1,
            _ => {}
        }
        if !c.is_whitespace() {
            blank = false;
        }
    }
    if !blank && counts.len() < 50 {
        counts.push(n);
    }
    counts
}

/// How consistently a delimiter splits the lines: the share of lines with the most common field count (> 1), or
/// `None` when it splits nothing.
fn consistency(text: &str, delimiter: char) -> Option<(f32, usize)> {
    let counts = field_counts(text, delimiter);
    let mut best = (0usize, 0usize); // (lines, fields)
    for &c in &counts {
        if c < 2 {
            continue;
        }
        let lines = counts.iter().filter(|&&x| x == c).count();
        if lines > best.0 || (lines == best.0 && c > best.1) {
            best = (lines, c);
        }
    }
    if best.0 == 0 { None } else { Some((best.0 as f32 / counts.len().max(1) as f32, best.1)) }
}

/// The delimiter of a file named .csv: a comma unless tabs or semicolons split the lines more consistently.
pub fn sniff_delimiter(text: &str) -> char {
    let mut best: Option<(char, f32)> = None;
    for d in [',', '\t', ';'] {
        if let Some((share, _)) = consistency(text, d)
            && best.is_none_or(|(_, s)| share > s + 0.05)
        {
            best = Some((d, share));
        }
    }
    best.map_or(',', |(d, _)| d)
}

/// Whether text whose name says nothing is CSV: no tabs, at least two non-blank lines, and commas (outside
/// quotes) splitting at least 80% of the lines into the same number (≥ 3) of fields, with few runs of spaces (a
/// text laid out with spaces and printed with thousands separators is not CSV).
pub fn looks_like_csv(text: &str) -> bool {
    if text.contains('\t') {
        return false;
    }
    let counts = field_counts(text, ',');
    if counts.len() < 2 {
        return false;
    }
    let Some((share, fields)) = consistency(text, ',') else { return false };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(50).collect();
    let spaced = lines.iter().filter(|l| l.contains("  ")).count();
    share >= 0.8 && fields >= 3 && spaced * 5 <= lines.len()
}

/// Delimited text → text in the reader's format (a worksheet's rules: titles, meta lines and notes as plain lines;
/// see `grid`). `title`: a table title to put first when the file has none (its name, for a file named after its
/// table).
pub fn to_text(text: &str, delimiter: char, title: Option<&str>) -> String {
    let rows = parse(text, delimiter);
    let mut out = String::new();
    grid::write_titled(&rows, title, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let rows = parse("a,\"b,c\",\"d\"\"e\"\r\n\"line\nbreak\",x\"y,\n", ',');
        assert_eq!(rows, vec![vec!["a", "b,c", "d\"e"], vec!["line\nbreak", "x\"y", ""]]);
        assert_eq!(parse("\"open,\nnever closed", ','), vec![vec!["open,\nnever closed"]]);
        assert_eq!(parse("", ','), Vec::<Vec<String>>::new());
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), ',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), '\t');
        assert_eq!(sniff_delimiter("a;b;c\n\"1,5\";2;3\n"), ';');
        assert!(looks_like_csv("项目,合计,基本支出\n201,\"1,234.50\",3.00\n"));
        assert!(!looks_like_csv("项目\t合计\n"));
        assert!(!looks_like_csv("2023 年度收入 2,060.14 万元，支出 2,070.44 万元。\n"));
        assert!(!looks_like_csv("合计    1,234.56    2,345.67\n其中    1,000.00    2,000.00\n"));
    }

    #[test]
    fn title_from_the_name() {
        let t = to_text("项目,合计\n合计,1.00\n", ',', Some("收入决算表"));
        assert_eq!(t, "收入决算表\n项目\t合计\n合计\t1.00\n");
        let t = to_text("收入决算表,,\n项目,合计,\n", ',', Some("收入决算表"));
        assert_eq!(t, "收入决算表\n项目\t合计\n");
    }
}

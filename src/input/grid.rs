//! A grid of cells (a worksheet, a CSV file, a Word or HTML table) → lines in the text reader's format.
//!
//! Cells are as displayed (numbers already printed with their decimals). A merged cell's value is in the first cell
//! of its range and the rest are empty, as a paste from Excel gives them. Line breaks and tabs inside a cell become
//! spaces (the text reader's convention for wrapped labels: 「本年收入 合计」).
//!
//! Titles, 「单位：万元」 lines and notes often share the grid with the table (a worksheet, a CSV file, and also
//! Word and HTML tables whose first row is the title): a row whose only content is a title, meta line or note is
//! written as a plain line, as it is printed (so a note after a table is prose, not a table row). Every other row
//! is a tab-separated line as wide as the grid, like Excel's plain-text copy of a range.

use super::text;

/// Most columns written for one grid; cells beyond are dropped (the caller reports it).
pub(crate) const MAX_COLUMNS: usize = 1024;

/// A cell's text on one line: line breaks, tabs and other control characters become spaces; trimmed.
pub(crate) fn clean_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cr = false;
    for c in s.chars() {
        if c == '\n' && prev_cr {
            prev_cr = false;
            continue;
        }
        prev_cr = c == '\r';
        out.push(if c.is_control() { ' ' } else { c });
    }
    let t = out.trim();
    if t.len() == out.len() { out } else { t.to_string() }
}

/// Writes the rows. Rows may differ in length; cells are cleaned here. Leading columns empty in every row are
/// dropped, rows are padded to the widest row, consecutive blank rows give one blank line, and leading and
/// trailing blank rows none.
pub(crate) fn write(rows: &[Vec<String>], out: &mut String) {
    let rows: Vec<Vec<String>> =
        rows.iter().map(|r| r.iter().take(MAX_COLUMNS).map(|c| clean_cell(c)).collect()).collect();
    let first = rows.iter().filter_map(|r| r.iter().position(|c| !c.is_empty())).min().unwrap_or(0);
    let width = rows.iter().filter_map(|r| r.iter().rposition(|c| !c.is_empty())).max().map_or(0, |w| w + 1);
    let mut pending_blank = false;
    let mut wrote_any = false;
    for r in &rows {
        let cells = r.get(first..).unwrap_or(&[]);
        let filled: Vec<(usize, &str)> =
            cells.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(i, c)| (i, c.as_str())).collect();
        if filled.is_empty() {
            pending_blank = wrote_any;
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        wrote_any = true;
        if is_plain_row(&filled) {
            let texts: Vec<&str> = filled.iter().map(|(_, t)| *t).collect();
            out.push_str(&texts.join(" "));
        } else {
            for i in 0..width.saturating_sub(first) {
                if i > 0 {
                    out.push('\t');
                }
                if let Some(c) = cells.get(i) {
                    out.push_str(c);
                }
            }
        }
        out.push('\n');
    }
}

/// Whether a row of the grid is a table title on its own (the only filled cell).
pub(crate) fn has_title(rows: &[Vec<String>]) -> bool {
    rows.iter().any(|r| {
        let mut filled = r.iter().filter(|c| !c.trim().is_empty());
        match (filled.next(), filled.next()) {
            (Some(only), None) => is_title(&clean_cell(only)),
            _ => false,
        }
    })
}

/// [`write`], first writing `name` (a sheet's or file's name) as the title line when it is a table title and no
/// row of the grid is one.
pub(crate) fn write_titled(rows: &[Vec<String>], name: Option<&str>, out: &mut String) {
    if let Some(name) = name.map(clean_cell)
        && is_title(&name)
        && !has_title(rows)
    {
        out.push_str(&name);
        out.push('\n');
    }
    write(rows, out);
}

/// Whether a row is printed prose rather than a table row: a title, meta line(s) (「部门：…」 on the left
/// and 「单位：万元」 on the right of one row), or a note in the first column (「注：…」, 「本表无数据」).
fn is_plain_row(filled: &[(usize, &str)]) -> bool {
    match filled {
        [(col, t)] => is_title(t) || is_meta(t) || (*col == 0 && is_note(t)),
        _ => filled.iter().all(|(_, t)| is_title(t) || is_meta(t)),
    }
}

pub(crate) fn is_title(t: &str) -> bool {
    text::kind_from_title(t).is_some()
}

/// 「单位：万元」, 「部门：…」, 「公开 01 表」, 「编制单位：…」, a date (「2024年09月」), 「2023年度」.
fn is_meta(t: &str) -> bool {
    let s = text::squashed(t);
    let n = s.chars().count();
    if n == 0 || n > 60 {
        return false;
    }
    let starts = ["单位：", "单位:", "金额单位", "部门：", "部门:", "编制单位", "编制部门", "填报单位", "公开"];
    if starts.iter().any(|p| s.starts_with(p)) {
        return true;
    }
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    (s.starts_with('表') && n <= 8)
        || (digits == 4 && (s.ends_with('月') || s.ends_with('日')) && n <= 12)
        || (digits == 4 && s.ends_with("年度") && n <= 8)
}

/// A note or statement under a table: 「注：…」, 「说明：…」, 「本表无数据」, a sentence.
fn is_note(t: &str) -> bool {
    let s = text::squashed(t);
    s.starts_with('注')
        || s.starts_with("说明")
        || s.contains("本表")
        || (s.chars().count() > 12 && (s.ends_with('。') || s.ends_with('；')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_text(rows: &[Vec<String>]) -> String {
        let mut out = String::new();
        write(rows, &mut out);
        out
    }

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines.iter().map(|l| l.split('\t').map(str::to_string).collect()).collect()
    }

    #[test]
    fn titles_meta_and_notes_are_plain_lines() {
        let g = rows(&[
            "收入决算表\t\t",
            "",
            "部门：某局\t\t单位：万元",
            "项目\t合计\t基本支出",
            "合计\t\t",
            "",
            "",
            "注：本表反映部门收入。\t\t",
        ]);
        assert_eq!(
            to_text(&g),
            "收入决算表\n\n部门：某局 单位：万元\n项目\t合计\t基本支出\n合计\t\t\n\n注：本表反映部门收入。\n"
        );
    }

    #[test]
    fn cells_on_one_line_and_empty_leading_columns_dropped() {
        let g = vec![vec!["".into(), "本年收入\r\n合计".into(), "a\tb".into()], vec!["".into(), "1".into()]];
        assert_eq!(to_text(&g), "本年收入 合计\ta b\n1\t\n");
    }
}

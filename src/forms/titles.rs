//! Table titles as matched (docs/forms.md, “Normalising a title”). Shared by the crate and the build script
//! (`build.rs` via `src/forms/compile.rs`), which normalises every form's titles and variants once, at build time:
//! std only, no crate paths.

/// A title as matched: whitespace, quotes and leading numbering, year and level taken out; （）for both paren
/// styles. Returns the level word it took out (部门 / 单位), if any.
pub fn normalise_title(title: &str) -> (String, Option<&'static str>) {
    let mut t: String = title
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '「' | '」' | '『' | '』' | '‘' | '’' | '\''))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    let mut level = None;
    loop {
        let before = t.len();
        t = t.trim_start_matches(['-', '•', '·', '*']).to_string();
        t = strip_numbering(&t);
        t = strip_year(&t);
        for (word, l) in [("预算单位", "单位"), ("部门", "部门"), ("单位", "单位")] {
            // 「单位：」 is a meta line, not a level; a level word is followed by the title itself.
            if let Some(rest) = t.strip_prefix(word).filter(|r| !r.starts_with(['：', ':'])) {
                level = level.or(Some(l));
                t = rest.to_string();
                break;
            }
        }
        if t.len() == before {
            break;
        }
    }
    // Trailing 「（续）」 and a number printed after the title (「收支预算总表公开01表」).
    loop {
        let before = t.len();
        for suffix in ["（续）", "续表", "续"] {
            if let Some(rest) = t.strip_suffix(suffix) {
                t = rest.to_string();
            }
        }
        if let Some(p) = t.rfind("表公开") {
            let tail = &t[p + "表公开".len()..];
            if tail.trim_end_matches('表').chars().all(|c| c.is_ascii_digit()) {
                t.truncate(p + '表'.len_utf8());
            }
        }
        if t.len() == before {
            break;
        }
    }
    (t, level)
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// 「四、」「（四）」「表1：」「公开01表」「9.」「1．」 at the start.
pub fn strip_numbering(t: &str) -> String {
    let digits_end = |s: &str| s.char_indices().find(|(_, c)| !c.is_ascii_digit()).map_or(s.len(), |(i, _)| i);
    if let Some(rest) = t.strip_prefix("公开") {
        let n = digits_end(rest);
        if n > 0
            && let Some(r) = rest[n..].strip_prefix('表')
        {
            return r.trim_start_matches(['：', ':', '、', '.', '．']).to_string();
        }
    }
    if let Some(rest) = t.strip_prefix('表') {
        let n = digits_end(rest);
        if n > 0 {
            return rest[n..].trim_start_matches(['：', ':', '、', '.', '．']).to_string();
        }
    }
    if let Some(rest) = t.strip_prefix('（') {
        let n = rest.char_indices().find(|(_, c)| !CN_DIGITS.contains(*c)).map_or(rest.len(), |(i, _)| i);
        if n > 0
            && let Some(r) = rest[n..].strip_prefix('）')
        {
            return r.to_string();
        }
    }
    let cn = t.char_indices().find(|(_, c)| !CN_DIGITS.contains(*c)).map_or(t.len(), |(i, _)| i);
    if cn > 0
        && let Some(r) = t[cn..].strip_prefix(['、', '.', '．'])
    {
        return r.to_string();
    }
    let n = digits_end(t);
    if n > 0
        && n <= 2
        && let Some(r) = t[n..].strip_prefix(['、', '.', '．', '：', ':', '）'])
    {
        return r.to_string();
    }
    t.to_string()
}

/// 「2024年」「2024年度」 at the start.
fn strip_year(t: &str) -> String {
    let b = t.as_bytes();
    if b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && let Some(r) = t[4..].strip_prefix('年')
    {
        return r.strip_prefix('度').unwrap_or(r).to_string();
    }
    t.to_string()
}

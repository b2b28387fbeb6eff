//! Classification codes (domain.md §3): the 功能分类 类 list with its names (current and outdated), and the
//! 经济分类 类 names. Hierarchy itself is read from the codes (类 3 digits, 款 5, 项 7; a child's code starts
//! with its parent's).

/// 功能分类 类, 2023–2025, in the order T1/T4 list them.
pub const FUNCTIONAL_CLASSES: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
];

/// Names no longer standard but still printed; reported as non-standard, not unknown.
pub const OUTDATED_CLASS_NAMES: &[(&str, &str)] = &[("210", "医疗卫生与计划生育支出"), ("207", "文化体育与传媒支出")];

/// 经济分类 类.
pub const ECONOMIC_CLASSES: &[(&str, &str)] = &[
    ("301", "工资福利支出"),
    ("302", "商品和服务支出"),
    ("303", "对个人和家庭的补助"),
    ("307", "债务利息及费用支出"),
    ("309", "资本性支出（基本建设）"),
    ("310", "资本性支出"),
    ("311", "对企业补助（基本建设）"),
    ("312", "对企业补助"),
    ("313", "对社会保障基金补助"),
    ("399", "其他支出"),
];

/// The text without whitespace (line wraps inside labels), for matching; borrowed when there is none to remove
/// (most cells and lines).
pub fn squashed(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_whitespace) {
        let mut out = String::with_capacity(s.len());
        out.extend(s.chars().filter(|c| !c.is_whitespace()));
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Names compared for consistency: whitespace (line wraps) and the 「（类）」-style suffixes dropped.
pub fn normalize_name(name: &str) -> String {
    // One pass: drop whitespace, unify brackets; the suffixes are looked for only when a bracket was seen.
    let mut s = String::with_capacity(name.len());
    let mut bracket = false;
    for c in name.chars() {
        match c {
            '(' | '（' => {
                bracket = true;
                s.push('（');
            }
            ')' => s.push('）'),
            c if c.is_whitespace() || c == '\u{3000}' => {}
            c => s.push(c),
        }
    }
    if bracket {
        for suffix in ["（类）", "（款）", "（项）"] {
            if s.contains(suffix) {
                s = s.replace(suffix, "");
            }
        }
    }
    s
}

/// Whether [`normalize_name`] can change a name: whitespace, a half-width parenthesis, or a 「（」 that could open a
/// 「（类）」-style suffix. Most names as printed have none, and then need no new string.
pub fn changes_when_normalized(name: &str) -> bool {
    name.chars().any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '（'))
}

/// [`normalize_name`], borrowing the name when normalising would not change it.
pub fn normalized_name(name: &str) -> std::borrow::Cow<'_, str> {
    if changes_when_normalized(name) {
        std::borrow::Cow::Owned(normalize_name(name))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

/// The 类 code for a functional class name as printed in T1/T4 (current or outdated name).
pub fn functional_class_code(name: &str) -> Option<&'static str> {
    let n = normalize_name(name);
    FUNCTIONAL_CLASSES.iter().chain(OUTDATED_CLASS_NAMES).find(|(_, known)| *known == n).map(|(code, _)| *code)
}

pub fn functional_class_name(code: &str) -> Option<&'static str> {
    FUNCTIONAL_CLASSES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

pub fn is_outdated_name(code: &str, name: &str) -> bool {
    let n = normalize_name(name);
    OUTDATED_CLASS_NAMES.iter().any(|(c, known)| *c == code && *known == n)
}

/// Parent code one level up (项 → 款 → 类), `None` for a 类.
pub fn parent_code(code: &str) -> Option<&str> {
    match code.len() {
        7 => Some(&code[..5]),
        5 => Some(&code[..3]),
        _ => None,
    }
}

/// Whether a string is a classification code (3, 5 or 7 ASCII digits).
pub fn is_code(s: &str) -> bool {
    matches!(s.len(), 3 | 5 | 7) && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_name_is_normalize_name() {
        let names = [
            "行政运行",
            "一般公共服务（类）支出",
            "人大 事务",
            "人大事务(项)",
            "（款）",
            "a\u{3000}b",
            "其他（",
            "）",
            "",
        ];
        for s in names {
            assert_eq!(normalized_name(s), normalize_name(s), "{s}");
        }
        assert!(matches!(normalized_name("行政运行"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn class_lookup() {
        assert_eq!(functional_class_code("七、文化旅游体育与传媒支出".trim_start_matches("七、")), Some("207"));
        assert_eq!(functional_class_code("文化体育与传媒支出"), Some("207"));
        assert_eq!(functional_class_code("文化旅游与传媒支出"), None);
        assert_eq!(parent_code("2011301"), Some("20113"));
        assert_eq!(parent_code("20113"), Some("201"));
        assert_eq!(parent_code("201"), None);
        assert_eq!(normalize_name("其他政府性基金及对应专项 债务收入"), "其他政府性基金及对应专项债务收入");
    }
}

/// The 功能分类 类 whose standard (or outdated) name is closest to `name`, for T1/T4 rows that print a
/// non-standard name (「文化旅游与传媒支出」 is 207). Requires most characters in common, in order.
pub fn closest_functional_class(name: &str) -> Option<&'static str> {
    let n: Vec<char> = normalize_name(name).chars().collect();
    if n.len() < 2 {
        return None;
    }
    let mut best: Option<(&'static str, usize, usize)> = None; // code, lcs, known len
    for (code, known) in FUNCTIONAL_CLASSES.iter().chain(OUTDATED_CLASS_NAMES) {
        let k: Vec<char> = known.chars().collect();
        let l = lcs(&n, &k);
        // similarity = 2·lcs / (|a| + |b|) ≥ 0.75
        if l * 8 >= (n.len() + k.len()) * 3 && best.map_or(true, |(_, bl, _)| l > bl) {
            best = Some((code, l, k.len()));
        }
    }
    best.map(|(c, _, _)| c)
}

fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &ca in a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb { prev[j] + 1 } else { cur[j].max(prev[j + 1]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod closest_tests {
    use super::*;

    #[test]
    fn closest() {
        assert_eq!(closest_functional_class("文化旅游与传媒支出"), Some("207"));
        assert_eq!(closest_functional_class("科学技术支出"), Some("206"));
        assert_eq!(closest_functional_class("合计"), None);
        assert_eq!(closest_functional_class("本年支出合计"), None);
    }
}

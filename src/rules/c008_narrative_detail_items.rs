use super::{At, Ctx, Rule};
use crate::classification::normalized_name;
use crate::model::{TableKind, keys};
use crate::narrative::SectionKind;
use crate::report::{Finding, Message, Severity, TextSpan, Verdict};

/// C008 narrative_detail_items
pub static RULE: Rule = Rule {
    code: "C008",
    name: "narrative_detail_items",
    title_zh: "人员经费、公用经费所列项目与明细表不符",
    title_en: "Items listed for personnel / public expenses differ from the detail table",
    doc: r#"## What
In 一般公共预算财政拨款基本支出决算情况说明, the items listed after 「人员经费 … 主要包括：」 and 「公用经费 … 主要包括：」
are compared with the 一般公共预算财政拨款基本支出决算明细表: every item listed should be a 款 with a non-zero
figure, and every non-zero 款 (301/303 for 人员经费; 302, 307, 310, 312, 313, 399 for 公用经费) should be listed.
Names are matched loosely (「机关事业单位基本养老保险缴费」 is 30108 「机关事业单位基本养老保险费」). A soft check:
warnings.

## Why
The list is usually copied from the previous year; items that were not spent this year, or new spending left
out, show that it was not updated.

## Example
```
人员经费 50.00 万元，主要包括：基本工资、伙食补助费；公用经费 8.00 万元，主要包括：办公费。
```
with T6 30106 伙食补助费 0.00: 「人员经费所列「伙食补助费」在明细表中为 0.00」.
"#,
    check,
};

/// How alike two names (as normalized characters) are: 2·LCS / (|a| + |b|), in thousandths (1000 = the same).
fn likeness(x: &[char], y: &[char]) -> usize {
    if x.is_empty() || y.is_empty() {
        return 0;
    }
    if x == y {
        return 1000;
    }
    let mut prev = vec![0usize; y.len() + 1];
    let mut cur = vec![0usize; y.len() + 1];
    for &cx in x {
        for (j, &cy) in y.iter().enumerate() {
            cur[j + 1] = if cx == cy { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[y.len()] * 2000 / (x.len() + y.len())
}

/// A 款 of T6: row index, name as printed, normalized name, figure.
type Item = (usize, String, Vec<char>, rust_decimal::Decimal);

/// The row a listed item names: the most alike, if alike enough (「…养老保险缴费」 for 「…养老保险费」, not 「医疗费」
/// for 「医疗费补助」).
fn matching<'a>(item: &[char], rows: &'a [Item]) -> Option<&'a Item> {
    if let Some(r) = rows.iter().find(|r| r.2 == item) {
        return Some(r);
    }
    // 2·LCS / (|a| + |b|) ≥ 0.9 needs lengths within about a fifth of each other: skip the others.
    let close = |r: &&Item| {
        let (a, b) = (item.len(), r.2.len());
        a.min(b) * 5 >= a.max(b) * 4
    };
    rows.iter()
        .filter(close)
        .map(|r| (likeness(item, &r.2), r))
        .filter(|(l, _)| *l >= 900)
        .max_by_key(|(l, _)| *l)
        .map(|(_, r)| r)
}

fn check(ctx: &mut Ctx) {
    let Some((ti, t6)) = ctx.doc.table(TableKind::BasicDetail) else { return };
    let ex = crate::narrative::link::extract_cached(ctx.doc);
    let text = &ex.text;
    let chars = &text.chars;
    let col = t6.column(keys::AMOUNT);
    for (what, what_en, classes) in [
        ("人员经费", "personnel expenses", &["301", "303"][..]),
        ("公用经费", "public expenses", &["302", "307", "309", "310", "311", "312", "313", "399"][..]),
    ] {
        // 「人员经费 131.02 万元，主要包括：…；」 in the basic-expenditure section.
        let w: Vec<char> = what.chars().collect();
        let Some(at) = (0..chars.len()).find(|&i| {
            // The first character ruling most positions out before the slice is compared.
            chars.get(i) == w.first()
                && chars.get(i..i + w.len()) == Some(&w[..])
                && text.section_kind(i) == SectionKind::Basic
        }) else {
            continue;
        };
        let window_end = (at + 40).min(chars.len());
        let lead: String = chars[at..window_end].iter().collect();
        let Some(p) = lead.find("主要包括") else { continue };
        let start = at + lead[..p].chars().count() + "主要包括".chars().count();
        let start = if matches!(chars.get(start), Some('：') | Some(':')) { start + 1 } else { start };
        let end = (start..chars.len()).find(|&i| matches!(chars[i], '；' | '。' | '\n' | ';')).unwrap_or(chars.len());
        if end <= start {
            continue;
        }
        let listed: Vec<String> = text
            .slice(start, end)
            .split(['、', '，', ','])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let rows: Vec<Item> = t6
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.code.as_ref().is_some_and(|c| c.len() == 5 && classes.iter().any(|k| c.starts_with(k))))
            .filter_map(|(i, r)| {
                let a = col.and_then(|c| r.cell(c)).and_then(|c| c.amount)?;
                Some((i, r.label.clone(), normalized_name(&r.label).chars().collect(), a.value))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        ctx.claims.found += 1;
        ctx.claims.checked += 1;
        ctx.checks += 1;
        let mut problems_zh = Vec::new();
        let mut problems_en = Vec::new();
        let mut cells = Vec::new();
        // The row each listed item names, found once.
        let found: Vec<Option<&Item>> =
            listed.iter().map(|item| matching(&normalized_name(item).chars().collect::<Vec<char>>(), &rows)).collect();
        let matched: Vec<usize> = found.iter().flatten().map(|m| m.0).collect();
        for (item, m) in listed.iter().zip(&found) {
            match m {
                Some((r, label, _, v)) if v.is_zero() => {
                    problems_zh.push(format!("所列「{item}」在明细表中为 0（{label}）"));
                    problems_en.push(format!("“{item}” is listed but 0 in the table ({label})"));
                    if let Some(c) = col {
                        cells.push(At::new(ti, *r, c));
                    }
                }
                Some(_) => {}
                None => {
                    problems_zh.push(format!("所列「{item}」在明细表中找不到"));
                    problems_en.push(format!("“{item}” is listed but not found in the table"));
                }
            }
        }
        for (r, label, _, v) in &rows {
            if !v.is_zero() && !matched.contains(r) {
                problems_zh.push(format!("明细表中「{label}」为 {v}，未列出"));
                problems_en.push(format!("“{label}” is {v} in the table but not listed"));
                if let Some(c) = col {
                    cells.push(At::new(ti, *r, c));
                }
            }
        }
        if problems_zh.is_empty() {
            ctx.claims.consistent += 1;
            continue;
        }
        ctx.claims.inconsistent += 1;
        let (s, e) = text.span(start, end);
        let cells = cells.into_iter().map(|a| ctx.cell_ref(a)).collect();
        ctx.push(Finding {
            rule: ctx.rule_code(),
            severity: Severity::Warning,
            verdict: Verdict::Inconsistent,
            message: Message::new(
                format!("{what}所列项目与基本支出明细表不符：{}", problems_zh.join("；")),
                format!("the items listed for {what_en} differ from the detail table: {}", problems_en.join("; ")),
            ),
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            cells,
            text: Some(TextSpan { start: s, end: e, excerpt: text.slice(start, end) }),
        });
    }
}

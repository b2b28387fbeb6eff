use super::tables::{FastMap, class_rows, code_key, strip_ordinal};
use super::{At, Ctx, Rule};
use crate::classification::functional_class_name;
use crate::classification::normalized_name;
use crate::model::{Document, TableKind};
use crate::report::{Finding, Message, Severity, Verdict};
use std::borrow::Cow;

/// N001 name_consistency
pub static RULE: Rule = Rule {
    code: "N001",
    name: "name_consistency",
    title_zh: "同一科目名称不一致",
    title_en: "One code, different names",
    doc: r#"## What
A classification code has one name. Every row carrying a code — the 类 rows of the two summary tables (matched
to their code through the name or its position), and every 类/款/项 row of the code tables — is compared with
the other rows of the same code in every table (功能分类 and 经济分类 apart). Names are compared after removing
line-wrap whitespace and 「（类）（款）（项）」 suffixes.

Each row whose name differs is reported with the name most tables use (the standard name breaks a tie) and both
cells. Severity: error — a code printed under two names is a defect reviewers record and correct (domain guide
§1, §3), not a matter of judgement.

## Why
Tables are filled from different exports and templates; a name edited in one table only (an old name, a typo)
makes the document contradict itself and the narrative, which quotes the names.

## Example
```
收入支出决算总表:         七、文化旅游体育与传媒支出	38	0.00
财政拨款收入支出决算总表: 七、文化旅游与传媒支出	39	0.00	0.00	0.00	0.00
```
「科目 207 名称不一致：财政拨款收入支出决算总表为「文化旅游与传媒支出」，收入支出决算总表为「文化旅游体育与传媒支出」」.
"#,
    check,
};

/// A code as grouped: most codes as numbers (see `tables::code_key`), anything else as printed. Equal codes give
/// equal keys.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Code<'a> {
    Number(u32),
    Text(&'a str),
}

/// Every coded row, by family (false: 功能分类, true: 经济分类) and code, in reading order: (key, table, row).
fn coded_rows(doc: &Document) -> Vec<((bool, Code<'_>), usize, usize)> {
    let mut out = Vec::new();
    for (ti, t) in doc.tables.iter().enumerate() {
        let rows: Vec<usize> = match t.kind {
            TableKind::Summary | TableKind::FiscalSummary => class_rows(t),
            TableKind::Performance | TableKind::ThreePublic => continue,
            _ => (0..t.rows.len()).collect(),
        };
        let economic = t.kind == TableKind::BasicDetail;
        for ri in rows {
            let Some(code) = t.rows.get(ri).and_then(|r| r.code.as_deref()) else { continue };
            let code = code_key(code).map_or(Code::Text(code), Code::Number);
            out.push(((economic, code), ti, ri));
        }
    }
    out
}

/// A named row of a code printed more than once.
struct Occurrence<'a> {
    at: At,
    /// The name as printed, without its ordinal.
    printed: &'a str,
    /// The name compared.
    name: Cow<'a, str>,
}

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let all = coded_rows(doc);
    // Codes printed once (most rows of a large table) are counted and left: names are read only for the others.
    let mut ids: FastMap<(bool, Code), usize> = FastMap::with_capacity_and_hasher(all.len(), Default::default());
    let mut sizes: Vec<usize> = Vec::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(all.len());
    for (key, _, _) in &all {
        let id = *ids.entry(*key).or_insert_with(|| {
            sizes.push(0);
            sizes.len() - 1
        });
        sizes[id] += 1;
        group_of.push(id);
    }
    // The named rows of each code printed twice or more, the codes in the order of their first named row.
    let mut slot = vec![usize::MAX; sizes.len()];
    let mut groups: Vec<(&str, bool, Vec<Occurrence>)> = Vec::new();
    for ((key, ti, ri), id) in all.iter().zip(&group_of) {
        if sizes[*id] < 2 {
            continue;
        }
        let Some((t, r)) = doc.tables.get(*ti).and_then(|t| Some((t, t.rows.get(*ri)?))) else { continue };
        let printed = strip_ordinal(&r.label);
        let name = normalized_name(printed);
        if name.is_empty() {
            continue;
        }
        let col = (0..t.columns.len()).find(|c| r.cell(*c).is_some()).unwrap_or(0);
        if slot[*id] == usize::MAX {
            slot[*id] = groups.len();
            groups.push((r.code.as_deref().unwrap_or_default(), key.0, Vec::new()));
        }
        if let Some((_, _, g)) = groups.get_mut(slot[*id]) {
            g.push(Occurrence { at: At::new(*ti, *ri, col), printed, name });
        }
    }
    for (code, economic, group) in &groups {
        if group.len() < 2 {
            continue;
        }
        ctx.checks += 1;
        let mut names: Vec<(&str, usize)> = Vec::new();
        for o in group {
            match names.iter_mut().find(|(n, _)| *n == o.name) {
                Some((_, c)) => *c += 1,
                None => names.push((&o.name, 1)),
            }
        }
        if names.len() < 2 {
            continue;
        }
        let standard = if *economic { None } else { functional_class_name(code) };
        let best = names.iter().map(|(_, c)| *c).max().unwrap_or(0);
        let reference = names
            .iter()
            .filter(|(_, c)| *c == best)
            .find(|(n, _)| Some(*n) == standard)
            .or_else(|| names.iter().find(|(_, c)| *c == best))
            .map(|(n, _)| *n)
            .unwrap_or_default();
        let Some(first) = group.iter().find(|o| o.name == reference) else { continue };
        let first_printed = first.printed;
        for o in group.iter().filter(|o| o.name != reference) {
            let printed = o.printed;
            let (ta, tb) = (&doc.tables[o.at.table], &doc.tables[first.at.table]);
            let message = Message::new(
                format!(
                    "科目 {code} 名称不一致：{}为「{}」，{}为「{}」",
                    ta.name_zh(),
                    printed,
                    tb.name_zh(),
                    first_printed
                ),
                format!(
                    "Code {code} is named differently: 「{}」 in {}, 「{}」 in {}",
                    printed,
                    ta.name_en(),
                    first_printed,
                    tb.name_en()
                ),
            );
            let finding = Finding {
                rule: ctx.rule_code(),
                severity: Severity::Error,
                verdict: Verdict::Inconsistent,
                message,
                expected: Some(first_printed.to_string()),
                actual: Some(printed.to_string()),
                difference: None,
                tolerance: None,
                cells: vec![ctx.cell_ref(o.at), ctx.cell_ref(first.at)],
                text: None,
            };
            ctx.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::model::keys;
    use crate::rules::testing::*;

    #[test]
    fn seed_207() {
        let t1 = TableBuilder::new(TableKind::Summary, &[(keys::AMOUNT, Some(I)), (keys::AMOUNT, Some(E))])
            .row(Some("207"), None, "文化旅游体育与传媒支出", Some(E), &["-", "0.00"])
            .row(Some("201"), None, "一般公共服务支出", Some(E), &["-", "1.00"])
            .build();
        let t4 = TableBuilder::new(TableKind::FiscalSummary, &[(keys::AMOUNT, Some(I)), (keys::TOTAL, Some(E))])
            .row(Some("207"), None, "七、文化旅游与传媒支出", Some(E), &["-", "0.00"])
            .row(Some("201"), None, "一般公共服务支出", Some(E), &["-", "1.00"])
            .build();
        let t3 = TableBuilder::new(TableKind::Expenditure, &[(keys::TOTAL, None)])
            .code("201", "一般公共服务（类）支出", &["1.00"])
            .code("20101", "人大 事务", &["1.00"])
            .build();
        let t5 = TableBuilder::new(TableKind::GeneralBudget, &[(keys::TOTAL, None)])
            .code("20101", "人大事务", &["1.00"])
            .build();
        let f = run(&RULE, &doc(vec![t1, t4, t3, t5]));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message.zh,
            "科目 207 名称不一致：财政拨款收入支出决算总表为「文化旅游与传媒支出」，收入支出决算总表为「文化旅游体育与传媒支出」"
        );
        assert_eq!(f[0].cells[0].table_kind, "final.fiscal_summary");
        assert_eq!(f[0].cells[1].table_kind, "final.summary");
    }
}

use super::tables::{FastMap, class_rows, normalized_name, strip_ordinal};
use super::{At, Ctx, Rule};
use crate::classification::functional_class_name;
use crate::model::{Document, Row, TableKind};
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

/// A coded row: its family (false: 功能分类, true: 经济分类) and code, and the cell its findings point at.
struct Occurrence<'a> {
    key: (bool, &'a str),
    at: At,
    row: &'a Row,
}

/// Every coded row with a name, in reading order.
fn occurrences(doc: &Document) -> Vec<Occurrence<'_>> {
    let mut out = Vec::new();
    for (ti, t) in doc.tables.iter().enumerate() {
        let rows: Vec<usize> = match t.kind {
            TableKind::Summary | TableKind::FiscalSummary => class_rows(t),
            TableKind::Performance | TableKind::ThreePublic => continue,
            _ => (0..t.rows.len()).collect(),
        };
        let economic = t.kind == TableKind::BasicDetail;
        for ri in rows {
            let Some(r) = t.rows.get(ri) else { continue };
            let Some(code) = r.code.as_deref() else { continue };
            if normalized_name(strip_ordinal(&r.label)).is_empty() {
                continue;
            }
            let col = (0..t.columns.len()).find(|c| r.cell(*c).is_some()).unwrap_or(0);
            out.push(Occurrence { key: (economic, code), at: At::new(ti, ri, col), row: r });
        }
    }
    out
}

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let all = occurrences(doc);
    // Group ids in the order of each code's first row. Names are only looked at in groups of two rows or more
    // (a large table has mostly codes printed once).
    let mut ids: FastMap<(bool, &str), usize> = FastMap::default();
    ids.reserve(all.len());
    let mut sizes: Vec<usize> = Vec::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(all.len());
    for o in &all {
        let id = *ids.entry(o.key).or_insert_with(|| {
            sizes.push(0);
            sizes.len() - 1
        });
        sizes[id] += 1;
        group_of.push(id);
    }
    let mut groups: Vec<Vec<&Occurrence>> = vec![Vec::new(); sizes.len()];
    for (o, id) in all.iter().zip(&group_of) {
        if sizes[*id] >= 2 {
            groups[*id].push(o);
        }
    }
    for group in groups.iter().filter(|g| !g.is_empty()) {
        ctx.checks += 1;
        // (occurrence, name as printed, name compared)
        let named: Vec<(&Occurrence, &str, Cow<str>)> = group
            .iter()
            .map(|o| {
                let printed = strip_ordinal(&o.row.label);
                (*o, printed, normalized_name(printed))
            })
            .collect();
        let mut names: Vec<(&str, usize)> = Vec::new();
        for (_, _, name) in &named {
            match names.iter_mut().find(|(n, _)| *n == name) {
                Some((_, c)) => *c += 1,
                None => names.push((name, 1)),
            }
        }
        if names.len() < 2 {
            continue;
        }
        let (economic, code) = group[0].key;
        let standard = if economic { None } else { functional_class_name(code) };
        let best = names.iter().map(|(_, c)| *c).max().unwrap_or(0);
        let reference = names
            .iter()
            .filter(|(_, c)| *c == best)
            .find(|(n, _)| Some(*n) == standard)
            .or_else(|| names.iter().find(|(_, c)| *c == best))
            .map(|(n, _)| *n)
            .unwrap_or_default();
        let Some((first, first_printed, _)) = named.iter().find(|(_, _, n)| n == reference) else { continue };
        for (o, printed, _) in named.iter().filter(|(_, _, n)| n != reference) {
            let (ta, tb) = (&doc.tables[o.at.table], &doc.tables[first.at.table]);
            let message = Message::new(
                format!(
                    "科目 {code} 名称不一致：{}为「{}」，{}为「{}」",
                    ta.kind.name_zh(),
                    printed,
                    tb.kind.name_zh(),
                    first_printed
                ),
                format!(
                    "Code {code} is named differently: 「{}」 in {}, 「{}」 in {}",
                    printed,
                    ta.kind.name_en(),
                    first_printed,
                    tb.kind.name_en()
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

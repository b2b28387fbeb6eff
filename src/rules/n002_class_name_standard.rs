use super::tables::{FastMap, children, class_rows, strip_ordinal};
use super::{At, Ctx, Rule};
use crate::classification::normalized_name;
use crate::classification::{functional_class_name, is_outdated_name};
use crate::report::{Finding, Message, Severity, Verdict};
use std::borrow::Cow;

/// N002 class_name_standard
pub static RULE: Rule = Rule {
    code: "N002",
    name: "class_name_standard",
    title_zh: "功能分类类级名称不规范",
    title_en: "Non-standard functional class names",
    doc: r#"## What
Compares the name of every 功能分类 类 row (the 支出 rows of the two summary tables, the 3-digit rows of the
code tables) with the current national list (2023–2025): 201 一般公共服务支出 … 234 抗疫特别国债安排的支出.
- an outdated name (医疗卫生与计划生育支出 for 210, 文化体育与传媒支出 for 207): warning, non-standard;
- any other name that is not the standard one: warning, with the standard name;
- a 3-digit code that is not a 类 of the list: warning, unknown class.
Each (code, name) is reported once, with every cell that prints it.

## Why
The 类 names are fixed by the national classification; an old or edited name suggests an outdated template and
breaks the match between tables (T3/T5 rows are tied to T1/T4 rows through the name).

## Example
```
七、文化旅游与传媒支出	39	0.00	0.00	0.00	0.00
```
「科目 207 名称不规范：「文化旅游与传媒支出」，规范名称为「文化旅游体育与传媒支出」」 (warning).
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    // (code, normalised name, printed name, cells), found through `index` by (code, normalised name)
    let mut seen: Vec<(&str, Cow<str>, &str, Vec<At>)> = Vec::new();
    let mut index: FastMap<(&str, Cow<str>), usize> = FastMap::default();
    for (ti, t) in doc.tables.iter().enumerate() {
        let rows = if t.kind.is_code_table() {
            children(t, None)
        } else if matches!(t.kind, crate::model::TableKind::Summary | crate::model::TableKind::FiscalSummary) {
            class_rows(t)
        } else {
            continue;
        };
        for ri in rows {
            let Some(r) = t.rows.get(ri) else { continue };
            let Some(code) = r.code.as_deref() else { continue };
            let printed = strip_ordinal(&r.label);
            let name = normalized_name(printed);
            if name.is_empty() {
                continue;
            }
            let col = (0..t.columns.len()).find(|c| r.cell(*c).is_some()).unwrap_or(0);
            let at = At::new(ti, ri, col);
            let key = (code, name);
            match index.get(&key) {
                Some(i) => {
                    if let Some((_, _, _, cells)) = seen.get_mut(*i) {
                        cells.push(at);
                    }
                }
                None => {
                    index.insert(key.clone(), seen.len());
                    seen.push((key.0, key.1, printed, vec![at]));
                }
            }
        }
    }
    for (code, name, printed, cells) in seen {
        ctx.checks += 1;
        let standard = functional_class_name(code);
        let message = match standard {
            Some(s) if s == name => continue,
            Some(s) if is_outdated_name(code, &name) => Message::new(
                format!("科目 {code} 使用旧名称「{printed}」，现行规范名称为「{s}」"),
                format!("Class {code} uses the outdated name 「{printed}」; the current name is 「{s}」"),
            ),
            Some(s) => Message::new(
                format!("科目 {code} 名称不规范：「{printed}」，规范名称为「{s}」"),
                format!("Class {code} has a non-standard name 「{printed}」; the standard name is 「{s}」"),
            ),
            None => Message::new(
                format!("「{code} {printed}」不是现行功能分类的类级科目"),
                format!("「{code} {printed}」 is not a class of the current functional classification"),
            ),
        };
        let finding = Finding {
            rule: ctx.rule_code(),
            severity: Severity::Warning,
            verdict: Verdict::Inconsistent,
            message,
            expected: standard.map(str::to_string),
            actual: Some(printed.to_string()),
            difference: None,
            tolerance: None,
            cells: cells.iter().map(|a| ctx.cell_ref(*a)).collect(),
            text: None,
        };
        ctx.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::model::{TableKind, keys};
    use crate::rules::testing::*;

    #[test]
    fn outdated_unknown_nonstandard() {
        let t1 = TableBuilder::new(TableKind::Summary, &[(keys::AMOUNT, Some(I)), (keys::AMOUNT, Some(E))])
            .row(Some("207"), None, "七、文化旅游体育与传媒支出", Some(E), &["-", "0.00"])
            .row(Some("210"), None, "医疗卫生与计划生育支出", Some(E), &["-", "0.00"])
            .build();
        let t4 = TableBuilder::new(TableKind::FiscalSummary, &[(keys::AMOUNT, Some(I)), (keys::TOTAL, Some(E))])
            .row(Some("207"), None, "文化旅游与传媒支出", Some(E), &["-", "0.00"])
            .row(Some("210"), None, "医疗卫生与计划生育支出", Some(E), &["-", "0.00"])
            .build();
        let t3 = TableBuilder::new(TableKind::Expenditure, &[(keys::TOTAL, None)])
            .code("209", "某某支出", &["1.00"])
            .code("201", "一般公共服务支出（类）", &["1.00"])
            .build();
        let f = run(&RULE, &doc(vec![t1, t4, t3]));
        assert_eq!(f.len(), 3, "{f:#?}");
        assert!(f[0].message.zh.contains("旧名称"));
        assert_eq!(f[0].cells.len(), 2);
        assert!(f[1].message.zh.contains("名称不规范"));
        assert!(f[2].message.zh.contains("不是现行功能分类"));
    }
}

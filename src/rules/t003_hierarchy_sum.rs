use super::tables::{child_map, code_list, col_words, plus, row_message, row_words};
use super::{At, Ctx, Rule};
use crate::model::{Table, TableKind, keys};

/// T003 hierarchy_sum
pub static RULE: Rule = Rule {
    code: "T003",
    name: "hierarchy_sum",
    title_zh: "科目层级合计",
    title_en: "Classification hierarchy sums",
    doc: r#"## What
In every amount column of the code tables (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, 政府性基金 and
国有资本经营 tables): 合计 = Σ 类 rows; each 类 = Σ its 款 rows; each 款 = Σ its 项 rows. One level at a time:
a parent is compared with its direct children only (found by code: 类 3 digits, 款 5 digits starting with the 类,
项 7 digits starting with the 款), never with all the leaves. A parent with no children in the table is not
checked. A 项 printed without its 款 row counts as a child of its 类 (the table skipped a level).

The Jiangsu budget's 政府采购支出预算表 has no codes but the same shape, by its rows' order: 合计 = Σ 采购品目大类
rows (一、货物A, 二、工程B, 三、服务C); each 大类 = Σ the 专项·经济科目 rows under it; each of those = Σ the 采购物品
rows (with their 采购组织形式) under it.

A budget's 收入预算总表 that lists its sources down one 金额 column (Jiangsu: 收入总计; 一般公共预算资金 小计,
公共财政拨款（补助）资金, 专项收入; 政府性基金 小计; 财政专户管理资金 小计 …) has the same shape without codes:
收入总计 = Σ the sources' 小计, each 小计 = Σ its items (a 「其中：」 item is part of its group, not an addend).

## Why
Tables are exported from the finance software and then edited by hand; an edited 项 whose 款 was not updated
(or a 款 row copied from its 类) shows up here. Comparing one level at a time points at the row that is wrong.

## Example
```
201	一般公共服务支出	221.56	138.97	82.58
20113	商贸事务	221.56	138.97	82.58
2011301	行政运行	138.97	138.97	0.00
2011399	其他商贸事务支出	82.28	0.00	82.28
20136	其他共产党事务支出	0.30	0.00	0.30
```
20113's 项 add up to 221.25 (本年支出合计) and 82.28 (项目支出), not 221.56 and 82.58: two errors; and 201 ≠
20113 + 20136 (221.86, 82.88): two more, all pointing at the 20113 row copied from 201.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for (ti, t) in doc.tables.iter().enumerate() {
        if t.kind == TableKind::Procurement {
            procurement(ctx, ti, t);
            continue;
        }
        if !t.kind.is_code_table() {
            continue;
        }
        // (parent row, its direct children)
        let kids_of = child_map(t);
        let mut groups: Vec<(usize, &[usize], &str, &str)> = Vec::new();
        if let Some(total) = t.row(keys::GRAND_TOTAL) {
            groups.push((total, kids_of.of(None), "各类", "its 类 rows"));
        }
        for (ri, r) in t.rows.iter().enumerate() {
            let Some(code) = r.code.as_deref() else { continue };
            let (zh, en) = match code.len() {
                3 => ("所属各款", "its 款 rows"),
                5 => ("所属各项", "its 项 rows"),
                _ => continue,
            };
            groups.push((ri, kids_of.of(Some(ri)), zh, en));
        }
        let sources = source_groups(t);
        for (parent, kids) in &sources {
            let (kz, ke) = if t.rows[*parent].key == Some(keys::INCOME_GRAND_TOTAL) {
                ("各类资金小计", "its sources' subtotals")
            } else {
                ("所属各项", "its items")
            };
            groups.push((*parent, kids, kz, ke));
        }
        for (parent, kids, kz, ke) in groups {
            if kids.is_empty() {
                continue;
            }
            for col in 0..t.columns.len() {
                let parent_has = t.rows.get(parent).is_some_and(|r| r.cell(col).is_some());
                if !parent_has && !kids.iter().any(|k| t.rows.get(*k).is_some_and(|r| r.cell(col).is_some())) {
                    continue;
                }
                // Built only for a finding: most sums hold.
                let what = || {
                    let codes: Vec<&str> = kids.iter().filter_map(|k| t.rows.get(*k)?.code.as_deref()).collect();
                    let (lz, le) = if codes.is_empty() {
                        let names = plus(&kids.iter().map(|k| row_words(t, *k)).collect::<Vec<_>>());
                        (names.clone(), names)
                    } else {
                        code_list(&codes)
                    };
                    let (cz, ce) = col_words(t, col);
                    row_message(t, parent, &format!("{cz} = {kz}之和（{lz}）"), &format!("{ce} = sum of {ke} ({le})"))
                };
                let cells = kids.iter().map(|k| At::new(ti, *k, col));
                ctx.sum_iter(At::new(ti, parent, col), cells, what);
            }
        }
    }
}

/// A 政府采购支出预算表 row's level: 合计, 品目大类, 专项·经济科目, 采购物品.
fn procurement_level(key: Option<&str>) -> Option<u8> {
    match key? {
        keys::GRAND_TOTAL => Some(0),
        keys::PROCUREMENT_CATEGORY => Some(1),
        keys::PROCUREMENT_PROJECT => Some(2),
        keys::PROCUREMENT_ITEM => Some(3),
        _ => None,
    }
}

/// Each row = Σ the rows of the next level printed under it, up to the next row of its level or above.
fn procurement(ctx: &mut Ctx, ti: usize, t: &Table) {
    let levels: Vec<Option<u8>> = t.rows.iter().map(|r| procurement_level(r.key)).collect();
    for (parent, level) in levels.iter().enumerate() {
        let Some(level) = *level else { continue };
        let span_end =
            (parent + 1..t.rows.len()).find(|&k| levels[k].is_some_and(|l| l <= level)).unwrap_or(t.rows.len());
        // The direct children: the highest level found under it (a level the table skipped is not one).
        let Some(child) = (parent + 1..span_end).filter_map(|k| levels[k]).min() else { continue };
        let kids: Vec<usize> = (parent + 1..span_end).filter(|&k| levels[k] == Some(child)).collect();
        let (kz, ke) = match child {
            1 => ("各品目大类", "its 采购品目大类 rows"),
            2 => ("所属各专项", "its 专项 rows"),
            _ => ("所属各采购物品", "its 采购物品 rows"),
        };
        for col in 0..t.columns.len() {
            let what = || {
                let (cz, ce) = col_words(t, col);
                let n = kids.len();
                row_message(t, parent, &format!("{cz} = {kz}之和（{n}行）"), &format!("{ce} = sum of {ke} ({n} rows)"))
            };
            let cells = kids.iter().map(|k| At::new(ti, *k, col));
            ctx.sum_iter(At::new(ti, parent, col), cells, what);
        }
    }
}

/// A list of income sources down one column (Jiangsu 收入预算总表): 收入总计 = Σ the sources' 小计 rows (keyed), and
/// each 小计 = Σ the unkeyed item rows after it; a 「其中」 row (`OF_WHICH`) is part of its group, not an addend.
fn source_groups(t: &Table) -> Vec<(usize, Vec<usize>)> {
    let Some(grand) = t.row(keys::INCOME_GRAND_TOTAL).filter(|_| t.kind == TableKind::Income) else {
        return Vec::new();
    };
    let subtotals: Vec<usize> =
        (0..t.rows.len()).filter(|r| *r != grand && t.rows[*r].key.is_some_and(|k| k != keys::OF_WHICH)).collect();
    let mut out = vec![(grand, subtotals.clone())];
    for (n, s) in subtotals.iter().enumerate() {
        let end = subtotals.get(n + 1).copied().unwrap_or(t.rows.len());
        out.push((*s, (s + 1..end).filter(|r| t.rows[*r].key.is_none()).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableKind;
    use crate::report::Severity;
    use crate::rules::testing::*;

    #[test]
    fn seed_like_t3() {
        let t3 = TableBuilder::new(
            TableKind::Expenditure,
            &[(keys::TOTAL, None), (keys::BASIC, None), (keys::PROJECT, None)],
        )
        .key(keys::GRAND_TOTAL, "合计", None, &["221.56", "138.97", "82.58"])
        .code("201", "一般公共服务支出", &["221.56", "138.97", "82.58"])
        .code("20113", "商贸事务", &["221.56", "138.97", "82.58"])
        .code("2011301", "行政运行", &["138.97", "138.97", "0.00"])
        .code("2011399", "其他商贸事务支出", &["82.28", "0.00", "82.28"])
        .code("20136", "其他共产党事务支出", &["0.30", "0.00", "0.30"])
        .code("2013699", "其他共产党事务支出", &["0.30", "0.00", "0.30"])
        .code("206", "科学技术支出", &["5.00", "", "5.00"])
        .code("212", "城乡社区支出", &["3.00", "", "3.00"])
        .code("2120101", "行政运行", &["1.00", "", "1.00"])
        .code("21202", "城乡社区规划与管理", &["2.00", "", "2.00"])
        .build();
        let f = run(&RULE, &doc(vec![t3]));
        let errs = errors(&f);
        assert_eq!(errs.len(), 6, "{f:#?}");
        // 合计 vs 类: 221.56 + 5.00 + 3.00 ≠ 221.56 (total and project)
        assert!(
            errs[0].message.zh.starts_with("支出决算表「合计」：本年支出合计 = 各类之和（201 + 206 + 212）"),
            "{}",
            errs[0].message.zh
        );
        // 212 = 2120101 (its 款 21201 is not printed) + 21202: holds
        assert!(!f.iter().any(|e| e.message.zh.contains("「212")));
        assert!(errs.iter().any(|e| e.message.zh.starts_with("支出决算表「20113 商贸事务」：项目支出 = 所属各项之和")));
        // 206 has no 款 rows: not checked against anything
        assert!(!f.iter().any(|e| e.message.zh.contains("「206")));
        assert_eq!(count(&f, Severity::Info), 0);
    }

    fn procurement(goods: &str, item: &str) -> crate::model::Table {
        TableBuilder::new(TableKind::Procurement, &[(keys::AMOUNT, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &["100.00"])
            .key(keys::PROCUREMENT_CATEGORY, "一、货物A", None, &[goods])
            .key(keys::PROCUREMENT_PROJECT, "办公设备购置费·办公设备购置", None, &["30.00"])
            .key(keys::PROCUREMENT_ITEM, "台式计算机·分散自行组织", None, &["20.00"])
            .key(keys::PROCUREMENT_ITEM, "复印机·分散自行组织", None, &[item])
            .key(keys::PROCUREMENT_PROJECT, "专用设备购置", None, &["40.00"])
            .key(keys::PROCUREMENT_CATEGORY, "三、服务C", None, &["30.00"])
            .key(keys::PROCUREMENT_PROJECT, "会议费", None, &["30.00"])
            .key(keys::PROCUREMENT_ITEM, "会议服务·政府集中采购", None, &["30.00"])
            .build()
    }

    #[test]
    fn procurement_levels_by_order() {
        // 合计 = 70 + 30; 货物 = 30 + 40; 办公设备 = 20 + 10; 专用设备 has no items (not checked); 服务 = 30 = 30.
        let f = run(&RULE, &doc(vec![procurement("70.00", "10.00")]));
        assert!(errors(&f).is_empty(), "{f:#?}");
        // An item copied wrong: its 专项 fails, and nothing above it (the 专项 row is what 货物 sums).
        let f = run(&RULE, &doc(vec![procurement("70.00", "12.00")]));
        let e = errors(&f);
        assert_eq!(e.len(), 1, "{f:#?}");
        assert!(e[0].message.zh.contains("「办公设备购置费·办公设备购置」"), "{}", e[0].message.zh);
        assert!(e[0].message.zh.contains("所属各采购物品之和（2行）"), "{}", e[0].message.zh);
        // A 大类 typed wrong: it fails against its 专项 rows and the 合计 against the 大类 rows.
        let f = run(&RULE, &doc(vec![procurement("75.00", "10.00")]));
        assert_eq!(errors(&f).len(), 2, "{f:#?}");
    }
}

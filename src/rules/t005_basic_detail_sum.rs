use super::tables::{child_map, code_list, col_words, plus, row_message, row_words};
use super::{At, Ctx, Rule};
use crate::model::{TableKind, keys};

/// T005 basic_detail_sum
pub static RULE: Rule = Rule {
    code: "T005",
    name: "basic_detail_sum",
    title_zh: "基本支出明细表合计",
    title_en: "Sums of the basic expenditure detail table",
    doc: r#"## What
Checks the 一般公共预算财政拨款基本支出决算明细表 (T6, 经济分类):
- each 经济分类 类 (301, 302, 303, 307, 310, 312, 313, 399) = Σ its 款 (5-digit codes starting with it);
- 人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助;
- 公用经费合计 = 302 商品和服务支出 + 307 + 310 资本性支出 + 312 + 313 + 399 (those the table prints).

The Jiangsu budget's 一般公共预算机关运行经费支出预算表 (经济科目, one 机关运行经费支出 column): each 类 = Σ its 款 and
合计 = Σ 类 rows.

A budget's 一般公共预算基本支出部门预算经济分类预算表 (Shanghai form) prints three columns, 合计 / 人员经费 / 公用经费,
and a 合计 row instead of the footer: in each column, each 类 = Σ its 款, and 合计 = Σ 类 rows (合计 = 人员经费 +
公用经费 on each row is T002's).

## Why
T6 is long (three side-by-side blocks of 30-odd items each) and its 类 totals are often typed in rather than
computed. The footer totals are restated by the narrative (人员经费, 公用经费, 机关运行经费) and by T5.

## Example
```
302	商品和服务支出	7.71
30201	办公费	0.45
…
```
With eight non-zero items summing to 7.73, 7.71 is within the rounding band (9 × 0.005 = ±0.045): a note,
not an error. Items summing to 8.73 would be an error.
"#,
    check,
};

const PERSONNEL: [&str; 2] = ["301", "303"];
const PUBLIC: [&str; 6] = ["302", "307", "310", "312", "313", "399"];

/// `parent = Σ kids` in each of `columns` (the kids named in the message only when a sum fails).
fn sum_of_children(ctx: &mut Ctx, ti: usize, parent: usize, kids: &[usize], columns: &[usize], (kz, ke): (&str, &str)) {
    if kids.is_empty() {
        return;
    }
    let t = &ctx.doc.tables[ti];
    for &c in columns {
        let what = || {
            let codes: Vec<&str> = kids.iter().filter_map(|k| t.rows.get(*k)?.code.as_deref()).collect();
            let (lz, le) = code_list(&codes);
            let (cz, ce) = col_words(t, c);
            row_message(t, parent, &format!("{cz} = {kz}之和（{lz}）"), &format!("{ce} = sum of {ke} ({le})"))
        };
        let cells: Vec<At> = kids.iter().map(|k| At::new(ti, *k, c)).collect();
        ctx.sum(At::new(ti, parent, c), &cells, what);
    }
}

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let admin_costs = doc.tables_of(TableKind::AdminCosts);
    for (ti, t) in doc.tables_of(TableKind::BasicDetail).chain(admin_costs) {
        let Some(col) = t.column(keys::AMOUNT) else { continue };
        let at = |row: usize| At::new(ti, row, col);
        let kids_of = child_map(t);
        // Every amount column the table prints: 决算数 (T6), or 合计 / 人员经费 / 公用经费 (a budget's table).
        let columns: Vec<usize> =
            [keys::AMOUNT, keys::PERSONNEL, keys::PUBLIC].iter().filter_map(|k| t.column(k)).collect();
        // A budget's 合计 row = Σ 类 rows, in each column.
        // (and the 机关运行经费 table's, in its one column)
        let sums_total = columns.len() > 1 || t.kind == TableKind::AdminCosts;
        if let Some(total) = t.row(keys::GRAND_TOTAL).filter(|_| sums_total) {
            sum_of_children(ctx, ti, total, kids_of.of(None), &columns, ("各类", "its 类 rows"));
        }
        for (ri, r) in t.rows.iter().enumerate() {
            if r.code.as_deref().is_some_and(|c| c.len() == 3) {
                sum_of_children(ctx, ti, ri, kids_of.of(Some(ri)), &columns, ("所属各款", "its 款 rows"));
            }
        }
        for (key, codes) in [(keys::PERSONNEL_TOTAL, &PERSONNEL[..]), (keys::PUBLIC_TOTAL, &PUBLIC[..])] {
            let Some(total) = t.row(key) else { continue };
            let parts: Vec<usize> = codes.iter().filter_map(|c| t.row_by_code(c)).collect();
            if parts.is_empty() {
                continue;
            }
            let what = || {
                let names = plus(&parts.iter().map(|p| row_words(t, *p)).collect::<Vec<_>>());
                let label = row_words(t, total);
                row_message(t, total, &format!("{label} = {names}"), &format!("{label} = {names}"))
            };
            let cells: Vec<At> = parts.iter().map(|p| at(*p)).collect();
            ctx.sum(at(total), &cells, what);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;
    use crate::rules::testing::*;

    #[test]
    fn class_sums_and_footers() {
        let t6 = TableBuilder::new(TableKind::BasicDetail, &[(keys::AMOUNT, None)])
            .code("301", "工资福利支出", &["10.00"])
            .code("30101", "基本工资", &["6.00"])
            .code("30102", "津贴补贴", &["4.01"])
            .code("302", "商品和服务支出", &["3.00"])
            .code("30201", "办公费", &["2.00"])
            .code("303", "对个人和家庭的补助", &["1.00"])
            .code("30302", "退休费", &["1.00"])
            .code("310", "资本性支出", &["0.50"])
            .key(keys::PERSONNEL_TOTAL, "人员经费合计", None, &["11.00"])
            .key(keys::PUBLIC_TOTAL, "公用经费合计", None, &["3.50"])
            .build();
        let f = run(&RULE, &doc(vec![t6]));
        // 301: 10.01 vs 10.00 rounding; 302: 2.00 vs 3.00 error; 310 has no 款: unchecked; footers hold
        assert_eq!(count(&f, Severity::Info), 1, "{f:#?}");
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
        assert!(errors(&f)[0].message.zh.starts_with("一般公共预算财政拨款基本支出决算明细表「302 商品和服务支出」"));
    }

    #[test]
    fn budget_economic_table_every_column() {
        let cols = [(keys::AMOUNT, None), (keys::PERSONNEL, None), (keys::PUBLIC, None)];
        let mut t = TableBuilder::new(TableKind::BasicDetail, &cols)
            .code("301", "工资福利支出", &["100", "100", "0"])
            .code("30101", "基本工资", &["60", "60", "0"])
            .code("30102", "津贴补贴", &["40", "40", "0"])
            .code("302", "商品和服务支出", &["50", "0", "50"])
            .code("30201", "办公费", &["50", "0", "45"])
            .key(keys::GRAND_TOTAL, "合计", None, &["150", "100", "50"])
            .build();
        t.title = "2024年部门一般公共预算基本支出部门预算经济分类预算表".into();
        let f = run(&RULE, &doc(vec![t]));
        // 301 and 302 in three columns, 合计 in three: one error (302 公用经费 50 against 45).
        let e = errors(&f);
        assert_eq!(e.len(), 1, "{f:#?}");
        assert!(e[0].message.zh.contains("「302 商品和服务支出」：公用经费 = 所属各款之和"), "{}", e[0].message.zh);
        assert!(!f.iter().any(|x| x.message.zh.contains("决算")), "{f:#?}");
    }

    fn admin_costs(total: &str, office: &str) -> crate::model::Table {
        let mut t = TableBuilder::new(TableKind::AdminCosts, &[(keys::AMOUNT, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &[total])
            .code("302", "商品和服务支出", &["50.00"])
            .code("30201", "办公费", &[office])
            .code("30231", "公务用车运行维护费", &["20.00"])
            .build();
        t.title = "一般公共预算机关运行经费支出预算表".into();
        t
    }

    #[test]
    fn admin_costs_total_and_classes() {
        let f = run(&RULE, &doc(vec![admin_costs("50.00", "30.00")]));
        assert!(errors(&f).is_empty(), "{f:#?}");
        let f = run(&RULE, &doc(vec![admin_costs("50.00", "35.00")]));
        let e = errors(&f);
        assert_eq!(e.len(), 1, "{f:#?}");
        assert!(
            e[0].message.zh.starts_with("一般公共预算机关运行经费支出预算表「302 商品和服务支出」"),
            "{}",
            e[0].message.zh
        );
        assert!(e[0].message.zh.contains("机关运行经费支出"), "{}", e[0].message.zh);
        let f = run(&RULE, &doc(vec![admin_costs("52.00", "30.00")]));
        assert_eq!(errors(&f).len(), 1, "{f:#?}");
    }
}

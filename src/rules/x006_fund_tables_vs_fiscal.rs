use super::tables::{col_words, income_amount, is_declared_empty, row_key_words, row_words, t4_col};
use super::{At, Ctx, Rule};
use crate::model::{TableKind, keys};
use crate::report::{Message, Severity};

/// X006 fund_tables_vs_fiscal
pub static RULE: Rule = Rule {
    code: "X006",
    name: "fund_tables_vs_fiscal",
    title_zh: "基金、国资表与财政拨款总表",
    title_en: "Fund tables against the fiscal appropriation summary",
    doc: r#"## What
The 合计 row of the 政府性基金预算财政拨款收入支出决算表 (T7) = the 政府性基金 column of the 财政拨款收入支出决算总表
(T4): 年初结转和结余 = T4 年初结转 (政府性基金 sub-row); 本年收入 = T4 政府性基金预算财政拨款 income row;
本年支出小计 = T4 本年支出合计 (政府性基金 column); 年末结转和结余 = T4 年末结转 (政府性基金 column).
Likewise the 国有资本经营预算财政拨款支出决算表 (T8) with the 国有资本经营 column (only 本年支出 for the
three-column T8).

A budget's one-column table (Jiangsu 政府性基金预算财政拨款支出预算表: 科目编码, 科目名称, 金额) against a
财政拨款收支预算总表 that lists expenditure by use (基本支出, 项目支出) rather than by fund and has no carry-over
rows: 合计 = its 政府性基金预算 income row (what the fund grants this year is what the table spends).

A table declared empty (「…故本表无数据」, no figures) stands for zeros: every non-zero T4 figure it should match
is then an error, zeros are fine.

## Why
Units without fund money publish T7/T8 empty with a statement; the statement is false if T4 shows fund money.
When they do have fund money, T7 is T4's fund column broken down by code.

## Example
```
T4: 本年支出合计	59	2070.44	1070.44	1000.00	0.00
T7: 合计	0.00	1000.00	1000.00	0.00	1000.00	0.00
```
Holds. An empty T7 (「本表无数据」) against T4's 1000.00 would be an error.
"#,
    check,
};

/// (T7/T8 column, T4 row, T4 column: None = the income 金额 column)
fn pairs(
    fund_col: &'static str,
    opening: &'static str,
    income: &'static str,
) -> [(&'static str, &'static str, Option<&'static str>); 4] {
    [
        (keys::OPENING, opening, None),
        (keys::YEAR_INCOME, income, None),
        (keys::TOTAL, keys::EXPENDITURE_TOTAL, Some(fund_col)),
        (keys::CLOSING, keys::CLOSING_BALANCE, Some(fund_col)),
    ]
}

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let Some((i4, t4)) = doc.table(TableKind::FiscalSummary) else { return };
    let tables = [
        (TableKind::GovFund, pairs(keys::GOV_FUND, keys::OPENING_GOV_FUND, keys::INCOME_GOV_FUND)),
        (TableKind::StateCapital, pairs(keys::STATE_CAPITAL, keys::OPENING_STATE_CAPITAL, keys::INCOME_STATE_CAPITAL)),
    ];
    let (t4z, t4e) = (t4.name_zh(), t4.name_en());
    for (kind, pairs) in tables {
        let Some((it, t)) = doc.table(kind) else { continue };
        let total_row = t.row(keys::GRAND_TOTAL);
        let empty = is_declared_empty(t);
        let fund_col = pairs[2].2;
        let one_column = t.column(keys::YEAR_INCOME).is_none()
            && fund_col.is_some_and(|k| t4_col(t4, k).is_none())
            && !t4.rows.iter().any(|r| r.key.is_some_and(|k| k.starts_with("income.opening")));
        for (col_key, row4_key, col4_key) in pairs {
            let (row4_key, col4_key) =
                if one_column && col_key == keys::TOTAL { (pairs[1].1, None) } else { (row4_key, col4_key) };
            let Some(c) = t.column(col_key) else { continue };
            let (cz, ce) = col_words(t, c);
            let c4 = match col4_key {
                Some(k) => t4_col(t4, k),
                None => income_amount(t4),
            };
            let Some(c4) = c4 else { continue };
            let (fz, fe) = match col4_key {
                Some(_) => col_words(t4, c4),
                None => (String::new(), String::new()),
            };
            let here = total_row.filter(|r| t.rows.get(*r).is_some_and(|row| row.cell(c).is_some()));
            let Some(r4) = t4.row(row4_key) else {
                let what = Message::new(
                    format!("{}「合计」{cz} = {t4z}", t.name_zh()),
                    format!("{} [合计] {ce} = {t4e}", t.name_en()),
                );
                let cells: Vec<At> = here.iter().map(|r| At::new(it, *r, c)).collect();
                ctx.row_not_found(&cells, t4, row_key_words(row4_key), &what);
                continue;
            };
            let w4 = row_words(t4, r4);
            match here {
                Some(r) => {
                    let what = Message::new(
                        format!("{}「合计」{cz} = {t4z}「{w4}」{fz}", t.name_zh()),
                        format!("{} [合计] {ce} = {t4e} [{w4}] {fe}", t.name_en()),
                    );
                    ctx.equal(At::new(it, r, c), At::new(i4, r4, c4), what);
                }
                None if empty => {
                    let what = Message::new(
                        format!("{t4z}「{w4}」{fz} = {}{cz}（该表声明无数据，即为 0）", t.name_zh()),
                        format!("{t4e} [{w4}] {fe} = {} {ce} (declared empty, i.e. 0)", t.name_en()),
                    );
                    ctx.expect_zero(At::new(i4, r4, c4), what, Severity::Error);
                }
                None => {
                    let what = Message::new(
                        format!("{}「合计」{cz} = {t4z}「{w4}」{fz}", t.name_zh()),
                        format!("{} [合计] {ce} = {t4e} [{w4}] {fe}", t.name_en()),
                    );
                    ctx.row_not_found(&[At::new(i4, r4, c4)], t, "合计", &what);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::report::Severity;
    use crate::rules::testing::*;

    fn t4(gov_fund: &str) -> crate::model::Table {
        let cols = [(keys::AMOUNT, Some(I)), (keys::GOV_FUND, Some(E)), (keys::STATE_CAPITAL, Some(E))];
        TableBuilder::new(TableKind::FiscalSummary, &cols)
            .key(keys::INCOME_GOV_FUND, "政府性基金预算财政拨款", Some(I), &[gov_fund, "-", "-"])
            .key(keys::EXPENDITURE_TOTAL, "本年支出合计", Some(E), &["-", gov_fund, "0.00"])
            .key(keys::CLOSING_BALANCE, "年末财政拨款结转和结余", Some(E), &["-", "0.00", "0.00"])
            .key(keys::OPENING_GOV_FUND, "政府性基金预算财政拨款", Some(I), &["0.00", "-", "-"])
            .key(keys::INCOME_STATE_CAPITAL, "国有资本经营预算财政拨款", Some(I), &["0.00", "-", "-"])
            .key(keys::OPENING_STATE_CAPITAL, "国有资本经营预算财政拨款", Some(I), &["0.00", "-", "-"])
            .build()
    }

    fn empty(kind: TableKind) -> crate::model::Table {
        TableBuilder::new(
            kind,
            &[(keys::OPENING, None), (keys::YEAR_INCOME, None), (keys::TOTAL, None), (keys::CLOSING, None)],
        )
        .empty("我部门没有政府性基金预算财政拨款收入和支出，故本表无数据。")
        .build()
    }

    #[test]
    fn empty_tables_stand_for_zero() {
        let f = run(&RULE, &doc(vec![t4("0.00"), empty(TableKind::GovFund), empty(TableKind::StateCapital)]));
        assert!(f.is_empty(), "{f:#?}");
        let f = run(&RULE, &doc(vec![t4("1000.00"), empty(TableKind::GovFund)]));
        assert_eq!(count(&f, Severity::Error), 2, "{f:#?}");
    }

    #[test]
    fn t7_total_against_t4() {
        let t7 = TableBuilder::new(TableKind::GovFund, &[(keys::YEAR_INCOME, None), (keys::TOTAL, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &["1000.00", "900.00"])
            .build();
        let f = run(&RULE, &doc(vec![t4("1000.00"), t7]));
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
    }

    /// Jiangsu: 财政拨款收支预算总表 by use (one 金额 column each side, no carry-over rows) and a one-column 政府性基金
    /// table: its 合计 against the 政府性基金预算 income row.
    fn jiangsu_fiscal(gov_fund: &str) -> crate::model::Table {
        TableBuilder::new(TableKind::FiscalSummary, &[(keys::AMOUNT, Some(I)), (keys::AMOUNT, Some(E))])
            .key(keys::INCOME_GENERAL_BUDGET, "一般公共预算", Some(I), &["100.00", "-"])
            .key(keys::INCOME_GOV_FUND, "政府性基金预算", Some(I), &[gov_fund, "-"])
            .key(keys::EXPENDITURE_USE, "基本支出", Some(E), &["-", "100.00"])
            .build()
    }

    fn one_column_fund(total: &str) -> crate::model::Table {
        TableBuilder::new(TableKind::GovFund, &[(keys::TOTAL, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &[total])
            .code("212", "城乡社区支出", &[total])
            .build()
    }

    #[test]
    fn budget_one_column_fund_table_against_income_row() {
        let f = run(&RULE, &doc(vec![jiangsu_fiscal("20.00"), one_column_fund("20.00")]));
        assert!(errors(&f).is_empty(), "{f:#?}");
        let f = run(&RULE, &doc(vec![jiangsu_fiscal("20.00"), one_column_fund("25.00")]));
        let e = errors(&f);
        assert_eq!(e.len(), 1, "{f:#?}");
        assert!(e[0].message.zh.contains("「合计」金额"), "{}", e[0].message.zh);
        // Declared empty against a blank income row: holds; against 20.00: an error.
        let empty = TableBuilder::new(TableKind::GovFund, &[(keys::TOTAL, None)]).empty("此表为空").build();
        assert!(errors(&run(&RULE, &doc(vec![jiangsu_fiscal(""), empty.clone()]))).is_empty());
        assert_eq!(errors(&run(&RULE, &doc(vec![jiangsu_fiscal("20.00"), empty]))).len(), 1);
    }
}

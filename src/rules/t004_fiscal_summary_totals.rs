use super::tables::{class_rows, col_words, has_any_cell, income_amount, plus, row_message, row_words, t4_col};
use super::{At, Ctx, Rule};
use crate::model::{Part, TableKind, keys};
use crate::report::Message;

/// T004 fiscal_summary_totals
pub static RULE: Rule = Rule {
    code: "T004",
    name: "fiscal_summary_totals",
    title_zh: "财政拨款收入支出决算总表合计",
    title_en: "Totals of the fiscal appropriation summary",
    doc: r#"## What
Checks the identities inside the 财政拨款收入支出决算总表 (T4):
- 本年收入合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款 (income rows 1–3);
- 年初财政拨款结转和结余 = its three fund sub-rows;
- 收入总计 = 本年收入合计 + 年初财政拨款结转和结余;
- every expenditure row: 合计 = 一般公共预算财政拨款 + 政府性基金预算财政拨款 + 国有资本经营预算财政拨款;
- in each expenditure column: 本年支出合计 = Σ 类 rows; 总计 = 本年支出合计 + 年末财政拨款结转和结余;
- 收入总计 = 支出总计 (合计 column);
- for each fund: 本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余 (a T4 printed without the fund sub-rows
  of 年初结转和结余 is checked when that total is zero, and otherwise reported as not checked).

## Why
T4 is the fiscal part of T1 split by fund; the fund balances tie the income half to the expenditure half, and
a fund whose carry-over does not balance is a real accounting inconsistency, not a typo in one cell only.

## Example
```
一、一般公共预算财政拨款	1	1060.14	一、一般公共服务支出	33	221.56	221.56	0.00	0.00
本年收入合计	27	2060.14	本年支出合计	59	2070.44	1070.44	1000.00	0.00
年初财政拨款结转和结余	28	10.30	年末财政拨款结转和结余	60	0.00	0.00	0.00	0.00
一般公共预算财政拨款	29	10.30
```
For the general budget: 1060.14 + 10.30 = 1070.44 + 0.00 holds. Printing 1080.44 in 本年支出合计 would break it
(and the 合计 = Σ funds and column-sum identities) and be reported as errors.
"#,
    check,
};

/// (income row, opening sub-row, expenditure column) per fund.
const FUNDS: [(&str, &str, &str); 3] = [
    (keys::INCOME_GENERAL_BUDGET, keys::OPENING_GENERAL_BUDGET, keys::GENERAL_BUDGET),
    (keys::INCOME_GOV_FUND, keys::OPENING_GOV_FUND, keys::GOV_FUND),
    (keys::INCOME_STATE_CAPITAL, keys::OPENING_STATE_CAPITAL, keys::STATE_CAPITAL),
];

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for (ti, t) in doc.tables_of(TableKind::FiscalSummary) {
        let at = |row: usize, col: usize| At::new(ti, row, col);
        let words = |rows: &[usize]| rows.iter().map(|r| row_words(t, *r)).collect::<Vec<_>>();
        let ci = income_amount(t);
        let total_col = t4_col(t, keys::TOTAL);
        let fund_cols: Vec<usize> = FUNDS.iter().filter_map(|(_, _, c)| t4_col(t, c)).collect();

        if let Some(ci) = ci {
            // 本年收入合计 = Σ fund rows; 年初结转 = Σ fund sub-rows; 收入总计 = 本年收入合计 + 年初结转
            let sums: [(&str, Vec<&str>, &str, &str); 3] = [
                (keys::INCOME_TOTAL, FUNDS.iter().map(|f| f.0).collect(), "金额", "amount"),
                (keys::OPENING_BALANCE, FUNDS.iter().map(|f| f.1).collect(), "金额", "amount"),
                (
                    keys::INCOME_GRAND_TOTAL,
                    vec![keys::INCOME_TOTAL, keys::OPENING_BALANCE],
                    "收入总计",
                    "income grand total",
                ),
            ];
            for (total_key, part_keys, zh, en) in sums {
                let Some(total) = t.row(total_key) else { continue };
                let parts: Vec<usize> = part_keys.iter().filter_map(|k| t.row(k)).collect();
                if parts.is_empty() {
                    continue;
                }
                let what = || {
                    let names = plus(&words(&parts));
                    row_message(t, total, &format!("{zh} = {names}"), &format!("{en} = {names}"))
                };
                let cells: Vec<At> = parts.iter().map(|r| at(*r, ci)).collect();
                ctx.sum(at(total, ci), &cells, what);
            }
        }

        // every expenditure row: 合计 = Σ funds
        if let Some(tc) = total_col.filter(|_| !fund_cols.is_empty()) {
            let (tz, te) = col_words(t, tc);
            let (fz, fe): (Vec<String>, Vec<String>) = fund_cols.iter().map(|c| col_words(t, *c)).unzip();
            let (zh, en) = (format!("{tz} = {}", plus(&fz)), format!("{te} = {}", plus(&fe)));
            let mut all = fund_cols.clone();
            all.push(tc);
            for (ri, r) in t.rows.iter().enumerate() {
                if r.part != Some(Part::Expenditure) || !has_any_cell(t, ri, &all) {
                    continue;
                }
                let cells = fund_cols.iter().map(|c| at(ri, *c));
                ctx.sum_iter(at(ri, tc), cells, || row_message(t, ri, &zh, &en));
            }
        }

        // per column: 本年支出合计 = Σ 类; 支出总计 = 本年支出合计 + 年末结转
        let classes = class_rows(t);
        let exp_total = t.row(keys::EXPENDITURE_TOTAL);
        let closing = t.row(keys::CLOSING_BALANCE);
        let exp_grand = t.row(keys::EXPENDITURE_GRAND_TOTAL);
        for col in total_col.iter().chain(&fund_cols).copied() {
            let (cz, ce) = col_words(t, col);
            if let Some(et) = exp_total.filter(|_| !classes.is_empty()) {
                let n = classes.len();
                let what = || {
                    row_message(
                        t,
                        et,
                        &format!("{cz} = 支出各类（功能分类类级，共 {n} 行）之和"),
                        &format!("{ce} = sum of the {n} functional class rows"),
                    )
                };
                let cells: Vec<At> = classes.iter().map(|r| at(*r, col)).collect();
                ctx.sum(at(et, col), &cells, what);
            }
            if let Some(eg) = exp_grand {
                let parts: Vec<usize> = exp_total.iter().chain(&closing).copied().collect();
                if !parts.is_empty() {
                    let what = || {
                        let names = plus(&words(&parts));
                        row_message(
                            t,
                            eg,
                            &format!("{cz}：支出总计 = {names}"),
                            &format!("{ce}: expenditure grand total = {names}"),
                        )
                    };
                    let cells: Vec<At> = parts.iter().map(|r| at(*r, col)).collect();
                    ctx.sum(at(eg, col), &cells, what);
                }
            }
        }

        // 收入总计 = 支出总计
        if let (Some(ci), Some(tc), Some(ig), Some(eg)) = (ci, total_col, t.row(keys::INCOME_GRAND_TOTAL), exp_grand) {
            let what = Message::new(
                format!("{}：收入总计 = 支出总计（合计）", t.name_zh()),
                format!("{}: income grand total = expenditure grand total (total)", t.name_en()),
            );
            ctx.equal(at(ig, ci), at(eg, tc), what);
        }

        check_uses(ctx, ti, t);

        // per fund: 本年收入 + 年初结转 = 本年支出 + 年末结转
        let Some(ci) = ci else { continue };
        for (income_key, opening_key, col_key) in FUNDS {
            let (Some(inc), Some(col)) = (t.row(income_key), t4_col(t, col_key)) else { continue };
            let (Some(et), Some(cl)) = (exp_total, closing) else { continue };
            let (fz, fe) = col_words(t, col);
            let what = Message::new(
                format!("{}「{fz}」：本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余", t.name_zh()),
                format!("{} [{fe}]: income + opening balance = expenditure + closing balance", t.name_en()),
            );
            // Without fund sub-rows, a zero 年初财政拨款结转和结余 is zero for every fund (balances are not negative).
            let no_sub_rows = FUNDS.iter().all(|f| t.row(f.1).is_none());
            let zero_opening = t
                .row(keys::OPENING_BALANCE)
                .filter(|r| no_sub_rows && ctx.amount(at(*r, ci)).is_some_and(|a| a.is_zero()));
            match t.row(opening_key).or(zero_opening) {
                Some(op) => ctx.signed_sum(at(inc, ci), &[(1, at(et, col)), (1, at(cl, col)), (-1, at(op, ci))], what),
                None => {
                    let row_zh = format!("年初结转和结余·{fz}");
                    ctx.row_not_found(&[at(inc, ci), at(et, col), at(cl, col)], t, &row_zh, &what)
                }
            }
        }
    }
}

/// A summary whose expenditure half lists uses under one 金额 column (Jiangsu 财政拨款收支预算总表: 一、基本支出,
/// 二、项目支出, 三、单位预留机动经费, 支出合计): 支出合计 = Σ uses; and, with no 总计 rows, 收入合计 = 支出合计.
fn check_uses(ctx: &mut Ctx, ti: usize, t: &crate::model::Table) {
    let at = |row: usize, col: usize| At::new(ti, row, col);
    let Some(ce) = t.column_in(keys::AMOUNT, Part::Expenditure) else { return };
    let Some(et) = t.row(keys::EXPENDITURE_TOTAL) else { return };
    let uses: Vec<usize> = (0..t.rows.len()).filter(|r| t.rows[*r].key == Some(keys::EXPENDITURE_USE)).collect();
    if !uses.is_empty() && class_rows(t).is_empty() {
        let names = plus(&uses.iter().map(|r| row_words(t, *r)).collect::<Vec<_>>());
        let what = row_message(t, et, &format!("金额 = {names}"), &format!("amount = {names}"));
        let cells: Vec<At> = uses.iter().map(|r| at(*r, ce)).collect();
        ctx.sum(at(et, ce), &cells, what);
    }
    let grand = t.row(keys::INCOME_GRAND_TOTAL).or(t.row(keys::EXPENDITURE_GRAND_TOTAL));
    let balances = t.row(keys::OPENING_BALANCE).or(t.row(keys::CLOSING_BALANCE));
    if let (Some(ci), Some(it), None, None) = (income_amount(t), t.row(keys::INCOME_TOTAL), grand, balances) {
        let what = Message::new(
            format!("{}：收入合计 = 支出合计", t.name_zh()),
            format!("{}: income total = expenditure total", t.name_en()),
        );
        ctx.equal(at(it, ci), at(et, ce), what);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::report::Severity;
    use crate::rules::testing::*;

    fn t4(general_total: &str) -> crate::model::Table {
        let cols = [
            (keys::AMOUNT, Some(I)),
            (keys::TOTAL, Some(E)),
            (keys::GENERAL_BUDGET, Some(E)),
            (keys::GOV_FUND, Some(E)),
            (keys::STATE_CAPITAL, Some(E)),
        ];
        TableBuilder::new(TableKind::FiscalSummary, &cols)
            .key(keys::INCOME_GENERAL_BUDGET, "一般公共预算财政拨款", Some(I), &["100.00", "-", "-", "-", "-"])
            .key(keys::INCOME_GOV_FUND, "政府性基金预算财政拨款", Some(I), &["50.00", "-", "-", "-", "-"])
            .key(keys::INCOME_STATE_CAPITAL, "国有资本经营预算财政拨款", Some(I), &["0.00", "-", "-", "-", "-"])
            .row(Some("201"), None, "一般公共服务支出", Some(E), &["-", "105.00", "105.00", "0.00", "0.00"])
            .row(Some("229"), None, "其他支出", Some(E), &["-", "50.00", "0.00", "50.00", "0.00"])
            .key(keys::INCOME_TOTAL, "本年收入合计", Some(I), &["150.00", "-", "-", "-", "-"])
            .key(keys::EXPENDITURE_TOTAL, "本年支出合计", Some(E), &["-", "155.00", general_total, "50.00", "0.00"])
            .key(keys::OPENING_BALANCE, "年初财政拨款结转和结余", Some(I), &["5.00", "-", "-", "-", "-"])
            .key(keys::CLOSING_BALANCE, "年末财政拨款结转和结余", Some(E), &["-", "0.00", "0.00", "0.00", "0.00"])
            .key(keys::OPENING_GENERAL_BUDGET, "一般公共预算财政拨款", Some(I), &["5.00", "-", "-", "-", "-"])
            .key(keys::OPENING_GOV_FUND, "政府性基金预算财政拨款", Some(I), &["0.00", "-", "-", "-", "-"])
            .key(keys::OPENING_STATE_CAPITAL, "国有资本经营预算财政拨款", Some(I), &["0.00", "-", "-", "-", "-"])
            .key(keys::INCOME_GRAND_TOTAL, "总计", Some(I), &["155.00", "-", "-", "-", "-"])
            .key(keys::EXPENDITURE_GRAND_TOTAL, "总计", Some(E), &["-", "155.00", "105.00", "50.00", "0.00"])
            .build()
    }

    #[test]
    fn consistent() {
        let f = run(&RULE, &doc(vec![t4("105.00")]));
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn without_sub_rows_zero_opening_is_zero_per_fund() {
        let cols = [(keys::AMOUNT, Some(I)), (keys::TOTAL, Some(E)), (keys::GENERAL_BUDGET, Some(E))];
        let t = |opening: &str, closing: &str| {
            TableBuilder::new(TableKind::FiscalSummary, &cols)
                .key(keys::INCOME_GENERAL_BUDGET, "一般公共预算财政拨款", Some(I), &["100.00", "-", "-"])
                .key(keys::EXPENDITURE_TOTAL, "本年支出合计", Some(E), &["-", "90.00", "90.00"])
                .key(keys::OPENING_BALANCE, "年初财政拨款结转和结余", Some(I), &[opening, "-", "-"])
                .key(keys::CLOSING_BALANCE, "年末财政拨款结转和结余", Some(E), &["-", closing, closing])
                .build()
        };
        let f = run(&RULE, &doc(vec![t("0.00", "10.00")]));
        assert!(f.is_empty(), "{f:#?}");
        let f = run(&RULE, &doc(vec![t("0.00", "20.00")]));
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
        let f = run(&RULE, &doc(vec![t("5.00", "15.00")]));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].verdict, crate::report::Verdict::NotChecked);
    }

    #[test]
    fn broken_general_total() {
        let f = run(&RULE, &doc(vec![t4("106.00")]));
        // row 合计 ≠ Σ funds; column Σ 类; 总计 = 本年支出合计 + 年末; fund balance
        assert_eq!(count(&f, Severity::Error), 4, "{f:#?}");
        let f = run(&RULE, &doc(vec![t4("105.01")]));
        assert_eq!(count(&f, Severity::Error), 0, "{f:#?}");
    }
}

use super::tables::{class_rows, expenditure_amount, income_amount, plus, row_message, row_words};
use super::{At, Ctx, Rule};
use crate::model::{TableKind, keys};
use crate::report::Message;

/// T001 summary_totals
pub static RULE: Rule = Rule {
    code: "T001",
    name: "summary_totals",
    title_zh: "收入支出决算总表合计",
    title_en: "Totals of the income and expenditure summary",
    doc: r#"## What
Checks the totals of the 收入支出决算总表 (T1):
- 本年收入合计 = the income rows 1–8 (一般公共预算财政拨款收入 … 其他收入);
- 本年支出合计 = the 功能分类 类 rows of the expenditure half, and = its 支出用途 rows (基本支出, 项目支出,
  单位预留机动经费) when it lists them too (Jiangsu 收支预算总表, whose 当年收入/支出小计 are these totals and whose
  收入/支出合计 are the 总计);
- where 财政拨款 is one row over its fund rows (Jiangsu: 一、财政拨款, 1.一般公共预算, 2.政府性基金预算): 财政拨款 =
  Σ funds, and only 财政拨款 counts in 本年收入合计 (with 财政专户管理资金 and 其他资金);
- 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余;
- 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余;
- 收入总计 = 支出总计.

Each is judged under the rounding model: a difference within the rounding of the printed figures is a note
(尾差), a larger one an error.

## Why
T1 is the first table a reader sees and every other table restates a part of it. A total that does not add up
is the most common defect reviewers record.

## Example
```
本年收入合计	27	2060.14	本年支出合计	58	2070.44
年初结转和结余	29	10.30	年末结转和结余	60	0.00
总计	31	2070.44	总计	62	2071.44
```
「收入支出决算总表「总计」：支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余：应为 2070.44，表中为 2071.44」
is an error. A 总计 of 2070.45 would be within rounding (±0.01) and reported as a note.
"#,
    check,
};

const INCOME_ROWS: [&str; 11] = [
    keys::INCOME_FISCAL,
    keys::INCOME_SPECIAL_ACCOUNT,
    keys::INCOME_OTHER_FUNDS,
    keys::INCOME_GENERAL_BUDGET,
    keys::INCOME_GOV_FUND,
    keys::INCOME_STATE_CAPITAL,
    keys::INCOME_SUPERIOR,
    keys::INCOME_BUSINESS,
    keys::INCOME_OPERATING,
    keys::INCOME_AFFILIATE,
    keys::INCOME_OTHER,
];

const FUND_ROWS: [&str; 3] = [keys::INCOME_GENERAL_BUDGET, keys::INCOME_GOV_FUND, keys::INCOME_STATE_CAPITAL];

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for (ti, t) in doc.tables_of(TableKind::Summary) {
        let at = |row: usize, col: usize| At::new(ti, row, col);
        let words = |rows: &[usize]| rows.iter().map(|r| row_words(t, *r)).collect::<Vec<_>>();
        let ci = income_amount(t);
        let ce = expenditure_amount(t);

        // 本年收入合计 = Σ income rows 1–8
        // 财政拨款 printed as one row over its fund rows (Jiangsu 收支预算总表: 一、财政拨款, 1.一般公共预算,
        // 2.政府性基金预算): the fund rows are its parts, so 财政拨款 = Σ funds and only 财政拨款 is an addend.
        let fiscal = t.row(keys::INCOME_FISCAL);
        let funds: Vec<usize> = FUND_ROWS.iter().filter_map(|k| t.row(k)).collect();
        if let (Some(ci), Some(fiscal), false) = (ci, fiscal, funds.is_empty()) {
            let names = plus(&words(&funds));
            let what = row_message(t, fiscal, &format!("金额 = {names}"), &format!("amount = {names}"));
            let cells: Vec<At> = funds.iter().map(|r| at(*r, ci)).collect();
            ctx.sum(at(fiscal, ci), &cells, what);
        }
        if let (Some(ci), Some(total)) = (ci, t.row(keys::INCOME_TOTAL)) {
            let parts: Vec<usize> = INCOME_ROWS
                .iter()
                .filter(|k| fiscal.is_none() || !FUND_ROWS.contains(k))
                .filter_map(|k| t.row(k))
                .collect();
            if !parts.is_empty() {
                let names = plus(&words(&parts));
                let what = row_message(t, total, &format!("金额 = {names}"), &format!("amount = {names}"));
                let cells: Vec<At> = parts.iter().map(|r| at(*r, ci)).collect();
                ctx.sum(at(total, ci), &cells, what);
            }
        }

        // 本年支出合计 = Σ 类 rows
        if let (Some(ce), Some(total)) = (ce, t.row(keys::EXPENDITURE_TOTAL)) {
            let parts = class_rows(t);
            if !parts.is_empty() {
                let n = parts.len();
                let what = row_message(
                    t,
                    total,
                    &format!("金额 = 支出各类（功能分类类级，共 {n} 行）之和"),
                    &format!("amount = sum of the {n} functional class rows"),
                );
                let cells: Vec<At> = parts.iter().map(|r| at(*r, ce)).collect();
                ctx.sum(at(total, ce), &cells, what);
            }
        }

        // 本年支出合计 = Σ uses, when the expenditure half also lists them (Jiangsu 收支预算总表's 支出用途 half)
        let uses: Vec<usize> = (0..t.rows.len()).filter(|r| t.rows[*r].key == Some(keys::EXPENDITURE_USE)).collect();
        if let (Some(ce), Some(total), false) = (ce, t.row(keys::EXPENDITURE_TOTAL), uses.is_empty()) {
            let names = plus(&words(&uses));
            let what = row_message(t, total, &format!("金额 = {names}"), &format!("amount = {names}"));
            let cells: Vec<At> = uses.iter().map(|r| at(*r, ce)).collect();
            ctx.sum(at(total, ce), &cells, what);
        }

        // 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
        let income_grand = t.row(keys::INCOME_GRAND_TOTAL);
        if let (Some(ci), Some(grand)) = (ci, income_grand) {
            let parts: Vec<usize> = [keys::INCOME_TOTAL, keys::USE_NON_FISCAL_BALANCE, keys::OPENING_BALANCE]
                .iter()
                .filter_map(|k| t.row(k))
                .collect();
            if !parts.is_empty() {
                let names = plus(&words(&parts));
                let what =
                    row_message(t, grand, &format!("收入总计 = {names}"), &format!("income grand total = {names}"));
                let cells: Vec<At> = parts.iter().map(|r| at(*r, ci)).collect();
                ctx.sum(at(grand, ci), &cells, what);
            }
        }

        // 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余
        let exp_grand = t.row(keys::EXPENDITURE_GRAND_TOTAL);
        if let (Some(ce), Some(grand)) = (ce, exp_grand) {
            let parts: Vec<usize> = [keys::EXPENDITURE_TOTAL, keys::BALANCE_DISTRIBUTION, keys::CLOSING_BALANCE]
                .iter()
                .filter_map(|k| t.row(k))
                .collect();
            if !parts.is_empty() {
                let names = plus(&words(&parts));
                let what = row_message(
                    t,
                    grand,
                    &format!("支出总计 = {names}"),
                    &format!("expenditure grand total = {names}"),
                );
                let cells: Vec<At> = parts.iter().map(|r| at(*r, ce)).collect();
                ctx.sum(at(grand, ce), &cells, what);
            }
        }

        // 收入总计 = 支出总计
        if let (Some(ci), Some(ce), Some(ig), Some(eg)) = (ci, ce, income_grand, exp_grand) {
            let what = Message::new(
                format!("{}：收入总计 = 支出总计", t.name_zh()),
                format!("{}: income grand total = expenditure grand total", t.name_en()),
            );
            ctx.equal(at(ig, ci), at(eg, ce), what);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::report::Severity;
    use crate::rules::testing::*;

    fn t1(income_total: &str, exp_grand: &str) -> crate::model::Table {
        TableBuilder::new(TableKind::Summary, &[(keys::AMOUNT, Some(I)), (keys::AMOUNT, Some(E))])
            .key(keys::INCOME_GENERAL_BUDGET, "一般公共预算财政拨款收入", Some(I), &["100.00", "-"])
            .key(keys::INCOME_GOV_FUND, "政府性基金预算财政拨款收入", Some(I), &["20.00", "-"])
            .row(Some("201"), None, "一般公共服务支出", Some(E), &["-", "90.00"])
            .row(Some("206"), None, "科学技术支出", Some(E), &["-", "40.00"])
            .key(keys::INCOME_TOTAL, "本年收入合计", Some(I), &[income_total, "-"])
            .key(keys::EXPENDITURE_TOTAL, "本年支出合计", Some(E), &["-", "130.00"])
            .key(keys::OPENING_BALANCE, "年初结转和结余", Some(I), &["10.00", "-"])
            .key(keys::CLOSING_BALANCE, "年末结转和结余", Some(E), &["-", "0.00"])
            .key(keys::INCOME_GRAND_TOTAL, "总计", Some(I), &["130.00", "-"])
            .key(keys::EXPENDITURE_GRAND_TOTAL, "总计", Some(E), &["-", exp_grand])
            .build()
    }

    #[test]
    fn consistent_table_has_no_finding() {
        let d = doc(vec![t1("120.00", "130.00")]);
        assert!(run(&RULE, &d).is_empty());
    }

    #[test]
    fn broken_total_is_error_and_rounding_is_info() {
        let d = doc(vec![t1("121.00", "130.01")]);
        let f = run(&RULE, &d);
        // 本年收入合计 off by 1 (error, and 收入总计 then off too); 支出总计 off by 0.01 (info) and ≠ 收入总计 (info)
        assert_eq!(count(&f, Severity::Error), 2, "{f:#?}");
        assert_eq!(count(&f, Severity::Info), 2, "{f:#?}");
    }
}

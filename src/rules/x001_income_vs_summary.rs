use super::tables::{col_words, income_amount, plus, row_key_words, row_words};
use super::{At, Ctx, Rule};
use crate::model::{Table, TableKind, keys};
use crate::report::Message;

/// X001 income_vs_summary
pub static RULE: Rule = Rule {
    code: "X001",
    name: "income_vs_summary",
    title_zh: "收入决算表与收支总表",
    title_en: "Income table against the summary",
    doc: r#"## What
The 合计 row of the 收入决算表 (T2) restates the income half of the 收入支出决算总表 (T1), column by column:
- 本年收入合计 = T1 本年收入合计;
- 财政拨款收入 = T1 rows 1 + 2 + 3 (一般公共预算, 政府性基金预算, 国有资本经营预算财政拨款收入);
- 上级补助收入 = row 4; 事业收入 = row 5; 经营收入 = row 6; 附属单位上缴收入 = row 7; 其他收入 = row 8.

A budget's 收入预算总表 that lists its sources down one 金额 column (Jiangsu: 收入总计, then each source's 小计 —
一般公共预算资金, 政府性基金, 财政专户管理资金, 其他资金, 上年结转和结余资金) is compared row by row: each source =
the summary's row of that source (收入总计 = 收入合计).

Nothing is checked when either table is absent (a table pasted alone).

## Why
T2 breaks T1's income down by classification code; both come from the same accounts, so their totals must agree.
A difference usually means one table was updated after the other.

## Example
```
T1: 一、一般公共预算财政拨款收入	1	1060.14 / 二、政府性基金预算财政拨款收入	2	1000.00 / 本年收入合计	27	2060.14
T2: 合计		2060.14	2060.14	0.00	0.00	0.00	0.00	0.00
```
Holds. A T2 财政拨款收入 of 2050.14 would be an error against 1060.14 + 1000.00 + 0.00.
"#,
    check,
};

const COLUMNS: [(&str, &[&str]); 7] = [
    (keys::TOTAL, &[keys::INCOME_TOTAL]),
    (keys::FISCAL_GRANT, &[keys::INCOME_GENERAL_BUDGET, keys::INCOME_GOV_FUND, keys::INCOME_STATE_CAPITAL]),
    (keys::SUPERIOR_SUBSIDY, &[keys::INCOME_SUPERIOR]),
    (keys::BUSINESS_INCOME, &[keys::INCOME_BUSINESS]),
    (keys::OPERATING_INCOME, &[keys::INCOME_OPERATING]),
    (keys::AFFILIATE_INCOME, &[keys::INCOME_AFFILIATE]),
    (keys::OTHER_INCOME, &[keys::INCOME_OTHER]),
];

/// A budget's summary (Shanghai 财务收支预算总表) prints no 本年收入合计 row: with no carry-over or balance row either,
/// its 收入总计 is the year's income.
fn budget_total_is_grand_total(t1: &crate::model::Table) -> bool {
    t1.is_budget_table()
        && t1.row(keys::INCOME_TOTAL).is_none()
        && t1.row(keys::OPENING_BALANCE).is_none()
        && t1.row(keys::USE_NON_FISCAL_BALANCE).is_none()
}

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let (Some((i2, t2)), Some((i1, t1))) = (doc.table(TableKind::Income), doc.table(TableKind::Summary)) else {
        return;
    };
    let Some(c1) = income_amount(t1) else { return };
    if t2.row(keys::INCOME_GRAND_TOTAL).is_some() {
        return by_source(ctx, (i2, t2), (i1, t1), c1);
    }
    let Some(r2) = t2.row(keys::GRAND_TOTAL) else {
        let what = Message::new(
            format!("{}「合计」 = {}", t2.name_zh(), t1.name_zh()),
            format!("{} [合计] = {}", t2.name_en(), t1.name_en()),
        );
        return ctx.row_not_found(&[], t2, "合计", &what);
    };
    for (col_key, row_keys) in COLUMNS {
        let Some(c2) = t2.column(col_key) else { continue };
        let row_keys = if col_key == keys::TOTAL && budget_total_is_grand_total(t1) {
            &[keys::INCOME_GRAND_TOTAL][..]
        } else if col_key == keys::FISCAL_GRANT && t1.row(keys::INCOME_FISCAL).is_some() {
            // A summary that prints 财政拨款收入 as one row (a university's, or a Shanghai budget's over its fund
            // rows): that row is the figure, its fund rows are its parts, not more of it.
            &[keys::INCOME_FISCAL][..]
        } else {
            row_keys
        };
        let (cz, ce) = col_words(t2, c2);
        let rows: Vec<usize> = row_keys.iter().filter_map(|k| t1.row(k)).collect();
        let names = plus(&rows.iter().map(|r| row_words(t1, *r)).collect::<Vec<_>>());
        let what = Message::new(
            format!("{}「合计」{cz} = {}「{names}」", t2.name_zh(), t1.name_zh()),
            format!("{} [合计] {ce} = {} [{names}]", t2.name_en(), t1.name_en()),
        );
        // A source the income table leaves blank and the summary does not list (a budget's 收支预算总表 prints only
        // the sources it has): nothing to compare.
        let blank = t2.rows[r2].cell(c2).is_none_or(|c| c.text.trim().is_empty());
        if rows.is_empty() && blank && doc.kind == crate::model::DocumentKind::Budget {
            continue;
        }
        if rows.is_empty() {
            let missing = row_keys.first().copied().unwrap_or_default();
            ctx.row_not_found(&[At::new(i2, r2, c2)], t1, row_key_words(missing), &what);
            continue;
        }
        let cells: Vec<At> = rows.iter().map(|r| At::new(i1, *r, c1)).collect();
        match cells.as_slice() {
            [one] => ctx.equal(At::new(i2, r2, c2), *one, what),
            _ => ctx.sum(At::new(i2, r2, c2), &cells, what),
        }
    }
}

/// The sources a list by source (Jiangsu 收入预算总表) and the summary both name.
const SOURCES: [&str; 6] = [
    keys::INCOME_GRAND_TOTAL,
    keys::INCOME_GENERAL_BUDGET,
    keys::INCOME_GOV_FUND,
    keys::INCOME_SPECIAL_ACCOUNT,
    keys::INCOME_OTHER_FUNDS,
    keys::OPENING_BALANCE,
];

/// An income table that lists sources down one 金额 column (Jiangsu 收入预算总表: 收入总计, then each source's 小计):
/// each source's row = the summary's row of that source (收入总计 = 收入合计, 一般公共预算资金小计 = 1.一般公共预算 …).
fn by_source(ctx: &mut Ctx, (i2, t2): (usize, &Table), (i1, t1): (usize, &Table), c1: usize) {
    let Some(c2) = t2.column(keys::AMOUNT) else { return };
    for key in SOURCES {
        let (Some(r2), Some(r1)) = (t2.row(key), t1.row(key)) else { continue };
        let (w2, w1) = (row_words(t2, r2), row_words(t1, r1));
        let what = Message::new(
            format!("{}「{w2}」金额 = {}「{w1}」", t2.name_zh(), t1.name_zh()),
            format!("{} [{w2}] amount = {} [{w1}]", t2.name_en(), t1.name_en()),
        );
        ctx.equal(At::new(i2, r2, c2), At::new(i1, r1, c1), what);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::report::Severity;
    use crate::rules::testing::*;

    #[test]
    fn t2_total_against_t1() {
        let t1 = TableBuilder::new(TableKind::Summary, &[(keys::AMOUNT, Some(I)), (keys::AMOUNT, Some(E))])
            .key(keys::INCOME_GENERAL_BUDGET, "一般公共预算财政拨款收入", Some(I), &["100.00", "-"])
            .key(keys::INCOME_GOV_FUND, "政府性基金预算财政拨款收入", Some(I), &["20.00", "-"])
            .key(keys::INCOME_OTHER, "其他收入", Some(I), &["1.00", "-"])
            .key(keys::INCOME_TOTAL, "本年收入合计", Some(I), &["121.00", "-"])
            .build();
        let t2 = TableBuilder::new(
            TableKind::Income,
            &[(keys::TOTAL, None), (keys::FISCAL_GRANT, None), (keys::OTHER_INCOME, None)],
        )
        .key(keys::GRAND_TOTAL, "合计", None, &["121.01", "110.00", "1.00"])
        .build();
        let f = run(&RULE, &doc(vec![t1, t2]));
        assert_eq!(count(&f, Severity::Info), 1, "{f:#?}");
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
        let e = errors(&f)[0];
        assert!(e.message.zh.starts_with("收入决算表「合计」财政拨款收入 = 收入支出决算总表「一般公共预算财政拨款收入 + 政府性基金预算财政拨款收入」"), "{}", e.message.zh);
    }
}

use super::tables::{col_words, has_any_cell, row_message};
use super::{At, Ctx, Rule};
use crate::model::{TableKind, keys};

/// T006 fund_carryover
pub static RULE: Rule = Rule {
    code: "T006",
    name: "fund_carryover",
    title_zh: "基金结转结余",
    title_en: "Fund carry-over balance",
    doc: r#"## What
On every row of the 政府性基金预算财政拨款收入支出决算表 (T7), and of a 国有资本经营 table (T8) printed with the
same six columns: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出小计.

## Why
Fund money not spent is carried over; the closing balance follows from the opening balance, the income and the
spending of the year. A closing balance that does not follow means one of the four figures is wrong.

## Example
```
229	其他支出	0.00	1000.00	1000.00	0.00	1000.00	0.00
```
0.00 + 1000.00 − 1000.00 = 0.00 holds. A 年末结转和结余 of 10.00 would be an error.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for (ti, t) in doc.tables.iter().enumerate() {
        if !matches!(t.kind, TableKind::GovFund | TableKind::StateCapital) {
            continue;
        }
        let (Some(op), Some(inc), Some(exp), Some(cl)) =
            (t.column(keys::OPENING), t.column(keys::YEAR_INCOME), t.column(keys::TOTAL), t.column(keys::CLOSING))
        else {
            continue;
        };
        let [o, i, e, c] = [op, inc, exp, cl].map(|x| col_words(t, x).0);
        let [oe, ie, ee, ce] = [op, inc, exp, cl].map(|x| col_words(t, x).1);
        let zh = format!("{c} = {o} + {i} − {e}");
        let en = format!("{ce} = {oe} + {ie} − {ee}");
        for (ri, r) in t.rows.iter().enumerate() {
            if (r.code.is_none() && r.key != Some(keys::GRAND_TOTAL)) || !has_any_cell(t, ri, &[op, inc, exp, cl]) {
                continue;
            }
            let at = |col: usize| At::new(ti, ri, col);
            ctx.signed_sum(at(cl), &[(1, at(op)), (1, at(inc)), (-1, at(exp))], || row_message(t, ri, &zh, &en));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;
    use crate::rules::testing::*;

    #[test]
    fn closing_follows() {
        let cols = [
            (keys::OPENING, None),
            (keys::YEAR_INCOME, None),
            (keys::TOTAL, None),
            (keys::BASIC, None),
            (keys::PROJECT, None),
            (keys::CLOSING, None),
        ];
        let t7 = TableBuilder::new(TableKind::GovFund, &cols)
            .key(keys::GRAND_TOTAL, "合计", None, &["5.00", "100.00", "90.00", "0.00", "90.00", "15.00"])
            .code("229", "其他支出", &["5.00", "100.00", "90.00", "0.00", "90.00", "25.00"])
            .build();
        let f = run(&RULE, &doc(vec![t7]));
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
        assert!(f[0].message.zh.starts_with("政府性基金预算财政拨款收入支出决算表「229 其他支出」：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出小计"));
    }
}

use super::{Ctx, Rule};

/// T006 fund_carryover
pub static RULE: Rule = Rule {
    code: "T006",
    name: "fund_carryover",
    title_zh: "基金结转结余",
    title_en: "Fund carry-over balance",
    doc: r#"## What
On every row of the 政府性基金预算财政拨款收入支出决算表 (T7), and of a 国有资本经营 table (T8) printed with the
same six columns: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出小计. Declared by the form (`identities` of
its fund tables, `src/forms/data/*.json`).

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
    super::form_identities::check_row_sums(ctx);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TableKind, keys};
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

use super::tables::{col_words, income_amount, row_words};
use super::{At, Ctx, Rule};
use crate::model::{TableKind, keys};
use crate::report::Message;

/// X003 fiscal_vs_summary
pub static RULE: Rule = Rule {
    code: "X003",
    name: "fiscal_vs_summary",
    title_zh: "财政拨款总表与收支总表",
    title_en: "Fiscal appropriation summary against the summary",
    doc: r#"## What
- The fund income rows of the 财政拨款收入支出决算总表 (T4) = rows 1–3 of the 收入支出决算总表 (T1):
  一般公共预算, 政府性基金预算, 国有资本经营预算财政拨款(收入).
- T4 年初财政拨款结转和结余 ≤ T1 年初结转和结余 (T1 also carries non-fiscal balances): a warning when broken.
- 收入决算表 (T2) 合计 财政拨款收入 = T4 本年收入合计.

Each identity is checked only when both its tables are present.

## Why
T4 is the fiscal-appropriation part of T1. Its fund income is the same money as T1's first three rows; its
opening fiscal balance is part of T1's opening balance.

## Example
```
T1: 一、一般公共预算财政拨款收入	1	1060.14
T4: 一、一般公共预算财政拨款	1	1006.14
```
「财政拨款收入支出决算总表「一般公共预算财政拨款」金额 = 收入支出决算总表「一般公共预算财政拨款收入」金额：应为
1060.14，表中为 1006.14」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let t1 = doc.table(TableKind::Summary);
    let t2 = doc.table(TableKind::Income);
    let Some((i4, t4)) = doc.table(TableKind::FiscalSummary) else { return };
    let Some(c4) = income_amount(t4) else { return };
    let (t4z, t4e) = (t4.name_zh(), t4.name_en());

    if let Some((i1, t1)) = t1
        && let Some(c1) = income_amount(t1)
    {
        let (t1z, t1e) = (t1.name_zh(), t1.name_en());
        for key in [keys::INCOME_GENERAL_BUDGET, keys::INCOME_GOV_FUND, keys::INCOME_STATE_CAPITAL] {
            let (Some(r4), Some(r1)) = (t4.row(key), t1.row(key)) else { continue };
            let (w4, w1) = (row_words(t4, r4), row_words(t1, r1));
            let what = Message::new(
                format!("{t4z}「{w4}」金额 = {t1z}「{w1}」金额"),
                format!("{t4e} [{w4}] amount = {t1e} [{w1}] amount"),
            );
            ctx.equal(At::new(i4, r4, c4), At::new(i1, r1, c1), what);
        }
        if let (Some(r4), Some(r1)) = (t4.row(keys::OPENING_BALANCE), t1.row(keys::OPENING_BALANCE)) {
            let (w4, w1) = (row_words(t4, r4), row_words(t1, r1));
            let what = Message::new(format!("{t4z}「{w4}」 ≤ {t1z}「{w1}」"), format!("{t4e} [{w4}] ≤ {t1e} [{w1}]"));
            ctx.at_most(At::new(i4, r4, c4), At::new(i1, r1, c1), what);
        }
    }

    if let Some((i2, t2)) = t2 {
        let (Some(r2), Some(c2), Some(r4)) =
            (t2.row(keys::GRAND_TOTAL), t2.column(keys::FISCAL_GRANT), t4.row(keys::INCOME_TOTAL))
        else {
            return;
        };
        let (cz, ce) = col_words(t2, c2);
        let w4 = row_words(t4, r4);
        let what = Message::new(
            format!("{}「合计」{cz} = {t4z}「{w4}」", t2.name_zh()),
            format!("{} [合计] {ce} = {t4e} [{w4}]", t2.name_en()),
        );
        ctx.equal(At::new(i2, r2, c2), At::new(i4, r4, c4), what);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::report::Severity;
    use crate::rules::testing::*;

    #[test]
    fn fund_rows_and_opening() {
        let t1 = TableBuilder::new(TableKind::Summary, &[(keys::AMOUNT, Some(I)), (keys::AMOUNT, Some(E))])
            .key(keys::INCOME_GENERAL_BUDGET, "一般公共预算财政拨款收入", Some(I), &["100.00", "-"])
            .key(keys::OPENING_BALANCE, "年初结转和结余", Some(I), &["5.00", "-"])
            .build();
        let t4 = TableBuilder::new(TableKind::FiscalSummary, &[(keys::AMOUNT, Some(I)), (keys::TOTAL, Some(E))])
            .key(keys::INCOME_GENERAL_BUDGET, "一般公共预算财政拨款", Some(I), &["101.00", "-"])
            .key(keys::OPENING_BALANCE, "年初财政拨款结转和结余", Some(I), &["6.00", "-"])
            .build();
        let f = run(&RULE, &doc(vec![t1, t4]));
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
        assert_eq!(count(&f, Severity::Warning), 1, "{f:#?}");
    }
}

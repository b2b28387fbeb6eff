use super::tables::{at_row, children, class_rows, code_index, col_words, row_words, t4_col};
use super::{At, Ctx, Rule};
use crate::model::{Part, TableKind, keys};
use crate::report::{Message, Severity};

/// X004 general_budget_vs_fiscal
pub static RULE: Rule = Rule {
    code: "X004",
    name: "general_budget_vs_fiscal",
    title_zh: "一般公共预算支出表与财政拨款总表、支出决算表",
    title_en: "General budget expenditure against the fiscal summary and the expenditure table",
    doc: r#"## What
- 一般公共预算财政拨款支出决算表 (T5) 合计 小计 = 财政拨款收入支出决算总表 (T4) 本年支出合计, 一般公共预算
  财政拨款 column;
- each T5 类 row = the T4 类 row of that 类, 一般公共预算财政拨款 column; a T4 类 with a non-zero general-budget
  amount and no T5 row is an error;
- per code (and for 合计), in 小计/基本支出/项目支出: T5 ≤ 支出决算表 (T3), since T3 covers all spending and T5
  only the general budget: a warning when broken (a T5 code with spending that T3 does not list is one too).

## Why
T5 is the general-budget column of T4 broken down by 款 and 项, and a part of T3.

## Example
```
T4: 本年支出合计	59	2070.44	1070.44	1000.00	0.00
T5: 合计		1070.44	138.97	931.46
```
Holds. A T5 20113 小计 of 231.26 against T3's 221.56 would be a warning (T5 larger than all spending).
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let Some((i5, t5)) = doc.table(TableKind::GeneralBudget) else { return };
    let Some(c5) = t5.column(keys::TOTAL) else { return };
    let (t5z, t5e) = (t5.name_zh(), t5.name_en());

    if let Some((i4, t4)) = doc.table(TableKind::FiscalSummary)
        && let Some(c4) = t4_col(t4, keys::GENERAL_BUDGET)
    {
        let (t4z, t4e) = (t4.name_zh(), t4.name_en());
        let (gz, ge) = col_words(t4, c4);
        if let (Some(r5), Some(r4)) = (t5.row(keys::GRAND_TOTAL), t4.row(keys::EXPENDITURE_TOTAL)) {
            let w4 = row_words(t4, r4);
            let what = Message::new(
                format!("{t5z}「合计」小计 = {t4z}「{w4}」{gz}"),
                format!("{t5e} [合计] subtotal = {t4e} [{w4}] {ge}"),
            );
            ctx.equal(At::new(i5, r5, c5), At::new(i4, r4, c4), what);
        }
        for r5 in children(t5, None) {
            let Some(code) = t5.rows.get(r5).and_then(|r| r.code.as_deref()) else { continue };
            match t4.row_by_code_in(code, Part::Expenditure).or_else(|| t4.row_by_code(code)) {
                Some(r4) => {
                    let what = || {
                        let ((rz, re), w4) = (at_row(t5, r5), row_words(t4, r4));
                        Message::new(
                            format!("{rz}小计 = {t4z}「{w4}」{gz}"),
                            format!("{re} subtotal = {t4e} [{w4}] {ge}"),
                        )
                    };
                    ctx.equal(At::new(i5, r5, c5), At::new(i4, r4, c4), what);
                }
                None => {
                    let (rz, re) = at_row(t5, r5);
                    let what = Message::new(
                        format!("{rz}小计 = {t4z}同类{gz}"),
                        format!("{re} subtotal = the same class in {t4e}, {ge}"),
                    );
                    ctx.row_not_found(&[At::new(i5, r5, c5)], t4, code, &what);
                }
            }
        }
        for r4 in class_rows(t4) {
            let Some(code) = t4.rows.get(r4).and_then(|r| r.code.as_deref()) else { continue };
            if t5.row_by_code(code).is_some() {
                continue;
            }
            let what = || {
                let (rz, re) = at_row(t4, r4);
                Message::new(
                    format!("{rz}{gz} = {t5z}中该类支出（表中没有 {code} 行，即为 0）"),
                    format!("{re} {ge} = that class in {t5e} (no row {code} there, i.e. 0)"),
                )
            };
            ctx.expect_zero(At::new(i4, r4, c4), what, Severity::Error);
        }
    }

    if let Some((i3, t3)) = doc.table(TableKind::Expenditure) {
        let (t3z, t3e) = (t3.name_zh(), t3.name_en());
        let cols: Vec<(usize, usize)> = [keys::TOTAL, keys::BASIC, keys::PROJECT]
            .iter()
            .filter_map(|k| Some((t5.column(k)?, t3.column(k)?)))
            .collect();
        let codes3 = code_index(t3);
        for (r5, row) in t5.rows.iter().enumerate() {
            let r3 = match (&row.code, row.key) {
                // A 支出预算总表 with no code rows (Jiangsu's prints its 合计 only): only the 合计 compares.
                (Some(_), _) if codes3.is_empty() => continue,
                (Some(code), _) => codes3.get(code.as_str()).copied(),
                (None, Some(keys::GRAND_TOTAL)) => t3.row(keys::GRAND_TOTAL),
                _ => continue,
            };
            for (col5, col3) in &cols {
                // The words of a finding, built only for one.
                let words = || (at_row(t5, r5), col_words(t5, *col5), col_words(t3, *col3));
                match r3 {
                    Some(r3) => {
                        let what = || {
                            let ((rz, re), (cz, ce), (dz, de)) = words();
                            let w3 = row_words(t3, r3);
                            Message::new(
                                format!("{rz}{cz} ≤ {t3z}「{w3}」{dz}"),
                                format!("{re} {ce} ≤ {t3e} [{w3}] {de}"),
                            )
                        };
                        ctx.at_most(At::new(i5, r5, *col5), At::new(i3, r3, *col3), what);
                    }
                    None => {
                        let what = || {
                            let ((rz, re), (cz, ce), (dz, de)) = words();
                            let code = row.code.as_deref().unwrap_or("合计");
                            Message::new(
                                format!("{rz}{cz} ≤ {t3z}中同一科目{dz}（表中没有 {code} 行，即为 0）"),
                                format!("{re} {ce} ≤ the same code in {t3e}, {de} (no row {code} there, i.e. 0)"),
                            )
                        };
                        ctx.expect_zero(At::new(i5, r5, *col5), what, Severity::Warning);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::rules::testing::*;

    #[test]
    fn t5_against_t4_and_t3() {
        let t4 = TableBuilder::new(
            TableKind::FiscalSummary,
            &[(keys::AMOUNT, Some(I)), (keys::TOTAL, Some(E)), (keys::GENERAL_BUDGET, Some(E))],
        )
        .row(Some("201"), None, "一般公共服务支出", Some(E), &["-", "90.00", "90.00"])
        .row(Some("206"), None, "科学技术支出", Some(E), &["-", "40.00", "40.00"])
        .key(keys::EXPENDITURE_TOTAL, "本年支出合计", Some(E), &["-", "130.00", "130.00"])
        .build();
        let t5 = TableBuilder::new(TableKind::GeneralBudget, &[(keys::TOTAL, None), (keys::BASIC, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &["130.00", "130.00"])
            .code("201", "一般公共服务支出", &["90.00", "90.00"])
            .code("20101", "人大事务", &["95.00", "95.00"])
            .build();
        let t3 = TableBuilder::new(TableKind::Expenditure, &[(keys::TOTAL, None), (keys::BASIC, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &["130.00", "130.00"])
            .code("201", "一般公共服务支出", &["90.00", "90.00"])
            .code("20101", "人大事务", &["90.00", "90.00"])
            .build();
        let f = run(&RULE, &doc(vec![t4, t5, t3]));
        let e = errors(&f);
        assert_eq!(e.len(), 1, "{f:#?}");
        assert!(e[0].message.zh.starts_with("财政拨款收入支出决算总表「206 科学技术支出」一般公共预算财政拨款 = 一般公共预算财政拨款支出决算表中该类支出"));
        let w: Vec<_> = f.iter().filter(|f| f.severity == Severity::Warning).collect();
        assert_eq!(w.len(), 2, "{f:#?}");
        assert!(w[0].message.zh.starts_with(
            "一般公共预算财政拨款支出决算表「20101 人大事务」小计 ≤ 支出决算表「20101 人大事务」本年支出合计"
        ));
    }
}

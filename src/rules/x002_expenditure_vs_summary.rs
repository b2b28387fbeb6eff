use super::tables::{at_row, children, class_rows, expenditure_amount, row_words};
use super::{At, Ctx, Rule};
use crate::model::{Part, TableKind, keys};
use crate::report::{Message, Severity};

/// X002 expenditure_vs_summary
pub static RULE: Rule = Rule {
    code: "X002",
    name: "expenditure_vs_summary",
    title_zh: "支出决算表与收支总表",
    title_en: "Expenditure table against the summary",
    doc: r#"## What
The 支出决算表 (T3) restates the expenditure half of the 收入支出决算总表 (T1):
- T3 合计 本年支出合计 = T1 本年支出合计;
- each T3 类 row (3-digit code) 本年支出合计 = the T1 支出 row of that 类 (T1 rows are matched to codes by name);
- a T1 类 row with a non-zero amount and no row in T3 is an error (T3 lists every code that has spending), when T3
  lists any code;
- a 支出预算总表 that prints 结转下年资金 beside its uses (Jiangsu): its 合计 = the summary's 支出合计, each use column
  (基本支出, 项目支出, 单位预留机动经费) = the summary's 支出用途 row of that name, 结转下年资金 = its 结转下年资金.

Nothing is checked when either table is absent.

## Why
T1 lists spending by 类; T3 breaks the same spending down by 款 and 项. The 类 figures must be the same in both.

## Example
```
T1: 六、科学技术支出	37	487.88
T3: 206	科学技术支出	478.88	0.00	478.88	0.00	0.00	0.00
```
「支出决算表「206 科学技术支出」本年支出合计 = 收入支出决算总表「206 科学技术支出」金额：应为 487.88，表中为 478.88」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let (Some((i3, t3)), Some((i1, t1))) = (doc.table(TableKind::Expenditure), doc.table(TableKind::Summary)) else {
        return;
    };
    let (Some(c3), Some(c1)) = (t3.column(keys::TOTAL), expenditure_amount(t1)) else { return };
    let (t1z, t1e) = (t1.name_zh(), t1.name_en());

    // A budget's summary (Shanghai 财务收支预算总表) prints no 本年支出合计 row: with no balance row either, its
    // 支出总计 is the year's expenditure.
    let grand_total = t1.is_budget_table()
        && t1.row(keys::EXPENDITURE_TOTAL).is_none()
        && t1.row(keys::CLOSING_BALANCE).is_none()
        && t1.row(keys::BALANCE_DISTRIBUTION).is_none();
    let (total_key, total_words) = if grand_total {
        (keys::EXPENDITURE_GRAND_TOTAL, "支出总计")
    } else {
        (keys::EXPENDITURE_TOTAL, "本年支出合计")
    };
    // Jiangsu's 支出预算总表 prints 结转下年资金 beside its uses: its 合计 is the summary's 支出合计 (当年支出小计 +
    // 结转下年资金), and each use column is the summary's 支出用途 row of that name.
    let closing = t3.column(keys::CLOSING).filter(|_| t1.row(keys::EXPENDITURE_GRAND_TOTAL).is_some());
    let (total_key, total_words) =
        if closing.is_some() { (keys::EXPENDITURE_GRAND_TOTAL, "支出合计") } else { (total_key, total_words) };
    if let (Some(r3), Some(_)) = (t3.row(keys::GRAND_TOTAL), closing) {
        for (c3, col) in t3.columns.iter().enumerate() {
            let r1 = match col.key {
                keys::CLOSING => t1.row(keys::CLOSING_BALANCE),
                keys::TOTAL => continue,
                _ => (0..t1.rows.len())
                    .find(|r| t1.rows[*r].key == Some(keys::EXPENDITURE_USE) && t1.rows[*r].label == col.label),
            };
            let Some(r1) = r1 else { continue };
            let w1 = row_words(t1, r1);
            let what = Message::new(
                format!("{}「合计」{} = {t1z}「{w1}」", t3.name_zh(), col.label),
                format!("{} [合计] {} = {t1e} [{w1}]", t3.name_en(), col.label),
            );
            ctx.equal(At::new(i3, r3, c3), At::new(i1, r1, c1), what);
        }
    }
    if let (Some(r3), Some(r1)) = (t3.row(keys::GRAND_TOTAL), t1.row(total_key)) {
        let what = Message::new(
            format!("{}「合计」本年支出合计 = {t1z}「{total_words}」", t3.name_zh()),
            format!("{} [合计] total expenditure = {t1e} [{total_words}]", t3.name_en()),
        );
        ctx.equal(At::new(i3, r3, c3), At::new(i1, r1, c1), what);
    }

    for r3 in children(t3, None) {
        let Some(code) = t3.rows.get(r3).and_then(|r| r.code.as_deref()) else { continue };
        let row1 = t1.row_by_code_in(code, Part::Expenditure).or_else(|| t1.row_by_code(code));
        match row1 {
            Some(r1) => {
                let what = || {
                    let ((rz, re), w1) = (at_row(t3, r3), row_words(t1, r1));
                    Message::new(
                        format!("{rz}本年支出合计 = {t1z}「{w1}」金额"),
                        format!("{re} total expenditure = {t1e} [{w1}] amount"),
                    )
                };
                ctx.equal(At::new(i3, r3, c3), At::new(i1, r1, c1), what);
            }
            None => {
                let (rz, re) = at_row(t3, r3);
                let what = Message::new(
                    format!("{rz}本年支出合计 = {t1z}同类支出"),
                    format!("{re} total expenditure = the same class in {t1e}"),
                );
                ctx.row_not_found(&[At::new(i3, r3, c3)], t1, code, &what);
            }
        }
    }

    // T1 类 with spending but no T3 row (when T3 lists its spending by class at all)
    let by_class = t3.rows.iter().any(|r| r.code.is_some());
    for r1 in class_rows(t1).into_iter().filter(|_| by_class) {
        let Some(code) = t1.rows.get(r1).and_then(|r| r.code.as_deref()) else { continue };
        if t3.row_by_code(code).is_some() {
            continue;
        }
        let what = || {
            let (rz, re) = at_row(t1, r1);
            Message::new(
                format!("{rz}金额 = {}中该类支出（表中没有 {code} 行，即为 0）", t3.name_zh()),
                format!("{re} amount = that class in {} (no row {code} there, i.e. 0)", t3.name_en()),
            )
        };
        ctx.expect_zero(At::new(i1, r1, c1), what, Severity::Error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part::{Expenditure as E, Income as I};
    use crate::rules::testing::*;

    #[test]
    fn classes_match() {
        let t1 = TableBuilder::new(TableKind::Summary, &[(keys::AMOUNT, Some(I)), (keys::AMOUNT, Some(E))])
            .row(Some("201"), None, "一般公共服务支出", Some(E), &["-", "90.00"])
            .row(Some("206"), None, "科学技术支出", Some(E), &["-", "40.00"])
            .row(Some("207"), None, "文化旅游体育与传媒支出", Some(E), &["-", "0.00"])
            .key(keys::EXPENDITURE_TOTAL, "本年支出合计", Some(E), &["-", "130.00"])
            .build();
        let t3 = TableBuilder::new(TableKind::Expenditure, &[(keys::TOTAL, None), (keys::BASIC, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &["130.00", "130.00"])
            .code("201", "一般公共服务支出", &["91.00", "91.00"])
            .build();
        let f = run(&RULE, &doc(vec![t1, t3]));
        let e = errors(&f);
        assert_eq!(e.len(), 2, "{f:#?}");
        assert!(e[0].message.zh.starts_with(
            "支出决算表「201 一般公共服务支出」本年支出合计 = 收入支出决算总表「201 一般公共服务支出」金额"
        ));
        assert!(e[1].message.zh.starts_with("收入支出决算总表「206 科学技术支出」金额 = 支出决算表中该类支出"));
    }
}

use super::{At, Ctx, Rule};
use crate::model::{TableKind, keys};
use crate::report::Message;

/// X005 basic_vs_detail
pub static RULE: Rule = Rule {
    code: "X005",
    name: "basic_vs_detail",
    title_zh: "基本支出与基本支出明细表",
    title_en: "Basic expenditure against its detail table",
    doc: r#"## What
一般公共预算财政拨款支出决算表 (T5) 合计 基本支出 = 基本支出决算明细表 (T6) 人员经费合计 + 公用经费合计.

## Why
T6 details, by 经济分类, exactly the basic spending T5 reports by 功能分类: the two totals are the same money.

## Example
```
T5: 合计		1070.44	138.97	931.46
T6: 人员经费合计		131.02	公用经费合计		7.95
```
131.02 + 7.95 = 138.97 holds; a 公用经费合计 of 9.95 would be an error.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let (Some((i5, t5)), Some((i6, t6))) = (doc.table(TableKind::GeneralBudget), doc.table(TableKind::BasicDetail))
    else {
        return;
    };
    let (Some(r5), Some(c5), Some(c6)) = (t5.row(keys::GRAND_TOTAL), t5.column(keys::BASIC), t6.column(keys::AMOUNT))
    else {
        return;
    };
    let parts: Vec<usize> = [keys::PERSONNEL_TOTAL, keys::PUBLIC_TOTAL].iter().filter_map(|k| t6.row(k)).collect();
    // The Shanghai budget's 经济分类预算表 prints 合计 / 人员经费 / 公用经费 columns and a 合计 row, no footer rows:
    // the basic spending is its 合计 row's 合计.
    if let (true, Some(total)) = (parts.is_empty() && t6.column(keys::PERSONNEL).is_some(), t6.row(keys::GRAND_TOTAL)) {
        let what = Message::new(
            format!("{}「合计」基本支出 = {}「合计」合计", t5.name_zh(), t6.name_zh()),
            format!("{} [合计] basic expenditure = {} [合计] total", t5.name_en(), t6.name_en()),
        );
        return ctx.equal(At::new(i5, r5, c5), At::new(i6, total, c6), what);
    }
    let what = Message::new(
        format!("{}「合计」基本支出 = {}「人员经费合计」 + 「公用经费合计」", t5.name_zh(), t6.name_zh()),
        format!("{} [合计] basic expenditure = {} [人员经费合计] + [公用经费合计]", t5.name_en(), t6.name_en()),
    );
    if parts.len() < 2 {
        let missing = if t6.row(keys::PERSONNEL_TOTAL).is_none() { "人员经费合计" } else { "公用经费合计" };
        return ctx.row_not_found(&[At::new(i5, r5, c5)], t6, missing, &what);
    }
    let cells: Vec<At> = parts.iter().map(|r| At::new(i6, *r, c6)).collect();
    ctx.sum(At::new(i5, r5, c5), &cells, what);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;
    use crate::rules::testing::*;

    #[test]
    fn footers_add_to_basic() {
        let t5 = TableBuilder::new(TableKind::GeneralBudget, &[(keys::TOTAL, None), (keys::BASIC, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &["140.00", "138.97"])
            .build();
        let t6 = TableBuilder::new(TableKind::BasicDetail, &[(keys::AMOUNT, None)])
            .key(keys::PERSONNEL_TOTAL, "人员经费合计", None, &["131.02"])
            .key(keys::PUBLIC_TOTAL, "公用经费合计", None, &["9.95"])
            .build();
        let f = run(&RULE, &doc(vec![t5, t6]));
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
    }

    #[test]
    fn budget_basic_equals_economic_total_row() {
        let mut t5 = TableBuilder::new(TableKind::GeneralBudget, &[(keys::TOTAL, None), (keys::BASIC, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &["156,211,123", "99,706,020"])
            .build();
        t5.title = "2024年部门一般公共预算支出功能分类预算表".into();
        let cols = [(keys::AMOUNT, None), (keys::PERSONNEL, None), (keys::PUBLIC, None)];
        let mut t6 = TableBuilder::new(TableKind::BasicDetail, &cols)
            .key(keys::GRAND_TOTAL, "合计", None, &["99,706,030", "88,537,451", "11,168,579"])
            .build();
        t6.title = "2024年部门一般公共预算基本支出部门预算经济分类预算表".into();
        let f = run(&RULE, &doc(vec![t5, t6]));
        assert_eq!(errors(&f).len(), 1, "{f:#?}");
        assert!(errors(&f)[0].message.zh.contains("经济分类预算表「合计」合计"), "{}", errors(&f)[0].message.zh);
        assert!(!f.iter().any(|x| x.message.zh.contains("没有「人员经费合计」行")));
    }
}

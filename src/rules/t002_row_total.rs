use super::{Ctx, Rule};

/// T002 row_total
pub static RULE: Rule = Rule {
    code: "T002",
    name: "row_total",
    title_zh: "行内合计",
    title_en: "Row totals of the code tables",
    doc: r#"## What
Checks, on every row (合计 and every 类/款/项 row), that the total column is the sum of its parts:
- 收入决算表 (T2): 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入;
- 支出决算表 (T3): 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出 (the Jiangsu
  budget's 支出预算总表: 合计 = 基本支出 + 项目支出 + 单位预留机动经费 + 结转下年资金);
- 一般公共预算财政拨款支出决算表 (T5): 小计 = 基本支出 + 项目支出;
- 政府性基金 (T7) and 国有资本经营 (T8) tables: 本年支出小计 (合计) = 基本支出 + 项目支出;
- a budget's 一般公共预算基本支出部门预算经济分类预算表 (Shanghai form), which prints 合计 / 人员经费 / 公用经费:
  合计 = 人员经费 + 公用经费 (the budget's 收入预算总表 and 支出预算总表 are read as T2 and T3: 合计 = 财政拨款收入 +
  事业收入 + 事业单位经营收入 + 其他收入, 合计 = 基本支出 + 项目支出);
- a budget's 财务收支预算总表 whose expenditure half splits 预算数 into 合计 / 基本支出 (人员经费, 公用经费) /
  项目支出: on each expenditure row, 合计 = 人员经费 + 公用经费 + 项目支出.

Only the columns the table prints take part (a T3 without 经营支出 sums the others).

Which columns add up to which is declared by each form (`identities` of its tables in `src/forms/data/*.json`,
docs/forms.md): a table is checked against the sums of the form it was matched to, and a table pasted alone
against those of the first form that reads such a table.

## Why
A row whose total is not the sum of its columns means one of the figures was typed or copied wrong; the
seed sample's T5 row 20113 prints 小计 221.26 with 基本支出 138.97 and 项目支出 82.58 (sum 221.55).

## Example
```
20113	商贸事务	221.26	138.97	82.58
```
「一般公共预算财政拨款支出决算表「20113 商贸事务」：小计 = 基本支出 + 项目支出：应为 221.55，表中为 221.26，
相差 -0.29」 is an error; `221.56` against 221.55 would be a rounding note.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    super::form_identities::check_row_sums(ctx);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Part, TableKind, keys};
    use crate::report::Severity;
    use crate::rules::testing::*;

    #[test]
    fn t5_row_error_and_rounding() {
        let t5 = TableBuilder::new(
            TableKind::GeneralBudget,
            &[(keys::TOTAL, None), (keys::BASIC, None), (keys::PROJECT, None)],
        )
        .key(keys::GRAND_TOTAL, "合计", None, &["1070.44", "138.97", "931.46"])
        .code("20113", "商贸事务", &["221.26", "138.97", "82.58"])
        .code("2011301", "行政运行", &["138.97", "138.97", ""])
        .build();
        let f = run(&RULE, &doc(vec![t5]));
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
        assert_eq!(count(&f, Severity::Info), 1, "{f:#?}");
        assert!(
            f[1].message.zh.starts_with("一般公共预算财政拨款支出决算表「20113 商贸事务」：小计 = 基本支出 + 项目支出")
        );
    }

    #[test]
    fn t2_sums_present_sources() {
        let t2 = TableBuilder::new(
            TableKind::Income,
            &[(keys::TOTAL, None), (keys::FISCAL_GRANT, None), (keys::OTHER_INCOME, None)],
        )
        .key(keys::GRAND_TOTAL, "合计", None, &["10.00", "8.00", "2.00"])
        .code("201", "一般公共服务支出", &["10.00", "8.00", "1.00"])
        .build();
        let f = run(&RULE, &doc(vec![t2]));
        assert_eq!(count(&f, Severity::Error), 1, "{f:#?}");
    }

    #[test]
    fn budget_economic_table_personnel_plus_public() {
        let cols = [(keys::AMOUNT, None), (keys::PERSONNEL, None), (keys::PUBLIC, None)];
        let mut t = TableBuilder::new(TableKind::BasicDetail, &cols)
            .code("301", "工资福利支出", &["100", "100", "0"])
            .code("302", "商品和服务支出", &["50", "0", "40"])
            .key(keys::GRAND_TOTAL, "合计", None, &["150", "100", "50"])
            .build();
        t.title = "2024年部门一般公共预算基本支出部门预算经济分类预算表".into();
        let f = run(&RULE, &doc(vec![t]));
        let e = errors(&f);
        assert_eq!(e.len(), 1, "{f:#?}");
        assert!(e[0].message.zh.contains("「302 商品和服务支出」：合计 = 人员经费 + 公用经费"), "{}", e[0].message.zh);
    }

    #[test]
    fn budget_summary_expenditure_split() {
        let ex = Some(Part::Expenditure);
        let cols = [
            (keys::AMOUNT, Some(Part::Income)),
            (keys::AMOUNT, ex),
            (keys::PERSONNEL, ex),
            (keys::PUBLIC, ex),
            (keys::PROJECT, ex),
        ];
        let mut t = TableBuilder::new(TableKind::Summary, &cols)
            .row(
                Some("208"),
                None,
                "社会保障和就业支出",
                ex,
                &["-", "11,281,624", "6,540,674", "2,120,950", "2,620,000"],
            )
            .key(
                keys::EXPENDITURE_GRAND_TOTAL,
                "支出总计",
                ex,
                &["-", "12,121,164", "7,380,214", "2,120,950", "2,620,010"],
            )
            .build();
        t.title = "2024年预算单位财务收支预算总表".into();
        let f = run(&RULE, &doc(vec![t]));
        assert_eq!(errors(&f).len(), 1, "{f:#?}");
        assert!(errors(&f)[0].message.zh.contains("支出总计"), "{}", errors(&f)[0].message.zh);
    }
}

use super::{Ctx, Rule};

/// T007 three_public_sum
pub static RULE: Rule = Rule {
    code: "T007",
    name: "three_public_sum",
    title_zh: "“三公”经费合计",
    title_en: "“Three public” expense totals",
    doc: r#"## What
In the 财政拨款“三公”经费支出决算表 (T9), for 预算数 and 决算数 separately:
- 合计 = 因公出国（境）费 + 公务用车购置及运行维护费（小计） + 公务接待费;
- 公务用车购置及运行维护费小计 = 公务用车购置费 + 公务用车运行维护费.

The sums are declared by each form (`identities` of its 三公 table in `src/forms/data/*.json`): the Jiangsu
budget's table adds 会议费 and 培训费 beside the 三公: 合计 = “三公”经费小计 + 会议费 + 培训费.

## Why
The “三公” figures are the most read part of the disclosure and are restated in the narrative (九); their total
must be the sum of the three items.

## Example
```
预算数 …	决算数 …
3.00	0.00	2.00	0.00	2.00	1.00	2.50	0.00	1.50	0.00	1.60	0.90
```
决算数: 合计 2.50 = 0.00 + 1.50 + 0.90 = 2.40 fails (error), and 小计 1.50 ≠ 0.00 + 1.60 (error).
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

    /// The columns in the order T9 prints them: 合计, 因公出国（境）, 小计, 购置, 运行维护, 接待; 预算数 then 决算数.
    const COLUMNS: [&str; 12] = [
        keys::TP_BUDGET_TOTAL,
        keys::TP_BUDGET_ABROAD,
        keys::TP_BUDGET_VEHICLE,
        keys::TP_BUDGET_VEHICLE_PURCHASE,
        keys::TP_BUDGET_VEHICLE_OPS,
        keys::TP_BUDGET_RECEPTION,
        keys::TP_FINAL_TOTAL,
        keys::TP_FINAL_ABROAD,
        keys::TP_FINAL_VEHICLE,
        keys::TP_FINAL_VEHICLE_PURCHASE,
        keys::TP_FINAL_VEHICLE_OPS,
        keys::TP_FINAL_RECEPTION,
    ];

    #[test]
    fn example_of_the_doc() {
        let cols: Vec<(&'static str, Option<crate::model::Part>)> = COLUMNS.iter().map(|k| (*k, None)).collect();
        let t9 = TableBuilder::new(TableKind::ThreePublic, &cols)
            .row(
                None,
                None,
                "",
                None,
                &["3.00", "0.00", "2.00", "0.00", "2.00", "1.00", "2.50", "0.00", "1.50", "0.00", "1.60", "0.90"],
            )
            .build();
        let f = run(&RULE, &doc(vec![t9]));
        assert_eq!(count(&f, Severity::Error), 2, "{f:#?}");
        assert!(
            f[0].message.zh.contains(
                "决算数合计 = 决算数因公出国（境）费 + 决算数公务用车购置及运行维护费小计 + 决算数公务接待费"
            )
        );
    }
}

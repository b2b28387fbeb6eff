use super::{Ctx, Rule};

/// C001 narrative_figure
pub static RULE: Rule = Rule {
    code: "C001",
    name: "narrative_figure",
    title_zh: "情况说明中的金额与表格不符",
    title_en: "Narrative amount differs from the table",
    doc: r#"## What
Every amount the 情况说明 ties to a role is compared with the table cell it restates: 收、支总计 (T1 总计, both
sides), 收入合计 / 支出合计 (T1), 财政拨款收入 (T2), 基本支出 / 项目支出 (T3, or T5 in the general-budget
sections), 一般公共预算财政拨款支出 (T5 合计), a 类 named 「X（类）」 (T5 类 row), a 项 named by its three names
「X（类）Y（款）Z（项）」 (T5 项 row), 人员经费 / 公用经费 (T6 footers), 机关运行经费 (T6 公用经费合计, a warning
only), 政府性基金 / 国有资本经营 支出 (T7 / T8 合计), every 三公 预算 and 决算 figure (T9; an empty T9 is zero).
Equality is judged under the rounding model (`361 万元` stands for [360.5, 361.5]). A figure that cannot be tied
to any cell (no role recognised, table missing) is reported as not checked, with the reason.

## Why
Reviewers recompute every figure of the narrative by hand; a narrative figure that disagrees with its table is
one of the defects they record most often.

## Example
```
六、一般公共预算财政拨款基本支出决算情况说明
2023 年度一般公共预算财政拨款基本支出 139.97 万元。
```
with T5 合计 基本支出 138.97: 「文中一般公共预算财政拨款基本支出 139.97 万元，但一般公共预算财政拨款支出决算表「合计」基本支出 为 138.97，相差 1.00」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    super::narrative_claims::report(ctx, "C001");
}

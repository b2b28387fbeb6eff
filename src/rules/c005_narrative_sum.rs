use super::{Ctx, Rule};

/// C005 narrative_sum
pub static RULE: Rule = Rule {
    code: "C005",
    name: "narrative_sum",
    title_zh: "情况说明中的分项之和与总数不符",
    title_en: "Items listed in the narrative do not add up",
    doc: r#"## What
Lists the narrative states must add up, under the rounding model: the 年初预算 of the items of 五（三） = the
stated 年初预算; 人员经费 + 公用经费 = 基本支出; 政府采购 货物 + 工程 + 服务 = 总额 (and 中小企业 ≤ 总额, 小微 ≤
中小企业); 三公: 购置费 + 运行维护费 = 公务用车, 外宾接待 + 国内接待 = 公务接待费, the three items = the total;
vehicles by type = the vehicle total. Partial lists (基本支出 + 项目支出 ≤ 支出合计, the 类 listed ≤ the total) are
scope relations: a warning when exceeded.

## Why
A total copied from the budget while the items were updated (or the reverse) is a defect reviewers look for.

## Example
```
年初预算为 100.00 万元……其中：1. …年初预算为 80.00 万元…… 2. …年初预算为 40.00 万元……
```
「各项目年初预算之和 = 年初预算总数：80.00 + 40.00 = 120.00，文中为 100.00，相差 -20.00」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    super::narrative_claims::report(ctx, "C005");
}

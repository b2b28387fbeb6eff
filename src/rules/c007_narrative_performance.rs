use super::{Ctx, Rule};

/// C007 narrative_performance
pub static RULE: Rule = Rule {
    code: "C007",
    name: "narrative_performance",
    title_zh: "绩效自评得分与自评表不符",
    title_en: "Performance scores differ from the self-evaluation tables",
    doc: r#"## What
In 预算绩效情况说明: the number of projects evaluated must be the number of 项目支出绩效自评表 attached; each
「X 项目自评得分 s 分」 must equal the 总分 of the table whose 项目名称 is X; the average score must be the mean of
the project scores (rounding model); a stated 得分 must not exceed the 分值 stated with it.

## Why
The narrative summarises the attached tables; scores retyped by hand drift from them.

## Example
```
共计完成 2 个项目的自评工作，平均得分 90.00 分，其中甲项目自评得分 95.00 分，乙项目自评得分 86.00 分。
```
「平均得分 90.00 分：(95.00 + 86.00) ÷ 2 = 90.50，文中为 90.00」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    super::narrative_claims::report(ctx, "C007");
}

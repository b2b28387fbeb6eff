use super::{Ctx, Rule};

/// C004 narrative_completion
pub static RULE: Rule = Rule {
    code: "C004",
    name: "narrative_completion",
    title_zh: "预算完成率或决算与预算关系表述不符",
    title_en: "Budget completion rate or direction phrase is wrong",
    doc: r#"## What
「完成（年初）预算的 p%」 must be 决算 ÷ 预算 × 100 from the 年初预算 and 支出决算 printed before it (for 三公 items
without a printed budget, the T9 预算数). A completion rate against a budget of 0 is undefined: printing
「100.00%」 there (spending that was not budgeted) is an error; 「0.00%」 with budget and spending both 0 is a
wording problem, a warning (「均为0，建议表述为…」). A rate one unit off in its last digit because it was
truncated instead of rounded (9.5575 % printed 9.55 %) is a warning that says so (「疑为截尾而非四舍五入：应为
9.56%」); anything further off is an error. The phrases 「决算数大于/小于/等于预算数」 and 「决算数与年初预算数
（不）存在差异」 must match the two figures.

## Why
Completion rates against a zero budget (spending that was not budgeted) are routinely printed as 100% or 0%,
which hides the unbudgeted spending.

## Example
```
年初预算为 0.00 万元，支出决算为 89.00 万元，完成年初预算的 100.00%。
```
「预算数为 0.00，完成率无定义，89.00 ÷ 0.00 无意义，文中却写 100.00%」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    super::narrative_claims::report(ctx, "C004");
}

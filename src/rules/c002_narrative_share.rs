use super::{Ctx, Rule};

/// C002 narrative_share
pub static RULE: Rule = Rule {
    code: "C002",
    name: "narrative_share",
    title_zh: "占比与表格数字不符",
    title_en: "Share (占 p%) does not match its figures",
    doc: r#"## What
Each 「占 p%」 is recomputed as part ÷ whole × 100 from the figures as printed: the part is the amount just
before it in its clause (a clause ends at 「；」 or 「。」), the whole is the nearest one named before it
(「占支出合计的」, 「占政府采购支出总额的」) or else the total that opens the paragraph or the section. Consistent iff the interval computed from the rounded inputs meets the interval of
the printed percentage. A share of a zero whole is undefined: printing a non-zero figure for it is an error;
「占…的0.00%」 when part and whole are both 0 is a wording problem, a warning (「均为0，建议表述为…」).
A rate one unit off in its last digit because it was truncated instead of rounded (29.42 ÷ 307.82 = 9.5575 %
printed 9.55 %) is a warning that says so (「疑为截尾而非四舍五入：应为 9.56%」); anything further off is an error.

## Why
Shares are the figures most often copied from a previous year or a template without being recomputed.

## Example
```
2023 年度一般公共预算财政拨款支出 1070.44 万元，占支出合计的 100.00%。
```
with T1 本年支出合计 2070.44: 「1070.44 ÷ 2070.44 = 51.70%，文中为 100.00%」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    super::narrative_claims::report(ctx, "C002");
}

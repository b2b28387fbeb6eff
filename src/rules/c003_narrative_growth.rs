use super::{Ctx, Rule};

/// C003 narrative_growth
pub static RULE: Rule = Rule {
    code: "C003",
    name: "narrative_growth",
    title_zh: "同比增减率与增减额不符",
    title_en: "Year-on-year rate does not match the change",
    doc: r#"## What
A year-on-year change 「增加/减少 Δ 万元，增长/下降 p%」 is checked against the current figure it follows: the prior
year is current − Δ (增加) or current + Δ (减少), and p must be Δ ÷ prior (rounding model, intervals meet). The
direction words must agree (增加 with 增长, 减少 with 下降/减少), and 「持平」 only goes with a change of 0 in its
own clause (a clause ends at 「；」 or 「。」). A rate on a zero prior year is undefined: an error when printed
(「增长100%」 for a new item), a warning when it is 「增长0%」 with both years 0 (a wording problem). A rate one
unit off in its last digit because it was truncated instead of rounded (29.42 ÷ 307.82 = 9.5575 % printed
9.55 %) is a warning that says so (「疑为截尾而非四舍五入：应为 9.56%」); anything further off is an error. A
change without a rate cannot be checked (the prior year is not in the tables).

## Why
The base of a growth rate is the prior year, not the current one; using the wrong base or the wrong direction
word is a common defect.

## Example
```
2023 年度机关运行经费支出 7.95 万元，比 2022 年度减少 1.35 万元，下降 15.52%。
```
「1.35 ÷ (7.95 + 1.35) = 1.35 ÷ 9.30 = 14.52%，文中为 15.52%」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    super::narrative_claims::report(ctx, "C003");
}

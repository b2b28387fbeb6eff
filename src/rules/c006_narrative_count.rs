use super::{Ctx, Rule};

/// C006 narrative_count
pub static RULE: Rule = Rule {
    code: "C006",
    name: "narrative_count",
    title_zh: "数量与金额不相称",
    title_en: "Count does not fit its amount",
    doc: r#"## What
Counts that go with an amount (车辆购置数 with 公务用车购置费; 接待团组 / 人次 with 外宾 or 国内接待费) must be zero
exactly when the amount is zero. Other counts (保有量, 设备台数, 指标个数) have no table counterpart and are
reported as not checked.

## Why
A purchase cost without a vehicle bought, or receptions without cost, signal a copied or stale paragraph.

## Example
```
公务用车购置支出为 25.00 万元，购置车辆 0 台。
```
「数量 0 台 与对应金额 25.00 万元不相称」 (a warning).
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    super::narrative_claims::report(ctx, "C006");
}

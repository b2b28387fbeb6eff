use super::perf_common::{subject, table, tables};
use super::{At, Ctx, Rule};
use crate::model::keys;
use crate::report::Message;

/// P003 perf_funds_sources
pub static RULE: Rule = Rule {
    code: "P003",
    name: "perf_funds_sources",
    title_zh: "年度资金总额不等于各资金来源之和",
    title_en: "Annual funds total is not the sum of its sources",
    doc: r#"## What
In every 项目支出绩效自评表, for each of 年初预算数, 全年预算数 and 全年执行数: 年度资金总额 = 财政拨款 +
财政专户管理资金 + 单位资金 (the source rows the table prints), within the rounding model.

## Why
The sources are the breakdown of the total; a total that is not their sum means one of them was left out or
mistyped.

## Example
```
	年度资金总额:	4	4	4	10	100.0%	10.00
	财政拨款	3	3	3	-	100.0%	-
	财政专户管理资金	0	0	0	-	0.00%	-
	单位资金	0	0	0	-	0.00%	-
```
「年度资金总额 = 财政拨款 + 财政专户管理资金 + 单位资金：应为 3，表中为 4」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    for ti in tables(ctx) {
        let Some(t) = table(ctx, ti) else { continue };
        let name = subject(t);
        let Some(total) = t.row(keys::PERF_FUNDS_TOTAL) else { continue };
        let parts: Vec<usize> = [keys::PERF_FUNDS_FISCAL, keys::PERF_FUNDS_SPECIAL, keys::PERF_FUNDS_OWN]
            .iter()
            .filter_map(|k| t.row(k))
            .collect();
        if parts.is_empty() {
            continue;
        }
        for (col_key, zh, en) in [
            (keys::PERF_BUDGET_INITIAL, "年初预算数", "initial budget"),
            (keys::PERF_BUDGET_FULL, "全年预算数", "full-year budget"),
            (keys::PERF_EXECUTED, "全年执行数", "execution"),
        ] {
            let Some(c) = t.column(col_key) else { continue };
            if t.rows[total].cell(c).is_none() {
                continue;
            }
            let part_ats: Vec<At> =
                parts.iter().filter(|r| t.rows[**r].cell(c).is_some()).map(|r| At::new(ti, *r, c)).collect();
            if part_ats.is_empty() {
                continue;
            }
            ctx.sum(
                At::new(ti, total, c),
                &part_ats,
                Message::new(
                    format!("「{name}」{zh}：年度资金总额 = 财政拨款 + 财政专户管理资金 + 单位资金"),
                    format!("“{name}” {en}: annual total = fiscal + special account + own funds"),
                ),
            );
        }
    }
}

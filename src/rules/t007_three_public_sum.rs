use super::tables::{col_words, has_any_cell, plus};
use super::{At, Ctx, Rule};
use crate::model::{TableKind, keys};
use crate::report::Message;

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

const GROUPS: [[&str; 6]; 2] = [
    [
        keys::TP_BUDGET_TOTAL,
        keys::TP_BUDGET_ABROAD,
        keys::TP_BUDGET_VEHICLE,
        keys::TP_BUDGET_RECEPTION,
        keys::TP_BUDGET_VEHICLE_PURCHASE,
        keys::TP_BUDGET_VEHICLE_OPS,
    ],
    [
        keys::TP_FINAL_TOTAL,
        keys::TP_FINAL_ABROAD,
        keys::TP_FINAL_VEHICLE,
        keys::TP_FINAL_RECEPTION,
        keys::TP_FINAL_VEHICLE_PURCHASE,
        keys::TP_FINAL_VEHICLE_OPS,
    ],
];

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for (ti, t) in doc.tables_of(TableKind::ThreePublic) {
        for [total, abroad, vehicle, reception, purchase, ops] in GROUPS {
            let sums = [(total, vec![abroad, vehicle, reception]), (vehicle, vec![purchase, ops])];
            for (total_key, part_keys) in sums {
                let Some(tc) = t.column(total_key) else { continue };
                let parts: Vec<usize> = part_keys.iter().filter_map(|k| t.column(k)).collect();
                if parts.len() != part_keys.len() {
                    continue;
                }
                row_sums(ctx, ti, t, tc, &parts);
            }
        }
        with_meetings(ctx, ti, t);
    }
}

/// The Jiangsu budget's table adds 会议费 and 培训费 beside the 三公: 合计 = “三公”经费小计 + 会议费 + 培训费.
fn with_meetings(ctx: &mut Ctx, ti: usize, t: &crate::model::Table) {
    let keys = [keys::TP_BUDGET_TOTAL, keys::TP_BUDGET_MEETINGS, keys::TP_BUDGET_TRAINING];
    let (Some(tc), Some(parts)) =
        (t.column(keys::TP_BUDGET_WITH_MEETINGS), keys.iter().map(|k| t.column(k)).collect::<Option<Vec<usize>>>())
    else {
        return;
    };
    row_sums(ctx, ti, t, tc, &parts);
}

/// Column `tc` = Σ `parts` on every row that has any of them.
fn row_sums(ctx: &mut Ctx, ti: usize, t: &crate::model::Table, tc: usize, parts: &[usize]) {
    let (tz, te) = col_words(t, tc);
    let (pz, pe): (Vec<String>, Vec<String>) = parts.iter().map(|c| col_words(t, *c)).unzip();
    let mut all = parts.to_vec();
    all.push(tc);
    for ri in 0..t.rows.len() {
        if !has_any_cell(t, ri, &all) {
            continue;
        }
        let what = || {
            Message::new(
                format!("{}：{tz} = {}", t.name_zh(), plus(&pz)),
                format!("{}: {te} = {}", t.name_en(), plus(&pe)),
            )
        };
        let cells: Vec<At> = parts.iter().map(|c| At::new(ti, ri, *c)).collect();
        ctx.sum(At::new(ti, ri, tc), &cells, what);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;
    use crate::rules::testing::*;

    #[test]
    fn example_of_the_doc() {
        let cols: Vec<(&'static str, Option<crate::model::Part>)> =
            GROUPS.iter().flat_map(|g| [g[0], g[1], g[2], g[4], g[5], g[3]]).map(|k| (k, None)).collect();
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

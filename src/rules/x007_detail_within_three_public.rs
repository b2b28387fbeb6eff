use super::tables::{at_row, col_words, has_any_cell};
use super::{At, Ctx, Rule};
use crate::model::{TableKind, keys};
use crate::report::{Message, Severity};

/// X007 detail_within_three_public
pub static RULE: Rule = Rule {
    code: "X007",
    name: "detail_within_three_public",
    title_zh: "基本支出明细与“三公”经费",
    title_en: "Basic expenditure items within the “three public” expenses",
    doc: r#"## What
Items of the 一般公共预算财政拨款基本支出决算明细表 (T6) that are “三公” spending cannot exceed the 决算数 of the
财政拨款“三公”经费支出决算表 (T9):
- 30212 因公出国（境）费用 ≤ 因公出国（境）费; 30217 公务接待费 ≤ 公务接待费;
- 30231 公务用车运行维护费 ≤ 公务用车运行维护费; 31013 公务用车购置 ≤ 公务用车购置费.

T9 covers all fiscal appropriations and T6 only basic general-budget spending, so these are "≤" relations: a
warning when broken. An empty T9 (「本表无数据」) stands for zeros.

## Why
A unit that declares no “三公” spending but books 公务接待费 in T6 has published two contradictory tables.

## Example
```
T6: 30217	公务接待费	0.85
T9: (empty) 我部门没有“三公”经费支出，故本表无数据。
```
「一般公共预算财政拨款基本支出决算明细表「30217 公务接待费」决算数 ≤ 财政拨款“三公”经费支出决算表
决算数公务接待费：0.85 大于 0，超出 0.85」 (warning).
"#,
    check,
};

const PAIRS: [(&str, &str); 4] = [
    ("30212", keys::TP_FINAL_ABROAD),
    ("30217", keys::TP_FINAL_RECEPTION),
    ("30231", keys::TP_FINAL_VEHICLE_OPS),
    ("31013", keys::TP_FINAL_VEHICLE_PURCHASE),
];

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let (Some((i6, t6)), Some((i9, t9))) = (doc.table(TableKind::BasicDetail), doc.table(TableKind::ThreePublic))
    else {
        return;
    };
    let Some(c6) = t6.column(keys::AMOUNT) else { return };
    let final_cols: Vec<usize> = PAIRS.iter().filter_map(|(_, k)| t9.column(k)).collect();
    let data_row = (0..t9.rows.len()).find(|r| has_any_cell(t9, *r, &final_cols));
    let zeros = data_row.is_none() && t9.stands_for_zeros();
    for (code, key) in PAIRS {
        let Some(r6) = t6.row_by_code(code) else { continue };
        let (rz, re) = at_row(t6, r6);
        let (kz, ke) = match t9.column(key) {
            Some(c) => col_words(t9, c),
            None => (String::new(), String::new()),
        };
        let (kz, ke) = if kz.is_empty() { (key.to_string(), key.to_string()) } else { (kz, ke) };
        let what = Message::new(
            format!("{rz}决算数 ≤ {} {kz}", t9.name_zh()),
            format!("{re} final amount ≤ {} {ke}", t9.name_en()),
        );
        match (data_row, t9.column(key)) {
            (Some(r9), Some(c9)) => ctx.at_most(At::new(i6, r6, c6), At::new(i9, r9, c9), what),
            _ if zeros => ctx.expect_zero(At::new(i6, r6, c6), what, Severity::Warning),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn empty_t9_means_zero() {
        let t6 = TableBuilder::new(TableKind::BasicDetail, &[(keys::AMOUNT, None)])
            .code("30212", "因公出国（境）费用", &["0.00"])
            .code("30217", "公务接待费", &["0.85"])
            .build();
        let t9 = TableBuilder::new(TableKind::ThreePublic, &[(keys::TP_FINAL_RECEPTION, None)])
            .empty("我部门没有“三公”经费支出，故本表无数据。")
            .build();
        let f = run(&RULE, &doc(vec![t6, t9]));
        assert_eq!(count(&f, Severity::Warning), 1, "{f:#?}");
        assert!(f[0].message.zh.starts_with("一般公共预算财政拨款基本支出决算明细表「30217 公务接待费」决算数 ≤ 财政拨款“三公”经费支出决算表 决算数公务接待费"));
    }

    #[test]
    fn within_t9() {
        let t6 = TableBuilder::new(TableKind::BasicDetail, &[(keys::AMOUNT, None)])
            .code("30217", "公务接待费", &["0.85"])
            .build();
        let t9 = TableBuilder::new(TableKind::ThreePublic, &[(keys::TP_FINAL_RECEPTION, None)])
            .row(None, None, "", None, &["0.80"])
            .build();
        let f = run(&RULE, &doc(vec![t6, t9]));
        assert_eq!(count(&f, Severity::Warning), 1, "{f:#?}");
        let t9 = TableBuilder::new(TableKind::ThreePublic, &[(keys::TP_FINAL_RECEPTION, None)])
            .row(None, None, "", None, &["1.00"])
            .build();
        let t6 = TableBuilder::new(TableKind::BasicDetail, &[(keys::AMOUNT, None)])
            .code("30217", "公务接待费", &["0.85"])
            .build();
        assert!(run(&RULE, &doc(vec![t6, t9])).is_empty());
    }

    /// A Shanghai budget: the basic-expenditure table in 元, the 三公 table in 万元 — compared in 万元, and said so.
    #[test]
    fn tables_in_different_units() {
        let t6 = TableBuilder::new(TableKind::BasicDetail, &[(keys::AMOUNT, None)])
            .unit("元")
            .code("30217", "公务接待费", &["13,500"])
            .build();
        let t9 = TableBuilder::new(TableKind::ThreePublic, &[(keys::TP_FINAL_RECEPTION, None)])
            .row(None, None, "", None, &["1.35"])
            .build();
        assert!(run(&RULE, &doc(vec![t6.clone(), t9])).is_empty());
        let t9 = TableBuilder::new(TableKind::ThreePublic, &[(keys::TP_FINAL_RECEPTION, None)])
            .row(None, None, "", None, &["1.20"])
            .build();
        let f = run(&RULE, &doc(vec![t6, t9]));
        assert_eq!(count(&f, Severity::Warning), 1, "{f:#?}");
        assert!(f[0].message.zh.contains("各表单位不同，按万元比较"), "{}", f[0].message.zh);
        assert!(f[0].message.zh.ends_with("1.3500 大于 1.20，超出 0.1500"), "{}", f[0].message.zh);
    }

    /// A 三公 table whose header could not be mapped stands for nothing: no comparison with zeros.
    #[test]
    fn t9_not_read_is_not_zero() {
        let t6 = TableBuilder::new(TableKind::BasicDetail, &[(keys::AMOUNT, None)])
            .code("30217", "公务接待费", &["0.85"])
            .build();
        let mut t9 = TableBuilder::new(TableKind::ThreePublic, &[]).empty("本表为空表。").build();
        t9.rows_not_read = 3;
        assert!(run(&RULE, &doc(vec![t6, t9])).is_empty());
    }
}

use super::tables::strip_ordinal;
use super::{At, Ctx, Rule};
use crate::classification::functional_class_name;
use crate::model::TableKind;
use crate::report::{Finding, Message, Severity, Verdict};

/// N003 code_valid
pub static RULE: Rule = Rule {
    code: "N003",
    name: "code_valid",
    title_zh: "科目编码无效",
    title_en: "Invalid classification codes",
    doc: r#"## What
Every row of the code tables (收入, 支出, 一般公共预算, 政府性基金, 国有资本经营 tables and the 经济分类 table) whose
code cell holds digits must hold a classification code: 3, 5 or 7 digits (类, 款, 项), printed in one run or with
its levels apart (「201 06 01」, 「06」「01」 under their 类; an economic 款 may drop its 0: 「301」「2」).
- digits split otherwise (「7 11 02」), or a count of digits no code has and no row above completes: error, the
  code as printed is named. Such a row has no code: it is left out of the hierarchy sums (T003) instead of being
  summed under a parent it does not belong to, so the identities around it still say what they mean.
- a 款 or 项 of the functional classification whose 类 (its first three digits) is not a 类 of the current list:
  warning, unknown class (a 3-digit 类 row is N002's).

## Why
A code is how a row finds its parent: a misprinted one (a 类 printed 「7」 for 「210」) puts the row under no parent
or the wrong one, and every sum around it then fails for a reason the sums cannot tell. One finding on the code
says what is wrong.

## Example
```
210	卫生健康支出	503,724
21011	行政事业单位医疗	503,724
7 11 02	事业单位医疗	503,724
```
「支出预算表「事业单位医疗」：科目编码「7 11 02」不是有效的科目编码」 (error); 210 = 21011 and 合计 = Σ 类 still
hold.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for (ti, t) in doc.tables.iter().enumerate() {
        let economic = t.kind == TableKind::BasicDetail;
        if !t.kind.is_code_table() && !economic {
            continue;
        }
        let table_zh = t.name_zh();
        let table_en = t.name_en();
        for (ri, r) in t.rows.iter().enumerate() {
            let label = strip_ordinal(&r.label);
            let (message, expected, actual, severity) = if let Some(printed) = r.printed_code.as_deref() {
                ctx.checks += 1;
                let expected = if economic {
                    ("经济分类科目编码：类 3 位、款 5 位", "an economic code: 类 3 digits, 款 5")
                } else {
                    (
                        "功能分类科目编码：类 3 位、款 5 位、项 7 位（分列时为 3、2、2 位）",
                        "a functional code: 类 3 digits, 款 5, 项 7 (3, 2, 2 when printed apart)",
                    )
                };
                (
                    Message::new(
                        format!(
                            "{table_zh}「{label}」：科目编码「{printed}」不是有效的科目编码（应为{}），该行未计入层级合计",
                            expected.0
                        ),
                        format!(
                            "{table_en} [{label}]: the code “{printed}” is not a valid classification code (expected {}); the row is left out of the hierarchy sums",
                            expected.1
                        ),
                    ),
                    expected.0.to_string(),
                    printed.to_string(),
                    Severity::Error,
                )
            } else if let Some(code) = r.code.as_deref().filter(|c| c.len() > 3 && !economic) {
                ctx.checks += 1;
                let class = &code[..3];
                if functional_class_name(class).is_some() {
                    continue;
                }
                (
                    Message::new(
                        format!(
                            "{table_zh}「{code} {label}」：科目编码 {code} 的类「{class}」不是现行功能分类的类级科目"
                        ),
                        format!(
                            "{table_en} [{code} {label}]: the 类 “{class}” of code {code} is not a class of the current functional classification"
                        ),
                    ),
                    "现行功能分类的类（201 … 234）".to_string(),
                    code.to_string(),
                    Severity::Warning,
                )
            } else {
                continue;
            };
            let col = (0..t.columns.len()).find(|c| r.cell(*c).is_some()).unwrap_or(0);
            let cells = if t.columns.is_empty() { Vec::new() } else { vec![ctx.cell_ref(At::new(ti, ri, col))] };
            ctx.push(Finding {
                rule: ctx.rule_code(),
                severity,
                verdict: Verdict::Inconsistent,
                message,
                expected: Some(expected),
                actual: Some(actual),
                difference: None,
                tolerance: None,
                cells,
                text: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::keys;
    use crate::rules::testing::*;

    #[test]
    fn misprinted_and_unknown_codes() {
        let mut t3 = TableBuilder::new(TableKind::Expenditure, &[(keys::TOTAL, None)])
            .key(keys::GRAND_TOTAL, "合计", None, &["3.00"])
            .code("210", "卫生健康支出", &["1.00"])
            .code("21011", "行政事业单位医疗", &["1.00"])
            .code("2101102", "事业单位医疗", &["1.00"])
            .code("7110201", "某某支出", &["2.00"])
            .build();
        // The 项 under 21011 printed 「7 11 02」: the reader leaves it without a code and keeps what it printed.
        t3.rows[3].code = None;
        t3.rows[3].printed_code = Some("7 11 02".to_string());
        let f = run(&RULE, &doc(vec![t3]));
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.zh.contains("科目编码「7 11 02」不是有效的科目编码"), "{}", f[0].message.zh);
        assert!(f[0].message.en.contains("“7 11 02” is not a valid classification code"));
        assert_eq!(f[0].actual.as_deref(), Some("7 11 02"));
        assert_eq!(f[1].severity, Severity::Warning);
        assert!(f[1].message.zh.contains("类「711」不是现行功能分类的类级科目"), "{}", f[1].message.zh);
    }

    #[test]
    fn valid_codes_pass() {
        let t3 = TableBuilder::new(TableKind::Expenditure, &[(keys::TOTAL, None)])
            .code("201", "一般公共服务支出", &["1.00"])
            .code("20106", "财政事务", &["1.00"])
            .code("2010601", "行政运行", &["1.00"])
            .build();
        assert!(run(&RULE, &doc(vec![t3])).is_empty());
    }
}

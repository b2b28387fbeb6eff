use super::{Ctx, Rule};
use crate::report::{Finding, Message, Severity, Verdict};

/// D001 unreadable_content
pub static RULE: Rule = Rule {
    code: "D001",
    name: "unreadable_content",
    title_zh: "无法读取的内容",
    title_en: "Content that could not be read",
    doc: r#"## What
Reports every cell or line the reader could not read: an amount cell holding text that is not a number
(`XX`, `1..2`), a table whose header could not be matched, a row with more cells than the header.

## Why
Nothing the user gave is dropped silently. A cell that cannot be read cannot be checked, and every identity that
needs it is reported as not checked; this finding says where the cause is.

## Example
```
合计		2070.44	XX	1931.46
```
「支出决算表 第 12 行 第 4 列「XX」不是金额」.
"#,
    check,
};

fn check(ctx: &mut Ctx) {
    for issue in &ctx.doc.issues {
        let cells = Vec::new();
        ctx.push(Finding {
            rule: ctx.rule_code(),
            severity: Severity::Warning,
            verdict: Verdict::NotChecked,
            message: Message::new(issue.message_zh.clone(), issue.message_en.clone()),
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            cells,
            text: Some(ctx.text_span(issue.source.start, issue.source.end, &issue.excerpt)),
        });
    }
}

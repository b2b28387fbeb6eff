//! docs/rules.md is generated from the rule registry (the one source for CLI, docs and page).
//! Run `UPDATE_DOCS=1 cargo test --test rules_doc` after changing a rule's documentation.

use std::path::PathBuf;

fn render() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rule registry (`src/rules/`) by `UPDATE_DOCS=1 cargo test --test rules_doc`; \
         `fiscal-lint rules` prints the same.\n\n| code | name | 规则 | rule |\n|---|---|---|---|\n",
    );
    let infos = fiscal_lint::rules::rule_infos();
    for r in &infos {
        out.push_str(&format!(
            "| [{0}](#{1}) | `{2}` | {3} | {4} |\n",
            r.code,
            r.code.to_lowercase(),
            r.name,
            r.title_zh,
            r.title_en
        ));
    }
    for r in &infos {
        out.push_str(&format!("\n## {} {}\n\n{} — {}\n\n", r.code, r.name, r.title_zh, r.title_en));
        // Rule docs use level-2 headings; nest them under the rule.
        for line in r.doc.trim().lines() {
            if let Some(h) = line.strip_prefix("## ") {
                out.push_str(&format!("### {h}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn rules_md_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test --test rules_doc");
}

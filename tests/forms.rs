//! Forms as data (src/forms, docs/forms.md): every embedded form parses, and every shared sample is matched to
//! the form it follows, with the status of its tables.

use fiscal_lint::forms::{self, FormMatch, Status};
use fiscal_lint::input::files::InputFile;
use std::collections::HashSet;
use std::path::PathBuf;

fn shared_bytes(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The form the checker reports for a shared sample (PDFs under samples/pdf, text files under samples).
fn form_of(name: &str) -> FormMatch {
    let rel = if name.ends_with(".pdf") { format!("samples/pdf/{name}") } else { format!("samples/{name}") };
    let bytes = shared_bytes(&rel);
    let checked = fiscal_lint::check_files(&[InputFile { name, bytes: &bytes }]).expect("reads");
    checked.report.document.form.unwrap_or_else(|| panic!("{name}: no form matched"))
}

/// `key status [table]` for each table of the form, for assertions and failure messages.
fn statuses(m: &FormMatch) -> Vec<String> {
    m.tables
        .iter()
        .map(|t| {
            let s = match t.status {
                Status::Checked => "checked",
                Status::NotChecked => "not_checked",
                Status::Missing => "missing",
            };
            match &t.table {
                Some(id) => format!("{} {s} {id}", t.key),
                None => format!("{} {s}", t.key),
            }
        })
        .collect()
}

fn assert_tables(name: &str, m: &FormMatch, want: &[&str]) {
    let got = statuses(m);
    for w in want {
        assert!(got.iter().any(|g| g == w), "{name}: want {w:?}, got {got:#?}");
    }
}

fn status_of<'a>(m: &'a FormMatch, key: &str) -> &'a forms::TableStatus {
    m.tables.iter().find(|t| t.key == key).unwrap_or_else(|| panic!("{}: no table {key}", m.id))
}

#[test]
fn every_form_parses_with_unique_keys() {
    let all = forms::forms();
    assert!(all.len() >= 5);
    let ids: HashSet<&str> = all.iter().map(|f| f.id).collect();
    assert_eq!(ids.len(), all.len(), "form ids are unique");
    for f in all {
        let keys: HashSet<&str> = f.tables.iter().map(|t| t.key).collect();
        assert_eq!(keys.len(), f.tables.len(), "{}: table keys are unique", f.id);
        assert!(!f.name.zh.is_empty() && !f.name.en.is_empty(), "{}", f.id);
    }
}

const NINE: [&str; 9] = [
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "general_budget",
    "basic_detail",
    "gov_fund",
    "state_capital",
    "three_public",
];

#[test]
fn seed_sample_is_the_local_final_form_all_checked() {
    let name = "henan-xinxiang-hongqi-gxj-2023-final.txt";
    let m = form_of(name);
    assert_eq!(m.id, "local-final");
    assert_eq!(m.level.as_deref(), Some("部门"));
    assert!(m.unexpected.is_empty(), "{:?}", m.unexpected);
    for key in NINE {
        let t = status_of(&m, key);
        assert_eq!(t.status, Status::Checked, "{key}: {:?}", t.reason);
        assert!(t.reason.is_none());
        assert_eq!(t.unit, "万元");
    }
    // Three 绩效自评表: the first is the table, the others are listed with it.
    let perf = status_of(&m, "performance");
    assert_eq!((perf.table.as_deref(), perf.other_tables.clone()), (Some("t10"), vec!["t11".into(), "t12".into()]));
    assert!(!perf.required);
}

#[test]
fn shanghai_finals_are_the_local_final_form() {
    for name in ["shanghai-putuo-czj-2024-final.pdf", "shanghai-putuo-ghzyj-2024-final.pdf"] {
        let m = form_of(name);
        assert_eq!(m.id, "local-final", "{name}");
        assert_eq!(m.level.as_deref(), Some("部门"), "{name}");
        assert!(m.unexpected.is_empty(), "{name}: {:?}", m.unexpected);
        for key in NINE {
            assert_eq!(status_of(&m, key).status, Status::Checked, "{name}: {key}");
        }
        // Shanghai prints 三公 7th: found by title, not by place.
        assert_tables(name, &m, &["three_public checked t7", "gov_fund checked t8", "performance missing"]);
        assert!(!status_of(&m, "performance").required);
    }
    // The blank template: every table found; the 三公 table has a header but no row.
    let name = "shanghai-2024-final-template.pdf";
    let m = form_of(name);
    assert_eq!(m.id, "local-final");
    assert_tables(name, &m, &["summary checked t1", "basic_detail checked t6", "three_public not_checked t7"]);
}

#[test]
fn shanghai_budgets_are_the_shanghai_budget_form() {
    for (name, level) in [
        ("shanghai-putuo-wanli-2024-budget.pdf", "部门"),
        ("shanghai-putuo-zfb-2025-budget.pdf", "部门"),
        ("shanghai-putuo-shflj-2024-budget-unit.pdf", "单位"),
    ] {
        let m = form_of(name);
        assert_eq!(m.id, "shanghai-budget", "{name}");
        assert_eq!(m.level.as_deref(), Some(level), "{name}");
        assert!(m.unexpected.is_empty(), "{name}: {:?}", m.unexpected);
        // The three summary tables are read (tests/shanghai_budget.rs).
        for key in ["finance_summary", "income", "expenditure", "fiscal_summary"] {
            let t = status_of(&m, key);
            assert_eq!(t.status, Status::Checked, "{name}: {key}: {:?}", t.reason);
            assert_eq!(t.unit, "元");
        }
        assert_eq!(status_of(&m, "general_budget_fn").status, Status::Checked, "{name}");
        assert_eq!(status_of(&m, "basic_economic").status, Status::Checked, "{name}");
        // Empty tables with their statement count as checked.
        assert_eq!(status_of(&m, "gov_fund_fn").status, Status::Checked, "{name}");
        // The 三公 table is in 万元, and read on all three: wanli's row has seven figures for its seven columns;
        // zfb's four and shflj's six (blank cells not printed) are placed by the header's grid.
        let tp = status_of(&m, "three_public");
        assert_eq!((tp.status, tp.unit.as_str()), (Status::Checked, "万元"), "{name}");
    }
    let m = form_of("shanghai-putuo-wanli-2024-budget.pdf");
    assert_tables(
        "wanli",
        &m,
        &[
            "finance_summary checked t1",
            "fiscal_summary checked t4",
            "general_budget_fn checked t5",
            "three_public checked t9",
        ],
    );
    // shflj: the 目录 entry 「9.单位“三公”经费…」 was read as a table too; the table itself is t10.
    let m = form_of("shanghai-putuo-shflj-2024-budget-unit.pdf");
    assert_tables(
        "shflj",
        &m,
        &["finance_summary checked t2", "fiscal_summary checked t5", "basic_economic checked t9"],
    );
    assert_eq!(status_of(&m, "three_public").other_tables.len(), 1);
}

#[test]
fn jiangsu_budget_is_the_jiangsu_form() {
    let name = "jiangsu-prov-jcy-2019-budget.pdf";
    let m = form_of(name);
    assert_eq!(m.id, "jiangsu-budget");
    assert_eq!(m.level.as_deref(), Some("部门"));
    assert_eq!(m.tables.len(), 12);
    // Read and checked (tests/jiangsu_university.rs): 公开04–09表. The 机关运行经费 table has no reader yet:
    // what was read under its title is not checked as it.
    for key in [
        "fiscal_summary",
        "fiscal_fn",
        "fiscal_basic_economic",
        "general_budget_fn",
        "general_basic_economic",
        "three_public_meetings",
    ] {
        assert_eq!(status_of(&m, key).status, Status::Checked, "{key}: {:#?}", statuses(&m));
    }
    // 公开01–03 are read by `input::budget_totals` (tests/jiangsu_totals.rs), 公开10–12 by `input::budget_extra`
    // (tests/jiangsu_others.rs).
    for key in ["summary", "income", "expenditure", "gov_fund", "admin_costs", "procurement"] {
        assert_eq!(status_of(&m, key).status, Status::Checked, "{key}");
    }
    // The narrative-only PDF of another department is the same form, its tables not in it.
    let m = form_of("jiangsu-prov-swbgt-2018-budget-text.pdf");
    assert_eq!(m.id, "jiangsu-budget");
    assert_eq!(status_of(&m, "procurement").status, Status::Missing);
}

#[test]
fn university_documents_are_the_university_forms() {
    let name = "chongqing-beibei-swu-2024-final.pdf";
    let m = form_of(name);
    assert_eq!(m.id, "university-final");
    assert_tables(name, &m, &["summary checked t1", "expenditure checked t3"]);
    // 事业收入 with its 「其中：教育收费」 sub-column is read (the sub-column as part of its parent).
    let inc = status_of(&m, "income");
    assert_eq!(inc.status, Status::Checked, "{:?}", inc.reason);
    // 表4 is read with the 一般公共预算财政拨款支出决算表 layout: 合计, 基本支出, 项目支出.
    assert_tables(name, &m, &["fiscal_expenditure checked t4"]);

    let name = "chongqing-beibei-swu-2024-budget.pdf";
    let m = form_of(name);
    assert_eq!(m.id, "university-budget");
    for key in ["summary", "income", "expenditure", "fiscal_expenditure"] {
        let t = status_of(&m, key);
        assert_eq!(t.status, Status::Checked, "{key}");
        assert!(t.required);
    }
    assert!(!status_of(&m, "project_targets").required);
}

/// A made-up 单位预算 in the text reader's format: two tables of the Shanghai form.
const MADE_UP_UNIT_BUDGET: &str = "2024年某某单位单位预算

2024年预算单位财务收支预算总表
编制单位：某某单位 单位：元
收入总计 300 支出总计 300

2024年预算单位一般公共预算支出功能分类预算表
编制单位：某某单位 单位：元
功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出
\t合计\t300\t100\t200
201\t一般公共服务支出\t300\t100\t200
20101\t人大事务\t300\t100\t200
2010101\t行政运行\t300\t100\t200
";

#[test]
fn a_made_up_unit_budget_matches_the_shanghai_form() {
    let report = fiscal_lint::check_text("made-up.txt", MADE_UP_UNIT_BUDGET).expect("reads");
    let m = report.document.form.clone().expect("a form");
    assert_eq!(m.id, "shanghai-budget");
    assert_eq!(m.level.as_deref(), Some("单位"));
    assert_tables("made-up", &m, &["general_budget_fn checked t1", "finance_summary not_checked", "income missing"]);
    let missing = status_of(&m, "income").reason.clone().unwrap();
    assert!(missing.zh.contains("收入预算总表") && missing.en.contains("收入预算总表"));
    // In the JSON: document.form with the form's id, its tables and their status.
    let v: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(v["document"]["form"]["id"], "shanghai-budget");
    assert_eq!(v["document"]["form"]["kind"], "budget");
    assert_eq!(v["document"]["form"]["tables"][4]["key"], "general_budget_fn");
    assert_eq!(v["document"]["form"]["tables"][4]["status"], "checked");
    assert_eq!(v["document"]["form"]["tables"][4]["table"], "t1");
    assert_eq!(v["document"]["form"]["tables"][0]["status"], "not_checked");
    assert!(v["document"]["form"]["tables"][0]["reason"]["en"].is_string());
    assert_eq!(v["document"]["form"]["unexpected"], serde_json::json!([]));
}

#[test]
fn a_document_of_no_form_has_none() {
    let report =
        fiscal_lint::check_text("prose.txt", "2024年部门决算情况说明\n本年收入合计 10.00 万元。\n").expect("reads");
    assert!(report.document.form.is_none());
    let v: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert!(v["document"]["form"].is_null());
}

/// A table the chosen form does not declare is listed as unexpected.
#[test]
fn tables_outside_the_form_are_unexpected() {
    let text = format!(
        "{MADE_UP_UNIT_BUDGET}\n收入决算表\n单位：万元\n科目编码\t科目名称\t本年收入合计\t财政拨款收入\n\t合计\t300\t300\n201\t一般公共服务支出\t300\t300\n"
    );
    let report = fiscal_lint::check_text("made-up.txt", &text).expect("reads");
    let m = report.document.form.expect("a form");
    assert_eq!(m.id, "shanghai-budget");
    assert_eq!(m.unexpected, vec!["t2".to_string()]);
}

/// Prints what every shared sample matched: `cargo test --test forms dump -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump() {
    for name in [
        "henan-xinxiang-hongqi-gxj-2023-final.txt",
        "shanghai-2024-final-template.pdf",
        "shanghai-putuo-czj-2024-final.pdf",
        "shanghai-putuo-ghzyj-2024-final.pdf",
        "shanghai-putuo-wanli-2024-budget.pdf",
        "shanghai-putuo-zfb-2025-budget.pdf",
        "shanghai-putuo-shflj-2024-budget-unit.pdf",
        "jiangsu-prov-jcy-2019-budget.pdf",
        "jiangsu-prov-swbgt-2018-budget-text.pdf",
        "chongqing-beibei-swu-2024-final.pdf",
        "chongqing-beibei-swu-2024-budget.pdf",
    ] {
        let m = form_of(name);
        eprintln!("== {name}: {} {:?} unexpected {:?}", m.id, m.level, m.unexpected);
        for t in &m.tables {
            eprintln!(
                "   {:24} {:?} {:?} {:?} {} {}",
                t.key,
                t.status,
                t.table,
                t.other_tables,
                t.unit,
                t.reason.as_ref().map(|r| r.zh.as_str()).unwrap_or("")
            );
        }
    }
}

#[test]
fn cli_lists_every_form() {
    let bin = env!("CARGO_BIN_EXE_fiscal-lint");
    let out = std::process::Command::new(bin).args(["forms", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    let want: Vec<&str> = forms::forms().iter().map(|f| f.id).collect();
    assert_eq!(ids, want);
    assert_eq!(v[1]["tables"][0]["title"], "财务收支预算总表");
    assert_eq!(v[1]["tables"][0]["unit"], "元");
    let text = std::process::Command::new(bin).arg("forms").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("shanghai-budget") && text.contains("财务收支预算总表  必需  元"), "{text}");
    let en = std::process::Command::new(bin).args(["forms", "--lang", "en"]).output().unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("Shanghai department (unit) budget") && en.contains("项目支出绩效自评表  optional  万元"),
        "{en}"
    );
}

#[test]
fn the_text_report_names_the_form_and_its_unchecked_tables() {
    let report = fiscal_lint::check_text("made-up.txt", MADE_UP_UNIT_BUDGET).expect("reads");
    let zh = report.to_text(fiscal_lint::report::Lang::Zh);
    assert!(zh.contains("表样：上海市部门（单位）预算公开（九张表）〔shanghai-budget，单位〕"), "{zh}");
    assert!(zh.contains("  未核对 财务收支预算总表：文中有此表的标题"), "{zh}");
    assert!(zh.contains("  缺少 收入预算总表："), "{zh}");
    let en = report.to_text(fiscal_lint::report::Lang::En);
    assert!(en.contains("Form: Shanghai department (unit) budget (nine tables) [shanghai-budget, 单位]"), "{en}");
    assert!(en.contains("  missing 收入预算总表: No table titled"), "{en}");
}

/// Every identity a form declares names a rule family that evaluates form identities, and parses.
#[test]
fn every_identity_names_a_family_that_evaluates_it() {
    let mut n = 0;
    for f in forms::forms() {
        for t in f.tables.iter() {
            for i in t.identities.iter() {
                assert!(
                    fiscal_lint::rules::FORM_IDENTITY_FAMILIES.contains(&i.code)
                        && fiscal_lint::rules::REGISTRY.iter().any(|r| r.code == i.code),
                    "{} {}: {}",
                    f.id,
                    t.key,
                    i.code
                );
                forms::identity::row_sum(i.rows, i.holds).unwrap_or_else(|e| panic!("{} {}: {e}", f.id, t.key));
                n += 1;
            }
        }
    }
    assert!(n >= 20, "{n} identities");
}

/// The matched form's identities judge its tables: a row of the Shanghai form's 一般公共预算支出功能分类预算表 whose
/// 合计 is not 基本支出 + 项目支出 is a T002 error at that row, with the difference.
#[test]
fn the_matched_forms_identities_judge_its_tables() {
    let text = MADE_UP_UNIT_BUDGET.replace("20101\t人大事务\t300\t100\t200", "20101\t人大事务\t300\t100\t150");
    let report = fiscal_lint::check_text("made-up.txt", &text).expect("reads");
    assert_eq!(report.document.form.as_ref().map(|m| m.id.as_str()), Some("shanghai-budget"));
    let t002: Vec<_> = report.findings.iter().filter(|f| f.rule == "T002").collect();
    assert_eq!(t002.len(), 1, "{t002:#?}");
    assert_eq!(t002[0].severity, fiscal_lint::report::Severity::Error);
    assert!(t002[0].message.zh.contains("「20101 人大事务」：合计 = 基本支出 + 项目支出"), "{}", t002[0].message.zh);
    assert_eq!(t002[0].difference.as_deref(), Some("50"), "{:?}", t002[0]);
}

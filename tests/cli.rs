//! The CLI as a user runs it: exit status, text and JSON output, the rule list, unreadable input.

use std::path::PathBuf;
use std::process::Command;

#[cfg(feature = "formats")]
#[path = "support/office.rs"]
mod office;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fiscal-lint"))
}

fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/henan-xinxiang-hongqi-gxj-2023-final.txt")
}

#[test]
fn seed_has_errors_exit_1_and_chinese_text() {
    let out = bin().arg("check").arg(seed_path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("错误[T003] 支出决算表「20113 商贸事务」"), "{text}");
    assert!(text.contains("新乡市红旗区工业和信息化局"));
    assert!(text.contains("项错误"));
}

#[test]
fn english_text() {
    let out = bin().args(["check", "--lang", "en"]).arg(seed_path()).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error[T003] Expenditure table [20113 商贸事务]"), "{text}");
}

#[test]
fn json_is_the_report_contract() {
    let out = bin().args(["check", "--format", "json"]).arg(seed_path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tool"]["name"], "fiscal-lint");
    assert_eq!(v["document"]["kind"], "final");
    assert_eq!(v["document"]["year"], 2023);
    assert!(v["document"]["tables"].as_array().unwrap().iter().any(|t| t["kind"] == "final.gov_fund"));
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["severity"] == "error").unwrap();
    for key in ["rule", "verdict", "message", "expected", "actual", "difference", "tolerance", "cells"] {
        assert!(f.get(key).is_some(), "{key}");
    }
    assert!(f["message"]["zh"].is_string() && f["message"]["en"].is_string());
    assert!(f["expected"].is_string(), "amounts are decimal strings");
    let c = &f["cells"][0];
    for key in ["table", "table_kind", "row", "row_label", "column", "value", "source"] {
        assert!(c.get(key).is_some(), "{key}");
    }
    assert!(v["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn consistent_table_exits_0() {
    let dir = std::env::temp_dir().join(format!("fl-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("ok.tsv");
    std::fs::write(
        &f,
        "项目\t\t本年支出合计\t基本支出\t项目支出\n科目编码\t科目名称\t\t\t\n合计\t\t30.00\t10.00\t20.00\n\
         201\t一般公共服务支出\t30.00\t10.00\t20.00\n20101\t人大事务\t30.00\t10.00\t20.00\n",
    )
    .unwrap();
    let out = bin().arg("check").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn unreadable_inputs_exit_2_with_a_message() {
    let out = bin().args(["check", "/nonexistent/x.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法打开文件"));

    let dir = std::env::temp_dir().join(format!("fl-cli-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let junk = dir.join("junk.bin");
    std::fs::write(&junk, [0u8, 159, 146, 150, 255, 0, 1, 2]).unwrap();
    let out = bin().arg("check").arg(&junk).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是 UTF-8"));

    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = bin().arg("check").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("输入为空"));

    let out = bin().args(["check", "--format", "yaml", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// issue 10 item 5: every outcome is a JSON object with `outcome`, and a document in which nothing could be checked
/// exits 2 with a message — never 0.
#[test]
fn json_object_for_every_outcome_and_nothing_checked_exits_2() {
    let dir = std::env::temp_dir().join(format!("fl-cli-outcome-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = |args: &[&std::ffi::OsStr]| {
        let out = bin().arg("check").args(args).args(["--format", "json"]).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        (out.status.code(), v)
    };
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let (code, v) = json(&[empty.as_os_str()]);
    assert_eq!(code, Some(2));
    assert!(v.is_object(), "{v}");
    assert_eq!(v["outcome"], "unreadable");
    assert!(v["notice"]["zh"].as_str().unwrap().contains("输入为空"));

    let prose = dir.join("prose.txt");
    std::fs::write(&prose, "本单位今年没有编制表格。\n这里只有一段说明文字。\n").unwrap();
    let (code, v) = json(&[prose.as_os_str()]);
    assert_eq!(code, Some(2));
    assert_eq!(v["outcome"], "unreadable");

    // A university budget whose tables the checker does not read (yet): 277 figures found, none checked.
    let swu =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/pdf/chongqing-beibei-swu-2024-budget.pdf");
    if cfg!(feature = "formats") {
        let (code, v) = json(&[swu.as_os_str()]);
        if v["summary"]["checks"] == 0 && v["summary"]["claims"]["checked"] == 0 {
            assert_eq!(code, Some(2), "{}", v["notice"]);
            assert_eq!(v["outcome"], "nothing_checked");
            assert!(v["notice"]["zh"].as_str().unwrap().contains("未能核对任何内容"));
            let out = bin().arg("check").arg(&swu).output().unwrap();
            assert_eq!(out.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&out.stdout).contains("这不表示文档没有问题"));
        } else {
            assert_ne!(v["outcome"], "nothing_checked");
        }
    }

    // The seed sample: errors.
    let (code, v) = json(&[seed_path().as_os_str()]);
    assert_eq!((code, v["outcome"].as_str()), (Some(1), Some("errors")));
    assert!(v.get("notice").is_none());
}

#[test]
fn rules_lists_the_registry() {
    let out = bin().args(["rules", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
    let registry: Vec<&str> = fiscal_lint::rules::REGISTRY.iter().map(|r| r.code).collect();
    assert_eq!(codes, registry);
    let text = bin().arg("rules").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("T003") && text.contains("## Why"));
}

/// Findings of a JSON report without offsets and ids (sorted: files may order tables differently).
#[cfg(feature = "formats")]
fn json_findings(v: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let cells: Vec<String> = f["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| format!("{}|{}|{}|{}", c["table_kind"], c["row"], c["column"], c["value"]))
                .collect();
            format!(
                "{} {} {} {} {} {} [{}] {}",
                f["rule"],
                f["severity"],
                f["verdict"],
                f["expected"],
                f["actual"],
                f["difference"],
                cells.join("; "),
                f["text"]["excerpt"]
            )
        })
        .collect();
    out.sort();
    out
}

#[cfg(feature = "formats")]
#[test]
fn merge_tables_xlsx_and_narrative_docx() {
    let (tables, narrative) = office::split_seed();
    let dir = std::env::temp_dir().join(format!("fl-cli-office-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("tables.xlsx"), office::tables_xlsx(&tables, &[])).unwrap();
    std::fs::write(dir.join("narrative.docx"), office::narrative_docx(&narrative)).unwrap();
    let out = bin()
        .current_dir(&dir)
        .args(["check", "--merge", "tables.xlsx", "narrative.docx", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let merged: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(merged["input"]["format"], "xlsx+docx");
    assert_eq!(merged["input"]["files"][0]["format"], "xlsx");
    assert_eq!(merged["input"]["files"][1]["format"], "docx");
    assert_eq!(merged["document"]["tables"][0]["origin"]["sheet"], "收入支出决算总表");
    let seed = bin().args(["check", "--format", "json"]).arg(seed_path()).output().unwrap();
    let seed: serde_json::Value = serde_json::from_slice(&seed.stdout).unwrap();
    assert_eq!(json_findings(&merged), json_findings(&seed));

    // Without --merge each file is its own document: the workbook alone still has the tables' findings.
    let out = bin().current_dir(&dir).args(["check", "tables.xlsx", "narrative.docx"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("错误[T003] 支出决算表「20113 商贸事务」"), "{text}");

    // read --text shows the text the offsets point into, sheets opened by their origin lines.
    let out =
        bin().current_dir(&dir).args(["read", "--merge", "--text", "tables.xlsx", "narrative.docx"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("〔文件：tables.xlsx｜xlsx｜工作表：收入支出决算总表〕\n收入支出决算总表\n"), "{text}");
    assert!(text.contains("〔文件：narrative.docx｜docx〕"));
}

#[cfg(feature = "gb18030")]
#[test]
fn gbk_csv_and_the_encoding_option() {
    let dir = std::env::temp_dir().join(format!("fl-cli-gbk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = "支出决算表,,,,\r\n项目,,本年支出合计,基本支出,项目支出\r\n科目编码,科目名称,,,\r\n\
               合计,,30.00,10.00,20.00\r\n201,一般公共服务支出,30.00,10.00,20.00\r\n20101,人大事务,30.00,10.00,20.00\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let f = dir.join("支出.csv");
    std::fs::write(&f, &gbk).unwrap();
    for args in [&["check"][..], &["check", "--encoding", "gbk"]] {
        let out = bin().args(args).arg(&f).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out = bin().args(["check", "--encoding", "utf-8"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是 UTF-8"));
    let out = bin().args(["check", "--encoding", "latin1"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn read_text_prints_what_the_offsets_point_into() {
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/pdf/shanghai-putuo-czj-2024-final.pdf");
    let text = bin().args(["read", "--text"]).arg(&pdf).output().unwrap();
    assert_eq!(text.status.code(), Some(0));
    let text = String::from_utf8(text.stdout).unwrap();
    let report = bin().args(["check", "--format", "json"]).arg(&pdf).output().unwrap();
    assert_eq!(report.status.code(), Some(1), "the PDF's narrative has errors");
    let v: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(v["input"]["format"], "pdf");
    assert_eq!(v["input"]["files"][0]["format"], "pdf");
    let chars: Vec<char> = text.chars().collect();
    let mut spans = 0;
    for f in v["findings"].as_array().unwrap() {
        if let Some(t) = f.get("text").filter(|t| !t.is_null()) {
            let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
            // The excerpt is the span's text with line breaks taken out (a claim may run over a line break).
            let at: String = chars[s..e].iter().filter(|c| **c != '\n').collect();
            assert_eq!(at, t["excerpt"].as_str().unwrap());
            spans += 1;
        }
    }
    assert!(spans > 10, "{spans} narrative spans");
}

#[test]
fn merge_checks_several_files_as_one_document() {
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/pdf/shanghai-putuo-czj-2024-final.pdf");
    let out = bin().args(["check", "--merge", "--format", "json"]).arg(&pdf).arg(seed_path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.is_object(), "one report for the merged files");
    assert_eq!(v["input"]["format"], "pdf+text");
    let tables = v["document"]["tables"].as_array().unwrap();
    assert!(tables.iter().all(|t| t["origin"]["file"].is_string()), "every table names its file");
    // Without --merge: one report per file.
    let out = bin().args(["check", "--format", "json"]).arg(&pdf).arg(seed_path()).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    // `fiscal-lint check … | head -1`: the reader goes away; the CLI stops quietly (141, as for SIGPIPE), never 101.
    let mut child = bin()
        .args(["check", "--format", "json"])
        .arg(seed_path())
        .arg(seed_path())
        .arg(seed_path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101));
}

//! Organisation and year of every shared sample (read at run time from ../shared/samples, never copied), from its
//! cover and titles (src/input/text.rs `read_metadata`).

use fiscal_lint::model::DocumentKind;
use std::path::PathBuf;

fn read(rel: &str) -> fiscal_lint::model::Document {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples").join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or(rel);
    fiscal_lint::input::files::read_files(&[fiscal_lint::input::files::InputFile { name, bytes: &bytes }])
        .unwrap_or_else(|e| panic!("{rel}: {}", e.message.en))
        .document
}

#[test]
fn every_shared_sample_gives_its_organisation_and_year() {
    use DocumentKind::{Budget, Final};
    let cases: &[(&str, DocumentKind, Option<u32>, &str)] = &[
        ("henan-xinxiang-hongqi-gxj-2023-final.txt", Final, Some(2023), "新乡市红旗区工业和信息化局"),
        // 「西南大学」 above 「2024年度部门预算」; the 决算 on one line.
        ("pdf/chongqing-beibei-swu-2024-budget.pdf", Budget, Some(2024), "西南大学"),
        ("pdf/chongqing-beibei-swu-2024-final.pdf", Final, Some(2024), "西南大学"),
        ("pdf/jiangsu-prov-jcy-2019-budget.pdf", Budget, Some(2019), "江苏省人民检察院"),
        // 「江苏省委办公厅2018年度部门预算公开」 (the year is not part of the name).
        ("pdf/jiangsu-prov-swbgt-2018-budget-text.pdf", Budget, Some(2018), "江苏省委办公厅"),
        ("pdf/shanghai-2024-final-template.pdf", Final, Some(2024), "上海市XX局"),
        ("pdf/shanghai-putuo-czj-2024-final.pdf", Final, Some(2024), "上海市普陀区财政局"),
        // The name wrapped over two lines above 「2024年度部门决算」.
        ("pdf/shanghai-putuo-ghzyj-2024-final.pdf", Final, Some(2024), "上海市普陀区规划和自然资源局"),
        ("pdf/shanghai-putuo-shflj-2024-budget-unit.pdf", Budget, Some(2024), "上海市普陀区社会福利院"),
        // 「上海市普陀区2024年区级部门预算」 names the district; the department is on 「预算主管部门：」.
        ("pdf/shanghai-putuo-wanli-2024-budget.pdf", Budget, Some(2024), "上海市普陀区人民政府万里街道办事处"),
        ("pdf/shanghai-putuo-zfb-2025-budget.pdf", Budget, Some(2025), "上海市普陀区人民政府办公室"),
    ];
    // Every sample is here: a new one needs its line.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    let mut shared: Vec<String> = ["", "pdf/"]
        .iter()
        .flat_map(|sub| {
            std::fs::read_dir(dir.join(sub))
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().is_file())
                .map(move |e| format!("{sub}{}", e.file_name().to_string_lossy()))
        })
        .collect();
    shared.sort();
    let mut listed: Vec<String> = cases.iter().map(|c| c.0.to_string()).collect();
    listed.push("pdf/jiangsu-prov-swbgt-2018-budget-tables.pdf".into());
    listed.sort();
    assert_eq!(shared, listed);
    for (rel, kind, year, org) in cases {
        let doc = read(rel);
        assert_eq!((doc.kind, doc.year, doc.organization.as_deref()), (*kind, *year, Some(*org)), "{rel}");
    }
    // The tables book of the same department: its cover is printed on rotated pages (A3 turned 90°), read as
    // displayed; the table headers' 「部门：」 names the organisation, the cover the year.
    let doc = read("pdf/jiangsu-prov-swbgt-2018-budget-tables.pdf");
    assert_eq!((doc.year, doc.organization.as_deref()), (Some(2018), Some("中共江苏省委办公厅")));
}

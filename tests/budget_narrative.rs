//! The budget narrative (预算编制说明, 其他相关情况说明) on the shared budget PDFs, read as reviewers read it: the
//! budget year's figures tied to the budget tables, each 项's 「2023年当年预算执行数为 P，2024年预算安排 C，比2023年
//! 预算执行数减少 p%」 checked inside (Δ, p, direction), 三公 / 政府采购 lists added up (docs/narrative.md).
//! Every error and rate warning on these documents is pinned here, with why it is the document's own.

use fiscal_lint::input::files::InputFile;
use fiscal_lint::narrative::ClaimKind;
use fiscal_lint::narrative::link::Status;
use fiscal_lint::report::Severity;
use std::path::PathBuf;

fn checked(name: &str) -> fiscal_lint::Checked {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/pdf").join(format!("{name}.pdf"));
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    fiscal_lint::check_files(&[InputFile { name, bytes: &bytes }])
        .unwrap_or_else(|e| panic!("{name}: {}", e.message.en))
}

/// Errors and the warnings of the narrative rules, as `rule severity excerpt = expected vs actual`.
fn pinned(c: &fiscal_lint::Checked) -> Vec<String> {
    c.report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error || (f.severity == Severity::Warning && f.rule.starts_with('C')))
        .filter(|f| f.rule.starts_with('C'))
        .map(|f| {
            let span = f.text.as_ref().expect("narrative findings carry their span");
            format!(
                "{} {:?} {} = {} vs {}",
                f.rule,
                f.severity,
                span.excerpt,
                f.expected.as_deref().unwrap_or("-"),
                f.actual.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

/// Claims found / checked, as `summary.claims` counts them.
fn counts(c: &fiscal_lint::Checked) -> (usize, usize, usize) {
    let s = &c.report.summary.claims;
    (s.found as usize, s.checked as usize, s.unresolved as usize)
}

#[test]
fn budget_claims_are_checked() {
    // Before (bdf5e21): found / checked — wanli 173 / 35, zfb 50 / 2, shflj 54 / 7, jcy 90 / 2. A repeated 项 figure
    // and the prior-year figure of a change are now inside one claim, so fewer are found.
    for (name, min_checked, max_unresolved) in [
        ("shanghai-putuo-wanli-2024-budget", 75, 35),
        ("shanghai-putuo-zfb-2025-budget", 20, 27),
        ("shanghai-putuo-shflj-2024-budget-unit", 18, 21),
        ("jiangsu-prov-jcy-2019-budget", 24, 52),
    ] {
        let (found, checked, unresolved) = counts(&checked(name));
        assert!(checked >= min_checked && unresolved <= max_unresolved, "{name}: {found} found, {checked} checked");
    }
}

#[test]
fn an_item_with_its_prior_year_outturn_and_rate_is_judged() {
    let c = checked("shanghai-putuo-shflj-2024-budget-unit");
    let (_, js) = fiscal_lint::narrative::analyze(&c.read.document);
    let status = |needle: &str| -> Vec<Status> {
        js.iter().filter(|j| j.rule == "C003" && j.excerpt.contains(needle)).map(|j| j.status).collect()
    };
    // 事业单位离退休: 54.60 → 53.84 is −1.39%: one claim covering the prior figure, the budget figure and the rate.
    assert_eq!(status("预算安排53.84万元，比2023年预算执行数减少1.39%"), [Status::Consistent]);
    // 机关事业单位基本养老保险缴费: 70.70 → 76.76 is +8.57%.
    assert_eq!(status("预算安排76.76万元，比2023年预算执行数增加8.57%"), [Status::Consistent]);
    // The budget figures restate the 一般公共预算支出功能分类预算表 (in 元): 53.84 万元 = 538,4xx 元.
    let c001: Vec<&fiscal_lint::narrative::Judgement> =
        js.iter().filter(|j| j.rule == "C001" && j.excerpt == "53.84万元").collect();
    assert_eq!(c001.iter().map(|j| j.status).collect::<Vec<_>>(), [Status::Consistent]);
    // 持平 with both figures printed (wanli items 10, 11, 19, 21, 33: 科普活动 10.00 and 10.00, …).
    let c = checked("shanghai-putuo-wanli-2024-budget");
    let (ex, js) = fiscal_lint::narrative::analyze(&c.read.document);
    let flat: Vec<Status> = js
        .iter()
        .filter(|j| ex.claims.get(j.claim).is_some_and(|c| matches!(c.kind, ClaimKind::Change { up: None, .. })))
        .map(|j| j.status)
        .collect();
    assert_eq!(flat, [Status::Consistent; 5]);
    // No prior-year figure is reported on its own as not checked.
    assert!(
        !c.report.findings.iter().any(|f| f.rule == "C001"
            && f.text.as_ref().is_some_and(|t| t.excerpt == "60.13万元" || t.excerpt == "54.60万元")),
    );
}

#[test]
fn every_budget_error_is_the_documents_own() {
    // wanli, item 31 住房公积金: headed 「350.35万元」 (the table's 3,503,499 元), then 「2024年预算安排352.67万元」 — the
    // second figure is the slip: it is not the table's, and the rate printed with it (0.53%) is the rate of 350.35
    // ((350.35 − 348.52) ÷ 348.52 = 0.53%), not of 352.67 (1.19%). Item 9 其他教育支出: 「2023年当年预算执行数为0.00
    // 万元 … 比2023年预算执行数增加100.00%」: a rate on a zero base (domain.md §5: an error).
    assert_eq!(
        pinned(&checked("shanghai-putuo-wanli-2024-budget")),
        [
            "C001 Error 352.67万元 = 350.3499 vs 352.67",
            "C003 Error 0.00万元，2024年预算安排25.00万元，比2023年预算执行数增加100.00% = - vs 100.00",
            "C003 Error 348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53% = 1.19 vs 0.53",
        ]
    );
    // zfb: nothing wrong in what could be checked.
    assert_eq!(pinned(&checked("shanghai-putuo-zfb-2025-budget")), Vec::<String>::new());
    // shflj, item 4 社会福利事业单位: 「738.66万元」 twice, while the table has 6,964,796 元 (696.48 万元); reported
    // once (the repeated figure is not a second finding).
    assert_eq!(
        pinned(&checked("shanghai-putuo-shflj-2024-budget-unit")),
        ["C001 Error 738.66万元 = 696.4796 vs 738.66"]
    );
    // jcy (Jiangsu, 万元): the rates printed with Δ, against the current figure before them.
    assert_eq!(
        pinned(&checked("jiangsu-prov-jcy-2019-budget")),
        [
            // 基本支出 15,844.04 of 24,169.74 is 65.553%, printed 65.56% (the three shares were forced to 100%).
            "C002 Error 15,844.04万元，占65.56% = 65.55 vs 65.56",
            // 收、支预算总计 24,169.74, up 2214.39 on 21,955.35: 10.09%, printed 10.06%.
            "C003 Error 24,169.74万元，与上年相比收、支预算总计各增加2214.39万元，增长10.06% = 10.09 vs 10.06",
            // 2228.78 ÷ 21,940.96 = 10.158%: printed 10.15% four times (cut, not rounded).
            "C003 Warning 24,169.74万元，与上年相比增加2228.78万元，增长10.15% = 10.16 vs 10.15",
            // 项目支出 4335.3, down 1237.7 on 5573.0 = 22.21%: the 13.22% printed is 基本支出's rate repeated.
            "C003 Error 4335.3万元。与上年相比减少了1237.7万元，减少13.22% = 22.21 vs 13.22",
            "C003 Warning 24,169.74万元。与上年相比，财政拨款收、支总计各增加2228.78万元，增长10.15 % = 10.16 vs 10.15",
            "C003 Warning 24,169.74万元，占本年支出合计的100%。与上年相比，财政拨款支出增加2228.78万元，增长10.15% = 10.16 vs 10.15",
            // 一般行政管理事务 2354.4, down 1311.6 on 3666.0 = 35.777%: printed 35.77% (cut).
            "C003 Warning 2354.4万元，与上年相比减少1311.6万元，减少35.77% = 35.78 vs 35.77",
            // 住房公积金 1442.74, up 368.97 on 1073.77 = 34.362%: printed 34.38%.
            "C003 Error 1442.74万元，与上年相比增加368.97万元，增加34.38% = 34.36 vs 34.38",
            "C003 Warning 24,169.74万元，与上年相比增加2228.78万元，增长10.15% = 10.16 vs 10.15",
            // Now that its 经济科目 table is read: the narrative lists 提租补贴 among the 人员经费 items, and the
            // table has no such line (提租补贴 is 住房保障支出 2210202, not an economic item) — a soft check.
            "C008 Warning 基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、职业年金缴费、其他社会保障缴费、其他工资福利支出、离休费、退休费、医疗费、奖励金、住房公积金、提租补贴 = - vs -",
        ]
    );
    // swu (university budget): 科学技术支出 1,723.93 of 财政拨款支出预算 244,675.66 is 0.7046%, printed 0.71% (the
    // five shares were forced to 100%).
    assert_eq!(
        pinned(&checked("chongqing-beibei-swu-2024-budget")),
        ["C002 Error 1,723.93万元，占0.71% = 0.70 vs 0.71"]
    );
    assert_eq!(pinned(&checked("jiangsu-prov-swbgt-2018-budget-text")), Vec::<String>::new());
}

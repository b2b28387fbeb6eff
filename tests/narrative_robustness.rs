//! Narrative extraction and judging never panic: sentences assembled at random from the words, figures and
//! punctuation the claims are made of, with and without tables.

use fiscal_lint::check_text;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "第三部分 情况说明\n",
    "\n一、收入支出决算总体情况说明\n",
    "\n五、一般公共预算财政拨款支出决算情况说明\n",
    "\n九、财政拨款“三公”经费支出决算情况说明\n",
    "\n十三、预算绩效情况说明\n",
    "\n\n",
    "收、支总计均为",
    "一般公共预算财政拨款支出",
    "年初预算为",
    "支出决算为",
    "完成年初预算的",
    "占支出合计的",
    "占",
    "与上年度相比，",
    "比 2022 年度",
    "增加",
    "减少",
    "增长",
    "下降",
    "持平",
    "其中：",
    "1. ",
    "2、",
    "一般公共服务支出（类）",
    "商贸事务（款）",
    "行政运行（项）",
    "决算数与年初预算数存在差异",
    "决算数大于预算数",
    "购置车辆",
    "共有车辆",
    "团组",
    "平均得分",
    "项目自评得分",
    "分值",
    "得分",
    " 0.00 万元",
    " 138.97 万元",
    " -1.00 万元",
    " 361万元",
    " 99999999999999999999 万元",
    " 0.000000000000000000000001 万元",
    " 6.71%",
    " 100.00%",
    " 0.00%",
    " 80\\%",
    " 3 个",
    " 0 辆",
    " 94.72 分",
    " 0.0555555555555555550%",
    " 99999501020 万元",
    " 123456789012345678.12345678 万元",
    " 0.00000000000000000001 万元",
    " 99999999999999999.99%",
    " 1234567890123456789 分",
    " 20 分",
    " １２３．４５万元",
    "，",
    "。",
    "；",
    "（",
    "）",
    "万",
    "元",
];

const TABLES: &str = "一般公共预算财政拨款支出决算表\n单位：万元\n项目\t\t本年支出\t\t\n科目代码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t0.00\t0.00\t0.00\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]
    #[test]
    fn never_panics(picks in proptest::collection::vec(0..PIECES.len(), 0..80), tables in any::<bool>()) {
        let mut text = String::new();
        if tables {
            text.push_str(TABLES);
        }
        for p in picks {
            text.push_str(PIECES[p]);
        }
        if let Ok(report) = check_text("fuzz", &text) {
            let n = text.chars().count() as u32;
            for f in &report.findings {
                if let Some(t) = &f.text {
                    prop_assert!(t.start <= t.end && t.end <= n, "{:?}", t);
                }
            }
            let c = &report.summary.claims;
            prop_assert_eq!(c.found, c.checked + c.unresolved);
        }
    }
}

/// Every claim kind with extreme figures (huge, tiny, many decimals): judged without panicking.
#[test]
fn extreme_figures_in_every_claim_kind() {
    let figures =
        ["0.0555555555555555550", "99999501020", "123456789012345678.12345678", "0.00000000000000000001", "0"];
    for a in figures {
        for b in figures {
            let text = format!(
                "{TABLES}第三部分\n一、收入支出决算总体情况说明\n收、支总计均为 {a} 万元。与上年度相比，收、支总计各增加 {b} 万元，增长 {a}%。\n\
                 三、支出决算情况说明\n支出合计 {a} 万元，其中：基本支出 {b} 万元，占 {b}%。\n\
                 五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出年初预算为 {a} 万元，支出决算为 {b} 万元，完成年初预算的 {a}%。其中：\n\
                 1. 一般公共服务支出（类）人大事务（款）行政运行（项）。年初预算为 {b} 万元，支出决算为 {a} 万元，完成年初预算的 {b}%。决算数大于预算数。\n\
                 2. 一般公共服务支出（类）人大事务（款）一般行政管理事务（项）。年初预算为 {a} 万元，支出决算为 {a} 万元，完成年初预算的 {a}%。\n\
                 十、机关运行经费支出情况说明\n机关运行经费支出 {a} 万元，比 2022 年度减少 {b} 万元，下降 {b}%。\n\
                 十一、政府采购支出情况说明\n政府采购支出总额 {a} 万元，其中：政府采购货物支出 {b} 万元。授予中小企业合同金额 {b} 万元，占政府采购支出总额的 {a}%。\n\
                 十三、预算绩效情况说明\n共计完成 {a} 个项目的自评工作，平均得分 {a} 分，其中甲项目自评得分 {b} 分，乙项目自评得分 {a} 分。分值 {a} 分，得分 {b} 分。\n"
            );
            let report = check_text("extreme", &text).expect("readable");
            let c = &report.summary.claims;
            assert_eq!(c.found, c.checked + c.unresolved, "{a} {b}");
        }
    }
}

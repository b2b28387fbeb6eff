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
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
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

//! Narrative claims (情况说明): every amount, share, year-on-year change, completion rate, list and count the prose
//! states, tied to the table cells it restates and checked under the rounding model (domain.md §4, §5).
//!
//! - [`Joined`]: the prose of 第三部分 joined into one string (a sentence cut by a page break is joined again), with
//!   each character's offset into the input, so a claim's span is exact whatever the breaks.
//! - [`extract`]: numbers with their unit ([`Num`]) and the claims they make ([`Claim`]).
//! - [`link`]: resolving each claim's operands to table cells and judging it ([`Judgement`]).
//!
//! Hand-written scanning (no regex engine: it keeps the wasm small and the scan linear).

pub mod extract;
pub mod link;

use crate::amount::Amount;
use crate::classification::squashed;
use crate::model::{Document, TextBlock};

pub use extract::{Claim, ClaimKind, Extracted, Num, Role, Unit, extract};
pub use link::{Judgement, analyze};

/// Which part of the 情况说明 a sentence is in, from its heading's words (provinces number sections differently).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    /// 收入支出决算总体情况
    Overall,
    /// 收入决算情况
    Income,
    /// 支出决算情况
    Expenditure,
    /// 财政拨款收入支出决算总体情况
    Fiscal,
    /// 一般公共预算财政拨款支出决算情况
    GeneralBudget,
    /// 一般公共预算财政拨款基本支出决算情况
    Basic,
    /// 政府性基金预算财政拨款支出决算情况
    GovFund,
    /// 国有资本经营预算财政拨款支出决算情况
    StateCapital,
    /// 财政拨款“三公”经费支出决算情况
    ThreePublic,
    /// 机关运行经费
    Operating,
    /// 政府采购
    Procurement,
    /// 国有资产占用
    Assets,
    /// 预算绩效
    Performance,
    Other,
}

impl SectionKind {
    pub fn from_heading(h: &str) -> SectionKind {
        let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
        if h.contains("三公") {
            SectionKind::ThreePublic
        } else if h.contains("机关运行经费") {
            SectionKind::Operating
        } else if h.contains("政府采购") {
            SectionKind::Procurement
        } else if h.contains("国有资产") {
            SectionKind::Assets
        } else if h.contains("绩效") {
            SectionKind::Performance
        } else if h.contains("政府性基金") {
            SectionKind::GovFund
        } else if h.contains("国有资本经营") {
            SectionKind::StateCapital
        } else if h.contains("基本支出") {
            SectionKind::Basic
        } else if h.contains("一般公共预算") || h.contains("财政拨款支出决算表") {
            // 「（四）高等学校财政拨款支出决算表说明」: the 高等学校 form's 财政拨款 table, read as the 一般公共预算 one.
            SectionKind::GeneralBudget
        } else if h.contains("财政拨款收入支出") || h.contains("财政拨款收支") {
            SectionKind::Fiscal
        } else if h.contains("收入支出决算总体") || h.contains("收支决算总体") || h.contains("收入支出总体")
        {
            SectionKind::Overall
        } else if h.contains("收入决算") {
            SectionKind::Income
        } else if h.contains("支出决算") {
            SectionKind::Expenditure
        } else {
            SectionKind::Other
        }
    }
}

/// The narrative of 第三部分 as one character string. `offsets[i]` is the input offset of `chars[i]`; a `'\n'`
/// between paragraphs maps to the end of the paragraph before it.
#[derive(Clone, Debug, Default)]
pub struct Joined {
    pub chars: Vec<char>,
    pub offsets: Vec<u32>,
    /// Sections: (kind, heading, first char index).
    pub sections: Vec<(SectionKind, String, usize)>,
}

impl Joined {
    /// Input offsets of the joined range `[js, je)` (end exclusive).
    pub fn span(&self, js: usize, je: usize) -> (u32, u32) {
        let start = self.offsets.get(js).copied().unwrap_or(0);
        let end = if je > js { self.offsets.get(je - 1).map(|o| o + 1).unwrap_or(start) } else { start };
        (start, end.max(start))
    }

    pub fn slice(&self, js: usize, je: usize) -> String {
        let je = je.min(self.chars.len());
        if js >= je {
            return String::new();
        }
        self.chars[js..je].iter().filter(|c| **c != '\n').collect()
    }

    /// The section a joined index is in.
    pub fn section_at(&self, j: usize) -> usize {
        self.sections.iter().rposition(|(_, _, s)| *s <= j).unwrap_or(0)
    }

    pub fn section_kind(&self, j: usize) -> SectionKind {
        self.sections.get(self.section_at(j)).map(|s| s.0).unwrap_or(SectionKind::Other)
    }
}

const CN_NUMS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// 「一、…」「十三、…」 heading (numbered with Chinese numerals, short, no figures).
pub(crate) fn section_heading(t: &str) -> bool {
    let t = t.trim_start_matches(['-', ' ', '•']);
    let lead = t.chars().take_while(|c| CN_NUMS.contains(c)).count();
    if lead == 0 || lead > 3 {
        return false;
    }
    let rest: Vec<char> = t.chars().skip(lead).collect();
    matches!(rest.first(), Some('、') | Some('.') | Some('．'))
        && t.chars().count() <= 40
        && !t.chars().any(|c| c.is_ascii_digit())
        && !t.contains('：')
}

/// A budget's heading with its year: 「一、2024年“三公”经费预算情况说明」 (its only digits are the year's).
pub(crate) fn year_heading(t: &str) -> bool {
    let Some(p) = t.find("年") else { return false };
    let digits: String = t[..p].chars().rev().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 {
        return false;
    }
    let without: String = t.replacen(&digits.chars().rev().collect::<String>(), "", 1);
    section_heading(&without)
}

/// A sub-heading that notes one table (高等学校 决算: 「（四）高等学校财政拨款支出决算表说明」) opens a section of its
/// own, so that its figures are read against that table; once one has, a later 「（五）其他说明」 closes it.
fn table_note_heading(t: &str, in_table_notes: &mut bool) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(rest) = t.strip_prefix('（') else { return false };
    let lead = rest.chars().take_while(|c| CN_NUMS.contains(c)).count();
    let numbered = lead > 0 && rest.chars().nth(lead) == Some('）');
    if !numbered || t.chars().count() > 30 || t.contains(['，', '。', '：']) {
        return false;
    }
    if t.ends_with("表说明") {
        *in_table_notes = true;
        return true;
    }
    *in_table_notes && t.ends_with("说明")
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end().chars().last().is_none_or(|c| matches!(c, '。' | '！' | '？' | '：' | ':' | '；' | ';' | '!' | '?'))
}

/// A block that starts a new paragraph: a heading, 「（一）」, or an item number 「1.」「1、」.
fn starts_paragraph(t: &str) -> bool {
    let t = t.trim_start();
    if section_heading(t) {
        return true;
    }
    let mut it = t.chars();
    match it.next() {
        Some('（') | Some('(') => it.next().is_some_and(|c| CN_NUMS.contains(&c) || c.is_ascii_digit()),
        Some(c) if c.is_ascii_digit() => {
            // 「1.」「1、」 — but not a figure carried over a line break (「15.16%；」, 「2.50万元」).
            let mut rest = t.chars().skip_while(|c| c.is_ascii_digit());
            let mark = rest.next();
            matches!(mark, Some('.') | Some('、') | Some('．')) && !rest.next().is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Joins the narrative blocks of 第三部分 (or, when the document has no such heading, every block).
pub fn join(doc: &Document) -> Joined {
    let budget = doc.kind == crate::model::DocumentKind::Budget;
    let blocks = &doc.narrative;
    let is_part3 = |b: &TextBlock| {
        if !b.text.trim_start().starts_with('第') {
            return false;
        }
        let t = squashed(&b.text);
        t.starts_with("第三部分") || (t.contains("情况说明") && t.starts_with("第") && t.contains("部分"))
    };
    let ends_part3 = |b: &TextBlock| {
        if !b.text.trim_start().starts_with('第') {
            return false;
        }
        let t = squashed(&b.text);
        t.starts_with("第四部分") || t.contains("名词解释") && t.starts_with('第')
    };
    // Each 「第三部分」 up to 「第四部分」 (名词解释) or the next 「第三部分」. The table of contents has one too, with
    // no figures in it: only parts that state amounts (万元, %) count. Several files read as one document can bring
    // one each (a PDF and a Word narrative).
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if !is_part3(b) {
            continue;
        }
        let start = i + 1;
        let end = blocks
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, b)| ends_part3(b) || is_part3(b))
            .map(|(k, _)| k)
            .unwrap_or(blocks.len());
        let states_figures =
            blocks.get(start..end).unwrap_or(&[]).iter().any(|b| b.text.contains("万元") || b.text.contains('%'));
        if states_figures {
            ranges.push((start, end));
        }
    }
    if ranges.is_empty() {
        // No 第三部分 with figures: the last heading's part (as printed), or every block when there is none.
        let start = blocks.iter().rposition(is_part3).map(|i| i + 1).unwrap_or(0);
        let end =
            blocks.iter().enumerate().skip(start).find(|(_, b)| ends_part3(b)).map(|(k, _)| k).unwrap_or(blocks.len());
        ranges.push((start, end));
    }
    let mut j = Joined::default();
    let mut prev_open = false;
    let mut in_table_notes = false;
    for b in ranges.iter().flat_map(|&(start, end)| blocks.get(start..end).unwrap_or(&[])) {
        let text = &b.text;
        let n = text.chars().count() as u32;
        let exact = b.end.saturating_sub(b.start) == n;
        if !j.chars.is_empty() {
            let new_para = !prev_open || starts_paragraph(text);
            if new_para {
                let off = j.offsets.last().copied().unwrap_or(b.start);
                j.chars.push('\n');
                j.offsets.push(off);
            }
        }
        if section_heading(text) || (budget && year_heading(text)) || table_note_heading(text, &mut in_table_notes) {
            j.sections.push((SectionKind::from_heading(text), squashed(text).into_owned(), j.chars.len()));
        }
        for (i, c) in text.chars().enumerate() {
            let i = i as u32;
            let off = if exact { b.start + i } else { (b.start + i).min(b.end.saturating_sub(1).max(b.start)) };
            j.chars.push(c);
            j.offsets.push(off);
        }
        prev_open = !ends_sentence(text) && !section_heading(text) && !(budget && year_heading(text));
    }
    if j.sections.first().is_none_or(|s| s.2 > 0) {
        j.sections.insert(0, (SectionKind::Other, String::new(), 0));
    }
    j
}

/// A figure as the text prints it, as an [`Amount`] (scale = decimals printed).
pub fn text_amount(n: &Num) -> Amount {
    n.value
}

/// `a × b`, saturating at the largest decimal instead of panicking (figures from the input can be anything).
pub(crate) fn sat_mul(a: rust_decimal::Decimal, b: rust_decimal::Decimal) -> rust_decimal::Decimal {
    use rust_decimal::Decimal;
    a.checked_mul(b).unwrap_or(if a.is_sign_negative() != b.is_sign_negative() { Decimal::MIN } else { Decimal::MAX })
}

/// `a ÷ b`, saturating instead of panicking; `b = 0` gives zero (callers rule out a zero divisor first).
pub(crate) fn sat_div(a: rust_decimal::Decimal, b: rust_decimal::Decimal) -> rust_decimal::Decimal {
    use rust_decimal::Decimal;
    if b.is_zero() {
        return Decimal::ZERO;
    }
    a.checked_div(b).unwrap_or(if a.is_sign_negative() != b.is_sign_negative() { Decimal::MIN } else { Decimal::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, TextBlock};
    use extract::Operand;

    #[test]
    fn a_figure_carried_over_a_line_break_is_not_an_item_number() {
        assert!(starts_paragraph("1.基本支出"));
        assert!(starts_paragraph("12、项目支出"));
        assert!(!starts_paragraph("15.16%；"));
        assert!(!starts_paragraph("2.50万元，占"));
    }

    /// A document whose narrative is every non-blank line of `text` (offsets as the text reader gives them).
    pub(crate) fn doc_of(text: &str) -> Document {
        let mut narrative = Vec::new();
        let mut offset = 0u32;
        for (i, line) in text.split('\n').enumerate() {
            let n = line.chars().count() as u32;
            let lead = line.chars().take_while(|c| c.is_whitespace()).count() as u32;
            let t = line.trim();
            if !t.is_empty() {
                let start = offset + lead;
                narrative.push(TextBlock {
                    text: t.to_string(),
                    line: i as u32 + 1,
                    start,
                    end: start + t.chars().count() as u32,
                });
            }
            offset += n + 1;
        }
        Document {
            kind: DocumentKind::Final,
            year: None,
            organization: None,
            unit: None,
            tables: Vec::new(),
            narrative,
            issues: Vec::new(),
        }
    }

    fn at(text: &str, start: u32, end: u32) -> String {
        text.chars().skip(start as usize).take((end - start) as usize).collect()
    }

    #[test]
    fn a_sentence_cut_by_a_page_break_is_joined_with_exact_offsets() {
        let text = "第三部分 情况说明\n\n五、一般公共预算财政拨款支出决算情况说明\n\n\
                    1. 科学技术支出（类）应用研究（款）其他应用研究支出（项）。年初预算为 0.00 万元，支出决算为 12.50 万\n\n\
                    元，完成年初预算的 100.00%。\n";
        let doc = doc_of(text);
        let ex = extract(&doc);
        let n: Vec<&Num> = ex.nums.iter().collect();
        assert_eq!(n.len(), 3);
        assert_eq!(n[1].number, "12.50");
        assert_eq!(n[1].unit, Unit::Wan);
        let (s, e) = ex.text.span(n[1].ns, n[1].ne);
        assert_eq!(at(text, s, e), "12.50");
        // The span of the figure runs over the page break to the 元 on the next page.
        assert_eq!(at(text, n[1].start, n[1].end), "12.50 万\n\n元");
        let (s, e) = ex.text.span(n[2].ns, n[2].je);
        assert_eq!(at(text, s, e), "100.00%");
        // The completion rate on a zero budget is a claim of its own.
        assert!(ex.claims.iter().any(|c| matches!(c.kind, ClaimKind::Completion { .. })));
    }

    #[test]
    fn full_width_forms_and_no_space_before_the_unit() {
        let text = "第三部分\n三、支出决算情况说明\n２０２３年度支出合计１２３．４５万元，其中：基本支出 ２３．４５万元，占１９．００％。\n";
        let ex = extract(&doc_of(text));
        let vals: Vec<String> = ex.nums.iter().map(|n| format!("{}{:?}", n.value.value, n.unit)).collect();
        assert_eq!(vals, ["123.45Wan", "23.45Wan", "19.00Percent"]);
        let share = ex.claims.iter().find(|c| matches!(c.kind, ClaimKind::Share { .. })).expect("share");
        assert_eq!(share.nums, vec![1, 2]);
        let roles: Vec<Role> = ex
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Figure { role, .. } => Some(role.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(roles, [Role::ExpTotal, Role::Basic]);
    }

    #[test]
    fn item_numbers_with_dot_or_comma_and_their_budgets_add_up() {
        let text = "第三部分\n五、一般公共预算财政拨款支出决算情况说明\n\
                    2023 年度一般公共预算财政拨款支出年初预算为 30.00 万元，支出决算为 30.00 万元，完成年初预算的 100.00%。其中：\n\
                    1、一般公共服务支出（类）人大事务（款）行政运行（项）。年初预算为 10.00 万元，支出决算为 10.00 万元，完成年初预算的 100.00%。\n\
                    2．一般公共服务支出（类）人大事务（款）一般行政管理事务（项）。年初预算为 20.00 万元，支出决算为 20.00 万元，完成年初预算的 100.00%。\n";
        let ex = extract(&doc_of(text));
        let items: Vec<&Role> = ex
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Figure { role: r @ Role::Item { .. }, .. } => Some(r),
                _ => None,
            })
            .collect();
        assert_eq!(items.len(), 2);
        let sum = ex.claims.iter().find(|c| matches!(c.kind, ClaimKind::Sum { .. })).expect("list");
        assert_eq!(sum.nums.len(), 3);
    }

    #[test]
    fn a_class_named_without_its_suffix_is_a_class() {
        let text = "第三部分\n五、一般公共预算财政拨款支出决算情况说明\n\
                    2023 年度一般公共预算财政拨款支出 80.00 万元，主要用于以下方面：一般公共服务支出 50.00 万元，占 62.50%；\
                    教育（类）支出 30.00 万元，占 37.50%。\n";
        let ex = extract(&doc_of(text));
        let roles: Vec<Role> = ex
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Figure { role, .. } => Some(role.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(roles, [Role::GbTotal, Role::Class("一般公共服务支出".into()), Role::Class("教育支出".into())]);
    }

    #[test]
    fn years_item_numbers_and_thresholds_are_not_figures() {
        let text = "第三部分\n十二、国有资产占用情况说明\n2023 年期末，单位价值 100 万元（含）以上设备 2 台（套）。1. 见附表 3。\n";
        let ex = extract(&doc_of(text));
        let got: Vec<&str> = ex.nums.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(got, ["2 台"]);
    }

    fn flats(ex: &Extracted) -> Vec<String> {
        ex.claims
            .iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Flat { delta } => Some(ex.nums[delta].number.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn flat_binds_only_to_the_change_of_its_own_clause() {
        // Made-up sentences. 持平 after 「；」 is about the next subject, not about the 12.30 before it.
        let text = "第三部分\n四、财政拨款收入支出决算总体情况说明\n\
                    2023 年度一般公共预算财政拨款支出 80.00 万元，比上年增加 12.30 万元；政府性基金预算支出与上年预算持平。\n\
                    2023 年度机关运行经费 5.00 万元，比上年减少 0.40 万元；国有资本经营预算支出 0.00 万元，比上年持平。\n\
                    2023 年度公用经费 6.00 万元，比上年增加 1.00 万元，与上年持平。\n\
                    2023 年度人员经费 7.00 万元，比上年增加 2.00 万元，基本持平；公用经费增加 3.00 万元，增长 5.00%。\n";
        let ex = extract(&doc_of(text));
        // Only the changes with 持平 in their own clause: 1.00 (a contradiction) and 2.00 (judged before the next
        // change of the same sentence replaces it).
        assert_eq!(flats(&ex), ["1.00", "2.00"]);
        // The rate 5.00% goes with the change of its clause (3.00), not with 2.00.
        let growth: Vec<(String, String)> = ex
            .claims
            .iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Growth { delta, rate: Some((r, _)), .. } => {
                    Some((ex.nums[delta].number.clone(), ex.nums[r].number.clone()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(growth, [("3.00".to_string(), "5.00".to_string())]);
    }

    #[test]
    fn a_rate_in_another_clause_is_not_the_rate_of_a_change() {
        let text = "第三部分\n十、机关运行经费支出情况说明\n\
                    2023 年度机关运行经费 5.00 万元，比上年减少 0.40 万元；资产负债率下降 7.40%。\n";
        let ex = extract(&doc_of(text));
        assert!(!ex.claims.iter().any(|c| matches!(c.kind, ClaimKind::Growth { rate: Some(_), .. })));
    }

    #[test]
    fn a_share_takes_its_part_from_its_own_clause() {
        let text = "第三部分\n十一、政府采购支出情况说明\n\
                    授予中小企业合同金额 80.00 万元，占政府采购支出总额的 80.00%；货物采购授予中小企业合同金额占货物支出金额的 55.48%。\n";
        let ex = extract(&doc_of(text));
        let shares: Vec<Vec<String>> = ex
            .claims
            .iter()
            .filter(|c| matches!(c.kind, ClaimKind::Share { .. }))
            .map(|c| c.nums.iter().map(|n| ex.nums[*n].number.clone()).collect())
            .collect();
        // 55.48% is not a share of 80.00 (its part, the goods figure, is not printed).
        assert_eq!(shares, [vec!["80.00", "80.00"]]);
    }

    #[test]
    fn a_reception_count_belongs_to_the_reception_of_its_clause() {
        let text = "第三部分\n九、财政拨款“三公”经费支出决算情况说明\n\
                    公务接待费 3.00 万元，其中：外宾接待费 0.00 万元，接待 0 批次；国内公务接待费 3.00 万元，接待 5 批次。\n";
        let ex = extract(&doc_of(text));
        let counts: Vec<(String, String)> = ex
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::CountWithAmount { count, amount: Operand::Num(a) } => {
                    Some((ex.nums[*count].number.clone(), ex.nums[*a].number.clone()))
                }
                _ => None,
            })
            .collect();
        // Without clauses the 5 批次 would go with 外宾 (named earlier in the sentence) and its 0.00.
        assert_eq!(counts, [("0".to_string(), "0.00".to_string()), ("5".to_string(), "3.00".to_string())]);
    }

    #[test]
    fn a_vehicle_list_ends_with_its_sentence() {
        let vehicle_sums = |text: &str| -> Vec<Vec<String>> {
            let ex = extract(&doc_of(text));
            ex.claims
                .iter()
                .filter(|c| matches!(&c.kind, ClaimKind::Sum { what_en, .. } if what_en.starts_with("vehicles")))
                .map(|c| c.nums.iter().map(|n| ex.nums[*n].number.clone()).collect())
                .collect()
        };
        // Two sentences, two lists: the count of the first is not added to the second.
        let text = "第三部分\n十二、国有资产占用情况说明\n\
                    截至 2023 年底，共有车辆 7 辆，其中：主要领导干部用车 0 辆、其他用车 7 辆；单价 100 万元（含）以上设备 0 台。\n\
                    2024 年预算安排购置车辆 1 辆，其中：应急保障用车 0 辆、其他用车 1 辆。\n";
        assert_eq!(vehicle_sums(text), [vec!["7", "0", "7"], vec!["1", "0", "1"]]);
        // A list opened by 「其中」 in the next sentence belongs to the total before it.
        let text = "第三部分\n十二、国有资产占用情况说明\n\
                    本部门共有车辆 55 辆。其中，一般公务用车 13 辆、执法执勤用车 40 辆、其他用车 2 辆。单价 20 万元（含）以上的设备 6 台。\n";
        assert_eq!(vehicle_sums(text), [vec!["55", "13", "40", "2"]]);
    }

    /// A budget document (2026) whose narrative is every non-blank line of `text`.
    fn budget_of(text: &str) -> Document {
        let mut d = doc_of(text);
        d.kind = DocumentKind::Budget;
        d.year = Some(2026);
        d
    }

    /// The C003 judgements of a budget narrative: (excerpt, status, severity of the finding if any).
    fn c003(text: &str) -> Vec<(String, link::Status, Option<crate::report::Severity>)> {
        let (_, js) = analyze(&budget_of(text));
        js.into_iter()
            .filter(|j| j.rule == "C003")
            .map(|j| (j.excerpt.clone(), j.status, j.finding.as_ref().map(|f| f.severity)))
            .collect()
    }

    const ITEM: &str = "1.“教育支出（类）普通教育（款）小学教育（项）”";

    #[test]
    fn a_budget_item_with_its_prior_year_outturn_and_rate() {
        use link::Status;
        // Made-up items. (50.00 − 40.00) ÷ 50.00 = 20.00%: consistent, one claim covering P, C and p.
        let text = format!(
            "预算编制说明\n{ITEM}40.00万元，主要用于示例。2025年当年预算执行数为50.00万元，2026年预算安排40.00万元，比2025年预算执行数减少20.00%。主要原因是：示例。\n"
        );
        let ex = extract(&budget_of(&text));
        let change: Vec<&Claim> = ex.claims.iter().filter(|c| matches!(c.kind, ClaimKind::Change { .. })).collect();
        assert_eq!(change.len(), 1);
        assert_eq!(
            change[0].nums.iter().map(|n| ex.nums[*n].number.as_str()).collect::<Vec<_>>(),
            ["50.00", "40.00", "20.00"]
        );
        // The heading's 40.00 restates the 项; the repeated 40.00 is not a second table check; nothing is left over.
        let figures =
            ex.claims.iter().filter(|c| matches!(c.kind, ClaimKind::Figure { role: Role::Item { .. }, .. })).count();
        assert_eq!(figures, 1);
        assert!(!ex.claims.iter().any(|c| matches!(c.kind, ClaimKind::Unresolved { .. })));
        assert_eq!(
            c003(&text),
            [(
                "50.00万元，2026年预算安排40.00万元，比2025年预算执行数减少20.00%".to_string(),
                Status::Consistent,
                None
            )]
        );
        // The wrong direction word is an error.
        let t = text.replace("减少20.00%", "增加20.00%");
        let got = c003(&t);
        assert_eq!((got[0].1, got[0].2), (Status::Inconsistent, Some(crate::report::Severity::Error)));
        // A wrong rate is an error; a truncated one a warning: (1600.00 − 1500.00) ÷ 1500.00 = 6.6667% printed 6.66%.
        let t = text.replace("减少20.00%", "减少25.00%");
        assert_eq!(c003(&t)[0].2, Some(crate::report::Severity::Error));
        let t = text
            .replace("50.00万元，2026", "1500.00万元，2026")
            .replace("40.00", "1600.00")
            .replace("减少20.00%", "增加6.66%");
        let got = c003(&t);
        assert_eq!((got[0].1, got[0].2), (Status::Inconsistent, Some(crate::report::Severity::Warning)), "{got:?}");
        let t = t.replace("6.66%", "6.67%");
        assert_eq!(c003(&t)[0].1, Status::Consistent);
    }

    #[test]
    fn a_budget_rate_on_a_zero_prior_year_and_flat_items() {
        use crate::report::Severity;
        use link::Status;
        let text = format!(
            "预算编制说明\n{ITEM}25.00万元，主要用于示例。2025年当年预算执行数为0.00万元，2026年预算安排25.00万元，比2025年预算执行数增加100.00%。\n"
        );
        let got = c003(&text);
        assert_eq!((got[0].1, got[0].2), (Status::Undefined, Some(Severity::Error)), "{got:?}");
        // 持平 with the two figures equal: consistent; unequal: an error.
        let flat = format!(
            "预算编制说明\n{ITEM}10.00万元，主要用于示例。2025年当年预算执行数为10.00万元，2026年预算安排10.00万元，比2025年预算执行数持平。主要原因是：不变。\n"
        );
        assert_eq!(c003(&flat).iter().map(|g| g.1).collect::<Vec<_>>(), [Status::Consistent]);
        let t = flat.replace("执行数为10.00", "执行数为12.00");
        let got = c003(&t);
        assert_eq!((got[0].1, got[0].2), (Status::Inconsistent, Some(Severity::Error)), "{got:?}");
        // The same words in a 决算 are read as before: no budget change claims.
        let ex = extract(&doc_of(&text));
        assert!(!ex.claims.iter().any(|c| matches!(c.kind, ClaimKind::Change { .. })));
    }

    #[test]
    fn a_budget_summary_names_its_totals_and_sources() {
        let text = "预算编制说明\n2026年，某单位收入预算100.00万元，其中：财政拨款收入80.00万元，比2025年预算增加5.00万元；事业收入20.00万元；其他收入0.00万元。\n\
                    支出预算100.00万元，其中：财政拨款支出预算80.00万元，比2025年预算增加5.00万元。财政拨款支出预算中，一般公共预算拨款支出预算80.00万元，比2025年预算增加5.00万元；政府性基金拨款支出预算0.00万元，与2025年预算持平；国有资本经营预算拨款支出预算0.00万元，与2025年预算持平。\n";
        let ex = extract(&budget_of(text));
        let roles: Vec<Role> = ex
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Figure { role, .. } => Some(role.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            roles,
            [
                Role::IncomeTotal,
                Role::IncomeSource(crate::model::keys::FISCAL_GRANT),
                Role::IncomeSource(crate::model::keys::BUSINESS_INCOME),
                Role::IncomeSource(crate::model::keys::OTHER_INCOME),
                Role::ExpTotal,
                Role::FiscalExpTotal,
                Role::GbTotal,
                Role::GovFundExp,
                Role::StateCapitalExp,
            ]
        );
        // Each 「增加 5.00 万元」 with no rate is one C003 claim (its prior year is in no table), not a loose figure.
        let growth = ex.claims.iter().filter(|c| matches!(c.kind, ClaimKind::Growth { rate: None, .. })).count();
        assert_eq!(growth, 3);
        assert!(!ex.claims.iter().any(|c| matches!(c.kind, ClaimKind::Unresolved { .. })));
        // In a 决算 these words are not role words: nothing changes there.
        let ex = extract(&doc_of(text));
        assert!(!ex.claims.iter().any(|c| matches!(&c.kind, ClaimKind::Figure { role: Role::FiscalExpTotal, .. })));
    }

    #[test]
    fn budget_three_public_procurement_and_dashed_items() {
        use link::Status;
        let text = "预算编制说明\n1.“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目12.00万元，主要用于示例。\n\
                    其他相关情况说明\n一、2026年“三公”经费预算情况说明\n2026年“三公”经费预算数为10.00万元，比2025年预算增加1.00万元。其中：\n\
                    （一）因公出国（境）费2.00万元，与2025年预算持平。\n\
                    （二）公务用车购置及运行费5.00万元，比2025年预算增加1.00万元。其中：公务用车购置费3.00万元，比2025年预算增加1.00万元；公务用车运行费2.00万元，与2025年预算持平。\n\
                    （三）公务接待费3.00万元，与2025年预算持平。\n\
                    二、政府采购预算情况\n2026年本部门政府采购预算100.00万元，其中：政府采购货物预算10.00万元、政府采购工程预算20.00万元、政府采购服务预算70.00万元。\n\
                    2026年本部门面向中小企业预留政府采购项目预算金额60.00万元，其中，预留给小型和微型企业的政府采购项目预算为40.00万元。\n";
        let doc = budget_of(text);
        let ex = extract(&doc);
        assert!(
            ex.claims.iter().any(
                |c| matches!(&c.kind, ClaimKind::Figure { role: Role::Item { item, .. }, .. } if item == "行政运行")
            )
        );
        let tp: Vec<&str> = ex
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Figure { role: Role::ThreePublic(k), .. } => Some(*k),
                _ => None,
            })
            .collect();
        assert!(tp.iter().all(|k| k.starts_with("budget.")) && tp.len() == 6, "{tp:?}");
        let (_, js) = analyze(&doc);
        let sums: Vec<(&str, Status)> =
            js.iter().filter(|j| j.rule == "C005").map(|j| (j.excerpt.as_str(), j.status)).collect();
        // 购置 + 运行, the three items, 货物 + 工程 + 服务, 中小 ≤ 总额, 小微 ≤ 中小: all consistent.
        assert_eq!(sums.len(), 5, "{sums:#?}");
        assert!(sums.iter().all(|s| s.1 == Status::Consistent), "{sums:#?}");
    }

    #[test]
    fn garbage_never_panics() {
        let cases = [
            "",
            "第三部分",
            "第三部分\n一、\n占%\n完成预算的%\n-\n",
            "第三部分\n一、收支总计\n99999999999999999999999999 万元，增加 0.000000000000000000000001 万元，增长 5%",
            "第三部分\n十、机关运行经费\n机关运行经费 0.01 万元，比上年减少 0.01 万元，下降 100.00%。决算数大于预算数",
            "第三部分\n五、一般公共预算\n（类）（款）（项）年初预算为 万元 1 万元 占的 2%（类）",
            "第三部分\n十三、绩效\n平均得分 分 项目得分 1 分 得分 2 分 3 个项目",
            "第三部分\n九、三公\n购置车辆 -1 台 团组 1 个 \\% 5\\%",
        ];
        let budget_cases = [
            "预算编制说明\n2025年当年预算执行数为99999999999999999999999999万元，2026年预算安排-0.000000000000000000000001万元，比2025年预算执行数减少99999999999999999999999999%。",
            "预算编制说明\n2025年当年预算执行数为0.0000000000000000000000001万元，2026年预算安排99999999999999999999999999万元，比2025年预算执行数增加1%。",
            "预算编制说明\n执行数为万元，预算安排万元，持平。2025年执行数为 1 万元，持平",
            "一、2026年\n二、20年\n三、9999年“三公”经费预算情况说明\n“三公”经费预算数为1万元，比2025年预算增加1万元",
            "1.“-科目-”科目1万元 1.“支出--”科目2万元 1.“A支出-B-C”科目3万元，比上年增加",
        ];
        for t in cases.iter().copied().chain(budget_cases) {
            for doc in [doc_of(t), budget_of(t)] {
                let (_, js) = analyze(&doc);
                for j in js {
                    assert!(j.start <= j.end);
                }
            }
        }
    }
}

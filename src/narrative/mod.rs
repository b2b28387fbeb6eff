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
use crate::model::Document;

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
        } else if h.contains("一般公共预算") {
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
            let rest: String = t.chars().skip_while(|c| c.is_ascii_digit()).take(1).collect();
            matches!(rest.as_str(), "." | "、" | "．")
        }
        _ => false,
    }
}

/// Joins the narrative blocks of 第三部分 (or, when the document has no such heading, every block).
pub fn join(doc: &Document) -> Joined {
    let blocks = &doc.narrative;
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    // The last 「第三部分」 heading (the first one is usually the table of contents) …
    let start = blocks
        .iter()
        .rposition(|b| {
            let t = squash(&b.text);
            t.starts_with("第三部分") || (t.contains("情况说明") && t.starts_with("第") && t.contains("部分"))
        })
        .map(|i| i + 1)
        .unwrap_or(0);
    // … up to 「第四部分」 (名词解释) or the next 「第…部分」.
    let end = blocks
        .iter()
        .enumerate()
        .skip(start)
        .find(|(_, b)| {
            let t = squash(&b.text);
            t.starts_with("第四部分") || t.contains("名词解释") && t.starts_with('第')
        })
        .map(|(i, _)| i)
        .unwrap_or(blocks.len());
    let mut j = Joined::default();
    let mut prev_open = false;
    for b in blocks.get(start..end).unwrap_or(&[]) {
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
        if section_heading(text) {
            j.sections.push((SectionKind::from_heading(text), squash(text), j.chars.len()));
        }
        for (i, c) in text.chars().enumerate() {
            let i = i as u32;
            let off = if exact { b.start + i } else { (b.start + i).min(b.end.saturating_sub(1).max(b.start)) };
            j.chars.push(c);
            j.offsets.push(off);
        }
        prev_open = !ends_sentence(text) && !section_heading(text);
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

/// Runs the narrative analysis and reports the claims a rule owns (`code`): one finding per claim that is
/// inconsistent, undefined, within rounding or not checked; every claim counted in `ctx.claims`.
pub fn report(ctx: &mut crate::rules::Ctx, code: &str) {
    use crate::report::{Finding, TextSpan};
    use link::Status;
    let (_, judgements) = analyze(ctx.doc);
    for j in judgements.into_iter().filter(|j| j.rule == code) {
        ctx.claims.found += 1;
        match j.status {
            Status::Consistent => {
                ctx.claims.checked += 1;
                ctx.claims.consistent += 1;
                ctx.checks += 1;
            }
            Status::Inconsistent => {
                ctx.claims.checked += 1;
                ctx.claims.inconsistent += 1;
                ctx.checks += 1;
            }
            Status::Undefined => {
                ctx.claims.checked += 1;
                ctx.claims.undefined += 1;
                ctx.checks += 1;
            }
            Status::Unresolved => {
                ctx.claims.unresolved += 1;
                ctx.not_checked += 1;
            }
        }
        let Some(r) = j.finding else { continue };
        let mut cells = Vec::new();
        for at in &j.cells {
            let exists = ctx.doc.tables.get(at.table).and_then(|t| t.rows.get(at.row)).is_some();
            if exists && !cells.iter().any(|c: &(usize, usize, usize)| *c == (at.table, at.row, at.col)) {
                cells.push((at.table, at.row, at.col));
            }
        }
        let cells = cells.into_iter().map(|(t, r, c)| ctx.cell_ref(crate::rules::At::new(t, r, c))).collect();
        let finding = Finding {
            rule: ctx.rule_code(),
            severity: r.severity,
            verdict: r.verdict,
            message: r.message,
            expected: r.expected,
            actual: r.actual,
            difference: r.difference,
            tolerance: r.tolerance,
            cells,
            text: Some(TextSpan { start: j.start, end: j.end, excerpt: j.excerpt }),
        };
        ctx.push(finding);
    }
}

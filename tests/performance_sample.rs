//! The performance reader on the three 项目支出绩效自评表 of the seed sample (read at run time, never copied).

use fiscal_lint::input::performance::build;
use fiscal_lint::input::{RawCell, RawRow};
use fiscal_lint::model::{Part, Source, Table, keys};

const SAMPLE: &str = "../shared/samples/henan-xinxiang-hongqi-gxj-2023-final.txt";

fn raw_rows(text: &str) -> Vec<RawRow> {
    let mut out = Vec::new();
    let mut offset = 0u32;
    for (i, line) in text.split('\n').enumerate() {
        let n = line.chars().count() as u32;
        let mut cells = Vec::new();
        let mut start = offset;
        for (ci, field) in line.split('\t').enumerate() {
            let fl = field.chars().count() as u32;
            let lead = field.chars().take_while(|c| c.is_whitespace()).count() as u32;
            let t = field.trim();
            let s = start + lead.min(fl);
            let e = s + t.chars().count() as u32;
            cells.push(RawCell {
                text: t.to_string(),
                source: Source { line: i as u32 + 1, cell: ci as u32 + 1, start: s, end: e, page: None },
            });
            start += fl + 1;
        }
        let source = Source { line: i as u32 + 1, cell: 0, start: offset, end: offset + n, page: None };
        out.push(RawRow { line: i as u32 + 1, cells, source });
        offset += n + 1;
    }
    out
}

fn tables() -> Option<(String, Vec<Table>)> {
    let text = std::fs::read_to_string(SAMPLE).ok()?;
    let rows = raw_rows(&text);
    let is_title = |r: &RawRow| {
        r.cells
            .first()
            .is_some_and(|c| c.text.contains("绩效自评") && c.text.ends_with('表') && c.text.chars().count() < 30)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        if is_title(&rows[i]) {
            let mut j = i + 1;
            while j < rows.len() && !is_title(&rows[j]) && (rows[j].cells.len() > 1 || rows[j].is_blank()) {
                j += 1;
            }
            let (t, issues) = build(&rows[i], &rows[i + 1..j], format!("p{}", out.len() + 1));
            assert!(issues.is_empty(), "{issues:?}");
            out.push(t);
            i = j;
        } else {
            i += 1;
        }
    }
    Some((text, out))
}

fn text_at(t: &Table, row: usize, key: &str) -> String {
    t.column(key).and_then(|c| t.rows[row].cell(c)).map(|c| c.text.clone()).unwrap_or_default()
}

#[test]
fn three_tables_with_subjects_funds_and_totals() {
    let Some((text, ts)) = tables() else { return };
    assert_eq!(ts.len(), 3);
    let subjects: Vec<_> = ts.iter().map(|t| t.subject.clone().unwrap_or_default()).collect();
    assert_eq!(subjects, ["工作经费", "万人助万企", "党建经费"]);
    let rates: Vec<_> =
        ts.iter().map(|t| text_at(t, t.row(keys::PERF_FUNDS_TOTAL).unwrap(), keys::PERF_RATE)).collect();
    assert_eq!(rates, ["100.0%", "64.17%", "34.88%"]);
    let scores: Vec<_> =
        ts.iter().map(|t| text_at(t, t.row(keys::PERF_FUNDS_TOTAL).unwrap(), keys::PERF_SCORE)).collect();
    assert_eq!(scores, ["10.00", "6.42", "3.49"]);
    let full: Vec<_> =
        ts.iter().map(|t| text_at(t, t.row(keys::PERF_FUNDS_TOTAL).unwrap(), keys::PERF_BUDGET_FULL)).collect();
    assert_eq!(full, ["4", "1.2", "0.86"]);
    let totals: Vec<_> =
        ts.iter().map(|t| text_at(t, t.row(keys::PERF_TOTAL_SCORE).unwrap(), keys::PERF_SCORE)).collect();
    assert_eq!(totals, ["97.75", "94.17", "92.23"]);
    let counts: Vec<(usize, usize, usize)> = ts
        .iter()
        .map(|t| {
            let n = |p| t.rows.iter().filter(|r| r.part == Some(p)).count();
            (n(Part::Funds), n(Part::Management), n(Part::Indicator))
        })
        .collect();
    assert_eq!(counts, [(4, 4, 6), (4, 4, 6), (4, 4, 9)]);
    // Every cell's source points at its text in the input.
    for t in &ts {
        for r in &t.rows {
            for c in r.cells.iter().flatten() {
                let got: String =
                    text.chars().skip(c.source.start as usize).take((c.source.end - c.source.start) as usize).collect();
                assert_eq!(got, c.text);
            }
        }
    }
    // The wrapped 三级指标 label of the first table, and a weight/score pair from the third.
    let ind: Vec<_> = ts[0].rows.iter().filter(|r| r.part == Some(Part::Indicator)).map(|r| r.label.clone()).collect();
    assert!(ind.iter().any(|l| l == "宣传指导企业覆盖率"), "{ind:?}");
    let t3 = &ts[2];
    let r = t3.rows.iter().position(|r| r.label == "党员参与率").unwrap();
    assert_eq!(text_at(t3, r, keys::PERF_WEIGHT), "13");
    assert_eq!(text_at(t3, r, keys::PERF_SCORE), "12.74");
    assert_eq!(text_at(t3, r, keys::PERF_DEVIATION), "-2.00");
}

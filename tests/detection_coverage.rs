//! Detection coverage on the seed sample: every amount cell of the nine tables takes part in some identity, so
//! changing that one printed figure by ±1.00 must produce an error that names the cell.

use fiscal_lint::check_text;
use fiscal_lint::input::text::read;
use fiscal_lint::model::TableKind;
use fiscal_lint::report::Severity;
use rust_decimal::Decimal;
use std::path::PathBuf;

fn sample() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join("samples")
        .join("henan-xinxiang-hongqi-gxj-2023-final.txt");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The text with characters [start, end) replaced.
fn splice(chars: &[char], start: usize, end: usize, with: &str) -> String {
    let mut s: String = chars[..start].iter().collect();
    s.push_str(with);
    s.extend(&chars[end..]);
    s
}

#[test]
fn every_amount_cell_is_covered() {
    let text = sample();
    let chars: Vec<char> = text.chars().collect();
    let doc = read(&text).expect("sample reads");
    let mut total = 0usize;
    let mut covered_cells = 0usize;
    let mut missed: Vec<String> = Vec::new();
    for t in &doc.tables {
        if t.kind == TableKind::Performance {
            continue;
        }
        for r in &t.rows {
            for (ci, cell) in r.cells.iter().enumerate() {
                let Some(cell) = cell else { continue };
                let Some(amount) = cell.amount else { continue };
                total += 1;
                let column = t.columns.get(ci).map(|c| c.label.clone()).unwrap_or_default();
                let row = r.code.clone().unwrap_or_else(|| r.label.clone());
                let mut covered = true;
                for delta in [Decimal::ONE, -Decimal::ONE] {
                    let scale = amount.scale.unwrap_or(2).max(2) as usize;
                    let new = format!("{:.*}", scale, amount.value + delta);
                    let (s, e) = (cell.source.start as usize, cell.source.end as usize);
                    assert!(s <= e && e <= chars.len(), "offsets of {row}/{column}");
                    let changed = splice(&chars, s, e, &new);
                    let report = check_text("mutated", &changed).expect("mutated sample reads");
                    let hit = report.findings.iter().any(|f| {
                        f.severity == Severity::Error
                            && f.cells.iter().any(|c| {
                                c.table_kind == t.kind.code()
                                    && c.row == row
                                    && c.column == column
                                    && c.source.line == cell.source.line
                                    && c.source.cell == cell.source.cell
                            })
                    });
                    if !hit {
                        covered = false;
                        missed.push(format!(
                            "{} {} / {} = {} → {} (line {})",
                            t.kind.code(),
                            row,
                            column,
                            cell.text,
                            new,
                            cell.source.line
                        ));
                    }
                }
                covered_cells += usize::from(covered);
            }
        }
    }
    eprintln!("detection coverage: {covered_cells} of {total} amount cells (±1.00 each)");
    assert!(total > 500, "only {total} amount cells read");
    assert!(missed.is_empty(), "{} mutations not detected:\n{}", missed.len(), missed.join("\n"));
}

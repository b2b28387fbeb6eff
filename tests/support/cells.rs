//! Shared by tests/pdf.rs and tests/layout_text.rs: a document's cells in the fixture format of tests/fixtures/pdf/.

use fiscal_lint::model::{Document, Part};

/// The cells of every table as `kind, row, column, text` (the fixture format of tests/fixtures/pdf/; rows by key, code
/// or label).
pub fn cells_tsv(doc: &Document) -> Vec<String> {
    let part = |p: Option<Part>| match p {
        Some(Part::Income) => "@income",
        Some(Part::Expenditure) => "@expenditure",
        _ => "",
    };
    let mut out = Vec::new();
    for t in &doc.tables {
        for r in &t.rows {
            let row = r.key.map(str::to_string).or_else(|| r.code.clone()).unwrap_or_else(|| r.label.clone());
            for (c, col) in r.cells.iter().zip(&t.columns) {
                let Some(c) = c else { continue };
                out.push(format!(
                    "{}\t{}{}\t{}{}\t{}",
                    t.kind.code(),
                    row,
                    part(r.part),
                    col.key,
                    part(col.part),
                    c.text
                ));
            }
        }
    }
    out
}

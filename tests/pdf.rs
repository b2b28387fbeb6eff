//! The PDF reader (src/input/pdf.rs + src/input/layout.rs) on the shared Shanghai 2024 决算 PDFs.

use std::path::PathBuf;

fn shared_bytes(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
#[ignore]
fn dump_items() {
    for name in ["shanghai-putuo-czj-2024-final", "shanghai-putuo-ghzyj-2024-final", "shanghai-2024-final-template"] {
        let bytes = shared_bytes(&format!("samples/pdf/{name}.pdf"));
        let t = std::time::Instant::now();
        let pages = fiscal_lint::input::pdf::extract(&bytes).expect("reads");
        eprintln!("{name}: {} pages in {:?}", pages.len(), t.elapsed());
        let mut out = String::new();
        for p in &pages {
            for i in &p.items {
                out.push_str(&format!(
                    "{}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{}\n",
                    p.number, i.x, i.y, i.width, i.size, i.text
                ));
            }
        }
        std::fs::write(format!("/tmp/pdfw/rs-{name}.tsv"), out).unwrap();
    }
}

#[test]
#[ignore]
fn dump_layout() {
    for name in ["shanghai-putuo-czj-2024-final", "shanghai-putuo-ghzyj-2024-final", "shanghai-2024-final-template"] {
        let bytes = shared_bytes(&format!("samples/pdf/{name}.pdf"));
        let pages = fiscal_lint::input::pdf::extract(&bytes).expect("reads");
        let l = fiscal_lint::input::layout::read(&pages).expect("layout");
        std::fs::write(format!("/tmp/pdfw/layout-{name}.txt"), &l.text).unwrap();
        std::fs::write(format!("/tmp/pdfw/doc-{name}.json"), serde_json::to_string_pretty(&l.document).unwrap())
            .unwrap();
        let kinds: Vec<_> = l.document.tables.iter().map(|t| (t.kind.code(), t.rows.len())).collect();
        eprintln!("{name}: {kinds:?}\n issues {}", l.document.issues.len());
        for i in &l.document.issues {
            eprintln!("  {}", i.message_zh);
        }
    }
}

/// The cells of every table as `kind, row, column, text` (the fixture format of tests/fixtures/pdf/).
fn cells_tsv(doc: &fiscal_lint::model::Document) -> Vec<String> {
    let mut out = Vec::new();
    for t in &doc.tables {
        for r in &t.rows {
            let part = |p: Option<fiscal_lint::model::Part>| match p {
                Some(fiscal_lint::model::Part::Income) => "@income",
                Some(fiscal_lint::model::Part::Expenditure) => "@expenditure",
                _ => "",
            };
            let row = r.key.map(str::to_string).or_else(|| r.code.clone()).unwrap_or_else(|| r.label.clone());
            for (c, col) in r.cells.iter().zip(&t.columns) {
                let Some(c) = c else { continue };
                if c.text.is_empty() {
                    continue;
                }
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

#[test]
#[ignore]
fn dump_cells() {
    for (name, short) in [("shanghai-putuo-czj-2024-final", "czj"), ("shanghai-putuo-ghzyj-2024-final", "ghzyj")] {
        let bytes = shared_bytes(&format!("samples/pdf/{name}.pdf"));
        let pages = fiscal_lint::input::pdf::extract(&bytes).expect("reads");
        let l = fiscal_lint::input::layout::read(&pages).expect("layout");
        std::fs::write(format!("/tmp/pdfw/cells-{short}.tsv"), cells_tsv(&l.document).join("\n") + "\n").unwrap();
    }
}

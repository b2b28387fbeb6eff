//! Layout text (src/input/layout_text.rs): `pdftotext -layout` output of the shared Shanghai 2024 决算 PDFs is
//! read into the same tables, cells and findings as the PDFs themselves (src/input/pdf.rs). pdftotext (Debian
//! `poppler-utils`) is run at test time; scripts/test.sh installs it.

use fiscal_lint::input::layout::Layout;
use fiscal_lint::input::layout_text;
use fiscal_lint::model::{Document, Part};
use fiscal_lint::report::Report;
use std::path::PathBuf;
use std::process::Command;

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(rel)
}

/// `pdftotext -layout FILE -` (fails the test, with what to install, when pdftotext is missing).
fn pdftotext(args: &[&str], name: &str) -> String {
    let pdf = shared(&format!("samples/pdf/{name}.pdf"));
    let out = Command::new("pdftotext").args(args).arg(&pdf).arg("-").output().unwrap_or_else(|e| {
        panic!(
            "pdftotext could not be run ({e}): these tests need it on PATH — install Debian's poppler-utils \
             (apt-get install poppler-utils; scripts/test.sh does)"
        )
    });
    assert!(out.status.success(), "pdftotext {args:?} {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

fn layout_text(name: &str) -> String {
    pdftotext(&["-layout", "-enc", "UTF-8"], name)
}

fn read_pdf(name: &str) -> Layout {
    let bytes = std::fs::read(shared(&format!("samples/pdf/{name}.pdf"))).expect("the shared PDF");
    fiscal_lint::input::pdf::read(&bytes).unwrap_or_else(|e| panic!("{name}: {}", e.message.en))
}

/// The cells of every table as `kind, row, column, text` (as tests/pdf.rs; rows by key, code or label).
fn cells_tsv(doc: &Document) -> Vec<String> {
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

/// A finding as compared across inputs: rule, severity, and each cell by table kind, row (key, code or
/// label), column key and value.
fn findings(report: &Report, doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            let cells: Vec<String> = f
                .cells
                .iter()
                .map(|c| {
                    let ident = doc.tables.iter().find(|t| t.id == c.table).and_then(|t| {
                        t.rows.iter().find_map(|r| {
                            r.cells.iter().zip(&t.columns).find_map(|(cell, col)| {
                                let cell = cell.as_ref()?;
                                (cell.source == c.source).then(|| {
                                    let row = r
                                        .key
                                        .map(str::to_string)
                                        .or_else(|| r.code.clone())
                                        .unwrap_or_else(|| r.label.clone());
                                    format!("{row}/{}", col.key)
                                })
                            })
                        })
                    });
                    format!("{}:{}={}", c.table_kind, ident.unwrap_or_else(|| c.row.clone()), c.value)
                })
                .collect();
            let quoted: String = f.text.iter().flat_map(|t| t.excerpt.chars()).filter(|c| !c.is_whitespace()).collect();
            format!("{} {:?} [{}] {quoted}", f.rule, f.severity, cells.join(", "))
        })
        .collect();
    out.sort();
    out
}

/// What differs between two lists, counting repeats (None when they hold the same entries as often).
fn diff(what: &str, want: &[String], got: &[String]) -> Option<String> {
    let mut extra: Vec<&String> = got.iter().collect();
    let mut missing: Vec<&String> = Vec::new();
    for w in want {
        match extra.iter().position(|g| *g == w) {
            Some(i) => {
                extra.remove(i);
            }
            None => missing.push(w),
        }
    }
    (!missing.is_empty() || !extra.is_empty()).then(|| format!("{what}: missing {missing:#?}\nextra {extra:#?}"))
}

/// The layout text of a PDF read as the PDF is: the same tables, every cell equal (same rows, columns and
/// values, in the same order), no read issue, and the same findings.
fn assert_same_as_pdf(name: &str) -> (Layout, Layout) {
    let text = layout_text(name);
    assert!(layout_text::looks_like_layout_text(&text), "{name}: pdftotext -layout output not recognised");
    let pdf = read_pdf(name);
    let lt = layout_text::read(&text).unwrap_or_else(|e| panic!("{name}: {}", e.message.en));
    if let Ok(dir) = std::env::var("LAYOUT_TEXT_DUMP") {
        let _ = std::fs::write(format!("{dir}/{name}.lt-synth.txt"), &lt.text);
        let _ = std::fs::write(format!("{dir}/{name}.pdf-synth.txt"), &pdf.text);
    }
    let mut problems: Vec<String> = Vec::new();
    let kinds = |d: &Document| d.tables.iter().map(|t| t.kind.code()).collect::<Vec<_>>();
    if kinds(&lt.document) != kinds(&pdf.document) {
        problems.push(format!("table kinds: {:?} vs the PDF's {:?}", kinds(&lt.document), kinds(&pdf.document)));
    }
    let issues: Vec<&str> = lt.document.issues.iter().map(|i| i.message_en.as_str()).collect();
    if !issues.is_empty() {
        problems.push(format!("read issues: {issues:#?}"));
    }
    let (want, got) = (cells_tsv(&pdf.document), cells_tsv(&lt.document));
    problems.extend(diff("cells", &want, &got));
    if problems.is_empty() && want != got {
        problems.push("same cells, different order".into());
    }
    let rp = fiscal_lint::check_document(name, "pdf", &pdf.document);
    let rl = fiscal_lint::check_document(name, "layout-text", &lt.document);
    problems.extend(diff("findings", &findings(&rp, &pdf.document), &findings(&rl, &lt.document)));
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    (pdf, lt)
}

#[test]
fn czj_layout_text_reads_as_the_pdf() {
    assert_same_as_pdf("shanghai-putuo-czj-2024-final");
}

#[test]
fn ghzyj_layout_text_reads_as_the_pdf() {
    assert_same_as_pdf("shanghai-putuo-ghzyj-2024-final");
}

/// Debugging aid: `LT_PAGE=6 cargo test --test layout_text dump_items -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump_items() {
    let name = std::env::var("LT_NAME").unwrap_or_else(|_| "shanghai-putuo-czj-2024-final".into());
    let page: u32 = std::env::var("LT_PAGE").ok().and_then(|p| p.parse().ok()).unwrap_or(6);
    let pages = layout_text::pages(&layout_text(&name));
    for p in pages.iter().filter(|p| p.number == page) {
        let mut y = f32::MIN;
        let mut line = String::new();
        for i in &p.items {
            if i.y != y {
                println!("{line}");
                line = format!("{:6.1}:", i.y);
                y = i.y;
            }
            line.push_str(&format!(" [{:.0}-{:.0} {}]", i.x / 7.0, (i.x + i.width) / 7.0, i.text));
        }
        println!("{line}");
    }
}

/// Debugging aid: the PDF's items of a page (`LT_PAGE`), for comparison with `dump_items`.
#[test]
#[ignore]
fn dump_pdf_items() {
    let name = std::env::var("LT_NAME").unwrap_or_else(|_| "shanghai-putuo-czj-2024-final".into());
    let page: u32 = std::env::var("LT_PAGE").ok().and_then(|p| p.parse().ok()).unwrap_or(6);
    let bytes = std::fs::read(shared(&format!("samples/pdf/{name}.pdf"))).unwrap();
    for p in fiscal_lint::input::pdf::extract(&bytes).unwrap().iter().filter(|p| p.number == page) {
        let mut items = p.items.clone();
        items.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        for i in items {
            println!("{:6.1} {:6.1}-{:6.1} {:4.1} {}", i.y, i.x, i.x + i.width, i.size, i.text);
        }
    }
}

/// Debugging aid: narrative blocks of the PDF and of its layout text, side by side.
#[test]
#[ignore]
fn dump_narrative() {
    let name = std::env::var("LT_NAME").unwrap_or_else(|_| "shanghai-putuo-czj-2024-final".into());
    let pdf = read_pdf(&name);
    let lt = layout_text::read(&layout_text(&name)).unwrap();
    let a: Vec<String> = pdf.document.narrative.iter().map(|b| b.text.split_whitespace().collect()).collect();
    let b: Vec<String> = lt.document.narrative.iter().map(|b| b.text.split_whitespace().collect()).collect();
    println!("blocks: pdf {} layout text {}", a.len(), b.len());
    for x in &a {
        if !b.contains(x) {
            println!("PDF only: {x}");
        }
    }
    for x in &b {
        if !a.contains(x) {
            println!("LT only:  {x}");
        }
    }
}

/// Debugging aid: tables and issues of the layout text of any shared PDF (`LT_NAME`), beside the PDF's.
#[test]
#[ignore]
fn dump_summary() {
    for name in ["shanghai-2024-final-template", "shanghai-putuo-wanli-2024-budget", "shanghai-putuo-zfb-2025-budget"] {
        let pdf = read_pdf(name);
        for (what, args) in [("layout", &["-layout"][..]), ("raw", &["-raw"][..]), ("plain", &[][..])] {
            let text = pdftotext(args, name);
            let looks = layout_text::looks_like_layout_text(&text);
            let read = fiscal_lint::input::read_pasted(&text);
            match read {
                Ok(r) => println!(
                    "{name} {what}: looks={looks} format={} tables={:?} issues={} cells={} (pdf: tables={:?} cells={})",
                    r.format,
                    r.document.tables.iter().map(|t| t.kind.code()).collect::<Vec<_>>(),
                    r.document.issues.len(),
                    cells_tsv(&r.document).len(),
                    pdf.document.tables.iter().map(|t| t.kind.code()).collect::<Vec<_>>(),
                    cells_tsv(&pdf.document).len()
                ),
                Err(e) => println!("{name} {what}: looks={looks} error {}", e.message.en),
            }
        }
    }
}

#[test]
#[ignore]
fn dump_issues() {
    let name = std::env::var("LT_NAME").unwrap_or_else(|_| "shanghai-2024-final-template".into());
    let lt = layout_text::read(&layout_text(&name)).unwrap();
    for i in &lt.document.issues {
        println!("ISSUE {}", i.message_en);
    }
    if let Ok(dir) = std::env::var("LAYOUT_TEXT_DUMP") {
        let _ = std::fs::write(format!("{dir}/{name}.lt-synth.txt"), &lt.text);
        let _ = std::fs::write(format!("{dir}/{name}.pdf-synth.txt"), &read_pdf(&name).text);
    }
}

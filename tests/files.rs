//! Files → one document (src/input/files.rs): detection by content, origins on tables, pages kept, and the
//! invariant that the text a report's offsets point into, read again as text, gives the same findings.

use fiscal_lint::input::files::InputFile;
use fiscal_lint::report::Report;
use std::path::PathBuf;

fn shared(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

const SEED: &str = "samples/henan-xinxiang-hongqi-gxj-2023-final.txt";
const CZJ: &str = "samples/pdf/shanghai-putuo-czj-2024-final.pdf";

/// Findings without offsets and ids: rule, severity, message, and each cell's table kind, row, column and value.
fn findings(r: &Report) -> Vec<String> {
    r.findings
        .iter()
        .map(|f| {
            let cells: Vec<String> =
                f.cells.iter().map(|c| format!("{}|{}|{}|{}", c.table_kind, c.row, c.column, c.value)).collect();
            format!(
                "{} {:?} {} [{}] {:?}",
                f.rule,
                f.severity,
                f.message.zh,
                cells.join("; "),
                f.text.as_ref().map(|t| &t.excerpt)
            )
        })
        .collect()
}

#[test]
fn one_text_file_is_the_same_as_pasting_it() {
    let bytes = shared(SEED);
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    let pasted = fiscal_lint::check_text("seed.txt", &text).expect("reads");
    let checked = fiscal_lint::check_files(&[InputFile { name: "seed.txt", bytes: &bytes }]).expect("reads");
    assert_eq!(checked.read.text, text, "a text file's text is its own");
    assert_eq!(checked.report.findings, pasted.findings, "same findings, same offsets");
    assert_eq!(checked.report.input.format, "text");
    assert_eq!(checked.report.input.files.len(), 1);
    for t in &checked.read.document.tables {
        let o = t.origin.as_ref().expect("every table has its file");
        assert_eq!((o.file.as_str(), o.format.as_str()), ("seed.txt", "text"));
    }
}

#[test]
fn a_pdf_and_a_text_file_as_one_document_keep_their_origins_and_pages() {
    let seed = shared(SEED);
    let pdf = shared(CZJ);
    let files = [InputFile { name: "czj.pdf", bytes: &pdf }, InputFile { name: "seed.txt", bytes: &seed }];
    let checked = fiscal_lint::check_files(&files).expect("reads");
    let doc = &checked.read.document;
    assert_eq!(checked.report.input.format, "pdf+text");
    let names: Vec<(&str, &str)> =
        checked.report.input.files.iter().map(|f| (f.name.as_str(), f.format.as_str())).collect();
    assert_eq!(names, [("czj.pdf", "pdf"), ("seed.txt", "text")]);
    let from = |file: &str| doc.tables.iter().filter(|t| t.origin.as_ref().is_some_and(|o| o.file == file)).count();
    assert_eq!(from("czj.pdf"), 9, "the PDF's nine tables");
    assert!(from("seed.txt") >= 9, "the text's tables");
    assert_eq!(from("czj.pdf") + from("seed.txt"), doc.tables.len(), "no table without its file");
    for t in &doc.tables {
        let pdf_table = t.origin.as_ref().is_some_and(|o| o.file == "czj.pdf");
        for c in t.rows.iter().flat_map(|r| r.cells.iter().flatten()) {
            assert_eq!(c.source.page.is_some(), pdf_table, "{}: pages only for the PDF's cells", t.title);
        }
    }
    // Offsets point into the joined text.
    let chars: Vec<char> = checked.read.text.chars().collect();
    for t in &doc.tables {
        for c in t.rows.iter().flat_map(|r| r.cells.iter().flatten()) {
            let at: String = chars[c.source.start as usize..c.source.end as usize].iter().collect();
            assert_eq!(at, c.text);
        }
    }
}

#[test]
fn the_text_offsets_point_into_reads_again_to_the_same_findings() {
    let pdf = shared(CZJ);
    let seed = shared(SEED);
    for files in [
        vec![InputFile { name: "czj.pdf", bytes: &pdf }],
        vec![InputFile { name: "czj.pdf", bytes: &pdf }, InputFile { name: "seed.txt", bytes: &seed }],
    ] {
        let checked = fiscal_lint::check_files(&files).expect("reads");
        let again = fiscal_lint::check_text("again", &checked.read.text).expect("reads");
        assert_eq!(findings(&again), findings(&checked.report));
    }
}

#[test]
fn unreadable_files_name_themselves() {
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "empty.txt：文件为空"),
        ("old.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "old.xls：是旧版 Office 二进制文件"),
        ("cut.pdf", b"%PDF-1.7\n1 0 obj <<", "cut.pdf："),
        ("junk.bin", &[0x00, 0x9F, 0xFF, 0x00, 0x01], "junk.bin："),
    ];
    for (name, bytes, start) in cases {
        match fiscal_lint::check_files(&[InputFile { name, bytes }]) {
            Ok(_) => panic!("{name}: expected an error"),
            Err(e) => assert!(e.message.zh.starts_with(start), "{name}: {}", e.message.zh),
        }
    }
}

#[test]
fn each_files_narrative_is_read_when_several_bring_one() {
    // Both the PDF and the text sample have a 「第三部分」 with figures: neither hides the other.
    let (pdf, seed) = (shared(CZJ), shared(SEED));
    let alone = |name: &str, bytes: &[u8]| {
        fiscal_lint::check_files(&[InputFile { name, bytes }]).expect("reads").report.summary.claims.found
    };
    let merged = fiscal_lint::check_files(&[
        InputFile { name: "czj.pdf", bytes: &pdf },
        InputFile { name: "seed.txt", bytes: &seed },
    ])
    .expect("reads");
    let (a, b) = (alone("czj.pdf", &pdf), alone("seed.txt", &seed));
    assert!(a > 100 && b > 100, "{a} {b}");
    // (A claim or two may extract differently when the other file's tables are there too: two departments' tables
    // in one document is not a real case; what matters is that both narratives are read.)
    let found = merged.report.summary.claims.found;
    assert!(found + 5 >= a + b && found <= a + b, "{found} claims merged, {a} + {b} alone");
}

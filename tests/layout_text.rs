//! Layout text (src/input/layout_text.rs): `pdftotext -layout` output of the shared Shanghai 2024 决算 PDFs is
//! read into the same tables, cells and findings as the PDFs themselves (src/input/pdf.rs); other layout text
//! (the blank template, budgets, text copied without layout) does not crash; prose and tab-separated text are not
//! taken for layout text; no spacing or truncation makes the reader panic. pdftotext (Debian `poppler-utils`) is
//! run at test time — the tests fail, saying so, when it is missing; scripts/test.sh installs it.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cells.rs"]
mod cells;
use cells::cells_tsv;
use fiscal_lint::input::layout::Layout;
use fiscal_lint::input::layout_text;
use fiscal_lint::model::Document;
use fiscal_lint::report::Report;
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Mutex, OnceLock};

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(rel)
}

/// `pdftotext ARGS FILE -` on a shared PDF, run once per arguments and file (fails the test, with what to
/// install, when pdftotext is missing).
fn pdftotext(args: &[&str], name: &str) -> String {
    static CACHE: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    let key = format!("{args:?} {name}");
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(t) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return t.clone();
    }
    let pdf = shared(&format!("samples/pdf/{name}.pdf"));
    let out =
        Command::new("pdftotext").args(args).args(["-enc", "UTF-8"]).arg(&pdf).arg("-").output().unwrap_or_else(|e| {
            panic!(
                "pdftotext could not be run ({e}): these tests need it on PATH — install Debian's poppler-utils \
                 (apt-get install poppler-utils; scripts/test.sh does)"
            )
        });
    assert!(out.status.success(), "pdftotext {args:?} {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, text.clone());
    text
}

fn layout_text(name: &str) -> String {
    pdftotext(&["-layout"], name)
}

fn read_pdf(name: &str) -> Layout {
    let bytes = std::fs::read(shared(&format!("samples/pdf/{name}.pdf"))).expect("the shared PDF");
    fiscal_lint::input::pdf::read(&bytes).unwrap_or_else(|e| panic!("{name}: {}", e.message.en))
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

#[test]
fn every_cell_of_the_nine_tables_is_compared() {
    // The counts of tests/pdf.rs: every amount cell of the nine tables, blank ones included.
    let (pdf, lt) = assert_same_as_pdf("shanghai-putuo-czj-2024-final");
    assert_eq!((cells_tsv(&pdf.document).len(), cells_tsv(&lt.document).len()), (577, 577));
    let (pdf, lt) = assert_same_as_pdf("shanghai-putuo-ghzyj-2024-final");
    assert_eq!((cells_tsv(&pdf.document).len(), cells_tsv(&lt.document).len()), (646, 646));
}

#[test]
fn pasted_layout_text_is_read_as_layout_text() {
    let text = layout_text("shanghai-putuo-czj-2024-final");
    let read = fiscal_lint::input::read_pasted(&text).expect("reads");
    assert_eq!(read.format, "layout-text");
    assert_eq!(read.document.tables.len(), 9);
    // Offsets point into the text the layout text was rebuilt into; every cell has its page.
    let chars: Vec<char> = read.text.chars().collect();
    for t in &read.document.tables {
        for c in t.rows.iter().flat_map(|r| r.cells.iter().flatten()) {
            assert!(c.source.page.is_some(), "{}: a cell without page", t.title);
            let at: String = chars[c.source.start as usize..c.source.end as usize].iter().collect();
            assert_eq!(at, c.text);
        }
    }
    let report = fiscal_lint::check_text("czj.txt", &text).expect("checks");
    assert_eq!(report.input.format, "layout-text");
    // Windows line ends and a byte-order mark change nothing.
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let again = fiscal_lint::input::read_pasted(&crlf).expect("reads");
    assert_eq!(cells_tsv(&again.document), cells_tsv(&read.document));
}

#[test]
fn the_blank_template_reads_its_nine_tables() {
    let text = layout_text("shanghai-2024-final-template");
    assert!(layout_text::looks_like_layout_text(&text), "a blank form laid out in columns is layout text");
    let lt = layout_text::read(&text).expect("the template has text");
    let pdf = read_pdf("shanghai-2024-final-template");
    let kinds = |d: &Document| d.tables.iter().map(|t| t.kind.code()).collect::<Vec<_>>();
    assert_eq!(kinds(&lt.document), kinds(&pdf.document));
    assert!(lt.document.issues.is_empty(), "{:#?}", lt.document.issues);
}

#[test]
fn budget_layout_text_does_not_crash() {
    // Budgets (预算, tables in 元) are not what this reader is measured on: it reads the same tables as the PDF
    // path, not necessarily every cell.
    for name in ["shanghai-putuo-wanli-2024-budget", "shanghai-putuo-zfb-2025-budget"] {
        let text = layout_text(name);
        let read = fiscal_lint::input::read_pasted(&text).unwrap_or_else(|e| panic!("{name}: {}", e.message.en));
        let pdf = read_pdf(name);
        let kinds = |d: &Document| d.tables.iter().map(|t| t.kind.code()).collect::<Vec<_>>();
        assert_eq!(kinds(&read.document), kinds(&pdf.document), "{name}");
        let _ = fiscal_lint::check_text(name, &text).expect("checks");
    }
}

#[test]
fn text_copied_from_a_viewer_says_which_tables_it_cannot_rebuild() {
    // `pdftotext -raw` writes what a PDF viewer's copy gives (checked by eye against Chrome's PDFium text for both
    // documents): the cells of a row one space apart, blank cells gone. Which column a figure is in is no longer in
    // the text, so no table is built from it; each table title followed by such rows gets a D001 warning that says
    // so and what to give instead, and the narrative is still checked. Errors (and rate warnings) found are among the
    // PDF's own.
    use fiscal_lint::report::Severity;
    for (name, at_least) in [("shanghai-putuo-czj-2024-final", 6), ("shanghai-putuo-ghzyj-2024-final", 7)] {
        let text = pdftotext(&["-raw"], name);
        let report = fiscal_lint::check_text(name, &text).expect("reads");
        assert_eq!(report.document.tables.len(), 0, "{name}: no table rebuilt from rows without columns");
        let chars: Vec<char> = text.chars().collect();
        let titles: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.rule == "D001" && f.message.zh.contains("像是从 PDF 阅读器复制的文字"))
            .map(|f| {
                let span = f.text.as_ref().expect("D001 points at the title");
                let title: String = chars[span.start as usize..span.end as usize].iter().collect();
                assert!(f.message.zh.contains(&format!("「{title}」")), "{name}: {title}");
                assert!(f.message.en.contains("copied from a PDF viewer"), "{name}");
                title
            })
            .collect();
        assert!(titles.len() >= at_least, "{name}: {titles:?}");
        for t in ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表"]
        {
            assert!(titles.iter().any(|x| x == t), "{name}: no warning at {t}: {titles:?}");
        }
        assert!(report.summary.claims.found > 100, "{name}: the narrative is read");
        let pdf = fiscal_lint::check_pdf(name, &std::fs::read(shared(&format!("samples/pdf/{name}.pdf"))).unwrap())
            .expect("the PDF reads");
        // Errors, and the rate warnings (a truncated percentage, a rate printed for 0 ÷ 0).
        let errors = |r: &Report| -> Vec<String> {
            r.findings
                .iter()
                .filter(|f| {
                    f.severity == Severity::Error
                        || (f.severity == Severity::Warning && matches!(f.rule, "C002" | "C003" | "C004"))
                })
                .map(|f| f.message.zh.clone())
                .collect()
        };
        let (from_text, from_pdf) = (errors(&report), errors(&pdf));
        assert!(!from_text.is_empty(), "{name}: the narrative's own errors are still found");
        for e in &from_text {
            assert!(from_pdf.contains(e), "{name}: {e} is not among the PDF's errors {from_pdf:?}");
        }
    }
    // The seed sample (tab-separated) and layout text get no such warning.
    let seed = seed();
    let r = fiscal_lint::check_text("seed", &seed).expect("reads");
    assert!(!r.findings.iter().any(|f| f.message.zh.contains("PDF 阅读器")), "seed sample");
    let layout = layout_text("shanghai-putuo-czj-2024-final");
    let r = fiscal_lint::check_text("layout", &layout).expect("reads");
    assert!(!r.findings.iter().any(|f| f.message.zh.contains("PDF 阅读器")), "layout text");
}

#[test]
fn text_copied_without_layout_does_not_crash() {
    // `pdftotext -raw` and plain `pdftotext` stand in for text copied from a PDF viewer: one cell per line or
    // cells one space apart, no columns. Not layout text; read as pasted text (what it holds is not tables).
    for name in ["shanghai-putuo-czj-2024-final", "shanghai-putuo-ghzyj-2024-final", "shanghai-2024-final-template"] {
        for args in [&["-raw"][..], &[][..]] {
            let text = pdftotext(args, name);
            assert!(!layout_text::looks_like_layout_text(&text), "{name} {args:?}");
            let _ = fiscal_lint::check_text(name, &text);
            // Forced through the layout reader, still no panic.
            let _ = layout_text::read(&text);
        }
    }
}

fn seed() -> String {
    std::fs::read_to_string(shared("samples/henan-xinxiang-hongqi-gxj-2023-final.txt")).expect("the seed sample")
}

#[test]
fn prose_and_tab_separated_text_are_not_layout_text() {
    let seed = seed();
    assert!(!layout_text::looks_like_layout_text(&seed), "the seed sample (tab-separated tables)");
    assert_eq!(fiscal_lint::input::read_pasted(&seed).expect("reads").format, "text");
    // Its narrative alone, with the tabs taken out of the prose: no tables, no layout.
    let narrative: String = seed
        .lines()
        .filter(|l| !l.contains('\t') || l.chars().filter(|c| !c.is_whitespace()).count() > 40)
        .map(|l| l.replace('\t', ""))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(narrative.lines().count() > 100);
    assert!(!layout_text::looks_like_layout_text(&narrative), "the narrative part");
    assert_eq!(fiscal_lint::input::read_pasted(&narrative).expect("reads").format, "text");
    // The whole sample with its tabs made single spaces (cells one space apart, blank cells two or more): no
    // columns to read either way; whichever reader takes it, no panic.
    let spaced = seed.replace('\t', " ");
    let _ = fiscal_lint::check_text("spaced", &spaced);
}

#[test]
fn empty_and_junk_layout_text() {
    for text in ["", "\u{c}", "\n\n\u{c}\u{c}\n", "   ", "\u{feff}", "合计", "1.00  2.00\u{c}3.00"] {
        let _ = layout_text::read(text);
        let _ = fiscal_lint::check_text("junk", text);
    }
    assert!(layout_text::read("").is_err());
}

// ---------------------------------------------------------------------------------------------------------------
// Robustness: never a panic, whatever the spacing; offsets stay inside the synthesized text.

fn assert_sound(text: &str) {
    if let Ok(l) = layout_text::read(text) {
        let chars = l.text.chars().count() as u32;
        assert_eq!(l.line_pages.len() + 1, l.text.split('\n').count());
        for t in &l.document.tables {
            for c in t.rows.iter().flat_map(|r| r.cells.iter().flatten()) {
                assert!(c.source.start <= c.source.end && c.source.end <= chars);
            }
        }
        for b in &l.document.narrative {
            assert!(b.start <= b.end && b.end <= chars);
        }
    }
}

/// Lines of the 财政局's layout text (the tables part, pages 6 to 20).
fn czj_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| layout_text("shanghai-putuo-czj-2024-final").split('\n').map(str::to_string).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Runs of spaces widened or narrowed at random, lines cut short, lines dropped, form feeds moved.
    #[test]
    fn random_spacing_and_truncated_lines(ops in proptest::collection::vec((0usize..4000, 0u8..6, 0usize..80), 1..60)) {
        let mut lines: Vec<String> = czj_lines().to_vec();
        for (at, op, n) in ops {
            if lines.is_empty() {
                break;
            }
            let i = at % lines.len();
            let l = &mut lines[i];
            let cut = l.char_indices().map(|(k, _)| k).nth(n).unwrap_or(l.len());
            match op {
                0 => l.truncate(cut),
                1 => l.insert_str(cut, &" ".repeat(n % 7 + 1)),
                2 => {
                    *l = l.replacen("  ", " ", n % 4 + 1);
                }
                3 => {
                    lines.remove(i);
                }
                4 => l.insert(cut, '\u{c}'),
                _ => {
                    *l = l.replace("   ", " ");
                }
            }
        }
        assert_sound(&lines.join("\n"));
    }

    /// Arbitrary text made of what layout text is made of.
    #[test]
    fn arbitrary_layout_like_text(text in "([ ]{1,6}|[0-9]{1,7}|[0-9,]{1,9}\\.[0-9]{2}|合计|一、|（一）|类|款|项|预算数|决算数|收入决算表|单位：万元|支出|[\n\u{c}]|注：说明。|-|—)*") {
        assert_sound(&text);
        let _ = layout_text::looks_like_layout_text(&text);
    }

    /// Any text at all.
    #[test]
    fn any_text(text in "\\PC*") {
        assert_sound(&text);
    }
}

/// The time to read the 财政局's layout text natively (`cargo test --release --test layout_text -- --ignored
/// --nocapture read_time`).
#[test]
#[ignore]
fn read_time() {
    let text = layout_text("shanghai-putuo-czj-2024-final");
    let bytes = std::fs::read(shared("samples/pdf/shanghai-putuo-czj-2024-final.pdf")).expect("the PDF");
    let runs = 20;
    let time = |f: &dyn Fn()| {
        let mut t: Vec<f64> = (0..runs)
            .map(|_| {
                let s = std::time::Instant::now();
                f();
                s.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        t.sort_by(|a, b| a.total_cmp(b));
        t[runs / 2]
    };
    let lt = time(&|| {
        layout_text::read(&text).expect("reads");
    });
    let lt_check = time(&|| {
        fiscal_lint::check_text("czj.txt", &text).expect("checks");
    });
    let pdf = time(&|| {
        fiscal_lint::input::pdf::read(&bytes).expect("reads");
    });
    println!(
        "czj layout text ({} KB): read {lt:.1} ms, read and check {lt_check:.1} ms; the PDF: read {pdf:.1} ms \
         (medians of {runs})",
        text.len() / 1024
    );
}

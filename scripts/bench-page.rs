//! Where a PDF's check spends its time, natively (release profile, as the CLI): text extraction
//! (`input::pdf::extract`), layout → document (`input::layout::read`, which ends in the text reader), the rules
//! (`check_document`) and the JSON report; and the whole `check_files` path the CLI takes. Built and run by
//! scripts/bench-page.mjs in a throw-away cargo project under target/bench-page/ (nothing here is part of the crate).
//!
//!   bench-pdf FILE.pdf [RUNS]      prints one line per stage: median and min in ms, and its share of the total
use fiscal_lint::input::{files::InputFile, layout, pdf};
use std::time::{Duration, Instant};

fn median(xs: &mut [Duration]) -> f64 {
    xs.sort();
    xs[xs.len() / 2].as_secs_f64() * 1000.0
}
fn min(xs: &[Duration]) -> f64 {
    xs.iter().min().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: bench-pdf FILE.pdf [RUNS]");
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(30);
    let bytes = std::fs::read(&path).expect("cannot read the PDF");
    let name = std::path::Path::new(&path).file_name().and_then(|n| n.to_str()).unwrap_or("file.pdf").to_string();

    let (mut extract, mut read, mut rules, mut json, mut staged, mut whole) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut what = String::new();
    for i in 0..runs + 3 {
        let t0 = Instant::now();
        let pages = pdf::extract(&bytes).expect("extract");
        let t1 = Instant::now();
        let read_ = layout::read(&pages).expect("layout");
        let t2 = Instant::now();
        let report = fiscal_lint::check_document(&name, "pdf", &read_.document);
        let t3 = Instant::now();
        let out = report.to_json();
        let t4 = Instant::now();
        let checked = fiscal_lint::check_files(&[InputFile { name: &name, bytes: &bytes }]).expect("check_files");
        let whole_json = checked.report.to_json();
        let t5 = Instant::now();
        if i == 0 {
            what = format!(
                "{} pages, {} text items, {} tables, {} findings, JSON {} bytes",
                pages.len(),
                pages.iter().map(|p| p.items.len()).sum::<usize>(),
                read_.document.tables.len(),
                report.findings.len(),
                whole_json.len()
            );
            assert!(out.len() > 2);
        }
        if i >= 3 {
            extract.push(t1 - t0);
            read.push(t2 - t1);
            rules.push(t3 - t2);
            json.push(t4 - t3);
            staged.push(t4 - t0);
            whole.push(t5 - t4);
        }
    }
    let total = median(&mut staged.clone());
    println!("   {name}: {what}; {runs} runs after 3 warm-up runs");
    for (label, xs) in [
        ("pdf::extract (text layer)", &mut extract),
        ("layout::read (lines → tables, text reader)", &mut read),
        ("check_document (rules)", &mut rules),
        ("report.to_json", &mut json),
    ] {
        let m = median(xs);
        println!("   {label:<44} median {m:8.2} ms   min {:8.2} ms   {:5.1} % of the stages' median sum", min(xs), 100.0 * m / total);
    }
    println!("   {:<44} median {:8.2} ms   min {:8.2} ms", "stages together", total, min(&staged));
    println!("   {:<44} median {:8.2} ms   min {:8.2} ms", "check_files + to_json (the CLI's path)", median(&mut whole), min(&whole));
}

//! Narrative claims: what claim extraction and checking add to the whole-sample check. Prints figures:
//! `cargo bench --bench narrative` (`-- --quick` for fewer runs).
//!
//! (a) The seed sample read and checked with every rule (`check_text`): median.
//! (b) The narrative rules alone (C001–C008, each extracting and judging the claims) on the read document: median.
//!     This is what the narrative adds to (a); the target is under 1 ms.
//! (c) One claim extraction + judging (`narrative::analyze`): median, and the number of claims.
//! (d) The performance-table rules (P001–P007): median.
//! Uses only `std::time::Instant`; timings are native (the bench profile is the release profile).

/// The CLI's allocator (src/main.rs), so the figures are the CLI's; `--no-default-features --features formats`
/// measures with the system allocator.
#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use fiscal_lint::rules::{Ctx, rule};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn measure(n: usize, mut f: impl FnMut()) -> Duration {
    for _ in 0..n / 10 + 1 {
        f();
    }
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f();
        v.push(t.elapsed());
    }
    median(v)
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let n = if quick { 50 } else { 500 };
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/henan-xinxiang-hongqi-gxj-2023-final.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("narrative bench: seed sample not found at {}; nothing measured", path.display());
        return;
    };
    let doc = fiscal_lint::input::text::read(&text).expect("sample readable");
    if std::env::var("NARR_PROFILE").is_ok() {
        // For a profiler: extraction only, many times.
        for _ in 0..2000 {
            fiscal_lint::narrative::link::clear_cache();
            black_box(fiscal_lint::narrative::extract(&doc).claims.len());
        }
        return;
    }
    let run = |codes: &[&str]| {
        for code in codes {
            if let Some(r) = rule(code) {
                let mut ctx = Ctx::new(&doc, r);
                (r.check)(&mut ctx);
                black_box(ctx.findings.len());
            }
        }
    };
    let c_codes = ["C001", "C002", "C003", "C004", "C005", "C006", "C007", "C008"];
    let p_codes = ["P001", "P002", "P003", "P004", "P005", "P006", "P007"];
    let whole = measure(n, || {
        fiscal_lint::narrative::link::clear_cache();
        black_box(fiscal_lint::check_text("sample", black_box(&text)).map(|r| r.findings.len()).unwrap_or(0));
    });
    // Each run extracts afresh (the cache only saves the repeat between the seven rules of one document).
    let narrative = measure(n, || {
        fiscal_lint::narrative::link::clear_cache();
        run(&c_codes)
    });
    let once = measure(n, || {
        fiscal_lint::narrative::link::clear_cache();
        black_box(fiscal_lint::narrative::analyze(black_box(&doc)).1.len());
    });
    let perf = measure(n, || run(&p_codes));
    if std::env::var("NARR_DETAIL").is_ok() {
        for code in c_codes {
            let t = measure(n, || run(&[code]));
            println!("  {code} (extraction cached) {}", us(t));
        }
    }
    if std::env::var("NARR_DETAIL").is_ok() {
        let j = measure(n, || {
            black_box(fiscal_lint::narrative::join(&doc).chars.len());
        });
        let joined = fiscal_lint::narrative::join(&doc);
        let s = measure(n, || {
            black_box(fiscal_lint::narrative::extract::scan(&joined).len());
        });
        let e = measure(n, || {
            black_box(fiscal_lint::narrative::extract(&doc).claims.len());
        });
        println!("join {} scan {} extract {}", us(j), us(s), us(e));
    }
    let claims = fiscal_lint::narrative::analyze(&doc).1.len();
    println!("narrative bench ({n} runs each, median)");
    println!("  (a) whole sample, read + every rule      {}", us(whole));
    println!(
        "  (b) narrative rules C001–C008            {}  ({:.1}% of (a); target < 1000 µs)",
        us(narrative),
        100.0 * narrative.as_secs_f64() / whole.as_secs_f64()
    );
    println!("  (c) one extraction + judging ({claims} claims) {}", us(once));
    println!("  (d) performance rules P001–P007          {}", us(perf));
    if narrative > Duration::from_millis(1) {
        println!("  WARNING: the narrative rules take more than 1 ms");
    }
}

//! Speed benchmarks that print figures (not timed tests): `cargo bench --bench core`.
//!
//! (a) The whole seed sample read and checked (`check_text`): median and p90 over many runs (target < 1 ms).
//! (b) A synthetic 支出决算表 (T3 layout, 合计 + 类/款/项 with exact sums) of 10k … 100k rows: rows/s for each
//!     (target ≥ 500,000 rows/s at 100k) and time(100k)/time(10k) ÷ 10, which stays near 1 when time grows
//!     linearly.
//! (c) About 50 MB of text (synthetic T3 tables one after another): one run, to show it finishes.
//!
//! Options (after `--`): `--quick` runs fewer repetitions; `--no-50mb` skips (c).
//! Uses only `std::time::Instant`; the bench profile is the release profile (opt-level "s", LTO).

#[path = "support/synth.rs"]
mod synth;

use fiscal_lint::check_text;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const SAMPLE: &str = "henan-xinxiang-hongqi-gxj-2023-final.txt";

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples").join(SAMPLE)
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i]
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Runs `f` `n` times after `warmup` runs; returns the sorted durations.
fn measure(n: usize, warmup: usize, mut f: impl FnMut()) -> Vec<Duration> {
    for _ in 0..warmup {
        f();
    }
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn describe(name: &str, text: &str) -> String {
    match check_text(name, text) {
        Ok(r) => format!(
            "{}{} table(s), {} body rows, {} checks, {} errors, {} warnings, {} infos, {} unreadable",
            if r.summary.tables == 0 { "NO TABLE READ (figures meaningless): " } else { "" },
            r.summary.tables,
            r.document.tables.iter().map(|t| t.rows).sum::<usize>(),
            r.summary.checks,
            r.summary.errors,
            r.summary.warnings,
            r.summary.infos,
            r.summary.unreadable
        ),
        Err(e) => format!("ReadError: {e}"),
    }
}

fn bench_sample(runs: usize) {
    println!("== (a) whole seed sample: check_text (read + all rules)");
    let path = sample_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            println!("   skipped: cannot read {}: {e}", path.display());
            return;
        }
    };
    println!("   input: {SAMPLE}, {} bytes, {} lines", text.len(), text.lines().count());
    println!("   result: {}", describe(SAMPLE, &text));
    let times = measure(runs, 20, || {
        let r = check_text(black_box(SAMPLE), black_box(&text));
        black_box(&r);
    });
    let median = quantile(&times, 0.5);
    let verdict = if median < Duration::from_millis(1) { "meets" } else { "MISSES" };
    println!(
        "   runs {runs}: min {}  median {}  p90 {}  max {}   (target median < 1 ms: {verdict})",
        us(times[0]),
        us(median),
        us(quantile(&times, 0.9)),
        us(times[times.len() - 1])
    );
    println!();
}

fn bench_synthetic(quick: bool) {
    println!("== (b) synthetic 支出决算表 (T3 layout, 合计 + 类/款/项), check_text");
    let sizes = [10_000usize, 20_000, 50_000, 100_000];
    println!(
        "   {:>8} {:>9} {:>6} {:>11} {:>11} {:>14}   result",
        "rows", "bytes", "runs", "median", "min", "rows/s (med)"
    );
    let mut medians = Vec::new();
    for &n in &sizes {
        let (text, rows) = synth::expenditure_table(n, 42);
        let runs = match (quick, n) {
            (true, _) => 3,
            (false, n) if n <= 20_000 => 21,
            (false, n) if n <= 50_000 => 11,
            _ => 7,
        };
        let times = measure(runs, 1, || {
            let r = check_text(black_box("synthetic-t3"), black_box(&text));
            black_box(&r);
        });
        let median = quantile(&times, 0.5);
        let rate = rows as f64 / median.as_secs_f64();
        println!(
            "   {:>8} {:>9} {:>6} {:>11} {:>11} {:>14.0}   {}",
            rows,
            text.len(),
            runs,
            ms(median),
            ms(times[0]),
            rate,
            describe("synthetic-t3", &text)
        );
        medians.push((rows, median, rate));
    }
    let (r10, t10, _) = medians[0];
    let (r100, t100, rate100) = medians[medians.len() - 1];
    let growth = (t100.as_secs_f64() / t10.as_secs_f64()) / (r100 as f64 / r10 as f64);
    let verdict = if rate100 >= 500_000.0 { "meets" } else { "MISSES" };
    println!("   rows/s at 100k: {rate100:.0}   (target ≥ 500,000: {verdict})");
    println!(
        "   growth: time(100k)/time(10k) ÷ (rows ratio {:.2}) = {growth:.2}   (1.00 = linear; > 1.5 suggests superlinear)",
        r100 as f64 / r10 as f64
    );
    println!();
}

fn bench_50mb() {
    println!("== (c) ~50 MB of text (synthetic T3 tables of 1,000 rows, one after another), one run");
    let text = synth::repeated_tables(50 * 1024 * 1024, 1_000);
    let t = Instant::now();
    let result = describe("50mb", &text);
    let took = t.elapsed();
    println!("   {} bytes, {} lines: {} in {}", text.len(), text.lines().count(), result, ms(took));
    println!();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // libtest-style flags that `cargo bench` passes (e.g. `--bench`) are ignored.
    let quick = args.iter().any(|a| a == "--quick");
    let skip_50mb = args.iter().any(|a| a == "--no-50mb");
    println!("fiscal-lint core benchmarks (std::time::Instant; bench profile = release)");
    println!();
    bench_sample(if quick { 50 } else { 500 });
    bench_synthetic(quick);
    if !skip_50mb {
        bench_50mb();
    }
}

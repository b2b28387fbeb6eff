//! Speed benchmarks that print figures (not timed tests): `cargo bench --bench core`.
//!
//! (a) The whole seed sample read and checked (`check_text`): median and p90 over many runs (target < 1 ms).
//! (b) A synthetic 支出决算表 (T3 layout, 合计 + 类/款/项 with exact sums) of 10k … 100k rows: rows/s for each
//!     (target ≥ 500,000 rows/s at 100k) and time(100k)/time(10k) ÷ 10, which stays near 1 when time grows
//!     linearly.
//! (c) About 50 MB of text (synthetic T3 tables one after another): one run, to show it finishes.
//!
//! Options (after `--`): `--quick` runs fewer repetitions; `--no-50mb` skips (c); `--only=a` (or `b`, `c`, `ab` …)
//! runs only those parts; `--runs=N` sets the repetitions of (a).
//! Times with `std::time::Instant` (wall) and, on Linux, the thread's on-CPU time (`CLOCK_THREAD_CPUTIME_ID`),
//! which leaves out time spent waiting for a core on a busy machine; targets are judged on the on-CPU median.
//! The bench profile is the release profile (opt-level "s", LTO).

#[path = "support/synth.rs"]
mod synth;

/// The CLI's allocator (src/main.rs), so the figures are the CLI's; `--no-default-features --features formats`
/// measures with the system allocator.
#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// On-CPU time of this thread (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, Linux). On a shared machine wall-clock
/// time includes waiting for a core; this does not.
#[cfg(target_os = "linux")]
fn cpu_now() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec (64-bit layout on the Linux targets this runs on).
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(target_os = "linux"))]
fn cpu_now() -> Option<Duration> {
    None
}

/// Sorted durations of repeated runs: wall-clock and, where the OS tells it, on-CPU.
struct Samples {
    wall: Vec<Duration>,
    cpu: Option<Vec<Duration>>,
}

impl Samples {
    /// The median on-CPU time where known, else wall-clock: the figure the targets are judged on.
    fn median(&self) -> Duration {
        quantile(self.cpu.as_ref().unwrap_or(&self.wall), 0.5)
    }
}

/// Runs `f` `n` times after `warmup` runs.
fn measure(n: usize, warmup: usize, mut f: impl FnMut()) -> Samples {
    for _ in 0..warmup {
        f();
    }
    let mut wall = Vec::with_capacity(n);
    let mut cpu = Some(Vec::with_capacity(n));
    for _ in 0..n {
        let (t, c) = (Instant::now(), cpu_now());
        f();
        wall.push(t.elapsed());
        match (c, cpu_now(), cpu.as_mut()) {
            (Some(a), Some(b), Some(v)) => v.push(b.saturating_sub(a)),
            _ => cpu = None,
        }
    }
    wall.sort();
    if let Some(v) = cpu.as_mut() {
        v.sort();
    }
    Samples { wall, cpu }
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
    let line = |what: &str, t: &[Duration]| {
        println!(
            "   {what:<9} runs {runs}: min {}  median {}  p90 {}  max {}",
            us(t[0]),
            us(quantile(t, 0.5)),
            us(quantile(t, 0.9)),
            us(t[t.len() - 1])
        )
    };
    line("wall", &times.wall);
    if let Some(cpu) = &times.cpu {
        line("on-CPU", cpu);
    }
    let median = times.median();
    let verdict = if median < Duration::from_millis(1) { "meets" } else { "MISSES" };
    println!("   target: median < 1 ms: {verdict} ({})", us(median));
    breakdown(&text, runs.clamp(20, 200));
    println!();
}

/// Where the time of (a) goes: the reader, then each rule on the document read (median per part; the parts add up
/// to about the median of the whole, less the report assembly).
fn breakdown(text: &str, runs: usize) {
    let read = measure(runs, 3, || {
        black_box(fiscal_lint::input::text::read(black_box(text)).ok());
    });
    let Ok(doc) = fiscal_lint::input::text::read(text) else { return };
    let mut parts: Vec<(&str, Duration)> = vec![("reader", read.median())];
    for rule in fiscal_lint::rules::REGISTRY {
        let t = measure(runs, 3, || {
            let mut ctx = fiscal_lint::rules::Ctx::new(&doc, rule);
            (rule.check)(&mut ctx);
            black_box(&ctx.findings);
        });
        parts.push((rule.code, t.median()));
    }
    let total: Duration = parts.iter().map(|p| p.1).sum();
    parts.sort_by(|a, b| b.1.cmp(&a.1));
    let shown: Vec<String> = parts.iter().take(8).map(|(n, d)| format!("{n} {}", us(*d))).collect();
    println!("   breakdown (medians, sum {}): {}", us(total), shown.join(", "));
    // Which form the document follows (part of building the report; the form files are parsed once, before).
    let form = measure(runs, 3, || {
        black_box(fiscal_lint::forms::match_form(black_box(&doc)));
    });
    println!("   forms::match_form (median): {}", us(form.median()));
}

fn bench_synthetic(quick: bool) {
    println!("== (b) synthetic 支出决算表 (T3 layout, 合计 + 类/款/项), check_text");
    let sizes = [10_000usize, 20_000, 50_000, 100_000];
    println!(
        "   {:>8} {:>9} {:>5} {:>11} {:>11} {:>13} {:>13}   result",
        "rows", "bytes", "runs", "wall med", "CPU med", "rows/s wall", "rows/s CPU"
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
        let wall = quantile(&times.wall, 0.5);
        let cpu = times.cpu.as_ref().map(|c| quantile(c, 0.5));
        let rate = |d: Duration| rows as f64 / d.as_secs_f64();
        println!(
            "   {:>8} {:>9} {:>5} {:>11} {:>11} {:>13.0} {:>13}   {}",
            rows,
            text.len(),
            runs,
            ms(wall),
            cpu.map(ms).unwrap_or_else(|| "-".into()),
            rate(wall),
            cpu.map(|c| format!("{:.0}", rate(c))).unwrap_or_else(|| "-".into()),
            describe("synthetic-t3", &text)
        );
        if n == sizes[sizes.len() - 1] {
            breakdown(&text, 3);
        }
        medians.push((rows, times.median()));
    }
    let (r10, t10) = medians[0];
    let (r100, t100) = medians[medians.len() - 1];
    let rate100 = r100 as f64 / t100.as_secs_f64();
    let growth = (t100.as_secs_f64() / t10.as_secs_f64()) / (r100 as f64 / r10 as f64);
    let verdict = if rate100 >= 500_000.0 { "meets" } else { "MISSES" };
    println!("   rows/s at 100k (on-CPU median): {rate100:.0}   (target ≥ 500,000: {verdict})");
    println!(
        "   growth: time(100k)/time(10k) ÷ (rows ratio {:.2}) = {growth:.2}   (1.00 = linear; > 1.5 suggests superlinear)",
        r100 as f64 / r10 as f64
    );
    println!();
}

fn bench_50mb() {
    println!("== (c) ~50 MB of text (synthetic T3 tables of 1,000 rows, one after another), one run");
    let text = synth::repeated_tables(50 * 1024 * 1024, 1_000);
    let (t, c) = (Instant::now(), cpu_now());
    let result = describe("50mb", &text);
    let took = t.elapsed();
    let cpu = c.zip(cpu_now()).map(|(a, b)| format!(" ({} on-CPU)", ms(b.saturating_sub(a)))).unwrap_or_default();
    println!("   {} bytes, {} lines: {} in {}{cpu}", text.len(), text.lines().count(), result, ms(took));
    println!();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // libtest-style flags that `cargo bench` passes (e.g. `--bench`) are ignored.
    let quick = args.iter().any(|a| a == "--quick");
    let skip_50mb = args.iter().any(|a| a == "--no-50mb");
    // `--only=a`, `--only=b`, `--only=c` (e.g. to profile one part); `--runs=N` for part (a).
    let only = args.iter().find_map(|a| a.strip_prefix("--only=")).unwrap_or("abc");
    let runs =
        args.iter().find_map(|a| a.strip_prefix("--runs=")?.parse().ok()).unwrap_or(if quick { 50 } else { 500 });
    println!("fiscal-lint core benchmarks (bench profile = release; wall = Instant, on-CPU = CLOCK_THREAD_CPUTIME_ID)");
    println!("targets are judged on the on-CPU median where available (this machine's cores are shared)");
    println!(
        "allocator: {}",
        if cfg!(all(feature = "mimalloc", not(target_arch = "wasm32"))) {
            "mimalloc (the CLI's; --no-default-features --features formats for the system allocator)"
        } else {
            "the system allocator (feature mimalloc off)"
        }
    );
    println!();
    if only.contains('a') {
        bench_sample(runs);
    }
    if only.contains('b') {
        bench_synthetic(quick);
    }
    if only.contains('c') && !skip_50mb {
        bench_50mb();
    }
}

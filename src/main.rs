//! The command-line face: `fiscal-lint check FILE... [--merge] [--encoding auto|utf-8|gbk] [--format text|json]
//! [--lang zh|en]`, `fiscal-lint read FILE...`, `fiscal-lint rules`, `fiscal-lint forms`.
//! Exit status: 0 no error findings, 1 error findings, 2 an input could not be read or nothing in it could be checked.

use fiscal_lint::input::files::{self, InputFile, TextEncoding};
use fiscal_lint::report::Lang;
use fiscal_lint::{Checked, ReadError};
use std::process::ExitCode;

/// mimalloc (feature `mimalloc`, on by default): reading makes many small strings, and glibc's malloc took about a
/// quarter of the time (docs/benchmarks.md). `benches/` declare the same, so they measure what the CLI runs.
#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Writes to stdout; a closed stdout (`fiscal-lint check … | head`) ends the program quietly (status 141, as the
/// shell reports SIGPIPE) instead of panicking
/// as `print!` does.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        if write!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(141); // as a process ended by SIGPIPE
        }
    }};
}

macro_rules! outln {
    () => { out!("\n") };
    ($($arg:tt)*) => {{
        out!($($arg)*);
        out!("\n");
    }};
}

const USAGE: &str = "用法 / usage:
  fiscal-lint check FILE... [--merge] [--encoding auto|utf-8|gbk] [--format text|json] [--lang zh|en]
        核对文件（- 表示标准输入）：文本、CSV、HTML、PDF、Excel（.xlsx）、Word（.docx）；每个文件单独核对，
        --merge 把全部文件作为一份文档核对（如 .xlsx 的表格与 .docx 的情况说明）；文本默认自动识别
        UTF-8 与 GBK/GB18030，--encoding 可指定
        checks files (- is stdin): text, CSV, HTML, PDF, Excel (.xlsx), Word (.docx), each on its own; --merge
        checks them all as one document (tables in .xlsx, narrative in .docx); text is UTF-8 or GBK/GB18030,
        detected unless --encoding says which
  fiscal-lint read FILE... [--merge] [--encoding auto|utf-8|gbk] [--text]
        输出读取到的文档模型（JSON）；--text 输出报告偏移所指的文本（PDF 等为重建的文本）
        prints the document model as read (JSON); --text prints the text the offsets point into
  fiscal-lint rules [--format text|json] [--lang zh|en]            列出全部规则 / lists every rule
  fiscal-lint forms [--format text|json] [--lang zh|en]
        列出全部表样及其表格（键、标题、是否必需、单位）
        lists every form and its tables (key, title, required, unit)
退出码 / exit status: 0 无错误 no errors, 1 有错误 error findings, 2 无法读取或未能核对任何内容
        input unreadable, or nothing in it could be checked";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
}

struct Options {
    format: Format,
    lang: Lang,
    /// Several files are one document (tables in .xlsx, narrative in .docx…).
    merge: bool,
    /// `read`: print the text offsets point into instead of the model.
    text: bool,
    /// How text files are decoded.
    encoding: TextEncoding,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut format = Format::Text;
    let mut lang = Lang::Zh;
    let mut merge = false;
    let mut text = false;
    let mut encoding = TextEncoding::Auto;
    let mut files = Vec::new();
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" | "-f" => match it.next().map(String::as_str) {
                Some("json") => format = Format::Json,
                Some("text") => format = Format::Text,
                other => return usage_error(&format!("--format 需要 text 或 json（得到 {other:?}）")),
            },
            "--lang" => match it.next().map(String::as_str) {
                Some("zh") => lang = Lang::Zh,
                Some("en") => lang = Lang::En,
                other => return usage_error(&format!("--lang 需要 zh 或 en（得到 {other:?}）")),
            },
            "--json" => format = Format::Json,
            "--merge" => merge = true,
            "--encoding" => match it.next().map(|s| s.to_ascii_lowercase()).as_deref() {
                Some("auto") => encoding = TextEncoding::Auto,
                Some("utf-8" | "utf8") => encoding = TextEncoding::Utf8,
                Some("gbk" | "gb18030" | "gb2312") => encoding = TextEncoding::Gb18030,
                other => return usage_error(&format!("--encoding 需要 auto、utf-8 或 gbk（得到 {other:?}）")),
            },
            "--text" => text = true,
            "-h" | "--help" => {
                outln!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            f => files.push(f.to_string()),
        }
    }
    let opts = Options { format, lang, merge, text, encoding };
    match args.first().map(String::as_str) {
        Some("check") => check(&files, &opts),
        Some("read") => read(&files, &opts),
        Some("rules") => rules(opts.format, opts.lang),
        Some("forms") => forms(opts.format, opts.lang),
        Some("-h") | Some("--help") => {
            outln!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("--version") | Some("-V") => {
            outln!("fiscal-lint {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => usage_error("需要子命令 check、read、rules 或 forms / a subcommand is needed"),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("fiscal-lint: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

/// A file as given: its name and bytes (`-` is standard input).
struct Loaded {
    path: String,
    bytes: Vec<u8>,
}

/// Reads a file (or `-` for stdin); the error says what and where. With an encoding given, a text file is
/// decoded here and handed on as UTF-8.
fn load(path: &str, encoding: TextEncoding) -> Result<Loaded, String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| format!("{path}: 无法读取标准输入（{e}） / cannot read standard input"))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| format!("{path}: 无法打开文件（{e}） / cannot open the file"))?
    };
    if encoding != TextEncoding::Auto && files::detect(&bytes) == files::Detected::Text {
        let text = files::decode_text_as(path, &bytes, encoding)
            .map_err(|e| format!("{} / {}", e.message.zh, e.message.en))?;
        return Ok(Loaded { path: path.to_string(), bytes: text.into_bytes() });
    }
    Ok(Loaded { path: path.to_string(), bytes })
}

/// Checks the files, each as its own document or (`merge`) all as one. A plain text file is checked as text (the
/// same report as pasting it into the page); any other file (CSV, HTML, PDF, .xlsx, .docx), or files merged, go
/// through `check_files`.
fn check_loaded(files: &[Loaded], merge: bool) -> Vec<(String, Result<Checked, ReadError>)> {
    let as_files = |group: &[Loaded]| {
        let inputs: Vec<InputFile> = group.iter().map(|f| InputFile { name: &f.path, bytes: &f.bytes }).collect();
        fiscal_lint::check_files(&inputs)
    };
    if merge {
        let name = files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>().join(", ");
        return vec![(name, as_files(files))];
    }
    files
        .iter()
        .map(|f| {
            let file = InputFile { name: &f.path, bytes: &f.bytes };
            let result = match files::format_name(&file) {
                "text" => files::decode_text(&f.path, &f.bytes).and_then(|text| {
                    let read = fiscal_lint::input::read_pasted(&text)?;
                    let report = fiscal_lint::check_document(&f.path, &read.format, &read.document);
                    Ok(Checked { report, read })
                }),
                _ => as_files(std::slice::from_ref(f)),
            };
            (f.path.clone(), result)
        })
        .collect()
}

fn load_all(paths: &[String], encoding: TextEncoding) -> Result<Vec<Loaded>, ExitCode> {
    let mut loaded = Vec::new();
    let mut failed = false;
    for p in paths {
        match load(p, encoding) {
            Ok(l) => loaded.push(l),
            Err(msg) => {
                eprintln!("fiscal-lint: {msg}");
                failed = true;
            }
        }
    }
    if failed && loaded.is_empty() { Err(ExitCode::from(2)) } else { Ok(loaded) }
}

fn check(paths: &[String], opts: &Options) -> ExitCode {
    if paths.is_empty() {
        return usage_error("check 需要至少一个文件 / check needs at least one FILE");
    }
    let loaded = match load_all(paths, opts.encoding) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut worst = if loaded.len() < paths.len() { 2 } else { 0 };
    let mut json_reports = Vec::new();
    let results = check_loaded(&loaded, opts.merge);
    let n = results.len();
    for (path, result) in results {
        let report = match result {
            Ok(checked) => {
                if opts.format == Format::Text {
                    out!("{}", checked.report.to_text(opts.lang));
                }
                checked.report
            }
            Err(e) => {
                eprintln!("fiscal-lint: {path}: {} / {}", e.message.zh, e.message.en);
                fiscal_lint::report::Report::unreadable(&path, "", &e.message)
            }
        };
        // The worst outcome decides: nothing checked or unreadable (2) over errors (1) over none (0).
        worst = worst.max(report.outcome.exit_code());
        if opts.format == Format::Json {
            json_reports.push(report.to_json());
        }
    }
    if opts.format == Format::Json {
        if json_reports.len() == 1 && n == 1 && (paths.len() == 1 || opts.merge) {
            outln!("{}", json_reports[0]);
        } else {
            outln!("[{}]", json_reports.join(",\n"));
        }
    }
    ExitCode::from(worst)
}

/// `read`: the document model as read (JSON), or with `--text` the text every offset points into (for a PDF or
/// a workbook, the text it was rebuilt into; for several files with `--merge`, their joined text).
fn read(paths: &[String], opts: &Options) -> ExitCode {
    if paths.is_empty() || (paths.len() > 1 && !opts.merge) {
        return usage_error(
            "read 需要一个文件（多个文件请加 --merge） / read needs one FILE (or several with --merge)",
        );
    }
    let loaded = match load_all(paths, opts.encoding) {
        Ok(l) if l.len() == paths.len() => l,
        Ok(_) => return ExitCode::from(2),
        Err(code) => return code,
    };
    let Some((path, result)) = check_loaded(&loaded, opts.merge).into_iter().next() else {
        return ExitCode::from(2);
    };
    match result {
        Ok(checked) => {
            if opts.text {
                out!("{}", checked.read.text);
            } else {
                outln!("{}", serde_json::to_string_pretty(&checked.read.document).unwrap_or_default());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fiscal-lint: {path}: {} / {}", e.message.zh, e.message.en);
            ExitCode::from(2)
        }
    }
}

fn rules(format: Format, lang: Lang) -> ExitCode {
    let infos = fiscal_lint::rules::rule_infos();
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&infos).unwrap_or_default()),
        Format::Text => {
            for r in infos {
                let title = if lang == Lang::Zh { r.title_zh } else { r.title_en };
                outln!("{}  {}  {}\n", r.code, r.name, title);
                for l in r.doc.lines() {
                    outln!("    {l}");
                }
                outln!();
            }
        }
    }
    ExitCode::SUCCESS
}

/// `forms`: every form (表样) the checker knows, with its tables.
fn forms(format: Format, lang: Lang) -> ExitCode {
    let forms = fiscal_lint::forms::forms();
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(forms).unwrap_or_default()),
        Format::Text => {
            let zh = lang == Lang::Zh;
            for f in forms {
                let kind = match (f.kind, zh) {
                    (fiscal_lint::forms::FormKind::Final, true) => "决算",
                    (fiscal_lint::forms::FormKind::Budget, true) => "预算",
                    (fiscal_lint::forms::FormKind::Final, false) => "final",
                    (fiscal_lint::forms::FormKind::Budget, false) => "budget",
                };
                let years = match (f.years.from, f.years.to) {
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    (Some(a), None) => format!("{a}–"),
                    (None, Some(b)) => format!("–{b}"),
                    (None, None) => String::new(),
                };
                let sep = if zh { "，" } else { ", " };
                let about = [kind.to_string(), f.levels.join("/"), f.region.to_string(), years, f.unit.to_string()];
                outln!("{}  {}  [{}]", f.id, if zh { f.name.zh } else { f.name.en }, about.join(sep));
                for t in f.tables {
                    let required = match (t.required, zh) {
                        (true, true) => "必需",
                        (false, true) => "可选",
                        (true, false) => "required",
                        (false, false) => "optional",
                    };
                    outln!("    {:24} {}  {required}  {}", t.key, t.title, t.unit);
                }
                outln!();
            }
        }
    }
    ExitCode::SUCCESS
}

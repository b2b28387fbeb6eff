//! The command-line face: `fiscal-lint check FILE... [--format text|json] [--lang zh|en]`, `fiscal-lint rules`.
//! Exit status: 0 no error findings, 1 error findings, 2 an input could not be read.

use fiscal_lint::report::Lang;
use std::process::ExitCode;

const USAGE: &str = "用法 / usage:
  fiscal-lint check FILE... [--format text|json] [--lang zh|en]   核对文本或 PDF 文件（- 表示标准输入）
  fiscal-lint read FILE                                           输出读取到的文档模型（JSON）
  fiscal-lint rules [--format text|json] [--lang zh|en]            列出全部规则
退出码 / exit status: 0 无错误 no errors, 1 有错误 error findings, 2 无法读取 input unreadable";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut format = Format::Text;
    let mut lang = Lang::Zh;
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
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            f => files.push(f.to_string()),
        }
    }
    match args.first().map(String::as_str) {
        Some("check") => check(&files, format, lang),
        Some("read") => read(&files),
        Some("rules") => rules(format, lang),
        Some("-h") | Some("--help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("--version") | Some("-V") => {
            println!("fiscal-lint {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => usage_error("需要子命令 check、read 或 rules / a subcommand is needed"),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("fiscal-lint: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

/// What a file holds: text, or a PDF (recognised by its `%PDF-` marker, whatever the file's name).
enum Input {
    Text(String),
    Pdf(Vec<u8>),
}

fn load_input(path: &str) -> Result<Input, String> {
    let bytes = read_bytes(path)?;
    if fiscal_lint::input::pdf::is_pdf(&bytes) {
        return Ok(Input::Pdf(bytes));
    }
    text_of(path, bytes).map(Input::Text)
}

/// Reads a file (or `-` for stdin); the error says what and where.
fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| format!("{path}: 无法读取标准输入（{e}）"))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| format!("{path}: 无法打开文件（{e}） / cannot open the file"))?
    };
    Ok(bytes)
}

fn text_of(path: &str, bytes: Vec<u8>) -> Result<String, String> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(format!(
            "{path}: 第 {} 字节起不是 UTF-8 文本（Excel 与 GBK 编码暂不支持） / not UTF-8 text from byte {}",
            e.valid_up_to(),
            e.valid_up_to()
        )),
    }
}

fn check(files: &[String], format: Format, lang: Lang) -> ExitCode {
    if files.is_empty() {
        return usage_error("check 需要至少一个文件 / check needs at least one FILE");
    }
    let mut any_error = false;
    let mut unreadable = false;
    let mut json_reports = Vec::new();
    for path in files {
        let result = match load_input(path) {
            Ok(Input::Text(text)) => fiscal_lint::check_text(path, &text),
            Ok(Input::Pdf(bytes)) => fiscal_lint::check_pdf(path, &bytes),
            Err(msg) => {
                eprintln!("fiscal-lint: {msg}");
                unreadable = true;
                continue;
            }
        };
        match result {
            Ok(report) => {
                any_error |= report.has_errors();
                match format {
                    Format::Text => print!("{}", report.to_text(lang)),
                    Format::Json => json_reports.push(report.to_json()),
                }
            }
            Err(e) => {
                eprintln!("fiscal-lint: {path}: {} / {}", e.message.zh, e.message.en);
                unreadable = true;
            }
        }
    }
    if format == Format::Json {
        if json_reports.len() == 1 && files.len() == 1 {
            println!("{}", json_reports[0]);
        } else {
            println!("[{}]", json_reports.join(",\n"));
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read(files: &[String]) -> ExitCode {
    let [path] = files else {
        return usage_error("read 需要一个文件 / read needs one FILE");
    };
    let doc = match load_input(path) {
        Ok(Input::Text(text)) => fiscal_lint::input::text::read(&text),
        Ok(Input::Pdf(bytes)) => fiscal_lint::input::pdf::read(&bytes).map(|l| l.document),
        Err(msg) => {
            eprintln!("fiscal-lint: {msg}");
            return ExitCode::from(2);
        }
    };
    match doc {
        Ok(doc) => {
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
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
        Format::Json => println!("{}", serde_json::to_string_pretty(&infos).unwrap_or_default()),
        Format::Text => {
            for r in infos {
                let title = if lang == Lang::Zh { r.title_zh } else { r.title_en };
                println!("{}  {}  {}\n", r.code, r.name, title);
                for l in r.doc.lines() {
                    println!("    {l}");
                }
                println!();
            }
        }
    }
    ExitCode::SUCCESS
}

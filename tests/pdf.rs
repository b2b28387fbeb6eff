//! The PDF reader (src/input/pdf.rs: bytes → positioned text; src/input/layout.rs: positioned text → tables and
//! narrative) on the shared Shanghai 2024 决算 PDFs, and on broken input.
//!
//! Expected cells: tests/fixtures/pdf/<name>.tsv, checked by eye against the PDFs and against `pdftotext -layout`.

#[path = "support/cells.rs"]
mod cells;
use cells::cells_tsv;
use fiscal_lint::input::layout::Layout;
use fiscal_lint::model::{Part, TableKind};
use std::path::PathBuf;

fn shared_bytes(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn read_sample(name: &str) -> Layout {
    let bytes = shared_bytes(&format!("samples/pdf/{name}.pdf"));
    fiscal_lint::input::pdf::read(&bytes).unwrap_or_else(|e| panic!("{name}: {}", e.message.en))
}

fn fixture(name: &str) -> Vec<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf").join(format!("{name}.tsv"));
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::to_string).collect()
}

/// The nine 决算 tables: every kind but the 绩效自评表 and the Jiangsu budget's own (机关运行经费, 政府采购).
fn nine() -> impl Iterator<Item = TableKind> {
    TableKind::ALL
        .into_iter()
        .filter(|k| !matches!(k, TableKind::Performance | TableKind::AdminCosts | TableKind::Procurement))
}

/// Every one of the nine tables once, nothing unreadable, every cell as in the fixture.
fn assert_as_published(name: &str) -> Layout {
    let l = read_sample(name);
    let doc = &l.document;
    for k in nine() {
        assert_eq!(doc.tables_of(k).count(), 1, "{name}: {k:?}");
        let (_, t) = doc.table(k).unwrap();
        assert!(!t.columns.is_empty(), "{name}: {k:?} has no columns");
    }
    assert!(doc.issues.is_empty(), "{name}: {:#?}", doc.issues);
    let got = cells_tsv(doc);
    let want = fixture(name);
    let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
    let extra: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{name}: missing {missing:#?}\nextra {extra:#?}");
    assert_eq!(got, want, "{name}: same cells, different order");
    l
}

#[test]
fn czj_nine_tables_cell_by_cell() {
    let l = assert_as_published("shanghai-putuo-czj-2024-final");
    let doc = &l.document;
    assert_eq!(doc.year, Some(2024));
    assert_eq!(doc.unit.as_deref(), Some("万元"));
    // Cells counted: every amount cell of the nine tables, blank ones included.
    assert_eq!(fixture("shanghai-putuo-czj-2024-final").len(), 577);
    // Empty T7/T8 carry their statement.
    for k in [TableKind::GovFund, TableKind::StateCapital] {
        assert!(doc.table(k).unwrap().1.empty_statement.is_some(), "{k:?}");
    }
}

#[test]
fn ghzyj_nine_tables_cell_by_cell() {
    let l = assert_as_published("shanghai-putuo-ghzyj-2024-final");
    assert_eq!(l.document.year, Some(2024));
    assert_eq!(fixture("shanghai-putuo-ghzyj-2024-final").len(), 646);
}

#[test]
fn sources_carry_pages_and_offsets_into_the_synthesized_text() {
    let l = read_sample("shanghai-putuo-czj-2024-final");
    let chars: Vec<char> = l.text.chars().collect();
    let lines = l.text.split('\n').count();
    assert_eq!(l.line_pages.len() + 1, lines, "one page per line (the text ends with a newline)");
    for t in &l.document.tables {
        assert!(t.source.page.is_some(), "{}", t.title);
        for r in &t.rows {
            assert!(r.source.page.is_some());
            for c in r.cells.iter().flatten() {
                assert_eq!(c.source.page, l.page_of_line(c.source.line));
                if !c.text.is_empty() {
                    let at: String = chars[c.source.start as usize..c.source.end as usize].iter().collect();
                    assert_eq!(at, c.text);
                }
            }
        }
    }
    // T1 is on page 6, T2 starts on page 8 and goes on to page 9.
    let (_, t1) = l.document.table(TableKind::Summary).unwrap();
    assert_eq!(t1.source.page, Some(6));
    let (_, t2) = l.document.table(TableKind::Income).unwrap();
    let pages: Vec<u32> = t2.rows.iter().filter_map(|r| r.source.page).collect();
    assert_eq!((pages.first(), pages.last()), (Some(&8), Some(&9)));
    // Narrative paragraphs are joined across line wraps: the 四 section's total and its unit in one block.
    let block = l
        .document
        .narrative
        .iter()
        .find(|b| b.text.contains("财政拨款收入支出总计") && b.text.contains("万元。与"))
        .expect("四 section paragraph");
    let at: String = chars[block.start as usize..block.end as usize].iter().collect();
    assert_eq!(at, block.text);
    assert!(l.page_of_line(block.line).is_some());
}

#[test]
fn template_with_placeholders_reads_without_crashing() {
    let bytes = shared_bytes("samples/pdf/shanghai-2024-final-template.pdf");
    match fiscal_lint::check_pdf("template.pdf", &bytes) {
        Ok(report) => assert_eq!(report.input.format, "pdf"),
        Err(e) => panic!("the template has a text layer: {}", e.message.en),
    }
    // Its tables are blank (XX and … rows) but all nine are recognised, columns and all.
    let l = read_sample("shanghai-2024-final-template");
    for k in nine() {
        let (_, t) = l.document.table(k).unwrap_or_else(|| panic!("{k:?}"));
        assert!(!t.columns.is_empty(), "{k:?}");
    }
    assert!(l.document.issues.is_empty(), "{:#?}", l.document.issues);
}

#[test]
fn check_pdf_reports_on_the_sample() {
    let bytes = shared_bytes("samples/pdf/shanghai-putuo-czj-2024-final.pdf");
    let report = fiscal_lint::check_pdf("czj.pdf", &bytes).expect("reads");
    assert_eq!(report.input.format, "pdf");
    assert_eq!(report.summary.tables, 9);
}

/// Every error of a PDF as `rule excerpt = expected vs actual`: each is a real inconsistency of the published
/// document (explained in the comments of the tests below).
fn errors_of(name: &str) -> Vec<String> {
    findings_of(name, fiscal_lint::report::Severity::Error, |_| true)
}

/// The warnings of the rate rules (C002 shares, C003 growth, C004 completion), as [`errors_of`].
fn rate_warnings_of(name: &str) -> Vec<String> {
    findings_of(name, fiscal_lint::report::Severity::Warning, |rule| matches!(rule, "C002" | "C003" | "C004"))
}

fn findings_of(name: &str, severity: fiscal_lint::report::Severity, rule: fn(&str) -> bool) -> Vec<String> {
    let bytes = shared_bytes(&format!("samples/pdf/{name}.pdf"));
    let checked =
        fiscal_lint::check_files(&[fiscal_lint::input::files::InputFile { name, bytes: &bytes }]).expect("reads");
    let r = &checked.report;
    r.findings
        .iter()
        .filter(|f| f.severity == severity && rule(f.rule))
        .map(|f| {
            let span = f.text.as_ref().expect("narrative findings carry their span");
            // The span is where the claim is, in the text the PDF was rebuilt into.
            let at: String =
                checked.read.text.chars().skip(span.start as usize).take((span.end - span.start) as usize).collect();
            assert_eq!(at, span.excerpt, "{name}: the span points at its excerpt");
            format!(
                "{} {} = {} vs {}",
                f.rule,
                span.excerpt,
                f.expected.as_deref().unwrap_or("-"),
                f.actual.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn czj_errors_are_the_documents_own() {
    assert_eq!(
        errors_of("shanghai-putuo-czj-2024-final"),
        [
            // 四、「财政拨款收入支出总计0.3万元」 while T4's 总计 is 2,961.68.
            "C001 0.3万元 = 2961.68 vs 0.3",
            // 五(二)「一般公共服务支出（类）2106.66万元，占71.73%」: 2106.66 ÷ 2940.05 = 71.65%.
            "C002 2106.66万元，占71.73% = 71.65 vs 71.73",
        ]
    );
    assert_eq!(
        rate_warnings_of("shanghai-putuo-czj-2024-final"),
        [
            // 七、三公: 因公出国（境）费 and 公务用车 have no budget (blank in T9) and no spending, yet 「完成预算的0%」
            // is printed for 0 ÷ 0: a wording problem.
            "C004 0.00万元，完成预算的0% = - vs 0",
            "C004 0.00万元，完成预算的0% = - vs 0",
        ]
    );
}

#[test]
fn ghzyj_errors_are_the_documents_own() {
    assert_eq!(
        errors_of("shanghai-putuo-ghzyj-2024-final"),
        [
            // 基本支出 and 人员经费 in the text are both 12.89 above T5/T6 (the tables agree with each other).
            "C001 5377.64万元 = 5364.75 vs 5377.64",
            "C001 4896.98万元 = 4884.09 vs 4896.98",
        ]
    );
    assert_eq!(
        rate_warnings_of("shanghai-putuo-ghzyj-2024-final"),
        [
            // 9746.50 ÷ 9759.38 = 99.868%: printed 99.86% (cut, not rounded).
            "C002 9746.50万元，占本年支出合计的99.86% = 99.87 vs 99.86",
            // 9746.50 ÷ 10210.34 = 95.457%: printed 95.45%.
            "C004 10210.34万元，支出决算为9746.50万元，完成年初预算的95.45% = 95.46 vs 95.45",
            // 0.00% printed for 0 ÷ 0 (no budget, no spending).
            "C004 0.00万元，完成预算的0.00% = - vs 0.00",
            "C004 0.00万元，完成预算的0.00% = - vs 0.00",
        ]
    );
}

/// 「比上年增加793.14万元；政府性基金预算支出与上年预算持平」: the 持平 of the next clause is not about the change
/// before the 「；」, and a list of vehicles by type ends with its sentence.
#[test]
fn budget_pdfs_bind_words_to_their_own_clause() {
    let errors = |name: &str, rule: &str| -> Vec<String> {
        let bytes = shared_bytes(&format!("samples/pdf/{name}.pdf"));
        let checked =
            fiscal_lint::check_files(&[fiscal_lint::input::files::InputFile { name, bytes: &bytes }]).expect("reads");
        checked
            .report
            .findings
            .iter()
            .filter(|f| f.rule == rule && f.severity == fiscal_lint::report::Severity::Error)
            .map(|f| f.message.zh.clone())
            .collect()
    };
    for name in
        ["shanghai-putuo-wanli-2024-budget", "shanghai-putuo-zfb-2025-budget", "shanghai-putuo-shflj-2024-budget-unit"]
    {
        let c003 = errors(name, "C003");
        assert!(!c003.iter().any(|e| e.contains("持平")), "{name}: {c003:#?}");
    }
    // wanli: 「共有车辆7辆，其中：…其他用车7辆；…。2024年部门预算安排购置车辆1辆，其中：…其他用车1辆」: two lists,
    // each adding up.
    let c005 = errors("shanghai-putuo-wanli-2024-budget", "C005");
    assert!(!c005.iter().any(|e| e.contains("车辆")), "{c005:#?}");
}

fn err_of(bytes: &[u8]) -> String {
    match fiscal_lint::input::pdf::read(bytes) {
        Ok(_) => panic!("expected an error"),
        Err(e) => format!("{} / {}", e.message.zh, e.message.en),
    }
}

/// A one-page PDF around `content`, with a standard font and no ToUnicode; `trailer_extra` goes into the
/// trailer dictionary.
fn tiny_pdf(content: &str, trailer_extra: &str) -> Vec<u8> {
    tiny_pdf_with_font(
        content,
        trailer_extra,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    )
}

fn tiny_pdf_with_font(content: &str, trailer_extra: &str, font: &str) -> Vec<u8> {
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> \
         /Contents 4 0 R >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{}\nendstream", content.len(), content),
        font.to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1)
            .bytes(),
    );
    out
}

/// A PDF of `n` pages, each with the given content stream, one shared font.
fn pages_pdf(n: usize, content: &str) -> Vec<u8> {
    let mut objs: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect::<Vec<_>>().join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    for i in 0..n {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> \
             /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objs.push(format!("<< /Length {} >>\nstream\n{}\nendstream", content.len(), content));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    for (i, o) in objs.iter().enumerate() {
        out.extend(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\n%%EOF\n", objs.len() + 1).bytes());
    out
}

#[test]
fn a_hundred_pages() {
    let mut content = String::from("BT /F1 10 Tf 14 TL 72 780 Td");
    for k in 0..50 {
        content.push_str(&format!(" (Line {k} of the page, amount 1,234.{k:02}) '"));
    }
    content.push_str(" ET");
    let pdf = pages_pdf(100, &content);
    let pages = fiscal_lint::input::pdf::extract(&pdf).expect("reads");
    assert_eq!(pages.len(), 100);
    // Words are items (a space ends one): 7 per line, 50 lines, 14 pt apart.
    assert!(pages.iter().all(|p| p.items.len() == 350), "{}", pages[0].items.len());
    let mut ys: Vec<i32> = pages[99].items.iter().map(|i| i.y.round() as i32).collect();
    ys.dedup();
    assert_eq!(ys.len(), 50);
    assert_eq!(ys[1] - ys[0], 14);
    // No fiscal content: read as prose, then refused as not a fiscal document, without a panic.
    assert!(fiscal_lint::input::pdf::read(&pdf).is_err());
}

#[test]
fn simple_font_text_with_positions() {
    let pdf = tiny_pdf("BT /F1 12 Tf 72 700 Td (Total) Tj 200 0 Td (2,940.05) Tj ET", "");
    let pages = fiscal_lint::input::pdf::extract(&pdf).expect("reads");
    assert_eq!(pages.len(), 1);
    let items: Vec<(&str, i32, i32)> =
        pages[0].items.iter().map(|i| (i.text.as_str(), i.x.round() as i32, i.y.round() as i32)).collect();
    assert_eq!(items, vec![("Total", 72, 142), ("2,940.05", 272, 142)]);
    assert!((pages[0].items[0].size - 12.0).abs() < 0.01);
}

/// A CID font with a predefined Unicode CMap and no ToUnicode (older Chinese exports): codes are UTF-16.
#[test]
fn predefined_unicode_cmap_without_to_unicode() {
    let font = "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts \
                [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 /W [48 57 500] >>] >>";
    let pdf = tiny_pdf_with_font("BT /F1 10 Tf 72 700 Td <54088BA1> Tj 40 0 Td <0031002E0035> Tj ET", "", font);
    let pages = fiscal_lint::input::pdf::extract(&pdf).expect("reads");
    let texts: Vec<&str> = pages[0].items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["合计", "1.5"]);
    assert!((pages[0].items[0].width - 20.0).abs() < 0.01);
}

#[test]
fn broken_inputs_get_clear_errors() {
    assert!(err_of(b"").contains("为空"));
    assert!(err_of(b"PK\x03\x04 an xlsx renamed .pdf").contains("不是 PDF"));
    assert!(err_of("收入决算表\t合计".as_bytes()).contains("不是 PDF"));
    let czj = shared_bytes("samples/pdf/shanghai-putuo-czj-2024-final.pdf");
    assert!(err_of(&czj[..czj.len() / 2]).contains("截断"));
    assert!(err_of(&czj[..100]).contains("截断"));
    let encrypted = tiny_pdf("BT /F1 12 Tf 72 700 Td (x) Tj ET", "/Encrypt << /Filter /Standard /V 1 /R 2 >>");
    assert!(err_of(&encrypted).contains("加密"));
    // A page with only an image (a scan): no text layer.
    let scanned = tiny_pdf("q 595 0 0 842 0 0 cm /Im1 Do Q", "");
    assert!(err_of(&scanned).contains("没有文字层"));
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    garbage.extend(b"\n%%EOF\n");
    assert!(err_of(&garbage).contains("损坏"));
}

#[test]
fn truncated_and_mangled_pdfs_never_panic() {
    let bytes = shared_bytes("samples/pdf/shanghai-2024-final-template.pdf");
    for cut in (0..bytes.len()).step_by(4099) {
        let _ = fiscal_lint::input::pdf::read(&bytes[..cut]);
    }
    // Bytes overwritten here and there, keeping the end marker: read or refused, never a panic.
    for seed in 0..12u32 {
        let mut b = bytes.clone();
        let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        for _ in 0..200 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let at = (x as usize) % (b.len().saturating_sub(16).max(1));
            b[at] = (x >> 24) as u8;
        }
        let _ = fiscal_lint::input::pdf::read(&b);
    }
}

#[test]
#[ignore]
fn dump_items() {
    std::fs::create_dir_all("/tmp/pdfw").unwrap();
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
    std::fs::create_dir_all("/tmp/pdfw").unwrap();
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

#[test]
#[ignore]
fn dump_cells() {
    std::fs::create_dir_all("/tmp/pdfw").unwrap();
    for (name, short) in [("shanghai-putuo-czj-2024-final", "czj"), ("shanghai-putuo-ghzyj-2024-final", "ghzyj")] {
        let bytes = shared_bytes(&format!("samples/pdf/{name}.pdf"));
        let pages = fiscal_lint::input::pdf::extract(&bytes).expect("reads");
        let l = fiscal_lint::input::layout::read(&pages).expect("layout");
        std::fs::write(format!("/tmp/pdfw/cells-{short}.tsv"), cells_tsv(&l.document).join("\n") + "\n").unwrap();
    }
}

/// Longer run of `truncated_and_mangled_pdfs_never_panic` (cargo test --test pdf mangled_long -- --ignored).
#[test]
#[ignore]
fn mangled_long() {
    for name in ["shanghai-2024-final-template", "shanghai-putuo-ghzyj-2024-final"] {
        let bytes = shared_bytes(&format!("samples/pdf/{name}.pdf"));
        for seed in 0..150u32 {
            let mut b = bytes.clone();
            let mut x = seed.wrapping_mul(2_246_822_519).wrapping_add(7);
            for _ in 0..(1 + seed % 50) * 20 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let at = (x as usize) % (b.len().saturating_sub(16).max(1));
                b[at] = (x >> 24) as u8;
            }
            let _ = fiscal_lint::input::pdf::read(&b);
        }
    }
}

// ---- the layout reader on hand-placed text (no PDF): what it must rebuild, independent of the samples

fn item(text: &str, x: f32, y: f32) -> fiscal_lint::input::pdf::TextItem {
    let size = 10.0;
    let width = text.chars().map(|c| if c.is_ascii() { 0.5 * size } else { size }).sum();
    fiscal_lint::input::pdf::TextItem { text: text.to_string(), x, y, width, size }
}

fn page(number: u32, items: Vec<fiscal_lint::input::pdf::TextItem>) -> fiscal_lint::input::pdf::Page {
    fiscal_lint::input::pdf::Page { number, width: 595.0, height: 842.0, items }
}

/// T5 over two pages: header over two lines (「合」/「计」 stacked), codes printed apart (类 款 项), a label wrapped
/// over two lines centred on its figures, thousands separators, blank cells, the header repeated on page 2.
#[test]
fn layout_code_table_across_pages() {
    let header = |y: f32| {
        vec![
            item("科目编码", 60.0, y),
            item("科目名称", 160.0, y),
            item("合", 300.0, y - 6.0),
            item("计", 300.0, y + 6.0),
            item("基本支出", 360.0, y),
            item("项目支出", 440.0, y),
        ]
    };
    let mut p1 = vec![item("一般公共预算财政拨款支出决算表", 150.0, 60.0), item("单位：万元", 450.0, 80.0)];
    p1.extend(header(110.0));
    p1.extend([
        item("合计", 160.0, 140.0),
        item("2,106.66", 290.0, 140.0),
        item("1,503.52", 360.0, 140.0),
        item("603.14", 450.0, 140.0),
        item("201", 60.0, 170.0),
        item("一般公共服务支出", 160.0, 170.0),
        item("2,106.66", 290.0, 170.0),
        item("1,503.52", 360.0, 170.0),
        item("603.14", 450.0, 170.0),
        item("201", 60.0, 200.0),
        item("06", 90.0, 200.0),
        item("财政事务", 160.0, 200.0),
        item("2,106.66", 290.0, 200.0),
        item("1,503.52", 360.0, 200.0),
        item("603.14", 450.0, 200.0),
    ]);
    let mut p2 = header(60.0);
    p2.extend([
        item("201", 60.0, 100.0),
        item("06", 90.0, 100.0),
        item("01", 115.0, 100.0),
        item("机关事业单位基本养", 160.0, 94.0),
        item("老保险缴费支出", 160.0, 106.0),
        item("1,511.89", 290.0, 100.0),
        item("1,503.52", 360.0, 100.0),
        item("8.37", 460.0, 100.0),
        item("201", 60.0, 130.0),
        item("06", 90.0, 130.0),
        item("02", 115.0, 130.0),
        item("一般行政管理事务", 160.0, 130.0),
        item("594.77", 290.0, 130.0),
        item("594.77", 450.0, 130.0),
    ]);
    let l = fiscal_lint::input::layout::read(&[page(1, p1), page(2, p2)]).expect("reads");
    let doc = &l.document;
    assert!(doc.issues.is_empty(), "{:#?}\n{}", doc.issues, l.text);
    let (_, t) = doc.table(TableKind::GeneralBudget).expect("T5");
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key).collect();
    assert_eq!(keys, ["total", "basic", "project"], "{}", l.text);
    let rows: Vec<(Option<&str>, &str, Vec<&str>)> = t
        .rows
        .iter()
        .map(|r| {
            (
                r.code.as_deref(),
                r.label.as_str(),
                r.cells.iter().map(|c| c.as_ref().map_or("-", |c| c.text.as_str())).collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (None, "合计", vec!["2,106.66", "1,503.52", "603.14"]),
            (Some("201"), "一般公共服务支出", vec!["2,106.66", "1,503.52", "603.14"]),
            (Some("20106"), "财政事务", vec!["2,106.66", "1,503.52", "603.14"]),
            (Some("2010601"), "机关事业单位基本养老保险缴费支出", vec!["1,511.89", "1,503.52", "8.37"]),
            (Some("2010602"), "一般行政管理事务", vec!["594.77", "", "594.77"]),
        ],
        "{}",
        l.text
    );
    assert_eq!(t.rows[3].source.page, Some(2));
    assert_eq!(t.rows[0].source.page, Some(1));
}

/// T1's two halves side by side; an income label wrapped over two lines while the expenditure label beside it sits
/// on the middle line; prose after the table, its paragraph wrapped to the right margin and joined.
#[test]
fn layout_two_halves_and_prose() {
    let items = vec![
        item("收入支出决算总表", 200.0, 60.0),
        item("收入", 120.0, 100.0),
        item("支出", 380.0, 100.0),
        item("项目", 100.0, 120.0),
        item("决算数", 230.0, 120.0),
        item("项目", 330.0, 120.0),
        item("决算数", 480.0, 120.0),
        item("一、一般公共预算财政拨款收入", 60.0, 150.0),
        item("100.00", 230.0, 150.0),
        item("一、一般公共服务支出", 330.0, 150.0),
        item("90.00", 485.0, 150.0),
        item("二、政府性基金预算财政拨", 60.0, 170.0),
        item("二、外交支出", 330.0, 176.0),
        item("款收入", 60.0, 182.0),
        item("本年收入合计", 60.0, 210.0),
        item("100.00", 230.0, 210.0),
        item("本年支出合计", 330.0, 210.0),
        item("90.00", 485.0, 210.0),
        item("注：本表反映部门本年度的总收支和年末结转结余情况，以及一些说明文字使这一行到达右", 60.0, 250.0),
        item("边。", 60.0, 264.0),
    ];
    let l = fiscal_lint::input::layout::read(&[page(1, items)]).expect("reads");
    let doc = &l.document;
    assert!(doc.issues.is_empty(), "{:#?}\n{}", doc.issues, l.text);
    let (_, t1) = doc.table(TableKind::Summary).expect("T1");
    let inc = t1.column_in(fiscal_lint::model::keys::AMOUNT, Part::Income).unwrap();
    let r = t1.row_in(fiscal_lint::model::keys::INCOME_GOV_FUND, Part::Income).expect("wrapped label joined");
    assert_eq!(t1.rows[r].label, "政府性基金预算财政拨款收入");
    assert!(t1.rows[r].cell(inc).is_none_or(|c| c.text.is_empty()));
    assert!(t1.row_by_code_in("202", Part::Expenditure).is_some(), "{}", l.text);
    let total = t1.row_in(fiscal_lint::model::keys::INCOME_TOTAL, Part::Income).unwrap();
    assert_eq!(t1.rows[total].cell(inc).unwrap().text, "100.00");
    assert!(doc.narrative.iter().any(|b| b.text.ends_with("到达右边。")), "{:#?}", doc.narrative);
}

// ---- pages turned: /Rotate and rotated text matrices (docs/pdf-text-layer.md, “Rotated pages”)

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The Jiangsu A3 budget tables: pages with /Rotate 90 whose text matrices run up the page (`0 s -s 0 x y Tm`).
/// Read as printed: titles, 单位 lines, header rows and rows of figures in reading order, as tab-separated cells
/// where the table's kind is known. Figures as `pdftotext -layout` shows them.
#[test]
fn jiangsu_rotated_tables_read_as_printed() {
    let l = read_sample("jiangsu-prov-swbgt-2018-budget-tables");
    let lines: Vec<&str> = l.text.lines().collect();
    // No text running down the page: before, 180 lines were one character (「表」「厅」「1」) and 92 more two
    // (「报 公」). Now the only ones are the ends of labels wrapped in cells of the 政府采购 table, read as lines
    // (pdftotext shows them so too).
    let purchase = lines.iter().position(|l| l.trim() == "2018年政府采购预算表").expect("政府采购");
    for (i, t) in lines.iter().enumerate() {
        if squash(t).chars().count() == 1 {
            assert!(i > purchase && ["品", "费"].contains(&t.trim()), "line {}: {t}\n{}", i + 1, l.text);
        }
    }
    assert!(lines.len() < 300, "{} lines", lines.len());
    // The twelve tables' titles, each a line of its own, in the order printed, each followed by its 单位 line.
    let titles = [
        "收支预算总表",
        "收入预算总表",
        "支出预算总表",
        "财政拨款收支预算总表",
        "财政拨款支出预算表",
        "财政拨款基本支出预算表",
        "一般公共预算支出预算表",
        "一般公共预算基本支出预算表",
        "“三公”经费、会议费、培训费支出预算表",
        "财政拨款政府性基金支出预算表",
        "一般公共预算机关运行经费支出预算表",
        "2018年政府采购预算表",
    ];
    let mut at = 0;
    for t in titles {
        let i = lines[at..].iter().position(|l| l.trim() == t).unwrap_or_else(|| panic!("{t}\n{}", l.text)) + at;
        // The 单位 line right under the title (under the 收入/支出 row of a two-half table).
        assert!(lines[i + 1..i + 3].iter().any(|l| squash(l).ends_with("单位：万元")), "{t}: {}", lines[i + 1]);
        at = i + 1;
    }
    // Rows as cells (blank cells left out here), under the right title.
    let section = |title: &str| -> Vec<Vec<&str>> {
        let from = lines.iter().position(|l| l.trim() == title).unwrap_or_else(|| panic!("{title}"));
        let to = lines[from + 1..].iter().position(|l| l.trim().is_empty()).map_or(lines.len(), |e| from + 1 + e);
        lines[from + 1..to].iter().map(|l| l.split('\t').filter(|c| !c.is_empty()).collect()).collect()
    };
    let gb = section("一般公共预算支出预算表");
    assert!(gb.contains(&vec!["功能科目代码", "功能科目名称", "金额"]), "{gb:?}");
    assert!(gb.contains(&vec!["201", "一般公共服务支出", "20,153.75"]), "{gb:?}");
    assert!(gb.contains(&vec!["2013101", "行政运行", "8,072.29"]), "{gb:?}");
    assert!(gb.contains(&vec!["2210202", "提租补贴", "2,299.88"]), "{gb:?}");
    let basic = section("一般公共预算基本支出预算表");
    assert!(basic.contains(&vec!["科目编码", "科目名称", "金额"]), "{basic:?}");
    assert!(basic.contains(&vec!["30101", "基本工资", "1,475.07"]), "{basic:?}");
    assert!(basic.contains(&vec!["30231", "公务用车运行维护费", "411.20"]), "{basic:?}");
    let three = section("“三公”经费、会议费、培训费支出预算表");
    assert!(three.contains(&vec!["1,471.70", "508.20", "70.00", "411.20", "411.20", "27.00", "933.50", "30.00"]));
    let fs = section("财政拨款收支预算总表");
    // The 部门 … 单位 line is a meta line, written before the header.
    assert_eq!(fs[0], ["部门：中共江苏省委办公厅 单位：万元"], "{fs:?}");
    assert_eq!(fs[1], ["收入", "支出"], "{fs:?}");
    assert!(fs.contains(&vec!["一、一般公共预算", "24,458.43", "一、基本支出", "10,403.11"]), "{fs:?}");
    assert!(fs.contains(&vec!["二、政府性基金预算", "二、项目支出", "12,081.46"]), "{fs:?}");
    let run = section("一般公共预算机关运行经费支出预算表");
    assert!(run.contains(&vec!["30231", "公务用车运行维护费", "411.20"]), "{run:?}");
    // The 支出预算总表 read as a table: its figures in cells under their columns (section() drops blank cells).
    let totals = section("支出预算总表");
    assert!(totals.contains(&vec!["24,458.43", "10,403.11", "12,081.46", "1,973.86"]), "{totals:?}");
    // The tables the checker recognises (before: one, from one of the two upright pages).
    let got: Vec<&str> = l.document.tables.iter().map(|t| t.title.as_str()).collect();
    for t in [
        "财政拨款收支预算总表",
        "一般公共预算支出预算表",
        "一般公共预算基本支出预算表",
        "一般公共预算机关运行经费支出预算表",
    ] {
        assert!(got.contains(&t), "{t}: {got:?}");
    }
    assert!(got.len() >= 5, "{got:?}");
}

/// The narrative PDF and the tables PDF checked as one document: the tables come from the tables file, and the
/// narrative's claims are checked against them.
#[test]
fn jiangsu_text_and_tables_merged() {
    let text = shared_bytes("samples/pdf/jiangsu-prov-swbgt-2018-budget-text.pdf");
    let tables = shared_bytes("samples/pdf/jiangsu-prov-swbgt-2018-budget-tables.pdf");
    let check = |files: &[(&str, &[u8])]| {
        let files: Vec<fiscal_lint::input::files::InputFile> =
            files.iter().map(|(name, bytes)| fiscal_lint::input::files::InputFile { name, bytes }).collect();
        fiscal_lint::check_files(&files).expect("reads")
    };
    let alone_text = check(&[("text.pdf", &text)]);
    let alone_tables = check(&[("tables.pdf", &tables)]);
    let merged = check(&[("text.pdf", &text), ("tables.pdf", &tables)]);
    let n = |c: &fiscal_lint::Checked| c.read.document.tables.len();
    // The narrative PDF has no table (its table of contents lists them; entries are not tables).
    assert_eq!(n(&alone_text), 0);
    assert!(n(&alone_tables) >= 5);
    assert_eq!(n(&merged), n(&alone_text) + n(&alone_tables));
    assert!(merged.read.document.tables.iter().all(|t| t.origin.as_ref().is_some_and(|o| o.file == "tables.pdf")));
    assert!(merged.read.text.contains("〔文件：text.pdf") && merged.read.text.contains("〔文件：tables.pdf"));
    // The narrative's claims meet the tables only where a table was read, and a table not read is never judged
    // as zeros — so no fewer checks. The one error is the narrative's own (411.20 ÷ 508.20 = 80.91%, printed
    // 80.92%; tests/jiangsu_others.rs).
    assert!(merged.report.summary.checks >= alone_text.report.summary.checks);
    assert_eq!(merged.report.summary.errors, 1, "{:#?}", merged.report.findings);
}

/// jcy (narrative and 公开01–12表 in one upright file): a table of a kind not known ends the one before it. 公开05
/// used to be read as rows of 公开04 (its columns then merged into one cell per row); and a second 「单位：万元」
/// printed outside the page (x 681 on a 595-point page) was a column of 公开11.
#[test]
fn jiangsu_jcy_tables_end_at_the_next_title() {
    let l = read_sample("jiangsu-prov-jcy-2019-budget");
    let lines: Vec<&str> = l.text.lines().collect();
    let from = lines.iter().position(|l| l.trim() == "财政拨款收支预算总表").expect("公开04");
    let next = lines.iter().position(|l| l.trim() == "财政拨款支出预算表（功能科目）").expect("公开05");
    assert!(from < next);
    let rows: Vec<Vec<&str>> =
        lines[from..next].iter().map(|l| l.split('\t').filter(|c| !c.is_empty()).collect()).collect();
    assert!(rows.contains(&vec!["一、一般公共预算", "24169.74", "一、基本支出", "15844.04"]), "{rows:?}");
    assert!(rows.contains(&vec!["收入合计", "24169.74", "支出合计", "24169.74"]), "{rows:?}");
    assert_eq!(lines[next - 1].trim(), "公开05表");
    assert!(lines[next + 1].contains("单位：万元"));
    let t11 = lines.iter().position(|l| l.trim() == "一般公共预算机关运行经费支出预算表").expect("公开11");
    assert_eq!(lines[t11 + 1].matches("单位").count(), 1, "{}", lines[t11 + 1]);
    assert_eq!(
        lines[t11 + 2].split('\t').filter(|c| !c.is_empty()).collect::<Vec<_>>(),
        ["科目编码", "科目名称", "机关运行经费支出"]
    );
}

/// A one-page PDF with a CID font read as UTF-16 (UniGB-UCS2-H: 1000 units a character, 500 for ASCII).
/// `pages_extra` and `page_extra` are more entries of the /Pages node and of the page (/Rotate, /MediaBox).
fn turned_pdf(pages_extra: &str, page_extra: &str, content: &str) -> Vec<u8> {
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [3 0 R] /Count 1 {pages_extra} >>"),
        format!("<< /Type /Page /Parent 2 0 R {page_extra} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
        format!("<< /Length {} >>\nstream\n{}\nendstream", content.len(), content),
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts \
         [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 /W [32 126 500] >>] >>"
            .to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    for (i, o) in objs.iter().enumerate() {
        out.extend(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\n%%EOF\n", objs.len() + 1).bytes());
    out
}

/// A string as a hex string of UTF-16 code units.
fn utf16_hex(s: &str) -> String {
    let hex: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<{hex}>")
}

/// A small 一般公共预算财政拨款支出决算表 as it reads on a landscape page 842 × 595: (text, x, y from the top).
const TURNED_TABLE: [(&str, f64, f64); 16] = [
    ("一般公共预算财政拨款支出决算表", 300.0, 60.0),
    ("单位：万元", 700.0, 80.0),
    ("科目编码", 60.0, 110.0),
    ("科目名称", 160.0, 110.0),
    ("合计", 300.0, 110.0),
    ("基本支出", 400.0, 110.0),
    ("项目支出", 500.0, 110.0),
    ("合计", 160.0, 140.0),
    ("2,106.66", 290.0, 140.0),
    ("1,503.52", 390.0, 140.0),
    ("603.14", 500.0, 140.0),
    ("201", 60.0, 170.0),
    ("一般公共服务支出", 160.0, 170.0),
    ("2,106.66", 290.0, 170.0),
    ("1,503.52", 390.0, 170.0),
    ("603.14", 500.0, 170.0),
];

/// The table's content stream, each run placed by a text matrix made from its reading position (x, y from the top).
fn turned_content(prefix: &str, tm: impl Fn(f64, f64) -> String, suffix: &str) -> String {
    let mut c = format!("{prefix} BT /F1 10 Tf");
    for (text, x, y) in TURNED_TABLE {
        c.push_str(&format!(" {} Tm {} Tj", tm(x, y), utf16_hex(text)));
    }
    c.push_str(" ET ");
    c.push_str(suffix);
    c
}

type Items = Vec<(String, i32, i32)>;

fn items_of(pdf: &[u8]) -> (f32, f32, Items) {
    let pages = fiscal_lint::input::pdf::extract(pdf).expect("reads");
    let p = &pages[0];
    let items = p.items.iter().map(|i| (i.text.clone(), i.x.round() as i32, i.y.round() as i32)).collect();
    (p.width, p.height, items)
}

/// The same landscape table written six ways: upright on a landscape page; on a portrait page shown with /Rotate
/// 90 (on the page or inherited from /Pages, or written −270 or 450) and its text running up the page, as the
/// Jiangsu A3 tables are; /Rotate 270 with text running down; /Rotate 180 with text upside down; no /Rotate and
/// the text turned by `cm`. All read alike: the page as a reader sees it.
#[test]
fn rotate_and_rotated_text_matrices_read_as_displayed() {
    let land = "/MediaBox [0 0 842 595]";
    let port = "/MediaBox [0 0 595 842]";
    let upright = turned_pdf("", land, &turned_content("", |x, y| format!("1 0 0 1 {x} {}", 595.0 - y), ""));
    let up = |x: f64, y: f64| format!("0 1 -1 0 {y} {x}");
    let variants = [
        ("Rotate 90", turned_pdf("", &format!("{port} /Rotate 90"), &turned_content("", up, ""))),
        ("inherited Rotate 90", turned_pdf("/Rotate 90", port, &turned_content("", up, ""))),
        ("Rotate -270", turned_pdf("", &format!("{port} /Rotate -270"), &turned_content("", up, ""))),
        ("Rotate 450", turned_pdf("", &format!("{port} /Rotate 450"), &turned_content("", up, ""))),
        (
            "Rotate 270, text running down",
            turned_pdf(
                "",
                &format!("{port} /Rotate 270"),
                &turned_content("", |x, y| format!("0 -1 1 0 {} {}", 595.0 - y, 842.0 - x), ""),
            ),
        ),
        (
            "Rotate 180, text upside down",
            turned_pdf(
                "",
                &format!("{land} /Rotate 180"),
                &turned_content("", |x, y| format!("-1 0 0 -1 {} {y}", 842.0 - x), ""),
            ),
        ),
        (
            "no Rotate, text turned by cm",
            turned_pdf(
                "",
                port,
                &turned_content("q 0 -1 1 0 0 842 cm", |x, y| format!("1 0 0 1 {x} {}", 595.0 - y), "Q"),
            ),
        ),
    ];
    let want = items_of(&upright);
    assert_eq!((want.0, want.1), (842.0, 595.0));
    assert_eq!(want.2.len(), 16, "{:?}", want.2);
    assert_eq!(want.2[12], ("一般公共服务支出".to_string(), 160, 170));
    let want_text = fiscal_lint::input::pdf::read(&upright).expect("layout").text;
    let lines: Vec<&str> = want_text.lines().collect();
    assert_eq!(lines[0], "一般公共预算财政拨款支出决算表", "{want_text}");
    assert!(lines.contains(&"201\t一般公共服务支出\t2,106.66\t1,503.52\t603.14"), "{want_text}");
    for (what, pdf) in &variants {
        assert_eq!(items_of(pdf), want, "{what}");
        assert_eq!(fiscal_lint::input::pdf::read(pdf).expect("layout").text, want_text, "{what}");
    }
}

/// /Rotate values as the spec and viewers take them: multiples of 90 (negative ones the other way, 360 and more
/// wrapping round), inherited from /Pages unless the page has its own; anything else is 0. Seen here on a page
/// whose text is half upright, half running up the page: the page is read the way it is displayed.
#[test]
fn rotate_values_inherited_negative_and_invalid() {
    let content = format!(
        "BT /F1 10 Tf 0 1 -1 0 100 100 Tm {} Tj 1 0 0 1 300 300 Tm {} Tj ET",
        utf16_hex("ABCD"),
        utf16_hex("EFGH")
    );
    let port = "/MediaBox [0 0 595 842]";
    let dims = |pages_extra: &str, page_extra: &str| {
        let (w, h, items) = items_of(&turned_pdf(pages_extra, &format!("{port} {page_extra}"), &content));
        assert_eq!(items.len(), 2, "{items:?}");
        (w as i32, h as i32, items[0].0.clone(), items[1].0.clone())
    };
    let portrait = (595, 842, "ABCD".to_string(), "EFGH".to_string());
    let landscape = (842, 595, "ABCD".to_string(), "EFGH".to_string());
    assert_eq!(dims("", ""), portrait);
    assert_eq!(dims("", "/Rotate 90"), landscape);
    assert_eq!(dims("/Rotate 90", ""), landscape);
    assert_eq!(dims("/Rotate 90", "/Rotate 0"), portrait);
    assert_eq!(dims("", "/Rotate -270"), landscape);
    assert_eq!(dims("", "/Rotate 450"), landscape);
    assert_eq!(dims("", "/Rotate 45"), portrait);
    assert_eq!(dims("", "/Rotate 90.5"), portrait);
    assert_eq!(dims("", "/Rotate /Ninety"), portrait);
    assert_eq!(dims("", "/Rotate 1e300"), portrait);
    // Running up the page on a portrait page, ABCD becomes an item of its own (not four).
    let (_, _, items) = items_of(&turned_pdf("", port, &content));
    assert_eq!(items[0].0, "ABCD");
}

/// A label printed sideways in an upright table (text running down the page beside the rows) is one item, at
/// the left edge of the box it covers, not one item per character.
#[test]
fn a_sideways_label_on_an_upright_page_is_one_item() {
    let content = format!(
        "BT /F1 10 Tf 1 0 0 1 100 700 Tm {} Tj 1 0 0 1 200 700 Tm {} Tj 1 0 0 1 100 680 Tm {} Tj \
         0 -1 1 0 50 705 Tm {} Tj ET",
        utf16_hex("人员经费"),
        utf16_hex("1,234.50"),
        utf16_hex("公用经费"),
        utf16_hex("基本支出")
    );
    let (w, h, items) = items_of(&turned_pdf("", "/MediaBox [0 0 595 842]", &content));
    assert_eq!((w, h), (595.0, 842.0));
    let texts: Vec<&str> = items.iter().map(|i| i.0.as_str()).collect();
    assert_eq!(texts, ["人员经费", "1,234.50", "公用经费", "基本支出"]);
    // x 50 to 60, from 705 down to 665: its middle, 685 up (157 from the top), and a baseline 3.5 below that.
    assert_eq!((items[3].1, items[3].2), (50, 161));
}

/// Text wholly outside the media box is not on the page (as in the jcy 公开11表: a second 「单位：万元」 at x 681 on
/// a 595-point page): dropped, as viewers and pdftotext do; kept when the file gives no media box.
#[test]
fn text_outside_the_page_is_dropped() {
    let content = format!(
        "BT /F1 10 Tf 1 0 0 1 400 700 Tm {} Tj 1 0 0 1 681 700 Tm {} Tj 1 0 0 1 100 -30 Tm {} Tj ET",
        utf16_hex("单位：万元"),
        utf16_hex("单位：万元"),
        utf16_hex("below")
    );
    let (_, _, items) = items_of(&turned_pdf("", "/MediaBox [0 0 595 842]", &content));
    assert_eq!(items, [("单位：万元".to_string(), 400, 142)]);
    let (_, _, items) = items_of(&turned_pdf("", "", &content));
    assert_eq!(items.len(), 3);
}

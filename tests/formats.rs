//! Excel, Word, CSV and HTML land in the same document model with the same findings as the text they hold
//! (src/input/{xlsx,docx,csv,html,zip,grid}.rs through src/input/files.rs). The seed sample is read from ../shared
//! and turned into .xlsx/.csv/.docx files at test time (tests/support/office.rs).
#![cfg(feature = "formats")]

#[path = "support/office.rs"]
mod office;

use fiscal_lint::input::files::InputFile;
use fiscal_lint::report::Report;
use office::*;
use proptest::prelude::*;

/// Findings as the brief compares them: rule, severity, verdict, expected/actual/difference/tolerance, each cell's
/// table kind, row, column and value, a narrative finding's excerpt. Sorted (files may order tables differently).
fn findings(r: &Report) -> Vec<String> {
    let mut v: Vec<String> = r
        .findings
        .iter()
        .map(|f| {
            let cells: Vec<String> =
                f.cells.iter().map(|c| format!("{}|{}|{}|{}", c.table_kind, c.row, c.column, c.value)).collect();
            format!(
                "{} {:?} {:?} e={:?} a={:?} d={:?} t={:?} [{}] {:?}",
                f.rule,
                f.severity,
                f.verdict,
                f.expected,
                f.actual,
                f.difference,
                f.tolerance,
                cells.join("; "),
                f.text.as_ref().map(|t| &t.excerpt)
            )
        })
        .collect();
    v.sort();
    v
}

fn seed_findings() -> Vec<String> {
    findings(&fiscal_lint::check_text("seed.txt", &seed_text()).expect("reads"))
}

fn assert_same(label: &str, got: &[String], want: &[String]) {
    let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
    let extra: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
    assert!(
        missing.is_empty() && extra.is_empty() && got.len() == want.len(),
        "{label}: {} findings, want {}\nmissing:\n{}\nextra:\n{}",
        got.len(),
        want.len(),
        missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        extra.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn seed_as_xlsx_and_docx_gives_the_seed_findings() {
    let (tables, narrative) = split_seed();
    // The income table (the second sheet) has no title row: its sheet's name is the title.
    let xlsx = tables_xlsx(&tables, &[1]);
    let docx = narrative_docx(&narrative);
    let want = seed_findings();
    assert!(want.len() > 20, "the seed has findings to compare ({})", want.len());
    for order in [[0, 1], [1, 0]] {
        let files =
            [InputFile { name: "tables.xlsx", bytes: &xlsx }, InputFile { name: "narrative.docx", bytes: &docx }];
        let files = [files[order[0]], files[order[1]]];
        let checked = fiscal_lint::check_files(&files).expect("reads");
        assert_same(&format!("xlsx+docx {order:?}"), &findings(&checked.report), &want);
        let doc = &checked.read.document;
        assert!(doc.issues.is_empty(), "{:?}", doc.issues);
        let kinds =
            |file: &str| doc.tables.iter().filter(|t| t.origin.as_ref().is_some_and(|o| o.file == file)).count();
        assert_eq!(kinds("tables.xlsx"), 9, "one table per sheet");
        assert_eq!(kinds("narrative.docx"), 3, "the docx's performance tables");
        for t in doc.tables.iter().filter(|t| t.origin.as_ref().is_some_and(|o| o.format == "xlsx")) {
            let sheet = t.origin.as_ref().and_then(|o| o.sheet.as_deref()).expect("a sheet");
            assert!(t.title.contains(sheet) || sheet_name(&t.title) == sheet, "{} on sheet {sheet}", t.title);
        }
        let files: Vec<(&str, &str)> =
            checked.report.input.files.iter().map(|f| (f.name.as_str(), f.format.as_str())).collect();
        assert!(files.contains(&("tables.xlsx", "xlsx")) && files.contains(&("narrative.docx", "docx")), "{files:?}");
        // Narrative claims are tied to cells of the workbook's sheets.
        let linked = checked.report.findings.iter().any(|f| {
            f.rule.starts_with('C')
                && f.cells.iter().any(|c| {
                    doc.tables.iter().any(|t| t.id == c.table && t.origin.as_ref().is_some_and(|o| o.format == "xlsx"))
                })
        });
        assert!(linked, "a narrative finding points at a cell of the .xlsx");
        // The joined text reads again to the same findings.
        let again = fiscal_lint::check_text("again", &checked.read.text).expect("reads");
        assert_same("read again", &findings(&again), &want);
    }
}

#[test]
fn the_whole_seed_as_one_docx_gives_the_seed_findings() {
    let docx = narrative_docx(&seed_blocks());
    let checked = fiscal_lint::check_files(&[InputFile { name: "all.docx", bytes: &docx }]).expect("reads");
    assert_eq!(checked.read.document.tables.len(), 12, "nine tables and three performance tables, all Word tables");
    assert_same("one docx", &findings(&checked.report), &seed_findings());
}

#[test]
fn section_headings_numbered_by_word_give_the_same_findings() {
    let (tables, narrative) = split_seed();
    let xlsx = tables_xlsx(&tables, &[]);
    let docx = narrative_docx_with(&narrative, true);
    let plain = narrative_docx(&narrative);
    let a = fiscal_lint::input::files::read_files(&[InputFile { name: "n.docx", bytes: &docx }]).expect("reads");
    let b = fiscal_lint::input::files::read_files(&[InputFile { name: "n.docx", bytes: &plain }]).expect("reads");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    // 「十三、预算绩效情况说明」 is written out once (in the table of contents); in 第三部分 it is numbered.
    assert_eq!(
        xml.matches("十三、预算绩效情况说明").count(),
        1,
        "the labels of 第三部分 are not in the document's text"
    );
    assert!(xml.contains(">预算绩效情况说明<"));
    assert_eq!(a.text, b.text, "the labels come back from numbering.xml");
    let files = [InputFile { name: "tables.xlsx", bytes: &xlsx }, InputFile { name: "narrative.docx", bytes: &docx }];
    let checked = fiscal_lint::check_files(&files).expect("reads");
    assert_same("numbered docx", &findings(&checked.report), &seed_findings());
}

#[cfg(feature = "gb18030")]
#[test]
fn seed_as_gbk_csv_files_and_docx_gives_the_seed_findings() {
    let (tables, narrative) = split_seed();
    let docx = narrative_docx(&narrative);
    let csvs: Vec<(String, Vec<u8>)> = tables
        .iter()
        .enumerate()
        .map(|(k, t)| {
            // The third file has no title row: its name is the title.
            let text = table_csv(t, k != 2);
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
            assert!(!unmappable, "{} encodes in GBK", t.title);
            (format!("{:02}{}.csv", k + 1, if k == 2 { t.title.clone() } else { String::new() }), bytes.into_owned())
        })
        .collect();
    assert!(csvs.iter().any(|(_, b)| std::str::from_utf8(b).is_err()), "the files really are GBK");
    let mut files: Vec<InputFile> = csvs.iter().map(|(n, b)| InputFile { name: n, bytes: b }).collect();
    files.push(InputFile { name: "narrative.docx", bytes: &docx });
    let checked = fiscal_lint::check_files(&files).expect("reads");
    assert_same("csv+docx", &findings(&checked.report), &seed_findings());
    assert!(checked.read.document.issues.is_empty(), "{:?}", checked.read.document.issues);
    assert!(checked.report.input.files.iter().take(9).all(|f| f.format == "csv"), "{:?}", checked.report.input.files);
    assert_eq!(checked.report.input.format, "csv+docx");
}

#[test]
fn xlsx_sheets_have_the_tables_and_merged_headers_leave_the_rest_empty() {
    let (tables, _) = split_seed();
    let xlsx = tables_xlsx(&tables, &[]);
    let checked = fiscal_lint::check_files(&[InputFile { name: "t.xlsx", bytes: &xlsx }]).expect("reads");
    let text = &checked.read.text;
    // The summary table's header 「收入 | | | 支出 | |」 was merged A:C and D:F.
    assert!(text.contains("\n收入\t\t\t支出\t\t\n"), "{}", &text[..text.len().min(800)]);
    // Sheets are parts with their name.
    assert!(text.starts_with("〔文件：t.xlsx｜xlsx｜工作表：收入支出决算总表〕\n收入支出决算总表\n"));
    assert_eq!(checked.read.document.tables.len(), 9);
    assert_eq!(checked.report.input.format, "xlsx");
}

/// A small workbook written by rust_xlsxwriter: vertical and horizontal merges, a formula with its cached value,
/// percentages, a date, a hidden sheet, two tables on one sheet.
#[test]
fn xlsx_cell_kinds() {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let mut wb = Workbook::new();
    let two = Format::new().set_num_format("#,##0.00");
    let pct = Format::new().set_num_format("0.00%");
    let date = Format::new().set_num_format("yyyy\"年\"mm\"月\"");
    let ws = wb.add_worksheet();
    ws.set_name("支出").unwrap();
    ws.write_string(0, 0, "支出决算表").unwrap();
    ws.write_number_with_format(1, 4, 45536.0, &date).unwrap();
    ws.merge_range(2, 0, 3, 1, "项目", &Format::new()).unwrap(); // two rows, two columns
    ws.write_string(2, 2, "本年支出合计").unwrap();
    ws.write_string(2, 3, "基本支出").unwrap();
    ws.write_string(2, 4, "项目支出").unwrap();
    ws.write_string(3, 2, "1").unwrap();
    ws.write_string(4, 0, "合计").unwrap();
    ws.write_formula_with_format(4, 2, Formula::new("=D5+E5").set_result("2070.4400000000001"), &two).unwrap();
    ws.write_number_with_format(4, 3, 1000.0, &two).unwrap();
    ws.write_number_with_format(4, 4, 1070.44, &two).unwrap();
    ws.write_number_with_format(5, 4, 0.6417, &pct).unwrap();
    ws.write_boolean(6, 0, true).unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("参数").unwrap();
    hidden.write_string(0, 0, "不应读取").unwrap();
    hidden.set_hidden(true);
    let xlsx = wb.save_to_buffer().unwrap();
    let read = fiscal_lint::input::files::read_files(&[InputFile { name: "k.xlsx", bytes: &xlsx }]).expect("reads");
    assert_eq!(
        read.text,
        "支出决算表\n2024年09月\n项目\t\t本年支出合计\t基本支出\t项目支出\n\t\t1\t\t\n合计\t\t2,070.44\t1,000.00\t1,070.44\n\
         \t\t\t\t64.17%\nTRUE\t\t\t\t\n"
    );
    assert!(!read.text.contains("不应读取"), "hidden sheets are skipped");
}

#[test]
fn quoted_csv_reads_as_its_table() {
    let tsv = "支出决算表\n单位：万元\n项目\t\t本年支出 合计\t基本支出\t项目支出\n科目编码\t科目名称\t\t\t\n\
               合计\t\t1,234.50\t1,000.00\t234.50\n201\t一般公共服务支出\t1,234.50\t1,000.00\t234.50\n";
    let csv = "支出决算表,,,,\r\n单位：万元,,,,\r\n项目,,\"本年支出\r\n合计\",基本支出,项目支出\r\n科目编码,科目名称,,,\r\n\
               合计,,\"1,234.50\",\"1,000.00\",234.50\r\n201,\"一般公共服务支出\",\"1,234.50\",\"1,000.00\",\"234.50\"\r\n";
    let want = findings(&fiscal_lint::check_text("t.tsv", tsv).expect("reads"));
    let got = fiscal_lint::check_files(&[InputFile { name: "t.csv", bytes: csv.as_bytes() }]).expect("reads");
    assert_eq!(got.read.text, tsv);
    assert_same("quoted csv", &findings(&got.report), &want);
    // Doubled quotes and a UTF-8 BOM; recognised by content without the .csv name.
    let csv2 = format!("\u{FEFF}{}", csv.replace("\"一般公共服务支出\"", "\"一般公共服务支出\"\"（类）\"\"\""));
    let got = fiscal_lint::check_files(&[InputFile { name: "upload", bytes: csv2.as_bytes() }]).expect("reads");
    assert!(got.read.text.contains("201\t一般公共服务支出\"（类）\"\t"), "{}", got.read.text);
    assert_eq!(got.report.input.files[0].format, "csv");
}

#[cfg(feature = "gb18030")]
#[test]
fn gb18030_text_is_detected() {
    let text = seed_text();
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gb).is_err());
    let checked = fiscal_lint::check_files(&[InputFile { name: "seed-gbk.txt", bytes: &gb }]).expect("reads");
    assert_eq!(checked.read.text, text);
    assert_same("gb18030 text", &findings(&checked.report), &seed_findings());
    // Four-byte GB18030 sequences (outside GBK) decode too.
    let rare = "𠀀 部门决算 2023 年度";
    let (bytes, _, _) = encoding_rs::GB18030.encode(rare);
    assert_eq!(fiscal_lint::input::files::decode_text("r.txt", &bytes).unwrap(), rare);
    // GB18030 text needs no formats module (the browser decodes it: tests/wasm.rs); UTF-8 is not GB18030 text.
    assert!(!fiscal_lint::input::files::needs_formats(&bytes));
    assert!(fiscal_lint::input::files::is_gb18030_text(&bytes));
    assert!(!fiscal_lint::input::files::is_gb18030_text(rare.as_bytes()));
}

/// A table copied from Excel: the clipboard's HTML (colspan/rowspan, entities, x:num, mso styles, <br> in a cell).
const EXCEL_HTML: &str = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\
<head><meta charset=utf-8><style><!--table {mso-displayed-decimal-separator:\"\\.\";} .xl65 {mso-number-format:\"0\\.00\";}--></style></head>\
<body link=blue><table border=0 cellpadding=0 cellspacing=0 width=500 style='border-collapse:collapse'>\
<!--StartFragment--><col width=72 span=5>\
<tr height=19><td colspan=5 height=19 class=xl66 style='mso-ignore:colspan'>支出决算表</td></tr>\
<tr><td colspan=5 style='mso-ignore:colspan'>单位：万元</td></tr>\
<tr><td colspan=2 rowspan=2 class=xl67>项&nbsp;目</td><td rowspan=2>本年支出<br>合计</td><td>基本支出</td><td>项目支出</td></tr>\
<tr><td>&nbsp;</td><td></td></tr>\
<tr><td>科目编码</td><td>科目名称</td><td></td><td></td><td></td></tr>\
<tr><td colspan=2>合计</td><td class=xl65 x:num=\"1234.5\">1,234.50</td><td x:num=\"1000\">1,000.00</td><td x:num>234.50</td></tr>\
<tr><td x:num>201</td><td>一般公共服务支出</td><td x:num=\"1234.5\">1,234.50</td><td>1,000.00</td><td>234.60</td></tr>\
<!--EndFragment--></table></body></html>";

#[test]
fn html_clipboard_fragments() {
    let text = fiscal_lint::input::html::html_to_text(EXCEL_HTML).expect("reads");
    assert_eq!(
        text,
        "支出决算表\n单位：万元\n项 目\t\t本年支出 合计\t基本支出\t项目支出\n\n科目编码\t科目名称\t\t\t\n\
         合计\t\t1,234.50\t1,000.00\t234.50\n201\t一般公共服务支出\t1,234.50\t1,000.00\t234.60\n"
    );
    let pasted = fiscal_lint::check_text("clipboard", &text).expect("reads");
    assert!(
        pasted.findings.iter().any(|f| f.rule == "T002" && f.actual.as_deref() == Some("1234.50")),
        "{:?}",
        findings(&pasted)
    );
    // The same as an .html file.
    let file =
        fiscal_lint::check_files(&[InputFile { name: "copy.html", bytes: EXCEL_HTML.as_bytes() }]).expect("reads");
    assert_eq!(findings(&file.report), findings(&pasted));
    assert_eq!(file.report.input.format, "html");
    // A web page's table: a caption, a header cell spanning rows, text around it.
    let page = "<p>2023年度部门决算</p><table><caption>支出决算表</caption><thead><tr><th rowspan=2>项目</th>\
                <th colspan=3>本年支出</th></tr><tr><th>合计</th><th>基本支出</th><th>项目支出</th></tr></thead>\
                <tbody><tr><td>合计</td><td>30.00</td><td>10.00</td><td>20.00</td></tr></tbody></table><p>注：本表&hellip;</p>";
    assert_eq!(
        fiscal_lint::input::html::html_to_text(page).unwrap(),
        "2023年度部门决算\n\n支出决算表\n项目\t本年支出\t\t\n\t合计\t基本支出\t项目支出\n合计\t30.00\t10.00\t20.00\n\n注：本表…\n"
    );
}

#[test]
fn the_narrative_of_a_docx_links_to_the_tables_of_a_csv() {
    // A one-table check across files: the docx's 「支出合计 2070.44 万元」 against the CSV's 支出决算表.
    let (tables, narrative) = split_seed();
    let docx = narrative_docx(&narrative);
    let t3 = tables.iter().find(|t| t.title == "支出决算表").expect("T3");
    let csv = table_csv(t3, true);
    let files = [InputFile { name: "支出.csv", bytes: csv.as_bytes() }, InputFile { name: "说明.docx", bytes: &docx }];
    let checked = fiscal_lint::check_files(&files).expect("reads");
    let doc = &checked.read.document;
    let t3_id =
        &doc.tables.iter().find(|t| t.origin.as_ref().is_some_and(|o| o.format == "csv")).expect("csv table").id;
    let narrative_to_csv = checked
        .report
        .findings
        .iter()
        .filter(|f| f.text.is_some() && f.cells.iter().any(|c| &c.table == t3_id))
        .count();
    assert!(narrative_to_csv > 0, "a narrative finding points at the CSV's table: {:?}", findings(&checked.report));
}

// ---------------------------------------------------------------------------------------------------------------
// Robustness: every unreadable file is a ReadError naming the file, never a panic.

fn error_of(name: &str, bytes: &[u8]) -> String {
    match fiscal_lint::check_files(&[InputFile { name, bytes }]) {
        Ok(c) => panic!("{name}: expected an error, read {} tables", c.read.document.tables.len()),
        Err(e) => {
            assert!(e.message.zh.starts_with(&format!("{name}：")), "{}", e.message.zh);
            assert!(e.message.en.starts_with(&format!("{name}: ")), "{}", e.message.en);
            e.message.zh
        }
    }
}

#[test]
fn unreadable_office_files_say_why() {
    let (tables, narrative) = split_seed();
    let xlsx = tables_xlsx(&tables, &[]);
    let docx = narrative_docx(&narrative);
    assert!(error_of("cut.xlsx", &xlsx[..xlsx.len() / 2]).contains("不完整或已损坏"));
    assert!(error_of("cut.docx", &docx[..docx.len() - 10]).contains("不完整或已损坏"));
    let other = zip_of(&[("hello.txt", "hello")]);
    assert!(error_of("other.zip", &other).contains("既不是 Excel 工作簿"));
    assert!(error_of("empty.xlsx", b"").contains("文件为空"));
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let _ = error_of("junk.xlsx", &junk);
    let ods = zip_of(&[("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")]);
    assert!(error_of("t.ods", &ods).contains("OpenDocument"));
    // An .xlsx with no sheet content, a .docx with no text.
    let mut empty = rust_xlsxwriter::Workbook::new();
    empty.add_worksheet();
    assert!(error_of("blank.xlsx", &empty.save_to_buffer().unwrap()).contains("没有填写内容"));
    assert!(error_of("blank.docx", &docx_with_body("<w:p/>")).contains("没有文字"));
}

#[test]
fn a_pdf_named_xlsx_is_read_as_a_pdf() {
    let pdf = shared("samples/pdf/shanghai-putuo-czj-2024-final.pdf");
    let checked = fiscal_lint::check_files(&[InputFile { name: "report.xlsx", bytes: &pdf }]).expect("reads");
    assert_eq!(checked.report.input.format, "pdf");
    assert_eq!(checked.report.input.files[0].format, "pdf");
    assert_eq!(checked.read.document.tables.len(), 9);
}

#[test]
fn a_sheet_with_broken_xml_keeps_what_was_read_and_says_so() {
    let x = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>收入决算表</t></is></c></row>\
             <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>项目</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>本年收入合计</t></is></c>\
             <c r=\"C2\" t=\"inlineStr\"><is><t>财政拨款收入</t></is></c></row>\
             <row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"B3\"><v>10</v></c><c r=\"C3\"><v>10</v></c></row>\
             <row r=\"4\"><c r=\"A4\" t=\"s\"><v>7</v></c><c r=\"B4\" x=\"1></row>";
    let xlsx = minimal_xlsx(x);
    let checked = fiscal_lint::check_files(&[InputFile { name: "b.xlsx", bytes: &xlsx }]).expect("reads");
    assert!(checked.read.text.contains("合计\t10\t10"), "{}", checked.read.text);
    let issues: Vec<&str> = checked.read.document.issues.iter().map(|i| i.message_zh.as_str()).collect();
    assert!(issues.iter().any(|m| m.starts_with("b.xlsx：") && m.contains("XML 有错误")), "{issues:?}");
    assert!(checked.report.findings.iter().any(|f| f.rule == "D001"), "reported as unreadable");
}

/// A workbook of one sheet with the given XML, written by hand (inline strings, no styles, no shared strings).
fn minimal_xlsx(sheet: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        (
            "_rels/.rels",
            "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        ),
        (
            "xl/workbook.xml",
            "<workbook xmlns:r=\"r\"><sheets><sheet name=\"收入\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

fn mutated(base: &[u8], edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
    let mut b = base.to_vec();
    for (at, v) in edits {
        if !b.is_empty() {
            let i = at % b.len();
            b[i] = *v;
        }
    }
    b.truncate(cut.min(b.len()).max(b.len().min(1)));
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in 0usize..6) {
        let name = ["x.xlsx", "x.docx", "x.csv", "x.html", "x.txt", "x"][ext];
        for prefix in [&b""[..], b"PK\x03\x04", b"<table><tr><td>"] {
            let mut b = prefix.to_vec();
            b.extend_from_slice(&bytes);
            let _ = fiscal_lint::check_files(&[InputFile { name, bytes: &b }]);
        }
        let _ = fiscal_lint::input::html::html_to_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn damaged_office_files_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
        cut in any::<usize>(),
    ) {
        let (xlsx, docx) = small_office_files();
        for (name, base) in [("d.xlsx", xlsx), ("d.docx", docx)] {
            let b = mutated(base, &edits, cut);
            if let Err(e) = fiscal_lint::check_files(&[InputFile { name, bytes: &b }]) {
                prop_assert!(e.message.zh.starts_with(name), "{}", e.message.zh);
            }
        }
    }
}

/// A small .xlsx and .docx (stored uncompressed too, so mutations hit XML as well as deflate streams).
fn small_office_files() -> (&'static [u8], &'static [u8]) {
    use std::sync::OnceLock;
    static FILES: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    let f = FILES.get_or_init(|| {
        let (tables, narrative) = split_seed();
        let xlsx = tables_xlsx(&tables[..2], &[]);
        let docx = narrative_docx(&narrative[..narrative.len().min(40)]);
        (xlsx, docx)
    });
    (&f.0, &f.1)
}

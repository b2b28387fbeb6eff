//! The build-time side of the forms (docs/forms.md): `src/forms/compile.rs`, which `build.rs` runs on
//! `src/forms/data/*.json`. A form file that does not parse or hold together fails the build with its name and
//! what is wrong; these tests run the same code on broken files written here.

#[path = "../src/forms/compile.rs"]
mod compile;

use std::path::Path;

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(compile::DATA_DIR)
}

fn file(name: &str) -> String {
    std::fs::read_to_string(data_dir().join(name)).unwrap()
}

fn compile_one(name: &str, text: &str) -> Result<String, String> {
    compile::compile(&[(name.to_string(), text.to_string())])
}

#[test]
fn what_the_build_compiled_is_the_form_files() {
    let src = compile::compile_dir(&data_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(src, include_str!(concat!(env!("OUT_DIR"), "/forms.rs")));
    for name in compile::schema::FORM_FILES {
        let id = name.strip_suffix(".json").unwrap();
        assert!(src.contains(&format!("Form {{ id: {id:?},")), "{id}");
    }
}

#[test]
fn broken_form_files_fail_with_the_file_and_the_reason() {
    let ok = file("local-final.json");
    let err = |name: &str, text: &str| compile_one(name, text).unwrap_err();

    let e = err("a.json", "{");
    assert!(e.starts_with("src/forms/data/a.json: JSON: "), "{e}");
    let e = err("a.json", &ok.replacen("\"region\"", "\"regoin\"", 1));
    assert!(e.starts_with("src/forms/data/a.json: JSON: unknown field `regoin`"), "{e}");
    let e = err("a.json", &ok.replacen("\"required\": true", "\"required\": \"yes\"", 1));
    assert!(e.contains("a.json: JSON: invalid type"), "{e}");
    let e = err("b.json", &ok.replacen("\"key\": \"income\"", "\"key\": \"summary\"", 1));
    assert_eq!(e, "src/forms/data/b.json: table key \"summary\" empty or declared twice");
    let e = err("a.json", &ok.replacen("\"unit\": \"万元\"", "\"unit\": \"千元\"", 1));
    assert!(e.starts_with("src/forms/data/a.json: unit \"千元\""), "{e}");
    let e = err("a.json", &ok.replacen("\"id\": \"local-final\"", "\"id\": \"Local final\"", 1));
    assert!(e.contains("lowercase letters"), "{e}");

    let two = [("a.json".to_string(), ok.clone()), ("b.json".to_string(), ok.clone())];
    let e = compile::compile(&two).unwrap_err();
    assert_eq!(e, "src/forms/data/b.json: form id local-final declared twice (also in src/forms/data/a.json)");
}

/// A reader code or column key the model does not have is not known to the build script: it writes a `const`
/// assertion that fails the crate's compilation with this message (the crate's unit test
/// `validator_rejects_forms_that_do_not_hold_together` checks `reader_known` and `column_key_known`).
#[test]
fn unknown_readers_and_column_keys_become_failing_const_assertions() {
    let ok = file("local-final.json");
    let src = compile_one("a.json", &ok.replacen("\"reader\": \"final.income\"", "\"reader\": \"final.nothing\"", 1))
        .unwrap();
    assert!(
        src.contains(
            "const _: () = assert!(super::reader_known(\"final.nothing\"), \"src/forms/data/a.json: table income: \
             reader \\\"final.nothing\\\" is not a table kind code (model::TableKind::code)\");"
        ),
        "{src}"
    );
    // (a column no identity names: one an identity names must exist, which the build script checks itself)
    let src = compile_one("a.json", &ok.replacen("\"key\": \"perf.weight\"", "\"key\": \"perf{x}\"", 1)).unwrap();
    assert!(src.contains("assert!(super::column_key_known(\"perf{x}\"), \"src/forms/data/a.json: table performance: column 分值: key \\\"perf{{x}}\\\" is not"), "{src}");
}

/// Every string of a form is written as its Debug text: a Rust literal for any text a JSON file can hold.
#[test]
fn any_text_is_written_as_a_rust_literal() {
    let ok = file("local-final.json");
    let odd = "全国\\\"模板\\n\\t\\u0000\\u007f\\u200b\\u0301é{}'#";
    let src =
        compile_one("a.json", &ok.replacen("\"region\": \"全国模板\"", &format!("\"region\": \"{odd}\""), 1)).unwrap();
    let lit = src.split("region: ").nth(1).unwrap().split(", years:").next().unwrap();
    assert_eq!(lit, "\"全国\\\"模板\\n\\t\\0\\u{7f}\\u{200b}\\u{301}é{}'#\"");
}

/// A form whose identity names a column the table does not declare, or does not parse, fails the build with the
/// file, the table and the column — never an identity silently switched off.
#[test]
fn a_broken_identity_fails_with_the_table_and_the_column() {
    let ok = file("local-final.json");
    let holds = "\"holds\": \"total = basic + project\"";
    assert!(ok.contains(holds));
    let e = compile_one("a.json", &ok.replacen(holds, "\"holds\": \"total = basic + projects\"", 1)).unwrap_err();
    assert!(e.starts_with("src/forms/data/a.json: table ") && e.contains("\"projects\""), "{e}");
    assert!(e.contains("which the table does not declare"), "{e}");
    let e = compile_one("a.json", &ok.replacen(holds, "\"holds\": \"total basic project\"", 1)).unwrap_err();
    assert!(e.contains("no `=`"), "{e}");
    let e = compile_one("a.json", &ok.replacen("\"code\": \"T002\"", "\"code\": \"row\"", 1)).unwrap_err();
    assert!(e.contains("a T-rule code"), "{e}");
}

//! Compiles the form files (`src/forms/data/*.json`) into Rust tables at build time: `src/forms/compile.rs` parses
//! and validates them (serde_json, a build-dependency only) and this writes `$OUT_DIR/forms.rs`, which
//! `src/forms/mod.rs` includes. A broken form file fails the build with its name and what is wrong (docs/forms.md).

#[path = "src/forms/compile.rs"]
mod compile;

fn main() {
    for p in [
        "build.rs",
        "src/forms/compile.rs",
        "src/forms/schema.rs",
        "src/forms/titles.rs",
        "src/forms/identity.rs",
        "src/forms/data",
    ] {
        println!("cargo::rerun-if-changed={p}");
    }
    let root = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    match compile::compile_dir(&root.join(compile::DATA_DIR)) {
        Ok(src) => {
            if let Err(e) = std::fs::write(out.join("forms.rs"), src) {
                eprintln!("error: writing {}: {e}", out.join("forms.rs").display());
                std::process::exit(1);
            }
        }
        Err(e) => {
            eprintln!("error: a form file is broken: {e}");
            std::process::exit(1);
        }
    }
}

//! The shape of a form file (docs/forms.md), in ONE place for two compilations:
//!
//! - the build script (`build.rs` → `src/forms/compile.rs`) compiles it with `Str = String`, `List<T>` a `Vec<T>`
//!   and `serde::Deserialize`: it parses `src/forms/data/*.json` with serde_json, runs [`validate`], and writes
//!   each form's `{:?}` (Debug) as Rust source — `List`'s Debug prints `&[…]`, a `String`'s Debug is a valid Rust
//!   string literal;
//! - the crate (`src/forms/mod.rs`) compiles it with `Str = &'static str`, `List<T> = &'static [T]` and
//!   `serde::Serialize` (`fiscal-lint forms`, `formInfos()`), and `include!`s that source as `static` tables: no
//!   JSON parser and no `Deserialize` code in the program.
//!
//! Each type is wrapped in `form_type! { … }`, which the including module defines to add its derives.
//! To add a field: add it here (a `Str`, `List<…>`, `Option<…>`, `bool`, integer, or a new `form_type!` struct of
//! those), with `#[serde(default)]` if a file may leave it out — nothing else; an enum's variants must also be
//! imported where the tables are included (`mod generated` in `src/forms/mod.rs`).
//! Paths: `super::{List, Str}`, `super::titles` and `super::identity` only, so that both compilations resolve them.

use super::identity::{Half, row_sum};
use super::titles::normalise_title;
use super::{List, Str};

/// The form files, in order: a tie between forms goes to the one listed first. A `.json` file in
/// `src/forms/data/` that is not listed here fails the build.
pub const FORM_FILES: &[&str] = &[
    "local-final.json",
    "shanghai-budget.json",
    "jiangsu-budget.json",
    "university-final.json",
    "university-budget.json",
];

form_type! {
    /// Chinese and English name of a form.
    #[serde(deny_unknown_fields)]
    pub struct Name {
        pub zh: Str,
        pub en: Str,
    }
}

form_type! {
    #[derive(Copy)]
    #[serde(rename_all = "lowercase")]
    pub enum FormKind {
        Final,
        Budget,
    }
}

form_type! {
    /// The years a form applies to, both ends included; `null` = open.
    #[serde(deny_unknown_fields)]
    pub struct Years {
        pub from: Option<u32>,
        pub to: Option<u32>,
    }
}

form_type! {
    /// Words of the document (its prose and table titles) that point to a form, or away from it.
    #[serde(deny_unknown_fields)]
    pub struct Recognise {
        #[serde(default)]
        pub words: List<Str>,
        #[serde(default)]
        pub not_words: List<Str>,
    }
}

form_type! {
    /// A header column of a form's table and the model column key a reader gives it (`null`: no key yet).
    #[serde(deny_unknown_fields)]
    pub struct FormColumn {
        pub header: Str,
        pub key: Option<Str>,
        /// `income` / `expenditure` for the two halves of a summary table.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub part: Option<Str>,
        /// Printed by some documents of the form only: a table without it is still checked.
        #[serde(default, skip_serializing_if = "is_false")]
        pub optional: bool,
    }
}

#[allow(dead_code)] // serialising only (the crate)
fn is_false(b: &bool) -> bool {
    !*b
}

form_type! {
    #[serde(deny_unknown_fields)]
    pub struct FormTable {
        /// Stable within the form; reported as `document.form.tables[].key`.
        pub key: Str,
        /// The title in the form's own words.
        pub title: Str,
        /// Other titles seen for this table (matched like the title, after normalising).
        #[serde(default)]
        pub variants: List<Str>,
        pub required: bool,
        /// The unit the form prints this table in (a table's own 单位 line overrides it).
        pub unit: Str,
        pub columns: List<FormColumn>,
        /// The `TableKind` code (`final.summary` …) whose reader reads this table today, or `null`.
        pub reader: Option<Str>,
        /// The title and variants normalised ([`normalise_title`]), with their length in characters: not in the
        /// file; made by the build script, so never for every title of every document.
        #[serde(skip)]
        pub normalised: List<(Str, usize)>,
        /// The sums that hold on each row of this table (`identity.rs`), checked by the rule family each names:
        /// the form says which columns add up to which, the rules know none of them.
        #[serde(default)]
        pub identities: List<Identity>,
    }
}

form_type! {
    /// One row identity of a form's table, as the form file writes it (docs/forms.md, `identities`).
    #[serde(deny_unknown_fields)]
    pub struct Identity {
        /// The rule family that checks and reports it (`T002` row totals, `T006` fund carry-over, `T007` 三公
        /// sums): codes stay stable whatever form declares the identity.
        pub code: Str,
        /// `coded`, `expenditure` or `all` (`identity::Rows`).
        pub rows: Str,
        /// `total = a + b? − c` over the table's column keys (`identity::row_sum`).
        pub holds: Str,
    }
}

form_type! {
    #[serde(deny_unknown_fields)]
    pub struct Form {
        pub id: Str,
        pub name: Name,
        pub kind: FormKind,
        /// 部门 and/or 单位.
        pub levels: List<Str>,
        /// 全国模板, 上海, 江苏, 高等学校 …
        pub region: Str,
        pub years: Years,
        /// The money unit most of its tables are printed in.
        pub unit: Str,
        pub recognise: Recognise,
        pub tables: List<FormTable>,
    }
}

fn s<T: AsRef<str> + ?Sized>(x: &T) -> &str {
    x.as_ref()
}

/// Whether a form holds together (everything the file alone can tell; that `reader` codes and column `key`s exist
/// in the model is checked by the crate's compiler: `src/forms/compile.rs`). The build fails with the file's name
/// and this message.
#[allow(dead_code)] // the crate runs it in its tests only
pub fn validate(f: &Form) -> Result<(), String> {
    let id_ok = !f.id.is_empty() && f.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        return Err(format!("id {:?}: lowercase letters, digits and - only", s(&f.id)));
    }
    if f.name.zh.is_empty() || f.name.en.is_empty() {
        return Err("name needs zh and en".into());
    }
    if f.levels.is_empty() || f.levels.iter().any(|l| s(l) != "部门" && s(l) != "单位") {
        return Err(format!("levels {:?}: 部门 and/or 单位", f.levels.iter().map(s).collect::<Vec<_>>()));
    }
    if let (Some(a), Some(b)) = (f.years.from, f.years.to)
        && a > b
    {
        return Err(format!("years: from {a} after to {b}"));
    }
    let unit_ok = |u: &str| u == "万元" || u == "元";
    if !unit_ok(s(&f.unit)) {
        return Err(format!("unit {:?}: 万元 or 元", s(&f.unit)));
    }
    if f.tables.is_empty() {
        return Err("no tables".into());
    }
    for (i, t) in f.tables.iter().enumerate() {
        let key = s(&t.key);
        if key.is_empty() || f.tables[..i].iter().any(|o| s(&o.key) == key) {
            return Err(format!("table key {key:?} empty or declared twice"));
        }
        if !unit_ok(s(&t.unit)) {
            return Err(format!("table {key}: unit {:?}: 万元 or 元", s(&t.unit)));
        }
        for title in std::iter::once(&t.title).chain(t.variants.iter()) {
            if normalise_title(s(title)).0.chars().count() < 4 {
                return Err(format!("table {key}: title {:?} is too short once normalised", s(title)));
            }
        }
        if t.reader.as_ref().is_some_and(|r| s(r).is_empty()) {
            return Err(format!("table {key}: reader \"\": a table kind code or null"));
        }
        for c in t.columns.iter() {
            if c.key.as_ref().is_some_and(|k| s(k).is_empty()) {
                return Err(format!("table {key}: column {}: key \"\": a model column key or null", s(&c.header)));
            }
            if let Some(p) = &c.part
                && s(p) != "income"
                && s(p) != "expenditure"
            {
                return Err(format!("table {key}: column {}: part {:?}: income or expenditure", s(&c.header), s(p)));
            }
        }
        for i in t.identities.iter() {
            let code = s(&i.code);
            let sum = row_sum(s(&i.rows), s(&i.holds)).map_err(|e| format!("table {key}: identity {code}: {e}"))?;
            let code_ok = code.len() == 4 && code.starts_with('T') && code[1..].bytes().all(|b| b.is_ascii_digit());
            if !code_ok {
                return Err(format!("table {key}: identity code {code:?}: a T-rule code (T002 …)"));
            }
            // Every column an identity names is one the form declares for the table, in the same half: a typo
            // would otherwise switch the identity off without a word.
            for term in std::iter::once(&sum.total).chain(sum.parts.iter().map(|(_, p)| p)) {
                let half = term.part.map(|h| if h == Half::Income { "income" } else { "expenditure" });
                let declared = t.columns.iter().any(|c| {
                    c.key.as_ref().map(s) == Some(term.key) && (half.is_none() || c.part.as_ref().map(s) == half)
                });
                if !declared {
                    return Err(format!(
                        "table {key}: identity {code} names column {:?}, which the table does not declare",
                        term.key
                    ));
                }
            }
        }
    }
    Ok(())
}

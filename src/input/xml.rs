//! The XML parts of Office files, as a flat stream of events (`quick-xml` underneath): start and end tags by local
//! name (namespace prefixes dropped: `w:t` → `t`), attributes by local name, and text with entity and character
//! references resolved. A syntax error ends the stream; what was read before it is kept (`Events::error`).

use super::zip::{self, Archive};
use crate::report::Message;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::borrow::Cow;

#[derive(Debug)]
pub enum Ev {
    /// A start tag; `empty` for `<tag/>` (no `End` follows).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        empty: bool,
    },
    End {
        name: String,
    },
    Text(String),
}

impl Ev {
    /// The local name of a start tag.
    pub fn name(&self) -> Option<&str> {
        match self {
            Ev::Start { name, .. } => Some(name),
            _ => None,
        }
    }

    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Ev::Start { attrs, .. } => attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

pub struct Events<'a> {
    reader: Reader<&'a [u8]>,
    done: bool,
    /// The syntax error that ended the stream, if one did.
    pub error: Option<String>,
}

/// XML bytes as text: UTF-8 (a BOM dropped), or UTF-16 with a BOM; invalid sequences replaced.
pub fn text_of(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest);
    }
    let utf16 = |b: &[u8], le: bool| -> Cow<'_, str> {
        let units = b
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
        Cow::Owned(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect())
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    String::from_utf8_lossy(bytes)
}

/// A part of the archive as text: `Ok(None)` when there is no such part, `Err` when it cannot be decompressed.
pub fn part_text(archive: &Archive, path: &str) -> Result<Option<String>, Message> {
    match archive.read(path) {
        Ok(Some(bytes)) => Ok(Some(text_of(&bytes).into_owned())),
        Ok(None) => Ok(None),
        Err(e) => Err(zip::describe(&e)),
    }
}

/// One relationship of a part: its id, its kind (the last segment of its type: `worksheet`, `sharedStrings`,
/// `officeDocument`…) and its target as a part name in the archive.
#[derive(Clone, Debug)]
pub struct Rel {
    pub id: String,
    pub kind: String,
    pub target: String,
}

/// The relationships of a part (`dir/_rels/name.rels`; for the package, `_rels/.rels`), external ones left out.
pub fn relationships(archive: &Archive, part: &str) -> Vec<Rel> {
    let part = part.trim_start_matches('/');
    let (dir, file) = match part.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => ("", part),
    };
    let rels_path = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    let Ok(Some(x)) = part_text(archive, &rels_path) else { return Vec::new() };
    let mut out = Vec::new();
    for ev in events(&x) {
        if ev.name() != Some("Relationship")
            || ev.attr("TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external"))
        {
            continue;
        }
        let kind = ev.attr("Type").unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
        let target = resolve(dir, ev.attr("Target").unwrap_or(""));
        out.push(Rel { id: ev.attr("Id").unwrap_or("").to_string(), kind, target });
    }
    out
}

/// A relationship target relative to `dir` (or absolute, from a leading `/`) as a part name.
fn resolve(dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { dir.split('/').filter(|s| !s.is_empty()).collect() };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The package's main document (`officeDocument` relationship of `_rels/.rels`).
pub fn main_part(archive: &Archive) -> Option<String> {
    relationships(archive, "").into_iter().find(|r| r.kind == "officeDocument").map(|r| r.target)
}

pub fn events(xml: &str) -> Events<'_> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    Events { reader, done: false, error: None }
}

fn local(name: &[u8]) -> String {
    let n = match name.iter().rposition(|b| *b == b':') {
        Some(p) => name.get(p + 1..).unwrap_or(&[]),
        None => name,
    };
    String::from_utf8_lossy(n).into_owned()
}

fn attrs_of(e: &quick_xml::events::BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .take(256)
        .map(|a| {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(Cow::into_owned)
                .unwrap_or_else(|_| a.value.clone().into_owned());
            (local(a.key.as_ref().as_bytes()), v)
        })
        .collect()
}

fn entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

impl Iterator for Events<'_> {
    type Item = Ev;

    fn next(&mut self) -> Option<Ev> {
        while !self.done {
            let ev = match self.reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    self.error = Some(e.to_string());
                    self.done = true;
                    return None;
                }
            };
            return Some(match ev {
                Event::Start(e) => {
                    Ev::Start { name: local(e.name().as_ref().as_bytes()), attrs: attrs_of(&e), empty: false }
                }
                Event::Empty(e) => {
                    Ev::Start { name: local(e.name().as_ref().as_bytes()), attrs: attrs_of(&e), empty: true }
                }
                Event::End(e) => Ev::End { name: local(e.name().as_ref().as_bytes()) },
                Event::Text(t) => Ev::Text(t.xml10_content().into_owned()),
                Event::CData(t) => Ev::Text(t.xml10_content().into_owned()),
                Event::GeneralRef(r) => {
                    let s = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => entity(&r.xml10_content()).unwrap_or("").to_string(),
                        Err(_) => '\u{FFFD}'.to_string(),
                    };
                    Ev::Text(s)
                }
                Event::Eof => {
                    self.done = true;
                    return None;
                }
                _ => continue,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_text_and_references() {
        let evs: Vec<Ev> =
            events("<?xml version=\"1.0\"?><w:p a:x=\"1&amp;2\"><w:t>a&lt;b&#x4E00;</w:t><br/></w:p>").collect();
        let shown: Vec<String> = evs
            .iter()
            .map(|e| match e {
                Ev::Start { name, attrs, empty } => format!("<{name}{attrs:?}{}>", if *empty { "/" } else { "" }),
                Ev::End { name } => format!("</{name}>"),
                Ev::Text(t) => t.clone(),
            })
            .collect();
        assert_eq!(shown.concat(), "<p[(\"x\", \"1&2\")]><t[]>a<b一</t><br[]/></p>");
    }

    #[test]
    fn a_syntax_error_ends_the_stream() {
        let mut ev = events("<a><b>text</b><c x=\"1></a>");
        let n = ev.by_ref().count();
        assert!(n >= 3);
        assert!(ev.error.is_some());
    }
}

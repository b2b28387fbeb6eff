//! A small zip reader for Office files (.xlsx, .docx): the central directory, stored and deflated entries
//! (`miniz_oxide`), Zip64 sizes and offsets. Pure and panic-free; every entry's decompressed size and the total
//! read from one archive are capped (a zip bomb gives a clear error, not an exhausted memory).
//!
//! Not read: encrypted entries, compression methods other than stored and deflate (Office never writes them),
//! archives split over several files.

use crate::report::Message;
use std::cell::Cell;

/// Most bytes one entry may decompress to.
pub const MAX_ENTRY: usize = 128 << 20;
/// Most bytes all entries read from one archive may decompress to.
pub const MAX_TOTAL: usize = 384 << 20;
const MAX_ENTRIES: usize = 65_535;

/// Why an archive or entry cannot be read. Messages are written by the caller, who knows the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-central-directory record: not a zip, or cut short.
    NoDirectory,
    /// The directory or a local header points outside the file, or is malformed.
    Damaged(String),
    Encrypted(String),
    Method(String, u16),
    /// Decompresses to more than the caps.
    TooBig(String),
    /// The deflate stream is corrupt or cut short.
    Inflate(String),
}

/// What went wrong, for the user (the caller prefixes the file's name).
pub fn describe(e: &ZipError) -> Message {
    match e {
        ZipError::NoDirectory => Message::new(
            "压缩包不完整或已损坏（找不到文件目录，可能被截断）：请重新保存或下载完整的文件",
            "the zip container is incomplete or damaged (no central directory: the file may be cut short); save or \
             download the whole file again",
        ),
        ZipError::Damaged(part) => Message::new(
            format!("压缩包已损坏（{part}）：请重新保存或下载完整的文件"),
            format!("the zip container is damaged ({part}); save or download the whole file again"),
        ),
        ZipError::Encrypted(part) => Message::new(
            format!("文件已加密（{part}）：请去掉密码后另存"),
            format!("the file is encrypted ({part}); remove the password and save it again"),
        ),
        ZipError::Method(part, m) => Message::new(
            format!("{part} 使用了不支持的压缩方式 {m}"),
            format!("{part} uses compression method {m}, which is not supported"),
        ),
        ZipError::TooBig(part) => Message::new(
            format!(
                "{part} 解压后超过 {} MB（或全部内容超过 {} MB），不予读取（可能是压缩炸弹）",
                MAX_ENTRY >> 20,
                MAX_TOTAL >> 20
            ),
            format!(
                "{part} decompresses to more than {} MB (or everything to more than {} MB); not read (it may be a zip \
                 bomb)",
                MAX_ENTRY >> 20,
                MAX_TOTAL >> 20
            ),
        ),
        ZipError::Inflate(part) => Message::new(
            format!("{part} 的压缩数据已损坏或不完整：请重新保存或下载完整的文件"),
            format!("the compressed data of {part} is damaged or incomplete; save or download the whole file again"),
        ),
    }
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    compressed: u64,
    size: u64,
    local_offset: u64,
}

pub struct Archive<'a> {
    data: &'a [u8],
    pub entries: Vec<Entry>,
    read_total: Cell<usize>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// A part name as OOXML compares them: no leading slash, forward slashes, ASCII case ignored.
pub fn normalize(name: &str) -> String {
    name.trim_start_matches(['/', '\\']).replace('\\', "/").to_ascii_lowercase()
}

impl<'a> Archive<'a> {
    pub fn open(data: &'a [u8]) -> Result<Self, ZipError> {
        let damaged = |what: &str| ZipError::Damaged(what.to_string());
        // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end of the file.
        let from = data.len().saturating_sub(22 + 65_535);
        let eocd = (from..=data.len().saturating_sub(22))
            .rev()
            .find(|&i| data.get(i..i + 4) == Some(b"PK\x05\x06"))
            .ok_or(ZipError::NoDirectory)?;
        let mut count = u64::from(u16_at(data, eocd + 10).ok_or_else(|| damaged("directory"))?);
        let mut cd_size = u64::from(u32_at(data, eocd + 12).ok_or_else(|| damaged("directory"))?);
        let mut cd_offset = u64::from(u32_at(data, eocd + 16).ok_or_else(|| damaged("directory"))?);
        // Zip64: a locator just before the record points to the Zip64 end of central directory.
        if (count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF) && eocd >= 20 {
            let loc = eocd - 20;
            if data.get(loc..loc + 4) == Some(b"PK\x06\x07") {
                let at = u64_at(data, loc + 8).and_then(|v| usize::try_from(v).ok()).ok_or_else(|| damaged("zip64"))?;
                if data.get(at..at.saturating_add(4)) != Some(b"PK\x06\x06") {
                    return Err(damaged("zip64 directory"));
                }
                count = u64_at(data, at + 32).ok_or_else(|| damaged("zip64 directory"))?;
                cd_size = u64_at(data, at + 40).ok_or_else(|| damaged("zip64 directory"))?;
                cd_offset = u64_at(data, at + 48).ok_or_else(|| damaged("zip64 directory"))?;
            }
        }
        let start = usize::try_from(cd_offset).map_err(|_| damaged("directory offset"))?;
        let end = start.checked_add(usize::try_from(cd_size).map_err(|_| damaged("directory size"))?);
        let cd = end.and_then(|e| data.get(start..e)).ok_or_else(|| damaged("directory outside the file"))?;
        let mut entries = Vec::new();
        let mut p = 0usize;
        while entries.len() < MAX_ENTRIES && (entries.len() as u64) < count {
            if cd.get(p..p + 4) != Some(b"PK\x01\x02") {
                break;
            }
            let field = |off: usize| u16_at(cd, p + off).ok_or_else(|| damaged("directory entry"));
            let flags = field(8)?;
            let method = field(10)?;
            let mut compressed = u64::from(u32_at(cd, p + 20).ok_or_else(|| damaged("directory entry"))?);
            let mut size = u64::from(u32_at(cd, p + 24).ok_or_else(|| damaged("directory entry"))?);
            let name_len = usize::from(field(28)?);
            let extra_len = usize::from(field(30)?);
            let comment_len = usize::from(field(32)?);
            let mut local_offset = u64::from(u32_at(cd, p + 42).ok_or_else(|| damaged("directory entry"))?);
            let name_at = p + 46;
            let name_bytes = cd.get(name_at..name_at + name_len).ok_or_else(|| damaged("directory entry"))?;
            let extra = cd.get(name_at + name_len..name_at + name_len + extra_len).unwrap_or(&[]);
            // Zip64 extended information: the 0xFFFFFFFF fields, in order.
            let mut e = 0usize;
            while e + 4 <= extra.len() {
                let id = u16_at(extra, e).unwrap_or(0);
                let len = usize::from(u16_at(extra, e + 2).unwrap_or(0));
                if id == 0x0001 {
                    let mut q = e + 4;
                    for v in [&mut size, &mut compressed, &mut local_offset] {
                        if *v == 0xFFFF_FFFF {
                            if let Some(x) = u64_at(extra, q) {
                                *v = x;
                            }
                            q += 8;
                        }
                    }
                }
                e += 4 + len;
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name_bytes).into_owned(),
                method,
                flags,
                compressed,
                size,
                local_offset,
            });
            p = name_at + name_len + extra_len + comment_len;
        }
        if entries.is_empty() && count > 0 {
            return Err(damaged("directory"));
        }
        Ok(Archive { data, entries, read_total: Cell::new(0) })
    }

    /// The entry with this part name (OOXML: case-insensitive, with or without a leading slash).
    pub fn find(&self, name: &str) -> Option<&Entry> {
        let want = normalize(name);
        self.entries.iter().find(|e| normalize(&e.name) == want)
    }

    pub fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// An entry's bytes, decompressed; `Ok(None)` when there is no such entry.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>, ZipError> {
        match self.find(name) {
            Some(e) => self.read_entry(e).map(Some),
            None => Ok(None),
        }
    }

    fn read_entry(&self, e: &Entry) -> Result<Vec<u8>, ZipError> {
        let damaged = || ZipError::Damaged(e.name.clone());
        if e.flags & 1 != 0 {
            return Err(ZipError::Encrypted(e.name.clone()));
        }
        let at = usize::try_from(e.local_offset).map_err(|_| damaged())?;
        if self.data.get(at..at.saturating_add(4)) != Some(b"PK\x03\x04") {
            return Err(damaged());
        }
        let name_len = usize::from(u16_at(self.data, at + 26).ok_or_else(damaged)?);
        let extra_len = usize::from(u16_at(self.data, at + 28).ok_or_else(damaged)?);
        let start = at + 30 + name_len + extra_len;
        let len = usize::try_from(e.compressed).map_err(|_| damaged())?;
        let body = start.checked_add(len).and_then(|end| self.data.get(start..end)).ok_or_else(damaged)?;
        let budget = MAX_TOTAL.saturating_sub(self.read_total.get()).min(MAX_ENTRY);
        if usize::try_from(e.size).map_or(true, |s| s > budget) {
            return Err(ZipError::TooBig(e.name.clone()));
        }
        let out = match e.method {
            0 => body.to_vec(),
            8 => match miniz_oxide::inflate::decompress_to_vec_with_limit(body, budget) {
                Ok(v) => v,
                Err(err) if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    return Err(ZipError::TooBig(e.name.clone()));
                }
                Err(_) => return Err(ZipError::Inflate(e.name.clone())),
            },
            m => return Err(ZipError::Method(e.name.clone(), m)),
        };
        self.read_total.set(self.read_total.get() + out.len());
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored (uncompressed) zip of the given entries (CRC left zero: this reader does not check it).
    pub(crate) fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (name, data) in entries {
            let offset = out.len() as u32;
            let n = name.len() as u16;
            let size = data.len() as u32;
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
            out.extend_from_slice(&n.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            cd.extend_from_slice(b"PK\x01\x02");
            cd.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            cd.extend_from_slice(&size.to_le_bytes());
            cd.extend_from_slice(&size.to_le_bytes());
            cd.extend_from_slice(&n.to_le_bytes());
            cd.extend_from_slice(&[0; 12]);
            cd.extend_from_slice(&offset.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn reads_stored_entries_and_refuses_damage() {
        let z = stored_zip(&[("word/document.xml", b"<w:document/>"), ("[Content_Types].xml", b"x")]);
        let a = Archive::open(&z).unwrap();
        assert_eq!(a.read("/Word/Document.xml").unwrap().unwrap(), b"<w:document/>");
        assert_eq!(a.read("nope").unwrap(), None);
        assert_eq!(Archive::open(&z[..z.len() - 30]).err(), Some(ZipError::NoDirectory));
        assert!(Archive::open(b"PK\x03\x04 not much").is_err());
        for cut in 0..z.len() {
            if let Ok(a) = Archive::open(&z[cut..]) {
                let _ = a.read("word/document.xml");
            }
        }
    }

    #[test]
    fn a_deflate_bomb_is_refused() {
        let zeros = vec![0u8; MAX_ENTRY + 1];
        let deflated = miniz_oxide::deflate::compress_to_vec(&zeros, 6);
        let mut z = stored_zip(&[("xl/worksheets/sheet1.xml", &deflated)]);
        // Method 8 (deflate) in the local header and the directory entry; the directory says a small size.
        z[8] = 8;
        let cd = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        z[cd + 10] = 8;
        let a = Archive::open(&z).unwrap();
        assert_eq!(a.read("xl/worksheets/sheet1.xml"), Err(ZipError::TooBig("xl/worksheets/sheet1.xml".into())));
    }
}

// Tiny .xlsx / .docx writers for the end-to-end tests: our own sample (www/sample) turned into a workbook of its
// tables (one sheet per table) and a Word document of the rest, as a department might publish them. Only what the
// readers need: a zip (deflate, node's zlib) of the minimal Office Open XML parts; cells as inline strings, so the
// printed figures stay as printed.
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of [name, string | Buffer] entries, deflated. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const fname = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, fname, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fname);
    offset += local.length + fname.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function col(k) {
  let s = '';
  for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** sheets: [{name, rows: string[][]}] → .xlsx bytes. */
export function xlsx(sheets) {
  const sheetXml = (rows) => XML +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows.map((r, i) => `<row r="${i + 1}">` + r.map((v, k) => (v === '' ? '' :
      `<c r="${col(k)}${i + 1}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`)).join('') + '</row>').join('') +
    '</sheetData></worksheet>';
  return zip([
    ['[Content_Types].xml', XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '</Types>'],
    ['_rels/.rels', XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', XML + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets>` +
      sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      '</Relationships>'],
    ...sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows)]),
  ]);
}

/** blocks: [string | string[][]] (a paragraph, or a table's rows) → .docx bytes. */
export function docx(blocks) {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const p = (t) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
  const body = blocks.map((b) => (typeof b === 'string' ? p(b) :
    '<w:tbl>' + b.map((r) => '<w:tr>' + r.map((c) => `<w:tc>${p(c)}</w:tc>`).join('') + '</w:tr>').join('') + '</w:tbl>')).join('');
  return zip([
    ['[Content_Types].xml', XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>'],
    ['_rels/.rels', XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`],
    ['word/document.xml', XML + `<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`],
  ]);
}

/**
 * Splits a document in the text reader's format into its tables (title, the lines under it, rows split on tabs)
 * and the rest (paragraphs; runs of tab-separated lines kept as tables), between the part 「第二部分」 and the
 * narrative's 「第三部分」 (the last of each: the first ones are the table of contents).
 */
export function splitDocument(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const last = (re) => lines.reduce((k, l, i) => (re.test(l) ? i : k), -1);
  const p2 = last(/^第二部分/);
  const p3 = last(/^第三部分/);
  if (p2 < 0 || p3 < p2) throw new Error('no 第二部分 / 第三部分');
  const isTitle = (i) => {
    const l = lines[i].trim();
    if (!l || l.includes('\t') || /^公开/.test(l) || !/表$/.test(l)) return false;
    for (let j = i + 1; j < Math.min(lines.length, i + 10); j++) if (lines[j].includes('\t')) return true;
    return false;
  };
  const tables = [];
  for (let i = p2 + 1; i < p3; i++) {
    if (isTitle(i)) tables.push({ title: lines[i].trim(), rows: [] });
    if (!tables.length || !lines[i].trim()) continue;
    tables[tables.length - 1].rows.push(lines[i].split('\t').map((c) => c.trim()));
  }
  const blocks = [];
  for (const i of [...lines.keys()].filter((i) => i <= p2 || i >= p3)) {
    const l = lines[i];
    if (!l.trim()) continue;
    if (l.includes('\t')) {
      const prev = blocks[blocks.length - 1];
      const row = l.split('\t').map((c) => c.trim());
      if (Array.isArray(prev) && lines[i - 1] && lines[i - 1].includes('\t')) prev.push(row);
      else blocks.push([row]);
    } else blocks.push(l.trim());
  }
  return { tables, blocks };
}

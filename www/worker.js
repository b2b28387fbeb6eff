// fiscal-lint worker logic. This text is appended to a wasm-bindgen glue built with --target no-modules (a global
// `wasm_bindgen`) and run as one classic worker from a Blob URL (module workers from blob: URLs do not start on
// file://). The page runs it twice at most, with the same logic and the same messages: once over the core module
// (pkg/fiscal_lint_classic.js: text, pasted tables — loaded at first), and, only when a PDF/xlsx/docx arrives, over
// the formats module (pkg/fiscal_lint_formats_classic.js: every reader).
// It reads and checks, then sends the page a render plan in small messages (so the page never has to parse or lay
// out a huge document in one go).
//
// page → worker: {type:'init', module: WebAssembly.Module, warm} (or {type:'init', wasm: ArrayBuffer | base64 string})
//                {type:'check', id, name, text}
//                {type:'files', id, names:[…], contents:[Uint8Array…]}   several files are one document
//                {type:'html', req, html}                                  clipboard text/html → text (htmlToText)
// worker → page: {type:'ready', version, rules, formats, html, plainText, forms:[{id, name{zh,en}}]}
//                | {type:'init-error', message}
//                {type:'needs-formats', id}                 files that only the formats module reads (this one
//                                                           has not got them): send them to that module's worker
//                {type:'as-text', id, name, text}           one file that the CLI checks as text: its text (the
//                                                           page puts it in the box); checked as text, as pasted
//                {type:'start', id, report, issues, ms, text}   report = the JSON report made light:
//                                                                findings carry `keys` ("line:cell" of every cell),
//                                                                their first 3 cells and `nCells`; tables only
//                                                                id/title/kind/origin/name; outcome, notice and
//                                                                document.form as in the report. text: what the offsets point
//                                                                into, when it is not the text given (files, text
//                                                                rebuilt)
//                {type:'export', id, req, what:'json'|'csv'}  →  {type:'export', id, req, data}   (data null if stale)
//                {type:'html', req, text}                        text null: no htmlToText in this module, or no table
//                {type:'items', id, items:[…]}                   tables and narrative blocks, in reading order
//                {type:'done', id, stats}
//                {type:'error', id, message, fatal}              fatal: the module trapped; start a new worker

/* global wasm_bindgen */
const { initSync, checkAndRead, checkFiles, needsFormats, needsFormatsForText, hasFormats, ruleInfos, version } =
  wasm_bindgen;
// The forms (表样) the core knows, named in the page's hint when a document follows none of them.
const formInfos = typeof wasm_bindgen.formInfos === 'function' ? wasm_bindgen.formInfos : null;
function formNames() {
  if (!formInfos) return [];
  try {
    return JSON.parse(formInfos()).map((f) => ({ id: f.id, name: f.name }));
  } catch (_) {
    return [];
  }
}
// Not in every build yet (used only when present): clipboard HTML → tab-separated text; and the text of a file the
// CLI checks as text (its format, from content and name, is plain text), decoded as the CLI decodes it.
const htmlToText = typeof wasm_bindgen.htmlToText === 'function' ? wasm_bindgen.htmlToText : null;
const plainText = typeof wasm_bindgen.plainText === 'function' ? wasm_bindgen.plainText : null;

const CELL_BUDGET = 2500; // cells per 'items' message
const { checkText } = wasm_bindgen;
const WARM_UP = [
  '支出决算表', '单位：万元',
  '项目\t\t本年支出合计\t基本支出\t项目支出', '科目编码\t科目名称\t\t\t', '栏次\t\t1\t2\t3',
  '合计\t\t3.00\t1.00\t2.00', '201\t一般公共服务支出\t3.00\t1.00\t2.00',
  '20103\t政府办公厅（室）及相关机构事务\t3.00\t1.00\t2.00', '2010350\t事业运行\t3.00\t1.00\t2.00', '',
  '三、支出决算情况说明', '2023 年度支出合计 3.00 万元，其中：基本支出 1.00 万元，占 33.33%；项目支出 2.00 万元，占 66.67%。',
].join('\n');

function b64ToBytes(b64) {
  const bin = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function splitLines(text) {
  // Lines as the reader counts them: 1-based, '\n' separated, a trailing '\r' dropped.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.length && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  return lines;
}

// A table as a grid of the lines it was read from: each line split on tabs, so a cell's place is (line, field).
// Falls back to the model's own rows when the text does not match what the reader recorded.
function tablePlan(t, lines, nextStart) {
  const rowLines = new Map();
  let first = Infinity;
  let last = 0;
  let page = (t.source && t.source.page) || null; // the page of the table's first row (PDF)
  for (const r of t.rows) {
    const l = r.source && r.source.line;
    if (!l) continue;
    rowLines.set(l, r);
    if (l < first && r.source.page) page = r.source.page;
    first = Math.min(first, l);
    last = Math.max(last, l);
  }
  const start = (t.source && t.source.line) || (first === Infinity ? 1 : first);
  // Header lines: the first run of tab-separated lines after the start (also covers tables with no rows).
  let i = start;
  const limit = Math.min(nextStart - 1, lines.length);
  while (i <= limit && lines[i - 1].indexOf('\t') < 0 && i - start < 8) i++;
  while (i <= limit && lines[i - 1].indexOf('\t') >= 0) i++;
  const end = Math.min(Math.max(last, i - 1), limit);

  // Does the text agree with the model (cell text at line/field)?
  let grid = true;
  outer: for (const r of t.rows) {
    for (const c of r.cells) {
      if (!c) continue;
      const line = lines[c.source.line - 1];
      if (line === undefined) { grid = false; break outer; }
      const f = line.split('\t')[c.source.cell - 1];
      if (f === undefined || f.trim() !== c.text) { grid = false; break outer; }
    }
  }

  const meta = [];
  const metaAfter = [];
  const rows = [];
  if (grid) {
    const firstRow = first === Infinity ? Infinity : first;
    for (let l = start; l <= end; l++) {
      const s = lines[l - 1];
      if (s === undefined) break;
      if (s.indexOf('\t') < 0) {
        const tr = s.trim();
        if (tr && tr !== t.title) (rows.length ? metaAfter : meta).push({ line: l, text: tr });
        continue;
      }
      const r = rowLines.get(l);
      const cells = s.split('\t').map((x) => x.trim());
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      if (!cells.length) continue;
      const head = !r && (l < firstRow || /栏\s*次|科目名称|项\s*目/.test(s));
      rows.push({ line: l, head, rec: !!r, code: r ? r.code || null : null, cells });
    }
  } else {
    if (t.header) for (const h of t.header) rows.push({ line: 0, head: true, rec: false, code: null, cells: h.slice() });
    for (const r of t.rows) {
      const cells = [r.code && r.code !== r.label ? r.code : '', r.label];
      const keys = [null, null];
      for (const c of r.cells) {
        cells.push(c ? c.text : '');
        keys.push(c ? c.source.line + ':' + c.source.cell : null);
      }
      rows.push({ line: r.source ? r.source.line : 0, head: false, rec: true, code: r.code || null, cells, keys });
    }
  }
  return {
    kind: 'table', id: t.id, tkind: t.kind, title: t.title, unit: t.unit || null,
    empty: t.empty_statement || null, subject: t.subject || null, origin: t.origin || null, page,
    line: start, end: grid ? end : start, grid, meta, metaAfter, rows,
    columns: t.columns.map((c) => c.label),
  };
}

function plan(doc, text) {
  const lines = splitLines(text);
  const tables = doc.tables.slice().sort((a, b) => a.source.line - b.source.line);
  const items = [];
  const ranges = [];
  for (let k = 0; k < tables.length; k++) {
    const next = k + 1 < tables.length ? tables[k + 1].source.line : lines.length + 1;
    const p = tablePlan(tables[k], lines, next);
    items.push(p);
    if (p.grid) ranges.push([p.line, p.end]);
  }
  // Narrative blocks outside the tables' line ranges.
  let ri = 0;
  for (const b of doc.narrative) {
    while (ri < ranges.length && ranges[ri][1] < b.line) ri++;
    if (ri < ranges.length && ranges[ri][0] <= b.line && b.line <= ranges[ri][1]) continue;
    items.push({ kind: 'text', line: b.line, start: b.start, end: b.end, text: b.text });
  }
  items.sort((a, b) => a.line - b.line);
  return items;
}

let ready = false;
let last = null; // the last result: { id, reportJson, report }

function csvField(v) {
  let s = v === null || v === undefined ? '' : String(v);
  // Keep spreadsheet programs from running a text as a formula (numbers like -0.30 stay numbers).
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d[\d,]*(\.\d+)?%?$/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
function findingsCsv(report) {
  // file, sheet, page: where the cell's table came from (files), and the cell's page (PDF).
  const head = ['severity', 'rule', 'verdict', 'message_zh', 'message_en', 'table', 'table_kind', 'row', 'row_label',
    'column', 'value', 'line', 'cell', 'text_start', 'text_end', 'excerpt', 'expected', 'actual', 'difference', 'tolerance',
    'file', 'sheet', 'page'];
  const out = [head.join(',')];
  const origins = new Map(report.document.tables.map((t) => [t.id, t.origin || null]));
  for (const f of report.findings) {
    const cells = f.cells && f.cells.length ? f.cells : [null];
    for (const c of cells) {
      const o = c ? origins.get(c.table) : null;
      out.push([
        f.severity, f.rule, f.verdict, f.message.zh, f.message.en,
        c && c.table, c && c.table_kind, c && c.row, c && c.row_label, c && c.column, c && c.value,
        c ? c.source.line : f.text ? '' : '', c ? c.source.cell : '',
        f.text && f.text.start, f.text && f.text.end, f.text && f.text.excerpt,
        f.expected, f.actual, f.difference, f.tolerance,
        o && o.file, o && o.sheet, c && c.source.page,
      ].map(csvField).join(','));
    }
  }
  return '\ufeff' + out.join('\r\n') + '\r\n';
}

function lightReport(r) {
  return {
    tool: r.tool, input: r.input, summary: r.summary,
    // The check as a whole (errors | no_errors | nothing_checked | unreadable) and, when nothing was checked, why.
    outcome: r.outcome || null, notice: r.notice || null,
    document: {
      kind: r.document.kind, year: r.document.year, organization: r.document.organization, unit: r.document.unit,
      tables: r.document.tables.map((t) => ({
        id: t.id, title: t.title, kind: t.kind, origin: t.origin || null, name: t.name || null,
      })),
      // The form the document follows and each of its tables' status (small: a dozen tables at most).
      form: r.document.form || null,
    },
    findings: r.findings.map((f) => ({
      rule: f.rule, severity: f.severity, verdict: f.verdict, message: f.message, expected: f.expected,
      actual: f.actual, difference: f.difference, tolerance: f.tolerance, text: f.text,
      keys: f.cells.map((c) => c.source.line + ':' + c.source.cell), cells: f.cells.slice(0, 3), nCells: f.cells.length,
    })),
  };
}


// Reads and checks (`run` returns {report, document, text}), then sends the result and the render plan.
function checkAndSend(id, given, run) {
  const t0 = performance.now();
  let out;
  try {
    out = run();
  } catch (err) {
    // A JsError from the core has a message; a trap (RuntimeError: unreachable) means the module must be replaced.
    const fatal = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ type: 'error', id, message: String((err && err.message) || err), fatal });
    return;
  }
  const ms = performance.now() - t0;
  const reportJson = out.report;
  const report = JSON.parse(reportJson);
  const doc = JSON.parse(out.document);
  const text = typeof out.text === 'string' ? out.text : given;
  last = { id, reportJson, report };
  self.postMessage({
    type: 'start', id, report: lightReport(report), issues: doc.issues, ms,
    text: text === given ? null : text,
  });
  const items = plan(doc, text);
  let batch = [];
  let cells = 0;
  let tableCells = 0;
  for (const it of items) {
    const n = it.kind === 'table' ? it.rows.reduce((s, r) => s + r.cells.length, 0) + 10 : 10;
    if (it.kind === 'table') tableCells += n;
    if (batch.length && cells + n > CELL_BUDGET) {
      self.postMessage({ type: 'items', id, items: batch });
      batch = [];
      cells = 0;
    }
    batch.push(it);
    cells += n;
  }
  if (batch.length) self.postMessage({ type: 'items', id, items: batch });
  self.postMessage({
    type: 'done', id,
    stats: { checkMs: ms, totalMs: performance.now() - t0, items: items.length, tableCells },
  });
}

self.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'init') {
    try {
      // A compiled WebAssembly.Module from the page, or bytes (ArrayBuffer / base64 text).
      const mod = m.module || (typeof m.wasm === 'string' ? b64ToBytes(m.wasm) : m.wasm);
      initSync({ module: mod });
      ready = true;
      self.postMessage({
        type: 'ready', version: version(), rules: JSON.parse(ruleInfos()), formats: hasFormats(), html: !!htmlToText,
        plainText: !!plainText, forms: formNames(),
      });
      // Warm up: the first run of each wasm function is compiled on demand; a small check now makes the user's
      // first check as fast as the later ones. (A check already waiting runs right after.) Not for the formats
      // module: it starts because a file is waiting, and that check compiles the same functions.
      if (m.warm !== false) {
        try { checkText('warm-up', WARM_UP); } catch (_) { /* nothing to report */ }
      }
    } catch (err) {
      self.postMessage({ type: 'init-error', message: String((err && err.message) || err) });
    }
    return;
  }
  if (m.type === 'export') {
    let data = null;
    if (last && last.id === m.id) data = m.what === 'csv' ? findingsCsv(last.report) : last.reportJson;
    self.postMessage({ type: 'export', id: m.id, req: m.req, data });
    return;
  }
  if (m.type === 'html') {
    let text = null;
    if (ready && htmlToText) {
      try { text = htmlToText(m.html); } catch (_) { text = null; }
    }
    self.postMessage({ type: 'html', req: m.req, text: typeof text === 'string' && text.trim() ? text : null });
    return;
  }
  if (m.type !== 'check' && m.type !== 'files') return;
  const id = m.id;
  if (!ready) {
    self.postMessage({ type: 'error', id, message: 'not initialised', fatal: true });
    return;
  }
  // Text laid out with spaces (pdftotext -layout) is rebuilt by the PDF reader's table builder, which only the
  // formats module has: the core module hands such a paste over, as it does PDF files.
  const handOverText = (text) => {
    if (hasFormats() || !needsFormatsForText(text)) return false;
    self.postMessage({ type: 'needs-formats', id });
    return true;
  };
  if (m.type === 'check') {
    if (handOverText(m.text)) return;
    checkAndSend(id, m.text, () => checkAndRead(m.name, m.text));
    return;
  }
  // Files: the core module hands PDF/xlsx/docx over to the formats module (the page starts its worker).
  if (!hasFormats() && m.contents.some((b) => b.length && needsFormats(b))) {
    self.postMessage({ type: 'needs-formats', id });
    return;
  }
  // One file that the CLI checks as text (`fiscal-lint check FILE`: decoded, then read as pasted): the same here,
  // and its text goes into the page's box. An empty file goes to checkFiles, whose message names it.
  if (plainText && m.contents.length === 1 && m.contents[0].length) {
    let text = null;
    try { text = plainText(m.names[0], m.contents[0]); } catch (_) { text = null; }
    if (typeof text === 'string') {
      self.postMessage({ type: 'as-text', id, name: m.names[0], text });
      checkAndSend(id, text, () => checkAndRead(m.names[0], text));
      return;
    }
  }
  checkAndSend(id, null, () => checkFiles(m.names, m.contents));
};

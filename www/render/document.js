// fiscal-lint page · render/document: the document as read — each table as a grid of the lines it was read from
// and the narrative as paragraphs, cells and figures with findings marked (a colour and a mark), drawn from the
// worker's render plan in slices; what the reader could not read; the rebuilt text of files.
import { i18n, T } from '../i18n.js';
import { els, h, nextTask } from '../dom.js';
import { state } from '../state.js';
import { MARK, SLICE_MS, HEAD_PART, HEAD_SECTION, HEAD_SUB, worstOf, originText, readFormat } from './common.js';
import { hideTip } from './tip.js';
import { renderCoverage, fillTableStatus } from './form-panel.js';

const MAX_TABLE_CELLS = 60000;
const MAX_TEXT_BLOCKS = 10000;

function indexFindings(c) {
  const byCell = new Map();
  const primary = new Set(); // cells a finding is about first (the total, the claim's figure), not its parts
  const spans = [];
  c.report.findings.forEach((f, i) => {
    f.keys.forEach((k, j) => {
      if (!byCell.has(k)) byCell.set(k, []);
      byCell.get(k).push(i);
      if (j === 0) primary.add(k);
    });
    if (f.text) spans.push({ s: f.text.start, e: f.text.end, i });
  });
  spans.sort((a, b) => a.s - b.s || a.e - b.e);
  c.byCell = byCell;
  c.primary = primary;
  c.spans = spans;
  c.maxSpan = spans.reduce((m, x) => Math.max(m, x.e - x.s), 0);
}

function resetResults(c) {
  els.results.hidden = false;
  document.documentElement.setAttribute('data-fl-state', 'rendering');
  els.doc.replaceChildren();
  els.list.replaceChildren();
  els.docNote.hidden = true;
  els.summary.textContent = '';
  document.documentElement.setAttribute('data-fl-outcome', c.report.outcome || '');
  renderCoverage();
  hideTip();
  // The text the report's lines and offsets point into, when it is not the text in the box (a file's rebuilt
  // text): shown on request, never put into the box (the user's own text there stays as it is).
  els.readText.open = false;
  els.readTextPre.textContent = '';
  els.readText.hidden = typeof c.readText !== 'string';
  if (!els.readText.hidden) els.readTextLabel.textContent = T().readTextLabel(readFormat(c));
  // What the reader could not read.
  els.issues.replaceChildren();
  els.issues.hidden = !c.issues.length;
  if (c.issues.length) {
    els.issues.appendChild(h('h4', { 'data-i18n': 'issuesHeading', text: T().issuesHeading }));
    const ul = h('ul');
    for (const is of c.issues.slice(0, 500)) {
      ul.appendChild(h('li', null, h('span', { class: 'where', text: T().line(is.source.line) }), ' ',
        i18n.lang === 'zh' ? is.message_zh : is.message_en, ' ', h('code', { text: is.excerpt })));
    }
    els.issues.appendChild(ul);
  }
}

function markCell(c, td, key) {
  const idxs = c.byCell.get(key);
  if (!idxs) return;
  const sev = worstOf(idxs, c.report.findings);
  td.setAttribute('data-severity', sev);
  td.setAttribute('data-role', c.primary.has(key) ? 'primary' : 'part');
  td.setAttribute('data-findings', idxs.join(','));
  td.tabIndex = 0;
  td.insertBefore(h('span', { class: 'sev-mark', 'aria-hidden': 'true', text: MARK[sev] }), td.firstChild);
  td.appendChild(h('span', { class: 'visually-hidden', text: ' (' + T().sev[sev] + ')' }));
  c.cellEls.set(key, td);
}

async function renderItems(c, items) {
  let t0 = performance.now();
  let frag = document.createDocumentFragment();
  for (const it of items) {
    if (it.kind === 'table') {
      if (c.tableCells >= MAX_TABLE_CELLS) { c.capped = true; continue; }
      frag.appendChild(renderTable(c, it));
    } else {
      c.blocks.push(it);
      if (c.textBlocks >= MAX_TEXT_BLOCKS || c.capped) { c.capped = true; continue; }
      frag.appendChild(renderBlock(c, it));
      c.textBlocks++;
    }
    if (performance.now() - t0 > SLICE_MS) {
      els.doc.appendChild(frag);
      frag = document.createDocumentFragment();
      await nextTask();
      if (c !== state.current || c.id !== state.runId) return;
      t0 = performance.now();
    }
  }
  els.doc.appendChild(frag);
  if (c.capped) {
    els.docNote.hidden = false;
    els.docNote.textContent = T().capped(MAX_TABLE_CELLS);
  }
}

function renderTable(c, t) {
  c.tableTitles.set(t.id, t.title);
  const wrap = h('section', { class: 'table-wrap', id: 'fl-' + t.id, 'data-table': t.id, 'data-kind': t.tkind });
  const status = h('span', { class: 'table-status', 'data-table': t.id });
  fillTableStatus(c, status);
  wrap.appendChild(h('h4', { class: 'table-title', tabindex: '-1', text: t.title || t.tkind }, ' ',
    h('span', { class: 'table-id', text: t.id.toUpperCase() }), status.hasAttribute('data-status') ? ' ' : null,
    status.hasAttribute('data-status') ? status : null));
  if (t.origin || t.page) {
    // Where the table came from: file · sheet · page of its first row (re-worded when the language changes).
    const o = { file: t.origin && t.origin.file, sheet: t.origin && t.origin.sheet, page: t.page };
    wrap.appendChild(h('p', { class: 'table-origin', 'data-origin': JSON.stringify(o), text: originText(o) }));
  }
  for (const m of t.meta) wrap.appendChild(h('p', { class: 'table-meta', 'data-line': m.line, text: m.text }));
  if (!t.grid && t.unit) wrap.appendChild(h('p', { class: 'table-meta', text: T().unit + '：' + t.unit }));
  const scroll = h('div', { class: 'table-scroll' });
  const table = h('table', { class: 'doc-table' });
  const thead = h('thead');
  const tbody = h('tbody');
  for (const r of t.rows) {
    const tr = h('tr', { 'data-line': r.line || null, 'data-code': r.code, class: r.rec ? 'rec' : (r.head ? null : 'unrec') });
    for (let i = 0; i < r.cells.length; i++) {
      const cell = h(r.head ? 'th' : 'td', { text: r.cells[i] });
      const key = r.keys ? r.keys[i] : r.line + ':' + (i + 1);
      if (!r.head && key) {
        if (r.keys || r.line) cell.setAttribute('data-cell', key);
        markCell(c, cell, key);
      }
      tr.appendChild(cell);
    }
    c.tableCells += r.cells.length;
    if (r.line && !r.head) c.rowEls.set(r.line, tr);
    (r.head ? thead : tbody).appendChild(tr);
  }
  table.appendChild(thead);
  table.appendChild(tbody);
  scroll.appendChild(table);
  wrap.appendChild(scroll);
  if (t.empty && !t.metaAfter.some((m) => m.text === t.empty)) wrap.appendChild(h('p', { class: 'table-empty', text: t.empty }));
  for (const m of t.metaAfter) wrap.appendChild(h('p', { class: 'table-meta', 'data-line': m.line, text: m.text }));
  return wrap;
}

function renderBlock(c, b) {
  const text = b.text;
  let cls = 'para';
  // A table of contents (目录): its entries look like headings; it ends where its first entry comes again.
  const bare = text.replace(/[\s\u3000]/g, '');
  if (c.toc === undefined && bare === '目录') c.toc = { first: null };
  else if (c.toc && !c.toc.done) {
    if (c.toc.first === null) c.toc.first = bare;
    else if (bare === c.toc.first) c.toc.done = true;
    if (!c.toc.done) cls = 'para toc';
  }
  if (cls === 'para toc') { /* keep */ }
  else if (HEAD_PART.test(text)) cls = 'para head-part';
  else if (HEAD_SECTION.test(text) && text.length < 40) cls = 'para head-section';
  else if (HEAD_SUB.test(text) && text.length < 40) cls = 'para head-sub';
  const p = h('p', { class: cls, 'data-line': b.line, 'data-start': b.start });
  // Findings' spans overlapping this block (offsets are Unicode code points).
  const over = [];
  const spans = c.spans;
  // spans are sorted by start; a binary search finds the first that may overlap.
  const firstWith = (pos) => {
    let lo = 0, hi = spans.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid].s < pos) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const endK = firstWith(b.end);
  for (let k = firstWith(b.start - c.maxSpan); k < endK; k++) if (spans[k].e > b.start) over.push(spans[k]);
  if (!over.length) {
    p.textContent = text;
    return p;
  }
  const chars = Array.from(text);
  const n = chars.length;
  // Elementary segments between all span boundaries.
  const cuts = new Set([0, n]);
  for (const s of over) {
    cuts.add(Math.max(0, Math.min(n, s.s - b.start)));
    cuts.add(Math.max(0, Math.min(n, s.e - b.start)));
  }
  const pts = Array.from(cuts).sort((x, y) => x - y);
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k], z = pts[k + 1];
    if (a === z) continue;
    const seg = chars.slice(a, z).join('');
    const idxs = over.filter((s) => s.s - b.start <= a && s.e - b.start >= z).map((s) => s.i);
    if (!idxs.length) { p.appendChild(document.createTextNode(seg)); continue; }
    const sev = worstOf(idxs, c.report.findings);
    const mk = h('mark', { class: 'claim', 'data-severity': sev, 'data-findings': idxs.join(','), tabindex: '0' });
    const first = !over.some((s) => s.s - b.start < a && s.e - b.start >= z && idxs.includes(s.i));
    if (first) mk.appendChild(h('span', { class: 'sev-mark', 'aria-hidden': 'true', text: MARK[sev] }));
    mk.appendChild(document.createTextNode(seg));
    p.appendChild(mk);
    for (const i of idxs) {
      if (!c.spanEls.has(i)) c.spanEls.set(i, []);
      c.spanEls.get(i).push(mk);
    }
  }
  return p;
}

// Findings whose cell was not drawn at (line, field) — mark the row of that line instead.
function resolveLooseFindings(c) {
  c.report.findings.forEach((f, i) => {
    for (const k of f.keys) {
      if (c.cellEls.has(k)) continue;
      const tr = c.rowEls.get(Number(k.split(':')[0]));
      if (!tr) continue;
      const first = tr.firstElementChild;
      if (first && !first.hasAttribute('data-severity')) {
        c.byCell.set(k, [i]);
        markCell(c, first, k);
      }
    }
  });
}

// The rebuilt text of a file, shown when asked for (it can be long).
function bindDocument() {
  els.readText.addEventListener('toggle', () => {
    const c = state.current;
    if (els.readText.open && c && typeof c.readText === 'string' && !els.readTextPre.textContent) {
      els.readTextPre.textContent = c.readText;
    }
  });
}

export { indexFindings, resetResults, renderItems, resolveLooseFindings, bindDocument };

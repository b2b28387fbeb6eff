// fiscal-lint page · input: the text box (typing, pasting — clipboard HTML tables read by the core, pastes too big
// for the box held in memory), files (picked, dropped on the box or anywhere on the page; a text file alone goes
// into the box), the built-in sample, clearing.
import { T } from './i18n.js';
import { els, inlineText, showMessage, clearMessage } from './dom.js';
import { state } from './state.js';
import { engines, startEngine, cancelRun, runCheck, runJob, htmlToTextInWorker, startFormatsEarly } from './engine.js';

const { BIG } = state;

// ---------------------------------------------------------------- input: paste, file, drop, sample
function extOf(name) {
  const m = /\.([A-Za-z0-9]+)$/.exec(name || '');
  return m ? m[1].toLowerCase() : '';
}
function decode(buf) {
  let bytes = new Uint8Array(buf);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), enc: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), enc: 'UTF-8' };
  } catch (_) {
    return { text: new TextDecoder('gb18030').decode(bytes), enc: 'GB18030' };
  }
}

// CSV → tab-separated (RFC 4180 quoting); a tab or newline inside a field becomes a space.
function csvToTsv(text) {
  const out = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else q = false; }
      else field += ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : ch;
    } else if (ch === '"' && field === '') q = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n') { row.push(field); out.push(row.join('\t')); row = []; field = ''; }
    else if (ch === '\r') { /* dropped */ }
    else field += ch === '\t' ? ' ' : ch;
  }
  if (field !== '' || row.length) { row.push(field); out.push(row.join('\t')); }
  return out.join('\n');
}

// What `input::files::detect` calls text (not a PDF, zip or OLE container), and not empty: such a file alone
// goes into the box as before (decoded here, checked with checkText — the CLI's report for the same file).
// Anything else — binary formats, .html, an empty file, several files — is read by the core (checkFiles), and
// the box keeps what the user put there.
const BOX_EXTS = new Set(['', 'txt', 'text', 'tsv', 'tab', 'csv']);
function goesInBox(name, bytes) {
  if (!bytes.length || !BOX_EXTS.has(extOf(name))) return false;
  const head = bytes.subarray(0, 1024);
  const has = (sig, at) => sig.every((v, i) => head[at + i] === v);
  if ((has([0x50, 0x4b, 3, 4], 0)) || has([0x50, 0x4b, 5, 6], 0) || has([0xd0, 0xcf, 0x11, 0xe0], 0)) return false;
  for (let i = 0; i + 5 <= head.length; i++) if (head[i] === 0x25 && has([0x25, 0x50, 0x44, 0x46, 0x2d], i)) return false;
  // NUL bytes (outside UTF-16 text) mean binary content: not for the box.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) return false;
  return true;
}

// Files only the formats module reads: named so, or PDF or zip (xlsx, docx) content — what the core's
// `needsFormats` says of their bytes.
const FORMATS_TYPES = ['application/pdf', 'application/vnd.openxmlformats-officedocument.'];
const FORMATS_EXTS = new Set(['pdf', 'xlsx', 'xlsm', 'docx']);
function forFormats(name, bytes) {
  if (FORMATS_EXTS.has(extOf(name))) return true;
  if (!bytes) return false;
  const has = (sig) => sig.every((v, i) => bytes[i] === v);
  return has([0x25, 0x50, 0x44, 0x46, 0x2d]) || has([0x50, 0x4b, 3, 4]);
}

async function readFiles(list) {
  const files = Array.from(list || []);
  if (!files.length) return;
  clearMessage();
  if (files.some((f) => forFormats(f.name, null))) startFormatsEarly();
  let contents;
  try {
    contents = await Promise.all(files.map((f) => f.arrayBuffer().then((b) => new Uint8Array(b))));
  } catch (err) {
    showMessage('error', T().fileError(files.map((f) => f.name).join(', ')), String(err && err.message || err));
    return;
  }
  if (files.some((f, i) => forFormats(f.name, contents[i]))) startFormatsEarly();
  // With the core's plainText (the CLI's own decision and decoding), every file goes to the worker, which puts a
  // text file's text in the box ('as-text'); without it, the page decides and decodes here.
  const core = engines.core;
  try { await (core.ready || startEngine(core)); } catch (_) { /* runJob says why */ }
  const coreDecides = core.info && core.info.plainText;
  if (!coreDecides && files.length === 1 && goesInBox(files[0].name, contents[0])) {
    const file = files[0];
    let { text, enc } = decode(contents[0].buffer);
    let note = '';
    if (extOf(file.name) === 'csv') {
      text = csvToTsv(text);
      note = T().csvConverted;
    }
    state.setSource(text, file.name);
    els.info.textContent = T().fileRead(file.name, enc) + note;
    if (state.busy) cancelRun(true);
    runCheck();
    return;
  }
  const names = files.map((f) => f.name);
  return runJob({ kind: 'files', name: names.join(', '), names, contents });
}

// A paste bigger than the box can lay out quickly is held in memory; the box shows its beginning.
// HOOK (htmlToText): a paste from Excel, WPS or a web page carries text/html too; when it holds a <table>, the
// core's htmlToText (cells → tabs, merged cells kept in place) reads it better than the browser's text/plain. Used
// only when the running core module has that binding (the worker says so in 'ready': html); otherwise the paste is
// left alone.
function placePasted(t, start, end) {
  if (t.length > BIG) {
    state.setSource(t, null);
    els.info.textContent = T().bigPasted((t.length / 1048576).toFixed(1));
    return;
  }
  els.text.focus();
  els.text.setRangeText(t, start, end, 'end');
  els.text.dispatchEvent(new Event('input', { bubbles: true }));
}
async function loadSample() {
  let text = inlineText('fl-sample');
  if (!text) {
    try {
      const r = await fetch('sample/sample-2023-final.txt');
      if (!r.ok) throw new Error('HTTP ' + r.status);
      text = await r.text();
    } catch (err) {
      showMessage('error', T().fileError('sample'), String(err && err.message || err));
      return;
    }
  }
  state.setSource(text.replace(/^\n/, ''), T().sampleName);
  if (state.busy) cancelRun(true);
  runCheck();
}

function bindInput() {
  els.file.addEventListener('change', () => {
    const fs = els.file.files ? Array.from(els.file.files) : [];
    els.file.value = '';
    if (fs.length) readFiles(fs);
  });
  ['dragenter', 'dragover'].forEach((t) => els.drop.addEventListener(t, (e) => {
    if (!e.dataTransfer || !Array.from(e.dataTransfer.types || []).includes('Files')) return;
    e.preventDefault();
    els.drop.classList.add('dragging');
    // A file dragged over the page that only the formats module reads (its MIME type is known before the drop):
    // that module starts loading now, so the drop finds it ready or nearly.
    const items = Array.from(e.dataTransfer.items || []);
    if (items.some((i) => i.kind === 'file' && FORMATS_TYPES.some((m) => (i.type || '').startsWith(m)))) startFormatsEarly();
  }));
  ['dragleave', 'dragend'].forEach((t) => els.drop.addEventListener(t, () => els.drop.classList.remove('dragging')));
  els.drop.addEventListener('drop', (e) => {
    els.drop.classList.remove('dragging');
    const fs = e.dataTransfer && e.dataTransfer.files ? Array.from(e.dataTransfer.files) : [];
    if (!fs.length) return;
    e.preventDefault();
    e.stopPropagation();
    readFiles(fs);
  });
  // Files dropped anywhere else on the page are read too (the results are a big target); the browser must never
  // navigate away to the file (and lose the text).
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    const fs = e.dataTransfer && e.dataTransfer.files ? Array.from(e.dataTransfer.files) : [];
    if (fs.length) readFiles(fs);
  });

  els.text.addEventListener('input', () => {
    state.source = null;
    els.big.hidden = true;
  });
  els.text.addEventListener('paste', (e) => {
    const cd = e.clipboardData;
    if (!cd) return;
    const html = cd.getData('text/html');
    const core = engines.core;
    if (html && /<table[\s>]/i.test(html) && core.worker && core.info && core.info.html && !els.text.readOnly) {
      e.preventDefault();
      const plain = cd.getData('text/plain');
      const start = els.text.selectionStart;
      const end = els.text.selectionEnd;
      htmlToTextInWorker(html).then((t) => {
        placePasted(t || plain, start, end);
        if (t) els.info.textContent = T().htmlPasted;
      });
      return;
    }
    const t = cd.getData('text/plain');
    if (!t || t.length <= BIG) return;
    e.preventDefault();
    state.setSource(t, null);
    els.info.textContent = T().bigPasted((t.length / 1048576).toFixed(1));
  });
  els.bigEdit.addEventListener('click', () => {
    if (!state.source) return;
    const t = state.source.text;
    state.source = null;
    els.big.hidden = true;
    els.text.readOnly = false;
    els.text.value = t; // slow for very large texts, but the user asked for it
  });
  els.clear.addEventListener('click', () => {
    if (state.busy) cancelRun(true);
    state.source = null;
    els.big.hidden = true;
    els.text.readOnly = false;
    els.text.value = '';
    els.info.textContent = '';
    clearMessage();
    els.text.focus();
  });
  els.text.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); runCheck(); }
  });
}

export { readFiles, loadSample, bindInput };

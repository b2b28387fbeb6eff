// fiscal-lint page · engine: the worker client and the check's life. Plain JS, no network: the check runs in a
// classic Web Worker built from a Blob URL out of the wasm-bindgen glue (no-modules) + worker.js — inlined in the
// single-file build, fetched from ../pkg and this directory when served. Two such workers at most: the core
// module's (started with the page) and the formats module's (PDF/Office readers; loaded only when such a file
// arrives). Both send the same render plan, which this file hands to the render files in order. The worker
// protocol is written down at the top of worker.js.
import { T } from './i18n.js';
import { els, inlineText, showMessage, clearMessage } from './dom.js';
import { state } from './state.js';
import { doneLabel } from './render/common.js';
import { indexFindings, resetResults, renderItems, resolveLooseFindings } from './render/document.js';
import { renderSummary, renderFindings } from './render/findings.js';

// ---------------------------------------------------------------- the workers
// Two engines, one worker logic (worker.js) and one message protocol, so the page renders their results the same
// way: 'core' (the module built without the `formats` feature: text, pasted tables) starts with the page;
// 'formats' (every reader: PDF, Excel, Word…) is fetched — or, in the single file, decoded — and compiled only
// when a file that needs it arrives (the core worker says so: 'needs-formats').
const ENGINE_FILES = {
  core: { glue: 'fl-glue', wasm: 'fl-wasm', glueUrl: '../pkg/fiscal_lint_classic.js', wasmUrl: '../pkg/fiscal_lint_bg.wasm' },
  formats: {
    glue: 'fl-formats-glue', wasm: 'fl-formats-wasm',
    glueUrl: '../pkg/fiscal_lint_formats_classic.js', wasmUrl: '../pkg/fiscal_lint_formats_bg.wasm',
  },
};
const engine = (kind) => ({ kind, worker: null, ready: null, source: null, info: null, gen: 0 });
const engines = { core: engine('core'), formats: engine('formats') };
let workerLogic = null; // worker.js, fetched once when served


function b64ToBytes(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64.replace(/\s+/g, ''));
  const bin = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// A wasm module from bytes or a Response: compiled while it streams in (decompressed, or downloaded), where the
// browser can; else from the whole buffer.
function compileResponse(res, fallback) {
  if (typeof WebAssembly.compileStreaming === 'function') {
    return WebAssembly.compileStreaming(res).catch(() => fallback().then((b) => WebAssembly.compile(b)));
  }
  return res.arrayBuffer().then((b) => WebAssembly.compile(b));
}

// A wasm module inlined in the single file: base64, or gzip then base64 (data-encoding="gzip-base64"),
// decompressed here with the browser's own DecompressionStream — no network, works on file:// — and compiled as
// it is decompressed. Returns a promise of the compiled WebAssembly.Module.
function inlineWasm(el) {
  const bytes = b64ToBytes(el.textContent);
  if (el.getAttribute('data-encoding') !== 'gzip-base64') return WebAssembly.compile(bytes);
  if (typeof DecompressionStream !== 'function') return Promise.reject(new Error(T().tooOld));
  const unpacked = () => new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const res = new Response(unpacked(), { headers: { 'Content-Type': 'application/wasm' } });
  return compileResponse(res, () => new Response(unpacked()).arrayBuffer());
}

// The worker's source (glue + worker logic) and a promise of its compiled module.
async function loadEngine(kind) {
  performance.mark('fl:engine-load:' + kind);
  const f = ENGINE_FILES[kind];
  const glue = inlineText(f.glue);
  const logic = inlineText('fl-worker');
  const wasmEl = document.getElementById(f.wasm);
  if (glue && logic && wasmEl) {
    const module = inlineWasm(wasmEl);
    module.catch(() => { /* startEngine says why */ });
    return { src: glue + '\n' + logic, module };
  }
  const get = (u, how) => fetch(u).then((r) => {
    if (!r.ok) throw new Error(u + ': HTTP ' + r.status);
    return how ? r[how]() : r;
  });
  if (!workerLogic) {
    workerLogic = get('worker.js', 'text');
    workerLogic.catch(() => { workerLogic = null; });
  }
  // Not awaited here: the module compiles while the worker starts (startEngine hands it over when it is ready).
  const module = get(f.wasmUrl).then((r) => compileResponse(r, () => get(f.wasmUrl, 'arrayBuffer')));
  module.catch(() => { /* startEngine says why */ });
  const [g, l] = await Promise.all([get(f.glueUrl, 'text'), workerLogic]);
  return { src: g + '\n' + l, module };
}

function startEngine(e) {
  const gen = ++e.gen;
  const stale = () => gen !== e.gen;
  e.ready = (async () => {
    if (!e.source) {
      // Compiled off the main thread while the worker starts; the compiled module is handed to the worker (and
      // kept, so a restarted worker starts at once).
      e.source = await loadEngine(e.kind);
    }
    if (stale()) throw new Error('stopped');
    const url = URL.createObjectURL(new Blob([e.source.src], { type: 'text/javascript' }));
    const w = new Worker(url, { name: 'fiscal-lint-' + e.kind });
    e.worker = w;
    try {
      await new Promise((resolve, reject) => {
        w.onmessage = (ev) => {
          if (ev.data.type === 'ready') {
            e.info = ev.data;
            if (e.kind === 'core') state.coreForms = ev.data.forms;
            resolve();
          } else if (ev.data.type === 'init-error') reject(new Error(ev.data.message));
        };
        w.onerror = (ev) => reject(new Error(ev.message || 'worker error'));
        e.source.module.then((module) => w.postMessage({ type: 'init', module, warm: e.kind === 'core' }), reject);
      });
    } finally {
      URL.revokeObjectURL(url);
    }
    if (stale()) {
      w.terminate();
      throw new Error('stopped');
    }
    w.onmessage = (ev) => {
      const t = ev.data.type;
      if (t === 'export') onExport(ev.data);
      else if (t === 'html') onHtml(ev.data);
      else enqueue(ev.data, e);
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      const id = state.current && state.current.engine === e ? state.current.id : null;
      enqueue({ type: 'error', id, message: ev.message || 'worker error', fatal: true }, e);
    };
    performance.mark('fl:worker-ready:' + e.kind);
    if (e.kind === 'core' && e.info && e.info.version) els.version.textContent = 'fiscal-lint ' + e.info.version;
    return w;
  })();
  e.ready.catch(() => {
    if (stale()) return;
    if (e.worker) e.worker.terminate();
    e.worker = null;
    e.ready = null;
    e.source = null; // load again next time (a failed fetch may succeed later)
  });
  return e.ready;
}
function stopEngine(e) {
  e.gen++;
  if (e.worker) e.worker.terminate();
  e.worker = null;
  e.ready = null;
}

// Messages from the workers are handled strictly in order, each possibly over several slices.
let queue = Promise.resolve();
function enqueue(msg, e) {
  queue = queue.then(() => onWorkerMessage(msg, e)).catch((err) => {
    console.error(err);
    showMessage('error', T().engineCrashed, String(err && err.message || err));
    setBusy(false);
  });
}

function setBusy(b, label) {
  state.busy = b;
  els.check.textContent = b ? T().cancel : T().check;
  els.check.classList.toggle('cancel', b);
  els.results.setAttribute('aria-busy', b ? 'true' : 'false');
  document.body.classList.toggle('busy', b);
  if (label !== undefined) els.info.textContent = label;
}

// Stops the running check: its worker is stopped (the other one, and the text in the box, stay).
function cancelRun(quiet) {
  state.runId++;
  const c = state.current;
  // While the formats engine loads for it, the check runs nowhere yet: the load goes on (the next file needs it).
  if (c && c.engine && !c.handingOver) stopEngine(c.engine);
  if (c && !c.report) state.current = c.previous || null;
  setBusy(false, '');
  if (!quiet) showMessage('info', T().cancelled);
}

function runCheck() {
  if (state.busy) {
    cancelRun(false);
    return;
  }
  const text = state.textToCheck();
  clearMessage();
  if (!text.trim()) {
    showMessage('info', T().empty);
    return;
  }
  return runJob({ kind: 'text', name: (state.source && state.source.name) || T().pasted, text });
}

// job: {kind:'text', name, text} or {kind:'files', name, names, contents: Uint8Array[]}
async function runJob(job) {
  if (state.busy) cancelRun(true);
  clearMessage();
  const id = ++state.runId;
  // Files go to the formats engine once it is running (it reads everything); otherwise to the core, which hands
  // them over when it cannot read them.
  const e = job.kind === 'files' && engines.formats.ready ? engines.formats : engines.core;
  setBusy(true, e.worker ? (job.kind === 'files' ? T().readingFiles(job.name) : T().checking) : T().loading);
  const t0 = performance.now();
  try {
    await (e.ready || startEngine(e));
  } catch (err) {
    if (id !== state.runId) return;
    setBusy(false, '');
    showMessage('error', e === engines.formats ? T().formatsFailed : T().engineFailed, String(err && err.message || err));
    return;
  }
  if (id !== state.runId) return;
  els.info.textContent = job.kind === 'files' ? T().readingFiles(job.name) : T().checking;
  const previous = state.current && state.current.done ? state.current : null;
  if (previous) previous.previous = null;
  state.current = { id, name: job.name, text: job.text || null, job, engine: e, t0, pending: true, previous };
  performance.mark('fl:check-sent');
  send(e, job, id);
}

function send(e, job, id) {
  if (job.kind === 'text') e.worker.postMessage({ type: 'check', id, name: job.name, text: job.text });
  else e.worker.postMessage({ type: 'files', id, names: job.names, contents: job.contents });
}

// The core worker cannot read these files: start the formats engine (first time: fetch or decode, compile) and
// send them there. Not awaited in the message queue, so a cancel and a new check are not held up by the load.
async function handOver(c) {
  const f = engines.formats;
  els.info.textContent = f.worker ? T().readingFiles(c.name) : T().loadingFormats;
  c.handingOver = true;
  try {
    await (f.ready || startEngine(f));
  } catch (err) {
    c.handingOver = false;
    if (c !== state.current || c.id !== state.runId) return;
    setBusy(false, '');
    showMessage('error', T().formatsFailed, String(err && err.message || err));
    state.current = c.previous || null;
    return;
  }
  c.handingOver = false;
  if (c !== state.current || c.id !== state.runId) return;
  c.engine = f;
  els.info.textContent = T().readingFiles(c.name);
  send(f, c.job, c.id);
}

// ---------------------------------------------------------------- results
async function onWorkerMessage(m, e) {
  const mine = state.current && m.id === state.current.id && m.id === state.runId && e === state.current.engine;
  if (!mine) {
    // A worker that trapped outside the shown check is replaced the next time it is needed.
    if (m.type === 'error' && m.fatal && e && e.worker) stopEngine(e);
    return;
  }
  const c = state.current;
  if (m.type === 'needs-formats') {
    handOver(c);
    return;
  }
  if (m.type === 'as-text') {
    // A text file alone: into the box, as before, and from now on a text check (errors keep the box's text).
    state.setSource(m.text, m.name);
    c.job = { kind: 'text', name: m.name, text: m.text, file: true };
    c.text = m.text;
    return;
  }
  if (m.type === 'error') {
    setBusy(false, '');
    if (m.fatal) {
      stopEngine(e);
      showMessage('error', T().engineCrashed, m.message);
    } else if (c.job && c.job.kind === 'files') {
      showMessage('error', T().fileFailed, m.message + ' ' + T().keptBox);
    } else {
      showMessage('error', T().readFailed + '：', m.message + ' ' + T().keptText);
    }
    state.current = c.previous || null;
    return;
  }
  if (m.type === 'start') {
    performance.mark('fl:report');
    els.info.textContent = T().rendering;
    Object.assign(c, {
      readText: m.text,
      report: m.report, issues: m.issues || [], checkMs: m.ms,
      cellEls: new Map(), rowEls: new Map(), spanEls: new Map(), blocks: [], tableTitles: new Map(),
      tableCells: 0, textBlocks: 0, capped: false, done: false,
    });
    indexFindings(c);
    resetResults(c);
    return;
  }
  if (m.type === 'items') {
    await renderItems(c, m.items);
    return;
  }
  if (m.type === 'done') {
    performance.mark('fl:items-done');
    c.done = true;
    c.stats = m.stats;
    resolveLooseFindings(c);
    renderSummary();
    await renderFindings();
    c.renderMs = performance.now() - c.t0;
    setBusy(false, doneLabel(c));
    document.documentElement.setAttribute('data-fl-done-at', String(Math.round(performance.now())));
    document.documentElement.setAttribute('data-fl-state', 'done');
    document.dispatchEvent(new CustomEvent('fiscal-lint:done', { detail: { summary: c.report.summary } }));
  }
}

// ---------------------------------------------------------------- requests answered by the worker
// The full report stays in the worker (a big document's report is large); exports ask for it.
let exportSeq = 0;
const exportWaiters = new Map();
function requestExport(what) {
  const c = state.current;
  const w = c && c.engine && c.engine.worker;
  if (!c || !c.report || !w) return Promise.resolve(null);
  const req = ++exportSeq;
  return new Promise((resolve) => {
    exportWaiters.set(req, resolve);
    w.postMessage({ type: 'export', id: c.id, req, what });
  });
}
function onExport(m) {
  const resolve = exportWaiters.get(m.req);
  exportWaiters.delete(m.req);
  if (resolve) resolve(m.data);
}

// Clipboard HTML → tab-separated text, by the core module's htmlToText (null: not in this module, or no table).
let htmlSeq = 0;
const htmlWaiters = new Map();
function onHtml(m) {
  const resolve = htmlWaiters.get(m.req);
  htmlWaiters.delete(m.req);
  if (resolve) resolve(m.text);
}
function htmlToTextInWorker(html) {
  const w = engines.core.worker;
  if (!w) return Promise.resolve(null);
  const req = ++htmlSeq;
  return new Promise((resolve) => {
    htmlWaiters.set(req, resolve);
    w.postMessage({ type: 'html', req, html });
    setTimeout(() => { if (htmlWaiters.delete(req)) resolve(null); }, 10000);
  });
}

// The formats engine (PDF, Office) starts loading — decoded or fetched, compiled, its worker started — as soon as
// a file only it reads is dragged over or dropped, while the file is read; files then go to it directly (runJob)
// instead of through the core worker, which would only hand them over.
function startFormatsEarly() {
  const f = engines.formats;
  if (!f.ready) startEngine(f).catch(() => { /* said when the files are sent (runJob) */ });
}

export { engines, startEngine, startFormatsEarly, cancelRun, runCheck, runJob, requestExport, htmlToTextInWorker };

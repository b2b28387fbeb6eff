// fiscal-lint page · app: the wiring — binds the parts to the page's controls, re-words the page when the language
// changes, offers window.fiscalLint (embedders, tests) and starts the core engine. Plain JS, no framework, no
// network. The page is ES modules (index.html loads this one; the single file inlines them all as one classic
// script, bundled in dependency order by scripts/bundle-page.mjs). Imports go one way, down this list; no cycles:
//   app.js       this
//   input.js     the box, paste, files and drops, the sample
//   export.js    JSON / CSV / print / rebuilt-text downloads
//   engine.js    the worker client (worker.js in a Blob-URL worker; core and formats modules) and the check's life
//   render/      findings.js (summary, findings list, keyboard navigation) → document.js (tables and narrative as
//                read, marked) → form-panel.js (表样与核对范围) → tip.js (tooltip) → common.js (marks, labels)
//   state.js     the shared state: the check running, the result shown, the text held for the box
//   dom.js       the page's elements, text-only element building, messages, downloads
//   i18n.js      strings (zh, en) and the language shown
// User content is only ever rendered through textContent / createElement — never innerHTML.
import { I18N, T, i18n } from './i18n.js';
import { els, showMessage } from './dom.js';
import { state } from './state.js';
import { originText, readFormat, doneLabel } from './render/common.js';
import { bindTip } from './render/tip.js';
import { renderCoverage, fillTableStatus, bindFormPanel } from './render/form-panel.js';
import { bindDocument } from './render/document.js';
import { renderSummary, renderFindings, bindFindings } from './render/findings.js';
import { engines, startEngine, cancelRun, runCheck, requestExport } from './engine.js';
import { bindExport } from './export.js';
import { readFiles, loadSample, bindInput } from './input.js';

// ---------------------------------------------------------------- language
function applyLang() {
  document.documentElement.lang = i18n.lang === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const v = T()[e.getAttribute('data-i18n')];
    if (typeof v === 'string') e.textContent = v;
  }
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) {
    e.setAttribute('placeholder', T()[e.getAttribute('data-i18n-placeholder')]);
  }
  els.lang.textContent = i18n.lang === 'zh' ? 'English' : '中文';
  if (state.source && !els.big.hidden) els.bigText.textContent = T().bigHeld((state.source.text.length / 1048576).toFixed(1));
  if (state.busy) els.check.textContent = T().cancel;
  for (const e of document.querySelectorAll('.table-origin')) e.textContent = originText(JSON.parse(e.getAttribute('data-origin')));
  if (state.current && state.current.report) {
    renderCoverage();
    for (const e of document.querySelectorAll('#doc .table-status')) fillTableStatus(state.current, e);
  }
  if (state.current && state.current.done) {
    renderSummary();
    renderFindings();
    if (!state.busy && state.current.renderMs) els.info.textContent = doneLabel(state.current);
    if (!els.readText.hidden) els.readTextLabel.textContent = T().readTextLabel(readFormat(state.current));
  }
}

// ---------------------------------------------------------------- the controls
bindTip();
bindFindings();
bindFormPanel();
bindDocument();
bindExport();
bindInput();
els.check.addEventListener('click', runCheck);
els.sample.addEventListener('click', loadSample);
els.lang.addEventListener('click', () => {
  i18n.setLang(i18n.lang === 'zh' ? 'en' : 'zh', true);
  applyLang();
});

// A small API for embedders and tests.
window.fiscalLint = {
  check: (text, name) => { state.setSource(text, name); if (state.busy) cancelRun(true); return runCheck(); },
  // Several files (File objects) as the picker or a drop gives them.
  checkFiles: (files) => readFiles(files),
  // Which engines have started: {core, formats} (the formats module loads only for PDF/Office files).
  engines: () => ({ core: !!engines.core.worker, formats: !!engines.formats.worker }),
  sample: loadSample,
  // The report exactly as the CLI prints it (`fiscal-lint check FILE --format json`, with its final newline).
  report: () => requestExport('json').then((j) => (j === null ? null : j + '\n')),
  inputLength: () => state.textToCheck().length,
  csv: () => requestExport('csv'),
  timings: () => (state.current ? { checkMs: state.current.checkMs, renderMs: state.current.renderMs, stats: state.current.stats } : null),
  setLang: (l) => { if (I18N[l]) { i18n.setLang(l); applyLang(); } },
};

// A copy saved from the browser ("Webpage, complete") carries the last results' DOM: start clean.
els.results.hidden = true;
els.doc.replaceChildren();
els.coverage.hidden = true;
els.coverageBody.replaceChildren();
els.list.replaceChildren();
els.message.hidden = true;
els.readText.hidden = true;
els.readTextPre.textContent = '';
applyLang();
// Warm the core engine up so the first check is quick (the formats engine waits for a file that needs it).
startEngine(engines.core).catch((err) => showMessage('error', T().engineFailed, String(err && err.message || err)));
document.documentElement.setAttribute('data-fl-state', 'ready');
if (/[?&#]sample\b/.test(location.search + location.hash)) loadSample();

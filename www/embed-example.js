// A portal's own page using the wasm-bindgen ES modules from pkg/ (built by scripts/build.sh).
// init() fetches ../pkg/fiscal_lint_bg.wasm (the core: text); checkText returns the same JSON report as
// `fiscal-lint check --format json`. Files go through checkFiles; those the core cannot read (needsFormats: PDF,
// xlsx, docx, text laid out with spaces) load the formats module (../pkg/fiscal_lint_formats.js, the same API with
// every reader) on first use; so does pasted text laid out with spaces (needsFormatsForText).
import init, { checkText, checkFiles, needsFormats, needsFormatsForText, version } from '../pkg/fiscal_lint.js';

const $ = (id) => document.getElementById(id);
const status = $('portal-status');

try {
  await init();
  status.textContent = `fiscal-lint ${version()} 已就绪 / ready`;
  $('portal-check').disabled = false;
  $('portal-files').disabled = false;
} catch (e) {
  status.textContent = '无法加载 / could not load: ' + e.message;
}

$('portal-sample').addEventListener('click', async () => {
  const r = await fetch('sample/sample-2023-final.txt');
  $('portal-text').value = await r.text();
});

let formats = null; // the formats module, imported and initialised on first use
async function withFormats() {
  if (!formats) {
    formats = import('../pkg/fiscal_lint_formats.js').then(async (m) => {
      await m.default(); // fetches ../pkg/fiscal_lint_formats_bg.wasm
      return m;
    });
    formats.catch(() => { formats = null; });
  }
  return formats;
}

function show(report) {
  const list = $('portal-findings');
  list.replaceChildren();
  const s = report.summary;
  $('portal-summary').textContent =
    `${report.document.organization ?? ''} — 错误 ${s.errors}，警告 ${s.warnings}，尾差提示 ${s.infos} / ` +
    `${s.errors} errors, ${s.warnings} warnings, ${s.infos} rounding notes`;
  for (const f of report.findings) {
    const li = document.createElement('li');
    li.dataset.severity = f.severity;
    li.textContent = `[${f.rule}] ${f.message.zh}`; // user content only ever as text
    list.appendChild(li);
  }
  document.documentElement.dataset.portalState = 'done';
}

$('portal-files').addEventListener('change', async (e) => {
  const files = Array.from(e.target.files);
  if (!files.length) return;
  const names = files.map((f) => f.name);
  const contents = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
  try {
    // Several files are one document (say .xlsx tables and a .docx narrative).
    const api = contents.some((b) => b.length && needsFormats(b)) ? await withFormats() : { checkFiles };
    const out = api.checkFiles(names, contents); // { report, document, text }
    show(JSON.parse(out.report));
  } catch (err) {
    $('portal-findings').replaceChildren();
    $('portal-summary').textContent = '无法读取 / could not read: ' + err.message; // names the file
    document.documentElement.dataset.portalState = 'done';
  }
});

$('portal-check').addEventListener('click', async () => {
  let report;
  try {
    // Small documents can be checked on the main thread like this; the full page uses a Web Worker.
    const text = $('portal-text').value;
    const api = needsFormatsForText(text) ? await withFormats() : { checkText };
    report = JSON.parse(api.checkText('门户文档.txt', text));
  } catch (e) {
    $('portal-findings').replaceChildren();
    $('portal-summary').textContent = '无法读取 / could not read: ' + e.message; // 「中文 / English」
    return;
  }
  show(report);
});

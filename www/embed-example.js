// A portal's own page using the wasm-bindgen ES module from pkg/ (built by scripts/build.sh).
// init() fetches ../pkg/fiscal_lint_bg.wasm; checkText returns the same JSON report as `fiscal-lint check --format json`.
import init, { checkText, version } from '../pkg/fiscal_lint.js';

const $ = (id) => document.getElementById(id);
const status = $('portal-status');

try {
  await init();
  status.textContent = `fiscal-lint ${version()} 已就绪 / ready`;
  $('portal-check').disabled = false;
} catch (e) {
  status.textContent = '无法加载 / could not load: ' + e.message;
}

$('portal-sample').addEventListener('click', async () => {
  const r = await fetch('sample/sample-2023-final.txt');
  $('portal-text').value = await r.text();
});

$('portal-check').addEventListener('click', () => {
  const list = $('portal-findings');
  list.replaceChildren();
  let report;
  try {
    // Small documents can be checked on the main thread like this; the full page uses a Web Worker.
    report = JSON.parse(checkText('门户文档.txt', $('portal-text').value));
  } catch (e) {
    $('portal-summary').textContent = '无法读取 / could not read: ' + e.message; // 「中文 / English」
    return;
  }
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
});

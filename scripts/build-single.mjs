// Writes dist/fiscal-lint.html: www/index.html with the CSS and app.js inlined, and the wasm-bindgen glue
// (pkg/fiscal_lint_classic.js, --target no-modules), the worker
// logic, the wasm (base64) and the built-in sample as inert <script type="text/plain"> data blocks. The
// Content-Security-Policy allows the inline script and style by their SHA-256 hashes, compiling wasm, a worker from a
// blob: URL — and nothing from anywhere else (connect-src 'none').
//
// Run by scripts/build.sh after pkg/ is built.  Usage: node scripts/build-single.mjs [out.html]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (p) => readFileSync(join(root, p), 'utf8');
const out = process.argv[2] || join(root, 'dist', 'fiscal-lint.html');

export const SAMPLE = 'www/sample/sample-2023-final.txt';

let html = read('www/index.html');
const css = read('www/style.css');
const app = read('www/app.js');
const glue = read('pkg/fiscal_lint_classic.js');
const worker = read('www/worker.js');
const wasm = readFileSync(join(root, 'pkg/fiscal_lint_bg.wasm')).toString('base64');
const sample = read(SAMPLE);

function mustNotClose(name, text) {
  if (/<\/(script|style)/i.test(text) || /<!--/.test(text)) {
    throw new Error(`${name} contains "</script", "</style" or "<!--": it cannot be inlined as is`);
  }
}
for (const [n, t] of [['style.css', css], ['app.js', app], ['fiscal_lint_classic.js', glue], ['worker.js', worker], [SAMPLE, sample]]) {
  mustNotClose(n, t);
}

const sha = (s) => "'sha256-" + createHash('sha256').update(s, 'utf8').digest('base64') + "'";
const styleText = '\n' + css;
const scriptText = '\n' + app;
const csp = [
  "default-src 'none'",
  `script-src ${sha(scriptText)} 'wasm-unsafe-eval'`,
  `style-src ${sha(styleText)}`,
  "connect-src 'none'",
  'worker-src blob:',
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function replaceOnce(s, from, to) {
  const i = s.indexOf(from);
  if (i < 0) throw new Error('www/index.html: marker not found: ' + from);
  return s.slice(0, i) + (typeof to === 'function' ? to() : to) + s.slice(i + from.length);
}

html = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, () => {
  return `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
});
if (!html.includes(csp)) throw new Error('www/index.html: no Content-Security-Policy meta to replace');
html = replaceOnce(html, '<link rel="stylesheet" href="style.css">\n', '');
html = replaceOnce(html, '<!--FL-INLINE-STYLE-->', () => `<style>${styleText}</style>`);
const data = [
  `<script type="text/plain" id="fl-glue">\n${glue}</script>`,
  `<script type="text/plain" id="fl-worker">\n${worker}</script>`,
  `<script type="text/plain" id="fl-wasm">${wasm}</script>`,
  `<script type="text/plain" id="fl-sample">\n${sample}</script>`,
].join('\n');
html = replaceOnce(html, '<!--FL-INLINE-DATA-->', () => data);
html = replaceOnce(html, '<script src="app.js"></script>', () => `<script>${scriptText}</script>`);
html = html.replace('<!--FL-INLINE-STYLE-->', '');
html = html.replace('<html lang="zh-CN">', '<html lang="zh-CN" data-build="single-file">');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.error(`wrote ${out} (${(Buffer.byteLength(html) / 1024).toFixed(1)} KB)`);

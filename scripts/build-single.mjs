// Writes dist/fiscal-lint.html: www/index.html with the CSS and the page's script inlined (www/app.js and the ES
// modules it imports, bundled into one classic script by scripts/bundle-page.mjs: file:// blocks module imports),
// and as inert <script type="text/plain"> data blocks: the worker logic, the built-in sample, and for each of the two
// wasm modules its wasm-bindgen glue (--target no-modules) and its wasm, gzip-compressed then base64 (data-encoding=
// "gzip-base64"; the page unpacks it with the browser's DecompressionStream). The core module (text) is unpacked and
// compiled when the page opens; the formats module (PDF/Office readers) only when such a file arrives. The
// Content-Security-Policy allows the inline script and style by their SHA-256 hashes, compiling wasm, a worker from a
// blob: URL — and nothing from anywhere else (connect-src 'none').
//
// Run by scripts/build.sh after pkg/ is built.  Usage: node scripts/build-single.mjs [out.html]
import { createHash } from 'node:crypto';
import { gzipSync, constants } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePage } from './bundle-page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (p) => readFileSync(join(root, p), 'utf8');
const out = process.argv[2] || join(root, 'dist', 'fiscal-lint.html');

export const SAMPLE = 'www/sample/sample-2023-final.txt';

let html = read('www/index.html');
const css = read('www/style.css');
const app = bundlePage(root).text;
const glue = read('pkg/fiscal_lint_classic.js');
const formatsGlue = read('pkg/fiscal_lint_formats_classic.js');
const worker = read('www/worker.js');
const packed = (p) => gzipSync(readFileSync(join(root, p)), { level: constants.Z_BEST_COMPRESSION }).toString('base64');
const wasm = packed('pkg/fiscal_lint_bg.wasm');
const formatsWasm = packed('pkg/fiscal_lint_formats_bg.wasm');
const sample = read(SAMPLE);

function mustNotClose(name, text) {
  if (/<\/(script|style)/i.test(text) || /<!--/.test(text)) {
    throw new Error(`${name} contains "</script", "</style" or "<!--": it cannot be inlined as is`);
  }
}
for (const [n, t] of [['style.css', css], ['www/app.js (bundled)', app], ['fiscal_lint_classic.js', glue],
  ['fiscal_lint_formats_classic.js', formatsGlue], ['worker.js', worker], [SAMPLE, sample]]) {
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
  `<script type="text/plain" id="fl-wasm" data-encoding="gzip-base64">${wasm}</script>`,
  `<script type="text/plain" id="fl-formats-glue">\n${formatsGlue}</script>`,
  `<script type="text/plain" id="fl-formats-wasm" data-encoding="gzip-base64">${formatsWasm}</script>`,
  `<script type="text/plain" id="fl-sample">\n${sample}</script>`,
].join('\n');
html = replaceOnce(html, '<!--FL-INLINE-DATA-->', () => data);
html = replaceOnce(html, '<script type="module" src="app.js"></script>', () => `<script>${scriptText}</script>`);
html = html.replace('<!--FL-INLINE-STYLE-->', '');
html = html.replace('<html lang="zh-CN">', '<html lang="zh-CN" data-build="single-file">');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.error(`wrote ${out} (${(Buffer.byteLength(html) / 1024).toFixed(1)} KB)`);

// Shared by the end-to-end tests and scripts/bench-page.mjs: Debian chromium through playwright-core, and a tiny
// static file server for the repository (the page served over http uses ../pkg).
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_SAMPLE = join(ROOT, '..', 'shared', 'samples', 'henan-xinxiang-hongqi-gxj-2023-final.txt');
export const OWN_SAMPLE = join(ROOT, 'www', 'sample', 'sample-2023-final.txt');
/** The 25-page 财政局 决算 PDF (read from ../shared, never copied into the project). */
export const SHARED_PDF = join(ROOT, '..', 'shared', 'samples', 'pdf', 'shanghai-putuo-czj-2024-final.pdf');
export const SINGLE_FILE = join(ROOT, 'dist', 'fiscal-lint.html');
export const SINGLE_FILE_URL = pathToFileURL(SINGLE_FILE).href;
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.md': 'text/plain; charset=utf-8', '.pdf': 'application/pdf',
};

/** Serves the repository root on 127.0.0.1 (random port). Returns {origin, close, hits}: hits lists every path asked for. */
export async function serveRepo() {
  const hits = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    hits.push(path);
    const file = normalize(join(ROOT, path));
    if (!file.startsWith(ROOT + sep) && file !== ROOT) { res.writeHead(403).end(); return; }
    let f = file;
    try { if (statSync(f).isDirectory()) f = join(f, 'index.html'); } catch { /* 404 below */ }
    if (!existsSync(f)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(f)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(f));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, hits, close: () => new Promise((r) => server.close(r)) };
}

export const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions',
];

/** A fresh browser with its own user-data-dir. */
export async function launch() {
  const dir = mkdtempSync(join(tmpdir(), 'fl-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROME_ARGS, acceptDownloads: true,
    viewport: { width: 1400, height: 1000 }, locale: 'zh-CN',
  });
  return context;
}

/** Records every request a page makes (the page's own files included) and every console error. */
export function watch(page) {
  const requests = [];
  const errors = [];
  const dialogs = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return { requests, errors, dialogs };
}

/** Puts text in the paste area as a paste would (value + input event), then presses 核对 and waits for the result. */
export async function pasteAndCheck(page, text, { timeout = 60000 } = {}) {
  await page.evaluate((t) => {
    const ta = document.getElementById('doc-text');
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    document.documentElement.removeAttribute('data-fl-state');
  }, text);
  await page.click('#check-btn');
  await waitDone(page, timeout);
}

export async function waitDone(page, timeout = 60000) {
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fl-state') === 'done' ||
    !document.getElementById('message').hidden, null, { timeout });
}

export function readText(p) {
  return readFileSync(p, 'utf8');
}

/**
 * Drops files on the page's drop zone as a user's drag and drop would (a DataTransfer of File objects in a drop
 * event). files: [{name, bytes: Buffer}]. Returns performance.now() in the page just before the drop.
 */
export async function dropFiles(page, files) {
  return page.evaluate((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    document.documentElement.removeAttribute('data-fl-state');
    const zone = document.getElementById('drop-zone');
    const t0 = performance.now();
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    return t0;
  }, files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })));
}

/** The page's result as the tests look at it. */
export async function pageState(page) {
  return page.evaluate(() => {
    const msg = document.getElementById('message');
    return {
      tables: Array.from(document.querySelectorAll('#doc section.table-wrap')).map((s) => ({
        id: s.getAttribute('data-table'), kind: s.getAttribute('data-kind'),
        origin: (s.querySelector('.table-origin') || {}).textContent || null,
      })),
      findings: document.querySelectorAll('#findings-list button.finding').length,
      errorClaims: Array.from(document.querySelectorAll('#doc mark.claim[data-severity="error"]')).map((m) => m.textContent),
      summary: document.getElementById('summary').textContent,
      message: msg.hidden ? '' : msg.textContent,
      info: document.getElementById('input-info').textContent,
      box: document.getElementById('doc-text').value,
      readText: !document.getElementById('read-text').hidden,
      engines: window.fiscalLint.engines(),
      doneAt: Number(document.documentElement.getAttribute('data-fl-done-at')),
    };
  });
}

// End-to-end tests of the page in Debian chromium (playwright-core). Needs the build (scripts/build.sh: pkg/, dist/)
// and ../shared beside the repository. Run: node --test tests/e2e/   (scripts/test.sh does everything).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { basename, dirname, join } from 'node:path';
import {
  ROOT, SHARED_SAMPLE, OWN_SAMPLE, SINGLE_FILE, SINGLE_FILE_URL, serveRepo, launch, watch, pasteAndCheck, waitDone,
  readText,
} from './helpers.mjs';

let server;
let browser;

before(async () => {
  assert.ok(existsSync(SINGLE_FILE), 'dist/fiscal-lint.html exists (run scripts/build.sh)');
  assert.ok(existsSync(join(ROOT, 'pkg', 'fiscal_lint_bg.wasm')), 'pkg/ is built (run scripts/build.sh)');
  assert.ok(existsSync(SHARED_SAMPLE), `the shared sample exists at ${SHARED_SAMPLE} (../shared beside the repository)`);
  server = await serveRepo();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

async function openServed(path = '/www/index.html') {
  const page = await browser.newPage();
  const w = watch(page);
  await page.goto(server.origin + path);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fl-state') === 'ready');
  return { page, w };
}

async function openFile() {
  const page = await browser.newPage();
  const w = watch(page);
  await page.goto(SINGLE_FILE_URL);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fl-state') === 'ready');
  return { page, w };
}

/** Requests that are not the page's own files: other origins, anything but file:/blob:/data: for the single file. */
function foreign(requests, own) {
  return requests.filter((u) => !(u.startsWith(own) || u.startsWith('blob:') || u.startsWith('data:')));
}

function cli(file) {
  // The CLI's JSON for the same file, run from the file's directory with the bare file name (the page records the
  // picked file's name as input.name).
  const bin = process.env.FISCAL_LINT_BIN || join(ROOT, 'target', 'debug', 'fiscal-lint');
  const args = ['check', basename(file), '--format', 'json'];
  const run = (cmd, a) => {
    try {
      return execFileSync(cmd, a, { cwd: dirname(file), encoding: 'utf8', maxBuffer: 1 << 28 });
    } catch (e) {
      if (e.status === 1 && e.stdout) return e.stdout; // exit 1 = the document has errors
      throw e;
    }
  };
  if (existsSync(bin)) return run(bin, args);
  return run('cargo', ['run', '--quiet', '--manifest-path', join(ROOT, 'Cargo.toml'), '--bin', 'fiscal-lint', '--', ...args]);
}

async function exportedJson(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  return readFileSync(await dl.path(), 'utf8');
}

test('served page: the real shared sample → T3 row 20113 cells carry data-severity="error"', async () => {
  const { page, w } = await openServed();
  await pasteAndCheck(page, readText(SHARED_SAMPLE));
  const cells = await page.$$eval(
    'section[data-kind="final.expenditure"] tr[data-code="20113"] td[data-severity="error"]',
    (tds) => tds.map((td) => td.textContent),
  );
  console.log(`  T3 20113 error cells: ${JSON.stringify(cells)}`);
  assert.ok(cells.length >= 1, 'T3 row 20113 has error cells');
  // Marked by a sign as well as a colour.
  assert.ok(cells.every((t) => t.includes('✖')));
  const summary = await page.textContent('#summary');
  assert.match(summary, /识别表格 \d+ 张/);
  const own = foreign(w.requests, server.origin);
  console.log(`  served page: ${w.requests.length} requests, all to ${server.origin}; ${own.length} elsewhere`);
  assert.deepEqual(own, [], 'no request leaves the page’s own origin');
  assert.deepEqual(w.errors, []);
  await page.close();
});

test('single file via file:// loads, checks the built-in sample and renders it, with zero requests beyond the file', async () => {
  const { page, w } = await openFile();
  await page.click('#sample-btn');
  await waitDone(page);
  const state = await page.evaluate(() => ({
    tables: document.querySelectorAll('#doc table.doc-table').length,
    flagged: document.querySelectorAll('#doc [data-severity]').length,
    findings: document.querySelectorAll('#findings-list button.finding').length,
    claims: Array.from(document.querySelectorAll('#doc mark.claim[data-severity="error"]')).map((m) => m.textContent),
    summary: document.getElementById('summary').textContent,
    message: document.getElementById('message').hidden ? '' : document.getElementById('message').textContent,
  }));
  console.log(`  file://: ${state.tables} tables, ${state.flagged} flagged cells/spans, ${state.findings} findings`);
  assert.equal(state.message, '');
  assert.ok(state.tables >= 9, 'nine tables rendered');
  assert.ok(state.flagged > 0 && state.findings > 0);
  // The narrative's deliberate errors (a wrong 占 share, a completion rate against a zero budget) are marked in the text.
  assert.ok(state.claims.some((t) => t.includes('48.69%')), 'the wrong share is marked: ' + JSON.stringify(state.claims));
  assert.ok(state.claims.some((t) => t.includes('100.00%')), 'the completion rate on a zero budget is marked');
  assert.match(state.summary, /示例市示例区数据服务中心/);
  const beyond = w.requests.filter((u) => u !== SINGLE_FILE_URL && !u.startsWith('blob:'));
  console.log(`  file://: requests ${w.requests.length} (the file + ${w.requests.length - 1 - beyond.length} blob: worker), beyond the file: ${beyond.length}`);
  assert.deepEqual(beyond, []);
  assert.deepEqual(w.errors, []);
  await page.close();
});

test('a copy saved from the browser (the page’s DOM written to disk) still works offline', async () => {
  const { page } = await openFile();
  await page.click('#sample-btn');
  await waitDone(page);
  const dir = mkdtempSync(join(tmpdir(), 'fl-saved-'));
  const saved = join(dir, 'saved.html');
  writeFileSync(saved, await page.content());
  await page.close();
  const p2 = await browser.newPage();
  const w = watch(p2);
  await p2.goto(pathToFileURL(saved).href);
  await p2.waitForFunction(() => document.documentElement.getAttribute('data-fl-state') === 'ready');
  assert.equal(await p2.isHidden('#results'), true, 'stale results are not shown');
  await p2.click('#sample-btn');
  await waitDone(p2);
  assert.ok((await p2.locator('#doc td[data-severity="error"]').count()) > 0);
  assert.deepEqual(w.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:')), []);
  assert.deepEqual(w.errors, []);
  await p2.close();
});

test('the page’s JSON export equals the CLI’s JSON for the same file (own sample and shared sample)', async () => {
  const { page } = await openServed();
  for (const file of [OWN_SAMPLE, SHARED_SAMPLE]) {
    await page.evaluate(() => document.documentElement.removeAttribute('data-fl-state'));
    await page.setInputFiles('#file-input', file);
    await waitDone(page);
    const fromPage = await exportedJson(page);
    const fromCli = cli(file);
    assert.equal(fromPage, fromCli, `export of ${basename(file)} equals fiscal-lint check --format json`);
    console.log(`  ${basename(file)}: page export = CLI (${fromCli.length} bytes)`);
  }
  // CSV export: a header and one line per finding-cell at least.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.match(csv, /^\ufeffseverity,rule,verdict,/);
  assert.ok(csv.split('\r\n').length > 2);
  await page.close();
});

test('user content renders as inert text: <img onerror> and <script> in cells and prose', async () => {
  const { page, w } = await openServed();
  await page.evaluate(() => { window.__pwned = 0; });
  const evil = readText(OWN_SAMPLE)
    .replace('其他技术研究与开发支出\t126.00', '<img src=x onerror="window.__pwned=1;alert(1)">\t126.00')
    .replace('机关事业单位职业年金缴费支出\t14.74', '<script>window.__pwned=2;alert(2)</script>\t14.74')
    .replace('2023 年度收入合计', '<img src=x onerror=alert(3)><script>alert(4)</script>2023 年度收入合计');
  assert.notEqual(evil, readText(OWN_SAMPLE));
  await pasteAndCheck(page, evil);
  await page.waitForTimeout(300);
  const dom = await page.evaluate(() => ({
    imgs: document.querySelectorAll('#doc img, #findings-list img, #summary img').length,
    scripts: document.querySelectorAll('body script:not([type="text/plain"])').length,
    docText: document.getElementById('doc').textContent,
    pwned: window.__pwned,
  }));
  assert.equal(dom.imgs, 0, 'no <img> element created');
  assert.equal(dom.scripts, 1, 'no <script> element besides the page’s own');
  assert.equal(dom.pwned, 0, 'no handler ran');
  assert.deepEqual(w.dialogs, [], 'no dialog opened');
  assert.ok(dom.docText.includes('<img src=x onerror="window.__pwned=1;alert(1)">'), 'shown as text in the table');
  assert.ok(dom.docText.includes('<script>window.__pwned=2;alert(2)</script>'), 'shown as text in the table');
  assert.ok(dom.docText.includes('<img src=x onerror=alert(3)><script>alert(4)</script>'), 'shown as text in the prose');
  await page.close();
});

test('an unreadable input: a clear message, and the pasted text stays', async () => {
  const { page } = await openServed();
  const text = 'hello world\nthis is not a fiscal document\n';
  await pasteAndCheck(page, text);
  const msg = await page.textContent('#message');
  assert.match(msg, /未识别到/);
  assert.equal(await page.inputValue('#doc-text'), text);
  // A broken PDF: the reader's message, naming the file; the text is still there (more in files.test.mjs).
  await page.setInputFiles('#file-input', { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
  await page.waitForFunction(() => /report\.pdf：/.test(document.getElementById('message').textContent));
  assert.match(await page.textContent('#message'), /report\.pdf：PDF/);
  assert.doesNotMatch(await page.textContent('#message'), /暂不支持/);
  assert.equal(await page.inputValue('#doc-text'), text);
  await page.close();
});

test('findings panel: filter by severity, keyboard navigation, click locates and flashes the cell; English toggle', async () => {
  const { page } = await openServed();
  await page.click('#sample-btn');
  await waitDone(page);
  const counts = await page.$$eval('[data-count]', (es) => Object.fromEntries(es.map((e) => [e.dataset.count, Number(e.textContent)])));
  assert.ok(counts.error > 0 && counts.info > 0, JSON.stringify(counts));
  // Filter: hide errors.
  await page.uncheck('[data-filter="error"]');
  assert.equal(await page.$$eval('li[data-severity="error"]:not([hidden])', (l) => l.length), 0);
  await page.check('[data-filter="error"]');
  // Keyboard: focus the first finding, ArrowDown, Enter.
  await page.focus('#findings-list button.finding');
  await page.keyboard.press('ArrowDown');
  const idx = await page.evaluate(() => document.activeElement.getAttribute('data-index'));
  assert.ok(idx !== null, 'ArrowDown moves to the next finding');
  await page.keyboard.press('Enter');
  const located = await page.evaluate(() => {
    const a = document.activeElement;
    return { flagged: a.hasAttribute('data-severity'), flash: !!document.querySelector('.flash'), tip: !document.getElementById('tip').hidden };
  });
  assert.deepEqual(located, { flagged: true, flash: true, tip: true });
  // Hover shows expected / found / difference / rule.
  const tip = await page.textContent('#tip');
  assert.match(tip, /规则/);
  await page.click('#lang-toggle');
  assert.equal(await page.textContent('#check-btn'), 'Check');
  assert.match(await page.textContent('#summary'), /tables recognised/);
  await page.click('#lang-toggle');
  await page.close();
});

test('embedding: the example portal page (ES module from pkg/ and an iframe of the single file)', async () => {
  const page = await browser.newPage();
  const w = watch(page);
  await page.goto(server.origin + '/www/embed-example.html');
  await page.waitForFunction(() => !document.getElementById('portal-check').disabled);
  await page.click('#portal-sample');
  await page.waitForFunction(() => document.getElementById('portal-text').value.length > 1000);
  await page.click('#portal-check');
  await page.waitForFunction(() => document.documentElement.dataset.portalState === 'done');
  const n = await page.$$eval('#portal-findings li[data-severity="error"]', (l) => l.length);
  assert.ok(n > 0, 'the module API reports the sample’s errors');
  // The iframe: the single file, inside the portal.
  const frame = page.frameLocator('#fl-frame');
  await frame.locator('#sample-btn').click();
  await frame.locator('html[data-fl-state="done"]').waitFor({ timeout: 60000 });
  assert.ok((await frame.locator('#doc td[data-severity="error"]').count()) > 0);
  assert.deepEqual(foreign(w.requests, server.origin), []);
  assert.deepEqual(w.errors, []);
  await page.close();
});

test('a 5 MB paste keeps the page responsive, and finishes or says why', async () => {
  const { page, w } = await openFile();
  const unit = readText(OWN_SAMPLE);
  const copies = Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(unit));
  await page.evaluate(() => {
    // Long tasks (≥ 50 ms) as the browser reports them, and a timer probe: the longest gap between 10 ms ticks.
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
    window.__gap = 0;
    let last = performance.now();
    window.__probe = setInterval(() => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last - 10);
      last = now;
    }, 10);
  });
  const t0 = Date.now();
  await page.evaluate(([u, n]) => {
    // A paste as the browser delivers it: a paste event carrying the text.
    const ta = document.getElementById('doc-text');
    const dt = new DataTransfer();
    dt.setData('text/plain', u.repeat(n));
    ta.focus();
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    document.documentElement.removeAttribute('data-fl-state');
    document.getElementById('check-btn').click();
  }, [unit, copies]);
  // While it runs, the page answers: the language toggle responds.
  const probeStart = Date.now();
  await page.click('#lang-toggle', { timeout: 5000 });
  const clickMs = Date.now() - probeStart;
  await page.click('#lang-toggle', { timeout: 5000 });
  await waitDone(page, 240000);
  const r = await page.evaluate(() => ({
    long: window.__long, gap: window.__gap,
    done: document.documentElement.getAttribute('data-fl-state') === 'done',
    message: document.getElementById('message').hidden ? '' : document.getElementById('message').textContent,
    note: document.getElementById('doc-note').hidden ? '' : document.getElementById('doc-note').textContent,
    timings: window.fiscalLint.timings(),
    size: window.fiscalLint.inputLength(),
  }));
  const longest = Math.max(0, ...r.long);
  console.log(`  5 MB paste (${copies} copies of the sample, ${r.size} chars): ` +
    `${r.done ? 'finished' : 'stopped: ' + r.message} in ${Date.now() - t0} ms ` +
    `(check in wasm ${Math.round(r.timings?.checkMs ?? -1)} ms); ` +
    `longest main-thread block: longtask ${Math.round(longest)} ms, timer gap ${Math.round(r.gap)} ms ` +
    `(${r.long.length} long tasks); a click during the check answered in ${clickMs} ms. ${r.note}`);
  assert.ok(r.done || r.message, 'finished, or said why not');
  assert.ok(clickMs < 5000, 'the page answered a click during the check');
  assert.deepEqual(w.requests.filter((u) => u !== SINGLE_FILE_URL && !u.startsWith('blob:')), []);
  await page.close();
});

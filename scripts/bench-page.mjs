// Prints the page's size and speed figures (not timed tests):
//   - sizes, raw and gzipped: the first-load wasm (the core module, target ≤ 250 KB gz), the formats module (PDF and
//     Office readers, loaded only when such a file arrives), what the served page's first load fetches, and the
//     single file (target ≤ 350 KB gz) — with and without the formats module embedded in it
//   - single file opened from disk in headless chromium (?sample): navigation → sample checked and rendered
//     (target ≤ 500 ms), median of fresh page loads
//   - the check of the seed sample in wasm (V8, as in chromium) vs native (cargo bench --bench core), same run
//     (target: wasm within 3× native)
//   - the 25-page 财政局 PDF (../shared): drop → findings rendered in headless chromium, served and from file://,
//     first drop (formats module loaded on the way) and a second drop (target ≤ 2 s); the CLI natively
//     (target/release/fiscal-lint check FILE --format json, whole process); where the time goes natively
//     (scripts/bench-page.rs: text extraction, layout, rules, JSON)
// Usage: node scripts/bench-page.mjs [--loads N] [--pdf-runs N] [--only sizes,sample,pdf]
//   (after scripts/build.sh and cargo build --release; scripts/bench-page.sh does all three)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, join } from 'node:path';
import {
  ROOT, SINGLE_FILE, SINGLE_FILE_URL, SHARED_SAMPLE, SHARED_PDF, OWN_SAMPLE, launch, serveRepo, dropFiles, waitDone,
} from '../tests/e2e/helpers.mjs';
import { bundlePage } from './bundle-page.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const LOADS = Number(opt('--loads', 7));
const PDF_RUNS = Number(opt('--pdf-runs', 7));
const ONLY = opt('--only', 'sizes,sample,pdf').split(',');
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const mark = (ok) => (ok ? 'meets' : 'MISSES');

// ---- sizes
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const both = (buf) => `${kb(buf.length)} raw, ${kb(gz(buf))} gzipped`;
const file = (p) => readFileSync(join(ROOT, p));
const wasm = file('pkg/fiscal_lint_bg.wasm');
if (ONLY.includes('sizes')) {
  const formats = file('pkg/fiscal_lint_formats_bg.wasm');
  const single = readFileSync(SINGLE_FILE);
  const wasmGz = gz(wasm);
  const singleGz = gz(single);
  console.log('== sizes');
  console.log(`   first-load wasm, core module (pkg/fiscal_lint_bg.wasm): ${both(wasm)}   (target ≤ 250 KB gz: ${mark(wasmGz <= 250 * 1024)})`);
  console.log(`   formats module (pkg/fiscal_lint_formats_bg.wasm, PDF/Office readers, on demand): ${both(formats)}`);
  console.log(`   glue (pkg/fiscal_lint_classic.js, each module's): ${both(file('pkg/fiscal_lint_classic.js'))}`);
  // The served page's first load: every file it fetches before it is ready to check (tests/e2e/files.test.mjs
  // asserts that the formats module is not among them).
  const first = ['www/index.html', 'www/style.css', ...bundlePage(ROOT).files, 'www/worker.js',
    'pkg/fiscal_lint_classic.js', 'pkg/fiscal_lint_bg.wasm'];
  const firstRaw = first.reduce((n, p) => n + file(p).length, 0);
  const firstGz = first.reduce((n, p) => n + gz(file(p)), 0);
  console.log(`   served page, first load (${first.length} files, each gzipped as a server would): ${kb(firstRaw)} raw, ${kb(firstGz)} gzipped`);
  console.log(`   served page, on the first PDF/xlsx/docx: + ${kb(formats.length + file('pkg/fiscal_lint_formats_classic.js').length)} raw, + ${kb(gz(formats) + gz(file('pkg/fiscal_lint_formats_classic.js')))} gzipped`);
  // The single file: everything is in it (one file, read whole); the formats module sits in it gzip+base64 and is
  // unpacked and compiled only when used.
  const html = single.toString('utf8');
  const block = (id) => {
    const m = new RegExp(`<script type="text/plain" id="${id}"[^>]*>([\\s\\S]*?)</script>`).exec(html);
    return m ? Buffer.byteLength(m[0]) : 0;
  };
  const formatsPart = block('fl-formats-wasm') + block('fl-formats-glue');
  const without = Buffer.from(html.replace(/<script type="text\/plain" id="fl-formats-(wasm|glue)"[^>]*>[\s\S]*?<\/script>\n?/g, ''));
  console.log(`   single file (dist/fiscal-lint.html), whole: ${kb(single.length)} raw, ${kb(singleGz)} gzipped   (target ≤ 350 KB gz: ${mark(singleGz <= 350 * 1024)})`);
  console.log(`     of which the embedded formats module (gzip+base64 wasm and its glue): ${kb(formatsPart)} raw`);
  console.log(`     the same file without the formats module (what the first load decodes and compiles): ${both(without)}   (≤ 350 KB gz: ${mark(gz(without) <= 350 * 1024)})`);
  const rawB64 = wasm.toString('base64').length;
  console.log(`     (the core wasm inlined as plain base64, as before: ${kb(rawB64)} raw, ${kb(gz(Buffer.from(wasm.toString('base64'))))} gzipped; as gzip+base64 now: ${kb(Math.ceil(wasmGz / 3) * 4)} raw)`);
}

// ---- wasm vs native on the seed sample
if (ONLY.includes('sample')) {
  console.log('== check of the seed sample: wasm vs native');
  const { initSync, checkText } = await import(join(ROOT, 'pkg', 'fiscal_lint.js'));
  initSync({ module: wasm });
  const seed = readFileSync(SHARED_SAMPLE, 'utf8');
  const NAME = 'henan-xinxiang-hongqi-gxj-2023-final.txt';
  for (let i = 0; i < 20; i++) checkText(NAME, seed);
  const times = [];
  for (let i = 0; i < 300; i++) {
    const t = process.hrtime.bigint();
    checkText(NAME, seed);
    times.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  const wasmUs = median(times);
  console.log(`   wasm (node ${process.version}, V8 — chromium's engine; checkText incl. JSON): median ${wasmUs.toFixed(1)} µs over ${times.length} runs`);
  let nativeUs = null;
  try {
    const out = execFileSync('cargo', ['bench', '--quiet', '--bench', 'core', '--', '--quick', '--no-50mb'], {
      cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26,
    });
    const block = out.split('== (b)')[0];
    // "   wall      runs 50: min … median 3054.9 µs …" (or, in older output, "   runs 50: … median … µs").
    const line = block.split('\n').find((l) => /runs \d+:.*median/.test(l) && !/on-CPU/.test(l));
    const m = line && /median\s+([\d.]+)\s*(µs|ms)/.exec(line);
    if (m) nativeUs = m[2] === 'ms' ? Number(m[1]) * 1000 : Number(m[1]);
    if (line) console.log(`   native (cargo bench --bench core, check_text without JSON): ${line.trim()}`);
  } catch (e) {
    console.log(`   native: cargo bench failed: ${String(e.message).split('\n')[0]}`);
  }
  if (nativeUs) {
    const ratio = wasmUs / nativeUs;
    console.log(`   wasm / native = ${ratio.toFixed(2)}×   (target within 3×: ${mark(ratio <= 3)})`);
  }

  // ---- the single file from disk: navigation → sample checked and rendered
  console.log('== single file from disk in headless chromium: navigation → sample checked and rendered');
  const browser = await launch();
  const loads = [];
  const checks = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await browser.newPage();
    await page.goto(SINGLE_FILE_URL + '?sample');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-fl-state') === 'done', null, { timeout: 60000 });
    const r = await page.evaluate(() => ({
      doneAt: Number(document.documentElement.getAttribute('data-fl-done-at')),
      t: window.fiscalLint.timings(),
    }));
    loads.push(r.doneAt);
    checks.push(r.t.checkMs);
    await page.close();
  }
  await browser.close();
  const med = median(loads);
  console.log(`   own sample (${kb(statSync(OWN_SAMPLE).size)}), ${LOADS} fresh loads: median ${med} ms, min ${Math.min(...loads)} ms, max ${Math.max(...loads)} ms   (target ≤ 500 ms: ${mark(med <= 500)})`);
  console.log(`   of which the check in the worker (first run, cold): median ${median(checks).toFixed(1)} ms`);
}

// ---- the 财政局 PDF: drop → findings in chromium, the CLI natively, and where the time goes
if (ONLY.includes('pdf')) {
  const pdf = readFileSync(SHARED_PDF);
  const name = basename(SHARED_PDF);
  console.log(`== ${name} (${kb(pdf.length)}): drop → findings rendered, headless chromium, ${PDF_RUNS} fresh pages each`);
  const server = await serveRepo();
  const browser = await launch();
  for (const [where, url] of [['served (http)', server.origin + '/www/index.html'], ['single file (file://)', SINGLE_FILE_URL]]) {
    const cold = [];
    const warm = [];
    const inWorker = [];
    for (let i = 0; i < PDF_RUNS; i++) {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.fiscalLint && window.fiscalLint.engines().core, null, { timeout: 60000 });
      for (const into of [cold, warm]) {
        const t0 = await dropFiles(page, [{ name, bytes: pdf }]);
        await waitDone(page, 120000);
        const r = await page.evaluate(() => ({
          doneAt: Number(document.documentElement.getAttribute('data-fl-done-at')),
          ok: document.getElementById('message').hidden && document.querySelectorAll('#doc section.table-wrap').length === 9,
          t: window.fiscalLint.timings(),
        }));
        if (!r.ok) throw new Error(`${where}: the PDF was not read into nine tables`);
        into.push(r.doneAt - t0);
        if (into === warm) inWorker.push(r.t.checkMs);
      }
      await page.close();
    }
    const m = median(cold);
    console.log(`   ${where}: first PDF (formats module ${where.startsWith('served') ? 'fetched' : 'unpacked'} and compiled on the way) median ${m.toFixed(0)} ms (min ${Math.min(...cold).toFixed(0)}, max ${Math.max(...cold).toFixed(0)})   (target ≤ 2 s: ${mark(m <= 2000)})`);
    console.log(`   ${where}: second PDF on the same page: median ${median(warm).toFixed(0)} ms, of which checkFiles in the worker (read + check + JSON) ${median(inWorker).toFixed(0)} ms`);
  }
  await browser.close();
  await server.close();

  // The CLI, natively: the whole process (start, read the file, check, print the JSON).
  const cli = join(ROOT, 'target', 'release', 'fiscal-lint');
  const cliTimes = [];
  for (let i = 0; i < PDF_RUNS * 3 + 2; i++) {
    const t = process.hrtime.bigint();
    try {
      execFileSync(cli, ['check', SHARED_PDF, '--format', 'json'], { stdio: ['ignore', 'ignore', 'ignore'] });
    } catch (e) {
      if (e.status !== 1) throw e; // 1 = the document has errors
    }
    if (i >= 2) cliTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(`== the CLI natively: target/release/fiscal-lint check ${name} --format json (whole process)`);
  console.log(`   median ${median(cliTimes).toFixed(1)} ms, min ${Math.min(...cliTimes).toFixed(1)} ms over ${cliTimes.length} runs`);

  // Where the time goes, natively: scripts/bench-page.rs in a throw-away cargo project (release profile as the CLI's).
  console.log('== where a PDF check spends its time, natively (scripts/bench-page.rs, release profile)');
  const dir = join(ROOT, 'target', 'bench-page');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Cargo.toml'), [
    '[package]', 'name = "fl-bench-page"', 'version = "0.0.0"', 'edition = "2024"', 'publish = false', '',
    '[dependencies]', `fiscal-lint = { path = ${JSON.stringify(ROOT)} }`, '',
    '[[bin]]', 'name = "bench-pdf"', `path = ${JSON.stringify(join(ROOT, 'scripts', 'bench-page.rs'))}`, '',
    '[profile.release]', 'opt-level = "s"', 'lto = true', 'codegen-units = 1', 'panic = "abort"', '', '[workspace]', '',
  ].join('\n'));
  try {
    execFileSync('cargo', ['build', '--quiet', '--release', '--manifest-path', join(dir, 'Cargo.toml')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const out = execFileSync(join(dir, 'target', 'release', 'bench-pdf'), [SHARED_PDF, String(PDF_RUNS * 5)], { encoding: 'utf8' });
    process.stdout.write(out);
  } catch (e) {
    console.log(`   bench-pdf failed: ${String(e.message).split('\n')[0]}`);
  }
}

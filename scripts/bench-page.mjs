// Prints the page's size and speed figures (not timed tests):
//   - wasm size, raw and gzipped (target ≤ 250 KB gz); the whole single file gzipped (≤ 350 KB gz)
//   - single file opened from disk in headless chromium (?sample): navigation → sample checked and rendered
//     (target ≤ 500 ms), median of fresh page loads
//   - the check of the seed sample in wasm (V8, as in chromium) vs native (cargo bench --bench core), same run
//     (target: wasm within 3× native)
// Usage: node scripts/bench-page.mjs [--loads N]   (after scripts/build.sh; scripts/bench-page.sh does both)
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { ROOT, SINGLE_FILE, SINGLE_FILE_URL, SHARED_SAMPLE, OWN_SAMPLE, launch } from '../tests/e2e/helpers.mjs';

const args = process.argv.slice(2);
const LOADS = Number(args[args.indexOf('--loads') + 1]) || 7;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const mark = (ok) => (ok ? 'meets' : 'MISSES');

// ---- sizes
const wasmPath = join(ROOT, 'pkg', 'fiscal_lint_bg.wasm');
const wasm = readFileSync(wasmPath);
const single = readFileSync(SINGLE_FILE);
const wasmGz = gzipSync(wasm, { level: 9 }).length;
const singleGz = gzipSync(single, { level: 9 }).length;
console.log('== sizes');
console.log(`   wasm (pkg/fiscal_lint_bg.wasm): ${kb(wasm.length)} raw, ${kb(wasmGz)} gzipped   (target ≤ 250 KB gz: ${mark(wasmGz <= 250 * 1024)})`);
console.log(`   glue (pkg/fiscal_lint.js): ${kb(statSync(join(ROOT, 'pkg', 'fiscal_lint.js')).size)}`);
console.log(`   single file (dist/fiscal-lint.html): ${kb(single.length)} raw, ${kb(singleGz)} gzipped   (target ≤ 350 KB gz: ${mark(singleGz <= 350 * 1024)})`);

// ---- wasm vs native on the seed sample
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
    flagged: document.querySelectorAll('#doc [data-severity]').length,
  }));
  loads.push(r.doneAt);
  checks.push(r.t.checkMs);
  await page.close();
}
await browser.close();
const med = median(loads);
console.log(`   own sample (${kb(statSync(OWN_SAMPLE).size)}), ${LOADS} fresh loads: median ${med} ms, min ${Math.min(...loads)} ms, max ${Math.max(...loads)} ms   (target ≤ 500 ms: ${mark(med <= 500)})`);
console.log(`   of which the check in the worker (first run, cold): median ${median(checks).toFixed(1)} ms`);

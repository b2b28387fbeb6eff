// End-to-end tests of the form panel (「表样与核对范围」) and of a check that checked nothing: the page says which form
// the document follows and what of it was and was not checked, and never shows "nothing checked" as a clean result.
// Every expectation is taken from the report itself (document.form, outcome, notice), not from counts pinned here:
// the readers will read more tables over time. Served and from file://, with no request beyond the page.
// Needs the build (scripts/build.sh) and ../shared beside the repository. Run: node --test tests/e2e/form.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  ROOT, SINGLE_FILE, SINGLE_FILE_URL, serveRepo, launch, watch, waitDone, dropFiles, pasteAndCheck,
} from './helpers.mjs';

const PDFS = join(ROOT, '..', 'shared', 'samples', 'pdf');
/** A Shanghai 部门预算 PDF: some tables read and checked, some found by title only (not checked). */
// A Shanghai budget with one table of its form not read (its 「三公」 table's figures run together in the PDF, so
// their columns are not certain): the panel shows both kinds of line.
const SHANGHAI_BUDGET = join(PDFS, 'shanghai-putuo-zfb-2025-budget.pdf');
/** A university budget PDF whose tables no reader reads yet (nothing checked, as of this test). */
const SWU = join(PDFS, 'chongqing-beibei-swu-2024-budget.pdf');
/** Figures in prose and no table at all: nothing can be checked, and no form can be recognised. */
const MADE_UP = [
  '示例区示例局2024年部门预算',
  '一、收入预算情况',
  '2024年收入预算 1,234.56 万元，比上年增加 123.45 万元。',
  '二、支出预算情况',
  '2024年支出预算 1,234.56 万元，其中基本支出 800.00 万元，项目支出 434.56 万元。',
  '',
].join('\n');

let server;
let browser;

before(async () => {
  assert.ok(existsSync(SINGLE_FILE), 'dist/fiscal-lint.html exists (run scripts/build.sh)');
  assert.ok(existsSync(SHANGHAI_BUDGET), `the shared PDF exists at ${SHANGHAI_BUDGET} (../shared beside the repository)`);
  server = await serveRepo();
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

async function open(url) {
  const page = await browser.newPage();
  const w = watch(page);
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fl-state') === 'ready');
  await page.waitForFunction(() => window.fiscalLint.engines().core, null, { timeout: 60000 });
  return { page, w };
}

const WHERE = () => [['served', server.origin + '/www/index.html'], ['file://', SINGLE_FILE_URL]];

function beyondPage(requests, where) {
  return where === 'served'
    ? requests.filter((u) => !(u.startsWith(server.origin) || u.startsWith('blob:') || u.startsWith('data:')))
    : requests.filter((u) => u !== SINGLE_FILE_URL && !u.startsWith('blob:') && !u.startsWith('data:'));
}

function cliJson(file) {
  const bin = process.env.FISCAL_LINT_BIN || join(ROOT, 'target', 'debug', 'fiscal-lint');
  const args = ['check', basename(file), '--format', 'json'];
  const run = (cmd, a) => {
    try {
      return execFileSync(cmd, a, { cwd: dirname(file), encoding: 'utf8', maxBuffer: 1 << 28 });
    } catch (e) {
      if ((e.status === 1 || e.status === 2) && e.stdout) return e.stdout; // errors found / nothing checked
      throw e;
    }
  };
  if (existsSync(bin)) return run(bin, args);
  return run('cargo', ['run', '--quiet', '--manifest-path', join(ROOT, 'Cargo.toml'), '--bin', 'fiscal-lint', '--', ...args]);
}

const report = async (page) => JSON.parse(await page.evaluate(() => window.fiscalLint.report()));

/** The form panel as shown: the form's name line and one entry per table line. */
async function panel(page) {
  return page.evaluate(() => {
    const c = document.getElementById('coverage');
    return {
      hidden: c.hidden,
      heading: document.getElementById('coverage-heading').textContent,
      form: c.getAttribute('data-form'),
      name: (c.querySelector('.form-name') || {}).textContent || '',
      text: c.textContent,
      lines: Array.from(c.querySelectorAll('.form-tables > li')).map((li) => {
        const item = li.querySelector('.cov-item');
        return {
          key: li.dataset.key, status: li.dataset.status, table: li.dataset.table || null, text: li.textContent,
          status_text: li.querySelector('.cov-status').textContent,
          link: item.tagName === 'BUTTON' ? item.getAttribute('data-goto') : null,
        };
      }),
    };
  });
}

const WORD = { checked: /✔\s*已核对/, not_checked: /○\s*未核对/, missing: /—\s*缺少/ };

test('a Shanghai budget PDF: the panel names its form and level, and every table of the form with its status, unit and reason; a line goes to its table', async () => {
  for (const [where, url] of WHERE()) {
    const { page, w } = await open(url);
    await dropFiles(page, [{ name: basename(SHANGHAI_BUDGET), bytes: readFileSync(SHANGHAI_BUDGET) }]);
    await waitDone(page, 120000);
    assert.equal(await page.evaluate(() => document.getElementById('message').hidden), true, 'no error message');
    const r = await report(page);
    const form = r.document.form;
    assert.ok(form, 'the report matched a form');
    assert.equal(form.id, 'shanghai-budget');
    const p = await panel(page);
    console.log(`  ${where}: ${p.name}; ${p.lines.map((l) => `${l.status}:${l.key}`).join(' ')}`);
    assert.equal(p.hidden, false);
    assert.equal(p.heading, '表样与核对范围');
    assert.equal(p.form, form.id);
    assert.ok(p.name.includes(form.name.zh), p.name);
    if (form.level) assert.ok(p.name.endsWith('· ' + form.level), p.name);
    // One line per table of the form, in the form's order, each with its status as a mark and a word.
    assert.deepEqual(p.lines.map((l) => [l.key, l.status]), form.tables.map((t) => [t.key, t.status]));
    for (const [i, t] of form.tables.entries()) {
      const l = p.lines[i];
      assert.ok(l.text.includes(t.title), `${t.key}: title`);
      assert.ok(l.text.includes(t.unit), `${t.key}: unit`);
      assert.match(l.status_text, WORD[t.status], `${t.key}: status mark and word`);
      if (t.reason) assert.ok(l.text.includes(t.reason.zh), `${t.key}: reason`);
      // A table that was read (checked or not) links to it; a missing one does not.
      assert.equal(l.link, t.status !== 'missing' && t.table ? t.table : null, `${t.key}: link`);
    }
    const fn = form.tables.find((t) => t.title === '一般公共预算支出功能分类预算表');
    assert.ok(fn, 'the form declares 一般公共预算支出功能分类预算表');
    assert.equal(fn.status, 'checked');
    assert.equal(p.lines.find((l) => l.key === fn.key).status, 'checked');
    // zfb 2025 prints every table of the form, and every one is read (its 「三公」 table by the header's positions).
    assert.deepEqual(form.tables.filter((t) => t.status !== 'checked').map((t) => t.key), [], 'every table checked');
    // The page does not call it a clean bill or a failure of the check: the outcome is the report's.
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-fl-outcome')), r.outcome);
    // The checked table's line goes to that table in the document view (click), and by keyboard (Enter).
    await page.click(`#coverage button[data-goto="${fn.table}"]`);
    const at = () => page.evaluate(() => {
      const s = document.activeElement && document.activeElement.closest('section.table-wrap');
      return s ? s.dataset.table : null;
    });
    assert.equal(await at(), fn.table, 'click: focus on the table');
    const other = form.tables.find((t) => t.table && t.table !== fn.table);
    if (other) {
      await page.focus(`#coverage button[data-goto="${other.table}"]`);
      await page.keyboard.press('Enter');
      assert.equal(await at(), other.table, 'Enter: focus on the table');
    }
    // The table in the document view says what the form says of it.
    const tag = await page.textContent(`section[data-table="${fn.table}"] .table-status`);
    assert.match(tag, /✔\s*已核对/);
    // English.
    await page.click('#lang-toggle');
    const en = await panel(page);
    assert.equal(en.heading, 'Form and coverage');
    assert.ok(en.name.includes(form.name.en), en.name);
    await page.click('#lang-toggle');
    // The print view keeps the panel.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('#coverage .form-tables'), true, 'printed');
    await page.emulateMedia({ media: 'screen' });
    if (where === 'served') {
      const exported = await page.evaluate(() => window.fiscalLint.report());
      assert.equal(exported, cliJson(SHANGHAI_BUDGET), 'the page’s JSON = fiscal-lint check --format json');
    }
    assert.deepEqual(beyondPage(w.requests, where), [], 'no request beyond the page');
    assert.deepEqual(w.errors, []);
    await page.close();
  }
});

test('nothing checked: the notice is an alert, the outcome reads 「未核对」, and no counter or list claims a clean result', async () => {
  for (const [where, url] of WHERE()) {
    const { page, w } = await open(url);
    // The cases: the university budget PDF (no reader reads its tables yet) and prose with figures but no table.
    // Only those the report itself calls nothing_checked are held to it; the made-up text always is.
    const cases = [];
    if (existsSync(SWU)) {
      await dropFiles(page, [{ name: basename(SWU), bytes: readFileSync(SWU) }]);
      await waitDone(page, 120000);
      const r = await report(page);
      console.log(`  ${where}: ${basename(SWU)} → ${r.outcome}`);
      if (r.outcome === 'nothing_checked') cases.push(['pdf', r, await look(page)]);
    }
    await pasteAndCheck(page, MADE_UP);
    const r = await report(page);
    assert.equal(r.outcome, 'nothing_checked', 'the made-up text checks nothing');
    cases.push(['paste', r, await look(page)]);
    for (const [what, rep, st] of cases) {
      console.log(`  ${where} ${what}: ${st.outcome} | ${st.summary.slice(0, 120)}`);
      assert.equal(st.message, '', `${what}: no error message`);
      assert.equal(st.htmlOutcome, 'nothing_checked');
      assert.match(st.outcome, /○\s*未核对/, `${what}: the outcome badge`);
      assert.equal(st.notice.role, 'alert');
      assert.equal(st.notice.text, rep.notice.zh, `${what}: the report's notice`);
      assert.ok(st.notice.visible, `${what}: the notice is visible`);
      assert.doesNotMatch(st.summary, /错误 0 项/, `${what}: no "0 errors"`);
      assert.doesNotMatch(st.summary, /未发现错误/);
      assert.notEqual(st.errorCount, '0', `${what}: the error counter does not read 0`);
      assert.doesNotMatch(st.list, /没有发现问题/, `${what}: the list does not say "no problems"`);
      if (rep.document.form) {
        assert.ok(st.panel.includes(rep.document.form.name.zh), `${what}: the form is named`);
        for (const t of rep.document.form.tables) assert.ok(st.panel.includes(t.title));
      } else {
        assert.match(st.panel, /未能识别表样/, `${what}: 「未能识别表样」`);
      }
    }
    // English: the same, in English.
    await page.click('#lang-toggle');
    const en = await look(page);
    assert.match(en.outcome, /Not checked/);
    assert.equal(en.notice.text, r.notice.en);
    assert.doesNotMatch(en.summary, /\b0 errors\b/);
    assert.match(en.panel, /Form not recognised/);
    await page.click('#lang-toggle');
    // A document that was checked afterwards reads as checked again.
    await page.evaluate(() => document.documentElement.removeAttribute('data-fl-state'));
    await page.click('#sample-btn');
    await waitDone(page);
    const after = await look(page);
    assert.notEqual(after.htmlOutcome, 'nothing_checked');
    assert.equal(after.notice.text, null);
    assert.match(after.errorCount, /^\d+$/);
    assert.deepEqual(beyondPage(w.requests, where), [], 'no request beyond the page');
    assert.deepEqual(w.errors, []);
    await page.close();
  }
});

async function look(page) {
  return page.evaluate(() => {
    const n = document.querySelector('#summary .notice');
    const msg = document.getElementById('message');
    return {
      htmlOutcome: document.documentElement.getAttribute('data-fl-outcome'),
      outcome: (document.querySelector('#summary .outcome') || {}).textContent || '',
      summary: document.getElementById('summary').textContent,
      notice: { text: n ? n.textContent : null, role: n ? n.getAttribute('role') : null, visible: !!(n && n.offsetParent) },
      errorCount: document.querySelector('[data-count="error"]').textContent,
      list: document.getElementById('findings-list').textContent,
      panel: document.getElementById('coverage').hidden ? '' : document.getElementById('coverage').textContent,
      message: msg.hidden ? '' : msg.textContent,
    };
  });
}

test('a table of the form that is not read: its line says 「未核对」 and why, in Chinese and English', async () => {
  for (const [where, url] of WHERE()) {
    const { page, w } = await open(url);
    await dropFiles(page, [{ name: basename(SWU), bytes: readFileSync(SWU) }]);
    await waitDone(page, 120000);
    const form = (await report(page)).document.form;
    assert.equal(form.id, 'university-budget');
    // The 项目绩效目标表 has no reader: found by its title, not checked, with the reason.
    const t = form.tables.find((x) => x.key === 'project_targets');
    assert.equal(t.status, 'not_checked');
    assert.ok(t.reason && t.reason.zh && t.reason.en, 'a reason');
    const p = await panel(page);
    const l = p.lines.find((x) => x.key === 'project_targets');
    console.log(`  ${where}: ${l.status_text} ${t.reason.zh}`);
    assert.match(l.status_text, WORD.not_checked);
    assert.ok(l.text.includes(t.reason.zh), 'reason in Chinese');
    await page.click('#lang-toggle');
    assert.ok((await panel(page)).text.includes(t.reason.en), 'reason in English');
    assert.deepEqual(beyondPage(w.requests, where), [], 'no request beyond the page');
    assert.deepEqual(w.errors, []);
    await page.close();
  }
});

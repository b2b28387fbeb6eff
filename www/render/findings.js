// fiscal-lint page · render/findings: the result's summary line (outcome first, as a mark and a word) and the
// findings panel — counts by severity, filters, findings grouped by table and narrative section, keyboard
// navigation (↑/↓, Home/End), and locating a finding's cells and figures in the document view.
import { i18n, T } from '../i18n.js';
import { els, h, nextTask } from '../dom.js';
import { state } from '../state.js';
import { MARK, OUTCOME_MARK, NOT_A_RESULT, SEV_ORDER, SLICE_MS, HEAD_PART, HEAD_SECTION, numbersOf } from './common.js';
import { showTip } from './tip.js';

// ---------------------------------------------------------------- summary and findings panel
function renderSummary() {
  const c = state.current;
  if (!c || !c.report) return;
  const s = c.report.summary;
  const name = c.report.input.name;
  const outcome = c.report.outcome;
  const nothing = NOT_A_RESULT.has(outcome);
  const doc = c.report.document;
  const who = doc.organization ? doc.organization + (doc.year ? ' ' + doc.year : '') : '';
  els.summary.replaceChildren(
    // The check as a whole, first: a mark and a word (✖ 发现错误 · ✔ 未发现错误 · ○ 未核对).
    outcome ? h('span', { class: 'outcome', 'data-outcome': outcome },
      h('span', { class: 'outcome-mark', 'aria-hidden': 'true', text: OUTCOME_MARK[outcome] || '' }),
      T().outcome[outcome] || outcome) : null, outcome ? ' ' : null,
    h('span', { class: 'doc-name', text: name }), ' ',
    h('span', { class: 'summary-text', text: nothing ? T().summaryNothing(s, who) : T().summary(s, who) }),
  );
  // Nothing checked is not a clean bill: the report's notice says so, in the page's language, as an alert.
  const notice = c.report.notice;
  if (notice) {
    els.summary.append(h('p', { class: 'notice', role: nothing ? 'alert' : 'status', 'data-outcome': outcome || null,
      text: i18n.lang === 'en' ? notice.en : notice.zh }));
  }
  for (const sev of ['error', 'warning', 'info']) {
    const n = sev === 'error' ? s.errors : sev === 'warning' ? s.warnings : s.infos;
    const e = document.querySelector('[data-count="' + sev + '"]');
    if (!e) continue;
    // With nothing checked, no error and no rounding note is not a finding of the check: shown as not checked.
    const unchecked = nothing && n === 0 && sev !== 'warning';
    e.textContent = unchecked ? '—' : String(n);
    e.title = unchecked ? T().notCheckedCount : '';
    e.classList.toggle('unchecked', unchecked);
  }
  document.documentElement.setAttribute('data-fl-errors', String(s.errors));
  document.documentElement.setAttribute('data-fl-outcome', outcome || '');
}

function blockAt(c, pos) {
  const bs = c.blocks;
  let lo = 0, hi = bs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (bs[mid].start <= pos) lo = mid + 1; else hi = mid; }
  return lo > 0 ? lo - 1 : -1;
}

function groupsOf(c) {
  // Section heading of every block (part + section), computed once.
  if (!c.sectionOf) {
    c.sectionOf = new Array(c.blocks.length);
    let part = '', sec = '';
    for (let k = 0; k < c.blocks.length; k++) {
      const t = c.blocks[k].text;
      if (HEAD_PART.test(t)) { part = t; sec = ''; }
      else if (HEAD_SECTION.test(t) && t.length < 40) sec = t;
      c.sectionOf[k] = sec ? sec : part;
    }
  }
  const groups = new Map();
  const order = [];
  const add = (key, label, i, pos = Infinity) => {
    if (!groups.has(key)) { groups.set(key, { label, items: [], pos }); order.push(key); }
    const g = groups.get(key);
    g.items.push(i);
    g.pos = Math.min(g.pos, pos);
  };
  const tableOrder = new Map(c.report.document.tables.map((t, k) => [t.id, k]));
  const titles = new Map(c.report.document.tables.map((t) => [t.id, t.title]));
  // A table's group names its file when there are several, and its sheet (workbooks).
  const several = (c.report.input.files || []).length > 1;
  const from = new Map(c.report.document.tables.map((t) => [t.id, t.origin
    ? (several ? ' · ' + t.origin.file : '') + (t.origin.sheet ? ' · ' + T().sheet(t.origin.sheet) : '') : '']));
  c.report.findings.forEach((f, i) => {
    // A claim of the narrative goes under its section (一、收入支出决算总体情况说明 …), a table finding under its table.
    const k = f.text ? blockAt(c, f.text.start) : -1;
    const sec = k >= 0 ? c.sectionOf[k] : '';
    if (f.text && sec) add('n:' + sec, sec, i, k);
    else if (f.cells && f.cells.length) {
      const id = f.cells[0].table;
      add('t:' + id, id.toUpperCase() + ' ' + (titles.get(id) || f.cells[0].table_kind) + (from.get(id) || ''), i);
    } else if (f.text) add('n:', T().narrative, i);
    else add('d:', T().document, i);
  });
  order.sort((a, b) => {
    const ra = a[0] === 't' ? 0 : a[0] === 'n' ? 1 : 2, rb = b[0] === 't' ? 0 : b[0] === 'n' ? 1 : 2;
    if (ra !== rb) return ra - rb;
    if (ra === 0) return (tableOrder.get(a.slice(2)) ?? 0) - (tableOrder.get(b.slice(2)) ?? 0);
    if (ra === 1) return groups.get(a).pos - groups.get(b).pos;
    return 0;
  });
  return order.map((k) => groups.get(k));
}

function findingLocation(f) {
  const parts = [];
  for (const cell of (f.cells || []).slice(0, 3)) {
    const row = cell.row && cell.row !== cell.row_label && cell.row_label ? cell.row + ' ' + cell.row_label : cell.row || cell.row_label;
    parts.push(row + (cell.column ? ' · ' + cell.column : '') + (cell.value ? ' = ' + cell.value : '') +
      (cell.source && cell.source.page ? T().atPage(cell.source.page) : ''));
  }
  if (f.nCells > 3) parts.push('…');
  if (f.text) parts.push('「' + f.text.excerpt + '」');
  return parts.join('；');
}

let renderFindingsToken = 0;
async function renderFindings() {
  const c = state.current;
  if (!c || !c.report) return;
  const token = ++renderFindingsToken;
  const list = els.list;
  list.replaceChildren();
  const findings = c.report.findings;
  if (!findings.length) {
    const nothing = NOT_A_RESULT.has(c.report.outcome);
    list.appendChild(h('p', { class: nothing ? 'none unchecked' : 'none', text: nothing ? T().noFindingsNothing : T().noFindings }));
    return;
  }
  let t0 = performance.now();
  for (const g of groupsOf(c)) {
    const sec = h('section', { class: 'group' });
    sec.appendChild(h('h4', { text: g.label }, ' ', h('span', { class: 'n', text: String(g.items.length) })));
    const ul = h('ul', { role: 'list' });
    g.items.sort((a, b) => SEV_ORDER[findings[a].severity] - SEV_ORDER[findings[b].severity] || a - b);
    for (const i of g.items) {
      const f = findings[i];
      const btn = h('button', { type: 'button', class: 'finding', 'data-index': i, 'data-severity': f.severity },
        h('span', { class: 'sev-mark', 'aria-hidden': 'true', text: MARK[f.severity] }),
        h('span', { class: 'visually-hidden', text: T().sev[f.severity] + ' ' }),
        h('span', { class: 'rule', text: f.rule }), ' ',
        h('span', { class: 'msg', text: i18n.lang === 'zh' ? f.message.zh : f.message.en }));
      const loc = findingLocation(f);
      if (loc) btn.appendChild(h('span', { class: 'loc', text: loc }));
      const nums = numbersOf(f);
      if (nums.length) btn.appendChild(h('span', { class: 'nums', text: nums.map((p) => p[0] + ' ' + p[1]).join(i18n.lang === 'zh' ? '，' : ', ') }));
      ul.appendChild(h('li', { 'data-severity': f.severity }, btn));
    }
    sec.appendChild(ul);
    list.appendChild(sec);
    if (performance.now() - t0 > SLICE_MS) {
      await nextTask();
      if (token !== renderFindingsToken) return;
      t0 = performance.now();
    }
  }
  applyFilters();
}

function applyFilters() {
  const on = {};
  for (const cb of document.querySelectorAll('[data-filter]')) on[cb.getAttribute('data-filter')] = cb.checked;
  for (const li of els.list.querySelectorAll('li[data-severity]')) li.hidden = !on[li.getAttribute('data-severity')];
  for (const g of els.list.querySelectorAll('section.group')) g.hidden = !g.querySelector('li:not([hidden])');
  document.body.classList.toggle('hide-error', !on.error);
  document.body.classList.toggle('hide-warning', !on.warning);
  document.body.classList.toggle('hide-info', !on.info);
}

function locate(i) {
  const c = state.current;
  if (!c) return;
  const f = c.report.findings[i];
  const targets = [];
  for (const k of f.keys) {
    const e = c.cellEls.get(k);
    if (e && !targets.includes(e)) targets.push(e);
  }
  for (const e of c.spanEls.get(i) || []) targets.push(e);
  if (!targets.length) {
    els.info.textContent = T().notInText;
    return;
  }
  targets[0].scrollIntoView({ block: 'center', behavior: 'auto' });
  for (const e of targets) {
    e.classList.remove('flash');
    void e.offsetWidth; // restart the animation
    e.classList.add('flash');
  }
  setTimeout(() => targets.forEach((e) => e.classList.remove('flash')), 1600);
  targets[0].focus({ preventScroll: true });
  showTip(targets[0], [i]);
}

// The findings list: click or Enter locates a finding; ↑/↓ (j/k), Home and End move between the shown ones.
function bindFindings() {
  els.list.addEventListener('click', (e) => {
    const b = e.target.closest('button.finding');
    if (b) locate(Number(b.getAttribute('data-index')));
  });
  els.list.addEventListener('keydown', (e) => {
    const b = e.target.closest('button.finding');
    if (!b) return;
    const all = Array.from(els.list.querySelectorAll('li:not([hidden]) button.finding')).filter((x) => !x.closest('section[hidden]'));
    const k = all.indexOf(b);
    let n = -1;
    if (e.key === 'ArrowDown' || e.key === 'j') n = Math.min(all.length - 1, k + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') n = Math.max(0, k - 1);
    else if (e.key === 'Home') n = 0;
    else if (e.key === 'End') n = all.length - 1;
    if (n >= 0) {
      e.preventDefault();
      all[n].focus();
    }
  });
  for (const cb of document.querySelectorAll('[data-filter]')) cb.addEventListener('change', applyFilters);
}

export { renderSummary, renderFindings, bindFindings };

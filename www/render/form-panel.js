// fiscal-lint page · render/form-panel: 「表样与核对范围」 (form and coverage) — the form the report matched and, per
// table it declares, checked / not checked (why) / missing; the status tag at each table's title in the document
// view; going to a table from the panel.
import { i18n, T } from '../i18n.js';
import { els, h } from '../dom.js';
import { state } from '../state.js';
import { STATUS_MARK } from './common.js';

// ---------------------------------------------------------------- form and coverage
// The form (表样) the report matched and, per table it declares, checked / not checked (why) / missing; each
// table that was read links to it in the document view. Everything here is the report's text, set as text.
function formCounts(form) {
  const n = { total: form.tables.length, checked: 0, not_checked: 0, missing: 0, missingOptional: 0 };
  for (const t of form.tables) {
    if (n[t.status] !== undefined) n[t.status]++;
    if (t.status === 'missing' && !t.required) n.missingOptional++;
  }
  return n;
}

function renderCoverage() {
  const c = state.current;
  const body = els.coverageBody;
  body.replaceChildren();
  if (!c || !c.report) {
    els.coverage.hidden = true;
    return;
  }
  els.coverage.hidden = false;
  const t = T();
  const form = c.report.document.form;
  const titles = new Map(c.report.document.tables.map((x) => [x.id, x.title]));
  els.coverage.setAttribute('data-form', form ? form.id : '');
  if (!form) {
    const forms = state.coreForms || [];
    const names = forms.map((f) => (i18n.lang === 'en' ? f.name.en : f.name.zh)).join(i18n.lang === 'en' ? '; ' : '；');
    body.append(
      h('p', { class: 'form-name no-form', 'data-status': 'missing' },
        h('span', { class: 'cov-mark', 'aria-hidden': 'true', text: '?' }), t.noForm),
      h('p', { class: 'cov-hint', text: t.noFormHint(names) }),
    );
    appendUnexpected(body, c.report.document.tables.map((x) => x.id), titles, t.tablesRead);
    return;
  }
  const name = (i18n.lang === 'en' ? form.name.en : form.name.zh) + (form.level ? ' · ' + t.level(form.level) : '');
  body.append(
    h('p', { class: 'form-name' }, h('strong', { text: name })),
    h('p', { class: 'cov-counts', text: t.coverageCounts(formCounts(form)) }),
  );
  const ol = h('ol', { class: 'form-tables' });
  for (const ft of form.tables) {
    const linked = ft.table && ft.status !== 'missing';
    const item = h(linked ? 'button' : 'div', {
      class: 'cov-item', type: linked ? 'button' : null, 'data-goto': linked ? ft.table : null,
    },
    h('span', { class: 'cov-status' },
      h('span', { class: 'cov-mark', 'aria-hidden': 'true', text: STATUS_MARK[ft.status] || '' }),
      t.status[ft.status] || ft.status,
      ft.status === 'missing' && !ft.required ? (i18n.lang === 'en' ? ' (' : '（') + t.optional + (i18n.lang === 'en' ? ')' : '）') : null),
    h('span', { class: 'cov-title', text: ft.title }),
    h('span', { class: 'cov-unit', text: ft.unit ? t.unit + (i18n.lang === 'en' ? ': ' : '：') + ft.unit : '' }),
    linked ? h('span', { class: 'table-id', text: ft.table.toUpperCase() }) : null,
    ft.reason ? h('span', { class: 'cov-reason', text: (i18n.lang === 'en' ? '(' : '（') + (i18n.lang === 'en' ? ft.reason.en : ft.reason.zh) + (i18n.lang === 'en' ? ')' : '）') }) : null);
    const li = h('li', { 'data-status': ft.status, 'data-key': ft.key, 'data-table': ft.table || null }, item);
    if (ft.other_tables && ft.other_tables.length) {
      const more = h('span', { class: 'cov-more', text: t.alsoRead });
      ft.other_tables.forEach((id, k) => {
        if (k) more.append(' ');
        more.append(h('button', { type: 'button', class: 'cov-link', 'data-goto': id, text: id.toUpperCase() + ' ' + (titles.get(id) || '') }));
      });
      li.append(more);
    }
    ol.append(li);
  }
  body.append(ol);
  appendUnexpected(body, form.unexpected || [], titles, t.unexpected);
  body.append(h('p', { class: 'cov-hint', text: t.coverageNote }));
}

function appendUnexpected(body, ids, titles, label) {
  if (!ids.length) return;
  const p = h('p', { class: 'cov-unexpected' }, h('span', { text: label(ids.length) }));
  ids.forEach((id, k) => {
    if (k) p.append(i18n.lang === 'en' ? ', ' : '、');
    p.append(h('button', { type: 'button', class: 'cov-link', 'data-goto': id, text: id.toUpperCase() + ' ' + (titles.get(id) || '') }));
  });
  body.append(p);
}

// The status tag of a table in the document view: what the form says of it (checked / not checked and why), or
// that the form does not declare it. Re-worded when the language changes.
function fillTableStatus(c, el) {
  const id = el.getAttribute('data-table');
  const form = c.report && c.report.document.form;
  el.replaceChildren();
  el.removeAttribute('data-status');
  el.removeAttribute('title');
  if (!form) return;
  let status = null, reason = null;
  const ft = form.tables.find((x) => x.table === id);
  if (ft) {
    status = ft.status;
    reason = ft.reason;
  } else if ((form.unexpected || []).includes(id)) status = 'unexpected';
  if (!status || !T().tableStatus[status]) return;
  el.setAttribute('data-status', status);
  el.append(h('span', { class: 'cov-mark', 'aria-hidden': 'true', text: STATUS_MARK[status] }), T().tableStatus[status]);
  if (reason) {
    el.append((i18n.lang === 'en' ? ': ' : '：') + (i18n.lang === 'en' ? reason.en : reason.zh));
  }
}

function gotoTable(id) {
  const sec = document.getElementById('fl-' + id);
  if (!sec) {
    els.info.textContent = T().notInText;
    return;
  }
  const head = sec.querySelector('.table-title') || sec;
  sec.scrollIntoView({ block: 'start', behavior: 'auto' });
  head.classList.remove('flash');
  void head.offsetWidth; // restart the animation
  head.classList.add('flash');
  setTimeout(() => head.classList.remove('flash'), 1600);
  head.focus({ preventScroll: true });
}


// The form panel: a table's line (a button: click, Enter or Space) goes to that table in the document view.
function bindFormPanel() {
  els.coverageBody.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-goto]');
    if (b) gotoTable(b.getAttribute('data-goto'));
  });
}

export { renderCoverage, fillTableStatus, bindFormPanel };

// fiscal-lint page · render/tip: the tooltip of a marked cell or narrative figure (expected / found / difference /
// rounding band / rule), on hover and on keyboard focus.
import { i18n, T } from '../i18n.js';
import { els, h } from '../dom.js';
import { state } from '../state.js';
import { MARK, numbersOf } from './common.js';

// ---------------------------------------------------------------- tooltip (expected / found / difference / rule)
function showTip(target, idxs) {
  const c = state.current;
  if (!c || !c.report) return;
  const tip = els.tip;
  tip.replaceChildren();
  for (const i of idxs) {
    const f = c.report.findings[i];
    if (!f) continue;
    const box = h('div', { class: 'tip-item', 'data-severity': f.severity });
    box.appendChild(h('div', { class: 'tip-head' },
      h('span', { class: 'sev-mark', text: MARK[f.severity] }), ' ', T().sev[f.severity] + ' · ' + T().rule + ' ' + f.rule));
    box.appendChild(h('div', { class: 'tip-msg', text: i18n.lang === 'zh' ? f.message.zh : f.message.en }));
    const nums = numbersOf(f);
    if (nums.length) {
      const dl = h('dl');
      for (const [k, v] of nums) { dl.appendChild(h('dt', { text: k })); dl.appendChild(h('dd', { text: v })); }
      box.appendChild(dl);
    }
    tip.appendChild(box);
  }
  tip.hidden = false;
  tipFor = target;
  placeTip(target);
  target.setAttribute('aria-describedby', 'tip');
}
let tipFor = null;
function placeTip(target) {
  const tip = els.tip;
  const r = target.getBoundingClientRect();
  const tw = Math.min(420, window.innerWidth - 16);
  tip.style.maxWidth = tw + 'px';
  const th = tip.offsetHeight;
  let left, top;
  if (r.right + 10 + tw <= window.innerWidth - 8 && target.tagName === 'TD') {
    // Beside the cell, so the rows it adds up stay visible.
    left = r.right + 10;
    top = Math.min(Math.max(8, r.top - 4), window.innerHeight - th - 8);
  } else {
    left = Math.min(Math.max(8, r.left), window.innerWidth - tw - 8);
    top = r.bottom + 6;
    if (top + th > window.innerHeight - 8) top = Math.max(8, r.top - th - 6);
  }
  tip.style.left = left + 'px';
  tip.style.top = top + 'px';
}
function hideTip() {
  els.tip.hidden = true;
  tipFor = null;
}
function idxsOf(e) {
  const v = e.getAttribute('data-findings');
  return v ? v.split(',').map(Number) : [];
}
function tipTarget(e) {
  return e && e.closest ? e.closest('[data-findings]') : null;
}

// The document view's marked cells and figures show their findings on hover and focus; Escape hides the tip.
function bindTip() {
  els.doc.addEventListener('mouseover', (e) => { const t = tipTarget(e.target); if (t) showTip(t, idxsOf(t)); });
  els.doc.addEventListener('mouseout', (e) => { const t = tipTarget(e.target); if (t && !t.contains(e.relatedTarget)) hideTip(); });
  els.doc.addEventListener('focusin', (e) => { const t = tipTarget(e.target); if (t) showTip(t, idxsOf(t)); });
  els.doc.addEventListener('focusout', hideTip);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hideTip(); });
  // Scrolling moves the tip with its target (locating a finding scrolls, and must not hide the tip it shows).
  window.addEventListener('scroll', () => {
    if (els.tip.hidden || !tipFor) return;
    const r = tipFor.getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) hideTip();
    else placeTip(tipFor);
  }, { passive: true });
}

export { showTip, hideTip, bindTip };

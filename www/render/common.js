// fiscal-lint page · render/common: what the result's views share — severity and status marks (a mark and a word,
// never colour alone), the order of severities, the narrative's heading patterns, and small labels.
import { T } from '../i18n.js';

const MARK = { error: '✖', warning: '⚠', info: '≈' };
// A form's table: checked, found but not checked, missing — a mark and a word, never colour alone.
const STATUS_MARK = { checked: '✔', not_checked: '○', missing: '—', unexpected: '＋' };
const OUTCOME_MARK = { errors: '✖', no_errors: '✔', nothing_checked: '○', unreadable: '○' };
// Outcomes that are not a result: the summary says so (never "0 errors" as if the document were clean).
const NOT_A_RESULT = new Set(['nothing_checked', 'unreadable']);
const SEV_ORDER = { error: 0, warning: 1, info: 2 };
const SLICE_MS = 40; // below the 50 ms "long task" line

// The narrative's headings: 第一部分 … / 一、… / （一）…
const HEAD_PART = /^第[一二三四五六七八九十]+部分/;
const HEAD_SECTION = /^[一二三四五六七八九十]+、/;
const HEAD_SUB = /^[（(][一二三四五六七八九十]+[)）]/;

function worstOf(idxs, findings) {
  let best = 'info';
  for (const i of idxs) if (SEV_ORDER[findings[i].severity] < SEV_ORDER[best]) best = findings[i].severity;
  return best;
}

function originText(o) {
  const t = T();
  const parts = [];
  if (o.file) parts.push(o.file);
  if (o.sheet) parts.push(t.sheet(o.sheet));
  if (o.page) parts.push(t.page(o.page));
  return t.origin + parts.join(' · ');
}

// A finding's figures: expected / found / difference / rounding band, as [label, value] pairs.
function numbersOf(f) {
  const t = T();
  const out = [];
  if (f.expected != null) out.push([t.expected, f.expected]);
  if (f.actual != null) out.push([t.found, f.actual]);
  if (f.difference != null) out.push([t.difference, f.difference]);
  if (f.tolerance != null) out.push([t.tolerance, (/^[\d.]+$/.test(f.tolerance) ? '±' : '') + f.tolerance]);
  return out;
}

// What the shown text was rebuilt from: the files' formats (PDF, XLSX+DOCX…), or null for a paste laid out with
// spaces.
function readFormat(c) {
  return c.job && c.job.kind === 'files' ? c.report.input.format.toUpperCase() : null;
}

function doneLabel(c) {
  const t = T().timing(Math.round(c.renderMs));
  return c.job && (c.job.kind === 'files' || c.job.file) ? T().filesRead(c.name) + ' · ' + t : t;
}

export {
  MARK, STATUS_MARK, OUTCOME_MARK, NOT_A_RESULT, SEV_ORDER, SLICE_MS, HEAD_PART, HEAD_SECTION, HEAD_SUB,
  worstOf, originText, numbersOf, readFormat, doneLabel,
};

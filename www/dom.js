// fiscal-lint page · dom: the page's elements, building elements with text only (never HTML), the message line,
// and downloads. User content is only ever rendered through textContent / createElement — never innerHTML.

const $ = (id) => document.getElementById(id);
const els = {
  text: $('doc-text'), check: $('check-btn'), sample: $('sample-btn'), file: $('file-input'), clear: $('clear-btn'),
  drop: $('drop-zone'), info: $('input-info'), message: $('message'), results: $('results'), summary: $('summary'),
  list: $('findings-list'), doc: $('doc'), docNote: $('doc-note'), issues: $('issues'), tip: $('tip'),
  lang: $('lang-toggle'), version: $('version'), exportJson: $('export-json'), exportCsv: $('export-csv'),
  print: $('print-btn'), big: $('big-note'), bigText: $('big-text'), bigEdit: $('big-edit'),
  readText: $('read-text'), readTextLabel: $('read-text-label'), readTextPre: $('read-text-pre'),
  readTextDownload: $('read-text-download'), coverage: $('coverage'), coverageBody: $('coverage-body'),
};

// ---------------------------------------------------------------- small DOM helpers (text only)
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const k in attrs) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}
const nextTask = () => new Promise((r) => setTimeout(r, 0));

// The text of an inert data block of the single file (<script type="text/plain" id=…>), or null when served.
function inlineText(id) {
  const e = document.getElementById(id);
  return e ? e.textContent : null;
}

// ---------------------------------------------------------------- messages
function showMessage(kind, title, detail) {
  const m = els.message;
  m.replaceChildren();
  m.className = 'message ' + kind;
  if (title) m.appendChild(h('strong', { text: title }));
  if (detail) m.appendChild(h('span', { text: (title ? ' ' : '') + detail }));
  m.hidden = false;
}
function clearMessage() {
  els.message.hidden = true;
  els.message.replaceChildren();
}

function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export { els, h, nextTask, inlineText, showMessage, clearMessage, download };

// fiscal-lint page · state: the one mutable state the page's modules share — the check running (busy, runId), the
// result shown (current), the text held for the box (source: set with setSource, read with textToCheck).
import { T } from './i18n.js';
import { els } from './dom.js';

const BIG = 1 << 20; // characters: above this the box shows a preview and the full text is held here
const PREVIEW = 40000;

const state = {
  busy: false,
  runId: 0,
  current: null, // the shown result
  // The exact text last loaded (file, sample, or a paste too big for the box), with its name, for as long as the
  // box is not edited: the check uses it rather than the box's value (which normalises line ends, or holds only a
  // preview). Editing the box drops it; the box's text is then the input, named 「粘贴的文本」.
  source: null,
  // The forms (表样) the core module knows ({id, name{zh,en}}), from its worker's 'ready'; named when a document
  // follows none of them.
  coreForms: null,
  BIG,
  setSource(text, name) {
    state.source = { text, name: name || null };
    const big = text.length > BIG;
    els.text.readOnly = big;
    els.text.value = big ? text.slice(0, PREVIEW) + '\n…' : text;
    els.big.hidden = !big;
    if (big) els.bigText.textContent = T().bigHeld((text.length / 1048576).toFixed(1));
  },
  textToCheck() {
    return state.source ? state.source.text : els.text.value;
  },
};

export { state };

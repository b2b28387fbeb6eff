// fiscal-lint page. Plain JS, no framework, no network: the check runs in a classic Web Worker built from a Blob URL
// out of the wasm-bindgen glue (no-modules) + worker.js — inlined in the single-file build, fetched from ../pkg and
// this directory when served. Two such workers at most: the core module's (started with the page) and the formats
// module's (PDF/Office readers; loaded only when such a file arrives). Both send the same render plan.
// User content is only ever rendered through textContent / createElement — never innerHTML.
(function () {
  'use strict';

  const I18N = {
    zh: {
      title: '部门预算·决算公开核对',
      tagline: '粘贴或打开一份部门（单位）预算或决算公开文档，逐表逐句核对勾稽关系、单位与百分比；未能读取的表如实标明“未核对”；所有内容只在本机处理，不会上传。',
      inputHeading: '文档',
      pasteLabel: '粘贴文档文本',
      pastePlaceholder: '在此粘贴文档文本（从 Word/WPS/PDF 复制的全文，或从 Excel 复制的表格），或把文件（PDF、Excel、Word、CSV、文本）拖到这里。',
      dropHint: '松开以读取文件（可同时拖入多个）',
      check: '核对',
      cancel: '取消',
      sample: '示例',
      pickFile: '打开文件…',
      clear: '清空',
      formatsNow: '支持：PDF（有文字层的电子版）、Excel（.xlsx）、Word（.docx）、CSV（.csv）、文本（.txt / .tsv）、网页（.html）。',
      formatsMany: '可一次选择或拖入多个文件（如 .xlsx 表格和 .docx 情况说明），作为同一份文档核对。',
      resultsHeading: '核对结果',
      exportJson: '导出 JSON 报告',
      exportCsv: '导出 CSV',
      print: '打印',
      findings: '问题列表',
      filter: '显示',
      errors: '错误',
      warnings: '警告',
      infos: '尾差提示',
      keysHint: '↑/↓ 选择，回车定位。',
      docHeading: '读取到的文档',
      legendError: '错误：不相符',
      legendWarning: '警告：需复核',
      legendInfo: '尾差：四舍五入范围内',
      footer: '文档只在本机浏览器中处理，本页不连接任何服务器。',
      pasted: '粘贴的文本',
      sampleName: '示例：示例市示例区数据服务中心 2023 年度部门决算',
      empty: '没有可核对的内容：请粘贴文档文本、打开文件或点「示例」。',
      loading: '正在加载核对程序…',
      checking: '正在核对…',
      rendering: '正在显示结果…',
      cancelled: '已取消核对。文本保留在输入框中。',
      readFailed: '无法读取这份输入',
      keptText: '输入框中的文本保持不变，可修改后再次核对。',
      engineFailed: '核对程序无法启动',
      engineCrashed: '核对程序内部出错（已重新启动）。请把这份文档报告给维护者。',
      fileRead: (name, enc) => `已读取 ${name}（${enc}）`,
      readingFiles: (names) => `正在读取 ${names}…`,
      loadingFormats: '正在加载 PDF / Office 文件读取模块…',
      formatsFailed: 'PDF / Office 文件读取模块无法启动',
      tooOld: '此浏览器不能解压内置的核对模块（需要 Chrome / Edge 80、Firefox 113、Safari 16.4 或更新版本）',
      fileFailed: '无法读取文件：',
      keptBox: '输入框中的内容保持不变。',
      filesRead: (names) => `已读取 ${names}`,
      readTextLabel: (fmt) => `读取到的文本（${fmt ? `由 ${fmt} 文件重建` : '按空格排版的文本已重建为表格'}；报告中的行号和位置都指向这份文本）`,
      downloadText: '下载这份文本',
      origin: '来源：',
      sheet: (s) => `工作表「${s}」`,
      page: (p) => `第 ${p} 页`,
      atPage: (p) => `（第 ${p} 页）`,
      htmlPasted: '已按表格读取粘贴的网页 / Excel 内容（单元格以制表符分隔）。',
      csvConverted: '（CSV 已按列转换为制表符分隔）',
      fileError: (name) => `无法读取文件 ${name}。`,
      summary: (s, n) =>
        `识别表格 ${s.tables} 张；核对勾稽关系 ${s.checks} 个` +
        (s.not_checked ? `（${s.not_checked} 个未能核对）` : '') +
        `；叙述中的数字 ${s.claims.checked}/${s.claims.found} 处已核对。` +
        `错误 ${s.errors} 项，警告 ${s.warnings} 项，尾差提示 ${s.infos} 项` +
        (s.unreadable ? `；${s.unreadable} 处无法读取` : '') + '。' + (n ? `（${n}）` : ''),
      noFindings: '没有发现问题。',
      sev: { error: '错误', warning: '警告', info: '尾差' },
      expected: '应为', found: '实为', difference: '相差', tolerance: '尾差容许', rule: '规则',
      line: (l) => `第 ${l} 行`,
      narrative: '情况说明及其他文字',
      document: '整份文档',
      notInText: '此问题在文档中没有可定位的位置。',
      issuesHeading: '无法读取的内容',
      capped: (n) => `文档很大：仅显示前 ${n} 个表格单元格和对应文字；全部问题见问题列表和导出的报告。`,
      timing: (ms) => `用时 ${ms} 毫秒`,
      unit: '单位',
      emptyTable: '本表无数据',
      project: '项目',
      bigHeld: (mb) => `文本很大（${mb} MB）：为保持页面流畅，输入框只显示开头部分，全文保存在本页内存中，核对使用全文。`,
      bigPasted: (mb) => `已粘贴 ${mb} MB 文本`,
      bigEdit: '在输入框中编辑全文（可能较慢）',
      // The form (表样) the document follows and what of it was checked.
      coverageHeading: '表样与核对范围',
      level: (l) => l,
      status: { checked: '已核对', not_checked: '未核对', missing: '缺少' },
      optional: '非必需',
      coverageCounts: (n) => `表样共 ${n.total} 张表：已核对 ${n.checked} 张，未核对 ${n.not_checked} 张，缺少 ${n.missing} 张` +
        (n.missingOptional ? `（其中 ${n.missingOptional} 张非必需）` : '') + '。',
      coverageNote: '“已核对”指程序读取了这张表并核对了它的勾稽关系，不代表表中没有问题：问题见问题列表。',
      unexpected: (n) => `表样之外的表（${n} 张）：`,
      alsoRead: '同名的另一张：',
      tablesRead: (n) => `读取到的表（${n} 张）：`,
      noForm: '未能识别表样',
      noFormHint: (names) => '文中没有找到任何已支持表样的表格标题，因此无法判断这份文档应有哪些表、哪些表得到核对。' +
        (names ? `已支持的表样：${names}。` : '') + '请确认粘贴或打开的是完整文档；从 PDF 阅读器复制的表格请改为拖入 PDF 文件本身。',
      tableStatus: { checked: '已核对', not_checked: '未核对', unexpected: '表样之外' },
      outcome: { errors: '发现错误', no_errors: '未发现错误', nothing_checked: '未核对', unreadable: '无法读取' },
      summaryNothing: (s, n) => `识别表格 ${s.tables} 张，但没有一项勾稽关系、也没有叙述中的数字得到核对` +
        (s.warnings ? `；警告 ${s.warnings} 项` : '') + '。' + (n ? `（${n}）` : ''),
      noFindingsNothing: '未核对任何内容，所以这里没有列出问题——这不表示文档没有问题。',
      notCheckedCount: '未核对',
    },
    en: {
      title: 'Budget and final-accounts disclosure checker',
      tagline: 'Paste or open a department’s or unit’s budget or final-accounts disclosure (部门预算/决算公开): every table identity, unit and percentage is checked, and a table that could not be read is marked “not checked”. Everything stays on this machine; nothing is uploaded.',
      inputHeading: 'Document',
      pasteLabel: 'Paste the document text',
      pastePlaceholder: 'Paste the document text here (the whole text copied from Word/WPS/PDF, or tables copied from Excel), or drop files here (PDF, Excel, Word, CSV, text).',
      dropHint: 'Drop to read the files (several at once are fine)',
      check: 'Check',
      cancel: 'Cancel',
      sample: 'Sample',
      pickFile: 'Open file…',
      clear: 'Clear',
      formatsNow: 'Reads PDF (with a text layer, not scans), Excel (.xlsx), Word (.docx), CSV (.csv), text (.txt / .tsv) and web pages (.html).',
      formatsMany: 'Pick or drop several files at once (say .xlsx tables and a .docx narrative) to check them as one document.',
      resultsHeading: 'Results',
      exportJson: 'Export JSON report',
      exportCsv: 'Export CSV',
      print: 'Print',
      findings: 'Findings',
      filter: 'Show',
      errors: 'Errors',
      warnings: 'Warnings',
      infos: 'Rounding notes',
      keysHint: '↑/↓ to move, Enter to locate.',
      docHeading: 'The document as read',
      legendError: 'error: does not agree',
      legendWarning: 'warning: please review',
      legendInfo: 'rounding: within the rounding band',
      footer: 'The document is processed only in this browser; this page connects to no server.',
      pasted: 'pasted',
      sampleName: 'Sample: 示例市示例区数据服务中心 final accounts 2023',
      empty: 'Nothing to check: paste a document, open a file or press “Sample”.',
      loading: 'Loading the checker…',
      checking: 'Checking…',
      rendering: 'Showing the results…',
      cancelled: 'Check cancelled. Your text is still in the box.',
      readFailed: 'This input could not be read',
      keptText: 'Your text is unchanged in the box; edit it and check again.',
      engineFailed: 'The checker could not start',
      engineCrashed: 'The checker failed internally (it has been restarted). Please report this document to the maintainers.',
      fileRead: (name, enc) => `Read ${name} (${enc})`,
      readingFiles: (names) => `Reading ${names}…`,
      loadingFormats: 'Loading the PDF / Office reader…',
      formatsFailed: 'The PDF / Office reader could not start',
      tooOld: 'This browser cannot unpack the built-in checker (it needs Chrome / Edge 80, Firefox 113, Safari 16.4 or later)',
      fileFailed: 'Could not read the file:',
      keptBox: 'The text in the box is unchanged.',
      filesRead: (names) => `Read ${names}`,
      readTextLabel: (fmt) => `The text as read (${fmt ? `rebuilt from the ${fmt} file` : 'text laid out with spaces, rebuilt into tables'}; the report's lines and offsets point into it)`,
      downloadText: 'Download this text',
      origin: 'From ',
      sheet: (s) => `sheet “${s}”`,
      page: (p) => `page ${p}`,
      atPage: (p) => ` (page ${p})`,
      htmlPasted: 'The pasted web page / Excel content was read as tables (cells separated by tabs).',
      csvConverted: ' (CSV converted to tab-separated columns)',
      fileError: (name) => `Could not read the file ${name}.`,
      summary: (s, n) =>
        `${s.tables} tables recognised; ${s.checks} identities checked` +
        (s.not_checked ? ` (${s.not_checked} not checked)` : '') +
        `; ${s.claims.checked} of ${s.claims.found} narrative figures checked. ` +
        `${s.errors} errors, ${s.warnings} warnings, ${s.infos} rounding notes` +
        (s.unreadable ? `; ${s.unreadable} places could not be read` : '') + '.' + (n ? ` (${n})` : ''),
      noFindings: 'No problems found.',
      sev: { error: 'error', warning: 'warning', info: 'rounding' },
      expected: 'expected', found: 'found', difference: 'difference', tolerance: 'rounding band', rule: 'rule',
      line: (l) => `line ${l}`,
      narrative: 'Narrative and other text',
      document: 'Whole document',
      notInText: 'This finding has no place in the document to show.',
      issuesHeading: 'What could not be read',
      capped: (n) => `Large document: only the first ${n} table cells and their text are shown; every finding is in the list and the exported report.`,
      timing: (ms) => `${ms} ms`,
      unit: 'Unit',
      emptyTable: 'No data in this table',
      project: 'Project',
      bigHeld: (mb) => `A large text (${mb} MB): to keep the page responsive the box shows only its beginning; the whole text is kept in this page’s memory and is what gets checked.`,
      bigPasted: (mb) => `Pasted ${mb} MB of text`,
      bigEdit: 'Edit the whole text in the box (may be slow)',
      coverageHeading: 'Form and coverage',
      level: (l) => ({ 部门: 'department', 单位: 'unit' })[l] || l,
      status: { checked: 'checked', not_checked: 'not checked', missing: 'missing' },
      optional: 'optional',
      coverageCounts: (n) => `The form has ${n.total} tables: ${n.checked} checked, ${n.not_checked} not checked, ${n.missing} missing` +
        (n.missingOptional ? ` (${n.missingOptional} of them optional)` : '') + '.',
      coverageNote: '“Checked” means the table was read and its identities were checked, not that it holds: the findings list says what does not.',
      unexpected: (n) => `Tables the form does not declare (${n}): `,
      alsoRead: 'another under this title: ',
      tablesRead: (n) => `Tables read (${n}): `,
      noForm: 'Form not recognised',
      noFormHint: (names) => 'No table title of a supported form was found, so which tables this document should have, and which were checked, cannot be said. ' +
        (names ? `Supported forms: ${names}. ` : '') + 'Make sure the whole document was pasted or opened; for tables copied out of a PDF viewer, drop the PDF file itself.',
      tableStatus: { checked: 'checked', not_checked: 'not checked', unexpected: 'not in the form' },
      outcome: { errors: 'Errors found', no_errors: 'No errors found', nothing_checked: 'Not checked', unreadable: 'Unreadable' },
      summaryNothing: (s, n) => `${s.tables} tables recognised, but no identity and no narrative figure could be checked` +
        (s.warnings ? `; ${s.warnings} warnings` : '') + '.' + (n ? ` (${n})` : ''),
      noFindingsNothing: 'Nothing was checked, so no problem is listed — this does not mean the document has none.',
      notCheckedCount: 'not checked',
    },
  };

  const MARK = { error: '✖', warning: '⚠', info: '≈' };
  // A form's table: checked, found but not checked, missing — a mark and a word, never colour alone.
  const STATUS_MARK = { checked: '✔', not_checked: '○', missing: '—', unexpected: '＋' };
  const OUTCOME_MARK = { errors: '✖', no_errors: '✔', nothing_checked: '○', unreadable: '○' };
  // Outcomes that are not a result: the summary says so (never "0 errors" as if the document were clean).
  const NOT_A_RESULT = new Set(['nothing_checked', 'unreadable']);
  const SEV_ORDER = { error: 0, warning: 1, info: 2 };
  const MAX_TABLE_CELLS = 60000;
  const MAX_TEXT_BLOCKS = 10000;
  const SLICE_MS = 40; // below the 50 ms "long task" line

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

  let lang = 'zh';
  try {
    const saved = localStorage.getItem('fiscal-lint.lang');
    if (saved === 'en' || saved === 'zh') lang = saved;
  } catch (_) { /* storage may be unavailable on file:// */ }
  const T = () => I18N[lang];

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

  // ---------------------------------------------------------------- language
  function applyLang() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const e of document.querySelectorAll('[data-i18n]')) {
      const v = T()[e.getAttribute('data-i18n')];
      if (typeof v === 'string') e.textContent = v;
    }
    for (const e of document.querySelectorAll('[data-i18n-placeholder]')) {
      e.setAttribute('placeholder', T()[e.getAttribute('data-i18n-placeholder')]);
    }
    els.lang.textContent = lang === 'zh' ? 'English' : '中文';
    if (source && !els.big.hidden) els.bigText.textContent = T().bigHeld((source.text.length / 1048576).toFixed(1));
    if (busy) els.check.textContent = T().cancel;
    for (const e of document.querySelectorAll('.table-origin')) e.textContent = originText(JSON.parse(e.getAttribute('data-origin')));
    if (current && current.report) {
      renderCoverage();
      for (const e of document.querySelectorAll('#doc .table-status')) fillTableStatus(current, e);
    }
    if (current && current.done) {
      renderSummary();
      renderFindings();
      if (!busy && current.renderMs) els.info.textContent = doneLabel(current);
      if (!els.readText.hidden) els.readTextLabel.textContent = T().readTextLabel(readFormat(current));
    }
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

  // ---------------------------------------------------------------- the workers
  // Two engines, one worker logic (worker.js) and one message protocol, so the page renders their results the same
  // way: 'core' (the module built without the `formats` feature: text, pasted tables) starts with the page;
  // 'formats' (every reader: PDF, Excel, Word…) is fetched — or, in the single file, decoded — and compiled only
  // when a file that needs it arrives (the core worker says so: 'needs-formats').
  const ENGINE_FILES = {
    core: { glue: 'fl-glue', wasm: 'fl-wasm', glueUrl: '../pkg/fiscal_lint_classic.js', wasmUrl: '../pkg/fiscal_lint_bg.wasm' },
    formats: {
      glue: 'fl-formats-glue', wasm: 'fl-formats-wasm',
      glueUrl: '../pkg/fiscal_lint_formats_classic.js', wasmUrl: '../pkg/fiscal_lint_formats_bg.wasm',
    },
  };
  const engine = (kind) => ({ kind, worker: null, ready: null, source: null, info: null, gen: 0 });
  const engines = { core: engine('core'), formats: engine('formats') };
  let workerLogic = null; // worker.js, fetched once when served

  function inlineText(id) {
    const e = document.getElementById(id);
    return e ? e.textContent : null;
  }

  function b64ToBytes(b64) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64.replace(/\s+/g, ''));
    const bin = atob(b64.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // A wasm module from bytes or a Response: compiled while it streams in (decompressed, or downloaded), where the
  // browser can; else from the whole buffer.
  function compileResponse(res, fallback) {
    if (typeof WebAssembly.compileStreaming === 'function') {
      return WebAssembly.compileStreaming(res).catch(() => fallback().then((b) => WebAssembly.compile(b)));
    }
    return res.arrayBuffer().then((b) => WebAssembly.compile(b));
  }

  // A wasm module inlined in the single file: base64, or gzip then base64 (data-encoding="gzip-base64"),
  // decompressed here with the browser's own DecompressionStream — no network, works on file:// — and compiled as
  // it is decompressed. Returns a promise of the compiled WebAssembly.Module.
  function inlineWasm(el) {
    const bytes = b64ToBytes(el.textContent);
    if (el.getAttribute('data-encoding') !== 'gzip-base64') return WebAssembly.compile(bytes);
    if (typeof DecompressionStream !== 'function') return Promise.reject(new Error(T().tooOld));
    const unpacked = () => new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    const res = new Response(unpacked(), { headers: { 'Content-Type': 'application/wasm' } });
    return compileResponse(res, () => new Response(unpacked()).arrayBuffer());
  }

  // The worker's source (glue + worker logic) and a promise of its compiled module.
  async function loadEngine(kind) {
    performance.mark('fl:engine-load:' + kind);
    const f = ENGINE_FILES[kind];
    const glue = inlineText(f.glue);
    const logic = inlineText('fl-worker');
    const wasmEl = document.getElementById(f.wasm);
    if (glue && logic && wasmEl) {
      const module = inlineWasm(wasmEl);
      module.catch(() => { /* startEngine says why */ });
      return { src: glue + '\n' + logic, module };
    }
    const get = (u, how) => fetch(u).then((r) => {
      if (!r.ok) throw new Error(u + ': HTTP ' + r.status);
      return how ? r[how]() : r;
    });
    if (!workerLogic) {
      workerLogic = get('worker.js', 'text');
      workerLogic.catch(() => { workerLogic = null; });
    }
    // Not awaited here: the module compiles while the worker starts (startEngine hands it over when it is ready).
    const module = get(f.wasmUrl).then((r) => compileResponse(r, () => get(f.wasmUrl, 'arrayBuffer')));
    module.catch(() => { /* startEngine says why */ });
    const [g, l] = await Promise.all([get(f.glueUrl, 'text'), workerLogic]);
    return { src: g + '\n' + l, module };
  }

  function startEngine(e) {
    const gen = ++e.gen;
    const stale = () => gen !== e.gen;
    e.ready = (async () => {
      if (!e.source) {
        // Compiled off the main thread while the worker starts; the compiled module is handed to the worker (and
        // kept, so a restarted worker starts at once).
        e.source = await loadEngine(e.kind);
      }
      if (stale()) throw new Error('stopped');
      const url = URL.createObjectURL(new Blob([e.source.src], { type: 'text/javascript' }));
      const w = new Worker(url, { name: 'fiscal-lint-' + e.kind });
      e.worker = w;
      try {
        await new Promise((resolve, reject) => {
          w.onmessage = (ev) => {
            if (ev.data.type === 'ready') {
              e.info = ev.data;
              resolve();
            } else if (ev.data.type === 'init-error') reject(new Error(ev.data.message));
          };
          w.onerror = (ev) => reject(new Error(ev.message || 'worker error'));
          e.source.module.then((module) => w.postMessage({ type: 'init', module, warm: e.kind === 'core' }), reject);
        });
      } finally {
        URL.revokeObjectURL(url);
      }
      if (stale()) {
        w.terminate();
        throw new Error('stopped');
      }
      w.onmessage = (ev) => {
        const t = ev.data.type;
        if (t === 'export') onExport(ev.data);
        else if (t === 'html') onHtml(ev.data);
        else enqueue(ev.data, e);
      };
      w.onerror = (ev) => {
        ev.preventDefault();
        const id = current && current.engine === e ? current.id : null;
        enqueue({ type: 'error', id, message: ev.message || 'worker error', fatal: true }, e);
      };
      performance.mark('fl:worker-ready:' + e.kind);
      if (e.kind === 'core' && e.info && e.info.version) els.version.textContent = 'fiscal-lint ' + e.info.version;
      return w;
    })();
    e.ready.catch(() => {
      if (stale()) return;
      if (e.worker) e.worker.terminate();
      e.worker = null;
      e.ready = null;
      e.source = null; // load again next time (a failed fetch may succeed later)
    });
    return e.ready;
  }
  function stopEngine(e) {
    e.gen++;
    if (e.worker) e.worker.terminate();
    e.worker = null;
    e.ready = null;
  }

  // Messages from the workers are handled strictly in order, each possibly over several slices.
  let queue = Promise.resolve();
  function enqueue(msg, e) {
    queue = queue.then(() => onWorkerMessage(msg, e)).catch((err) => {
      console.error(err);
      showMessage('error', T().engineCrashed, String(err && err.message || err));
      setBusy(false);
    });
  }

  // ---------------------------------------------------------------- state
  let busy = false;
  let runId = 0;
  let current = null; // the shown result
  // The exact text last loaded (file, sample, or a paste too big for the box), with its name, for as long as the box
  // is not edited: the check uses it rather than the box's value (which normalises line ends, or holds only a
  // preview). Editing the box drops it; the box's text is then the input, named 「粘贴的文本」.
  let source = null;
  const BIG = 1 << 20; // characters: above this the box shows a preview and the full text is held here
  const PREVIEW = 40000;

  function setSource(text, name) {
    source = { text, name: name || null };
    const big = text.length > BIG;
    els.text.readOnly = big;
    els.text.value = big ? text.slice(0, PREVIEW) + '\n…' : text;
    els.big.hidden = !big;
    if (big) els.bigText.textContent = T().bigHeld((text.length / 1048576).toFixed(1));
  }
  function textToCheck() {
    return source ? source.text : els.text.value;
  }

  function setBusy(b, label) {
    busy = b;
    els.check.textContent = b ? T().cancel : T().check;
    els.check.classList.toggle('cancel', b);
    els.results.setAttribute('aria-busy', b ? 'true' : 'false');
    document.body.classList.toggle('busy', b);
    if (label !== undefined) els.info.textContent = label;
  }

  // Stops the running check: its worker is stopped (the other one, and the text in the box, stay).
  function cancelRun(quiet) {
    runId++;
    const c = current;
    // While the formats engine loads for it, the check runs nowhere yet: the load goes on (the next file needs it).
    if (c && c.engine && !c.handingOver) stopEngine(c.engine);
    if (c && !c.report) current = c.previous || null;
    setBusy(false, '');
    if (!quiet) showMessage('info', T().cancelled);
  }

  function runCheck() {
    if (busy) {
      cancelRun(false);
      return;
    }
    const text = textToCheck();
    clearMessage();
    if (!text.trim()) {
      showMessage('info', T().empty);
      return;
    }
    return runJob({ kind: 'text', name: (source && source.name) || T().pasted, text });
  }

  // job: {kind:'text', name, text} or {kind:'files', name, names, contents: Uint8Array[]}
  async function runJob(job) {
    if (busy) cancelRun(true);
    clearMessage();
    const id = ++runId;
    // Files go to the formats engine once it is running (it reads everything); otherwise to the core, which hands
    // them over when it cannot read them.
    const e = job.kind === 'files' && engines.formats.ready ? engines.formats : engines.core;
    setBusy(true, e.worker ? (job.kind === 'files' ? T().readingFiles(job.name) : T().checking) : T().loading);
    const t0 = performance.now();
    try {
      await (e.ready || startEngine(e));
    } catch (err) {
      if (id !== runId) return;
      setBusy(false, '');
      showMessage('error', e === engines.formats ? T().formatsFailed : T().engineFailed, String(err && err.message || err));
      return;
    }
    if (id !== runId) return;
    els.info.textContent = job.kind === 'files' ? T().readingFiles(job.name) : T().checking;
    const previous = current && current.done ? current : null;
    if (previous) previous.previous = null;
    current = { id, name: job.name, text: job.text || null, job, engine: e, t0, pending: true, previous };
    performance.mark('fl:check-sent');
    send(e, job, id);
  }

  function send(e, job, id) {
    if (job.kind === 'text') e.worker.postMessage({ type: 'check', id, name: job.name, text: job.text });
    else e.worker.postMessage({ type: 'files', id, names: job.names, contents: job.contents });
  }

  // The core worker cannot read these files: start the formats engine (first time: fetch or decode, compile) and
  // send them there. Not awaited in the message queue, so a cancel and a new check are not held up by the load.
  async function handOver(c) {
    const f = engines.formats;
    els.info.textContent = f.worker ? T().readingFiles(c.name) : T().loadingFormats;
    c.handingOver = true;
    try {
      await (f.ready || startEngine(f));
    } catch (err) {
      c.handingOver = false;
      if (c !== current || c.id !== runId) return;
      setBusy(false, '');
      showMessage('error', T().formatsFailed, String(err && err.message || err));
      current = c.previous || null;
      return;
    }
    c.handingOver = false;
    if (c !== current || c.id !== runId) return;
    c.engine = f;
    els.info.textContent = T().readingFiles(c.name);
    send(f, c.job, c.id);
  }

  // ---------------------------------------------------------------- results
  async function onWorkerMessage(m, e) {
    const mine = current && m.id === current.id && m.id === runId && e === current.engine;
    if (!mine) {
      // A worker that trapped outside the shown check is replaced the next time it is needed.
      if (m.type === 'error' && m.fatal && e && e.worker) stopEngine(e);
      return;
    }
    const c = current;
    if (m.type === 'needs-formats') {
      handOver(c);
      return;
    }
    if (m.type === 'as-text') {
      // A text file alone: into the box, as before, and from now on a text check (errors keep the box's text).
      setSource(m.text, m.name);
      c.job = { kind: 'text', name: m.name, text: m.text, file: true };
      c.text = m.text;
      return;
    }
    if (m.type === 'error') {
      setBusy(false, '');
      if (m.fatal) {
        stopEngine(e);
        showMessage('error', T().engineCrashed, m.message);
      } else if (c.job && c.job.kind === 'files') {
        showMessage('error', T().fileFailed, m.message + ' ' + T().keptBox);
      } else {
        showMessage('error', T().readFailed + '：', m.message + ' ' + T().keptText);
      }
      current = c.previous || null;
      return;
    }
    if (m.type === 'start') {
      performance.mark('fl:report');
      els.info.textContent = T().rendering;
      Object.assign(c, {
        readText: m.text,
        report: m.report, issues: m.issues || [], checkMs: m.ms,
        cellEls: new Map(), rowEls: new Map(), spanEls: new Map(), blocks: [], tableTitles: new Map(),
        tableCells: 0, textBlocks: 0, capped: false, done: false,
      });
      indexFindings(c);
      resetResults(c);
      return;
    }
    if (m.type === 'items') {
      await renderItems(c, m.items);
      return;
    }
    if (m.type === 'done') {
      performance.mark('fl:items-done');
      c.done = true;
      c.stats = m.stats;
      resolveLooseFindings(c);
      renderSummary();
      await renderFindings();
      c.renderMs = performance.now() - c.t0;
      setBusy(false, doneLabel(c));
      document.documentElement.setAttribute('data-fl-done-at', String(Math.round(performance.now())));
      document.documentElement.setAttribute('data-fl-state', 'done');
      document.dispatchEvent(new CustomEvent('fiscal-lint:done', { detail: { summary: c.report.summary } }));
    }
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

  function indexFindings(c) {
    const byCell = new Map();
    const primary = new Set(); // cells a finding is about first (the total, the claim's figure), not its parts
    const spans = [];
    c.report.findings.forEach((f, i) => {
      f.keys.forEach((k, j) => {
        if (!byCell.has(k)) byCell.set(k, []);
        byCell.get(k).push(i);
        if (j === 0) primary.add(k);
      });
      if (f.text) spans.push({ s: f.text.start, e: f.text.end, i });
    });
    spans.sort((a, b) => a.s - b.s || a.e - b.e);
    c.byCell = byCell;
    c.primary = primary;
    c.spans = spans;
    c.maxSpan = spans.reduce((m, x) => Math.max(m, x.e - x.s), 0);
  }

  function worstOf(idxs, findings) {
    let best = 'info';
    for (const i of idxs) if (SEV_ORDER[findings[i].severity] < SEV_ORDER[best]) best = findings[i].severity;
    return best;
  }

  function resetResults(c) {
    els.results.hidden = false;
    document.documentElement.setAttribute('data-fl-state', 'rendering');
    els.doc.replaceChildren();
    els.list.replaceChildren();
    els.docNote.hidden = true;
    els.summary.textContent = '';
    document.documentElement.setAttribute('data-fl-outcome', c.report.outcome || '');
    renderCoverage();
    hideTip();
    // The text the report's lines and offsets point into, when it is not the text in the box (a file's rebuilt
    // text): shown on request, never put into the box (the user's own text there stays as it is).
    els.readText.open = false;
    els.readTextPre.textContent = '';
    els.readText.hidden = typeof c.readText !== 'string';
    if (!els.readText.hidden) els.readTextLabel.textContent = T().readTextLabel(readFormat(c));
    // What the reader could not read.
    els.issues.replaceChildren();
    els.issues.hidden = !c.issues.length;
    if (c.issues.length) {
      els.issues.appendChild(h('h4', { 'data-i18n': 'issuesHeading', text: T().issuesHeading }));
      const ul = h('ul');
      for (const is of c.issues.slice(0, 500)) {
        ul.appendChild(h('li', null, h('span', { class: 'where', text: T().line(is.source.line) }), ' ',
          lang === 'zh' ? is.message_zh : is.message_en, ' ', h('code', { text: is.excerpt })));
      }
      els.issues.appendChild(ul);
    }
  }

  function markCell(c, td, key) {
    const idxs = c.byCell.get(key);
    if (!idxs) return;
    const sev = worstOf(idxs, c.report.findings);
    td.setAttribute('data-severity', sev);
    td.setAttribute('data-role', c.primary.has(key) ? 'primary' : 'part');
    td.setAttribute('data-findings', idxs.join(','));
    td.tabIndex = 0;
    td.insertBefore(h('span', { class: 'sev-mark', 'aria-hidden': 'true', text: MARK[sev] }), td.firstChild);
    td.appendChild(h('span', { class: 'visually-hidden', text: ' (' + T().sev[sev] + ')' }));
    c.cellEls.set(key, td);
  }

  async function renderItems(c, items) {
    let t0 = performance.now();
    let frag = document.createDocumentFragment();
    for (const it of items) {
      if (it.kind === 'table') {
        if (c.tableCells >= MAX_TABLE_CELLS) { c.capped = true; continue; }
        frag.appendChild(renderTable(c, it));
      } else {
        c.blocks.push(it);
        if (c.textBlocks >= MAX_TEXT_BLOCKS || c.capped) { c.capped = true; continue; }
        frag.appendChild(renderBlock(c, it));
        c.textBlocks++;
      }
      if (performance.now() - t0 > SLICE_MS) {
        els.doc.appendChild(frag);
        frag = document.createDocumentFragment();
        await nextTask();
        if (c !== current || c.id !== runId) return;
        t0 = performance.now();
      }
    }
    els.doc.appendChild(frag);
    if (c.capped) {
      els.docNote.hidden = false;
      els.docNote.textContent = T().capped(MAX_TABLE_CELLS);
    }
  }

  function renderTable(c, t) {
    c.tableTitles.set(t.id, t.title);
    const wrap = h('section', { class: 'table-wrap', id: 'fl-' + t.id, 'data-table': t.id, 'data-kind': t.tkind });
    const status = h('span', { class: 'table-status', 'data-table': t.id });
    fillTableStatus(c, status);
    wrap.appendChild(h('h4', { class: 'table-title', tabindex: '-1', text: t.title || t.tkind }, ' ',
      h('span', { class: 'table-id', text: t.id.toUpperCase() }), status.hasAttribute('data-status') ? ' ' : null,
      status.hasAttribute('data-status') ? status : null));
    if (t.origin || t.page) {
      // Where the table came from: file · sheet · page of its first row (re-worded when the language changes).
      const o = { file: t.origin && t.origin.file, sheet: t.origin && t.origin.sheet, page: t.page };
      wrap.appendChild(h('p', { class: 'table-origin', 'data-origin': JSON.stringify(o), text: originText(o) }));
    }
    for (const m of t.meta) wrap.appendChild(h('p', { class: 'table-meta', 'data-line': m.line, text: m.text }));
    if (!t.grid && t.unit) wrap.appendChild(h('p', { class: 'table-meta', text: T().unit + '：' + t.unit }));
    const scroll = h('div', { class: 'table-scroll' });
    const table = h('table', { class: 'doc-table' });
    const thead = h('thead');
    const tbody = h('tbody');
    for (const r of t.rows) {
      const tr = h('tr', { 'data-line': r.line || null, 'data-code': r.code, class: r.rec ? 'rec' : (r.head ? null : 'unrec') });
      for (let i = 0; i < r.cells.length; i++) {
        const cell = h(r.head ? 'th' : 'td', { text: r.cells[i] });
        const key = r.keys ? r.keys[i] : r.line + ':' + (i + 1);
        if (!r.head && key) {
          if (r.keys || r.line) cell.setAttribute('data-cell', key);
          markCell(c, cell, key);
        }
        tr.appendChild(cell);
      }
      c.tableCells += r.cells.length;
      if (r.line && !r.head) c.rowEls.set(r.line, tr);
      (r.head ? thead : tbody).appendChild(tr);
    }
    table.appendChild(thead);
    table.appendChild(tbody);
    scroll.appendChild(table);
    wrap.appendChild(scroll);
    if (t.empty && !t.metaAfter.some((m) => m.text === t.empty)) wrap.appendChild(h('p', { class: 'table-empty', text: t.empty }));
    for (const m of t.metaAfter) wrap.appendChild(h('p', { class: 'table-meta', 'data-line': m.line, text: m.text }));
    return wrap;
  }

  const HEAD_PART = /^第[一二三四五六七八九十]+部分/;
  const HEAD_SECTION = /^[一二三四五六七八九十]+、/;
  const HEAD_SUB = /^[（(][一二三四五六七八九十]+[)）]/;

  function renderBlock(c, b) {
    const text = b.text;
    let cls = 'para';
    // A table of contents (目录): its entries look like headings; it ends where its first entry comes again.
    const bare = text.replace(/[\s\u3000]/g, '');
    if (c.toc === undefined && bare === '目录') c.toc = { first: null };
    else if (c.toc && !c.toc.done) {
      if (c.toc.first === null) c.toc.first = bare;
      else if (bare === c.toc.first) c.toc.done = true;
      if (!c.toc.done) cls = 'para toc';
    }
    if (cls === 'para toc') { /* keep */ }
    else if (HEAD_PART.test(text)) cls = 'para head-part';
    else if (HEAD_SECTION.test(text) && text.length < 40) cls = 'para head-section';
    else if (HEAD_SUB.test(text) && text.length < 40) cls = 'para head-sub';
    const p = h('p', { class: cls, 'data-line': b.line, 'data-start': b.start });
    // Findings' spans overlapping this block (offsets are Unicode code points).
    const over = [];
    const spans = c.spans;
    // spans are sorted by start; a binary search finds the first that may overlap.
    const firstWith = (pos) => {
      let lo = 0, hi = spans.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid].s < pos) lo = mid + 1; else hi = mid; }
      return lo;
    };
    const endK = firstWith(b.end);
    for (let k = firstWith(b.start - c.maxSpan); k < endK; k++) if (spans[k].e > b.start) over.push(spans[k]);
    if (!over.length) {
      p.textContent = text;
      return p;
    }
    const chars = Array.from(text);
    const n = chars.length;
    // Elementary segments between all span boundaries.
    const cuts = new Set([0, n]);
    for (const s of over) {
      cuts.add(Math.max(0, Math.min(n, s.s - b.start)));
      cuts.add(Math.max(0, Math.min(n, s.e - b.start)));
    }
    const pts = Array.from(cuts).sort((x, y) => x - y);
    for (let k = 0; k + 1 < pts.length; k++) {
      const a = pts[k], z = pts[k + 1];
      if (a === z) continue;
      const seg = chars.slice(a, z).join('');
      const idxs = over.filter((s) => s.s - b.start <= a && s.e - b.start >= z).map((s) => s.i);
      if (!idxs.length) { p.appendChild(document.createTextNode(seg)); continue; }
      const sev = worstOf(idxs, c.report.findings);
      const mk = h('mark', { class: 'claim', 'data-severity': sev, 'data-findings': idxs.join(','), tabindex: '0' });
      const first = !over.some((s) => s.s - b.start < a && s.e - b.start >= z && idxs.includes(s.i));
      if (first) mk.appendChild(h('span', { class: 'sev-mark', 'aria-hidden': 'true', text: MARK[sev] }));
      mk.appendChild(document.createTextNode(seg));
      p.appendChild(mk);
      for (const i of idxs) {
        if (!c.spanEls.has(i)) c.spanEls.set(i, []);
        c.spanEls.get(i).push(mk);
      }
    }
    return p;
  }

  // Findings whose cell was not drawn at (line, field) — mark the row of that line instead.
  function resolveLooseFindings(c) {
    c.report.findings.forEach((f, i) => {
      for (const k of f.keys) {
        if (c.cellEls.has(k)) continue;
        const tr = c.rowEls.get(Number(k.split(':')[0]));
        if (!tr) continue;
        const first = tr.firstElementChild;
        if (first && !first.hasAttribute('data-severity')) {
          c.byCell.set(k, [i]);
          markCell(c, first, k);
        }
      }
    });
  }

  // ---------------------------------------------------------------- summary and findings panel
  function renderSummary() {
    const c = current;
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
        text: lang === 'en' ? notice.en : notice.zh }));
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
    const c = current;
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
      const forms = (engines.core.info && engines.core.info.forms) || [];
      const names = forms.map((f) => (lang === 'en' ? f.name.en : f.name.zh)).join(lang === 'en' ? '; ' : '；');
      body.append(
        h('p', { class: 'form-name no-form', 'data-status': 'missing' },
          h('span', { class: 'cov-mark', 'aria-hidden': 'true', text: '?' }), t.noForm),
        h('p', { class: 'cov-hint', text: t.noFormHint(names) }),
      );
      appendUnexpected(body, c.report.document.tables.map((x) => x.id), titles, t.tablesRead);
      return;
    }
    const name = (lang === 'en' ? form.name.en : form.name.zh) + (form.level ? ' · ' + t.level(form.level) : '');
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
        ft.status === 'missing' && !ft.required ? (lang === 'en' ? ' (' : '（') + t.optional + (lang === 'en' ? ')' : '）') : null),
      h('span', { class: 'cov-title', text: ft.title }),
      h('span', { class: 'cov-unit', text: ft.unit ? t.unit + (lang === 'en' ? ': ' : '：') + ft.unit : '' }),
      linked ? h('span', { class: 'table-id', text: ft.table.toUpperCase() }) : null,
      ft.reason ? h('span', { class: 'cov-reason', text: (lang === 'en' ? '(' : '（') + (lang === 'en' ? ft.reason.en : ft.reason.zh) + (lang === 'en' ? ')' : '）') }) : null);
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
      if (k) p.append(lang === 'en' ? ', ' : '、');
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
      el.append((lang === 'en' ? ': ' : '：') + (lang === 'en' ? reason.en : reason.zh));
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

  function originText(o) {
    const t = T();
    const parts = [];
    if (o.file) parts.push(o.file);
    if (o.sheet) parts.push(t.sheet(o.sheet));
    if (o.page) parts.push(t.page(o.page));
    return t.origin + parts.join(' · ');
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

  function numbersOf(f) {
    const t = T();
    const out = [];
    if (f.expected != null) out.push([t.expected, f.expected]);
    if (f.actual != null) out.push([t.found, f.actual]);
    if (f.difference != null) out.push([t.difference, f.difference]);
    if (f.tolerance != null) out.push([t.tolerance, (/^[\d.]+$/.test(f.tolerance) ? '±' : '') + f.tolerance]);
    return out;
  }

  let renderFindingsToken = 0;
  async function renderFindings() {
    const c = current;
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
          h('span', { class: 'msg', text: lang === 'zh' ? f.message.zh : f.message.en }));
        const loc = findingLocation(f);
        if (loc) btn.appendChild(h('span', { class: 'loc', text: loc }));
        const nums = numbersOf(f);
        if (nums.length) btn.appendChild(h('span', { class: 'nums', text: nums.map((p) => p[0] + ' ' + p[1]).join(lang === 'zh' ? '，' : ', ') }));
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
    const c = current;
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

  // ---------------------------------------------------------------- tooltip (expected / found / difference / rule)
  function showTip(target, idxs) {
    const c = current;
    if (!c || !c.report) return;
    const tip = els.tip;
    tip.replaceChildren();
    for (const i of idxs) {
      const f = c.report.findings[i];
      if (!f) continue;
      const box = h('div', { class: 'tip-item', 'data-severity': f.severity });
      box.appendChild(h('div', { class: 'tip-head' },
        h('span', { class: 'sev-mark', text: MARK[f.severity] }), ' ', T().sev[f.severity] + ' · ' + T().rule + ' ' + f.rule));
      box.appendChild(h('div', { class: 'tip-msg', text: lang === 'zh' ? f.message.zh : f.message.en }));
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

  // ---------------------------------------------------------------- findings list: click and keyboard
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
  // The form panel: a table's line (a button: click, Enter or Space) goes to that table in the document view.
  els.coverageBody.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-goto]');
    if (b) gotoTable(b.getAttribute('data-goto'));
  });

  // ---------------------------------------------------------------- export
  function baseName() {
    const n = current && current.report ? current.report.input.name : 'report';
    return (n.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\\/:*?"<>|\s]+/g, '_') || 'report') + '.fiscal-lint';
  }
  function download(name, type, data) {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = h('a', { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
  // The full report stays in the worker (a big document's report is large); exports ask for it.
  let exportSeq = 0;
  const exportWaiters = new Map();
  function requestExport(what) {
    const c = current;
    const w = c && c.engine && c.engine.worker;
    if (!c || !c.report || !w) return Promise.resolve(null);
    const req = ++exportSeq;
    return new Promise((resolve) => {
      exportWaiters.set(req, resolve);
      w.postMessage({ type: 'export', id: c.id, req, what });
    });
  }
  function onExport(m) {
    const resolve = exportWaiters.get(m.req);
    exportWaiters.delete(m.req);
    if (resolve) resolve(m.data);
  }
  els.exportJson.addEventListener('click', async () => {
    const json = await requestExport('json');
    // The CLI prints the report followed by a newline: the same bytes here.
    if (json !== null) download(baseName() + '.json', 'application/json', json + '\n');
  });
  els.exportCsv.addEventListener('click', async () => {
    const csv = await requestExport('csv');
    if (csv !== null) download(baseName() + '.csv', 'text/csv;charset=utf-8', csv);
  });
  els.print.addEventListener('click', () => window.print());

  // ---------------------------------------------------------------- input: paste, file, drop, sample
  function extOf(name) {
    const m = /\.([A-Za-z0-9]+)$/.exec(name || '');
    return m ? m[1].toLowerCase() : '';
  }
  function decode(buf) {
    let bytes = new Uint8Array(buf);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), enc: 'UTF-16' };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), enc: 'UTF-8' };
    } catch (_) {
      return { text: new TextDecoder('gb18030').decode(bytes), enc: 'GB18030' };
    }
  }

  // CSV → tab-separated (RFC 4180 quoting); a tab or newline inside a field becomes a space.
  function csvToTsv(text) {
    const out = [];
    let row = [], field = '', q = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (q) {
        if (ch === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else q = false; }
        else field += ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : ch;
      } else if (ch === '"' && field === '') q = true;
      else if (ch === ',') { row.push(field); field = ''; }
      else if (ch === '\n') { row.push(field); out.push(row.join('\t')); row = []; field = ''; }
      else if (ch === '\r') { /* dropped */ }
      else field += ch === '\t' ? ' ' : ch;
    }
    if (field !== '' || row.length) { row.push(field); out.push(row.join('\t')); }
    return out.join('\n');
  }

  // What `input::files::detect` calls text (not a PDF, zip or OLE container), and not empty: such a file alone
  // goes into the box as before (decoded here, checked with checkText — the CLI's report for the same file).
  // Anything else — binary formats, .html, an empty file, several files — is read by the core (checkFiles), and
  // the box keeps what the user put there.
  const BOX_EXTS = new Set(['', 'txt', 'text', 'tsv', 'tab', 'csv']);
  function goesInBox(name, bytes) {
    if (!bytes.length || !BOX_EXTS.has(extOf(name))) return false;
    const head = bytes.subarray(0, 1024);
    const has = (sig, at) => sig.every((v, i) => head[at + i] === v);
    if ((has([0x50, 0x4b, 3, 4], 0)) || has([0x50, 0x4b, 5, 6], 0) || has([0xd0, 0xcf, 0x11, 0xe0], 0)) return false;
    for (let i = 0; i + 5 <= head.length; i++) if (head[i] === 0x25 && has([0x25, 0x50, 0x44, 0x46, 0x2d], i)) return false;
    // NUL bytes (outside UTF-16 text) mean binary content: not for the box.
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    if (!utf16 && bytes.subarray(0, 8192).includes(0)) return false;
    return true;
  }

  // Files only the formats module reads: named so, or PDF or zip (xlsx, docx) content — what the core's
  // `needsFormats` says of their bytes. For these the formats engine starts loading (decoded or fetched, compiled,
  // its worker started) as soon as they are dropped, while they are read, and they go to it directly instead of
  // through the core worker, which would only hand them over.
  const FORMATS_EXTS = new Set(['pdf', 'xlsx', 'xlsm', 'docx']);
  function forFormats(name, bytes) {
    if (FORMATS_EXTS.has(extOf(name))) return true;
    if (!bytes) return false;
    const has = (sig) => sig.every((v, i) => bytes[i] === v);
    return has([0x25, 0x50, 0x44, 0x46, 0x2d]) || has([0x50, 0x4b, 3, 4]);
  }
  function startFormatsEarly() {
    const f = engines.formats;
    if (!f.ready) startEngine(f).catch(() => { /* said when the files are sent (runJob) */ });
  }

  async function readFiles(list) {
    const files = Array.from(list || []);
    if (!files.length) return;
    clearMessage();
    if (files.some((f) => forFormats(f.name, null))) startFormatsEarly();
    let contents;
    try {
      contents = await Promise.all(files.map((f) => f.arrayBuffer().then((b) => new Uint8Array(b))));
    } catch (err) {
      showMessage('error', T().fileError(files.map((f) => f.name).join(', ')), String(err && err.message || err));
      return;
    }
    if (files.some((f, i) => forFormats(f.name, contents[i]))) startFormatsEarly();
    // With the core's plainText (the CLI's own decision and decoding), every file goes to the worker, which puts a
    // text file's text in the box ('as-text'); without it, the page decides and decodes here.
    const core = engines.core;
    try { await (core.ready || startEngine(core)); } catch (_) { /* runJob says why */ }
    const coreDecides = core.info && core.info.plainText;
    if (!coreDecides && files.length === 1 && goesInBox(files[0].name, contents[0])) {
      const file = files[0];
      let { text, enc } = decode(contents[0].buffer);
      let note = '';
      if (extOf(file.name) === 'csv') {
        text = csvToTsv(text);
        note = T().csvConverted;
      }
      setSource(text, file.name);
      els.info.textContent = T().fileRead(file.name, enc) + note;
      if (busy) cancelRun(true);
      runCheck();
      return;
    }
    const names = files.map((f) => f.name);
    return runJob({ kind: 'files', name: names.join(', '), names, contents });
  }

  els.file.addEventListener('change', () => {
    const fs = els.file.files ? Array.from(els.file.files) : [];
    els.file.value = '';
    if (fs.length) readFiles(fs);
  });
  // A file dragged over the page that only the formats module reads (its MIME type is known before the drop):
  // that module starts loading now, so the drop finds it ready or nearly.
  const FORMATS_TYPES = ['application/pdf', 'application/vnd.openxmlformats-officedocument.'];
  ['dragenter', 'dragover'].forEach((t) => els.drop.addEventListener(t, (e) => {
    if (!e.dataTransfer || !Array.from(e.dataTransfer.types || []).includes('Files')) return;
    e.preventDefault();
    els.drop.classList.add('dragging');
    const items = Array.from(e.dataTransfer.items || []);
    if (items.some((i) => i.kind === 'file' && FORMATS_TYPES.some((m) => (i.type || '').startsWith(m)))) startFormatsEarly();
  }));
  ['dragleave', 'dragend'].forEach((t) => els.drop.addEventListener(t, () => els.drop.classList.remove('dragging')));
  els.drop.addEventListener('drop', (e) => {
    els.drop.classList.remove('dragging');
    const fs = e.dataTransfer && e.dataTransfer.files ? Array.from(e.dataTransfer.files) : [];
    if (!fs.length) return;
    e.preventDefault();
    e.stopPropagation();
    readFiles(fs);
  });
  // Files dropped anywhere else on the page are read too (the results are a big target); the browser must never
  // navigate away to the file (and lose the text).
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    const fs = e.dataTransfer && e.dataTransfer.files ? Array.from(e.dataTransfer.files) : [];
    if (fs.length) readFiles(fs);
  });

  // The rebuilt text of a file, shown when asked for (it can be long) and downloadable.
  els.readText.addEventListener('toggle', () => {
    const c = current;
    if (els.readText.open && c && typeof c.readText === 'string' && !els.readTextPre.textContent) {
      els.readTextPre.textContent = c.readText;
    }
  });
  els.readTextDownload.addEventListener('click', () => {
    const c = current;
    if (c && typeof c.readText === 'string') download(baseName() + '.txt', 'text/plain;charset=utf-8', c.readText);
  });

  els.text.addEventListener('input', () => {
    source = null;
    els.big.hidden = true;
  });
  // A paste bigger than the box can lay out quickly is held in memory; the box shows its beginning.
  // HOOK (htmlToText): a paste from Excel, WPS or a web page carries text/html too; when it holds a <table>, the
  // core's htmlToText (cells → tabs, merged cells kept in place) reads it better than the browser's text/plain. Used
  // only when the running core module has that binding (the worker says so in 'ready': html); otherwise the paste is
  // left alone.
  function placePasted(t, start, end) {
    if (t.length > BIG) {
      setSource(t, null);
      els.info.textContent = T().bigPasted((t.length / 1048576).toFixed(1));
      return;
    }
    els.text.focus();
    els.text.setRangeText(t, start, end, 'end');
    els.text.dispatchEvent(new Event('input', { bubbles: true }));
  }
  let htmlSeq = 0;
  const htmlWaiters = new Map();
  function onHtml(m) {
    const resolve = htmlWaiters.get(m.req);
    htmlWaiters.delete(m.req);
    if (resolve) resolve(m.text);
  }
  function htmlToTextInWorker(html) {
    const w = engines.core.worker;
    if (!w) return Promise.resolve(null);
    const req = ++htmlSeq;
    return new Promise((resolve) => {
      htmlWaiters.set(req, resolve);
      w.postMessage({ type: 'html', req, html });
      setTimeout(() => { if (htmlWaiters.delete(req)) resolve(null); }, 10000);
    });
  }
  els.text.addEventListener('paste', (e) => {
    const cd = e.clipboardData;
    if (!cd) return;
    const html = cd.getData('text/html');
    const core = engines.core;
    if (html && /<table[\s>]/i.test(html) && core.worker && core.info && core.info.html && !els.text.readOnly) {
      e.preventDefault();
      const plain = cd.getData('text/plain');
      const start = els.text.selectionStart;
      const end = els.text.selectionEnd;
      htmlToTextInWorker(html).then((t) => {
        placePasted(t || plain, start, end);
        if (t) els.info.textContent = T().htmlPasted;
      });
      return;
    }
    const t = cd.getData('text/plain');
    if (!t || t.length <= BIG) return;
    e.preventDefault();
    setSource(t, null);
    els.info.textContent = T().bigPasted((t.length / 1048576).toFixed(1));
  });
  els.bigEdit.addEventListener('click', () => {
    if (!source) return;
    const t = source.text;
    source = null;
    els.big.hidden = true;
    els.text.readOnly = false;
    els.text.value = t; // slow for very large texts, but the user asked for it
  });

  async function loadSample() {
    let text = inlineText('fl-sample');
    if (!text) {
      try {
        const r = await fetch('sample/sample-2023-final.txt');
        if (!r.ok) throw new Error('HTTP ' + r.status);
        text = await r.text();
      } catch (err) {
        showMessage('error', T().fileError('sample'), String(err && err.message || err));
        return;
      }
    }
    setSource(text.replace(/^\n/, ''), T().sampleName);
    if (busy) cancelRun(true);
    runCheck();
  }

  els.check.addEventListener('click', runCheck);
  els.sample.addEventListener('click', loadSample);
  els.clear.addEventListener('click', () => {
    if (busy) cancelRun(true);
    source = null;
    els.big.hidden = true;
    els.text.readOnly = false;
    els.text.value = '';
    els.info.textContent = '';
    clearMessage();
    els.text.focus();
  });
  els.text.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); runCheck(); }
  });
  els.lang.addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    try { localStorage.setItem('fiscal-lint.lang', lang); } catch (_) { /* ignore */ }
    applyLang();
  });

  // A small API for embedders and tests.
  window.fiscalLint = {
    check: (text, name) => { setSource(text, name); if (busy) cancelRun(true); return runCheck(); },
    // Several files (File objects) as the picker or a drop gives them.
    checkFiles: (files) => readFiles(files),
    // Which engines have started: {core, formats} (the formats module loads only for PDF/Office files).
    engines: () => ({ core: !!engines.core.worker, formats: !!engines.formats.worker }),
    sample: loadSample,
    // The report exactly as the CLI prints it (`fiscal-lint check FILE --format json`, with its final newline).
    report: () => requestExport('json').then((j) => (j === null ? null : j + '\n')),
    inputLength: () => textToCheck().length,
    csv: () => requestExport('csv'),
    timings: () => (current ? { checkMs: current.checkMs, renderMs: current.renderMs, stats: current.stats } : null),
    setLang: (l) => { if (I18N[l]) { lang = l; applyLang(); } },
  };

  // A copy saved from the browser ("Webpage, complete") carries the last results' DOM: start clean.
  els.results.hidden = true;
  els.doc.replaceChildren();
  els.coverage.hidden = true;
  els.coverageBody.replaceChildren();
  els.list.replaceChildren();
  els.message.hidden = true;
  els.readText.hidden = true;
  els.readTextPre.textContent = '';
  applyLang();
  // Warm the core engine up so the first check is quick (the formats engine waits for a file that needs it).
  startEngine(engines.core).catch((err) => showMessage('error', T().engineFailed, String(err && err.message || err)));
  document.documentElement.setAttribute('data-fl-state', 'ready');
  if (/[?&#]sample\b/.test(location.search + location.hash)) loadSample();
})();

// Bundles the page's ES modules (www/app.js and what it imports) into one classic script, for the single file
// (scripts/build-single.mjs): file:// blocks module imports, so there the page is one inline <script>. No bundler
// package: the page's modules keep to a small subset of the module syntax, which this file checks —
//   import { a, b } from './x.js';     at the start of a line, relative paths only (no default, namespace or dynamic
//                                      imports)
//   export { a, b };                   the names a module provides (no `export function`, no `as`, never a `let`)
// — and imports go one way (ARCHITECTURE.md): each file imports only from the layers below its own (LAYERS), the
// files of render/ also from each other, and nothing imports in a cycle.
// Each module becomes a function run once, in the order the browser evaluates modules (depth first, in the order of
// the imports), returning its exports; an import becomes `const { a, b } = <that module's exports>;`. Exports that
// are never reassigned (const, function) read the same through that copy as through a live module binding.
//
//   bundlePage(root) → { text, files }   files: the modules' paths (relative to root), dependencies first
import { readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

// The page's layers, lowest first: strings → elements → state → rendering → worker client → downloads → input → wiring.
const LAYERS = ['www/i18n.js', 'www/dom.js', 'www/state.js', 'www/render/', 'www/engine.js', 'www/export.js',
  'www/input.js', 'www/app.js'];
const layerOf = (path) => LAYERS.findIndex((l) => (l.endsWith('/') ? path.startsWith(l) && !path.slice(l.length).includes('/') : path === l));

const IMPORT = /^import \{([^}]*)\} from '(\.{1,2}\/[^']+\.js)';[ \t]*$/gm;
const EXPORT = /^export \{([^}]*)\};[ \t]*$/gm;
const names = (list) => list.split(',').map((s) => s.trim()).filter(Boolean);

function parse(root, path) {
  const src = readFileSync(join(root, path), 'utf8');
  const fail = (msg) => { throw new Error(`${path}: ${msg}`); };
  const imports = [...src.matchAll(IMPORT)].map((m) => ({
    names: names(m[1]), from: posix.normalize(posix.join(posix.dirname(path), m[2])), text: m[0],
  }));
  const exports = [...src.matchAll(EXPORT)].flatMap((m) => names(m[1]));
  const other = src.replace(IMPORT, '').replace(EXPORT, '');
  if (/^\s*(import|export)\b/m.test(other) || /\bimport\s*\(/.test(other.replace(/\/\/.*$/gm, ''))) {
    fail('only `import { a, b } from \'./x.js\';` and `export { a, b };` lines are bundled (scripts/bundle-page.mjs)');
  }
  for (const n of [...exports, ...imports.flatMap((i) => i.names)]) {
    if (!/^[A-Za-z_$][\w$]*$/.test(n)) fail(`"${n}": renaming (as) is not bundled; use the name itself`);
  }
  for (const n of exports) {
    if (new RegExp(`^let\\s+${n.replace(/\$/g, '\\$')}\\b`, 'm').test(src)) {
      fail(`exports the let ${n}: the bundle copies exports, so an exported binding must never be reassigned`);
    }
  }
  return { path, src, imports, exports };
}

export function bundlePage(root, entry = 'www/app.js') {
  const mods = new Map(); // path → parsed, in evaluation order (dependencies first)
  const visiting = [];
  const visit = (path) => {
    if (mods.has(path)) return;
    if (visiting.includes(path)) {
      throw new Error(`the page's modules import in a cycle: ${[...visiting.slice(visiting.indexOf(path)), path].join(' → ')}` +
        ' (imports go one way: ARCHITECTURE.md)');
    }
    visiting.push(path);
    const m = parse(root, path);
    const layer = layerOf(path);
    if (layer < 0) throw new Error(`${path}: not in any of the page's layers (scripts/bundle-page.mjs LAYERS)`);
    for (const i of m.imports) {
      const l = layerOf(i.from);
      if (l > layer || (l === layer && !LAYERS[l].endsWith('/'))) {
        throw new Error(`${path} imports ${i.from}: imports go one way, to the layers below (${LAYERS.join(' ← ')})`);
      }
      visit(i.from);
    }
    visiting.pop();
    mods.set(path, m);
  };
  visit(entry);
  const id = (path) => '__fl_' + path.replace(/^www\//, '').replace(/\.js$/, '').replace(/\W/g, '_');
  const parts = [];
  for (const m of mods.values()) {
    let body = m.src;
    for (const i of m.imports) {
      const dep = mods.get(i.from);
      for (const n of i.names) {
        if (!dep.exports.includes(n)) throw new Error(`${m.path}: imports ${n}, which ${i.from} does not export`);
      }
      body = body.replace(i.text, () => `const { ${i.names.join(', ')} } = ${id(i.from)};`);
    }
    body = body.replace(EXPORT, '').trimEnd();
    const ret = m.exports.length ? `\nreturn { ${m.exports.join(', ')} };` : '';
    const head = m.path === entry ? '(function () {' : `const ${id(m.path)} = (function () {`;
    parts.push(`// ---- ${m.path}\n${head}\n${body}${ret}\n})();\n`);
  }
  return {
    text: `// The page's modules (www/), bundled by scripts/bundle-page.mjs in dependency order.\n(function () {\n'use strict';\n${parts.join('')}})();\n`,
    files: [...mods.keys()],
  };
}

// `node scripts/bundle-page.mjs` prints the modules in order (and checks them).
if (process.argv[1] && relative(process.argv[1], new URL(import.meta.url).pathname) === '') {
  const root = join(dirname(new URL(import.meta.url).pathname), '..');
  console.log(bundlePage(root).files.join('\n'));
}

// @ts-check
/**
 * Two checks on the import graph of src/ that ESLint's per-file rules cannot make (and no
 * import plugin is installed to make them), run by `npm run lint`:
 *
 * 1. No cycles among files. A cycle makes module start-up order decide whether a value is
 *    defined yet, and it blurs which file is the lower layer. Type-only imports count too:
 *    erased at run time, they still tie the two files' designs together.
 * 2. The preload's closure. The sandboxed preload can load only electron and what is bundled
 *    into it; zod does not load there, and nothing of main or the renderer belongs there.
 *    Every file the preload reaches through value imports must be zod-free and in
 *    src/preload or src/shared.
 *
 * Imports are read with a small regular expression, which is enough for this code base's
 * style (ES module imports, one specifier string each). Exits 1 with a list on failure.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const SOURCE = /\.(ts|tsx)$/;

/** Every source file under `dir`, tests included (a test can close a cycle too). */
function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

// import x from '...'; import { a } from '...'; export { a } from '...'; import '...';
// import('...'). "import type" / "export type" are skipped; so are specifiers whose every
// named binding is marked `type`.
const STATIC =
  /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The imports of a file's text (bare or relative specifiers), each marked type-only or not. */
function importsOf(text) {
  const out = [];
  for (const m of text.matchAll(STATIC)) {
    const [, , typeKeyword, clause, fromSpec, sideEffect, dynamic] = m;
    const spec = fromSpec ?? sideEffect ?? dynamic;
    if (spec === undefined) continue;
    let typeOnly = Boolean(typeKeyword);
    if (!typeOnly && clause !== undefined && /^\{[\s\S]*\}$/.test(clause.trim())) {
      const names = clause
        .trim()
        .slice(1, -1)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      typeOnly = names.length > 0 && names.every((n) => n.startsWith('type '));
    }
    out.push({ spec, typeOnly });
  }
  return out;
}

/** The file a relative specifier names, or null (a package, or not found). */
function resolveSpec(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const files = sourceFiles(SRC);
/**
 * Per file: every file it imports (`all`), and the files and packages it imports for values
 * (`files`, `packages`: what a bundler pulls in).
 * @type {Map<string, { all: string[], files: string[], packages: string[] }>}
 */
const graph = new Map();
for (const file of files) {
  const deps = { all: [], files: [], packages: [] };
  for (const { spec, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
    const target = resolveSpec(file, spec);
    if (target) deps.all.push(target);
    if (typeOnly) continue;
    if (target) deps.files.push(target);
    else if (!spec.startsWith('.')) deps.packages.push(spec);
  }
  graph.set(file, deps);
}

const rel = (f) => relative(ROOT, f);
const problems = [];

// 1. Cycles: depth-first search with colours; each back edge closes one cycle.
const state = new Map();
const stack = [];
const seen = new Set();
function visit(file) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of graph.get(file)?.all ?? []) {
    if (state.get(next) === 'open') {
      const cycle = stack.slice(stack.indexOf(next)).map(rel);
      const key = [...cycle].sort().join('|');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`import cycle: ${[...cycle, rel(next)].join(' -> ')}`);
      }
    } else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file);

// 2. The preload's closure through value imports.
const allowed = [join(SRC, 'preload'), join(SRC, 'shared')];
const entries = files.filter((f) => f.startsWith(join(SRC, 'preload')) && !/\.test\.tsx?$/.test(f));
const reached = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.pop();
  if (file === undefined || reached.has(file)) continue;
  reached.add(file);
  const deps = graph.get(file) ?? { all: [], files: [], packages: [] };
  if (!allowed.some((dir) => file.startsWith(dir)))
    problems.push(`preload reaches ${rel(file)}: only src/preload and src/shared may be bundled`);
  for (const pkg of deps.packages)
    if (pkg !== 'electron')
      problems.push(`preload reaches the package "${pkg}" through ${rel(file)}`);
  queue.push(...deps.files);
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `import graph: ${files.length} files, no cycles; the preload bundles ${reached.size} files, no zod\n`,
);

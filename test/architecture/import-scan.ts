/**
 * A scan of the relative imports of a TypeScript source tree, resolved to files, checked against
 * the project's layer rules (README "Layout"; developers' guide):
 * 0 foundation (random, stats, linalg) · 1 science (rmt, sim, gmm, mnist) · 2 figures (plot,
 * figures) · 3 services (parallel, io, data, notebook, runner, render) · 4 interface (cli).
 * A file imports only its own layer and those below; layers 0–2 load no Node built-in module;
 * there are no import cycles. Type-only imports count too (they tie the modules' designs together).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const LAYERS: Record<string, number> = {
  random: 0, stats: 0, linalg: 0,
  rmt: 1, sim: 1, gmm: 1, mnist: 1,
  plot: 2, figures: 2,
  parallel: 3, io: 3, data: 3, notebook: 3, runner: 3, render: 3,
  cli: 4,
};
/** Files directly under src/ (the public entry points) sit in the layer given here. */
export const TOP_FILES: Record<string, number> = { 'index.ts': 2 };
/** Layers that must stay pure (no Node built-in modules). */
export const PURE_MAX_LAYER = 2;

export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
}

export interface ScanResult {
  files: string[];
  edges: ImportEdge[];
  /** Imports of Node built-ins: file and specifier. */
  builtins: { from: string; specifier: string }[];
  /** Relative imports that resolve to no file. */
  unresolved: { from: string; specifier: string }[];
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
  }
  return out.sort();
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a source text loads (comments removed first). */
export function importSpecifiers(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) out.push(m[1] ?? m[2]);
  return out;
}

const BUILTINS = new Set(builtinModules);
export function isBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]);
}

function resolveRelative(fromFile: string, spec: string): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  for (const c of [`${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return undefined;
}

/** Scans every .ts file under `root`, resolving relative imports to files (paths relative to root). */
export function scanImports(root: string): ScanResult {
  const abs = resolve(root);
  const files = listTs(abs);
  const rel = (f: string): string => relative(abs, f).split(sep).join('/');
  const res: ScanResult = { files: files.map(rel), edges: [], builtins: [], unresolved: [] };
  for (const f of files) {
    for (const spec of importSpecifiers(readFileSync(f, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(f, spec);
        if (target) res.edges.push({ from: rel(f), to: rel(target), specifier: spec });
        else res.unresolved.push({ from: rel(f), specifier: spec });
      } else if (isBuiltin(spec)) res.builtins.push({ from: rel(f), specifier: spec });
    }
  }
  return res;
}

/** The layer of a file (path relative to the scanned root), or undefined for an unmapped file. */
export function layerOf(file: string): number | undefined {
  const parts = file.split('/');
  if (parts.length === 1) return TOP_FILES[parts[0]];
  return LAYERS[parts[0]];
}

/** Every import cycle (each as the list of files along it), by Tarjan's strongly connected components. */
export function findCycles(files: string[], edges: ImportEdge[]): string[][] {
  const adj = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) adj.get(e.from)?.push(e.to);
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
  const stack: string[] = [];
  const sccs: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || (adj.get(v) ?? []).includes(v)) sccs.push(comp.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) strong(f);
  return sccs;
}

export interface LayerReport {
  cycles: string[][];
  upward: { from: string; to: string; fromLayer: number; toLayer: number }[];
  impureBuiltins: { from: string; specifier: string }[];
  unmapped: string[];
  unresolved: { from: string; specifier: string }[];
}

/** Checks a scanned tree against the layer rules. */
export function checkLayers(scan: ScanResult): LayerReport {
  const upward: LayerReport['upward'] = [];
  for (const e of scan.edges) {
    const a = layerOf(e.from), b = layerOf(e.to);
    if (a !== undefined && b !== undefined && b > a) upward.push({ from: e.from, to: e.to, fromLayer: a, toLayer: b });
  }
  const impureBuiltins = scan.builtins.filter((b) => {
    const l = layerOf(b.from);
    return l !== undefined && l <= PURE_MAX_LAYER;
  });
  return {
    cycles: findCycles(scan.files, scan.edges),
    upward,
    impureBuiltins,
    unmapped: scan.files.filter((f) => layerOf(f) === undefined),
    unresolved: scan.unresolved,
  };
}

/**
 * Edge: notebook parameters, as papermill does them.
 *
 * The code cell tagged `parameters` holds the defaults as simple declarations, one per statement:
 * `let p = 200;`, `const eps: number = 0.25;`, `let name = "toy";`, `let sim = true;`,
 * `let ps = [50, 200, 500];` (number, string, boolean or number[] literals). `-p name=value`
 * injects, right after it, a code cell tagged `injected-parameters` that redeclares each given
 * name with the same keyword and type annotation (`let p = 300;`). tslab allows redeclaring a
 * `let` or `const` in a later cell (checked by test/runner/kernel.test.ts), so the parameters
 * cell may use either. Unknown names and badly typed values are rejected before anything runs.
 */
import { randomBytes } from 'node:crypto';
import { UsageError } from '../io/errors';
import { hasTag, sourceText, type CodeCell, type Notebook } from '../io/nbformat';

export type ParameterKind = 'number' | 'string' | 'boolean' | 'number[]';
export type { ParameterValue } from '../io/run-record';
import type { ParameterValue } from '../io/run-record';

export interface ParameterDefault {
  name: string;
  keyword: 'let' | 'const' | 'var';
  /** The declared type annotation, if any (`number`). */
  annotation?: string;
  /** The literal's kind, or null when the initializer is not a simple literal (not injectable). */
  kind: ParameterKind | null;
  value?: ParameterValue;
}

/** A bad `-p` or a notebook that cannot take parameters (CLI exit status 2). */
export class ParameterError extends UsageError {
  override name = 'ParameterError';
}

/** Splits code into top-level statements (at `;` or end of line outside brackets, strings, comments). */
export function splitStatements(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    const next = code[i + 1];
    if (ch === '/' && next === '/') {
      while (i < code.length && code[i] !== '\n') i++;
      i--;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 1;
      cur += ' ';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== ch) j += code[j] === '\\' ? 2 : 1;
      cur += code.slice(i, j + 1);
      i = j;
      continue;
    }
    if (ch === '[' || ch === '(' || ch === '{') depth++;
    if (ch === ']' || ch === ')' || ch === '}') depth--;
    const continues = /[=,+\-*/([{:?]\s*$/.test(cur);
    if (depth <= 0 && (ch === ';' || (ch === '\n' && !continues))) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const NUMBER = /^[+-]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?$/;

function parseNumberLiteral(s: string): number | null {
  const t = s.trim();
  if (!NUMBER.test(t)) return null;
  const v = Number(t.replace(/_/g, ''));
  return Number.isFinite(v) ? v : null;
}

/** Parses a simple literal: number, string, boolean or array of numbers; null otherwise. */
export function parseLiteral(expr: string): { kind: ParameterKind; value: ParameterValue } | null {
  const e = expr.trim();
  const n = parseNumberLiteral(e);
  if (n !== null) return { kind: 'number', value: n };
  if (e === 'true' || e === 'false') return { kind: 'boolean', value: e === 'true' };
  if (/^"(?:[^"\\\n]|\\.)*"$/.test(e)) {
    try {
      return { kind: 'string', value: JSON.parse(e) as string };
    } catch {
      return null;
    }
  }
  if (/^'(?:[^'\\\n]|\\.)*'$/.test(e)) {
    const inner = e.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"');
    try {
      return { kind: 'string', value: JSON.parse(`"${inner}"`) as string };
    } catch {
      return null;
    }
  }
  if (/^`[^`$\\]*`$/.test(e)) return { kind: 'string', value: e.slice(1, -1) };
  if (e.startsWith('[') && e.endsWith(']')) {
    const inner = e.slice(1, -1).trim();
    if (inner === '') return { kind: 'number[]', value: [] };
    const items = inner.split(',').map((x) => x.trim());
    if (items[items.length - 1] === '') items.pop();
    const nums = items.map(parseNumberLiteral);
    if (nums.every((x): x is number => x !== null)) return { kind: 'number[]', value: nums };
  }
  return null;
}

const DECL = /^(?:export\s+)?(let|const|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=]+?))?\s*=\s*([\s\S]+)$/;

/** The declarations of a parameters cell, in order. */
export function parseParameterDefaults(code: string): ParameterDefault[] {
  const out: ParameterDefault[] = [];
  for (const st of splitStatements(code)) {
    const m = DECL.exec(st);
    if (!m) continue;
    const [, keyword, name, annotation, init] = m;
    let lit = parseLiteral(init);
    const ann = annotation?.trim();
    if (lit && lit.kind === 'number[]' && (lit.value as number[]).length === 0 && ann !== 'number[]' && ann !== 'Array<number>') lit = null;
    out.push({ name, keyword: keyword as ParameterDefault['keyword'], annotation: ann, kind: lit?.kind ?? null, value: lit?.value });
  }
  return out;
}

/** Parses `name=value` arguments of `-p` (a name may be given once). */
export function parseParameterArgs(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new ParameterError(`-p expects name=value, got "${a}"`);
    const name = a.slice(0, eq).trim();
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new ParameterError(`-p "${a}": "${name}" is not a valid parameter name`);
    if (name in out) throw new ParameterError(`parameter "${name}" is given twice`);
    out[name] = a.slice(eq + 1);
  }
  return out;
}

/** Converts a command-line string to a value of `kind`, or null if it does not fit. */
export function coerceValue(raw: string, kind: ParameterKind): ParameterValue | null {
  const t = raw.trim();
  switch (kind) {
    case 'number':
      return parseNumberLiteral(t);
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : null;
    case 'string': {
      if (/^"(?:[^"\\]|\\.)*"$/.test(t)) {
        try {
          return JSON.parse(t) as string;
        } catch {
          return raw;
        }
      }
      return raw;
    }
    case 'number[]': {
      const inner = t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1).trim() : t;
      if (inner === '') return [];
      const nums = inner.split(',').map(parseNumberLiteral);
      return nums.every((x): x is number => x !== null) ? nums : null;
    }
  }
}

export interface ParameterPlan {
  /** Index of the `parameters` cell, or -1. */
  cellIndex: number;
  defaults: ParameterDefault[];
  /** The injected values, by name (empty when no -p was given). */
  values: Record<string, ParameterValue>;
}

/**
 * Checks `-p` values against the notebook's parameters cell. Throws ParameterError naming the
 * bad name or value and listing what is allowed; nothing is executed before this passes.
 */
export function planParameters(nb: Notebook, raw: Record<string, string>, notebookName = 'notebook'): ParameterPlan {
  const cellIndex = nb.cells.findIndex((c) => c.cell_type === 'code' && hasTag(c, 'parameters'));
  const names = Object.keys(raw);
  if (cellIndex < 0) {
    if (names.length) throw new ParameterError(`${notebookName} has no cell tagged "parameters", so -p ${names.join(', ')} cannot be applied`);
    return { cellIndex, defaults: [], values: {} };
  }
  const defaults = parseParameterDefaults(sourceText(nb.cells[cellIndex].source));
  const byName = new Map(defaults.map((d) => [d.name, d]));
  const allowed = defaults.filter((d) => d.kind !== null).map((d) => `${d.name} (${d.kind})`);
  const allowedText = allowed.length ? allowed.join(', ') : '(none)';
  const values: Record<string, ParameterValue> = {};
  for (const name of names) {
    const d = byName.get(name);
    if (!d) throw new ParameterError(`unknown parameter "${name}" for ${notebookName}; its parameters are: ${allowedText}`);
    if (d.kind === null) throw new ParameterError(`parameter "${name}" of ${notebookName} is not a simple literal in its parameters cell, so it cannot be set with -p; settable: ${allowedText}`);
    const v = coerceValue(raw[name], d.kind);
    if (v === null) throw new ParameterError(`parameter "${name}" of ${notebookName} must be a ${d.kind}${d.kind === 'number[]' ? ' (e.g. 1,2,3 or [1,2,3])' : ''}, got "${raw[name]}"`);
    values[name] = v;
  }
  return { cellIndex, defaults, values };
}

function literal(v: ParameterValue): string {
  if (Array.isArray(v)) return `[${v.map((x) => String(x)).join(', ')}]`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** The source of the injected-parameters cell. */
export function injectedSource(plan: ParameterPlan): string {
  const lines = ['// Parameters injected by `synthrmt run -p`'];
  for (const d of plan.defaults) {
    if (!(d.name in plan.values)) continue;
    lines.push(`${d.keyword} ${d.name}${d.annotation ? `: ${d.annotation}` : ''} = ${literal(plan.values[d.name])};`);
  }
  return lines.join('\n') + '\n';
}

/** A copy of `nb` with the injected-parameters cell after the parameters cell (unchanged if no values). */
export function injectParameters(nb: Notebook, plan: ParameterPlan): Notebook {
  const cells = nb.cells.filter((c) => !hasTag(c, 'injected-parameters'));
  if (plan.cellIndex < 0 || Object.keys(plan.values).length === 0) return { ...nb, cells };
  const at = cells.indexOf(nb.cells[plan.cellIndex]) + 1;
  const cell: CodeCell = {
    cell_type: 'code',
    ...(nb.nbformat === 4 && nb.nbformat_minor >= 5 ? { id: randomBytes(4).toString('hex') } : {}),
    source: injectedSource(plan),
    metadata: { tags: ['injected-parameters'] },
    execution_count: null,
    outputs: [],
  };
  return { ...nb, cells: [...cells.slice(0, at), cell, ...cells.slice(at)] };
}

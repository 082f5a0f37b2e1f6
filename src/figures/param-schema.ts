/**
 * One parameter schema per figure: for each parameter its kind, the allowed range or values, and
 * a help line (the default is the figure's `defaults`). The schema generates the command line's
 * options (`synthrmt figure NAME --kebab-name value`, listed with their allowed values in
 * `--help`), reads command-line tokens, merges the notebook helpers' overrides and checks every
 * value — in one place. Upper bounds (`max`) keep requests within this machine's memory and time
 * (a 2-core machine with a few GB): a larger value is refused before any work starts.
 *
 * Numbers on the command line are decimal only (`12`, `-2.5`, `1e-3`); `0x10`, `0b1`, `Infinity`
 * and empty strings are refused. Errors are `ParameterError`s (RangeErrors) naming the parameter,
 * the bad value and what is allowed.
 */
import { paramChoice, paramInteger, paramNumber } from '../stats/validators';

/** How a parameter is read from a command line (`--name value`). */
export type ParamKind = 'number' | 'integer' | 'numbers' | 'integers' | 'string' | 'boolean';

export interface ParamSpec {
  kind: ParamKind;
  /** One line of help text. */
  help: string;
  /** Bounds of a number (of each entry of a list), inclusive. */
  min?: number;
  max?: number;
  /** Allowed strings (kind 'string'). */
  values?: readonly string[];
  /** Longest list (kinds 'numbers' and 'integers'). */
  maxLength?: number;
}

export type ParamSchema<P extends object> = { [K in keyof P]: ParamSpec };

/**
 * The model's parameters shared by several figures, spelled, bounded and explained once
 * (`...modelParams('mu', 'gamma')` in a figure's schema).
 */
const MODEL_PARAMS = {
  mu: { kind: 'number', min: 0, max: 100, help: 'class-mean norm ‖μ‖' },
  gamma: { kind: 'number', min: 0, max: 1000000, help: 'ridge γ (> 0)' },
  epsilon: { kind: 'number', min: 0, max: 1, help: 'label noise ε' },
  rho: { kind: 'number', min: 0, max: 1, help: 'share ρ of wrong labels kept by pruning' },
  phi: { kind: 'number', min: 0, max: 1, help: 'share φ of right labels kept by pruning' },
} as const satisfies Record<string, ParamSpec>;

/** The schema entries of the named shared model parameters (μ, γ, ε, ρ, φ). */
export function modelParams<K extends keyof typeof MODEL_PARAMS>(...names: K[]): { [N in K]: ParamSpec } {
  const out = {} as { [N in K]: ParamSpec };
  for (const name of names) out[name] = MODEL_PARAMS[name];
  return out;
}

/** A bad parameter name or value (the CLI maps it to exit status 2). */
export class ParameterError extends RangeError {
  override name = 'ParameterError';
}

/** `nHat` → `n-hat`, `mOverP` → `m-over-p`, `K` → `k`: the command line's spelling of a parameter. */
export function kebabCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/** The allowed values of a parameter, for help texts and errors: `<integer 1..10000>`, `<paper|exact>`. */
export function describeParam(spec: ParamSpec): string {
  if (spec.values) return spec.values.join('|');
  const range = spec.min !== undefined || spec.max !== undefined ? ` ${spec.min ?? '-inf'}..${spec.max ?? 'inf'}` : '';
  switch (spec.kind) {
    case 'numbers':
    case 'integers':
      return `${spec.kind === 'numbers' ? 'number' : 'integer'},…${range}`;
    default:
      return `${spec.kind}${range}`;
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number (`12`, `-2.5`, `1e-3`), or undefined for anything else (hex, `Infinity`, …). */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const x = Number(t);
  return Number.isFinite(x) ? x : undefined;
}

function rethrow(e: unknown): never {
  if (e instanceof RangeError && !(e instanceof ParameterError)) throw new ParameterError(e.message);
  throw e;
}

function checkNumber(label: string, spec: ParamSpec, x: unknown, integer: boolean): number {
  const limit = spec.max !== undefined && typeof x === 'number' && x > spec.max ? ` (larger values are beyond this machine's memory or time)` : '';
  try {
    if (integer) return paramInteger(label, x, spec.min ?? Number.MIN_SAFE_INTEGER, spec.max ?? Number.MAX_SAFE_INTEGER);
    return paramNumber(label, x, { min: spec.min, max: spec.max });
  } catch (e) {
    if (limit && e instanceof RangeError) throw new ParameterError(e.message + limit);
    return rethrow(e);
  }
}

/**
 * Checks one value against its spec (kind, range, allowed values, list length); returns it.
 * `label` names the parameter in errors (`--n-hat` on the command line, `nHat` in notebooks).
 */
export function checkParam(label: string, spec: ParamSpec, v: unknown): unknown {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return checkNumber(label, spec, v, spec.kind === 'integer');
    case 'numbers':
    case 'integers': {
      if (!Array.isArray(v) || v.length === 0) throw new ParameterError(`${label} must be a non-empty list of ${spec.kind}, got ${JSON.stringify(v)}`);
      if (spec.maxLength !== undefined && v.length > spec.maxLength) {
        throw new ParameterError(`${label} must have at most ${spec.maxLength} entries, got ${v.length} (longer lists are beyond this machine's memory or time)`);
      }
      v.forEach((e, i) => checkNumber(`${label}[${i}]`, spec, e, spec.kind === 'integers'));
      return v;
    }
    case 'string':
      if (typeof v !== 'string') throw new ParameterError(`${label} must be a string, got ${JSON.stringify(v)}`);
      if (spec.values) {
        try {
          paramChoice(label, v, spec.values);
        } catch (e) {
          rethrow(e);
        }
      }
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw new ParameterError(`${label} must be true or false, got ${JSON.stringify(v)}`);
      return v;
  }
}

function kindOk(kind: ParamKind, v: unknown): boolean {
  const num = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
  const int = (x: unknown): boolean => Number.isInteger(x);
  switch (kind) {
    case 'number':
      return num(v);
    case 'integer':
      return int(v);
    case 'numbers':
      return Array.isArray(v) && v.every(num);
    case 'integers':
      return Array.isArray(v) && v.every(int);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
  }
}

interface SchemaOwner<P extends object> {
  name: string;
  defaults: P;
  params: ParamSchema<P>;
}

/**
 * `overrides` over the figure's defaults, every value checked against the schema (the notebook
 * helpers and `runFigure`). Unknown keys or badly typed values: ParameterError listing what is allowed.
 */
export function mergeFigureParams<P extends object>(def: SchemaOwner<P>, overrides: Partial<P> = {}): P {
  const specs = def.params as Record<string, ParamSpec>;
  const allowed = Object.keys(def.defaults);
  for (const [k, v] of Object.entries(overrides)) {
    if (!allowed.includes(k)) throw new ParameterError(`unknown parameter "${k}" for figure ${def.name}; its parameters are: ${allowed.join(', ')}`);
    if (v !== undefined && specs[k] && !kindOk(specs[k].kind, v)) {
      throw new ParameterError(`parameter "${k}" of figure ${def.name} must be of kind ${specs[k].kind}, got ${JSON.stringify(v)}`);
    }
  }
  const merged: Record<string, unknown> = { ...(def.defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) merged[k] = v;
  for (const k of allowed) if (specs[k]) checkParam(`figure ${def.name}: ${k}`, specs[k], merged[k]);
  return merged as P;
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

function parseValue(figure: string, flag: string, spec: ParamSpec, raw: string): unknown {
  const kind = spec.kind;
  const bad = (what: string, note = ''): never => {
    throw new ParameterError(`${flag} of figure ${figure} expects ${what}, got "${raw}"${note}`);
  };
  const num = (s: string, integer: boolean): number => {
    const x = parseDecimal(s);
    if (x === undefined) return bad(integer ? 'an integer' : 'a number', s.trim() !== '' && !Number.isNaN(Number(s)) ? ' (decimal notation only)' : '');
    if (integer && !Number.isInteger(x)) return bad('an integer');
    return x;
  };
  switch (kind) {
    case 'number':
      return num(raw, false);
    case 'integer':
      return num(raw, true);
    case 'numbers':
    case 'integers': {
      const what = `a comma-separated list of ${kind === 'integers' ? 'integers' : 'numbers'}`;
      const parts = raw.split(',');
      if (parts.some((p) => p.trim() === '')) bad(what);
      try {
        return parts.map((p) => num(p, kind === 'integers'));
      } catch {
        return bad(what);
      }
    }
    case 'string':
      return raw;
    case 'boolean': {
      const b = BOOLEAN_WORDS[raw.toLowerCase()];
      if (b === undefined) bad('true or false');
      return b;
    }
  }
}

/** The command-line options of a figure: flag (kebab-case), parameter name, spec, default. */
export function figureOptions<P extends object>(def: SchemaOwner<P>): { flag: string; name: string; spec: ParamSpec; default: unknown }[] {
  return Object.keys(def.defaults).map((name) => ({
    flag: `--${kebabCase(name)}`,
    name,
    spec: (def.params as Record<string, ParamSpec>)[name],
    default: (def.defaults as Record<string, unknown>)[name],
  }));
}

/**
 * Reads `--kebab-name value` pairs (also `--name=value`, `--flag` for booleans) against the
 * figure's schema and checks each value (kind, decimal numbers, range, allowed values). Returns
 * the overrides by parameter name. An unknown name is a ParameterError listing the options.
 */
export function parseFigureArgs<P extends object>(def: SchemaOwner<P>, tokens: string[]): Partial<P> {
  const options = figureOptions(def);
  const listAllowed = (): string => options.map((o) => `${o.flag} (${o.spec.kind})`).join(', ') || '(none)';
  const out: Record<string, unknown> = {};
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok.startsWith('--') || tok === '--') {
      throw new ParameterError(`unexpected argument "${tok}" for figure ${def.name}; parameters are given as --name value: ${listAllowed()}`);
    }
    const eq = tok.indexOf('=');
    const flag = eq > 0 ? tok.slice(0, eq) : tok;
    const opt = options.find((o) => o.flag === flag);
    if (!opt) {
      const hint = options.find((o) => `--${o.name}` === flag || o.flag === kebabCase(flag));
      throw new ParameterError(`unknown parameter ${flag} for figure ${def.name}${hint ? ` (did you mean ${hint.flag}?)` : ''}; allowed: ${listAllowed()}`);
    }
    if (opt.name in out) throw new ParameterError(`parameter ${flag} is given twice`);
    let raw: string;
    if (eq > 0) raw = tok.slice(eq + 1);
    else if (opt.spec.kind === 'boolean' && (i + 1 >= tokens.length || !(tokens[i + 1].toLowerCase() in BOOLEAN_WORDS))) raw = 'true';
    else {
      if (i + 1 >= tokens.length) throw new ParameterError(`${flag} of figure ${def.name} needs a value (${opt.spec.kind})`);
      raw = tokens[++i];
    }
    const v = parseValue(def.name, flag, opt.spec, raw);
    out[opt.name] = checkParam(flag, opt.spec, v);
  }
  return out as Partial<P>;
}

/** The figure's options for `--help`: one per line, with allowed values and default. */
export function figureOptionsHelp<P extends object>(def: SchemaOwner<P>, indent = '    '): string {
  return figureOptions(def)
    .map((o) => `${indent}${`${o.flag} <${describeParam(o.spec)}>`.padEnd(40)} ${o.spec.help} (default ${JSON.stringify(o.default)})`)
    .join('\n');
}

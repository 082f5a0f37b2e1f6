/**
 * `synthrmt figure NAME [--PARAM value]… [--out DIR] [--threads N] [--no-pdf]`: computes one
 * registered figure (src/figures/index.ts) with the paper's parameters, any of them overridden on
 * the command line, on worker threads with a progress line, and writes
 * OUT/<fileStem>.{svg,pdf,png,json} (default OUT = reports/figures; see ../render/figure-export.ts).
 *
 * Parameter values are read by the figure's `paramKinds`: number, integer, numbers / integers
 * (comma lists: `--m 100,200,400`), string, boolean (`--flag`, `--flag true|false|yes|no|1|0`).
 * `--name=value` works too. Exit status: 0 done; 1 the computation failed; 2 unknown figure,
 * unknown parameter or bad value; 3 no chromium (SVG and JSON written, no PDF/PNG).
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { figures, getFigure } from '../figures/index';
import type { FigureDef, ParamKind } from '../figures/registry-types';
import { defaultThreads, workerExecutor } from '../parallel/pool';
import { exportFigureFiles } from '../render/figure-export';
import { ChromiumMissingError, EXIT_NO_CHROMIUM, openBrowser, type BrowserHandle } from '../render/pdf';
import { UsageError } from './errors';

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

function parseValue(figure: string, name: string, kind: ParamKind, raw: string): unknown {
  const bad = (what: string): never => {
    throw new UsageError(`--${name} of figure ${figure} expects ${what}, got "${raw}"`);
  };
  const num = (s: string, integer: boolean): number => {
    const t = s.trim();
    const x = Number(t);
    if (t === '' || !Number.isFinite(x)) return bad(integer ? 'an integer' : 'a number');
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
      const parts = raw.split(',');
      if (parts.some((p) => p.trim() === '')) bad(`a comma-separated list of ${kind === 'integers' ? 'integers' : 'numbers'}`);
      try {
        return parts.map((p) => num(p, kind === 'integers'));
      } catch {
        return bad(`a comma-separated list of ${kind === 'integers' ? 'integers' : 'numbers'}`);
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

/**
 * Reads `--name value` pairs against the figure's parameter kinds. An unknown name is a
 * UsageError naming it and listing the figure's parameters; a badly typed value names the kind.
 */
export function parseFigureParams(def: FigureDef<any, any>, tokens: string[]): Record<string, unknown> {
  const kinds = def.paramKinds as Record<string, ParamKind>;
  const allowed = Object.keys(def.defaults as object);
  const listAllowed = (): string => allowed.map((k) => `--${k} (${kinds[k]})`).join(', ') || '(none)';
  const out: Record<string, unknown> = {};
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok.startsWith('--') || tok === '--') {
      throw new UsageError(`unexpected argument "${tok}" for figure ${def.name}; parameters are given as --name value: ${listAllowed()}`);
    }
    const eq = tok.indexOf('=');
    const name = eq > 0 ? tok.slice(2, eq) : tok.slice(2);
    if (!allowed.includes(name)) {
      throw new UsageError(`unknown parameter --${name} for figure ${def.name}; allowed: ${listAllowed()}`);
    }
    if (name in out) throw new UsageError(`parameter --${name} is given twice`);
    const kind = kinds[name] ?? 'string';
    let raw: string;
    if (eq > 0) raw = tok.slice(eq + 1);
    else if (kind === 'boolean' && (i + 1 >= tokens.length || !(tokens[i + 1].toLowerCase() in BOOLEAN_WORDS))) raw = 'true';
    else {
      if (i + 1 >= tokens.length) throw new UsageError(`--${name} of figure ${def.name} needs a value (${kind})`);
      raw = tokens[++i];
    }
    out[name] = parseValue(def.name, name, kind, raw);
  }
  return out;
}

/** A progress display on stderr: a bar on a terminal, a line every 10 % (or 5 s) elsewhere. */
function progressDisplay(label: string): { update(done: number, total: number, what?: string): void; stop(): void } {
  const tty = process.stderr.isTTY === true;
  const t0 = Date.now();
  let bar: SingleBar | undefined;
  let lastPct = -1, lastT = 0;
  return {
    update(done, total, what) {
      if (!(total > 0)) return;
      if (tty) {
        if (!bar) {
          bar = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {value}/{total} {percentage}% · {duration_formatted} {what}`, hideCursor: true, clearOnComplete: false }, undefined);
          bar.start(total, done, { what: what ?? '' });
        }
        bar.setTotal(total);
        bar.update(done, { what: what ?? '' });
        return;
      }
      const pct = Math.floor((100 * done) / total);
      const now = Date.now();
      if (done === total || pct >= lastPct + 10 || now - lastT > 5000) {
        lastPct = pct;
        lastT = now;
        process.stderr.write(`${label}: ${done}/${total} (${pct}%) ${((now - t0) / 1000).toFixed(1)} s${what ? ` ${what}` : ''}\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

export interface FigureCommandOptions {
  out?: string;
  threads?: number;
  /** Make PDF and PNG (needs chromium); default true. */
  pdf?: boolean;
  quiet?: boolean;
}

/**
 * Computes figure `name` with parameters from `tokens` and writes its files; returns the paths
 * written and the exit status (0, or EXIT_NO_CHROMIUM when only SVG and JSON could be written).
 */
export async function figureCommand(name: string, tokens: string[], opts: FigureCommandOptions = {}): Promise<{ code: number; files: string[] }> {
  let def: FigureDef<any, any>;
  try {
    def = getFigure(name);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const overrides = parseFigureParams(def, tokens);
  const params = { ...(def.defaults as object), ...overrides };
  const threads = opts.threads ?? defaultThreads();
  const out = opts.out ?? 'reports/figures';
  const progress = opts.quiet ? undefined : progressDisplay(def.name);
  const t0 = Date.now();
  let data: unknown;
  try {
    data = await def.compute(params, { executor: workerExecutor({ threads }), onProgress: progress ? (d, t, l) => progress.update(d, t, l) : undefined });
  } finally {
    progress?.stop();
  }
  if (!opts.quiet) process.stderr.write(`${def.name}: computed in ${((Date.now() - t0) / 1000).toFixed(1)} s on ${threads} thread${threads === 1 ? '' : 's'}\n`);
  let handle: BrowserHandle | undefined;
  let missing: ChromiumMissingError | undefined;
  if (opts.pdf !== false) {
    try {
      handle = await openBrowser();
    } catch (e) {
      if (!(e instanceof ChromiumMissingError)) throw e;
      missing = e;
    }
  }
  try {
    const files = await exportFigureFiles(
      { stem: def.fileStem, spec: def.spec(data, params), data, size: def.size, images: def.images?.(data, params) },
      out,
      { browser: handle ? handle.browser : null },
    );
    if (!opts.quiet) for (const f of files) process.stdout.write(`${f}\n`);
    if (missing) {
      process.stderr.write(`synthrmt figure: ${missing.message}\n`);
      return { code: EXIT_NO_CHROMIUM, files };
    }
    return { code: 0, files };
  } finally {
    await handle?.close();
  }
}

function parseThreads(v: string): number {
  const t = Number(v);
  if (!Number.isInteger(t) || t < 1) throw new UsageError(`--threads must be a positive integer, got "${v}"`);
  return t;
}

export function registerFigure(program: Command): void {
  program
    .command('figure')
    .description('compute one figure (paper parameters unless overridden by --PARAM value) and write its SVG, PDF, PNG and JSON')
    .argument('<name>', 'figure name (e.g. fig3)')
    .option('--out <dir>', 'output folder', 'reports/figures')
    .option('--threads <n>', 'worker threads (default: SYNTHRMT_THREADS or all cores)')
    .option('--no-pdf', 'write SVG and JSON only (no chromium needed)')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', () => {
      const lines = Object.values(figures)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((f) => `  ${f.name.padEnd(8)} ${f.title}\n${' '.repeat(11)}${Object.keys(f.defaults as object).map((k) => `--${k} <${(f.paramKinds as Record<string, string>)[k]}>`).join(' ')}`);
      return `\nFigures and their parameters (defaults: the paper's values):\n${lines.join('\n') || '  (none registered)'}\n`;
    })
    .action(async (name: string, opts: { out: string; threads?: string; pdf: boolean }, cmd: Command) => {
      // commander hands the figure's own --PARAM value pairs over as extra arguments.
      const tokens = cmd.args.slice(1);
      const { code } = await figureCommand(name, tokens, { out: opts.out, threads: opts.threads !== undefined ? parseThreads(opts.threads) : undefined, pdf: opts.pdf });
      if (code !== 0) process.exitCode = code;
    });
}

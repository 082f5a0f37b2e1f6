/**
 * Edge: `synthrmt theory` — the accuracy, moments and fixed points of El Firdoussi et al. (2025)
 * from the command line, one point from flags or a JSON-lines batch.
 *
 *   synthrmt theory toy --n 1000 --n-hat 1000 --m 1000 --p 200 --mu 0.7 --epsilon 0.25 --rho 0 --phi 1 --gamma 1
 *   synthrmt theory synthetic-only --m 1000 --p 100 --mu 1 --epsilon 0.3 --rho 0.3 --phi 0.8 --gamma 1
 *   synthrmt theory general --json-params '{"n":20,"m":30,"mu":[…],"muBeta":[…],"cov":[[…]],…}'
 *   synthrmt theory --batch FILE.jsonl      (or - for stdin)
 *
 * `--pruning paper|exact` (batch: a line's "pruning" field) picks how pruning enters the formulas:
 * 'paper' (default) the published ones, 'exact' the reduction of a 0/1 pruning mask to an unpruned
 * problem (src/rmt/pruning.ts), which the simulations follow when α = φ(1−ε) + ρε < 1.
 *
 * Exit status: 0 success; 1 a batch line failed (its output line is {"error": …}) or a computation
 * failed; 2 bad usage (unknown or missing flag, non-numeric or out-of-domain value).
 */
import { InputFileError, lineSink, openLineSource, OutputClosedError, readLines } from '../io/line-stream';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseDecimal } from '../figures/param-schema';
import { UsageError } from './errors';
import { parseSweep, type SweepValues } from './sweep';
import { resultFields, runTheorySweep, type SweepFormat } from './theory-sweep';
import {
  generalTheoryPrepared, prepareCovariance, syntheticOnlyTheory, toyTheory, checkCovariance, PRUNING_MODES,
  type PreparedCovariance, type PruningMode, type TheoryOptions, type TheoryResult,
} from '../rmt/index';

/** Commander value parser: a finite decimal number written in full (rejects "", "12abc", "NaN", "0x10"). */
export function num(value: string): number {
  const x = parseDecimal(value);
  if (x === undefined) {
    const note = value.trim() !== '' && Number.isFinite(Number(value)) ? ' (decimal notation only)' : '';
    throw new InvalidArgumentError(`must be a finite number, got "${value}"${note}`);
  }
  return x;
}

/** The largest n, n-hat, m or p the command accepts: beyond it the fixed-point iterations of the theory do not converge in float64. */
export const MAX_THEORY_COUNT = 1e9;

/** Commander value parser of a size (n, n-hat, m, p): a decimal number ≤ MAX_THEORY_COUNT. */
export function count(value: string): number {
  const x = num(value);
  if (x > MAX_THEORY_COUNT) throw new InvalidArgumentError(`must be at most ${MAX_THEORY_COUNT.toExponential()} (the theory's fixed points do not converge beyond), got "${value}"`);
  return x;
}

/**
 * A numeric flag's parser that also takes a sweep (./sweep.ts): a plain number goes through `one`
 * (the flag's own checks); a list `a,b`, range `a:b:k` or `log:a:b:k` becomes its SweepValues.
 */
function sweepable(one: (value: string) => number, integer: boolean): (value: string) => number | SweepValues {
  return (value) => (/[,:]/.test(value) ? parseSweep(value, { integer, max: integer ? MAX_THEORY_COUNT : undefined }) : one(value));
}

type Model = 'toy' | 'synthetic-only' | 'general';

/** CLI flag for each parameter name, to point a core RangeError at the flag the user typed. */
const FLAG: Record<string, string> = {
  n: '--n', nHat: '--n-hat', m: '--m', p: '--p', mu: '--mu', epsilon: '--epsilon', rho: '--rho',
  phi: '--phi', gamma: '--gamma', alpha: '--epsilon/--rho/--phi', pruning: '--pruning', weight: '--weight',
  over: '--over', mMax: '--m-max',
};

export function withFlag(e: unknown): never {
  if (e instanceof RangeError) {
    const name = /^([A-Za-z]+)\b/.exec(e.message)?.[1];
    const flag = name !== undefined ? FLAG[name] : undefined;
    throw new RangeError(flag ? `${flag}: ${e.message}` : e.message);
  }
  throw e;
}

const LABELS: Record<Model, string> = {
  toy: 'delta_r, delta_s, delta_g',
  general: 'delta, delta_s',
  'synthetic-only': 'delta',
};

/** The batch/`--json` output object, in the documented key order. */
function toJson(r: TheoryResult): string {
  return JSON.stringify(resultFields(r));
}

function printResult(model: Model, params: Record<string, unknown>, pruning: PruningMode, r: TheoryResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${toJson(r)}\n`);
    return;
  }
  const shown = Object.entries(params)
    .filter(([k]) => k !== 'json' && k !== 'jsonParams')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length}]` : String(v)}`)
    .join(' ');
  const lines = [
    `${model} setting: ${shown} pruning=${pruning}`,
    `  accuracy (signed)      Phi(E[g]/sd)        ${r.accuracy}`,
    `  accuracy (symmetric)   max(acc, 1 - acc)   ${r.accuracySymmetric}`,
    `  E[g]                                       ${r.mean}`,
    `  E[g^2]                                     ${r.secondMoment}`,
    `  sd = sqrt(E[g^2] - E[g]^2)                 ${Math.sqrt(r.secondMoment - r.mean * r.mean)}`,
    `  fixed point (${LABELS[model]})`.padEnd(45) + r.deltas.join(', '),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * Evaluates one batch line; returns the output line. Throws (message = the error text) on a bad line.
 * With `echo`, the output line starts with the input's "model", "pruning" (when given) and "params".
 */
class BatchEvaluator {
  private cacheKey = '';
  private cachePrep: PreparedCovariance | null = null;

  constructor(private readonly echo = false) {}

  evaluate(line: string): string {
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new Error(`bad JSON: ${(e as Error).message}`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new Error(`each line must be a JSON object {"model": ..., "params": {...}}`);
    }
    const o = obj as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (k !== 'model' && k !== 'params' && k !== 'pruning') {
        throw new Error(`unknown field ${JSON.stringify(k)}; allowed: model, params, pruning`);
      }
    }
    if (o.params === undefined) throw new Error(`missing "params"`);
    // an absent "pruning" is the default ('paper'); a bad one is rejected by the core, naming it
    const options = (o.pruning === undefined ? {} : { pruning: o.pruning }) as TheoryOptions;
    const out = (r: TheoryResult): string => {
      if (!this.echo) return toJson(r);
      const head = o.pruning === undefined ? { model: o.model, params: o.params } : { model: o.model, pruning: o.pruning, params: o.params };
      return JSON.stringify({ ...head, ...resultFields(r) });
    };
    switch (o.model) {
      case 'toy':
        return out(toyTheory(o.params as never, options));
      case 'synthetic-only':
        return out(syntheticOnlyTheory(o.params as never, options));
      case 'general':
        return out(this.general(o.params, options));
      default:
        throw new Error(`unknown model ${JSON.stringify(o.model)}; allowed: "toy", "synthetic-only", "general"`);
    }
  }

  /** Theorem 4.2, reusing C's eigen-decomposition while consecutive lines share the same cov. */
  private general(params: unknown, options: TheoryOptions): TheoryResult {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new RangeError(`general parameters must be an object, got ${JSON.stringify(params)}`);
    }
    const { cov, ...rest } = params as Record<string, unknown>;
    if (cov === undefined) throw new RangeError(`cov must be a p x p matrix, got undefined (missing)`);
    const key = JSON.stringify(cov);
    if (key !== this.cacheKey || this.cachePrep === null) {
      checkCovariance(cov); // shape and symmetry errors before the decomposition
      this.cachePrep = prepareCovariance(cov as never);
      this.cacheKey = key;
    }
    return generalTheoryPrepared(this.cachePrep, rest as never, options);
  }
}

/**
 * Streams a JSON-lines batch: one output line per non-blank input line, in order; blank lines are
 * skipped. Returns the number of failed lines.
 */
export async function runBatch(
  input: NodeJS.ReadableStream, write: (line: string) => void | Promise<void>, options: { echo?: boolean } = {},
): Promise<number> {
  // Input pulled chunk by chunk and output awaited: back-pressure both ways (src/io/line-stream.ts).
  const ev = new BatchEvaluator(options.echo === true);
  let lineNo = 0, failed = 0;
  for await (const raw of readLines(input)) {
    lineNo++;
    if (raw.trim() === '') continue;
    let out: string;
    try {
      out = ev.evaluate(raw);
    } catch (e) {
      failed++;
      out = JSON.stringify({ error: `line ${lineNo}: ${e instanceof Error ? e.message : String(e)}` });
    }
    await write(out);
  }
  return failed;
}

function openInput(file: string): Promise<NodeJS.ReadableStream> {
  return openLineSource(file, file).catch((e: Error) => {
    throw e instanceof InputFileError ? new UsageError(`--batch: ${e.message}`) : e;
  });
}

const BATCH_HELP = `
Batch (--batch FILE.jsonl, or - for stdin): one JSON object per line,
  {"model":"toy","params":{"n","nHat","m","p","mu","epsilon","rho","phi","gamma"}}
  {"model":"synthetic-only","params":{"m","p","mu","epsilon","rho","phi","gamma"}}
  {"model":"general","params":{"n","m","p","mu":[..],"muBeta":[..],"cov":[[..]],"epsilon","rho","phi","gamma"}}
(toy and synthetic-only take the norm of mu as the number "mu"; every model accepts "weight", the
mixing weight beta >= 0 of the synthetic samples, default 1, other values with "pruning": "exact").
A line may add "pruning": "paper"
(the default: the published formulas) or "exact" (the 0/1 pruning mask, see --pruning), e.g.
  {"model":"synthetic-only","pruning":"exact","params":{...}}
Prints one JSON line per non-blank input line, in order:
  {"accuracy","accuracySymmetric","mean","secondMoment","deltas":[...]}
with deltas [delta_r, delta_s, delta_g] (toy), [delta, delta_s] (general), [delta] (synthetic-only).
With --echo each output line starts with the input line's "model", "pruning" (if given) and "params":
  {"model":"toy","params":{...},"accuracy",...}
Blank lines are skipped (no output line). A bad line (bad JSON, unknown model, bad or missing
parameter or pruning mode) prints {"error": "line K: ..."} in its place; the other lines still run and
the exit code is 1. Consecutive general lines with the same cov share one eigen-decomposition.
`;

const PRUNING_HELP = `
Pruning (--pruning on toy, synthetic-only, general): "paper" evaluates the published formulas, which
weigh every synthetic sample by the kept share alpha = phi(1-epsilon) + rho*epsilon and reproduce the
reference values; they are exact only for alpha = 1. "exact" evaluates them on the equivalent unpruned
problem of a 0/1 pruning mask (m' = alpha*m, epsilon' = epsilon*rho/alpha, rho' = phi' = 1,
gamma' = gamma(n+m)/(n+alpha*m)), which matches simulations; deltas are then the reduced problem's.
`;

const SWEEP_HELP = `
Sweeps: any numeric flag accepts a list (--m 0,500,2000), a range a:b:k (--m 0:20000:41: 41 evenly
spaced values from 0 to 20000) or log:a:b:k (--weight log:0.01:100:61: 61 log-spaced values);
counts (n, n-hat, m, p) in ranges are rounded to integers. The points are all combinations, the
flags in the order of this help varying slowest first. Output: a table, --json (one line per point:
{"model","pruning","params":{...},"accuracy",...}) or --csv; --plot FILE.svg|.pdf|.png draws the
accuracy against the first swept flag, one line per value of a second (PDF and PNG need chromium).
`;

/** Flag and help text of each scalar parameter of the toy and synthetic-only settings. */
export const SCALAR_OPTIONS: Record<string, [flags: string, description: string]> = {
  n: ['--n <count>', 'real samples n'],
  nHat: ['--n-hat <count>', 'samples n-hat behind the covariance estimate'],
  m: ['--m <count>', 'synthetic samples m (toy: >= 0, 0 = real data only; synthetic-only: > 0)'],
  p: ['--p <count>', 'dimension p'],
  mu: ['--mu <norm>', 'class-mean norm ||mu||'],
  epsilon: ['--epsilon <prob>', 'label noise epsilon in [0, 1]'],
  rho: ['--rho <prob>', 'keep probability rho of a flipped sample'],
  phi: ['--phi <prob>', 'keep probability phi of a correct sample'],
  gamma: ['--gamma <penalty>', 'ridge penalty gamma (> 0)'],
};

/** `--weight <beta>`: the synthetic samples' mixing weight (optional; the core validates it, naming it). */
const WEIGHT_OPTION: [string, string] = ['--weight <beta>', 'mixing weight beta >= 0 of the synthetic samples (default 1; other values need --pruning exact)'];

/** `--pruning paper|exact` (commander rejects any other value, naming the allowed ones: exit 2). */
function pruningOption(): Option {
  return new Option('--pruning <mode>', 'how pruning enters the formulas: paper (published) or exact (0/1 mask), see Pruning below')
    .choices(PRUNING_MODES)
    .default('paper');
}

/**
 * A one-point subcommand whose parameters are all scalar flags (`keys`, in output order): parses
 * them, evaluates `theory` with the chosen pruning mode and prints the result; a core RangeError
 * names the flag.
 */
/** The scalar parameters of each setting, in the order of the command line and the outputs. */
export const MODEL_KEYS = {
  toy: ['n', 'nHat', 'm', 'p', 'mu', 'epsilon', 'rho', 'phi', 'gamma'],
  'synthetic-only': ['m', 'p', 'mu', 'epsilon', 'rho', 'phi', 'gamma'],
} as const satisfies Record<'toy' | 'synthetic-only', readonly string[]>;

function isCountKey(k: string): boolean {
  return SCALAR_OPTIONS[k][0].includes('<count>');
}

/** The parser of a scalar flag: a count (`<count>` flags) or a number. */
export function scalarParser(k: string): (value: string) => number {
  return isCountKey(k) ? count : num;
}

/** The object given to `--json-params` (a UsageError naming the flag otherwise). */
export function parseJsonParams(text: string): Record<string, unknown> {
  let params: unknown;
  try {
    params = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--json-params: bad JSON: ${(e as Error).message}`);
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new UsageError('--json-params must be a JSON object');
  }
  return params as Record<string, unknown>;
}

function scalarCommand(
  parent: Command, model: Model, description: string, keys: readonly string[],
  theory: (params: never, options: TheoryOptions) => TheoryResult,
): void {
  const cmd = parent.command(model).description(description).addHelpText('after', PRUNING_HELP);
  cmd.addHelpText('after', SWEEP_HELP);
  for (const k of keys) {
    cmd.requiredOption(SCALAR_OPTIONS[k][0], SCALAR_OPTIONS[k][1], sweepable(scalarParser(k), isCountKey(k)));
  }
  cmd
    .option(...WEIGHT_OPTION, sweepable(num, false))
    .addOption(pruningOption())
    .option('--json', 'print the JSON line instead of text (a sweep: one line per point)')
    .option('--csv', 'a sweep as CSV (header line, one line per point)')
    .option('--plot <file>', 'draw the sweep (accuracy against the first swept flag) to FILE.svg, .pdf or .png')
    .action(async (o: Record<string, unknown>) => {
      const used = [...keys, ...(o.weight === undefined ? [] : ['weight'])];
      const pruning = o.pruning as PruningMode;
      if (o.json === true && o.csv === true) throw new UsageError('--json and --csv: choose one output format');
      if (used.some((k) => typeof o[k] !== 'number') || o.csv === true || o.plot !== undefined) {
        const format: SweepFormat = o.json === true ? 'json' : o.csv === true ? 'csv' : 'table';
        const sink = lineSink(process.stdout);
        let code: number;
        try {
          code = await runTheorySweep(
            { model: model as 'toy' | 'synthetic-only', params: used.map((k) => [k, o[k] as number | SweepValues]), pruning, format, plot: o.plot as string | undefined },
            theory, withFlag, (line) => sink.write(line),
          );
        } catch (e) {
          if (e instanceof OutputClosedError) return; // the reader went away (e.g. piped to head): quiet end
          throw e;
        }
        if (code !== 0) process.exitCode = code;
        return;
      }
      const params = Object.fromEntries(used.map((k) => [k, o[k]]));
      let r: TheoryResult;
      try {
        r = theory(params as never, { pruning });
      } catch (e) {
        withFlag(e);
      }
      printResult(model, params, pruning, r, o.json === true);
    });
}

/** Registers `synthrmt theory`. */
export function registerTheory(program: Command): void {
  const theory = program
    .command('theory')
    .description('accuracy, moments and fixed points of the theory (toy, synthetic-only, general) for one point or a batch')
    .option('--batch <file>', 'evaluate a JSON-lines file (- for stdin); see below')
    .option('--echo', 'with --batch: each output line starts with its input\'s model, pruning and params')
    .addHelpText('after', BATCH_HELP + PRUNING_HELP)
    .action(async (opts: { batch?: string; echo?: boolean }) => {
      if (opts.batch === undefined) {
        throw new UsageError('theory: give a model (toy, synthetic-only, general) or --batch FILE (see synthrmt theory --help)');
      }
      const input = await openInput(opts.batch);
      const sink = lineSink(process.stdout);
      let failed: number;
      try {
        failed = await runBatch(input, (line) => sink.write(line), { echo: opts.echo === true });
      } catch (e) {
        if (e instanceof OutputClosedError) return; // the reader went away (e.g. piped to head): quiet end
        throw e;
      }
      if (failed > 0) process.exitCode = 1;
    });

  scalarCommand(theory, 'toy', 'toy setting: synthetic covariance estimated from n-hat real samples, mu_beta = mu',
    MODEL_KEYS.toy, toyTheory);
  scalarCommand(theory, 'synthetic-only', 'synthetic data only, C = I (Corollary 4.3)',
    MODEL_KEYS['synthetic-only'], syntheticOnlyTheory);

  theory
    .command('general')
    .description('general synthetic mean mu_beta and covariance C (Theorem 4.2); vectors via --json-params')
    .addHelpText('after', PRUNING_HELP)
    .requiredOption(
      '--json-params <json>',
      'the parameters as JSON: {"n","m","p"?,"mu":[..],"muBeta":[..],"cov":[[..]],"epsilon","rho","phi","gamma"}',
    )
    .addOption(pruningOption())
    .option('--json', 'print the JSON line instead of text')
    .action((o: { jsonParams: string; pruning: PruningMode; json?: boolean }) => {
      const params = parseJsonParams(o.jsonParams);
      const { cov, ...rest } = params;
      if (cov === undefined) throw new UsageError('--json-params: cov must be a p x p matrix, got undefined (missing)');
      const r = generalTheoryPrepared(prepareCovariance(cov as never), rest as never, { pruning: o.pruning });
      printResult('general', params, o.pruning, r, o.json === true);
    });
}

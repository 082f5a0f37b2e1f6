/**
 * Edge: `synthrmt theory` — the accuracy, moments and fixed points of El Firdoussi et al. (2025)
 * from the command line, one point from flags or a JSON-lines batch.
 *
 *   synthrmt theory toy --n 1000 --n-hat 1000 --m 1000 --p 200 --mu 0.7 --epsilon 0.25 --rho 0 --phi 1 --gamma 1
 *   synthrmt theory synthetic-only --m 1000 --p 100 --mu 1 --epsilon 0.3 --rho 0.3 --phi 0.8 --gamma 1
 *   synthrmt theory general --json-params '{"n":20,"m":30,"mu":[…],"muBeta":[…],"cov":[[…]],…}'
 *   synthrmt theory --batch FILE.jsonl      (or - for stdin)
 *
 * Exit status: 0 success; 1 a batch line failed (its output line is {"error": …}) or a computation
 * failed; 2 bad usage (unknown or missing flag, non-numeric or out-of-domain value).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from './errors';
import {
  generalTheoryPrepared, prepareCovariance, syntheticOnlyTheory, toyTheory, checkCovariance,
  type PreparedCovariance, type TheoryResult,
} from '../rmt/index';

/** Commander value parser: a finite number written in full (rejects "", "12abc", "NaN"). */
function num(value: string): number {
  const t = value.trim();
  const x = t === '' ? NaN : Number(t);
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`must be a finite number, got "${value}"`);
  return x;
}

type Model = 'toy' | 'synthetic-only' | 'general';

/** CLI flag for each parameter name, to point a core RangeError at the flag the user typed. */
const FLAG: Record<string, string> = {
  n: '--n', nHat: '--n-hat', m: '--m', p: '--p', mu: '--mu', epsilon: '--epsilon', rho: '--rho',
  phi: '--phi', gamma: '--gamma', alpha: '--epsilon/--rho/--phi',
};

function withFlag(e: unknown): never {
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
  return JSON.stringify({
    accuracy: r.accuracy,
    accuracySymmetric: r.accuracySymmetric,
    mean: r.mean,
    secondMoment: r.secondMoment,
    deltas: r.deltas,
  });
}

function printResult(model: Model, params: Record<string, unknown>, r: TheoryResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${toJson(r)}\n`);
    return;
  }
  const shown = Object.entries(params)
    .filter(([k]) => k !== 'json' && k !== 'jsonParams')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length}]` : String(v)}`)
    .join(' ');
  const lines = [
    `${model} setting: ${shown}`,
    `  accuracy (signed)      Phi(E[g]/sd)        ${r.accuracy}`,
    `  accuracy (symmetric)   max(acc, 1 - acc)   ${r.accuracySymmetric}`,
    `  E[g]                                       ${r.mean}`,
    `  E[g^2]                                     ${r.secondMoment}`,
    `  sd = sqrt(E[g^2] - E[g]^2)                 ${Math.sqrt(r.secondMoment - r.mean * r.mean)}`,
    `  fixed point (${LABELS[model]})`.padEnd(45) + r.deltas.join(', '),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Evaluates one batch line; returns the output line. Throws (message = the error text) on a bad line. */
class BatchEvaluator {
  private cacheKey = '';
  private cachePrep: PreparedCovariance | null = null;

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
      if (k !== 'model' && k !== 'params') throw new Error(`unknown field ${JSON.stringify(k)}; allowed: model, params`);
    }
    if (o.params === undefined) throw new Error(`missing "params"`);
    switch (o.model) {
      case 'toy':
        return toJson(toyTheory(o.params as never));
      case 'synthetic-only':
        return toJson(syntheticOnlyTheory(o.params as never));
      case 'general':
        return toJson(this.general(o.params));
      default:
        throw new Error(`unknown model ${JSON.stringify(o.model)}; allowed: "toy", "synthetic-only", "general"`);
    }
  }

  /** Theorem 4.2, reusing C's eigen-decomposition while consecutive lines share the same cov. */
  private general(params: unknown): TheoryResult {
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
    return generalTheoryPrepared(this.cachePrep, rest as never);
  }
}

/**
 * Streams a JSON-lines batch: one output line per non-blank input line, in order; blank lines are
 * skipped. Returns the number of failed lines.
 */
export async function runBatch(
  input: NodeJS.ReadableStream, write: (line: string) => void,
): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  const ev = new BatchEvaluator();
  let lineNo = 0, failed = 0;
  for await (const raw of rl) {
    lineNo++;
    if (raw.trim() === '') continue;
    try {
      write(ev.evaluate(raw));
    } catch (e) {
      failed++;
      write(JSON.stringify({ error: `line ${lineNo}: ${e instanceof Error ? e.message : String(e)}` }));
    }
  }
  return failed;
}

function openInput(file: string): Promise<NodeJS.ReadableStream> {
  if (file === '-') return Promise.resolve(process.stdin);
  return new Promise((resolve, reject) => {
    const s = createReadStream(file);
    s.once('open', () => resolve(s));
    s.once('error', (e) => reject(new UsageError(`--batch: cannot read ${file}: ${e.message}`)));
  });
}

const BATCH_HELP = `
Batch (--batch FILE.jsonl, or - for stdin): one JSON object per line,
  {"model":"toy","params":{"n","nHat","m","p","mu","epsilon","rho","phi","gamma"}}
  {"model":"synthetic-only","params":{"m","p","mu","epsilon","rho","phi","gamma"}}
  {"model":"general","params":{"n","m","p","mu":[..],"muBeta":[..],"cov":[[..]],"epsilon","rho","phi","gamma"}}
(toy and synthetic-only take the norm of mu as the number "mu"). Prints one JSON line per non-blank
input line, in order:
  {"accuracy","accuracySymmetric","mean","secondMoment","deltas":[...]}
with deltas [delta_r, delta_s, delta_g] (toy), [delta, delta_s] (general), [delta] (synthetic-only).
Blank lines are skipped (no output line). A bad line (bad JSON, unknown model, bad or missing
parameter) prints {"error": "line K: ..."} in its place; the other lines still run and the exit code is 1.
Consecutive general lines with the same cov share one eigen-decomposition.
`;

/** Registers `synthrmt theory`. */
export function registerTheory(program: Command): void {
  const theory = program
    .command('theory')
    .description('accuracy, moments and fixed points of the theory (toy, synthetic-only, general) for one point or a batch')
    .option('--batch <file>', 'evaluate a JSON-lines file (- for stdin); see below')
    .addHelpText('after', BATCH_HELP)
    .action(async (opts: { batch?: string }) => {
      if (opts.batch === undefined) {
        throw new UsageError('theory: give a model (toy, synthetic-only, general) or --batch FILE (see synthrmt theory --help)');
      }
      const input = await openInput(opts.batch);
      const failed = await runBatch(input, (line) => process.stdout.write(`${line}\n`));
      if (failed > 0) process.exitCode = 1;
    });

  theory
    .command('toy')
    .description('toy setting: synthetic covariance estimated from n-hat real samples, mu_beta = mu')
    .requiredOption('--n <count>', 'real samples n', num)
    .requiredOption('--n-hat <count>', 'samples n-hat behind the covariance estimate', num)
    .requiredOption('--m <count>', 'synthetic samples m (> 0)', num)
    .requiredOption('--p <count>', 'dimension p', num)
    .requiredOption('--mu <norm>', 'class-mean norm ||mu||', num)
    .requiredOption('--epsilon <prob>', 'label noise epsilon in [0, 1]', num)
    .requiredOption('--rho <prob>', 'keep probability rho of a flipped sample', num)
    .requiredOption('--phi <prob>', 'keep probability phi of a correct sample', num)
    .requiredOption('--gamma <penalty>', 'ridge penalty gamma (> 0)', num)
    .option('--json', 'print the JSON line instead of text')
    .action((o: Record<string, number | boolean>) => {
      const params = {
        n: o.n, nHat: o.nHat, m: o.m, p: o.p, mu: o.mu, epsilon: o.epsilon, rho: o.rho, phi: o.phi, gamma: o.gamma,
      } as Record<string, number>;
      let r: TheoryResult;
      try {
        r = toyTheory(params as never);
      } catch (e) {
        withFlag(e);
      }
      printResult('toy', params, r, o.json === true);
    });

  theory
    .command('synthetic-only')
    .description('synthetic data only, C = I (Corollary 4.3)')
    .requiredOption('--m <count>', 'synthetic samples m (> 0)', num)
    .requiredOption('--p <count>', 'dimension p', num)
    .requiredOption('--mu <norm>', 'class-mean norm ||mu||', num)
    .requiredOption('--epsilon <prob>', 'label noise epsilon in [0, 1]', num)
    .requiredOption('--rho <prob>', 'keep probability rho of a flipped sample', num)
    .requiredOption('--phi <prob>', 'keep probability phi of a correct sample', num)
    .requiredOption('--gamma <penalty>', 'ridge penalty gamma (> 0)', num)
    .option('--json', 'print the JSON line instead of text')
    .action((o: Record<string, number | boolean>) => {
      const params = { m: o.m, p: o.p, mu: o.mu, epsilon: o.epsilon, rho: o.rho, phi: o.phi, gamma: o.gamma } as Record<string, number>;
      let r: TheoryResult;
      try {
        r = syntheticOnlyTheory(params as never);
      } catch (e) {
        withFlag(e);
      }
      printResult('synthetic-only', params, r, o.json === true);
    });

  theory
    .command('general')
    .description('general synthetic mean mu_beta and covariance C (Theorem 4.2); vectors via --json-params')
    .requiredOption(
      '--json-params <json>',
      'the parameters as JSON: {"n","m","p"?,"mu":[..],"muBeta":[..],"cov":[[..]],"epsilon","rho","phi","gamma"}',
    )
    .option('--json', 'print the JSON line instead of text')
    .action((o: { jsonParams: string; json?: boolean }) => {
      let params: unknown;
      try {
        params = JSON.parse(o.jsonParams);
      } catch (e) {
        throw new UsageError(`--json-params: bad JSON: ${(e as Error).message}`);
      }
      if (typeof params !== 'object' || params === null || Array.isArray(params)) {
        throw new UsageError('--json-params must be a JSON object');
      }
      const { cov, ...rest } = params as Record<string, unknown>;
      if (cov === undefined) throw new UsageError('--json-params: cov must be a p x p matrix, got undefined (missing)');
      const r = generalTheoryPrepared(prepareCovariance(cov as never), rest as never);
      printResult('general', params as Record<string, unknown>, r, o.json === true);
    });
}

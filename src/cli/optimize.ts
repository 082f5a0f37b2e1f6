/**
 * Edge: `synthrmt optimize toy|synthetic-only|general [params] --over weight|m|both [--m-max M] [--json]`
 * — how much synthetic data, and how much weight: a thin command over `optimizeMixing`
 * (../rmt/optimize.ts). Parameters are spelled as in `synthrmt theory` (`--n-hat`, …; general via
 * `--json-params`); the theory is evaluated in the exact pruning mode unless `--pruning paper`
 * (then only `--over m` at weight 1).
 *
 * Prints the best weight β* and/or number m* with the accuracy there, the accuracy at β = 1 and with
 * real data only (m = 0), the gains, the verdict (synthetic data help / hurt / help only when
 * weighted) and whether accuracy against the synthetic share m/(n+m) dips in the interior (a U shape)
 * and where. `--json` prints `JSON.stringify` of the optimiser's result:
 * `{"best": {"weight","m","accuracy"}, "atWeight1": {…}, "realOnly": {…}, "curve": […], "gain", …}`.
 *
 * Exit status: 0 success; 1 the theory failed; 2 bad usage (unknown flag, bad value named by its flag).
 */
import { Option, type Command } from 'commander';
import { optimizeMixing, OPTIMIZE_OVER, WEIGHT_MAX, WEIGHT_MIN, PRUNING_MODES, type OptimizeModel, type OptimizeOver, type OptimizeResult, type PruningMode } from '../rmt/index';
import { UsageError } from './errors';
import { count, MODEL_KEYS, num, parseJsonParams, SCALAR_OPTIONS, scalarParser, withFlag } from './theory';

const VERDICT: Record<OptimizeResult['verdict'], string> = {
  help: 'synthetic data help',
  hurt: 'synthetic data hurt (real data alone are at least as good)',
  'help only when weighted': 'synthetic data help only when weighted (at weight 1 they do not beat real data alone)',
};

function f4(x: number): string {
  return x.toFixed(4);
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
}

function weightText(w: number): string {
  return Number(w.toPrecision(4)).toString();
}

/** The human-readable answer. */
export function optimizeText(model: OptimizeModel, params: Record<string, unknown>, r: OptimizeResult, pruning: PruningMode): string {
  const shown = Object.entries(params).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length}]` : String(v)}`).join(' ');
  const what = r.over === 'weight' ? 'the weight β' : r.over === 'm' ? `m in [${model === 'synthetic-only' ? 1 : 0}, ${r.mMax}]` : `the weight β and m in [${model === 'synthetic-only' ? 1 : 0}, ${r.mMax}]`;
  const share = (m: number): string => (model === 'synthetic-only' ? '' : `, share ${(m / ((params.n as number) + m)).toFixed(3)}`);
  const lines = [
    `${model} setting: ${shown} pruning=${pruning}`,
    `optimised over ${what}`,
    `  best            β* = ${weightText(r.best.weight).padEnd(10)} m* = ${String(r.best.m).padEnd(8)} accuracy ${f4(r.best.accuracy)}${share(r.best.m)}`,
    `  at β = 1        ${''.padEnd(15)} m  = ${String(r.atWeight1.m).padEnd(8)} accuracy ${f4(r.atWeight1.accuracy)}`,
    `  real data only  ${''.padEnd(15)} m  = 0${''.padEnd(7)} accuracy ${f4(r.realOnly.accuracy)}${model === 'synthetic-only' ? ' (no data: chance)' : ''}`,
    ...(r.best.weight === WEIGHT_MAX ? [`  (β* is the largest weight searched, ${WEIGHT_MAX}: as large as possible)`] : []),
    ...(r.best.weight === WEIGHT_MIN && model === 'synthetic-only' ? [`  (β* is the smallest weight searched, ${WEIGHT_MIN}: as small as possible; with synthetic data only β sets the effective ridge penalty γ/β)`] : []),
    `  gain over real data only ${signed(r.gain)}, over β = 1 ${signed(r.gainOverWeight1)}`,
    `  verdict: ${VERDICT[r.verdict]}`,
    r.dip
      ? `  U shape: accuracy against the synthetic share dips at m = ${r.dip.m}${share(r.dip.m)} (accuracy ${f4(r.dip.accuracy)}, weight ${weightText(r.dip.weight)}) and rises again on both sides`
      : `  U shape: none (no interior dip of accuracy against m in [${model === 'synthetic-only' ? 1 : 0}, ${r.mMax}] at weight ${weightText((params.weight as number | undefined) ?? 1)})`,
  ];
  return `${lines.join('\n')}\n`;
}

function overOption(): Option {
  return new Option('--over <what>', 'optimise the weight β (m fixed), m (β fixed) or both').choices(OPTIMIZE_OVER).default('weight');
}

function pruningOption(): Option {
  return new Option('--pruning <mode>', 'exact (0/1 mask; default) or paper (published formulas: only --over m at weight 1)').choices(PRUNING_MODES).default('exact');
}

function run(model: OptimizeModel, params: Record<string, unknown>, o: { over: OptimizeOver; mMax?: number; pruning: PruningMode; json?: boolean }): void {
  let r: OptimizeResult;
  try {
    r = optimizeMixing(model, params as never, { over: o.over, mMax: o.mMax, pruning: o.pruning });
  } catch (e) {
    withFlag(e);
  }
  process.stdout.write(o.json ? `${JSON.stringify(r)}\n` : optimizeText(model, params, r, o.pruning));
}

const HELP = `
Answers "how much synthetic data, and how much weight?" for the theory (exact pruning mode):
the best weight beta* of the kept synthetic samples (--over weight, m fixed), the best number m of
synthetic samples up to --m-max (--over m, at the given --weight, default 1) or both; the accuracy
there, at beta = 1 and with real data only (m = 0), the gain, a verdict, and whether accuracy against
the synthetic share m/(n+m) has an interior dip (a U shape) and where. --m-max defaults to
max(m, 10n) (synthetic-only: 10m). --json prints
  {"best":{"weight","m","accuracy"},"atWeight1":{...},"realOnly":{...},"curve":[...],"gain",...}
Example:
  synthrmt optimize toy --n 1000 --n-hat 1000 --m 1000 --p 200 --mu 0.7 --epsilon 0.25 --rho 0.5 --phi 0.9 --gamma 1 --over both
`;

/** Registers `synthrmt optimize`. */
export function registerOptimize(program: Command): void {
  const opt = program
    .command('optimize')
    .description('the best mixing weight and/or number of synthetic samples for the theory (toy, synthetic-only, general)')
    .addHelpText('after', HELP)
    .action(() => {
      throw new UsageError('optimize: give a model (toy, synthetic-only, general), e.g. synthrmt optimize toy --n … --over weight (see synthrmt optimize --help)');
    });
  for (const model of ['toy', 'synthetic-only'] as const) {
    const cmd = opt.command(model).description(model === 'toy' ? 'toy setting (covariance estimated from n-hat real samples)' : 'synthetic data only, C = I');
    for (const k of MODEL_KEYS[model]) cmd.requiredOption(SCALAR_OPTIONS[k][0], SCALAR_OPTIONS[k][1], scalarParser(k));
    cmd
      .option('--weight <beta>', 'the weight used when it is not optimised (--over m; default 1)', num)
      .addOption(overOption())
      .option('--m-max <count>', 'largest m searched (--over m, both) and range of the U-shape search', count)
      .addOption(pruningOption())
      .option('--json', 'print the result as one JSON object')
      .action((o: Record<string, unknown>) => {
        const params = Object.fromEntries([...MODEL_KEYS[model], ...(o.weight === undefined ? [] : ['weight'])].map((k) => [k, o[k]]));
        run(model, params, o as never);
      });
  }
  opt
    .command('general')
    .description('general synthetic mean mu_beta and covariance C (Theorem 4.2); parameters via --json-params')
    .requiredOption('--json-params <json>', 'the parameters as JSON: {"n","m","p"?,"mu":[..],"muBeta":[..],"cov":[[..]],"epsilon","rho","phi","gamma","weight"?}')
    .addOption(overOption())
    .option('--m-max <count>', 'largest m searched (--over m, both) and range of the U-shape search', count)
    .addOption(pruningOption())
    .option('--json', 'print the result as one JSON object')
    .action((o: { jsonParams: string; over: OptimizeOver; mMax?: number; pruning: PruningMode; json?: boolean }) => {
      run('general', parseJsonParams(o.jsonParams), o);
    });
}

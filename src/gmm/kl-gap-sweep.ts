/**
 * Figure 4's sweeps of the KL gap over K, J and L (Gan & Liu §4.4), spread over an `Executor`:
 * one job per point of the sweep, repetitions seeded by stream index (see ./kl-gap.ts).
 */
import { serialExecutor, type Executor } from '../sim/executor';
import { paramInteger } from '../stats/validators';
import { KL_ESTIMATORS, klGapRepetitionsTask, validateKlGapParams, type GapEstimate, type KlEstimatorName, type KlGapParams, type KlGapRepetition } from './kl-gap';

export type KlGapVariable = 'K' | 'J' | 'L';

export interface KlGapSweepOptions extends Omit<KlGapParams, 'K' | 'J' | 'L'> {
  /** Which variables to sweep (one panel each). */
  variables: KlGapVariable[];
  /** Values each swept variable takes (paper: 2 … 15). */
  values: number[];
  /** Values of the variables not swept (paper: K = J = L = 2). */
  base: { K: number; J: number; L: number };
  /** Repetitions per point (paper 100). */
  reps: number;
  seed: number;
}

export interface KlGapPoint {
  variable: KlGapVariable;
  value: number;
  K: number;
  J: number;
  L: number;
  estimator: KlEstimatorName;
  /** Mean over repetitions of each repetition's gap. */
  mean: number;
  /** Standard deviation over repetitions (ddof 0, as the reference's numpy.std). */
  std: number;
  /** Mean over repetitions of KL(anchor fit ‖ truth) and of KL(synthetic fit ‖ truth). */
  anchorMean: number;
  syntheticMean: number;
  /** 'mc': root-mean-square Monte Carlo standard error of a repetition's gap. */
  mcSe?: number;
  reps: number;
}

export interface KlGapSweepResult {
  points: KlGapPoint[];
  /** EM iterations (anchor, synthetic) averaged over all repetitions, and total re-seeds. */
  emIterationsMean: [number, number];
  reseeds: number;
}

/** Rough relative cost of a repetition, to hand the largest jobs out first. */
function cost(p: KlGapParams): number {
  const k = p.K + p.J + p.L;
  const em = 25 * (p.K * p.perComponent * p.K + p.nSynthetic * k);
  const hist = p.estimators.some((e) => e !== 'mc') ? p.rounds * 3 * p.klSamples * 6 : 0;
  const mcost = p.estimators.includes('mc') ? p.mcSamples * (3 * p.K + 2 * (p.J + p.K) + k) : 0;
  return em + hist + mcost;
}

/**
 * Figure 4's sweeps: for each variable in `variables` and each value, `reps` repetitions with the
 * other two variables at `base`. Jobs (one per point) go through `executor`; point c's repetition r
 * uses streams 3(c·reps + r) … of `seed`, so the serial and the worker executors agree.
 */
export async function klGapSweep(
  o: KlGapSweepOptions,
  executor: Executor = serialExecutor,
  onProgress?: (done: number, total: number, label?: string) => void,
): Promise<KlGapSweepResult> {
  paramInteger('reps', o.reps, 1);
  if (!Number.isFinite(o.seed)) throw new RangeError(`seed must be a finite number, got ${o.seed}`);
  if (!Array.isArray(o.variables) || o.variables.length === 0) throw new RangeError('variables must list at least one of K, J, L');
  for (const v of o.variables) if (v !== 'K' && v !== 'J' && v !== 'L') throw new RangeError(`unknown sweep variable "${String(v)}"; allowed: K, J, L`);
  if (!Array.isArray(o.values) || o.values.length === 0) throw new RangeError('values must list at least one value');
  const { variables, values, base, reps, seed, ...common } = o;
  const cells: { variable: KlGapVariable; value: number; params: KlGapParams }[] = [];
  for (const variable of variables) {
    for (const value of values) {
      const params: KlGapParams = { ...common, K: base.K, J: base.J, L: base.L, [variable]: value };
      validateKlGapParams(params);
      cells.push({ variable, value, params });
    }
  }
  const order = cells.map((_, i) => i).sort((a, b) => cost(cells[b].params) - cost(cells[a].params));
  const args = order.map((c): [KlGapParams, number, number, number] => [cells[c].params, seed, c * reps, reps]);
  const total = cells.length * reps;
  onProgress?.(0, total, 'KL gap repetitions');
  const results = await executor(klGapRepetitionsTask, args, (done) => onProgress?.(done * reps, total, 'KL gap repetitions'));
  const byCell: KlGapRepetition[][] = new Array(cells.length);
  order.forEach((c, j) => (byCell[c] = results[j]));
  const points: KlGapPoint[] = [];
  let itA = 0, itS = 0, nRep = 0, reseeds = 0;
  cells.forEach((cell, c) => {
    const reps = byCell[c];
    for (const r of reps) {
      itA += r.emIterations[0];
      itS += r.emIterations[1];
      reseeds += r.reseeds;
      nRep++;
    }
    for (const e of KL_ESTIMATORS) {
      if (!cell.params.estimators.includes(e)) continue;
      const est = reps.map((r) => r[e] as GapEstimate);
      const gaps = est.map((g) => g.gap);
      const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
      const std = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
      const pt: KlGapPoint = {
        variable: cell.variable,
        value: cell.value,
        K: cell.params.K,
        J: cell.params.J,
        L: cell.params.L,
        estimator: e,
        mean,
        std,
        anchorMean: est.reduce((s, g) => s + g.anchor, 0) / est.length,
        syntheticMean: est.reduce((s, g) => s + g.synthetic, 0) / est.length,
        reps: est.length,
      };
      if (e === 'mc') pt.mcSe = Math.sqrt(est.reduce((s, g) => s + (g.se ?? 0) ** 2, 0) / est.length);
      points.push(pt);
    }
  });
  return { points, emIterationsMean: [itA / nRep, itS / nRep], reseeds };
}

export interface KlGapTrend {
  variable: KlGapVariable;
  estimator: KlEstimatorName;
  /** Mean gap at the smallest and the largest swept value. */
  first: number;
  last: number;
  /** Least-squares slope of the mean gap per unit of the swept variable, and its standard error
   * (from the points' standard errors std/√reps, treated as independent). */
  slope: number;
  slopeSe: number;
  /** Mean of KL(anchor fit ‖ P) and of KL(synthetic fit ‖ P) at the first and last values. */
  anchorFirst: number;
  anchorLast: number;
  syntheticFirst: number;
  syntheticLast: number;
}

/**
 * The trend of each sweep: ordinary least-squares slope of the mean gap against the swept value
 * (with the standard error implied by the points' own standard errors), and the end values.
 */
export function klGapTrends(points: KlGapPoint[]): KlGapTrend[] {
  const out: KlGapTrend[] = [];
  const keys = new Set(points.map((p) => `${p.variable}|${p.estimator}`));
  for (const key of keys) {
    const [variable, estimator] = key.split('|') as [KlGapVariable, KlEstimatorName];
    const pts = points.filter((p) => p.variable === variable && p.estimator === estimator).sort((a, b) => a.value - b.value);
    const n = pts.length;
    const xm = pts.reduce((s, p) => s + p.value, 0) / n;
    const ym = pts.reduce((s, p) => s + p.mean, 0) / n;
    let sxx = 0, sxy = 0, v = 0;
    for (const p of pts) {
      sxx += (p.value - xm) ** 2;
      sxy += (p.value - xm) * (p.mean - ym);
    }
    for (const p of pts) v += ((p.value - xm) / (sxx || 1)) ** 2 * (p.std * p.std) / p.reps;
    const a = pts[0], b = pts[n - 1];
    out.push({
      variable,
      estimator,
      first: a.mean,
      last: b.mean,
      slope: sxx > 0 ? sxy / sxx : 0,
      slopeSe: Math.sqrt(v),
      anchorFirst: a.anchorMean,
      anchorLast: b.anchorMean,
      syntheticFirst: a.syntheticMean,
      syntheticLast: b.syntheticMean,
    });
  }
  return out;
}

/**
 * How much synthetic data, and how much weight (theory.md, last section; the reviewers' questions
 * on the mixing weight and on U-shaped curves): the best mixing weight β* ∈ [0, ∞) and/or the best
 * number of synthetic samples m ∈ [0, M] for the theory of the weighted classifier (./weighted),
 * compared with β = 1 (the paper's classifier) and with real data only (m = 0), a plain verdict, and
 * whether accuracy against the synthetic share m/(n+m) has an interior dip (a U shape) and where.
 *
 * The objective is the signed accuracy Φ(E[g]/σ) of the theory (toy, synthetic-only or general),
 * in the exact pruning mode by default (a weight other than 1 needs it; over m alone the paper mode
 * may be asked for).
 *
 * Search, made exact for the theory up to its own evaluation precision (the fixed points stop at a
 * change of 1e-12):
 *  - over β: a coarse grid (β = 0 — not when n = 0, where it leaves w = 0 — and 10^(k/10),
 *    k = −40..40, so β = 1 exactly), then a golden-
 *    section search on log β (linear on [0, 1e-4] next to 0) between the neighbours of each of the
 *    three best local maxima of the grid, to a bracket of relative width 1e-10;
 *  - over m (integers): a coarse grid of ~80 integers (linear and geometric in [0, M]), then an
 *    integer ternary search between the neighbours of each of the three best local maxima;
 *  - both: the β search (coarser: 5 per decade) for every m the m search visits.
 * Every evaluated point is a candidate and the best one is returned, so the result is at least as
 * good as every grid point searched; the tests check it against independent fine grids.
 * β ranges over [0, 1e4] ([1e-4, 1e4] when n = 0): a best β at 1e4 (`WEIGHT_MAX`) means "as large
 * as possible" (the real data only regularise), a best β at 1e-4 with n = 0 (`WEIGHT_MIN`) "as small
 * as possible" — with synthetic data only, w_β(γ) = w_1(γ/β), so β then only sets the effective
 * ridge penalty γ/β, and a small β means a strong penalty (the mean classifier).
 *
 * The dip: on accuracy against m ∈ [0, M] at the given weight (params.weight, default 1) (m ≥ 1 for synthetic-only), an
 * interior local minimum with a higher accuracy somewhere on both sides (by more than 1e-9) is a
 * U shape; the deepest is refined by an integer ternary search and reported with its share.
 *
 * Real data only: m = 0 (the toy and general theories with m = 0; weight reported as 0). In the
 * synthetic-only setting there is no real data: the baseline is the classifier trained on nothing,
 * w = 0, whose accuracy is exactly 1/2.
 *
 * Verdict: 'hurt' when the best point is no better than real data only (by 1e-9), or uses no
 * synthetic data (m = 0) or gives them no weight (β = 0: the synthetic samples then only change
 * the normalisation N, i.e. the ridge penalty); otherwise 'help' when the best point at β = 1
 * already beats real data only, else 'help only when weighted'.
 */
import { TheoryDomainError } from './accuracy';
import { ConvergenceError } from './fixed-points';
import { generalTheoryPrepared, prepareGeneral } from './general';
import { checkCount } from '../stats/validators';
import { validateSyntheticOnlyParams, validateToyParams, type GeneralParams, type SyntheticOnlyParams, type ToyParams } from './params';
import { checkPruningMode, type PruningMode } from './pruning';
import { syntheticOnlyTheory } from './synthetic-only';
import { toyTheory } from './toy';

/** The three settings the optimiser works on. */
export type OptimizeModel = 'toy' | 'synthetic-only' | 'general';
/** What is optimised: the weight β (m fixed), the number m (β fixed) or both. */
export type OptimizeOver = 'weight' | 'm' | 'both';
export const OPTIMIZE_OVER: readonly OptimizeOver[] = ['weight', 'm', 'both'];
export const OPTIMIZE_MODELS: readonly OptimizeModel[] = ['toy', 'synthetic-only', 'general'];

/** Largest weight searched. */
export const WEIGHT_MAX = 1e4;
/** Smallest positive weight of the grid (the smallest searched when n = 0). */
export const WEIGHT_MIN = 1e-4;
/** Accuracy differences below this count as ties (verdict, dip). */
export const ACCURACY_TIE = 1e-9;

/** One point of the search: weight β, synthetic samples m, signed accuracy. */
export interface MixPoint {
  weight: number;
  m: number;
  accuracy: number;
}

/** Where accuracy against the synthetic share dips (a U shape). */
export interface Dip {
  m: number;
  /** m/(n + m) */
  share: number;
  weight: number;
  accuracy: number;
}

/**
 * The optimiser's answer; `JSON.stringify` of it is what `synthrmt optimize --json` prints, keys in
 * this order: best, atWeight1, realOnly, curve, then gain, gainOverWeight1, verdict, dip, over, mMax.
 */
export interface OptimizeResult {
  /** the optimum over the chosen variable(s) */
  best: MixPoint;
  /** β = 1: at the given m (over weight) or the best m at β = 1 (over m, both) */
  atWeight1: MixPoint;
  /** m = 0 (synthetic-only: no data, accuracy 1/2) */
  realOnly: MixPoint;
  /**
   * the coarse grid: accuracy against β (over weight) or against m (over m; both: at β*(m)), sorted;
   * points where the theory has no value (outside its domain) are left out
   */
  curve: MixPoint[];
  /** best − realOnly */
  gain: number;
  /** best − atWeight1 */
  gainOverWeight1: number;
  verdict: 'help' | 'hurt' | 'help only when weighted';
  /** interior dip of accuracy against m ∈ [0, M] at the given weight, or null */
  dip: Dip | null;
  over: OptimizeOver;
  /** M, the largest m searched (over m, both) and the range of the dip search */
  mMax: number;
}

/** Options: what to optimise, the largest m, the pruning mode (default 'exact'). */
export interface OptimizeOptions {
  over: OptimizeOver;
  /** largest m searched (default max(m, 10n) for toy/general, 10m for synthetic-only) */
  mMax?: number;
  pruning?: PruningMode;
}

type Params = ToyParams | SyntheticOnlyParams | GeneralParams;

/** accuracy(m, β) of the theory, -Infinity where the theory has no value (outside its domain). */
type Objective = (m: number, weight: number) => number;

/**
 * `g` remembered: the searches revisit points (the dip's grid is the m grid at the same weight,
 * β = 1 is on the weight grids, m = 0 is the real-only baseline), and the theory is deterministic.
 */
function remembered(g: Objective): Objective {
  const cache = new Map<string, number>();
  return (m, weight) => {
    const key = `${m} ${weight}`;
    let y = cache.get(key);
    if (y === undefined) {
      y = g(m, weight);
      cache.set(key, y);
    }
    return y;
  };
}

function objective(model: OptimizeModel, params: Params, mode: PruningMode): { f: Objective; n: number; m: number; weight: number } {
  const options = { pruning: mode };
  const guard = (g: () => number): number => {
    try {
      return g();
    } catch (e) {
      if (e instanceof ConvergenceError || e instanceof TheoryDomainError) return -Infinity;
      throw e;
    }
  };
  if (model === 'toy') {
    const q = validateToyParams(params);
    return { f: remembered((m, weight) => guard(() => toyTheory({ ...q, m, weight }, options).accuracy)), n: q.n, m: q.m, weight: q.weight };
  }
  if (model === 'synthetic-only') {
    const q = validateSyntheticOnlyParams(params);
    return { f: remembered((m, weight) => guard(() => syntheticOnlyTheory({ ...q, m, weight }, options).accuracy)), n: 0, m: q.m, weight: q.weight };
  }
  if (model === 'general') {
    const { prep, scalars: q } = prepareGeneral(params as GeneralParams, options);
    return { f: remembered((m, weight) => guard(() => generalTheoryPrepared(prep, { ...q, m, weight }, options).accuracy)), n: q.n, m: q.m, weight: q.weight };
  }
  throw new RangeError(`model must be one of ${OPTIMIZE_MODELS.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(model)}`);
}

/** Indices of the (up to) `k` best local maxima of ys (ties: the first). */
function topLocalMaxima(ys: number[], k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    const left = i === 0 ? -Infinity : ys[i - 1];
    const right = i === ys.length - 1 ? -Infinity : ys[i + 1];
    if (ys[i] >= left && ys[i] >= right && ys[i] > -Infinity) idx.push(i);
  }
  return idx.sort((a, b) => ys[b] - ys[a]).slice(0, k);
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Golden-section maximisation of g on [a, b] (bracket relative width `tol`); every point goes to `visit`. */
function goldenMax(g: (x: number) => number, a: number, b: number, tol: number, visit: (x: number, y: number) => void): void {
  let x1 = b - GOLDEN * (b - a), x2 = a + GOLDEN * (b - a);
  let f1 = g(x1), f2 = g(x2);
  visit(x1, f1);
  visit(x2, f2);
  for (let it = 0; it < 200 && b - a > tol * Math.max(1, Math.abs(a), Math.abs(b)); it++) {
    if (f1 >= f2) {
      b = x2; x2 = x1; f2 = f1;
      x1 = b - GOLDEN * (b - a); f1 = g(x1); visit(x1, f1);
    } else {
      a = x1; x1 = x2; f1 = f2;
      x2 = a + GOLDEN * (b - a); f2 = g(x2); visit(x2, f2);
    }
  }
}

/** The coarse weight grid: 0, then 10^(k/perDecade) for k = −kMax..kMax (1 exactly at k = 0). */
function weightGrid(perDecade: number, decades: number): number[] {
  const out = [0];
  for (let k = -decades * perDecade; k <= decades * perDecade; k++) out.push(10 ** (k / perDecade));
  return out;
}

const FINE_WEIGHTS = weightGrid(10, Math.log10(WEIGHT_MAX));
const COARSE_WEIGHTS = weightGrid(5, Math.log10(WEIGHT_MAX));

/** The best weight for a fixed m: grid, then golden sections around the best local maxima. */
function bestWeight(f: Objective, m: number, grid: number[], tol: number): { best: MixPoint; curve: MixPoint[] } {
  const curve = grid.map((weight) => ({ weight, m, accuracy: f(m, weight) }));
  let best = curve.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const visit = (weight: number, accuracy: number): void => {
    if (accuracy > best.accuracy) best = { weight, m, accuracy };
  };
  for (const i of topLocalMaxima(curve.map((c) => c.accuracy), 3)) {
    const lo = grid[Math.max(0, i - 1)], hi = grid[Math.min(grid.length - 1, i + 1)];
    if (lo === 0) goldenMax((w) => f(m, w), 0, hi, tol, visit); // next to β = 0: linear
    else goldenMax((t) => f(m, Math.exp(t)), Math.log(lo), Math.log(hi), tol, (t, y) => visit(Math.exp(t), y));
  }
  return { best, curve };
}

/** ~80 integers in [lo, M]: linear and geometric, sorted, unique. */
function mGrid(lo: number, M: number): number[] {
  const s = new Set<number>([lo, M]);
  for (let i = 0; i <= 40; i++) s.add(Math.round(lo + ((M - lo) * i) / 40));
  const g0 = Math.max(1, lo);
  for (let i = 0; i <= 40; i++) s.add(Math.round(g0 * (M / g0) ** (i / 40)));
  return [...s].filter((x) => x >= lo && x <= M).sort((a, b) => a - b);
}

/**
 * Integer ternary search of the extremum (sign = +1: max, −1: min) of g on [lo, hi]; every point
 * goes to `visit`. Exact when g is unimodal on [lo, hi].
 */
function ternaryInt(g: (m: number) => number, lo: number, hi: number, sign: 1 | -1, visit: (m: number, y: number) => void): void {
  const memo = new Map<number, number>();
  const at = (m: number): number => {
    let y = memo.get(m);
    if (y === undefined) {
      y = g(m);
      memo.set(m, y);
      visit(m, y);
    }
    return sign * y;
  };
  while (hi - lo > 2) {
    const m1 = lo + Math.floor((hi - lo) / 3), m2 = hi - Math.floor((hi - lo) / 3);
    if (at(m1) >= at(m2)) hi = m2 - 1;
    else lo = m1 + 1;
  }
  for (let m = lo; m <= hi; m++) at(m);
}

/** The best m in [lo, M] of h(m) (a point per m): grid, then ternary searches around the best local maxima. */
function bestM(h: (m: number) => MixPoint, lo: number, M: number): { best: MixPoint; curve: MixPoint[] } {
  const grid = mGrid(lo, M);
  const curve = grid.map(h);
  let best = curve.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const points = new Map<number, MixPoint>();
  const g = (m: number): number => {
    const pt = points.get(m) ?? h(m);
    points.set(m, pt);
    return pt.accuracy;
  };
  const visit = (m: number): void => {
    const pt = points.get(m)!;
    if (pt.accuracy > best.accuracy) best = pt;
  };
  for (const i of topLocalMaxima(curve.map((c) => c.accuracy), 3)) {
    ternaryInt(g, grid[Math.max(0, i - 1)], grid[Math.min(grid.length - 1, i + 1)], 1, visit);
  }
  return { best, curve };
}

/** The deepest interior dip of accuracy against m on [lo, M] at weight β, refined; null if none. */
function findDip(f: Objective, n: number, lo: number, M: number, weight: number): Dip | null {
  const grid = mGrid(lo, M);
  const ys = grid.map((m) => f(m, weight));
  let j = -1;
  for (let i = 1; i < grid.length - 1; i++) {
    if (!(ys[i] <= ys[i - 1] && ys[i] <= ys[i + 1])) continue;
    const left = Math.max(...ys.slice(0, i)), right = Math.max(...ys.slice(i + 1));
    if (left > ys[i] + ACCURACY_TIE && right > ys[i] + ACCURACY_TIE && (j < 0 || ys[i] < ys[j])) j = i;
  }
  if (j < 0) return null;
  let m = grid[j], acc = ys[j];
  ternaryInt((x) => f(x, weight), grid[j - 1], grid[j + 1], -1, (x, y) => {
    if (y < acc) { m = x; acc = y; }
  });
  return { m, share: m / (n + m), weight, accuracy: acc };
}

/**
 * The best weight and/or number of synthetic samples for the theory of `model` at `params` (their
 * `weight` is the weight used when it is not optimised, default 1). Throws a RangeError naming a bad
 * model, option or parameter.
 */
export function optimizeMixing(model: OptimizeModel, params: Params, options: OptimizeOptions): OptimizeResult {
  if (typeof options !== 'object' || options === null) throw new RangeError(`optimize options must be an object {over, mMax?, pruning?}`);
  const over = options.over;
  if (!(OPTIMIZE_OVER as readonly string[]).includes(over as string)) {
    throw new RangeError(`over must be one of ${OPTIMIZE_OVER.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(over)}`);
  }
  const mode = options.pruning === undefined ? 'exact' : checkPruningMode(options.pruning);
  const { f, n, m: m0, weight: w0 } = objective(model, params, mode);
  if (mode === 'paper' && (over !== 'm' || w0 !== 1)) {
    throw new RangeError(`over = "${over}" with weight ${w0} needs pruning "exact": the published formulas (pruning "paper") hold only for weight 1`);
  }
  const lo = model === 'synthetic-only' ? 1 : 0;
  const M = options.mMax === undefined
    ? (model === 'synthetic-only' ? 10 * m0 : Math.max(m0, 10 * n))
    : checkCount('mMax', options.mMax, 1);

  // with no real data a zero weight leaves w = 0 (no theory): the grids start above 0
  const fine = n === 0 ? FINE_WEIGHTS.slice(1) : FINE_WEIGHTS;
  const coarse = n === 0 ? COARSE_WEIGHTS.slice(1) : COARSE_WEIGHTS;
  let best: MixPoint, curve: MixPoint[], atWeight1: MixPoint;
  if (over === 'weight') {
    ({ best, curve } = bestWeight(f, m0, fine, 1e-10));
    atWeight1 = curve.find((c) => c.weight === 1)!;
  } else if (over === 'm') {
    ({ best, curve } = bestM((m) => ({ weight: w0, m, accuracy: f(m, w0) }), lo, M));
    atWeight1 = w0 === 1 ? best : bestM((m) => ({ weight: 1, m, accuracy: f(m, 1) }), lo, M).best;
  } else {
    ({ best, curve } = bestM((m) => bestWeight(f, m, coarse, 1e-8).best, lo, M));
    atWeight1 = bestM((m) => ({ weight: 1, m, accuracy: f(m, 1) }), lo, M).best;
  }
  const realOnly: MixPoint = model === 'synthetic-only'
    ? { weight: 0, m: 0, accuracy: 0.5 }
    : { weight: 0, m: 0, accuracy: f(0, 1) };
  if (!Number.isFinite(best.accuracy)) throw new RangeError(`the theory has no value anywhere on the search range (${JSON.stringify(params)})`);
  const noSynthetic = best.m === 0 || best.weight === 0;
  const verdict = noSynthetic || best.accuracy <= realOnly.accuracy + ACCURACY_TIE
    ? 'hurt'
    : atWeight1.accuracy > realOnly.accuracy + ACCURACY_TIE ? 'help' : 'help only when weighted';
  return {
    best, atWeight1, realOnly,
    curve: curve.filter((c) => Number.isFinite(c.accuracy)),
    gain: best.accuracy - realOnly.accuracy,
    gainOverWeight1: best.accuracy - atWeight1.accuracy,
    verdict,
    dip: findDip(f, n, lo, M, w0),
    over,
    mMax: M,
  };
}

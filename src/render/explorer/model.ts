/**
 * Edge (render service, browser side): what the theory explorer (reports/explorer.html) plots, as
 * plain data. Pure — no DOM, no I/O — so Node tests can call it and esbuild bundles it with
 * ./entry.ts for the page. Every number comes from the project's theory (src/rmt: `toyTheory`,
 * `syntheticOnlyTheory`, `epsilonStar`), the same functions as `synthrmt theory`; each plotted point
 * is a row `{view, model, pruning, params, accuracy}` whose `params` are in the `synthrmt theory
 * --batch` format, so `{"model", "pruning", "params"}` of any row, fed to the CLI, gives `accuracy`.
 *
 * Views (all recomputed from the same controls):
 * - `share` (Figure 3 style): signed accuracy against the synthetic share m/(n+m), m = ⌊s·n/(1−s)⌋
 *   on a share grid, the controls' ε, ρ, φ, γ, β; model `toy` trains on n real + m synthetic
 *   samples, `synthetic-only` on the m synthetic samples alone (n then only sets the axis). The
 *   real-only baseline (series `real-only baseline`, x = 0) is the classifier trained on the n real
 *   samples alone: real data are x = yμ + z, z ~ N(0, I), i.e. Corollary 4.3 with m = n clean
 *   samples (ε = ρ = 0, φ = 1), a `synthetic-only` row.
 * - `epsilon` (Figure 4 style): signed accuracy Φ(E[g]/σ) against the label noise ε at the
 *   controls' m, with ε* = φ/(φ+ρ) (the sign change of λ = φ(1−ε) − ρε, Corollary 4.3) on the grid
 *   and marked.
 * - `weight`: accuracy against the mixing weight β of the synthetic samples, the optimum marked
 *   (see the β adapter below).
 *
 * The weight β enters `params` as `weight` only when β ≠ 1 (1 is the batch format's default).
 */
import { linspace } from '../../figures/grids';
import { epsilonStar, optimizeMixing, PRUNING_MODES, syntheticOnlyTheory, toyTheory, type PruningMode, type TheoryResult, type ToyParams } from '../../rmt/index';

/** The explorer's models (the `model` control). */
export type ExplorerModel = 'toy' | 'synthetic-only';
export const EXPLORER_MODELS: readonly ExplorerModel[] = ['toy', 'synthetic-only'];

/**
 * The controls' values (form elements with these `name` attributes): the toy setting's parameters
 * (n̂ is read by the toy model only), the model and the pruning mode.
 */
export interface Controls extends Required<ToyParams> {
  model: ExplorerModel;
  /** real samples n (toy; for synthetic-only the share axis and the real-only baseline) */
  n: number;
  /** synthetic samples m of the ε and β views */
  m: number;
  pruning: PruningMode;
}

/** Start values: Figure 4's p, ‖μ‖, γ, ρ, φ; n = n̂ = m = 2p. */
export const CONTROL_DEFAULTS: Readonly<Controls> = {
  model: 'toy', n: 200, nHat: 200, m: 200, p: 100, mu: 1, epsilon: 0.2, rho: 0.3, phi: 0.8, gamma: 1, weight: 1, pruning: 'paper',
};

/** The controls' names, in the page's order. */
export const CONTROL_NAMES: readonly (keyof Controls)[] = ['model', 'pruning', 'n', 'nHat', 'm', 'p', 'mu', 'epsilon', 'rho', 'phi', 'gamma', 'weight'];

export type ViewName = 'share' | 'epsilon' | 'weight';

/** Batch-format parameters (`synthrmt theory --batch`): numbers only. */
export type BatchParams = Record<string, number>;

/** One plotted theory point. */
export interface Row {
  view: ViewName;
  model: ExplorerModel;
  pruning: PruningMode;
  params: BatchParams;
  /** signed accuracy Φ(E[g]/σ), `accuracy` of `synthrmt theory` */
  accuracy: number;
  /** the plotted abscissa: share m/(n+m) (0 for the baseline), ε, or β */
  x: number;
  /** the curve it belongs to ('theory', 'real-only baseline') */
  series: string;
}

/** A marker drawn on a view (real-only baseline, ε*, the optimal β). */
export interface Marker {
  label: string;
  x?: number;
  y?: number;
}

export interface ViewResult {
  view: ViewName;
  rows: Row[];
  markers: Marker[];
  /** why the view is empty (bad controls, outside the theory's domain) */
  error?: string;
  /** a remark shown under the view */
  note?: string;
}

export interface ExplorerResult {
  views: Record<ViewName, ViewResult>;
}

/** The theory of a model, as `synthrmt theory` evaluates a batch line. */
export function theoryOf(model: ExplorerModel, params: BatchParams, pruning: PruningMode): TheoryResult {
  return model === 'toy' ? toyTheory(params as never, { pruning }) : syntheticOnlyTheory(params as never, { pruning });
}

/** The batch params of `model` at the controls, with m synthetic samples and label noise ε. */
export function batchParams(c: Controls, model: ExplorerModel, m: number, epsilon: number, weight: number): BatchParams {
  const common = { m, p: c.p, mu: c.mu, epsilon, rho: c.rho, phi: c.phi, gamma: c.gamma };
  const q: BatchParams = model === 'toy' ? { n: c.n, nHat: c.nHat, ...common } : common;
  if (weight !== 1) q.weight = weight;
  return q;
}

/** The synthetic shares of the share view (nominal; m = ⌊s·n/(1−s)⌋). */
export const SHARE_GRID = linspace(0.02, 0.98, 49);

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs `f`, turning a thrown error into the view's `error`. */
function guarded(view: ViewName, f: () => Omit<ViewResult, 'view'>): ViewResult {
  try {
    return { view, ...f() };
  } catch (e) {
    return { view, rows: [], markers: [], error: message(e) };
  }
}

function shareView(c: Controls): ViewResult {
  return guarded('share', () => {
    if (!(c.n >= 1)) throw new RangeError(`n must be >= 1 for the synthetic-share view (the share is m/(n+m)), got ${c.n}`);
    const rows: Row[] = [];
    let last = 0;
    for (const s of SHARE_GRID) {
      const m = Math.floor((s * c.n) / (1 - s) + 1e-9);
      if (m < 1 || m === last) continue;
      last = m;
      const params = batchParams(c, c.model, m, c.epsilon, c.weight);
      const r = theoryOf(c.model, params, c.pruning);
      rows.push({ view: 'share', model: c.model, pruning: c.pruning, params, accuracy: r.accuracy, x: m / (c.n + m), series: 'theory' });
    }
    // Real-only baseline: n clean samples from N(±μ, I) = Corollary 4.3 with m = n, ε = ρ = 0, φ = 1.
    const baseParams: BatchParams = { m: c.n, p: c.p, mu: c.mu, epsilon: 0, rho: 0, phi: 1, gamma: c.gamma };
    const base = syntheticOnlyTheory(baseParams as never, { pruning: c.pruning });
    rows.push({ view: 'share', model: 'synthetic-only', pruning: c.pruning, params: baseParams, accuracy: base.accuracy, x: 0, series: 'real-only baseline' });
    return { rows, markers: [{ label: 'real only', y: base.accuracy }] };
  });
}

/** The ε grid of the ε view: 51 points on [0, 1] and ε* itself, without ε where no sample is kept. */
export function epsilonGrid(rho: number, phi: number): { grid: number[]; star: number } {
  const star = epsilonStar(rho, phi);
  const grid = [...linspace(0, 1, 51), star]
    .filter((e) => phi * (1 - e) + rho * e > 0)
    .sort((a, b) => a - b)
    .filter((e, i, a) => i === 0 || e !== a[i - 1]);
  return { grid, star };
}

function epsilonView(c: Controls): ViewResult {
  return guarded('epsilon', () => {
    const { grid, star } = epsilonGrid(c.rho, c.phi);
    const rows = grid.map((epsilon): Row => {
      const params = batchParams(c, c.model, c.m, epsilon, c.weight);
      const r = theoryOf(c.model, params, c.pruning);
      return { view: 'epsilon', model: c.model, pruning: c.pruning, params, accuracy: r.accuracy, x: epsilon, series: 'theory' };
    });
    return { rows, markers: [{ label: 'ε*', x: star }] };
  });
}

/** β values of the weight view: 41 points, geometric from 0.01 to 100 (β = 1 among them). */
export const WEIGHT_GRID = Array.from({ length: 41 }, (_, i) => 10 ** (-2 + i / 10));

// ======================================================================================
// β ADAPTER — the ONE place that knows how the theory takes the mixing weight β.
//
// `toyTheory` and `syntheticOnlyTheory` accept `params.weight` (β ≥ 0, default 1; with pruning
// 'paper' only β = 1, any other β a RangeError), exactly as the batch format
// `{"params": {..., "weight": β}}`. The curve is the theory on WEIGHT_GRID; the optimum is the rmt
// optimiser's exact β* for the theory at these params (`optimizeMixing` over the weight, exact
// pruning; src/rmt/optimize.ts), at least as good as every grid point.
// ======================================================================================
export interface WeightCurve {
  points: { weight: number; params: BatchParams; accuracy: number }[];
  /** the best β and its accuracy; null when only β = 1 was computed */
  optimum: { weight: number; accuracy: number } | null;
  note?: string;
}

export function weightCurve(model: ExplorerModel, at: (weight: number) => BatchParams, pruning: PruningMode): WeightCurve {
  const point = (weight: number): WeightCurve['points'][number] => {
    const params = at(weight);
    return { weight, params, accuracy: theoryOf(model, params, pruning).accuracy };
  };
  if (pruning === 'paper') return { points: [point(1)], optimum: null, note: 'pruning “paper” (the published formulas) takes only β = 1: choose pruning “exact” to vary β' };
  const points = WEIGHT_GRID.map(point);
  const { best } = optimizeMixing(model, at(1) as never, { over: 'weight', pruning: 'exact' });
  const where = best.weight === 0 ? ' (β* = 0: the synthetic samples only enlarge N)'
    : best.weight < WEIGHT_GRID[0] || best.weight > WEIGHT_GRID[WEIGHT_GRID.length - 1] ? ' (outside the plotted range: marked at its edge)' : '';
  return { points, optimum: { weight: best.weight, accuracy: best.accuracy }, note: `optimum: the exact β* of the theory (optimizeMixing)${where}` };
}
// ======================================================================================

function weightView(c: Controls): ViewResult {
  return guarded('weight', () => {
    const curve = weightCurve(c.model, (w) => batchParams(c, c.model, c.m, c.epsilon, w), c.pruning);
    const rows = curve.points.map((p): Row => ({
      view: 'weight', model: c.model, pruning: c.pruning, params: p.params, accuracy: p.accuracy, x: p.weight, series: 'theory',
    }));
    // β* outside the plotted (log) range is marked at the nearest edge, its label giving the value
    const edge = (w: number): number => Math.min(Math.max(w, WEIGHT_GRID[0]), WEIGHT_GRID[WEIGHT_GRID.length - 1]);
    const markers: Marker[] = curve.optimum ? [{ label: `β* = ${curve.optimum.weight === 0 ? '0' : curve.optimum.weight.toPrecision(3)}`, x: edge(curve.optimum.weight), y: curve.optimum.accuracy }] : [];
    return { rows, markers, note: curve.note };
  });
}

/** Every view at the controls. */
export function computeExplorer(c: Controls): ExplorerResult {
  return { views: { share: shareView(c), epsilon: epsilonView(c), weight: weightView(c) } };
}

/** Checks a control's raw (string) value; RangeError naming the control and what is allowed. */
export function parseControl(name: keyof Controls, raw: string): Controls[keyof Controls] {
  if (name === 'model') {
    if (!(EXPLORER_MODELS as readonly string[]).includes(raw)) throw new RangeError(`model must be one of ${EXPLORER_MODELS.join(', ')}, got "${raw}"`);
    return raw as ExplorerModel;
  }
  if (name === 'pruning') {
    if (!(PRUNING_MODES as readonly string[]).includes(raw)) throw new RangeError(`pruning must be one of ${PRUNING_MODES.join(', ')}, got "${raw}"`);
    return raw as PruningMode;
  }
  const t = raw.trim();
  const x = t === '' ? NaN : Number(t);
  if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got "${raw}"`);
  return x;
}

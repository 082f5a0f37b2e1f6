/**
 * Gan & Liu, Figure 4: the KL gap KL(P_anchor-fit ‖ P) − KL(P_synthetic-fit ‖ P) against the number
 * of anchor components K, unsampled components J and task-irrelevant components L (each swept over
 * 2 … 15 with the other two at 2), mean ± std over repetitions (each the mean of its rounds).
 * Protocol and what is redrawn when: ../gmm/kl-gap.ts. One row of panels per KL estimator: the
 * paper's histogram estimator (own-range bins, the reference) and the Monte Carlo estimator from
 * the fitted and true densities (sound); optionally the shared-bins histogram.
 */
import type { TopLevelSpec } from 'vega-lite';
import { KL_ESTIMATORS, type KlEstimatorName } from '../gmm/kl-gap';
import { klGapSweep, type KlGapSweepResult, type KlGapVariable } from '../gmm/kl-gap-sweep';
import { errorBarLayer, figureSpec, lineLayer, panel, panelRow, pointLayer, ruleLayer, type PanelFrame, type PlotRow } from '../plot/lines';
import { PALETTE, panelWidth } from '../plot/theme';
import { checkParamNames, paramInteger, paramNumber } from '../stats/validators';
import type { FigureDef } from './figure-def';

export interface KlGapFigureParams {
  /** repetitions per point (mean ± std over them); paper 100 */
  reps: number;
  /** rounds per repetition (fresh evaluation samples); paper 100 */
  rounds: number;
  /** swept values minValue … maxValue; paper 2 … 15 */
  minValue: number;
  maxValue: number;
  /** value of the two variables not swept; paper 2 */
  base: number;
  /** comma-separated subset of K, J, L (one panel column each) */
  variables: string;
  /** anchor samples per anchor component N_k; paper 50 */
  perComponent: number;
  /** synthetic samples; paper 200 */
  nSynthetic: number;
  /** evaluation samples per side per round; paper 1000 */
  klSamples: number;
  /** histogram bins per axis; paper 50 */
  bins: number;
  /** histogram density clip; paper 1e-10 */
  clip: number;
  /** Monte Carlo draws per KL per repetition */
  mcSamples: number;
  /** comma-separated subset of paper, shared, mc (one panel row each) */
  estimators: string;
  seed: number;
}

export interface KlGapFigureData extends KlGapSweepResult {
  variables: KlGapVariable[];
  estimators: KlEstimatorName[];
  base: number;
}

const PARAM_NAMES = [
  'reps', 'rounds', 'minValue', 'maxValue', 'base', 'variables', 'perComponent', 'nSynthetic',
  'klSamples', 'bins', 'clip', 'mcSamples', 'estimators', 'seed',
] as const;

function parseList<T extends string>(name: string, v: unknown, allowed: readonly T[]): T[] {
  if (typeof v !== 'string') throw new RangeError(`${name} must be a comma-separated string of ${allowed.join(', ')}, got ${String(v)}`);
  const parts = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw new RangeError(`${name} must list at least one of ${allowed.join(', ')}, got "${v}"`);
  for (const p of parts) if (!(allowed as readonly string[]).includes(p)) throw new RangeError(`${name} entry "${p}" is not one of ${allowed.join(', ')}`);
  if (new Set(parts).size !== parts.length) throw new RangeError(`${name} lists an entry twice: "${v}"`);
  return parts as T[];
}

const VARIABLES: readonly KlGapVariable[] = ['K', 'J', 'L'];

/** Validated copy of the parameters (RangeError naming the bad one). */
export function validateKlGapFigureParams(params: KlGapFigureParams): KlGapFigureParams {
  checkParamNames('klgap', params, PARAM_NAMES);
  const q: KlGapFigureParams = {
    reps: paramInteger('reps', params.reps, 1),
    rounds: paramInteger('rounds', params.rounds, 1),
    minValue: paramInteger('minValue', params.minValue, 1, 100),
    maxValue: paramInteger('maxValue', params.maxValue, 1, 100),
    base: paramInteger('base', params.base, 1, 100),
    variables: params.variables,
    perComponent: paramInteger('perComponent', params.perComponent, 2),
    nSynthetic: paramInteger('nSynthetic', params.nSynthetic, 1),
    klSamples: paramInteger('klSamples', params.klSamples, 2),
    bins: paramInteger('bins', params.bins, 1, 4096),
    clip: paramNumber('clip', params.clip, { min: 0, minOpen: true }),
    mcSamples: paramInteger('mcSamples', params.mcSamples, 2),
    estimators: params.estimators,
    seed: paramInteger('seed', params.seed, 0),
  };
  if (q.maxValue < q.minValue) throw new RangeError(`maxValue (${q.maxValue}) must be ≥ minValue (${q.minValue})`);
  parseList('variables', q.variables, VARIABLES);
  parseList('estimators', q.estimators, KL_ESTIMATORS);
  return q;
}

/** Runs the sweeps (repetitions spread over ctx.executor). */
export async function computeKlGapFigure(
  params: KlGapFigureParams,
  ctx: { executor?: Parameters<typeof klGapSweep>[1]; onProgress?: (done: number, total: number, label?: string) => void } = {},
): Promise<KlGapFigureData> {
  const q = validateKlGapFigureParams(params);
  const variables = parseList('variables', q.variables, VARIABLES);
  const estimators = parseList('estimators', q.estimators, KL_ESTIMATORS);
  const values: number[] = [];
  for (let v = q.minValue; v <= q.maxValue; v++) values.push(v);
  const res = await klGapSweep(
    {
      variables,
      values,
      base: { K: q.base, J: q.base, L: q.base },
      reps: q.reps,
      seed: q.seed,
      d: 2,
      perComponent: q.perComponent,
      nSynthetic: q.nSynthetic,
      rounds: q.rounds,
      klSamples: q.klSamples,
      bins: q.bins,
      clip: q.clip,
      mcSamples: q.mcSamples,
      estimators,
    },
    ctx.executor,
    ctx.onProgress,
  );
  return { ...res, variables, estimators, base: q.base };
}

/** y range covering the error bars and 0, with 5 % padding (the bars' ends set the scale). */
function yDomain(pts: PlotRow[]): [number, number] {
  let lo = 0, hi = 0;
  for (const p of pts) {
    lo = Math.min(lo, p.low as number);
    hi = Math.max(hi, p.high as number);
  }
  const pad = 0.05 * (hi - lo || 1);
  return [lo - pad, hi + pad];
}

const VARIABLE_TITLE: Record<KlGapVariable, string> = {
  K: 'K (anchor components)',
  J: 'J (unsampled components)',
  L: 'L (task-irrelevant components)',
};
const ESTIMATOR_TITLE: Record<KlEstimatorName, string> = {
  paper: 'KL gap, paper histograms',
  shared: 'KL gap, shared-bin histograms',
  mc: 'KL gap, Monte Carlo',
};
const ESTIMATOR_COLOR: Record<KlEstimatorName, string> = { paper: PALETTE[1], shared: PALETTE[2], mc: PALETTE[0] };

/** Rows: estimators; columns: K, J, L sweeps; mean ± std with a zero line; each panel its own y scale. */
export function klGapSpec(data: KlGapFigureData, _params?: KlGapFigureParams): TopLevelSpec {
  const cols = data.variables.length;
  // reserve: each panel has its own y axis (own scale) plus the row titles; 112 pt keeps the whole figure at the paper width (tick labels readable when scaled to the column)
  const width = panelWidth('double', cols, 112);
  const xs = data.points.map((p) => p.value);
  const xDomain: [number, number] = [Math.min(...xs) - 0.5, Math.max(...xs) + 0.5];
  const others = (v: KlGapVariable): string => VARIABLES.filter((u) => u !== v).join(' = ') + ` = ${data.base}`;
  const rows = data.estimators.map((e, r) => {
    const panels = data.variables.map((v, c) => {
      const pts: PlotRow[] = data.points
        .filter((p) => p.estimator === e && p.variable === v)
        .map((p) => ({ value: p.value, mean: p.mean, std: p.std, low: p.mean - p.std, high: p.mean + p.std, reps: p.reps }));
      const frame: PanelFrame = {
        width,
        height: 105,
        title: r === 0 ? `${v} sweep (${others(v)})` : undefined,
        x: { field: 'value', title: VARIABLE_TITLE[v], tickCount: 7, format: 'd', domain: xDomain },
        y: { field: 'mean', title: c === 0 ? ESTIMATOR_TITLE[e] : '', domain: yDomain(pts) },
      };
      const color = ESTIMATOR_COLOR[e];
      return panel(frame, [
        ruleLayer(frame, { y: 0 }, { dash: [2, 2], color: '#999', strokeWidth: 0.6 }),
        errorBarLayer(frame, pts, 'low', 'high', { color }),
        lineLayer(frame, pts, { color, strokeWidth: 1 }),
        pointLayer(frame, pts, { color, size: 14, tooltip: ['value', 'mean', 'std', 'reps'] }),
      ]);
    });
    // independent y scales: the Monte Carlo gap is heavy-tailed in the L sweep (std up to ~100)
    return panelRow(panels, { sharedY: false });
  });
  return figureSpec({ vconcat: rows, spacing: 10 }, 'double', {
    description: 'Gan & Liu Figure 4: KL gap vs K, J, L (mean ± std over repetitions), per KL estimator',
  });
}

export const klgap: FigureDef<KlGapFigureParams, KlGapFigureData> = {
  name: 'klgap',
  fileStem: 'ganliu-fig4-klgap',
  title: 'KL gap vs K, J and L (Gan & Liu, Figure 4)',
  size: 'double',
  defaults: {
    reps: 100, rounds: 100, minValue: 2, maxValue: 15, base: 2, variables: 'K,J,L', perComponent: 50, nSynthetic: 200,
    klSamples: 1000, bins: 50, clip: 1e-10, mcSamples: 10000, estimators: 'paper,mc', seed: 1,
  },
  params: {
    reps: { kind: 'integer', min: 1, max: 10000, help: 'repetitions per point' },
    rounds: { kind: 'integer', min: 1, max: 10000, help: 'EM rounds' },
    minValue: { kind: 'integer', min: 1, max: 100, help: 'smallest value of the swept variable' },
    maxValue: { kind: 'integer', min: 1, max: 100, help: 'largest value of the swept variable' },
    base: { kind: 'integer', min: 1, max: 100, help: 'value of the variables not swept' },
    variables: { kind: 'string', help: 'comma-separated list of K, J, L (one panel each)' },
    perComponent: { kind: 'integer', min: 2, max: 100000, help: 'anchor samples per component' },
    nSynthetic: { kind: 'integer', min: 1, max: 1000000, help: 'synthetic samples' },
    klSamples: { kind: 'integer', min: 2, max: 1000000, help: 'samples of the histogram KL estimate' },
    bins: { kind: 'integer', min: 1, max: 4096, help: 'histogram bins per axis' },
    clip: { kind: 'number', min: 0, max: 1, help: 'probability floor of the histogram KL (> 0)' },
    mcSamples: { kind: 'integer', min: 2, max: 10000000, help: 'samples of the Monte Carlo KL estimate' },
    estimators: { kind: 'string', help: 'comma-separated list of paper, shared, mc' },
    seed: { kind: 'integer', min: 0, help: 'random seed' },
  },

  compute: (params, ctx) => computeKlGapFigure(params, ctx ?? {}),
  spec: (data, params) => klGapSpec(data, params),
};

/**
 * Figure `weight-map`: the best mixing weight β* over (label noise ε, synthetic share s = m/(n+m))
 * in the toy setting, and the verdict there — synthetic data help (already at β = 1), help only when
 * weighted, or hurt (β* = 0 or no better than real data only). β* is optimizeMixing's exact optimum
 * over the weight for the theory in its exact pruning mode (src/rmt/optimize.ts); m = round(s·n/(1−s)).
 * Left panel: log10 β* per cell (β* = 0 shown at the colour scale's low end and in the data as 0);
 * right panel: the verdict per cell.
 */
import type { TopLevelSpec } from 'vega-lite';
import { optimizeMixing, type OptimizeResult } from '../rmt/index';
import type { VlFragment } from '../plot/lines';
import { paperFigure, PAPER_WIDTH_PT } from '../plot/theme';
import { linspace } from './grids';
import type { FigureDef, ParamSchema } from './figure-def';
import { mixingSettingSchema, syntheticCountOfShare, validateMixingSetting, type MixingSetting } from './mixing-protocol';
import { checkParamNames, paramInteger, paramNumber } from '../stats/validators';

export interface WeightMapParams extends MixingSetting {
  epsilonMin: number;
  epsilonMax: number;
  epsilonPoints: number;
  shareMin: number;
  shareMax: number;
  sharePoints: number;
}

/** One cell of the map. */
export interface WeightMapCell {
  epsilon: number;
  share: number;
  m: number;
  /** β* */
  bestWeight: number;
  bestAccuracy: number;
  /** accuracy at β = 1 */
  atWeight1: number;
  /** accuracy with the real data only */
  realOnly: number;
  verdict: OptimizeResult['verdict'];
}

export interface WeightMapData {
  pruning: 'exact';
  epsilons: number[];
  shares: number[];
  cells: WeightMapCell[];
}

/** The figure's `params` schema; its keys, in this order, are the parameter names `checkParamNames` allows. */
const PARAM_SCHEMA: ParamSchema<WeightMapParams> = {
  ...mixingSettingSchema(100000),
  epsilonMin: { kind: 'number', min: 0, max: 1, help: 'smallest ε' },
  epsilonMax: { kind: 'number', min: 0, max: 1, help: 'largest ε' },
  epsilonPoints: { kind: 'integer', min: 2, max: 200, help: 'values of ε' },
  shareMin: { kind: 'number', min: 0.001, max: 0.999, help: 'smallest synthetic share' },
  shareMax: { kind: 'number', min: 0.001, max: 0.999, help: 'largest synthetic share' },
  sharePoints: { kind: 'integer', min: 2, max: 200, help: 'values of the share' },
};

const PARAM_NAMES = Object.keys(PARAM_SCHEMA);

export function validateWeightMapParams(params: WeightMapParams): WeightMapParams {
  checkParamNames('weight-map', params, PARAM_NAMES);
  const q: WeightMapParams = {
    ...validateMixingSetting(params),
    epsilonMin: paramNumber('epsilonMin', params.epsilonMin, { min: 0, max: 1 }),
    epsilonMax: paramNumber('epsilonMax', params.epsilonMax, { min: 0, max: 1 }),
    epsilonPoints: paramInteger('epsilonPoints', params.epsilonPoints, 2),
    shareMin: paramNumber('shareMin', params.shareMin, { min: 0, max: 1, minOpen: true, maxOpen: true }),
    shareMax: paramNumber('shareMax', params.shareMax, { min: 0, max: 1, minOpen: true, maxOpen: true }),
    sharePoints: paramInteger('sharePoints', params.sharePoints, 2),
  };
  if (!(q.epsilonMin < q.epsilonMax)) throw new RangeError(`epsilonMin must be < epsilonMax, got ${q.epsilonMin} and ${q.epsilonMax}`);
  if (!(q.shareMin < q.shareMax)) throw new RangeError(`shareMin must be < shareMax, got ${q.shareMin} and ${q.shareMax}`);
  return q;
}

/** β* and the verdict on the (ε, share) grid. */
export function computeWeightMap(params: WeightMapParams): WeightMapData {
  const q = validateWeightMapParams(params);
  const epsilons = linspace(q.epsilonMin, q.epsilonMax, q.epsilonPoints);
  const shares = linspace(q.shareMin, q.shareMax, q.sharePoints);
  const cells: WeightMapCell[] = [];
  for (const epsilon of epsilons) {
    for (const share of shares) {
      const m = Math.max(1, syntheticCountOfShare(share, q.n));
      const r = optimizeMixing('toy', { n: q.n, nHat: q.nHat, m, p: q.p, mu: q.mu, epsilon, rho: q.rho, phi: q.phi, gamma: q.gamma }, { over: 'weight' });
      cells.push({
        epsilon, share, m, bestWeight: r.best.weight, bestAccuracy: r.best.accuracy,
        atWeight1: r.atWeight1.accuracy, realOnly: r.realOnly.accuracy, verdict: r.verdict,
      });
    }
  }
  return { pruning: 'exact', epsilons, shares, cells };
}

const VERDICTS: OptimizeResult['verdict'][] = ['help', 'help only when weighted', 'hurt'];

/** Two heat maps over (ε, share): log10 β*, and the verdict. */
export function weightMapSpec(data: WeightMapData, _params?: WeightMapParams): TopLevelSpec {
  const de = (data.epsilons[1] - data.epsilons[0]) / 2, ds = (data.shares[1] - data.shares[0]) / 2;
  const positive = data.cells.filter((c) => c.bestWeight > 0).map((c) => Math.log10(c.bestWeight));
  const lo = positive.length > 0 ? Math.min(...positive) : -4;
  const rows = data.cells.map((c) => ({
    e0: c.epsilon - de, e1: c.epsilon + de, s0: c.share - ds, s1: c.share + ds,
    epsilon: c.epsilon, share: c.share, m: c.m,
    logWeight: c.bestWeight > 0 ? Math.log10(c.bestWeight) : lo, bestWeight: c.bestWeight,
    gain: c.bestAccuracy - c.realOnly, verdict: c.verdict,
  }));
  const width = (PAPER_WIDTH_PT.double - 170) / 2;
  const axes = (labels: boolean): VlFragment => ({
    x: { field: 'e0', type: 'quantitative', title: 'Label noise ε', scale: { domain: [data.epsilons[0] - de, data.epsilons[data.epsilons.length - 1] + de], nice: false, zero: false } },
    x2: { field: 'e1' },
    y: {
      field: 's0', type: 'quantitative', title: labels ? 'Synthetic share m/(n+m)' : null,
      scale: { domain: [data.shares[0] - ds, data.shares[data.shares.length - 1] + ds], nice: false, zero: false },
      axis: labels ? {} : { labels: false },
    },
    y2: { field: 's1' },
  });
  const tooltip = [
    { field: 'epsilon', type: 'quantitative', format: '.3f' }, { field: 'share', type: 'quantitative', format: '.3f' },
    { field: 'm', type: 'quantitative' }, { field: 'bestWeight', type: 'quantitative', format: '.4g' },
    { field: 'gain', type: 'quantitative', format: '.4f' }, { field: 'verdict', type: 'nominal' },
  ];
  const left: VlFragment = {
    width, height: width, title: 'Best weight β* (log10)',
    data: { values: rows },
    mark: { type: 'rect' },
    encoding: {
      ...axes(true),
      color: { field: 'logWeight', type: 'quantitative', title: 'log10 β*', scale: { scheme: 'viridis' }, legend: { orient: 'right' } },
      tooltip,
    },
  };
  const right: VlFragment = {
    width, height: width, title: 'Synthetic data …',
    data: { values: rows },
    mark: { type: 'rect' },
    encoding: {
      ...axes(false),
      color: { field: 'verdict', type: 'nominal', title: '', scale: { domain: VERDICTS, range: ['#009E73', '#E69F00', '#D55E00'] }, legend: { orient: 'bottom', direction: 'vertical' } },
      tooltip,
    },
  };
  const body = {
    hconcat: [left, right],
    resolve: { scale: { color: 'independent' } },
    description: 'Best mixing weight β* and verdict over (ε, synthetic share), toy setting, exact pruning (optimizeMixing)',
  };
  return paperFigure(body as unknown as TopLevelSpec, 'double');
}

export const weightMapFigure: FigureDef<WeightMapParams, WeightMapData> = {
  name: 'weight-map',
  fileStem: 'weight-map',
  title: 'Best mixing weight β* and verdict over (ε, synthetic share), toy setting',
  size: 'double',
  defaults: {
    n: 100, nHat: 400, p: 100, mu: 1, gamma: 1, rho: 1, phi: 1,
    epsilonMin: 0, epsilonMax: 0.5, epsilonPoints: 21, shareMin: 0.05, shareMax: 0.95, sharePoints: 19,
  },
  params: PARAM_SCHEMA,
  compute: async (params) => computeWeightMap(params),
  spec: (data, params) => weightMapSpec(data, params),
};

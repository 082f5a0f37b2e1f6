/**
 * Figure `weight`: how much should synthetic samples weigh? The signed test accuracy of the weighted
 * classifier w_β (theory.md, last section; src/rmt/weighted.ts) against the mixing weight β in the
 * toy setting, for a few (label noise ε, synthetic share s = m/(n+m)) settings: the theory (exact
 * pruning mode) as lines, its exact optimum β* (src/rmt/optimize.ts) marked, and simulation dots
 * (fast simulator, fresh real data, fresh covariance estimate and 0/1 pruning mask in every draw;
 * mean ± sd over `draws` draws, seeded; ./mixing-protocol.ts). The real-data-only accuracy of each
 * setting is the line's value at β = 0 (`realOnly`).
 *
 * The toy theory keeps the published toy formula at β = 1 exactly and uses Theorem 4.2 with
 * Marchenko–Pastur equivalents elsewhere (see src/rmt/weighted.ts), so a line has a small step
 * (≈1e-3) at β = 1; the simulation knows nothing of it.
 *
 * Settings: every ε of `epsilons` with every s of `shares` (m = round(s·n/(1−s))).
 */
import type { TopLevelSpec } from 'vega-lite';
import { optimizeMixing, TheoryDomainError, toyTheory, type MixPoint, type OptimizeResult } from '../rmt/index';
import { figureSpec, lineLayer, panel, pointLayer, ruleLayer, simulationDotLayers, type PanelFrame, type PlotRow } from '../plot/lines';
import { PAPER_WIDTH_PT } from '../plot/theme';
import { geomspace } from './grids';
import { mixingSettingSchema, runMixingDraws, syntheticCountOfShare, validateMixingSetting, type MixingSetting } from './mixing-protocol';
import type { ComputeContext, FigureDef, ParamSchema } from './figure-def';
import { checkParamNames, paramInteger, paramList, paramNumber } from '../stats/validators';

export interface WeightParams extends MixingSetting {
  /** label noise ε of each setting */
  epsilons: number[];
  /** synthetic share s = m/(n+m) of each setting */
  shares: number[];
  /** the β range of the lines (log axis) */
  weightMin: number;
  weightMax: number;
  /** points of each theory line */
  points: number;
  /** simulated values of β per setting (log-spaced over the range; 0: no simulation) */
  simPoints: number;
  /** draws per simulation dot (0: no simulation) */
  draws: number;
  seed: number;
}

/** One simulation dot. */
export interface WeightSimPoint {
  weight: number;
  mean: number;
  sd: number;
  /** the theory at this β */
  theory: number;
}

/** One (ε, share) setting. */
export interface WeightCurve {
  epsilon: number;
  share: number;
  m: number;
  weights: number[];
  /** signed accuracy at each weight (exact pruning mode) */
  accuracy: number[];
  /** β* and the accuracy there (optimizeMixing over the weight, exact) */
  best: MixPoint;
  atWeight1: MixPoint;
  realOnly: MixPoint;
  verdict: OptimizeResult['verdict'];
  simulation: WeightSimPoint[];
}

export interface WeightData {
  pruning: 'exact';
  draws: number;
  seed: number;
  curves: WeightCurve[];
}

/** The figure's `params` schema; its keys, in this order, are the parameter names `checkParamNames` allows. */
const PARAM_SCHEMA: ParamSchema<WeightParams> = {
  ...mixingSettingSchema(2000),
  epsilons: { kind: 'numbers', min: 0, max: 1, maxLength: 8, help: 'label noise ε of the settings' },
  shares: { kind: 'numbers', min: 0, max: 0.999, maxLength: 8, help: 'synthetic shares m/(n+m) of the settings (0 < s < 1)' },
  weightMin: { kind: 'number', min: 1e-6, max: 1e6, help: 'smallest β drawn' },
  weightMax: { kind: 'number', min: 1e-6, max: 1e6, help: 'largest β drawn' },
  points: { kind: 'integer', min: 2, max: 10000, help: 'points of each theory line' },
  simPoints: { kind: 'integer', min: 0, max: 50, help: 'simulated values of β per setting (0: no simulation)' },
  draws: { kind: 'integer', min: 0, max: 10000, help: 'simulation draws per dot (0: no simulation)' },
  seed: { kind: 'integer', min: 0, max: 2147483647, help: 'seed of the simulation' },
};

const PARAM_NAMES = Object.keys(PARAM_SCHEMA);

/** Validated copy of the parameters (RangeError naming the bad one). */
export function validateWeightParams(params: WeightParams): WeightParams {
  checkParamNames('weight', params, PARAM_NAMES);
  const q: WeightParams = {
    ...validateMixingSetting(params),
    epsilons: paramList('epsilons', params.epsilons, (name, v) => paramNumber(name, v, { min: 0, max: 1 })),
    shares: paramList('shares', params.shares, (name, v) => paramNumber(name, v, { min: 0, max: 1, minOpen: true, maxOpen: true })),
    weightMin: paramNumber('weightMin', params.weightMin, { min: 0, minOpen: true }),
    weightMax: paramNumber('weightMax', params.weightMax, { min: 0, minOpen: true }),
    points: paramInteger('points', params.points, 2),
    simPoints: paramInteger('simPoints', params.simPoints, 0),
    draws: paramInteger('draws', params.draws, 0),
    seed: paramInteger('seed', params.seed, 0),
  };
  if (!(q.weightMin < q.weightMax)) throw new RangeError(`weightMin must be < weightMax, got ${q.weightMin} and ${q.weightMax}`);
  return q;
}

/** The β grid (log-spaced, 1 included when in range, for the β = 1 reference). */
function weightGrid(lo: number, hi: number, k: number): number[] {
  const g = geomspace(lo, hi, k).map((w) => Number(w.toPrecision(12)));
  if (lo < 1 && hi > 1 && !g.includes(1)) g.push(1);
  return g.sort((a, b) => a - b);
}

function settingsOf(q: WeightParams): { epsilon: number; share: number; m: number }[] {
  return q.epsilons.flatMap((epsilon) => q.shares.map((share) => ({ epsilon, share, m: syntheticCountOfShare(share, q.n) })));
}

/** The figure's data; the simulation draws run through `ctx.executor` (serial by default). */
export async function computeWeight(params: WeightParams, ctx: ComputeContext = {}): Promise<WeightData> {
  const q = validateWeightParams(params);
  const weights = weightGrid(q.weightMin, q.weightMax, q.points);
  const simWeights = q.simPoints > 0 && q.draws > 0 ? geomspace(q.weightMin, q.weightMax, q.simPoints).map((w) => Number(w.toPrecision(12))) : [];
  const base = { n: q.n, nHat: q.nHat, p: q.p, mu: q.mu, epsilon: 0, rho: q.rho, phi: q.phi, gamma: q.gamma };
  const settings = settingsOf(q);
  const theoryAt = (epsilon: number, m: number, weight: number): number => {
    try {
      return toyTheory({ ...base, epsilon, m, weight }, { pruning: 'exact' }).accuracy;
    } catch (e) {
      if (e instanceof TheoryDomainError) return NaN; // outside the theory's domain
      throw e;
    }
  };
  const curves: WeightCurve[] = settings.map(({ epsilon, share, m }) => {
    const opt = optimizeMixing('toy', { ...base, epsilon, m }, { over: 'weight' });
    return {
      epsilon, share, m, weights,
      accuracy: weights.map((w) => theoryAt(epsilon, m, w)),
      best: opt.best, atWeight1: opt.atWeight1, realOnly: opt.realOnly, verdict: opt.verdict,
      simulation: [],
    };
  });
  // one simulated point per (curve, weight), in that order
  const sims = curves.flatMap((c) => simWeights.map((weight) => ({ c, setup: { ...base, m: c.m, epsilon: c.epsilon, weight, seed: q.seed } })));
  const summaries = await runMixingDraws(sims.map((x) => x.setup), q.draws, ctx, 'weight draws');
  sims.forEach(({ c, setup: { weight } }, i) => {
    c.simulation.push({ weight, mean: summaries[i].mean, sd: summaries[i].sd, theory: theoryAt(c.epsilon, c.m, weight) });
  });
  return { pruning: 'exact', draws: q.draws, seed: q.seed, curves };
}

/** Legend label of a setting. */
export function settingLabel(c: { epsilon: number; share: number }): string {
  return `ε ${c.epsilon}, share ${c.share}`;
}

/** Accuracy against β (log axis): theory lines, simulation dots ± sd, β* marked, β = 1 rule. */
export function weightSpec(data: WeightData, _params?: WeightParams): TopLevelSpec {
  const labels = data.curves.map(settingLabel);
  const all = data.curves.flatMap((c) => c.weights);
  const frame: PanelFrame = {
    width: PAPER_WIDTH_PT.single - 62,
    height: 170,
    x: { field: 'weight', title: 'Mixing weight β of the synthetic samples', scale: 'log', domain: [Math.min(...all), Math.max(...all)] },
    y: { field: 'accuracy', title: 'Test accuracy (signed)', format: '.2f' },
    series: { field: 'setting', title: '', domain: labels, legendOrient: 'bottom' },
  };
  const lines: PlotRow[] = [];
  const sims: PlotRow[] = [];
  const best: PlotRow[] = [];
  data.curves.forEach((c, k) => {
    c.weights.forEach((w, i) => { if (Number.isFinite(c.accuracy[i])) lines.push({ weight: w, accuracy: c.accuracy[i], setting: labels[k] }); });
    for (const s of c.simulation) sims.push({ weight: s.weight, accuracy: s.mean, low: s.mean - s.sd, high: s.mean + s.sd, setting: labels[k], theory: s.theory });
    if (c.best.weight >= frame.x.domain![0] && c.best.weight <= frame.x.domain![1]) best.push({ weight: c.best.weight, accuracy: c.best.accuracy, setting: labels[k] });
  });
  const plain: PanelFrame = { ...frame, series: undefined };
  return figureSpec(
    panel(frame, [
      ruleLayer(plain, { x: 1 }, { dash: [2, 2], color: '#888' }),
      lineLayer(frame, lines, { strokeWidth: 1.4 }),
      ...(sims.length > 0 ? simulationDotLayers(frame, sims, 'low', 'high', { tooltip: ['weight', 'accuracy', 'theory'] }) : []),
      pointLayer(frame, best, { shape: 'circle', size: 40, filled: false, tooltip: ['weight', 'accuracy'] }),
    ]),
    'single',
    {
      description: `Accuracy against the mixing weight β (toy setting, exact pruning): theory lines, β* circled` +
        (data.draws > 0 && sims.length > 0 ? `, simulation dots: mean ± sd of ${data.draws} draws` : ''),
    },
  );
}

export const weightFigure: FigureDef<WeightParams, WeightData> = {
  name: 'weight',
  fileStem: 'weight-accuracy',
  title: 'Accuracy against the mixing weight β (toy setting, theory and simulation)',
  size: 'single',
  defaults: {
    n: 100, nHat: 400, p: 100, mu: 1, gamma: 1, rho: 1, phi: 1, epsilons: [0.1, 0.3, 0.45], shares: [0.5],
    weightMin: 0.01, weightMax: 100, points: 61, simPoints: 7, draws: 30, seed: 9,
  },
  params: PARAM_SCHEMA,
  compute: (params, ctx) => computeWeight(params, ctx),
  spec: (data, params) => weightSpec(data, params),
};

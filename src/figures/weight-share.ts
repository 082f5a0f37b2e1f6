/**
 * Figure `weight-share`: does adding synthetic data ever hurt? The signed test accuracy against the
 * synthetic share s = m/(n+m) (m = round(s·n/(1−s))) in the toy setting, at the weight β = `weight`
 * (default 1, the paper's classifier) and at the best weight β*(m) for each m (optimizeMixing over
 * the weight, src/rmt/optimize.ts), with the real-data-only accuracy as a rule. The theory (exact
 * pruning mode) is checked by simulation dots at β = `weight` (fast simulator, mean ± sd over `draws`
 * draws; ./mixing-protocol.ts). The interior dip of the β = `weight` line (the U shape the reviewers
 * asked about) is optimizeMixing's `dip` over m ≤ the largest m of the figure, marked on the plot.
 */
import type { TopLevelSpec } from 'vega-lite';
import { optimizeMixing, toyTheory, type Dip } from '../rmt/index';
import { figureSpec, lineLayer, panel, pointLayer, ruleLayer, simulationDotLayers, type PanelFrame, type PlotRow } from '../plot/lines';
import { PAPER_WIDTH_PT } from '../plot/theme';
import { linspace } from './grids';
import { mixingSettingSchema, runMixingDraws, syntheticCountOfShare, validateMixingSetting, type MixingSetting } from './mixing-protocol';
import type { ComputeContext, FigureDef, ParamSchema } from './figure-def';
import { checkParamNames, paramInteger, paramNumber } from '../stats/validators';

export interface WeightShareParams extends MixingSetting {
  epsilon: number;
  /** the weight of the main line and of the simulation */
  weight: number;
  shareMax: number;
  /** points of the lines (shares evenly spaced in [0, shareMax]) */
  points: number;
  /** simulated shares (evenly spaced in [0, shareMax], 0 = real data only; 0: no simulation) */
  simPoints: number;
  draws: number;
  seed: number;
}

export interface WeightShareData {
  pruning: 'exact';
  weight: number;
  share: number[];
  m: number[];
  /** accuracy at β = weight */
  accuracy: number[];
  /** β*(m) and the accuracy there */
  bestWeight: number[];
  bestAccuracy: number[];
  /** real data only (m = 0) */
  realOnly: number;
  /** the interior dip of `accuracy` against m (optimizeMixing over m ≤ the largest m), or null */
  dip: Dip | null;
  draws: number;
  seed: number;
  simulation: { share: number; m: number; mean: number; sd: number; theory: number }[];
}

/** The figure's `params` schema; its keys, in this order, are the parameter names `checkParamNames` allows. */
const PARAM_SCHEMA: ParamSchema<WeightShareParams> = {
  ...mixingSettingSchema(2000),
  epsilon: { kind: 'number', min: 0, max: 1, help: 'label noise ε' },
  weight: { kind: 'number', min: 0, max: 10000, help: 'the weight β of the main line and the simulation' },
  shareMax: { kind: 'number', min: 0.01, max: 0.99, help: 'largest synthetic share' },
  points: { kind: 'integer', min: 2, max: 1000, help: 'points of the lines' },
  simPoints: { kind: 'integer', min: 0, max: 50, help: 'simulated shares (0: no simulation)' },
  draws: { kind: 'integer', min: 0, max: 10000, help: 'simulation draws per dot (0: no simulation)' },
  seed: { kind: 'integer', min: 0, max: 2147483647, help: 'seed of the simulation' },
};

const PARAM_NAMES = Object.keys(PARAM_SCHEMA);

export function validateWeightShareParams(params: WeightShareParams): WeightShareParams {
  checkParamNames('weight-share', params, PARAM_NAMES);
  const q: WeightShareParams = {
    ...validateMixingSetting(params),
    epsilon: paramNumber('epsilon', params.epsilon, { min: 0, max: 1 }),
    weight: paramNumber('weight', params.weight, { min: 0 }),
    shareMax: paramNumber('shareMax', params.shareMax, { min: 0, max: 1, minOpen: true, maxOpen: true }),
    points: paramInteger('points', params.points, 2),
    simPoints: paramInteger('simPoints', params.simPoints, 0),
    draws: paramInteger('draws', params.draws, 0),
    seed: paramInteger('seed', params.seed, 0),
  };
  return q;
}

export async function computeWeightShare(params: WeightShareParams, ctx: ComputeContext = {}): Promise<WeightShareData> {
  const q = validateWeightShareParams(params);
  const base = { n: q.n, nHat: q.nHat, p: q.p, mu: q.mu, epsilon: q.epsilon, rho: q.rho, phi: q.phi, gamma: q.gamma };
  const share = linspace(0, q.shareMax, q.points);
  const m = share.map((s) => syntheticCountOfShare(s, q.n));
  const at = (mm: number): number => toyTheory({ ...base, m: mm, weight: q.weight }, { pruning: 'exact' }).accuracy;
  const accuracy = m.map(at);
  const best = m.map((mm) => optimizeMixing('toy', { ...base, m: mm }, { over: 'weight' }).best);
  const mMax = m[m.length - 1];
  const opt = optimizeMixing('toy', { ...base, m: Math.max(1, mMax), weight: q.weight }, { over: 'm', mMax: Math.max(1, mMax) });
  const simShares = q.simPoints > 0 && q.draws > 0 ? linspace(0, q.shareMax, q.simPoints) : [];
  const setups = simShares.map((s) => ({ ...base, m: syntheticCountOfShare(s, q.n), weight: q.weight, seed: q.seed }));
  const summaries = await runMixingDraws(setups, q.draws, ctx, 'weight-share draws');
  return {
    pruning: 'exact',
    weight: q.weight,
    share, m, accuracy,
    bestWeight: best.map((b) => b.weight),
    bestAccuracy: best.map((b) => b.accuracy),
    realOnly: at(0),
    dip: opt.dip,
    draws: q.draws,
    seed: q.seed,
    simulation: setups.map((setup, i) => ({ share: simShares[i], m: setup.m, mean: summaries[i].mean, sd: summaries[i].sd, theory: at(setup.m) })),
  };
}

export function weightShareSpec(data: WeightShareData, _params?: WeightShareParams): TopLevelSpec {
  const atLabel = `β = ${data.weight}`;
  const labels = [atLabel, 'best β*(m)'];
  const frame: PanelFrame = {
    width: PAPER_WIDTH_PT.single - 62,
    height: 160,
    x: { field: 'share', title: 'Synthetic share m/(n+m)', domain: [0, data.share[data.share.length - 1]], format: '.1f' },
    y: { field: 'accuracy', title: 'Test accuracy (signed)', format: '.2f' },
    series: { field: 'line', title: '', domain: labels, legendOrient: 'bottom' },
  };
  const rows: PlotRow[] = [];
  data.share.forEach((s, i) => {
    rows.push({ share: s, accuracy: data.accuracy[i], line: atLabel, m: data.m[i] });
    rows.push({ share: s, accuracy: data.bestAccuracy[i], line: labels[1], m: data.m[i], weight: data.bestWeight[i] });
  });
  const sims: PlotRow[] = data.simulation.map((p) => ({ share: p.share, accuracy: p.mean, low: p.mean - p.sd, high: p.mean + p.sd, line: atLabel, theory: p.theory, m: p.m }));
  const plain: PanelFrame = { ...frame, series: undefined };
  const dip: PlotRow[] = data.dip ? [{ share: data.dip.share, accuracy: data.dip.accuracy }] : [];
  return figureSpec(
    panel(frame, [
      ruleLayer(plain, { y: data.realOnly }, { dash: [2, 2], color: '#888' }),
      lineLayer(frame, rows, { strokeWidth: 1.4 }),
      ...(sims.length > 0 ? simulationDotLayers(frame, sims, 'low', 'high', { tooltip: ['share', 'accuracy', 'theory', 'm'] }) : []),
      ...(dip.length > 0 ? [pointLayer(plain, dip, { shape: 'circle', size: 50, filled: false, color: '#000' })] : []),
    ]),
    'single',
    {
      description: `Accuracy against the synthetic share (toy setting, exact pruning): β = ${data.weight} and the best β*(m); dashed: real data only` +
        (data.dip ? `; circled: the dip (U shape) at share ${data.dip.share.toFixed(3)}` : '') +
        (sims.length > 0 ? `; dots: simulation at β = ${data.weight}, mean ± sd of ${data.draws} draws` : ''),
    },
  );
}

export const weightShareFigure: FigureDef<WeightShareParams, WeightShareData> = {
  name: 'weight-share',
  fileStem: 'weight-share',
  title: 'Accuracy against the synthetic share at β = 1 and at the best β (toy setting; the U shape)',
  size: 'single',
  defaults: {
    n: 100, nHat: 400, p: 100, mu: 1, gamma: 1, rho: 1, phi: 1, epsilon: 0.3, weight: 1,
    shareMax: 0.95, points: 58, simPoints: 9, draws: 40, seed: 21,
  },
  params: PARAM_SCHEMA,
  compute: (params, ctx) => computeWeightShare(params, ctx),
  spec: (data, params) => weightShareSpec(data, params),
};

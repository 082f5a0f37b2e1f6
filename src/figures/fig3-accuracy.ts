/**
 * Figure 3 of El Firdoussi et al. (2025): test accuracy against the share of synthetic data
 * m/(n+m), theory lines (toy setting) and simulation points with error bars, for oracle and weak
 * supervision and several dimensions p.
 *
 * Protocol (figures.md), per p:
 * - μ = ‖μ‖·u, u a random direction; one real data set X_r (n samples x = yμ + z) drawn and kept;
 * - Ĉ = (1/n) Σ_i (y_i x_i − μ)(y_i x_i − μ)ᵀ from X_r (centred with the true μ, as the reference);
 * - for each m = ⌊s·n/(1−s)⌋ on the share grid s, the label noise is not fixed but set to the error
 *   of a classifier trained on m clean synthetic samples alone:
 *     ε(m) = 1 − accuracy(Theorem 4.2 with n = 0, C = Ĉ, μ_β = μ, ε = 0, ρ = 0, φ = 1),
 *   with the *symmetric* accuracy max(acc, 1 − acc), as the reference code reports it
 *   (`prepareCovariance(Ĉ)` once per p, `generalTheoryPrepared` per m);
 * - theory line: the toy-setting accuracy (theory.md, "Toy setting") with n̂ = n, ε = ε(m), in the
 *   pruning mode `pruning` (src/rmt/pruning.ts): 'paper' (default) the published formulas, as the
 *   paper's figure; 'exact' the exact reduction of the 0/1 pruning mask that the simulation draws
 *   (they differ when α = φ(1−ε) + ρε < 1, i.e. in the weak panel and, slightly, in the oracle
 *   panel; ε(m) has α = 1 and is the same in both modes);
 * - simulation: `fastDraw` (exact in law) with a fresh covariance ZZᵀ/n̂ per draw, m synthetic
 *   samples from N(±μ, ZZᵀ/n̂), labels flipped with ε(m), pruning (ρ, φ), trained on the fixed X_r
 *   (its Gram X_r X_rᵀ computed once per p) plus the kept synthetic samples. The test accuracy of a
 *   draw is the exact conditional expectation Φ(wᵀμ/‖w‖) over Gaussian test samples (testMode
 *   'exact') instead of the reference's 2n fresh test samples ('samples', Binomial(2n, Φ)/2n).
 *
 * Reproducibility: the real data of the k-th p come from `new Rng(seed).substream(k)`; draw d of point
 * j of panel c at the k-th p uses sub-stream K + ((k·C + c)·J + j)·D + d of `new Rng(seed)` (K = #p,
 * C = #panels, J = #points, D = draws), so the data do not depend on the executor or thread count.
 */
import type { TopLevelSpec } from 'vega-lite';
import { serialExecutor, taskHandle, type Executor } from '../sim/executor';
import { Rng } from '../random/rng';
import { generalTheoryPrepared, prepareCovariance, toyTheory, PRUNING_MODES, type PruningMode } from '../rmt/index';
import { drawStreams, fastDraw, prepareReal, randomMean, sampleMixture, summarize, type PreparedReal } from '../sim/index';
import { figureSpec, panelRow, theorySimulationPanel, type PanelFrame, type PlotRow } from '../plot/lines';
import { panelWidth } from '../plot/theme';
import { checkParamNames, linspace, paramChoice, paramInteger, paramList, paramNumber } from './grids';
import type { ComputeContext, FigureDef } from './registry-types';

export type AccuracyKind = 'symmetric' | 'signed';
export type TestMode = 'exact' | 'samples';

export interface Fig3Params {
  /** real samples n */
  n: number;
  /** samples n̂ behind each fresh covariance estimate ZZᵀ/n̂ (the paper: n̂ = n) */
  nHat: number;
  /** ‖μ‖ */
  mu: number;
  /** ridge penalty γ */
  gamma: number;
  /** simulated draws per point (0: theory only) */
  draws: number;
  /** dimensions p (one colour each) */
  ps: number[];
  /** synthetic share grid: `points` values linspace(sMin, sMax) */
  sMin: number;
  sMax: number;
  points: number;
  /** (ρ, φ) of the oracle-supervision panel */
  oracle: number[];
  /** (ρ, φ) of the weak-supervision panel */
  weak: number[];
  seed: number;
  /** plotted accuracy: 'symmetric' max(acc, 1 − acc) as the reference, or 'signed' */
  accuracy: AccuracyKind;
  /** 'exact': Φ(wᵀμ/‖w‖) per draw; 'samples': the accuracy on `testSamples` fresh test samples */
  testMode: TestMode;
  /** test samples per draw in testMode 'samples' (the reference: 2n) */
  testSamples: number;
  /** how the theory line treats pruning: 'paper' (published formulas) or 'exact' (0/1 mask) */
  pruning: PruningMode;
}

export interface Fig3Panel {
  name: 'oracle' | 'weak';
  rho: number;
  phi: number;
  /** toy-setting accuracy at each share */
  theory: number[];
  /** mean, sample standard deviation and standard error (sd/√draws) of the simulated accuracies; empty when draws = 0 */
  simMean: number[];
  simSd: number[];
  simSe: number[];
}

export interface Fig3Series {
  p: number;
  /** ε(m) at each share (from Theorem 4.2 with n = 0 and this p's Ĉ) */
  epsilon: number[];
  panels: Fig3Panel[];
}

export interface Fig3Agreement {
  /** grid points compared (draws ≥ 2 and a nonzero spread of the draws) */
  points: number;
  /**
   * grid points left out because all their draws coincide (se = 0: e.g. m = 1 and the one synthetic
   * sample pruned in every draw, leaving the classifier of the fixed X_r alone)
   */
  zeroSpread: number;
  /** max over the grid of |simulation mean − theory| / standard error; null when draws < 2 */
  maxAbsZ: number | null;
  /** where the maximum is */
  at: { p: number; panel: string; share: number; m: number } | null;
  /** max |simulation mean − theory| in accuracy units (over all grid points) */
  maxAbsDiff: number | null;
  /** mean |z| and the shares of points with |z| ≤ 2 and ≤ 3 */
  meanAbsZ: number | null;
  within2: number | null;
  within3: number | null;
}

export interface Fig3Data {
  /** synthetic shares s = m/(n+m) of the grid (nominal) */
  share: number[];
  /** m = ⌊s·n/(1−s)⌋ */
  m: number[];
  /** the realised share m/(n+m) */
  realShare: number[];
  accuracy: AccuracyKind;
  testMode: TestMode;
  /** pruning mode of the theory lines */
  pruning: PruningMode;
  draws: number;
  series: Fig3Series[];
  agreement: Fig3Agreement;
}

const PARAM_NAMES = [
  'n', 'nHat', 'mu', 'gamma', 'draws', 'ps', 'sMin', 'sMax', 'points', 'oracle', 'weak', 'seed', 'accuracy', 'testMode', 'testSamples',
  'pruning',
] as const;

function pair(name: string, x: unknown): [number, number] {
  const v = paramList(name, x, (n, e) => paramNumber(n, e, { min: 0, max: 1 }), 2);
  if (v.length !== 2) throw new RangeError(`${name} must be the pair (rho, phi), got ${v.length} numbers`);
  if (v[0] === 0 && v[1] === 0) throw new RangeError(`${name} = (rho, phi) must not be (0, 0): every synthetic sample would be pruned`);
  return [v[0], v[1]];
}

export function validateFig3Params(params: Fig3Params): Fig3Params {
  checkParamNames('fig3', params, PARAM_NAMES);
  const q: Fig3Params = {
    n: paramInteger('n', params.n, 1),
    nHat: paramInteger('nHat', params.nHat, 1),
    mu: paramNumber('mu', params.mu, { min: 0 }),
    gamma: paramNumber('gamma', params.gamma, { min: 0, minOpen: true }),
    draws: paramInteger('draws', params.draws, 0),
    ps: paramList('ps', params.ps, (n, v) => paramInteger(n, v, 1)),
    sMin: paramNumber('sMin', params.sMin, { min: 0, max: 1, maxOpen: true }),
    sMax: paramNumber('sMax', params.sMax, { min: 0, max: 1, maxOpen: true }),
    points: paramInteger('points', params.points, 1),
    oracle: pair('oracle', params.oracle),
    weak: pair('weak', params.weak),
    seed: paramInteger('seed', params.seed, 0),
    accuracy: paramChoice('accuracy', params.accuracy, ['symmetric', 'signed'] as const),
    testMode: paramChoice('testMode', params.testMode, ['exact', 'samples'] as const),
    testSamples: paramInteger('testSamples', params.testSamples, 1),
    pruning: paramChoice('pruning', params.pruning, PRUNING_MODES),
  };
  if (q.sMax < q.sMin) throw new RangeError(`sMax must be >= sMin = ${q.sMin}, got ${q.sMax}`);
  if (syntheticCount(q.sMin, q.n) < 1) {
    throw new RangeError(`sMin = ${q.sMin} gives m = floor(sMin·n/(1−sMin)) = 0 synthetic samples with n = ${q.n}; need m >= 1 (sMin >= ${(1 / (q.n + 1)).toPrecision(3)})`);
  }
  return q;
}

/** m = ⌊s·n/(1−s)⌋ (with a guard against s·n/(1−s) landing a hair below an integer). */
export function syntheticCount(share: number, n: number): number {
  return Math.floor((share * n) / (1 - share) + 1e-9);
}

/** One p's fixed ingredients: μ and the real data reduced to X_r X_rᵀ, X_r y. */
export interface Fig3RealData {
  mu: Float64Array;
  real: PreparedReal;
}

const realCache = new Map<string, Fig3RealData>();

/**
 * μ (a random direction scaled to ‖μ‖) and the real data set X_r (n balanced samples) of the k-th p,
 * from sub-stream k of `new Rng(seed)`; memoised (a worker builds each p's Gram once).
 */
export function fig3RealData(seed: number, pIndex: number, p: number, n: number, muNorm: number): Fig3RealData {
  const key = `${seed}|${pIndex}|${p}|${n}|${muNorm}`;
  let d = realCache.get(key);
  if (!d) {
    const rng = new Rng(seed).substream(pIndex);
    const mu = randomMean(p, muNorm, rng);
    const data = sampleMixture(mu, n, rng, 'balanced');
    d = { mu, real: prepareReal(data.x, data.y, p, n) };
    if (realCache.size >= 8) realCache.clear();
    realCache.set(key, d);
  }
  return d;
}

/**
 * Ĉ = (1/n) Σ (y_i x_i − μ)(y_i x_i − μ)ᵀ from the prepared real data:
 * Σ (y x − μ)(y x − μ)ᵀ = X_r X_rᵀ − μ(X_r y)ᵀ − (X_r y)μᵀ + n μμᵀ (row-major p×p).
 */
export function centredCovariance(d: Fig3RealData): Float64Array {
  const { p, n, gram, xy } = d.real;
  const mu = d.mu;
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      // gram holds at least the lower half; read it there
      const v = (gram[i * p + j] - mu[i] * xy[j] - xy[i] * mu[j] + n * mu[i] * mu[j]) / n;
      c[i * p + j] = v;
      c[j * p + i] = v;
    }
  }
  return c;
}

/** The setting of one p shared by all its draw jobs (structured-cloneable). */
export interface Fig3DrawSetup {
  seed: number;
  pIndex: number;
  p: number;
  n: number;
  nHat: number;
  mu: number;
  gamma: number;
  /** 0: exact Φ(wᵀμ/‖w‖); > 0: that many fresh test samples */
  testSize: number;
}

/**
 * The worker job of Figure 3 (`fig3DrawsTask`): the signed test accuracies of draws `indices` (sub-streams of
 * `new Rng(setup.seed)`) at one point (m, ε, ρ, φ). Pure in its arguments (the real data are
 * rebuilt from the seed, memoised per worker).
 */
export function fig3Draws(setup: Fig3DrawSetup, point: { m: number; epsilon: number; rho: number; phi: number }, indices: number[]): number[] {
  const d = fig3RealData(setup.seed, setup.pIndex, setup.p, setup.n, setup.mu);
  const params = {
    mu: d.mu,
    m: point.m,
    epsilon: point.epsilon,
    rho: point.rho,
    phi: point.phi,
    gamma: setup.gamma,
    covariance: { kind: 'fresh-wishart' as const, nHat: setup.nHat },
  };
  const options = { testSize: setup.testSize };
  return drawStreams(setup.seed, indices).map((rng) => fastDraw(d.real, params, rng, options).accuracy);
}

/** Task handle of `fig3Draws` (see ../sim/executor.ts). */
export const fig3DrawsTask = taskHandle('figures/fig3-accuracy', 'fig3Draws', fig3Draws);

function agreementOf(series: Fig3Series[], share: number[], m: number[], draws: number): Fig3Agreement {
  const none: Fig3Agreement = { points: 0, zeroSpread: 0, maxAbsZ: null, at: null, maxAbsDiff: null, meanAbsZ: null, within2: null, within3: null };
  if (draws < 2) return none;
  let maxZ = -1, maxDiff = 0, sumZ = 0, count = 0, w2 = 0, w3 = 0, zeroSpread = 0;
  let at: Fig3Agreement['at'] = null;
  for (const s of series) {
    for (const pnl of s.panels) {
      pnl.theory.forEach((t, j) => {
        const diff = Math.abs(pnl.simMean[j] - t);
        maxDiff = Math.max(maxDiff, diff);
        const se = pnl.simSe[j];
        if (!(se > 0)) {
          zeroSpread++;
          return;
        }
        const z = diff / se;
        count++;
        sumZ += z;
        if (z <= 2) w2++;
        if (z <= 3) w3++;
        if (z > maxZ) {
          maxZ = z;
          at = { p: s.p, panel: pnl.name, share: share[j], m: m[j] };
        }
      });
    }
  }
  if (count === 0) return { ...none, zeroSpread, maxAbsDiff: maxDiff };
  return { points: count, zeroSpread, maxAbsZ: maxZ, at, maxAbsDiff: maxDiff, meanAbsZ: sumZ / count, within2: w2 / count, within3: w3 / count };
}

/** Figure 3's data (see the module comment). Draws run through `ctx.executor` (serial by default). */
export async function computeFig3(params: Fig3Params, ctx: ComputeContext = {}): Promise<Fig3Data> {
  const q = validateFig3Params(params);
  const executor: Executor = ctx.executor ?? serialExecutor;
  const share = linspace(q.sMin, q.sMax, q.points);
  const m = share.map((s) => syntheticCount(s, q.n));
  const panelDefs = [
    { name: 'oracle' as const, rho: q.oracle[0], phi: q.oracle[1] },
    { name: 'weak' as const, rho: q.weak[0], phi: q.weak[1] },
  ];
  const K = q.ps.length, C = panelDefs.length, J = share.length, D = q.draws;
  const pick = (a: number): number => (q.accuracy === 'symmetric' ? Math.max(a, 1 - a) : a);

  // Theory: ε(m) from Theorem 4.2 (n = 0, C = Ĉ), then the toy-setting line.
  const series: Fig3Series[] = q.ps.map((p, k) => {
    const d = fig3RealData(q.seed, k, p, q.n, q.mu);
    const prep = prepareCovariance(centredCovariance(d), p);
    const epsilon = m.map((mm) =>
      1 - generalTheoryPrepared(prep, { n: 0, m: mm, mu: d.mu, muBeta: d.mu, epsilon: 0, rho: 0, phi: 1, gamma: q.gamma }).accuracySymmetric,
    );
    const panels = panelDefs.map((pd): Fig3Panel => ({
      ...pd,
      theory: m.map((mm, j) => {
        const t = toyTheory(
          { n: q.n, nHat: q.nHat, m: mm, p, mu: q.mu, epsilon: epsilon[j], rho: pd.rho, phi: pd.phi, gamma: q.gamma },
          { pruning: q.pruning },
        );
        return q.accuracy === 'symmetric' ? t.accuracySymmetric : t.accuracy;
      }),
      simMean: [],
      simSd: [],
      simSe: [],
    }));
    return { p, epsilon, panels };
  });

  if (D > 0) {
    // One job per (p, panel, point), the largest p first so the slow jobs start early.
    const jobs: { k: number; c: number; j: number; args: Parameters<typeof fig3Draws> }[] = [];
    const order = q.ps.map((p, k) => ({ p, k })).sort((a, b) => b.p - a.p);
    for (const { p, k } of order) {
      const setup: Fig3DrawSetup = {
        seed: q.seed, pIndex: k, p, n: q.n, nHat: q.nHat, mu: q.mu, gamma: q.gamma,
        testSize: q.testMode === 'samples' ? q.testSamples : 0,
      };
      panelDefs.forEach((pd, c) => {
        for (let j = 0; j < J; j++) {
          const first = K + ((k * C + c) * J + j) * D;
          const indices = Array.from({ length: D }, (_, i) => first + i);
          jobs.push({ k, c, j, args: [setup, { m: m[j], epsilon: series[k].epsilon[j], rho: pd.rho, phi: pd.phi }, indices] });
        }
      });
    }
    const total = jobs.length * D;
    ctx.onProgress?.(0, total, 'fig3 draws');
    const results = await executor(fig3DrawsTask, jobs.map((jb) => jb.args), (done) =>
      ctx.onProgress?.(done * D, total, 'fig3 draws'),
    );
    for (const s of series) for (const pnl of s.panels) {
      pnl.simMean = new Array<number>(J);
      pnl.simSd = new Array<number>(J);
      pnl.simSe = new Array<number>(J);
    }
    jobs.forEach((jb, i) => {
      const sm = summarize(results[i].map(pick));
      const pnl = series[jb.k].panels[jb.c];
      pnl.simMean[jb.j] = sm.mean;
      pnl.simSd[jb.j] = sm.sd;
      pnl.simSe[jb.j] = sm.se;
    });
  }

  return {
    share,
    m,
    realShare: m.map((mm) => mm / (q.n + mm)),
    accuracy: q.accuracy,
    testMode: q.testMode,
    pruning: q.pruning,
    draws: D,
    series,
    agreement: agreementOf(series, share, m, D),
  };
}

const PANEL_TITLES: Record<string, string> = { oracle: 'Oracle supervision', weak: 'Weak supervision' };

/** Theory lines and simulation points (± 1 sd of the draws), one panel per supervision, one colour per p. */
export function fig3Spec(data: Fig3Data, _params?: Fig3Params): TopLevelSpec {
  const labels = data.series.map((s) => String(s.p));
  let lo = Infinity, hi = -Infinity;
  const panelNames = data.series[0]?.panels.map((p) => p.name) ?? [];
  const width = panelWidth('double', 2, 120);
  const frames = panelNames.map((name, c) => {
    const pd = data.series[0].panels[c];
    return {
      width,
      height: 150,
      title: `${PANEL_TITLES[name] ?? name} (ρ, φ) = (${pd.rho}, ${pd.phi})`,
      x: { field: 'share', title: 'Proportion of synthetic data m/(n+m)', domain: [0, 1] as [number, number], format: '.1f' },
      y: { field: 'accuracy', title: data.accuracy === 'signed' ? 'Test accuracy (signed)' : 'Test accuracy', format: '.3f' },
      series: { field: 'p', title: 'p', domain: labels },
    } satisfies PanelFrame;
  });
  const theory: PlotRow[][] = panelNames.map(() => []);
  const sim: PlotRow[][] = panelNames.map(() => []);
  data.series.forEach((s, k) => {
    s.panels.forEach((pnl, c) => {
      data.share.forEach((share, j) => {
        const x = data.realShare[j];
        theory[c].push({ share: x, accuracy: pnl.theory[j], p: labels[k], m: data.m[j], epsilon: s.epsilon[j] });
        lo = Math.min(lo, pnl.theory[j]);
        hi = Math.max(hi, pnl.theory[j]);
        if (pnl.simMean.length) {
          const mean = pnl.simMean[j], sd = pnl.simSd[j];
          sim[c].push({ share: x, sim: mean, low: mean - sd, high: mean + sd, sd, theory: pnl.theory[j], p: labels[k], m: data.m[j], epsilon: s.epsilon[j] });
          lo = Math.min(lo, mean - sd);
          hi = Math.max(hi, mean + sd);
        }
      });
    });
  });
  // one y range for both panels (the paper shares the y axis), padded by 2% of the span
  const pad = 0.02 * Math.max(hi - lo, 1e-3);
  const domain: [number, number] = [lo - pad, hi + pad];
  const panels = frames.map((f, c) => {
    const frame: PanelFrame = { ...f, y: { ...f.y, domain, labels: c === 0 } };
    return theorySimulationPanel(frame, theory[c], sim[c], {
      low: 'low',
      high: 'high',
      simulationField: 'sim',
      dash: c === 0 ? undefined : [6, 2, 1, 2],
      tooltip: ['m', 'epsilon', 'sim', 'sd', 'theory'],
    });
  });
  return figureSpec(panelRow(panels, { sharedY: true }), 'double', {
    description: `Figure 3: test accuracy vs proportion of synthetic data; lines: toy-setting theory (${data.pruning} pruning formulas); diamonds: simulation mean over ${data.draws} draws with ±1 sd bars`,
  });
}

export const fig3: FigureDef<Fig3Params, Fig3Data> = {
  name: 'fig3',
  fileStem: 'fig3-accuracy',
  title: 'Test accuracy vs proportion of synthetic data: theory and simulation',
  size: 'double',
  defaults: {
    n: 1000, nHat: 1000, mu: 0.7, gamma: 1, draws: 10, ps: [50, 200, 500], sMin: 0.001, sMax: 0.95, points: 50,
    oracle: [0, 1], weak: [1, 0.5], seed: 1, accuracy: 'symmetric', testMode: 'exact', testSamples: 2000, pruning: 'paper',
  },
  params: {
    n: { kind: 'integer', min: 1, max: 100000, help: 'real samples n' },
    nHat: { kind: 'integer', min: 1, max: 100000, help: 'samples n̂ behind the synthetic covariance' },
    mu: { kind: 'number', min: 0, max: 100, help: 'class-mean norm ‖μ‖' },
    gamma: { kind: 'number', min: 0, max: 1000000, help: 'ridge γ (> 0)' },
    draws: { kind: 'integer', min: 0, max: 10000, help: 'simulation draws per point (0: theory only)' },
    ps: { kind: 'integers', min: 1, max: 5000, maxLength: 10, help: 'dimensions p (one column each)' },
    sMin: { kind: 'number', min: 0, max: 1, help: 'smallest synthetic share m/(n+m) (< 1)' },
    sMax: { kind: 'number', min: 0, max: 1, help: 'largest synthetic share m/(n+m) (< 1)' },
    points: { kind: 'integer', min: 1, max: 1000, help: 'points along the synthetic share' },
    oracle: { kind: 'numbers', min: 0, max: 1, maxLength: 2, help: 'pair (ρ, φ) of the oracle pruning' },
    weak: { kind: 'numbers', min: 0, max: 1, maxLength: 2, help: 'pair (ρ, φ) of the weak pruning' },
    seed: { kind: 'integer', min: 0, help: 'random seed' },
    accuracy: { kind: 'string', values: ['symmetric', 'signed'], help: 'accuracy plotted' },
    testMode: { kind: 'string', values: ['exact', 'samples'], help: 'test accuracy: exact Φ, or fresh test samples' },
    testSamples: { kind: 'integer', min: 1, max: 1000000, help: 'test samples per draw (test-mode samples)' },
    pruning: { kind: 'string', values: ['paper', 'exact'], help: "theory's pruning formulas" },
  },

  compute: (params, ctx) => computeFig3(params, ctx),
  spec: (data, params) => fig3Spec(data, params),
};

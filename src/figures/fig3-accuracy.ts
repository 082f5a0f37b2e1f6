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
 *
 * Files: ./fig3-params.ts (parameters and their check), ./fig3-protocol.ts (real data, Ĉ, the draw
 * job), ./fig3-data.ts (the data and the theory–simulation agreement statistics), ./fig3-spec.ts
 * (the Vega-Lite spec); this module computes the data and declares the FigureDef.
 */
import { serialExecutor, type Executor } from '../sim/executor';
import { generalTheoryPrepared, prepareCovariance, toyTheory, PRUNING_MODES } from '../rmt/index';
import { summarize } from '../sim/index';
import { linspace } from './grids';
import { agreementOf, type Fig3Data, type Fig3Panel, type Fig3Series } from './fig3-data';
import { ACCURACY_KINDS, syntheticCount, TEST_MODES, validateFig3Params, type Fig3Params } from './fig3-params';
import { centredCovariance, fig3DrawsTask, fig3RealData, type Fig3DrawSetup, fig3Draws } from './fig3-protocol';
import { fig3Spec } from './fig3-spec';
import type { ComputeContext, FigureDef } from './figure-def';
import { modelParams } from './param-schema';

export * from './fig3-params';
export * from './fig3-data';
export * from './fig3-protocol';
export * from './fig3-spec';

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
    ...modelParams('mu', 'gamma'),
    draws: { kind: 'integer', min: 0, max: 10000, help: 'simulation draws per point (0: theory only)' },
    ps: { kind: 'integers', min: 1, max: 5000, maxLength: 10, help: 'dimensions p (one column each)' },
    sMin: { kind: 'number', min: 0, max: 1, help: 'smallest synthetic share m/(n+m) (< 1)' },
    sMax: { kind: 'number', min: 0, max: 1, help: 'largest synthetic share m/(n+m) (< 1)' },
    points: { kind: 'integer', min: 1, max: 1000, help: 'points along the synthetic share' },
    oracle: { kind: 'numbers', min: 0, max: 1, maxLength: 2, help: 'pair (ρ, φ) of the oracle pruning' },
    weak: { kind: 'numbers', min: 0, max: 1, maxLength: 2, help: 'pair (ρ, φ) of the weak pruning' },
    seed: { kind: 'integer', min: 0, help: 'random seed' },
    accuracy: { kind: 'string', values: ACCURACY_KINDS, help: 'accuracy plotted' },
    testMode: { kind: 'string', values: TEST_MODES, help: 'test accuracy: exact Φ, or fresh test samples' },
    testSamples: { kind: 'integer', min: 1, max: 1000000, help: 'test samples per draw (test-mode samples)' },
    pruning: { kind: 'string', values: PRUNING_MODES, help: "theory's pruning formulas" },
  },

  compute: (params, ctx) => computeFig3(params, ctx),
  spec: (data, params) => fig3Spec(data, params),
};

/**
 * Gan & Liu's KL gap (§4.4, Figure 4; Appendix B):
 *
 *   KL gap = KL(P_anchor-fit ‖ P_truth) − KL(P_synthetic-fit ‖ P_truth),
 *
 * where the anchor fit is a K-component GMM fitted by EM to the anchor data and the synthetic fit a
 * (K+J+L)-component GMM fitted to 200 samples of the generator M. A larger gap means the synthetic
 * data brought the learner closer to the target (a larger GGMI in the paper's reading).
 *
 * What is drawn when (our reading of Appendix B, confirmed by the reference code): one
 * *repetition* draws the ground truth, the anchor data, the generator M and the synthetic data, and
 * fits both GMMs ONCE; its *rounds* only redraw the evaluation samples — 1,000 points of the truth,
 * 1,000 of the anchor fit and 1,000 of the synthetic fit (the truth's points serve both KLs of the
 * round) — and the repetition's gap is the mean over its rounds. The figure reports, per point,
 * the mean and the (population, ddof = 0, as numpy.std) standard deviation over repetitions.
 *
 * Estimators (see ./kl.ts): 'paper' (histograms on each sample's own range, the reference),
 * 'shared' (histograms on the union range of the pair) — both per round and averaged over rounds —
 * and 'mc', the Monte Carlo estimate from the fitted and true densities with `mcSamples` draws per
 * KL per repetition (its standard error is reported). Each estimator draws from its own
 * sub-stream, so enabling one does not change another's numbers.
 */
import { Rng } from '../random/rng';
import { taskHandle } from '../sim/executor';
import { paramInteger } from '../stats/validators';
import { fitGmm, type EmOptions, type GmmFit } from './em';
import { gmmAnchorData, gmmGenerator, gmmGroundTruth, gmmSyntheticData, type AnchorData } from './generation';
import { histogram2, histogramPairKl, klMonteCarlo, range2, type Histogram2 } from './kl';
import { prepareMixture, sampleGmm, type GaussianMixture, type PreparedMixture } from './mixture';

export type KlEstimatorName = 'paper' | 'shared' | 'mc';
export const KL_ESTIMATORS: readonly KlEstimatorName[] = ['paper', 'shared', 'mc'];

export interface KlGapParams {
  /** Anchor-sampled components of the truth. */
  K: number;
  /** Unsampled true components (in the truth and in M). */
  J: number;
  /** Task-irrelevant components of M. */
  L: number;
  /** Dimension (the histogram estimators need d = 2). */
  d: number;
  /** Anchor samples per anchor component, N_k (paper 50). */
  perComponent: number;
  /** Synthetic samples drawn from M (paper 200). */
  nSynthetic: number;
  /** Rounds per repetition (paper 100). */
  rounds: number;
  /** Evaluation samples per side per round (paper 1,000). */
  klSamples: number;
  /** Histogram bins per axis (paper 50). */
  bins: number;
  /** Histogram density clip (paper 1e-10). */
  clip: number;
  /** Monte Carlo draws per KL per repetition. */
  mcSamples: number;
  estimators: KlEstimatorName[];
  /** EM settings (defaults: reg 1e-6, tol 1e-3, maxIter 100). */
  em?: EmOptions;
}

export const KL_GAP_DEFAULTS: Omit<KlGapParams, 'K' | 'J' | 'L'> = {
  d: 2,
  perComponent: 50,
  nSynthetic: 200,
  rounds: 100,
  klSamples: 1000,
  bins: 50,
  clip: 1e-10,
  mcSamples: 10000,
  estimators: ['paper', 'mc'],
};

export interface GapEstimate {
  /** KL(anchor fit ‖ truth) − KL(synthetic fit ‖ truth). */
  gap: number;
  anchor: number;
  synthetic: number;
  /** Monte Carlo standard error of the gap ('mc' only). */
  se?: number;
}

export interface KlGapRepetition {
  paper?: GapEstimate;
  shared?: GapEstimate;
  mc?: GapEstimate;
  /** EM iterations of the anchor and the synthetic fit. */
  emIterations: [number, number];
  /** Components re-seeded by EM (anchor + synthetic fits). */
  reseeds: number;
}

/** Validates KL-gap parameters (RangeError naming the bad one). */
export function validateKlGapParams(p: KlGapParams): void {
  paramInteger('K', p.K, 1, 1000);
  paramInteger('J', p.J, 0, 1000);
  paramInteger('L', p.L, 0, 1000);
  paramInteger('d', p.d, 1, 64);
  paramInteger('perComponent (N_k)', p.perComponent, 2, 1e6);
  paramInteger('nSynthetic', p.nSynthetic, 1, 1e7);
  if (p.nSynthetic < p.K + p.J + p.L) {
    throw new RangeError(`nSynthetic = ${p.nSynthetic} is smaller than the K + J + L = ${p.K + p.J + p.L} components to fit`);
  }
  paramInteger('rounds', p.rounds, 1, 1e6);
  paramInteger('klSamples', p.klSamples, 2, 1e7);
  paramInteger('bins', p.bins, 1, 4096);
  if (!(p.clip > 0) || !Number.isFinite(p.clip)) throw new RangeError(`clip must be finite and > 0, got ${p.clip}`);
  paramInteger('mcSamples', p.mcSamples, 2, 1e8);
  if (!Array.isArray(p.estimators) || p.estimators.length === 0) throw new RangeError('estimators must list at least one of paper, shared, mc');
  for (const e of p.estimators) {
    if (!KL_ESTIMATORS.includes(e)) throw new RangeError(`unknown KL estimator "${String(e)}"; allowed: ${KL_ESTIMATORS.join(', ')}`);
  }
  if (p.d !== 2 && p.estimators.some((e) => e !== 'mc')) {
    throw new RangeError(`the histogram estimators (paper, shared) are 2-D; d = ${p.d} allows only mc`);
  }
}

export interface GmmScenario {
  /** Ground truth: K anchor-sampled + J unsampled components. */
  truth: GaussianMixture;
  anchor: AnchorData;
  /** Generator M: K anchor-estimated + J true + L task-irrelevant components. */
  generator: GaussianMixture;
  /** nSynthetic samples of M. */
  synthetic: Float64Array;
  /** K-component EM fit to the anchor data. */
  anchorFit: GmmFit;
  /** (K+J+L)-component EM fit to the synthetic data. */
  syntheticFit: GmmFit;
}

/**
 * One draw of the whole scenario (the part of a repetition before its rounds): truth, anchor
 * data, generator M, synthetic data and both EM fits, all from `rng` in that order.
 */
export function drawGmmScenario(
  p: Pick<KlGapParams, 'K' | 'J' | 'L' | 'd' | 'perComponent' | 'nSynthetic' | 'em'>,
  rng: Rng,
): GmmScenario {
  const { K, J, L, d } = p;
  const truth = gmmGroundTruth(K, J, d, rng);
  const anchor = gmmAnchorData(truth, K, p.perComponent, rng);
  const generator = gmmGenerator(truth, anchor, K, J, L, rng);
  if (!Number.isInteger(p.nSynthetic) || p.nSynthetic < K + J + L) {
    throw new RangeError(`nSynthetic must be an integer ≥ K + J + L = ${K + J + L}, got ${p.nSynthetic}`);
  }
  const synthetic = gmmSyntheticData(generator, p.nSynthetic, rng);
  const anchorFit = fitGmm(anchor.points, d, K, rng, p.em);
  const syntheticFit = fitGmm(synthetic, d, K + J + L, rng, p.em);
  return { truth, anchor, generator, synthetic, anchorFit, syntheticFit };
}

/** Scratch reused across repetitions of one thread (no allocation per round). */
const scratch = {
  t: new Float64Array(0),
  a: new Float64Array(0),
  s: new Float64Array(0),
  mc: { points: new Float64Array(0), lp: new Float64Array(0), lq: new Float64Array(0) },
  h: [0, 1, 2, 3, 4].map((): Histogram2 => ({ bins: 0, counts: new Int32Array(0), n: 0, maxCount: 0, x0: 0, y0: 0, hx: 0, hy: 0 })),
};
function ensure(n: number, mcN: number, d: number): void {
  if (scratch.t.length < n * d) {
    scratch.t = new Float64Array(n * d);
    scratch.a = new Float64Array(n * d);
    scratch.s = new Float64Array(n * d);
  }
  if (scratch.mc.lp.length < mcN || scratch.mc.points.length < mcN * d) {
    scratch.mc = { points: new Float64Array(mcN * d), lp: new Float64Array(mcN), lq: new Float64Array(mcN) };
  }
}

/**
 * One repetition with three generators: `setup` (truth, data, M, EM initialisations), `rounds`
 * (the histogram estimators' evaluation samples) and `mc` (the Monte Carlo draws).
 */
export function klGapRepetition(p: KlGapParams, setup: Rng, rounds: Rng, mc: Rng): KlGapRepetition {
  validateKlGapParams(p);
  const { truth, anchorFit, syntheticFit: synthFit } = drawGmmScenario(p, setup);
  const pt = prepareMixture(truth);
  const pa = prepareMixture(anchorFit.mixture);
  const ps = prepareMixture(synthFit.mixture);
  const out: KlGapRepetition = {
    emIterations: [anchorFit.iterations, synthFit.iterations],
    reseeds: anchorFit.reseeds + synthFit.reseeds,
  };
  const wantPaper = p.estimators.includes('paper');
  const wantShared = p.estimators.includes('shared');
  ensure(p.klSamples, p.estimators.includes('mc') ? p.mcSamples : 0, p.d);
  if (wantPaper || wantShared) {
    const r = histogramRounds(p, pt, pa, ps, rounds, wantPaper, wantShared);
    if (r.paper) out.paper = r.paper;
    if (r.shared) out.shared = r.shared;
  }
  if (p.estimators.includes('mc')) {
    const ka = klMonteCarlo(pa, pt, p.mcSamples, mc, scratch.mc);
    const ks = klMonteCarlo(ps, pt, p.mcSamples, mc, scratch.mc);
    out.mc = { gap: ka.kl - ks.kl, anchor: ka.kl, synthetic: ks.kl, se: Math.hypot(ka.se, ks.se) };
  }
  return out;
}

function histogramRounds(
  p: KlGapParams,
  truth: PreparedMixture,
  anchorFit: PreparedMixture,
  synthFit: PreparedMixture,
  rng: Rng,
  wantPaper: boolean,
  wantShared: boolean,
): { paper?: GapEstimate; shared?: GapEstimate } {
  const n = p.klSamples, B = p.bins, clip = p.clip;
  const T = scratch.t.subarray(0, 2 * n), A = scratch.a.subarray(0, 2 * n), S = scratch.s.subarray(0, 2 * n);
  const [hT, hA, hS, h1, h2] = scratch.h;
  let pa = 0, ps = 0, sa = 0, ss = 0;
  for (let r = 0; r < p.rounds; r++) {
    sampleGmm(truth, n, rng, T);
    sampleGmm(anchorFit, n, rng, A);
    sampleGmm(synthFit, n, rng, S);
    const rt = range2(T), ra = range2(A), rs = range2(S);
    if (wantPaper) {
      histogram2(T, B, rt[0], rt[1], rt[2], rt[3], hT);
      histogram2(A, B, ra[0], ra[1], ra[2], ra[3], hA);
      histogram2(S, B, rs[0], rs[1], rs[2], rs[3], hS);
      pa += histogramPairKl(hA, hT, clip);
      ps += histogramPairKl(hS, hT, clip);
    }
    if (wantShared) {
      let u = union(ra, rt);
      histogram2(A, B, u[0], u[1], u[2], u[3], h1);
      histogram2(T, B, u[0], u[1], u[2], u[3], h2);
      sa += histogramPairKl(h1, h2, clip);
      u = union(rs, rt);
      histogram2(S, B, u[0], u[1], u[2], u[3], h1);
      histogram2(T, B, u[0], u[1], u[2], u[3], h2);
      ss += histogramPairKl(h1, h2, clip);
    }
  }
  const R = p.rounds;
  const res: { paper?: GapEstimate; shared?: GapEstimate } = {};
  if (wantPaper) res.paper = { gap: (pa - ps) / R, anchor: pa / R, synthetic: ps / R };
  if (wantShared) res.shared = { gap: (sa - ss) / R, anchor: sa / R, synthetic: ss / R };
  return res;
}

function union(a: number[], b: number[]): [number, number, number, number] {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * Worker job: `count` repetitions of one configuration. Repetition r uses the generator streams
 * 3(first + r), +1, +2 of `new Rng(seed)` (setup, rounds, mc), so results do not depend on how
 * repetitions are split into jobs or threads.
 */
export function klGapRepetitions(p: KlGapParams, seed: number, first: number, count: number): KlGapRepetition[] {
  validateKlGapParams(p);
  paramInteger('first repetition index', first, 0);
  paramInteger('repetition count', count, 0);
  const out: KlGapRepetition[] = [];
  let cursor = new Rng(seed).substream(3 * first); // pristine start of stream 3·first
  for (let r = 0; r < count; r++) {
    const setup = cursor;
    const rounds = setup.substream(0); // stream +1 (computed before setup is drawn from)
    const mc = rounds.substream(0); // stream +2
    const next = mc.substream(0); // next repetition's stream
    out.push(klGapRepetition(p, setup, rounds, mc));
    cursor = next;
  }
  return out;
}

/** Task handle of `klGapRepetitions` (see ../sim/executor.ts). */
export const klGapRepetitionsTask = taskHandle('gmm/kl-gap', 'klGapRepetitions', klGapRepetitions);

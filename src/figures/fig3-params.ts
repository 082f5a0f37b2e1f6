/**
 * Figure 3's parameters (see ./fig3-accuracy.ts for the protocol): their types, their check
 * (RangeError naming the bad one) and the synthetic count m of a share s.
 */
import { PRUNING_MODES, type PruningMode } from '../rmt/index';
import { checkParamNames, paramChoice, paramInteger, paramList, paramNumber } from '../stats/validators';

export type AccuracyKind = 'symmetric' | 'signed';
export type TestMode = 'exact' | 'samples';

/** The allowed values of `accuracy` (the check and the figure's schema). */
export const ACCURACY_KINDS: readonly AccuracyKind[] = ['symmetric', 'signed'];
/** The allowed values of `testMode` (the check and the figure's schema). */
export const TEST_MODES: readonly TestMode[] = ['exact', 'samples'];

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
    accuracy: paramChoice('accuracy', params.accuracy, ACCURACY_KINDS),
    testMode: paramChoice('testMode', params.testMode, TEST_MODES),
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

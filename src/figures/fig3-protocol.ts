/**
 * Figure 3's simulation protocol (see ./fig3-accuracy.ts): the real data of each p, the centred
 * covariance estimate Ĉ, and the worker job drawing the simulation's accuracies at one point.
 */
import { Rng } from '../random/rng';
import { taskHandle } from '../sim/executor';
import { drawStreams, fastDraw, prepareReal, randomMean, sampleMixture, type PreparedReal } from '../sim/index';

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
export const fig3DrawsTask = taskHandle('figures/fig3-protocol', 'fig3Draws', fig3Draws);

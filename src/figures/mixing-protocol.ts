/**
 * The simulation protocol behind the theory's simulation dots in Figure 4 and the mixing-weight
 * figures (./fig4-phase-transition.ts, ./weight-accuracy.ts): draws of the fast exact-in-law
 * simulator (../sim/fast.ts) at one point of the toy or synthetic-only setting, with the mixing
 * weight β, a fresh real data set per draw (sampleRealPrepared) and the 0/1 pruning mask, so the
 * draws follow the theory in its **exact** pruning mode (theory.md, weighted classifier section).
 *
 *  - synthetic-only (Corollary 4.3): `n = 0`, `nHat = 0` → C = I, no real data;
 *  - toy setting: `n` real samples, the synthetic covariance a fresh estimate C = ZZᵀ/n̂ per draw.
 *
 * Both settings are rotation-invariant, so μ = ‖μ‖·e₁. Draw k of a point uses sub-stream k of
 * `new Rng(seed)` (../sim/batch.ts `drawStreams`): the result does not depend on the executor.
 */
import { serialExecutor, taskHandle } from '../sim/executor';
import { drawStreams, emptyReal, fastDraw, sampleRealPrepared, summarize, type DrawParams, type Summary } from '../sim/index';
import type { ComputeContext } from './figure-def';
import { paramInteger, paramNumber } from '../stats/validators';
import { modelParams, type ParamSchema } from './param-schema';

/** The toy setting's fixed parameters, common to the mixing-weight figures (./weight-*.ts). */
export interface MixingSetting {
  /** real samples n */
  n: number;
  /** samples n̂ behind the synthetic covariance estimate */
  nHat: number;
  p: number;
  /** ‖μ‖ */
  mu: number;
  /** ridge penalty γ */
  gamma: number;
  /** pruning: share ρ of wrong labels kept */
  rho: number;
  /** pruning: share φ of right labels kept */
  phi: number;
}

/**
 * Validated copy of the setting's parameters (RangeError naming the bad one). ρ = φ = 0 is refused:
 * the pruning would keep no synthetic sample (α = φ(1−ε) + ρε = 0).
 */
export function validateMixingSetting(params: MixingSetting): MixingSetting {
  const q: MixingSetting = {
    n: paramInteger('n', params.n, 1),
    nHat: paramInteger('nHat', params.nHat, 1),
    p: paramInteger('p', params.p, 1),
    mu: paramNumber('mu', params.mu, { min: 0 }),
    gamma: paramNumber('gamma', params.gamma, { min: 0, minOpen: true }),
    rho: paramNumber('rho', params.rho, { min: 0, max: 1 }),
    phi: paramNumber('phi', params.phi, { min: 0, max: 1 }),
  };
  if (q.rho === 0 && q.phi === 0) throw new RangeError('rho and phi must not both be 0 (every synthetic sample would be pruned)');
  return q;
}

/** The schema entries of the setting (`pMax`: the largest p the figure can afford). */
export function mixingSettingSchema(pMax: number): ParamSchema<MixingSetting> {
  return {
    n: { kind: 'integer', min: 1, max: 100000, help: 'real samples n' },
    nHat: { kind: 'integer', min: 1, max: 1000000, help: 'samples n-hat behind the covariance estimate' },
    p: { kind: 'integer', min: 1, max: pMax, help: 'dimension p' },
    ...modelParams('mu', 'gamma', 'rho', 'phi'),
  };
}

/** One simulated point (structured-cloneable). */
export interface MixingDrawSetup {
  p: number;
  /** real samples (0: synthetic only) */
  n: number;
  /** samples behind the synthetic covariance estimate (0: C = I) */
  nHat: number;
  /** ‖μ‖ */
  mu: number;
  m: number;
  epsilon: number;
  rho: number;
  phi: number;
  gamma: number;
  /** mixing weight β of the kept synthetic samples */
  weight: number;
  seed: number;
}

/** μ = ‖μ‖ e₁ (the settings are rotation-invariant). */
function meanVector(p: number, norm: number): Float64Array {
  const mu = new Float64Array(p);
  mu[0] = norm;
  return mu;
}

/**
 * The worker job (`mixingDrawsTask`): the signed accuracies Φ(wᵀμ/‖w‖) of draws `indices` at one
 * point. Pure in its arguments.
 */
export function mixingDraws(setup: MixingDrawSetup, indices: number[]): number[] {
  const mu = meanVector(setup.p, setup.mu);
  const params: DrawParams = {
    mu,
    m: setup.m,
    epsilon: setup.epsilon,
    rho: setup.rho,
    phi: setup.phi,
    gamma: setup.gamma,
    weight: setup.weight,
    covariance: setup.nHat > 0 ? { kind: 'fresh-wishart', nHat: setup.nHat } : { kind: 'identity' },
  };
  return drawStreams(setup.seed, indices).map((rng) => {
    const real = setup.n > 0 ? sampleRealPrepared(mu, setup.n, rng) : emptyReal(setup.p);
    return fastDraw(real, params, rng).accuracy;
  });
}

/** Task handle of `mixingDraws` (see ../sim/executor.ts). */
export const mixingDrawsTask = taskHandle('figures/mixing-protocol', 'mixingDraws', mixingDraws);

/** m = round(s·n/(1−s)): the synthetic samples that make a share s of n + m. */
export function syntheticCountOfShare(share: number, n: number): number {
  return Math.round((share * n) / (1 - share));
}

/** The jobs of a simulation: job j draws indices j·D … j·D + D − 1 (disjoint sub-streams of its seed). */
export function mixingDrawJobs(setups: MixingDrawSetup[], draws: number): [MixingDrawSetup, number[]][] {
  return setups.map((setup, j) => [setup, Array.from({ length: draws }, (_, i) => j * draws + i)]);
}

/**
 * Runs the simulation of each setup (`draws` draws, `mixingDrawJobs`) on `ctx.executor` (serial by
 * default), reporting progress in draws under `label`; returns each setup's mean and sd.
 */
export async function runMixingDraws(setups: MixingDrawSetup[], draws: number, ctx: ComputeContext, label: string): Promise<Summary[]> {
  if (setups.length === 0) return [];
  const executor = ctx.executor ?? serialExecutor;
  const total = setups.length * draws;
  ctx.onProgress?.(0, total, label);
  const results = await executor(mixingDrawsTask, mixingDrawJobs(setups, draws), (done) => ctx.onProgress?.(done * draws, total, label));
  return results.map(summarize);
}

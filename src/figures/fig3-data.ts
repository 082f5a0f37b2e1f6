/**
 * Figure 3's data (see ./fig3-accuracy.ts): per p and panel the theory and simulation series, and
 * the agreement statistics between them (z-scores of the simulation mean against the theory,
 * standard error sd/√draws).
 */
import type { PruningMode } from '../rmt/index';
import type { AccuracyKind, TestMode } from './fig3-params';

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

/** Agreement of theory and simulation over every point of every series (null without spread). */
export function agreementOf(series: Fig3Series[], share: number[], m: number[], draws: number): Fig3Agreement {
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

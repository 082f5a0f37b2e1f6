/**
 * The real data model of El Firdoussi et al.: a two-class Gaussian mixture x = y·μ + z, y = ±1,
 * z ~ N(0, I_p); the same law gives the Gaussian test sets.
 *
 * Labels: `balanced` (the default) alternates +1, −1, +1, … (⌈n/2⌉ of class +1); `random` draws each
 * label ±1 with probability 1/2. The ridge classifier's law does not depend on the choice: it sees the
 * data only through y_i x_i = μ + y_i z_i and y_i² = 1, and y_i z_i ~ N(0, I_p) whatever y_i is.
 * Data matrices are p×n column-major (sample j at [j·p, (j+1)·p)).
 */
import type { Rng } from '../random/rng';
import { checkDim } from '../linalg/checks';

export type LabelScheme = 'balanced' | 'random';

/** A labelled data set: X p×n column-major, y ∈ {±1}ⁿ. */
export interface LabelledData {
  p: number;
  n: number;
  x: Float64Array;
  y: Float64Array;
}

/** μ = ‖μ‖·u with u uniform on the unit sphere of R^p (a random direction scaled to `norm`). */
export function randomMean(p: number, norm: number, rng: Rng): Float64Array {
  checkDim('p', p, 1);
  if (!(Number.isFinite(norm) && norm >= 0)) throw new RangeError(`norm must be a finite number >= 0, got ${norm}`);
  const u = rng.normals(p);
  let s = 0;
  for (let i = 0; i < p; i++) s += u[i] * u[i];
  const f = norm / Math.sqrt(s);
  for (let i = 0; i < p; i++) u[i] *= f;
  return u;
}

/** n labels ±1 by the given scheme. */
export function makeLabels(n: number, scheme: LabelScheme, rng: Rng): Float64Array {
  checkDim('n', n);
  const y = new Float64Array(n);
  if (scheme === 'balanced') for (let i = 0; i < n; i++) y[i] = i % 2 === 0 ? 1 : -1;
  else if (scheme === 'random') for (let i = 0; i < n; i++) y[i] = rng.uniform() < 0.5 ? 1 : -1;
  else throw new RangeError(`labels must be 'balanced' or 'random', got ${JSON.stringify(scheme)}`);
  return y;
}

/** n samples x_i = y_i μ + z_i, z_i ~ N(0, I_p) (p = μ.length). */
export function sampleMixture(
  mu: ArrayLike<number>,
  n: number,
  rng: Rng,
  labels: LabelScheme | Float64Array = 'balanced',
): LabelledData {
  const p = mu.length;
  checkDim('p (length of mu)', p, 1);
  checkDim('n', n);
  const y = typeof labels === 'string' ? makeLabels(n, labels, rng) : labels;
  if (y.length !== n) throw new RangeError(`labels must have length n = ${n}, got ${y.length}`);
  const x = new Float64Array(p * n);
  for (let j = 0; j < n; j++) {
    const o = j * p;
    const yj = y[j];
    for (let i = 0; i < p; i++) x[o + i] = yj * mu[i] + rng.normal();
  }
  return { p, n, x, y };
}

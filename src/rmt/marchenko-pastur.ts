/**
 * The Marchenko–Pastur law (El Firdoussi et al., Figure 1): the limiting eigenvalue distribution
 * of Ĉ = XXᵀ/n̂ for X ∈ R^{p×n̂} with i.i.d. N(0, 1) entries and ratio η̂ = p/n̂:
 *   f(x) = sqrt((b − x)(x − a)) / (2π η̂ x) on [a, b],  a = (1 − √η̂)²,  b = (1 + √η̂)²,
 * plus an atom of mass 1 − 1/η̂ at 0 when η̂ > 1 (the p − n̂ zero eigenvalues).
 */
import { checkPositive } from '../stats/validators';

/** The support edges a = (1 − √η̂)², b = (1 + √η̂)². */
export function mpEdges(etaHat: number): { a: number; b: number } {
  const e = checkPositive('etaHat', etaHat);
  const s = Math.sqrt(e);
  return { a: (1 - s) * (1 - s), b: (1 + s) * (1 + s) };
}

/** The mass of the atom at 0: max(0, 1 − 1/η̂). */
export function mpAtom(etaHat: number): number {
  const e = checkPositive('etaHat', etaHat);
  return e > 1 ? 1 - 1 / e : 0;
}

/**
 * The continuous part of the density, f(x) = sqrt((b−x)(x−a))/(2π η̂ x) for a < x < b, else 0
 * (the atom at 0 for η̂ > 1 is not a density: see `mpAtom`). Integrates to min(1, 1/η̂).
 */
export function mpDensity(x: number, etaHat: number): number {
  const { a, b } = mpEdges(etaHat);
  if (Number.isNaN(x)) throw new RangeError(`x must be a number, got NaN`);
  if (!(x > a && x < b) || x <= 0) return 0;
  return Math.sqrt((b - x) * (x - a)) / (2 * Math.PI * etaHat * x);
}

/** Simpson intervals for the CDF's integral (even); error ~ (θ/400)⁴ · max|g''''| ≈ 1e-10. */
const SIMPSON_INTERVALS = 400;

/**
 * The distribution function F(x) = P(λ ≤ x), atom included, by numerical integration of f.
 * With x = (a+b)/2 − ((b−a)/2) cos θ the integrand becomes r² sin²θ / (2π η̂ x(θ)), r = (b−a)/2,
 * smooth on [0, π] even at η̂ = 1 (where a = 0 and f ~ x^{−1/2}); composite Simpson in θ.
 */
export function mpCdf(x: number, etaHat: number): number {
  const { a, b } = mpEdges(etaHat);
  if (Number.isNaN(x)) throw new RangeError(`x must be a number, got NaN`);
  const atom = mpAtom(etaHat);
  if (x < 0) return 0;
  if (x <= a) return atom;
  if (x >= b) return 1;
  const mid = 0.5 * (a + b), r = 0.5 * (b - a);
  const theta = Math.acos(Math.min(1, Math.max(-1, (mid - x) / r)));
  const g = (t: number): number => {
    const s = Math.sin(t);
    const xt = mid - r * Math.cos(t);
    // xt = 0 only at θ = 0 when a = 0 (η̂ = 1): there x ≈ rθ²/2, so the limit is r/(π η̂).
    return xt > 0 ? (r * r * s * s) / (2 * Math.PI * etaHat * xt) : r / (Math.PI * etaHat);
  };
  const k = SIMPSON_INTERVALS;
  const h = theta / k;
  let s = g(0) + g(theta);
  for (let i = 1; i < k; i++) s += (i % 2 === 1 ? 4 : 2) * g(i * h);
  return Math.min(1, atom + (s * h) / 3);
}

/**
 * The Kolmogorov distance sup_x |F_p(x) − F_MP(x)| between the empirical distribution F_p of p
 * eigenvalues (sorted ascending) and the Marchenko–Pastur law F_MP = `mpCdf` at ratio η̂. The sup
 * is attained at a jump of F_p, so each distinct eigenvalue x compares F_MP(x) with F_p(x) and
 * F_MP(x−) with F_p(x−); ties (e.g. the p − n̂ zeros when n̂ < p) are one jump, and at x = 0
 * F_MP(0−) = 0 excludes the atom 1 − 1/η̂ (`mpAtom`).
 */
export function mpKolmogorov(sortedEigenvalues: ArrayLike<number>, etaHat: number): number {
  const ev = sortedEigenvalues;
  const p = ev.length;
  const atom = mpAtom(etaHat);
  let ks = 0;
  for (let i = 0; i < p; ) {
    let j = i;
    while (j + 1 < p && ev[j + 1] === ev[i]) j++;
    const f = mpCdf(ev[i], etaHat);
    const fLeft = ev[i] === 0 ? f - atom : f; // F(x−): the atom sits at 0
    ks = Math.max(ks, Math.abs((j + 1) / p - f), Math.abs(i / p - fLeft));
    i = j + 1;
  }
  return ks;
}

/**
 * The s-σ ellipse of a 2-D Gaussian N(μ, Σ): {μ + s·L u : ‖u‖ = 1} with Σ = LLᵀ, i.e. the points at
 * Mahalanobis distance s from μ (for drawing a component's 1- and 2-σ contours, Gan & Liu Figure 2).
 */
import { choleskyInto } from './mixture';

/** `points` vertices (closed: the first is repeated at the end) of the s-σ ellipse. */
export function covarianceEllipse(mean: ArrayLike<number>, cov: ArrayLike<number>, s: number, points = 64): { x: number; y: number }[] {
  if (mean.length !== 2 || cov.length !== 4) throw new RangeError(`covarianceEllipse is 2-D: mean of length 2 and covariance of length 4, got ${mean.length} and ${cov.length}`);
  if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`ellipse scale s must be finite and > 0, got ${s}`);
  if (!Number.isInteger(points) || points < 3) throw new RangeError(`ellipse points must be an integer ≥ 3, got ${points}`);
  const L = new Float64Array(4);
  if (!choleskyInto(2, cov, 0, L, 0)) throw new RangeError(`covariance [${Array.from(cov).join(', ')}] is not positive definite`);
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i <= points; i++) {
    const t = (2 * Math.PI * (i % points)) / points;
    const u = Math.cos(t), v = Math.sin(t);
    out.push({ x: mean[0] + s * L[0] * u, y: mean[1] + s * (L[2] * u + L[3] * v) });
  }
  return out;
}

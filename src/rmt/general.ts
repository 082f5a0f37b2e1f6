/**
 * Theorem 4.2 of El Firdoussi et al. (2025): real samples x = y·μ + z and synthetic samples
 * x = y·μ_β + C^{1/2}z with a general covariance C (p×p, symmetric positive definite).
 *
 * With (δ, δ_s) the fixed point (./fixed-points) and d_i = γ + π/(1+δ) + α(1−π)c_i/(1+δ_s),
 *   Q̄ = ( π(μμᵀ + I)/(1+δ) + α(1−π)(μ_βμ_βᵀ + C)/(1+δ_s) + γI )⁻¹
 *   E[g] = π μᵀQ̄μ/(1+δ) + λ(1−π) μ_βᵀQ̄μ/(1+δ_s)
 *   t1 = (1/N)Σ 1/d_i², t2 = (1/N)Σ (c_i/d_i)², t3 = (1/N)Σ c_i/d_i²
 *   a1 = πt1/(1+δ)², a2 = πt3/(1+δ)², b1 = α(1−π)t3/(1+δ_s)², b2 = α(1−π)t2/(1+δ_s)²
 *   h = (1−b2)(1−a1) − a2b1, T1 = (a1(1−b2) + a2b1)/h, T2 = b1/(αh)
 *   E = [(1−b2) Q̄(μμᵀ + I)Q̄ + b1 Q̄(μ_βμ_βᵀ + C)Q̄]/h
 *   s1 = (π/(1+δ))² μᵀEμ + (λ(1−π)/(1+δ_s))² μ_βᵀEμ_β + 2λπ(1−π) μᵀEμ_β/((1+δ)(1+δ_s))
 *   s2 = T1(1 − 2πμᵀQ̄μ/(1+δ) − 2λ(1−π)μᵀQ̄μ_β/(1+δ_s))
 *   s3 = T2(α − 2(1−π)λ²μ_βᵀQ̄μ_β/(1+δ_s) − 2λπμᵀQ̄μ_β/(1+δ))
 *   E[g²] = s1 + s2 + s3.
 *
 * Fast path: C = U diag(c) Uᵀ is decomposed once (`prepareCovariance`). In C's eigenbasis
 * Q̄ = U M Uᵀ with M = (D + VKVᵀ)⁻¹, D = diag(d_i), V = [Uᵀμ, Uᵀμ_β], K = diag(π/(1+δ), α(1−π)/(1+δ_s)),
 * and (Woodbury, without K⁻¹ so that π = 0 is fine) MV = D⁻¹V(I + KG₀)⁻¹ with G₀ = VᵀD⁻¹V.
 * Every quadratic form above is then a 2×2 expression in G₀, G₁ = VᵀD⁻²V and G₂ = VᵀCD⁻²V: after the
 * decomposition an evaluation costs O(p²) for projecting μ, μ_β (the last 4 projections per C are
 * cached by content, so repeated μ, μ_β cost O(p)) plus O(p) per fixed-point sweep. A
 * PreparedCovariance is treated as immutable.
 * `generalTheoryDense` is the plain O(p³) reference the tests compare against.
 *
 * Pruning: with `{pruning: 'exact'}` the formulas are evaluated on the exact unpruned reduction
 * (m′ = αm, ε′ = ερ/α, ρ′ = φ′ = 1, γ′ = γ(n+m)/(n+αm); see ./pruning), which matches a 0/1
 * pruning mask; the default 'paper' reproduces the published formulas (exact only for α = 1).
 * In 'exact' mode `deltas` are the reduced problem's (N′ = n + αm).
 *
 * Mixing weight β (`weight`, 'exact' mode only; ./weighted): the formulas above are evaluated at
 * c_i → βc_i (C → βC, same eigenvectors), μ_β → √βμ_β, λ → √βλ and s3's leading α → βα. β = 1
 * skips every rescaling, so it reproduces the unweighted numbers bit for bit.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';
import { accuracyFromMoments, type TheoryResult } from './accuracy';
import { ConvergenceError, FIXED_POINT_TOLERANCE, MAX_ITERATIONS, generalFixedPointRaw } from './fixed-points';
import {
  checkCovariance, validateGeneralScalars,
  type CovarianceInput, type GeneralParams, type GeneralPreparedParams, type GeneralScalars,
} from './params';
import { describeProblem, pruningModeOf, type PruningMode, type TheoryOptions } from './pruning';
import { theorem42SecondMoment, type Theorem42Forms } from './theorem42';
import { prunedWeightedProblem } from './weighted';

/** C decomposed once: C = U diag(eigenvalues) Uᵀ. */
export interface PreparedCovariance {
  /** dimension p */
  readonly p: number;
  /** the validated, symmetrised C, row-major p×p */
  readonly cov: Float64Array;
  /** c_1..c_p (ascending), all > 0 */
  readonly eigenvalues: Float64Array;
  /** U row-major p×p: U[i*p + k] is component i of the k-th eigenvector */
  readonly eigenvectors: Float64Array;
}

/**
 * Validates C (square, finite, symmetric to 1e-10 relative, positive definite) and decomposes it
 * with ml-matrix's symmetric EigenvalueDecomposition. O(p³), once per C.
 */
export function prepareCovariance(cov: CovarianceInput, p?: number): PreparedCovariance {
  const { p: dim, data } = checkCovariance(cov, p);
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(dim, dim, data), { assumeSymmetric: true });
  const eigenvalues = Float64Array.from(evd.realEigenvalues);
  let min = Infinity, max = -Infinity;
  for (const c of eigenvalues) { min = Math.min(min, c); max = Math.max(max, c); }
  // Eigenvalues are accurate to ~p·ε·max|c|: anything below that is indistinguishable from 0.
  if (!(min > 16 * dim * Number.EPSILON * Math.max(max, 0))) {
    throw new RangeError(`cov must be positive definite, got smallest eigenvalue ${min} (largest ${max})`);
  }
  const eigenvectors = Float64Array.from(evd.eigenvectorMatrix.to1DArray());
  return { p: dim, cov: data, eigenvalues, eigenvectors };
}

/** Uᵀx: x in C's eigenbasis (O(p²): reads all of U). */
function project(prep: PreparedCovariance, x: Float64Array): Float64Array {
  const p = prep.p, U = prep.eigenvectors;
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * p;
    for (let k = 0; k < p; k++) out[k] += U[row + k] * xi;
  }
  return out;
}

/**
 * The last few projections per prepared C, keyed by the vector's content (compared in O(p)), so
 * that repeated evaluations with the same μ, μ_β (Figure 3: 50 values of m) skip the O(p²) step.
 */
const projections = new WeakMap<PreparedCovariance, Array<{ x: Float64Array; ux: Float64Array }>>();
const PROJECTION_CACHE_SIZE = 4;

function projectCached(prep: PreparedCovariance, x: Float64Array): Float64Array {
  let list = projections.get(prep);
  if (!list) {
    list = [];
    projections.set(prep, list);
  }
  for (const e of list) {
    let same = true;
    for (let i = 0; i < x.length && same; i++) same = e.x[i] === x[i];
    if (same) return e.ux;
  }
  const ux = project(prep, x);
  list.unshift({ x: Float64Array.from(x), ux });
  if (list.length > PROJECTION_CACHE_SIZE) list.pop();
  return ux;
}

type Forms = Theorem42Forms;

/** Accuracy and moments from the forms: E[g] of Theorem 4.2 and E[g²] by ./theorem42. */
function moments(
  q: GeneralScalars, alpha: number, lambda: number, delta: number, deltaS: number, f: Forms, context: () => string,
  labelSq = 1,
): TheoryResult {
  const N = q.n + q.m;
  const pi = q.n / N;
  const mean = (pi * f.qmm) / (1 + delta) + (lambda * (1 - pi) * f.qmb) / (1 + deltaS);
  const secondMoment = theorem42SecondMoment(pi, alpha, lambda, delta, deltaS, f, labelSq);
  const acc = accuracyFromMoments(mean, secondMoment, context);
  return { ...acc, mean, secondMoment, deltas: [delta, deltaS] };
}

function context(q: GeneralScalars, mode: PruningMode): string {
  return `general: ${describeProblem(q, mode)}`;
}

/**
 * The checked scalars of Theorem 4.2 after pruning (applyPruning) and the weighted classifier's
 * substitutions (./weighted): α and λ of the label noise and pruning, β the weight, κ = √β scaling
 * λ and μ_β (C is scaled by β by the caller).
 */
function weightedSetting(params: GeneralPreparedParams, p: number, options?: TheoryOptions) {
  const given = validateGeneralScalars(params, p);
  const { mode, q, alpha, lambda } = prunedWeightedProblem(given, given.n, options);
  const beta = q.weight, kappa = Math.sqrt(beta);
  return { q, where: () => context(given, mode), alpha, beta, kappa, lambda: kappa * lambda }; // where: for errors only
}

/**
 * Theorem 4.2 for a prepared C: accuracy, moments and (δ, δ_s). O(p²) + O(p) per fixed-point sweep.
 * Use this to evaluate many (n, m, μ, μ_β, ε, ρ, φ, γ) with one C (Figure 3: n = 0, μ_β = μ).
 */
export function generalTheoryPrepared(
  prep: PreparedCovariance, params: GeneralPreparedParams, options?: TheoryOptions,
): TheoryResult {
  if (typeof params === 'object' && params !== null && 'cov' in params) {
    throw new RangeError(`cov must not be passed to generalTheoryPrepared: C is the prepared covariance (p = ${prep.p})`);
  }
  const { q, where, alpha, beta, kappa, lambda } = weightedSetting(params, prep.p, options);
  const p = prep.p;
  const c = beta === 1 ? prep.eigenvalues : prep.eigenvalues.map((x) => beta * x);
  const N = q.n + q.m;
  const pi = q.n / N;
  let fp;
  try {
    fp = generalFixedPointRaw(c, q.n, q.m, alpha, q.gamma);
  } catch (e) {
    if (e instanceof ConvergenceError) throw new ConvergenceError(`${e.message} [${where()}]`);
    throw e;
  }
  const { delta, deltaS } = fp;
  const k1 = pi / (1 + delta);
  const k2 = (alpha * (1 - pi)) / (1 + deltaS);
  const base = q.gamma + k1;
  const u = projectCached(prep, q.mu);
  const v0 = projectCached(prep, q.muBeta);
  const v = beta === 1 ? v0 : v0.map((x) => kappa * x);
  let t1 = 0, t2 = 0, t3 = 0;
  let g0uu = 0, g0uv = 0, g0vv = 0, g1uu = 0, g1uv = 0, g1vv = 0, g2uu = 0, g2uv = 0, g2vv = 0;
  for (let i = 0; i < p; i++) {
    const ci = c[i];
    const inv = 1 / (base + k2 * ci);
    const inv2 = inv * inv;
    t1 += inv2;
    t2 += ci * ci * inv2;
    t3 += ci * inv2;
    const ui = u[i], vi = v[i];
    const uu = ui * ui, uv = ui * vi, vv = vi * vi;
    g0uu += uu * inv; g0uv += uv * inv; g0vv += vv * inv;
    g1uu += uu * inv2; g1uv += uv * inv2; g1vv += vv * inv2;
    const cinv2 = ci * inv2;
    g2uu += uu * cinv2; g2uv += uv * cinv2; g2vv += vv * cinv2;
  }
  t1 /= N; t2 /= N; t3 /= N;
  // R = (I + K G0)⁻¹, K = diag(k1, k2).
  const m11 = 1 + k1 * g0uu, m12 = k1 * g0uv, m21 = k2 * g0uv, m22 = 1 + k2 * g0vv;
  const det = m11 * m22 - m12 * m21;
  const r11 = m22 / det, r12 = -m12 / det, r21 = -m21 / det, r22 = m11 / det;
  // VᵀMV = G0 R (symmetric in exact arithmetic).
  const qmm = g0uu * r11 + g0uv * r21;
  const qmb = 0.5 * (g0uu * r12 + g0uv * r22 + (g0uv * r11 + g0vv * r21));
  const qbb = g0uv * r12 + g0vv * r22;
  // (MV)ᵀ G (MV) = Rᵀ G R for G = G1 (→ Q̄²) and G = G2 (→ Q̄CQ̄).
  const sand = (guu: number, guv: number, gvv: number): [number, number, number] => {
    // columns of R: (r11, r21) for μ, (r12, r22) for μ_β
    const xx = r11 * (guu * r11 + guv * r21) + r21 * (guv * r11 + gvv * r21);
    const xy = r11 * (guu * r12 + guv * r22) + r21 * (guv * r12 + gvv * r22);
    const yy = r12 * (guu * r12 + guv * r22) + r22 * (guv * r12 + gvv * r22);
    return [xx, xy, yy];
  };
  const [q2mm, q2mb, q2bb] = sand(g1uu, g1uv, g1vv);
  const [qcmm, qcmb, qcbb] = sand(g2uu, g2uv, g2vv);
  const forms: Forms = {
    qmm, qmb, qbb,
    Amm: qmm * qmm + q2mm, Amb: qmm * qmb + q2mb, Abb: qmb * qmb + q2bb,
    Bmm: qmb * qmb + qcmm, Bmb: qmb * qbb + qcmb, Bbb: qbb * qbb + qcbb,
    t1, t2, t3,
  };
  return moments(q, alpha, lambda, delta, deltaS, forms, where, beta);
}

/**
 * Checks a general setting's parameters — the cheap checks (object, C's shape, the scalars, the
 * options) before the O(p³) decomposition — and decomposes C once.
 */
export function prepareGeneral(params: GeneralParams, options?: TheoryOptions): { prep: PreparedCovariance; scalars: GeneralScalars } {
  if (typeof params !== 'object' || params === null) {
    throw new RangeError(`general parameters must be an object, got ${String(params)}`);
  }
  const { cov, ...rest } = params;
  if (cov === undefined) throw new RangeError(`cov must be a p x p matrix, got undefined (missing)`);
  const { p } = checkCovariance(cov);
  const scalars = validateGeneralScalars(rest, p);
  pruningModeOf(options);
  return { prep: prepareCovariance(cov), scalars };
}

/** Theorem 4.2 for one (C, μ, μ_β, …): decomposes C, then `generalTheoryPrepared`. */
export function generalTheory(params: GeneralParams, options?: TheoryOptions): TheoryResult {
  const { prep, scalars } = prepareGeneral(params, options);
  return generalTheoryPrepared(prep, scalars, options);
}

/**
 * Plain O(p³) reference for Theorem 4.2, independent of the eigenbasis algebra: the fixed point is
 * iterated (from 0, as in the fast path) on dense resolvents
 *   R = (γI + πI/(1+δ) + α(1−π)C/(1+δ_s))⁻¹,  δ = tr R/N,  δ_s = α tr(CR)/N,
 * t1 = tr R²/N, t2 = tr (CR)²/N, t3 = tr CR²/N, and Q̄ and E are formed and inverted densely with
 * ml-matrix. For tests (small p).
 */
export function generalTheoryDense(params: GeneralParams, options?: TheoryOptions): TheoryResult {
  const { cov, ...rest } = params;
  const { p, data } = checkCovariance(cov);
  const { q, where, alpha, beta, kappa, lambda } = weightedSetting(rest, p, options);
  // the weighted classifier as Theorem 4.2 on C → βC, μ_β → √βμ_β (./weighted)
  const C0 = Matrix.from1DArray(p, p, data);
  if (!new CholeskyDecomposition(C0).isPositiveDefinite()) throw new RangeError(`cov must be positive definite`);
  const C = C0.mul(beta);
  const I = Matrix.eye(p, p);
  const N = q.n + q.m;
  const pi = q.n / N;
  const resolvent = (delta: number, deltaS: number): Matrix =>
    inverse(I.clone().mul(q.gamma + pi / (1 + delta)).add(C.clone().mul((alpha * (1 - pi)) / (1 + deltaS))));
  let delta = 0, deltaS = 0, converged = false;
  for (let it = 0; it < MAX_ITERATIONS && !converged; it++) {
    const R = resolvent(delta, deltaS);
    const nd = R.trace() / N;
    const nds = (alpha * C.mmul(R).trace()) / N;
    converged = Math.abs(nd - delta) < FIXED_POINT_TOLERANCE && Math.abs(nds - deltaS) < FIXED_POINT_TOLERANCE;
    delta = nd; deltaS = nds;
  }
  if (!converged) throw new ConvergenceError(`dense Theorem 4.2 fixed point did not converge [${where()}]`);
  const R = resolvent(delta, deltaS);
  const CR = C.mmul(R);
  const t1 = R.mmul(R).trace() / N;
  const t2 = CR.mmul(CR).trace() / N;
  const t3 = C.mmul(R).mmul(R).trace() / N;
  const mu = Matrix.columnVector(Array.from(q.mu));
  const mb = Matrix.columnVector(Array.from(q.muBeta, (x) => kappa * x));
  const Mr = mu.mmul(mu.transpose()).add(I);
  const Ms = mb.mmul(mb.transpose()).add(C);
  const Qbar = inverse(
    Mr.clone().mul(pi / (1 + delta)).add(Ms.clone().mul((alpha * (1 - pi)) / (1 + deltaS))).add(I.clone().mul(q.gamma)),
  );
  const QA = Qbar.mmul(Mr).mmul(Qbar);
  const QB = Qbar.mmul(Ms).mmul(Qbar);
  const quad = (x: Matrix, A: Matrix, y: Matrix): number => x.transpose().mmul(A).mmul(y).get(0, 0);
  const forms: Forms = {
    qmm: quad(mu, Qbar, mu), qmb: quad(mu, Qbar, mb), qbb: quad(mb, Qbar, mb),
    Amm: quad(mu, QA, mu), Amb: quad(mu, QA, mb), Abb: quad(mb, QA, mb),
    Bmm: quad(mu, QB, mu), Bmb: quad(mu, QB, mb), Bbb: quad(mb, QB, mb),
    t1, t2, t3,
  };
  return moments(q, alpha, lambda, delta, deltaS, forms, where, beta);
}

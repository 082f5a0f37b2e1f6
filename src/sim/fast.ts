/**
 * The fast simulator: one draw with exactly the law of the direct simulator (./direct.ts) — not an
 * approximation — at a cost that does not grow with m (nor with n̂ or n once `prepareReal` is done).
 *
 * Why it is exact. Write the synthetic samples x_i = y_i μ_β + A z_i, z_i ~ N(0, I_r) with A·Aᵀ = C.
 * The classifier sees them only through S_s = Σ_kept x_i x_iᵀ and t_s = Σ_kept ỹ_i x_i:
 * 1. Only y_i² = 1 and y_i ỹ_i enter the mean terms, so the kept samples matter through their number
 *    m_k and s = Σ_kept y_i ỹ_i = (#kept correct) − (#kept wrong), and
 *    (#kept correct, #kept wrong, #dropped) ~ Multinomial(m; (1−ε)φ, ερ, 1 − α).
 * 2. Given the labels and the keep mask, Z = [z_i]_kept (r×m_k) is i.i.d. Gaussian, so for the
 *    orthogonal H (m_k×m_k) with first row y/√m_k and second row the normalised part of ỹ orthogonal
 *    to y, G = Z·Hᵀ is again i.i.d. Gaussian: with its columns g_1, g_2, … ,
 *      Z y = √m_k g_1,   Z ỹ = (s/√m_k) g_1 + √(m_k − s²/m_k) g_2,
 *      Z Zᵀ = g_1g_1ᵀ + g_2g_2ᵀ + W,   W ~ Wishart_r(I, m_k − 2) independent of g_1, g_2
 *    (only g_1 when m_k = 1; W = 0 when m_k ≤ 2; m_k − s²/m_k = 4·#correct·#wrong/m_k exactly).
 *    W is drawn by its Bartlett factor L_w (./wishart.ts), lower-trapezoidal when m_k − 2 < r.
 * 3. Hence S_s = (√m_k μ_β + A g_1)(√m_k μ_β + A g_1)ᵀ + (A g_2)(A g_2)ᵀ + (A L_w)(A L_w)ᵀ and
 *    t_s = s μ_β + A Z ỹ.
 * 4. Figure 3's fresh covariance C = ZZᵀ/n̂ is Wishart_p(I, n̂)/n̂, so A = L_c/√n̂ with L_c its
 *    Bartlett factor (O(p²) random numbers, never the p×n̂ matrix Z); a given C uses its Cholesky
 *    factor; C = I uses A = I.
 * 5. w = (X_r X_rᵀ + S_s + NγI)⁻¹ (X_r y + t_s) by Cholesky, with X_r X_rᵀ and X_r y computed once
 *    per real data set (`prepareReal`); given w, the accuracy on a Gaussian test set is exactly
 *    Φ(wᵀμ/‖w‖), and on T fresh test samples the count of correct decisions is exactly
 *    Binomial(T, Φ(wᵀμ/‖w‖)) (see ./accuracy.ts).
 *
 * 6. A mixing weight β (`weight`) multiplies S_s and t_s: the terms of 3 are added times β (the
 *    Bartlett part through the factor √β·A·L_w); β = 1 takes the unweighted path unchanged.
 *
 * Normals come from the ziggurat (random/ziggurat.ts). Cost per draw: ~p³/2 multiply-adds (A·L_w and the lower half of (A L_w)(A L_w)ᵀ, both triangular,
 * p³/6 each, and the Cholesky, p³/6) plus ~p² normals; A·L_w is skipped when C = I.
 */
import type { Rng } from '../random/rng';
import { checkDim, checkLength } from '../linalg/checks';
import { choleskyInPlace } from '../linalg/cholesky';
import { addOuterLower, matVec, weightedGram } from '../linalg/kernels';
import { solveWithCholesky } from '../linalg/spd';
import { lowerGram, lowerTimesLower, lowerTimesVector, mirrorLower } from '../linalg/triangular';
import { gaussianAccuracy, symmetricAccuracy } from './accuracy';
import { checkTestSize, validateDrawParams, type DrawOptions, type DrawResult, type FastDrawParams } from './params';
import { sampleKeptCounts } from './pruning';
import { bartlettFactor } from './wishart';
import { zigguratNormals } from '../random/ziggurat';

/** The real data set reduced to what the classifier needs: X_r X_rᵀ (p×p row-major) and X_r y. */
export interface PreparedReal {
  p: number;
  n: number;
  gram: Float64Array;
  xy: Float64Array;
}

/** X_r X_rᵀ and X_r y of a real data set (X p×n column-major, labels y), computed once. */
export function prepareReal(x: Float64Array, y: Float64Array, p: number, n: number): PreparedReal {
  checkDim('p', p, 1);
  checkDim('n', n);
  checkLength('X', x, p * n, `${p}×${n}`);
  checkLength('y', y, n, `${n}`);
  return { p, n, gram: weightedGram(x, p, n), xy: matVec(x, p, n, y) };
}

/**
 * A fresh real data set of n samples x_i = y_i μ + z_i drawn directly in its prepared form, with
 * exactly the law of `prepareReal(sampleMixture(μ, n))` but without the samples: by the rotation of
 * the module comment (H's first row y/√n), X_r y = nμ + √n g and
 * X_r X_rᵀ = (√n μ + g)(√n μ + g)ᵀ + W, g ~ N(0, I_p), W ~ Wishart_p(I, n − 1) (Bartlett).
 * Cost ~p³/6 + p² instead of n·p²/2; used to average over real data sets.
 */
export function sampleRealPrepared(mu: Float64Array, n: number, rng: Rng): PreparedReal {
  const p = mu.length;
  checkDim('p (length of mu)', p, 1);
  checkDim('n', n);
  if (n === 0) return emptyReal(p);
  const g = zigguratNormals(rng, p);
  const sq = Math.sqrt(n);
  const c = new Float64Array(p);
  const xy = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    c[i] = sq * mu[i] + g[i];
    xy[i] = n * mu[i] + sq * g[i];
  }
  const gram = new Float64Array(p * p);
  if (n > 1) {
    const k = Math.min(p, n - 1);
    lowerGram(bartlettFactor(p, n - 1, rng), p, k, gram);
  }
  addOuterLower(gram, p, 1, c);
  mirrorLower(gram, p);
  return { p, n, gram, xy };
}

/** The prepared form of an empty real data set (n = 0, synthetic data only). */
export function emptyReal(p: number): PreparedReal {
  checkDim('p', p, 1);
  return { p, n: 0, gram: new Float64Array(p * p), xy: new Float64Array(p) };
}

interface Workspace {
  m: Float64Array; // p×p system matrix
  a: Float64Array; // p×r factor of C
  lw: Float64Array; // r×c Bartlett factor of W
  b: Float64Array; // p×c product A·L_w
  work: Float64Array; // transpose buffer
}
const workspaces = new Map<number, Workspace>();

function workspace(p: number): Workspace {
  let ws = workspaces.get(p);
  if (!ws) {
    const sq = p * p;
    ws = { m: new Float64Array(sq), a: new Float64Array(sq), lw: new Float64Array(sq), b: new Float64Array(sq), work: new Float64Array(sq) };
    workspaces.clear(); // keep one size only
    workspaces.set(p, ws);
  }
  return ws;
}

/** One draw of the fast exact-in-law simulator (see the module comment). */
export function fastDraw(real: PreparedReal, params: FastDrawParams, rng: Rng, options: DrawOptions = {}): DrawResult {
  const { p, n } = real;
  checkDim('real.p', p, 1);
  checkDim('real.n', n);
  checkLength('real.gram', real.gram, p * p, `${p}×${p}`);
  checkLength('real.xy', real.xy, p, `${p}`);
  const P = validateDrawParams(params, p);
  const testSize = checkTestSize(options.testSize);
  const { m, muBeta, gamma } = P;
  const beta = P.weight;
  const bigN = n + m;
  if (bigN === 0) throw new RangeError('the classifier needs N = n + m >= 1 training samples, got n = 0 and m = 0');

  const { keptCorrect, keptWrong } = sampleKeptCounts(m, P.epsilon, P.rho, P.phi, rng);
  const mk = keptCorrect + keptWrong;
  const s = keptCorrect - keptWrong;

  const ws = workspace(p);
  const mat = ws.m;
  mat.set(real.gram.subarray(0, p * p));
  const ng = bigN * gamma;
  for (let i = 0; i < p; i++) mat[i * p + i] += ng;
  const t = Float64Array.from(real.xy.subarray(0, p));

  if (mk > 0 && beta > 0) {
    // The factor A (p×r) of the synthetic covariance; null means A = I (r = p).
    const cov = P.covariance;
    let a: Float64Array | null;
    let r: number;
    if (cov.kind === 'identity') {
      a = null;
      r = p;
    } else if (cov.kind === 'factor') {
      a = cov.A;
      r = p;
    } else {
      r = Math.min(p, cov.nHat);
      a = bartlettFactor(p, cov.nHat, rng, 1 / Math.sqrt(cov.nHat), ws.a);
    }
    const times = (v: Float64Array): Float64Array => (a ? lowerTimesVector(a, p, r, v) : v);
    const sq = Math.sqrt(mk);
    const a1 = times(zigguratNormals(rng, r));
    const c1 = new Float64Array(p);
    for (let i = 0; i < p; i++) c1[i] = sq * muBeta[i] + a1[i];
    addOuterLower(mat, p, beta, c1);
    const k1 = s / sq;
    for (let i = 0; i < p; i++) t[i] += beta * (s * muBeta[i] + k1 * a1[i]); // β = 1: 1·x = x exactly
    if (mk >= 2) {
      const a2 = times(zigguratNormals(rng, r));
      addOuterLower(mat, p, beta, a2);
      const k2 = beta * Math.sqrt((4 * keptCorrect * keptWrong) / mk);
      if (k2 !== 0) for (let i = 0; i < p; i++) t[i] += k2 * a2[i];
      const dof = mk - 2;
      if (dof > 0) {
        const c = Math.min(r, dof);
        const lw = bartlettFactor(r, dof, rng, Math.sqrt(beta), ws.lw);
        const b = a ? lowerTimesLower(a, p, r, lw, c, ws.b, ws.work) : lw;
        lowerGram(b, p, c, mat, true);
      }
    }
  }

  choleskyInPlace(mat, p);
  const w = solveWithCholesky(mat, p, t);
  const exact = gaussianAccuracy(w, P.mu);
  // (w = 0 — no real data and nothing kept — ties every test sample: exactly 1/2, as in the direct.)
  const accuracy = testSize > 0 && exact.wNorm > 0 ? rng.binomial(testSize, exact.accuracy) / testSize : exact.accuracy;
  return {
    accuracy,
    accuracySymmetric: symmetricAccuracy(accuracy),
    exactAccuracy: exact.accuracy,
    kept: mk,
    keptWrong,
    wMu: exact.wMu,
    wNorm: exact.wNorm,
    testSize,
  };
}

/**
 * Kernels on p×N data matrices stored column-major (sample j at [j·p, (j+1)·p), the project's
 * convention for "columns are samples"): the weighted Gram X·D·Xᵀ (D diagonal, e.g. the 0/1
 * pruning mask D_q of the ridge classifier), X·v and Xᵀ·v; and small helpers on p×p row-major
 * symmetric matrices. The naive loops in the tests are the reference.
 */
import { checkDim, checkLength } from './checks';

/**
 * S = X·D·Xᵀ (p×p, row-major, full symmetric) for X p×N column-major and D = diag(d) (all ones if
 * `d` is omitted; zero weights, e.g. pruned samples, cost nothing). With `accumulate` the product is
 * added to `out`. Samples are folded in four at a time (one pass over S per four rank-one updates),
 * p²N/2 multiply-adds in all.
 */
export function weightedGram(
  x: Float64Array,
  p: number,
  n: number,
  d?: ArrayLike<number> | null,
  out: Float64Array = new Float64Array(p * p),
  accumulate = false,
): Float64Array {
  checkDim('p', p);
  checkDim('N', n);
  checkLength('X', x, p * n, `${p}×${n}`);
  if (d) checkLength('d', d, n, `${n}`);
  checkLength('out', out, p * p, `${p}×${p}`);
  if (!accumulate) out.fill(0, 0, p * p);
  // Samples with nonzero weight.
  const idx: number[] = [];
  const wts: number[] = [];
  for (let j = 0; j < n; j++) {
    const w = d ? d[j] : 1;
    if (w !== 0) {
      idx.push(j * p);
      wts.push(w);
    }
  }
  const cnt = idx.length;
  let t = 0;
  for (; t + 3 < cnt; t += 4) {
    const o0 = idx[t], o1 = idx[t + 1], o2 = idx[t + 2], o3 = idx[t + 3];
    const w0 = wts[t], w1 = wts[t + 1], w2 = wts[t + 2], w3 = wts[t + 3];
    for (let a = 0; a < p; a++) {
      const x0 = w0 * x[o0 + a], x1 = w1 * x[o1 + a], x2 = w2 * x[o2 + a], x3 = w3 * x[o3 + a];
      const r = a * p;
      for (let b = 0; b <= a; b++) {
        out[r + b] += x0 * x[o0 + b] + x1 * x[o1 + b] + x2 * x[o2 + b] + x3 * x[o3 + b];
      }
    }
  }
  for (; t < cnt; t++) {
    const o = idx[t], w = wts[t];
    for (let a = 0; a < p; a++) {
      const xa = w * x[o + a];
      const r = a * p;
      for (let b = 0; b <= a; b++) out[r + b] += xa * x[o + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) out[b * p + a] = out[a * p + b];
  return out;
}

/** X·v = Σ_j v_j x_j (length p) for X p×N column-major and v of length N. */
export function matVec(x: Float64Array, p: number, n: number, v: ArrayLike<number>, out: Float64Array = new Float64Array(p)): Float64Array {
  checkDim('p', p);
  checkDim('N', n);
  checkLength('X', x, p * n, `${p}×${n}`);
  checkLength('v', v, n, `${n}`);
  out.fill(0, 0, p);
  for (let j = 0; j < n; j++) {
    const vj = v[j];
    if (vj === 0) continue;
    const o = j * p;
    for (let a = 0; a < p; a++) out[a] += vj * x[o + a];
  }
  return out;
}

/** Xᵀ·v = (x_jᵀ v)_j (length N) for X p×N column-major and v of length p. */
export function matTVec(x: Float64Array, p: number, n: number, v: ArrayLike<number>, out: Float64Array = new Float64Array(n)): Float64Array {
  checkDim('p', p);
  checkDim('N', n);
  checkLength('X', x, p * n, `${p}×${n}`);
  checkLength('v', v, p, `${p}`);
  for (let j = 0; j < n; j++) {
    const o = j * p;
    let s = 0;
    for (let a = 0; a < p; a++) s += x[o + a] * v[a];
    out[j] = s;
  }
  return out;
}

/** y = S·v for a p×p row-major matrix S. */
export function squareTimesVector(s: Float64Array, p: number, v: ArrayLike<number>, out: Float64Array = new Float64Array(p)): Float64Array {
  checkDim('p', p);
  checkLength('S', s, p * p, `${p}×${p}`);
  checkLength('v', v, p, `${p}`);
  for (let i = 0; i < p; i++) {
    const r = i * p;
    let acc = 0;
    for (let j = 0; j < p; j++) acc += s[r + j] * v[j];
    out[i] = acc;
  }
  return out;
}

/** uᵀv. */
export function dot(u: ArrayLike<number>, v: ArrayLike<number>, len = u.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += u[i] * v[i];
  return s;
}

/**
 * Adds c·(u vᵀ + v uᵀ) to the lower half of the p×p row-major S (c·2uuᵀ when u = v: pass v = u and
 * c/2 for c·uuᵀ, or use `addOuterLower`).
 */
export function addSymmetricOuterLower(s: Float64Array, p: number, c: number, u: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  for (let i = 0; i < p; i++) {
    const r = i * p;
    const ui = c * u[i], vi = c * v[i];
    for (let j = 0; j <= i; j++) s[r + j] += ui * v[j] + vi * u[j];
  }
  return s;
}

/** Adds c·u uᵀ to the lower half of the p×p row-major S. */
export function addOuterLower(s: Float64Array, p: number, c: number, u: ArrayLike<number>): Float64Array {
  for (let i = 0; i < p; i++) {
    const r = i * p;
    const ui = c * u[i];
    for (let j = 0; j <= i; j++) s[r + j] += ui * u[j];
  }
  return s;
}

/**
 * Eigenvalues of a symmetric tridiagonal matrix by the implicit QL algorithm with Wilkinson-type
 * shifts (EISPACK tql1; Numerical Recipes' tqli without eigenvectors): O(p²) in all, versus the
 * O(p³) of a dense symmetric eigen-decomposition. Used where a spectrum is all that is needed and
 * the matrix is tridiagonal by construction (e.g. the Dumitriu–Edelman model of a Wishart
 * spectrum, Figure 1). ml-matrix's dense EigenvalueDecomposition is the reference in the tests.
 */

/** Sweeps allowed per eigenvalue before giving up (convergence is typically 2–3). */
const MAX_SWEEPS = 60;

/**
 * The eigenvalues (ascending) of the symmetric tridiagonal matrix T with diagonal `diag` (length p)
 * and off-diagonal `off` (length p − 1: T[i][i+1] = T[i+1][i] = off[i]). Accurate to a few units of
 * machine precision times ‖T‖ (absolute).
 */
export function tridiagonalEigenvalues(diag: ArrayLike<number>, off: ArrayLike<number>): Float64Array {
  const n = diag.length;
  if (n === 0) throw new RangeError('tridiagonalEigenvalues needs a diagonal of length >= 1, got 0');
  if (off.length !== n - 1) throw new RangeError(`off-diagonal must have length p - 1 = ${n - 1}, got ${off.length}`);
  const d = new Float64Array(n);
  const e = new Float64Array(n); // e[i] couples i and i+1; e[n−1] = 0
  for (let i = 0; i < n; i++) {
    const v = diag[i];
    if (!Number.isFinite(v)) throw new RangeError(`diag[${i}] must be finite, got ${v}`);
    d[i] = v;
  }
  for (let i = 0; i < n - 1; i++) {
    const v = off[i];
    if (!Number.isFinite(v)) throw new RangeError(`off[${i}] must be finite, got ${v}`);
    e[i] = v;
  }
  for (let l = 0; l < n; l++) {
    let sweeps = 0;
    for (;;) {
      // find a negligible off-diagonal element e[m] (m ≥ l): T splits there
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break; // d[l] has converged
      if (++sweeps > MAX_SWEEPS) {
        throw new Error(`tridiagonal QL did not converge for eigenvalue ${l} in ${MAX_SWEEPS} sweeps`);
      }
      // shift from the leading 2×2 block
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let underflow = false;
      for (let i = m - 1; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // recover from underflow: deflate and restart the sweep
          d[i + 1] -= p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (underflow) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d.sort();
}

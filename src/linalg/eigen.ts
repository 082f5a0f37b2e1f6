/**
 * Symmetric eigen-decomposition (ml-matrix's EigenvalueDecomposition with `assumeSymmetric`:
 * Householder tridiagonalisation + implicit QL, O(p³)), and the square-root factors of a covariance
 * matrix that the simulators use to draw N(0, C).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { checkDim, checkLength } from './checks';
import { choleskyInPlace } from './cholesky';

export interface SymmetricEigen {
  /** eigenvalues in ascending order */
  values: Float64Array;
  /** eigenvectors, column-major p×p: the unit eigenvector of values[j] at [j·p, (j+1)·p) */
  vectors: Float64Array;
}

/** Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric p×p row-major matrix. */
export function symmetricEigen(a: ArrayLike<number>, p: number): SymmetricEigen {
  checkDim('p', p, 1);
  checkLength('a', a, p * p, `${p}×${p}`);
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) {
    const r = new Array<number>(p);
    for (let j = 0; j < p; j++) {
      const v = a[i * p + j];
      if (!Number.isFinite(v)) throw new RangeError(`a[${i}][${j}] must be finite, got ${v}`);
      r[j] = v;
    }
    rows.push(r);
  }
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const lam = evd.realEigenvalues;
  const vec = evd.eigenvectorMatrix;
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => lam[x] - lam[y]);
  const values = new Float64Array(p);
  const vectors = new Float64Array(p * p);
  order.forEach((src, j) => {
    values[j] = lam[src];
    for (let i = 0; i < p; i++) vectors[j * p + i] = vec.get(i, src);
  });
  return { values, vectors };
}

/** Symmetric eigenvalues only (ascending). */
export function symmetricEigenvalues(a: ArrayLike<number>, p: number): Float64Array {
  return symmetricEigen(a, p).values;
}

/**
 * A square-root factor F (p×p row-major, F·Fᵀ = C) of a covariance matrix C: its Cholesky factor
 * (lower-triangular) when C is positive definite, otherwise V·diag(√max(λ, 0)) from the
 * eigen-decomposition (for a singular C, e.g. an estimate from fewer samples than p). `lower` says
 * which one was returned. A C with an eigenvalue below −1e-10·max|λ| is rejected (not a covariance).
 */
export function covarianceFactor(c: ArrayLike<number>, p: number): { factor: Float64Array; lower: boolean } {
  checkDim('p', p, 1);
  checkLength('C', c, p * p, `${p}×${p}`);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const u = c[i * p + j], v = c[j * p + i];
      if (!(Math.abs(u - v) <= 1e-12 * Math.max(1, Math.abs(u), Math.abs(v)))) {
        throw new RangeError(`covariance C must be symmetric: C[${i}][${j}] = ${u} but C[${j}][${i}] = ${v}`);
      }
    }
  }
  const l = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) l[i] = c[i];
  try {
    return { factor: choleskyInPlace(l, p), lower: true };
  } catch {
    const { values, vectors } = symmetricEigen(c, p);
    const top = Math.max(Math.abs(values[0]), Math.abs(values[p - 1]));
    if (values[0] < -1e-10 * top) {
      throw new RangeError(`covariance C must be positive semi-definite, got smallest eigenvalue ${values[0]}`);
    }
    const f = new Float64Array(p * p);
    for (let j = 0; j < p; j++) {
      const s = Math.sqrt(Math.max(values[j], 0));
      for (let i = 0; i < p; i++) f[i * p + j] = vectors[j * p + i] * s;
    }
    return { factor: f, lower: false };
  }
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';
import { Rng } from '../../src/random/rng';
import {
  cholesky, choleskyInPlace, solveLower, solveLowerTranspose, solveSpd, lowerTimesLower, lowerGram,
  lowerTimesVector, mirrorLower, weightedGram, matVec, matTVec, symmetricEigen, covarianceFactor,
  squareTimesVector, addOuterLower, addSymmetricOuterLower,
} from '../../src/linalg/index';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  return e;
}

/** A random SPD matrix G Gᵀ/k + I (p×p row-major). */
function randomSpd(p: number, r: Rng): Float64Array {
  const k = p + 3;
  const g = r.normals(p * k);
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += g[i * k + l] * g[j * k + l];
    a[i * p + j] = s / k + (i === j ? 1 : 0);
  }
  return a;
}

/** A random lower-trapezoidal rows×cols matrix (zeros above the diagonal). */
function randomLower(rows: number, cols: number, r: Rng): Float64Array {
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j <= Math.min(i, cols - 1); j++) a[i * cols + j] = r.normal();
  return a;
}

const toMatrix = (a: ArrayLike<number>, rows: number, cols: number): Matrix =>
  new Matrix(Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => a[i * cols + j])));

test('Cholesky agrees with ml-matrix and reconstructs A; non-SPD input is rejected naming the pivot', () => {
  const r = new Rng(1);
  for (const p of [1, 2, 3, 5, 8, 37, 64, 101]) {
    const a = randomSpd(p, r);
    const l = cholesky(a, p);
    const ref = new CholeskyDecomposition(toMatrix(a, p, p)).lowerTriangularMatrix;
    assert.ok(maxAbsDiff(l, ref.to1DArray()) < 1e-12, `p=${p}`);
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) assert.equal(l[i * p + j], 0);
    // The upper half of the input is never read.
    const b = Float64Array.from(a);
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) b[i * p + j] = NaN;
    assert.ok(maxAbsDiff(choleskyInPlace(b, p), l) === 0);
  }
  const bad = new Float64Array([1, 2, 2, 1]);
  assert.throws(() => cholesky(bad, 2), /not positive definite: pivot 1/);
  assert.throws(() => cholesky(new Float64Array(3), 2), /length >= 4/);
});

test('triangular and SPD solves agree with ml-matrix solve', () => {
  const r = new Rng(2);
  for (const p of [1, 4, 33]) {
    const a = randomSpd(p, r);
    const b = r.normals(p);
    const ref = solve(toMatrix(a, p, p), Matrix.columnVector(Array.from(b))).to1DArray();
    assert.ok(maxAbsDiff(solveSpd(a, p, b), ref) < 1e-10);
    const l = randomLower(p, p, r);
    for (let i = 0; i < p; i++) l[i * p + i] = 1 + Math.abs(l[i * p + i]);
    const lm = toMatrix(l, p, p);
    const x1 = solveLower(l, p, b);
    assert.ok(maxAbsDiff(lm.mmul(Matrix.columnVector(Array.from(x1))).to1DArray(), b) < 1e-10);
    const x2 = solveLowerTranspose(l, p, b);
    assert.ok(maxAbsDiff(lm.transpose().mmul(Matrix.columnVector(Array.from(x2))).to1DArray(), b) < 1e-10);
  }
  const z = new Float64Array(4);
  assert.throws(() => solveLower(z, 2, [1, 1]), /singular: diagonal entry 0/);
});

test('lower-trapezoidal products and Grams agree with naive loops for every shape', () => {
  const r = new Rng(3);
  const shapes: Array<[number, number, number]> = [
    [1, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 4], [5, 5, 5], [7, 7, 7], [9, 9, 9], [50, 50, 50],
    [9, 5, 3], [9, 9, 4], [8, 3, 8], [6, 6, 2], [10, 4, 4], [5, 9, 9], [13, 7, 11], [1, 3, 2],
  ];
  for (const [rows, inner, cols] of shapes) {
    const a = randomLower(rows, inner, r), b = randomLower(inner, cols, r);
    const ref = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let l = 0; l < inner; l++) s += a[i * inner + l] * b[l * cols + j];
      ref[i * cols + j] = s;
    }
    const c = lowerTimesLower(a, rows, inner, b, cols, new Float64Array(rows * cols).fill(7));
    assert.ok(maxAbsDiff(c, ref) < 1e-12, `product ${rows}×${inner}×${cols}`);
    // Gram of the lower-trapezoidal rows×inner matrix a: lower half of a·aᵀ.
    const g = lowerGram(a, rows, inner);
    const g2 = lowerGram(a, rows, inner, new Float64Array(rows * rows).fill(1), true);
    for (let i = 0; i < rows; i++) for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let l = 0; l < inner; l++) s += a[i * inner + l] * a[j * inner + l];
      assert.ok(Math.abs(g[i * rows + j] - s) < 1e-12, `gram ${rows}×${inner} (${i},${j})`);
      assert.ok(Math.abs(g2[i * rows + j] - (s + 1)) < 1e-12, `accumulated gram ${rows}×${inner}`);
    }
    const v = r.normals(inner);
    const av = lowerTimesVector(a, rows, inner, v);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let l = 0; l < inner; l++) s += a[i * inner + l] * v[l];
      assert.ok(Math.abs(av[i] - s) < 1e-12);
    }
  }
  const m = mirrorLower(new Float64Array([1, 0, 2, 3]), 2);
  assert.deepEqual(Array.from(m), [1, 2, 2, 3]);
});

test('X·D·Xᵀ, X·v and Xᵀ·v on column-major p×N data agree with naive loops', () => {
  const r = new Rng(4);
  for (const [p, n] of [[1, 1], [3, 7], [17, 50], [40, 9]]) {
    const x = r.normals(p * n);
    const d = Array.from({ length: n }, (_, j) => (j % 3 === 0 ? 0 : j % 3 === 1 ? 1 : 0.5 + r.uniform()));
    const v = r.normals(n), u = r.normals(p);
    for (const weights of [null, d]) {
      const s = weightedGram(x, p, n, weights);
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
        let t = 0;
        for (let j = 0; j < n; j++) t += (weights ? weights[j] : 1) * x[j * p + a] * x[j * p + b];
        assert.ok(Math.abs(s[a * p + b] - t) < 1e-11, `gram p=${p} n=${n}`);
      }
      // accumulate adds to an existing symmetric matrix
      const base = weightedGram(x, p, n, weights);
      const twice = weightedGram(x, p, n, weights, Float64Array.from(base), true);
      assert.ok(maxAbsDiff(twice, base.map((e) => 2 * e)) < 1e-11);
    }
    const xv = matVec(x, p, n, v), xtu = matTVec(x, p, n, u);
    for (let a = 0; a < p; a++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += x[j * p + a] * v[j];
      assert.ok(Math.abs(xv[a] - t) < 1e-12);
    }
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let a = 0; a < p; a++) t += x[j * p + a] * u[a];
      assert.ok(Math.abs(xtu[j] - t) < 1e-12);
    }
  }
  assert.throws(() => weightedGram(new Float64Array(5), 2, 3), /X must have length >= 6/);
  assert.throws(() => matVec(new Float64Array(6), 2, 3, [1]), /v must have length >= 3/);
});

test('rank-one updates and dense matrix-vector products', () => {
  const r = new Rng(5);
  const p = 6;
  const u = r.normals(p), v = r.normals(p);
  const s = addSymmetricOuterLower(addOuterLower(new Float64Array(p * p), p, 2, u), p, 0.5, u, v);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) {
    assert.ok(Math.abs(s[i * p + j] - (2 * u[i] * u[j] + 0.5 * (u[i] * v[j] + v[i] * u[j]))) < 1e-14);
  }
  const a = r.normals(p * p);
  const av = squareTimesVector(a, p, v);
  const ref = toMatrix(a, p, p).mmul(Matrix.columnVector(Array.from(v))).to1DArray();
  assert.ok(maxAbsDiff(av, ref) < 1e-12);
});

test('symmetric eigen-decomposition: ascending values, orthonormal vectors, A = VΛVᵀ', () => {
  const r = new Rng(6);
  const p = 12;
  const a = randomSpd(p, r);
  for (let i = 0; i < p; i++) a[i * p + i] -= 1.5; // make it indefinite
  const { values, vectors } = symmetricEigen(a, p);
  for (let j = 1; j < p; j++) assert.ok(values[j] >= values[j - 1]);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let rec = 0, orth = 0;
    for (let k = 0; k < p; k++) {
      rec += vectors[k * p + i] * values[k] * vectors[k * p + j];
      orth += vectors[i * p + k] * vectors[j * p + k];
    }
    assert.ok(Math.abs(rec - a[i * p + j]) < 1e-10);
    assert.ok(Math.abs(orth - (i === j ? 1 : 0)) < 1e-10);
  }
  assert.throws(() => symmetricEigen([1, NaN, NaN, 1], 2), /a\[0\]\[1\] must be finite/);
});

test('covariance factors: Cholesky when positive definite, eigen root when singular, bad C rejected', () => {
  const r = new Rng(7);
  const p = 8;
  const check = (c: Float64Array, f: Float64Array): void => {
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += f[i * p + k] * f[j * p + k];
      assert.ok(Math.abs(s - c[i * p + j]) < 1e-10);
    }
  };
  const c = randomSpd(p, r);
  const pd = covarianceFactor(c, p);
  assert.equal(pd.lower, true);
  check(c, pd.factor);
  // rank-3 C = ZZᵀ/3
  const z = r.normals(p * 3);
  const sing = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += z[i * 3 + k] * z[j * 3 + k];
    sing[i * p + j] = s / 3;
  }
  const ps = covarianceFactor(sing, p);
  assert.equal(ps.lower, false);
  check(sing, ps.factor);
  assert.throws(() => covarianceFactor([1, 0.5, 0.2, 1], 2), /symmetric/);
  assert.throws(() => covarianceFactor([1, 0, 0, -1], 2), /positive semi-definite.*-1/);
});

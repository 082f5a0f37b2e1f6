import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalCdf, normalSf, erf, erfc } from '../../src/stats/normal-cdf';

// Φ(x) to 20 significant digits from mpmath (mp.dps = 40, mpmath.ncdf): an independent reference.
const REFERENCE: Array<[number, number]> = [
  [-37, 5.7255712225245768227e-300], [-20, 2.7536241186062336951e-89], [-10, 7.619853024160526066e-24],
  [-8, 6.2209605742717841235e-16], [-5, 2.8665157187919391167e-7], [-3, 0.0013498980316300945267],
  [-1.96, 0.024997895148220436213], [-1, 0.15865525393145705141], [-0.5, 0.30853753872598689636],
  [-0.1, 0.46017216272297101633], [0, 0.5], [0.3, 0.61791142218895263307], [0.6, 0.72574688224992641231],
  [1, 0.84134474606854294859], [2, 0.9772498680518207928], [3, 0.99865010196836990547],
  [5, 0.99999971334842812081], [8, 0.9999999999999993779],
];

// Relative tolerance 4e-15 + x²·2.5e-16: rounding x/√2 to double costs ~x²·1.1e-16 relative in the tail.
test('normalCdf matches high-precision values to ~1e-15 relative', () => {
  for (const [x, phi] of REFERENCE) {
    const got = normalCdf(x);
    const rel = Math.abs(got - phi) / phi;
    const tol = 4e-15 + x * x * 2.5e-16;
    assert.ok(rel <= tol, `Φ(${x}) = ${got}, expected ${phi} (relative error ${rel})`);
  }
});

test('tails are computed directly: Φ(x) + Φ(-x) = 1 and Q(x) = Φ(-x)', () => {
  for (let x = -12; x <= 12; x += 0.173) {
    assert.ok(Math.abs(normalCdf(x) + normalCdf(-x) - 1) < 2e-16, `at ${x}`);
    assert.equal(normalSf(x), normalCdf(-x));
  }
  assert.equal(normalCdf(Infinity), 1);
  assert.equal(normalCdf(-Infinity), 0);
  assert.throws(() => normalCdf(NaN), RangeError);
});

test('erf and erfc agree with the Maclaurin series for |x| < 2 (independent computation)', () => {
  for (let x = -1.9; x < 2; x += 0.0731) {
    // erf(x) = 2/√π Σ (−1)^k x^{2k+1} / (k!(2k+1)); at |x| < 2 terms fall below 1e-18 after ~40 terms.
    let term = x, sum = x;
    for (let k = 1; k < 60; k++) {
      term *= (-x * x) / k;
      sum += term / (2 * k + 1);
    }
    const ref = (2 / Math.sqrt(Math.PI)) * sum;
    assert.ok(Math.abs(erf(x) - ref) < 1e-15, `erf(${x}) = ${erf(x)} vs series ${ref}`);
    assert.ok(Math.abs(erfc(x) - (1 - ref)) < 2e-15, `erfc(${x})`);
  }
});

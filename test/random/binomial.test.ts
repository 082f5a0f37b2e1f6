import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';

/** The Binomial(n, p) pmf by the recursion f(k) = f(k−1)·(n−k+1)/k·p/(1−p) from the mode outwards. */
function binomialPmf(n: number, p: number): number[] {
  const logF = (k: number): number => {
    let s = 0;
    for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
    return s + k * Math.log(p) + (n - k) * Math.log1p(-p);
  };
  const f: number[] = [];
  for (let k = 0; k <= n; k++) f.push(Math.exp(logF(k)));
  return f;
}

/** Chi-square quantile by Wilson–Hilferty: accurate to a few percent for df ≥ 3, ample for a bound. */
function chiSquareQuantile(df: number, z: number): number {
  const h = 2 / (9 * df);
  return df * (1 - h + z * Math.sqrt(h)) ** 3;
}

/**
 * Pearson's goodness-of-fit statistic of `draws` Binomial(n, p) samples against the exact pmf, cells
 * with expected count < 5 pooled into the tails; returns [statistic, degrees of freedom].
 */
function goodnessOfFit(r: Rng, n: number, p: number, draws: number): [number, number] {
  const f = binomialPmf(n, p);
  const counts = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < draws; i++) {
    const k = r.binomial(n, p);
    assert.ok(Number.isInteger(k) && k >= 0 && k <= n, `draw ${k} outside 0..${n}`);
    counts[k]++;
  }
  // Pool cells: lower tail up to lo, upper tail from hi.
  let lo = 0;
  let acc = f[0];
  while (acc * draws < 5) acc += f[++lo];
  let hi = n;
  let accHi = f[n];
  while (accHi * draws < 5) accHi += f[--hi];
  const cells: Array<[number, number]> = [];
  let oLo = 0, eLo = 0, oHi = 0, eHi = 0;
  for (let k = 0; k <= lo; k++) { oLo += counts[k]; eLo += f[k] * draws; }
  for (let k = hi; k <= n; k++) { oHi += counts[k]; eHi += f[k] * draws; }
  cells.push([oLo, eLo]);
  for (let k = lo + 1; k < hi; k++) cells.push([counts[k], f[k] * draws]);
  cells.push([oHi, eHi]);
  let stat = 0;
  for (const [o, e] of cells) stat += (o - e) ** 2 / e;
  return [stat, cells.length - 1];
}

test('binomial matches the exact pmf (chi-square, significance 1e-4) in the inversion and BTRS regimes', () => {
  const r = new Rng(11);
  const cases: Array<[number, number]> = [
    [20, 0.3], // n·p = 6: inversion
    [50, 0.9], // n·(1−p) = 5: inversion, reflected
    [100, 0.3], // n·p = 30: BTRS
    [1000, 0.97], // n·(1−p) = 30: BTRS, reflected
    [400, 0.5], // BTRS at p = 1/2
    [35, 0.3], // n·p = 10.5: BTRS just past the switch
  ];
  for (const [n, p] of cases) {
    const [stat, df] = goodnessOfFit(r, n, p, 200_000);
    const crit = chiSquareQuantile(df, 3.719); // z of 1 − 1e-4
    assert.ok(stat < crit, `n=${n} p=${p}: chi-square ${stat.toFixed(1)} on ${df} df exceeds ${crit.toFixed(1)}`);
  }
});

test('binomial with huge n has mean np and variance np(1−p) (5 standard errors) at O(1) cost', () => {
  const r = new Rng(12);
  for (const [n, p] of [[1e9, 0.3], [123_456_789, 1e-6], [2 ** 40, 0.75]] as Array<[number, number]>) {
    const draws = 20_000;
    let s = 0, s2 = 0;
    const mean0 = n * p, var0 = n * p * (1 - p);
    for (let i = 0; i < draws; i++) {
      const k = r.binomial(n, p);
      assert.ok(Number.isInteger(k) && k >= 0 && k <= n);
      const d = k - mean0;
      s += d;
      s2 += d * d;
    }
    const meanDev = s / draws;
    const v = s2 / draws - meanDev * meanDev;
    assert.ok(Math.abs(meanDev) < 5 * Math.sqrt(var0 / draws), `n=${n} p=${p}: mean off by ${meanDev}`);
    // Var of the sample variance ≈ 2σ⁴/draws for a near-Gaussian law.
    assert.ok(Math.abs(v - var0) < 5 * var0 * Math.sqrt(2 / draws), `n=${n} p=${p}: variance ${v} vs ${var0}`);
  }
});

test('binomial edge cases and bad arguments', () => {
  const r = new Rng(13);
  assert.equal(r.binomial(0, 0.4), 0);
  assert.equal(r.binomial(17, 0), 0);
  assert.equal(r.binomial(17, 1), 17);
  assert.throws(() => r.binomial(-1, 0.5), /binomial n .*-1/);
  assert.throws(() => r.binomial(2.5, 0.5), /binomial n .*2\.5/);
  assert.throws(() => r.binomial(10, 1.5), /probability .*1\.5/);
  assert.throws(() => r.binomial(10, NaN), /probability .*NaN/);
});

test('multinomial counts sum to n with the right marginal means', () => {
  const r = new Rng(14);
  const probs = [0.72, 0.06, 0.22];
  const n = 19_000, draws = 2000;
  const sums = [0, 0, 0];
  for (let i = 0; i < draws; i++) {
    const c = r.multinomial(n, probs);
    assert.equal(c.length, 3);
    assert.equal(c[0] + c[1] + c[2], n);
    for (let j = 0; j < 3; j++) sums[j] += c[j];
  }
  for (let j = 0; j < 3; j++) {
    const se = Math.sqrt((n * probs[j] * (1 - probs[j])) / draws);
    assert.ok(Math.abs(sums[j] / draws - n * probs[j]) < 5 * se, `category ${j}`);
  }
  assert.throws(() => r.multinomial(10, [0.5, 0.6]), /sum to 1/);
  assert.throws(() => r.multinomial(10, [1.5, -0.5]), /probs\[0\]/);
});

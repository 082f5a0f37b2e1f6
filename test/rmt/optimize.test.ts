/**
 * The optimiser (src/rmt/optimize.ts) is exact for the theory: on seeded random cases its best point
 * is at least as good as every point of independent fine grids (weights linear and geometric; every
 * integer m; an m × β grid), to the theory's own evaluation precision (1e-10: the fixed points stop
 * at a change of 1e-12). Its verdict and dip follow their definitions, checked against the theory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import {
  optimizeMixing, toyTheory, syntheticOnlyTheory, generalTheory, ACCURACY_TIE,
  type OptimizeResult, type OptimizeModel, type ToyParams, type SyntheticOnlyParams, type GeneralParams,
} from '../../src/rmt/index';

const EXACT = { pruning: 'exact' as const };
const PRECISION = 1e-10;

type Acc = (m: number, weight: number) => number;

function theoryOf(model: OptimizeModel, params: object): Acc {
  const safe = (g: () => number): number => {
    try {
      return g();
    } catch {
      return -Infinity;
    }
  };
  if (model === 'toy') return (m, weight) => safe(() => toyTheory({ ...(params as ToyParams), m, weight }, EXACT).accuracy);
  if (model === 'synthetic-only') return (m, weight) => safe(() => syntheticOnlyTheory({ ...(params as SyntheticOnlyParams), m, weight }, EXACT).accuracy);
  return (m, weight) => safe(() => generalTheory({ ...(params as GeneralParams), m, weight }, EXACT).accuracy);
}

const WEIGHTS = [
  ...Array.from({ length: 1001 }, (_, i) => i / 100), // 0 .. 10 step 0.01
  ...Array.from({ length: 801 }, (_, i) => 10 ** (-4 + i / 100)), // 1e-4 .. 1e4, 100 per decade
];

function atLeastGrid(res: OptimizeResult, grid: Array<[number, number]>, acc: Acc, what: string): void {
  let gm = -Infinity, arg: [number, number] = [NaN, NaN];
  for (const [m, w] of grid) {
    const a = acc(m, w);
    if (a > gm) { gm = a; arg = [m, w]; }
  }
  assert.ok(res.best.accuracy >= gm - PRECISION,
    `${what}: best ${JSON.stringify(res.best)} below the grid's ${gm} at m = ${arg[0]}, weight = ${arg[1]}`);
  // the reported accuracy is the theory's at the reported point
  assert.ok(Math.abs(acc(res.best.m, res.best.weight) - res.best.accuracy) < 1e-12, `${what}: best accuracy is the theory's`);
}

function checkVerdictAndDip(res: OptimizeResult, acc: Acc, n: number, weight: number, what: string): void {
  const noSyn = res.best.m === 0 || res.best.weight === 0;
  const expected = noSyn || res.best.accuracy <= res.realOnly.accuracy + ACCURACY_TIE
    ? 'hurt' : res.atWeight1.accuracy > res.realOnly.accuracy + ACCURACY_TIE ? 'help' : 'help only when weighted';
  assert.equal(res.verdict, expected, `${what}: verdict`);
  assert.ok(Math.abs(res.gain - (res.best.accuracy - res.realOnly.accuracy)) < 1e-15);
  if (res.dip) {
    const d = res.dip;
    assert.equal(d.weight, weight);
    assert.ok(Math.abs(acc(d.m, weight) - d.accuracy) < 1e-12, `${what}: dip accuracy is the theory's`);
    assert.ok(d.m > 0 && d.m < res.mMax && Math.abs(d.share - d.m / (n + d.m)) < 1e-15);
    // higher on both sides, and a local minimum
    let left = -Infinity, right = -Infinity;
    for (let k = 0; k <= 50; k++) {
      left = Math.max(left, acc(Math.round((d.m * k) / 50), weight));
      right = Math.max(right, acc(Math.round(d.m + ((res.mMax - d.m) * k) / 50), weight));
    }
    assert.ok(left > d.accuracy && right > d.accuracy, `${what}: dip at m = ${d.m} is not a dip`);
    assert.ok(acc(d.m - 1, weight) >= d.accuracy - PRECISION && acc(d.m + 1, weight) >= d.accuracy - PRECISION, `${what}: dip not local`);
  }
}

function randomToy(r: Rng): ToyParams {
  return {
    n: 20 + r.int(400), nHat: 50 + r.int(1500), m: 1 + r.int(1500), p: 20 + r.int(300), mu: 0.3 + 1.7 * r.uniform(),
    epsilon: 0.5 * r.uniform(), rho: r.uniform(), phi: 0.2 + 0.8 * r.uniform(), gamma: 0.1 + 1.5 * r.uniform(),
  };
}

test('toy: the best weight beats a fine grid of weights; the best m beats every integer m', () => {
  const r = new Rng(401);
  for (let k = 0; k < 6; k++) {
    const t = randomToy(r);
    const acc = theoryOf('toy', t);
    const w = optimizeMixing('toy', t, { over: 'weight' });
    atLeastGrid(w, WEIGHTS.map((b) => [t.m, b]), acc, `toy ${k} over weight`);
    checkVerdictAndDip(w, acc, t.n, 1, `toy ${k} over weight`);
    assert.equal(w.atWeight1.weight, 1);
    assert.equal(w.atWeight1.accuracy, acc(t.m, 1));
    const mMax = 300 + r.int(200);
    const m = optimizeMixing('toy', t, { over: 'm', mMax });
    atLeastGrid(m, Array.from({ length: mMax + 1 }, (_, i) => [i, 1]), acc, `toy ${k} over m`);
    checkVerdictAndDip(m, acc, t.n, 1, `toy ${k} over m`);
    assert.equal(m.realOnly.accuracy, acc(0, 1));
  }
});

test('toy and synthetic-only: the best (m, weight) beats an m × weight grid', () => {
  const r = new Rng(402);
  for (let k = 0; k < 3; k++) {
    const t = randomToy(r);
    const mMax = 300;
    const res = optimizeMixing('toy', t, { over: 'both', mMax });
    const grid: Array<[number, number]> = [];
    for (let m = 0; m <= mMax; m += 10) for (let i = 0; i <= 60; i++) grid.push([m, 10 ** (-3 + i / 10)]);
    atLeastGrid(res, grid, theoryOf('toy', t), `toy ${k} both`);
    checkVerdictAndDip(res, theoryOf('toy', t), t.n, 1, `toy ${k} both`);
  }
  const s: SyntheticOnlyParams = { m: 300, p: 100, mu: 1.2, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 };
  const res = optimizeMixing('synthetic-only', s, { over: 'both', mMax: 400 });
  const grid: Array<[number, number]> = [];
  for (let m = 1; m <= 400; m += 7) for (let i = 0; i <= 80; i++) grid.push([m, 10 ** (-4 + i / 10)]);
  atLeastGrid(res, grid, theoryOf('synthetic-only', s), 'synthetic-only both');
  assert.deepEqual(res.realOnly, { weight: 0, m: 0, accuracy: 0.5 });
});

test('synthetic only and general: best weight and best m beat fine grids', () => {
  const r = new Rng(403);
  for (let k = 0; k < 3; k++) {
    const s: SyntheticOnlyParams = {
      m: 50 + r.int(800), p: 20 + r.int(300), mu: 0.5 + 1.5 * r.uniform(), epsilon: 0.45 * r.uniform(),
      rho: r.uniform(), phi: 0.3 + 0.7 * r.uniform(), gamma: 0.1 + 2 * r.uniform(),
    };
    const acc = theoryOf('synthetic-only', s);
    atLeastGrid(optimizeMixing('synthetic-only', s, { over: 'weight' }), WEIGHTS.filter((b) => b > 0).map((b) => [s.m, b]), acc, `synthetic-only ${k} weight`);
    const m = optimizeMixing('synthetic-only', s, { over: 'm', mMax: 600 });
    atLeastGrid(m, Array.from({ length: 600 }, (_, i) => [i + 1, 1]), acc, `synthetic-only ${k} m`);
  }
  const p = 4;
  for (let k = 0; k < 2; k++) {
    const mu = Array.from({ length: p }, () => r.normal() / 2);
    const muBeta = mu.map((v) => 0.6 * v + 0.3 * r.normal());
    const cov = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 + r.uniform() : 0.1)));
    const g: GeneralParams = { n: 10 + r.int(40), m: 20 + r.int(60), mu, muBeta, cov, epsilon: 0.3 * r.uniform(), rho: 0.5, phi: 0.9, gamma: 0.5 };
    const acc = theoryOf('general', g);
    const w = optimizeMixing('general', g, { over: 'weight' });
    atLeastGrid(w, WEIGHTS.map((b) => [g.m, b]), acc, `general ${k} weight`);
    checkVerdictAndDip(w, acc, g.n, 1, `general ${k} weight`);
    const m = optimizeMixing('general', g, { over: 'm', mMax: 200 });
    atLeastGrid(m, Array.from({ length: 201 }, (_, i) => [i, 1]), acc, `general ${k} m`);
  }
});

test('verdicts: anti-aligned synthetic data hurt; clean synthetic data from a good generator help', () => {
  const p = 3;
  const mu = [0.8, -0.2, 0.3];
  const cov = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const bad = optimizeMixing('general', { n: 40, m: 100, mu, muBeta: mu.map((v) => -v), cov, epsilon: 0, rho: 1, phi: 1, gamma: 0.5 }, { over: 'weight' });
  assert.equal(bad.verdict, 'hurt');
  assert.ok(bad.atWeight1.accuracy < bad.realOnly.accuracy);
  const good = optimizeMixing('toy', { n: 100, nHat: 100_000, m: 1000, p: 100, mu: 1, epsilon: 0, rho: 1, phi: 1, gamma: 1 }, { over: 'weight' });
  assert.equal(good.verdict, 'help');
  assert.ok(good.atWeight1.accuracy > good.realOnly.accuracy && good.best.accuracy >= good.atWeight1.accuracy);
  void p;
});

test('bad options are named', () => {
  const t: ToyParams = { n: 100, nHat: 100, m: 100, p: 50, mu: 1, epsilon: 0.1, rho: 1, phi: 1, gamma: 1 };
  assert.throws(() => optimizeMixing('toy', t, { over: 'beta' as never }), /over must be one of "weight", "m", "both", got "beta"/);
  assert.throws(() => optimizeMixing('toy', t, { over: 'weight', pruning: 'paper' }), /needs pruning "exact"/);
  assert.throws(() => optimizeMixing('toy', t, { over: 'm', mMax: 0 }), /mMax must be an integer >= 1, got 0/);
  assert.throws(() => optimizeMixing('svm' as never, t, { over: 'm' }), /model must be one of/);
  assert.throws(() => optimizeMixing('toy', { ...t, weight: -2 }, { over: 'm' }), /weight must be a finite number >= 0/);
  // over m in paper mode at weight 1 is allowed
  assert.equal(optimizeMixing('toy', t, { over: 'm', mMax: 50, pruning: 'paper' }).best.weight, 1);
});

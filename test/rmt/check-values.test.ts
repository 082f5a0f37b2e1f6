/**
 * The check values of issue 2, from the published reference implementation of El Firdoussi et al.
 * (|difference| ≤ 1e-8).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toyTheory, toyFixedPoint, syntheticOnlyTheory, generalTheory, generalTheoryDense } from '../../src/rmt/index';

const TOL = 1e-8;
function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= TOL, `${what}: got ${actual}, expected ${expected} (diff ${actual - expected})`);
}

test('toy row 1: accuracy and the three fixed points', () => {
  const r = toyTheory({ n: 1000, nHat: 1000, m: 1000, p: 200, mu: 0.7, epsilon: 0.25, rho: 0, phi: 1, gamma: 1 });
  close(r.accuracySymmetric, 0.7332174520074907, 'accuracySymmetric');
  close(r.accuracy, 0.7332174520074907, 'accuracy (signed, E[g] > 0)');
  close(r.deltas[0], 0.05491686082952196, 'delta_r');
  close(r.deltas[1], 0.03961805531552782, 'delta_s');
  close(r.deltas[2], 0.03961805531529773, 'delta_g');
});

test('toy row 2: weak supervision (rho, phi) = (1, 0.5)', () => {
  const r = toyTheory({ n: 1000, nHat: 1000, m: 4000, p: 500, mu: 0.7, epsilon: 0.25, rho: 1, phi: 0.5, gamma: 1 });
  close(r.accuracySymmetric, 0.6575006613069312, 'accuracySymmetric');
});

test('toy row 3: n̂ < p, small gamma', () => {
  const r = toyTheory({ n: 800, nHat: 200, m: 2000, p: 400, mu: 1.2, epsilon: 0.1, rho: 0.1, phi: 0.9, gamma: 0.1 });
  close(r.accuracySymmetric, 0.8245588414867641, 'accuracySymmetric');
});

test('toy row 4: the fixed points do not depend on ‖μ‖ (two different μ)', () => {
  const base = { n: 1000, nHat: 1000, m: 5000, p: 2000, epsilon: 0.2, rho: 0.2, phi: 0.9, gamma: 1 };
  const expected = [0.22865221633239097, 0.09696914826776433, 0.7920718859175326];
  for (const mu of [0.3, 2.5]) {
    const r = toyTheory({ ...base, mu });
    expected.forEach((e, i) => close(r.deltas[i], e, `delta[${i}] at mu=${mu}`));
    const f = toyFixedPoint({ ...base, mu });
    close(f.deltaR, expected[0], 'toyFixedPoint deltaR');
    close(f.deltaS, expected[1], 'toyFixedPoint deltaS');
    close(f.deltaG, expected[2], 'toyFixedPoint deltaG');
  }
});

test('synthetic-only rows', () => {
  const a = syntheticOnlyTheory({ m: 1000, p: 100, mu: 1, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 });
  close(a.accuracySymmetric, 0.7963615572367521, 'row 1 accuracySymmetric');
  const b = syntheticOnlyTheory({ m: 100000, p: 100, mu: 1, epsilon: 0.8, rho: 0.3, phi: 0.8, gamma: 1 });
  close(b.accuracySymmetric, 0.8296138602312803, 'row 2 accuracySymmetric');
  close(b.accuracy, 0.1703861397687197, 'row 2 signed accuracy (past epsilon*)');
  assert.ok(b.mean < 0, 'E[g] < 0 past the phase transition');
});

const mu = [0.6, -0.3, 0.5];
const muBeta = [0.55, -0.25, 0.6];
const cov = [[1.5, 0.2, 0], [0.2, 0.8, 0.1], [0, 0.1, 1.1]];

test('general row 1 (fast eigenbasis path and dense reference)', () => {
  const params = { n: 20, m: 30, p: 3, mu, muBeta, cov, epsilon: 0.2, rho: 0.1, phi: 0.9, gamma: 0.5 };
  for (const [name, f] of [['fast', generalTheory], ['dense', generalTheoryDense]] as const) {
    const r = f(params);
    close(r.accuracySymmetric, 0.7807774462412918, `${name} accuracySymmetric`);
    close(r.mean, 0.2884164750287339, `${name} mean`);
    close(r.secondMoment, 0.22174369968257984, `${name} secondMoment`);
    close(r.deltas[0], 0.044338969675048384, `${name} delta`);
    close(r.deltas[1], 0.03599731193199347, `${name} delta_s`);
  }
});

test('general row 2: n = 0, clean synthetic data', () => {
  const r = generalTheory({ n: 0, m: 50, mu, muBeta, cov, epsilon: 0, rho: 0, phi: 1, gamma: 1 });
  close(r.accuracySymmetric, 0.7827453673759819, 'accuracySymmetric');
  close(r.mean, 0.2504217739166214, 'mean');
  close(r.secondMoment, 0.165391500179049, 'secondMoment');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epsilonStar, syntheticOnlyTheory } from '../../src/rmt/index';

test('epsilon* = (1 + rho/phi)^-1', () => {
  assert.ok(Math.abs(epsilonStar(0.3, 0.8) - 0.8 / 1.1) < 1e-15);
  assert.equal(epsilonStar(0, 1), 1);
  assert.equal(epsilonStar(1, 1), 0.5);
  assert.equal(epsilonStar(1, 0), 0);
});

test('the synthetic-only signed accuracy crosses 1/2 exactly at epsilon*', () => {
  for (const [rho, phi, m, p] of [[0.3, 0.8, 1000, 100], [0.5, 0.5, 100, 100], [0.2, 0.9, 100000, 100], [0.9, 0.4, 50, 200]]) {
    const star = epsilonStar(rho, phi);
    const acc = (epsilon: number): number => syntheticOnlyTheory({ m, p, mu: 1, epsilon, rho, phi, gamma: 1 }).accuracy - 0.5;
    // Bisection on the signed accuracy, independent of the formula for epsilon*.
    let lo = 0, hi = 1;
    assert.ok(acc(lo) > 0 && acc(hi) < 0, 'sign change on [0, 1]');
    for (let i = 0; i < 60; i++) {
      const mid = 0.5 * (lo + hi);
      if (acc(mid) > 0) lo = mid; else hi = mid;
    }
    assert.ok(Math.abs(lo - star) < 1e-12, `crossing ${lo} vs epsilon* ${star} (rho=${rho}, phi=${phi}, m=${m})`);
    const at = syntheticOnlyTheory({ m, p, mu: 1, epsilon: star, rho, phi, gamma: 1 });
    assert.ok(Math.abs(at.accuracy - 0.5) < 1e-12 && Math.abs(at.accuracySymmetric - 0.5) < 1e-12);
  }
});

test('the transition sharpens as m/p grows (Figure 4)', () => {
  const [rho, phi, p] = [0.3, 0.8, 100];
  const star = epsilonStar(rho, phi);
  const slope = (m: number): number => {
    const h = 1e-4;
    const f = (e: number): number => syntheticOnlyTheory({ m, p, mu: 1, epsilon: e, rho, phi, gamma: 1 }).accuracy;
    return (f(star + h) - f(star - h)) / (2 * h);
  };
  const slopes = [1, 10, 100, 1000].map((k) => slope(k * p));
  for (let i = 1; i < slopes.length; i++) assert.ok(slopes[i] < slopes[i - 1], `slopes ${slopes}`);
});

/**
 * The check values of issue 2, from the published reference implementation of El Firdoussi et al.
 * (|difference| ≤ 1e-8). The table lives in src/rmt/check-values.ts (shared with `synthrmt check`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toyFixedPoint, syntheticOnlyTheory, generalTheoryDense } from '../../src/rmt/index';
import { CHECK_VALUES, CHECK_VALUE_TOLERANCE as TOL, checkField, checkValueTheory, evaluateCheckValues, type CheckField } from '../../src/rmt/check-values';

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= TOL, `${what}: got ${actual}, expected ${expected} (diff ${actual - expected})`);
}
const byId = (id: string) => {
  const cv = CHECK_VALUES.find((c) => c.id === id);
  assert.ok(cv, id);
  return cv;
};

for (const cv of CHECK_VALUES) {
  test(`check value ${cv.id} (${cv.setting})`, () => {
    const r = checkValueTheory(cv);
    for (const [field, expected] of Object.entries(cv.expected) as [CheckField, number][]) close(checkField(r, field), expected, `${cv.id} ${field}`);
  });
}

test('evaluateCheckValues: one row per expected value, differences within the tolerance', () => {
  const rows = evaluateCheckValues();
  assert.equal(rows.length, CHECK_VALUES.reduce((s, c) => s + Object.keys(c.expected).length, 0));
  for (const r of rows) assert.ok(r.diff <= TOL, `${r.id} ${r.field}: ${r.diff}`);
  // a wrong expected value is caught
  const bad = evaluateCheckValues([{ ...byId('toy-2'), expected: { accuracySymmetric: 0.6575006613069312 + 1e-6 } }]);
  assert.ok(bad[0].diff > TOL);
});

test('toy row 4: toyFixedPoint gives the same fixed points at both μ', () => {
  for (const id of ['toy-4a', 'toy-4b']) {
    const cv = byId(id);
    const f = toyFixedPoint(cv.params as unknown as Parameters<typeof toyFixedPoint>[0]);
    close(f.deltaR, cv.expected['deltas[0]']!, 'toyFixedPoint deltaR');
    close(f.deltaS, cv.expected['deltas[1]']!, 'toyFixedPoint deltaS');
    close(f.deltaG, cv.expected['deltas[2]']!, 'toyFixedPoint deltaG');
  }
});

test('synthetic-only row 2: E[g] < 0 past the phase transition', () => {
  const b = syntheticOnlyTheory(byId('synthetic-only-2').params as unknown as Parameters<typeof syntheticOnlyTheory>[0]);
  assert.ok(b.mean < 0);
});

test('general row 1: the dense reference gives the same values', () => {
  const cv = byId('general-1');
  const r = generalTheoryDense(cv.params as unknown as Parameters<typeof generalTheoryDense>[0]);
  for (const [field, expected] of Object.entries(cv.expected) as [CheckField, number][]) close(checkField(r, field), expected, `dense ${field}`);
});

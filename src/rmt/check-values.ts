/**
 * The check values of the published reference implementation of El Firdoussi et al. (issue 2):
 * settings and the values the reference code prints for them (accuracy of Theorem 4.1/4.2, the
 * moments E[g], E[g²] and the fixed points δ of spec/theory.md). One table, used by the tests
 * (test/rmt/check-values.test.ts) and by the reproduction scorecard (`synthrmt check`).
 */
import { generalTheory } from './general';
import { syntheticOnlyTheory } from './synthetic-only';
import { toyTheory } from './toy';
import type { TheoryResult } from './accuracy';

/** Agreement required with the reference values (both are double-precision fixed points). */
export const CHECK_VALUE_TOLERANCE = 1e-8;

export type CheckSetting = 'toy' | 'synthetic-only' | 'general';

/** A value of the theory's result: a field, or `deltas[i]`. */
export type CheckField = 'accuracySymmetric' | 'accuracy' | 'mean' | 'secondMoment' | `deltas[${number}]`;

export interface CheckValue {
  id: string;
  setting: CheckSetting;
  params: Record<string, unknown>;
  expected: Partial<Record<CheckField, number>>;
}

const mu = [0.6, -0.3, 0.5];
const muBeta = [0.55, -0.25, 0.6];
const cov = [[1.5, 0.2, 0], [0.2, 0.8, 0.1], [0, 0.1, 1.1]];
const toy4 = { n: 1000, nHat: 1000, m: 5000, p: 2000, epsilon: 0.2, rho: 0.2, phi: 0.9, gamma: 1 };
const toy4Deltas = { 'deltas[0]': 0.22865221633239097, 'deltas[1]': 0.09696914826776433, 'deltas[2]': 0.7920718859175326 };

export const CHECK_VALUES: readonly CheckValue[] = [
  {
    id: 'toy-1',
    setting: 'toy',
    params: { n: 1000, nHat: 1000, m: 1000, p: 200, mu: 0.7, epsilon: 0.25, rho: 0, phi: 1, gamma: 1 },
    expected: { accuracySymmetric: 0.7332174520074907, accuracy: 0.7332174520074907, 'deltas[0]': 0.05491686082952196, 'deltas[1]': 0.03961805531552782, 'deltas[2]': 0.03961805531529773 },
  },
  { id: 'toy-2', setting: 'toy', params: { n: 1000, nHat: 1000, m: 4000, p: 500, mu: 0.7, epsilon: 0.25, rho: 1, phi: 0.5, gamma: 1 }, expected: { accuracySymmetric: 0.6575006613069312 } },
  { id: 'toy-3', setting: 'toy', params: { n: 800, nHat: 200, m: 2000, p: 400, mu: 1.2, epsilon: 0.1, rho: 0.1, phi: 0.9, gamma: 0.1 }, expected: { accuracySymmetric: 0.8245588414867641 } },
  // the fixed points do not depend on ‖μ‖: the same values at two μ
  { id: 'toy-4a', setting: 'toy', params: { ...toy4, mu: 0.3 }, expected: toy4Deltas },
  { id: 'toy-4b', setting: 'toy', params: { ...toy4, mu: 2.5 }, expected: toy4Deltas },
  { id: 'synthetic-only-1', setting: 'synthetic-only', params: { m: 1000, p: 100, mu: 1, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 }, expected: { accuracySymmetric: 0.7963615572367521 } },
  {
    id: 'synthetic-only-2',
    setting: 'synthetic-only',
    params: { m: 100000, p: 100, mu: 1, epsilon: 0.8, rho: 0.3, phi: 0.8, gamma: 1 },
    expected: { accuracySymmetric: 0.8296138602312803, accuracy: 0.1703861397687197 },
  },
  {
    id: 'general-1',
    setting: 'general',
    params: { n: 20, m: 30, p: 3, mu, muBeta, cov, epsilon: 0.2, rho: 0.1, phi: 0.9, gamma: 0.5 },
    expected: { accuracySymmetric: 0.7807774462412918, mean: 0.2884164750287339, secondMoment: 0.22174369968257984, 'deltas[0]': 0.044338969675048384, 'deltas[1]': 0.03599731193199347 },
  },
  {
    id: 'general-2',
    setting: 'general',
    params: { n: 0, m: 50, mu, muBeta, cov, epsilon: 0, rho: 0, phi: 1, gamma: 1 },
    expected: { accuracySymmetric: 0.7827453673759819, mean: 0.2504217739166214, secondMoment: 0.165391500179049 },
  },
];

/** The theory (paper mode) of a check value's setting. */
export function checkValueTheory(cv: CheckValue): TheoryResult {
  switch (cv.setting) {
    case 'toy':
      return toyTheory(cv.params as unknown as Parameters<typeof toyTheory>[0]);
    case 'synthetic-only':
      return syntheticOnlyTheory(cv.params as unknown as Parameters<typeof syntheticOnlyTheory>[0]);
    case 'general':
      return generalTheory(cv.params as unknown as Parameters<typeof generalTheory>[0]);
  }
}

/** A field of a theory result (`deltas[i]` included). */
export function checkField(r: TheoryResult, field: CheckField): number {
  const m = /^deltas\[(\d+)\]$/.exec(field);
  if (m) return r.deltas[Number(m[1])];
  return (r as unknown as Record<string, number>)[field];
}

export interface CheckValueResult {
  id: string;
  field: CheckField;
  expected: number;
  actual: number;
  diff: number;
}

/** Every expected value of every check value against the theory computed now. */
export function evaluateCheckValues(values: readonly CheckValue[] = CHECK_VALUES): CheckValueResult[] {
  const out: CheckValueResult[] = [];
  for (const cv of values) {
    const r = checkValueTheory(cv);
    for (const [field, expected] of Object.entries(cv.expected) as [CheckField, number][]) {
      const actual = checkField(r, field);
      out.push({ id: cv.id, field, expected, actual, diff: Math.abs(actual - expected) });
    }
  }
  return out;
}

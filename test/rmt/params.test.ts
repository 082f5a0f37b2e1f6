/** Every out-of-domain parameter is rejected with a RangeError naming it, its value and the rule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  toyTheory, toyFixedPoint, syntheticOnlyTheory, generalTheory, generalTheoryPrepared, prepareCovariance,
  epsilonStar, mpDensity, mpEdges, mpAtom, mpCdf,
} from '../../src/rmt/index';

const TOY = { n: 1000, nHat: 1000, m: 1000, p: 200, mu: 0.7, epsilon: 0.25, rho: 0, phi: 1, gamma: 1 };
const SYN = { m: 1000, p: 100, mu: 1, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 };
const GEN = {
  n: 20, m: 30, mu: [0.6, -0.3, 0.5], muBeta: [0.55, -0.25, 0.6],
  cov: [[1.5, 0.2, 0], [0.2, 0.8, 0.1], [0, 0.1, 1.1]], epsilon: 0.2, rho: 0.1, phi: 0.9, gamma: 0.5,
};

function rejects(f: () => unknown, pattern: RegExp, what: string): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof RangeError, `${what}: expected a RangeError, got ${String(e)}`);
    assert.match(e.message, pattern, `${what}: message "${e.message}"`);
    return true;
  });
}

const BAD_SCALARS: Array<[string, unknown, RegExp]> = [
  ['epsilon', 1.2, /epsilon must be in \[0, 1\], got 1\.2/],
  ['epsilon', -0.1, /epsilon must be in \[0, 1\], got -0\.1/],
  ['rho', 2, /rho must be in \[0, 1\], got 2/],
  ['phi', -1, /phi must be in \[0, 1\], got -1/],
  ['gamma', 0, /gamma must be > 0, got 0/],
  ['gamma', -2, /gamma must be > 0, got -2/],
  ['gamma', NaN, /gamma must be a finite number, got NaN/],
  ['mu', -0.5, /mu must be >= 0, got -0\.5/],
  ['mu', Infinity, /mu must be a finite number, got Infinity/],
  ['p', 0, /p must be an integer >= 1, got 0/],
  ['p', 200.5, /p must be an integer >= 1, got 200\.5/],
  ['m', -1, /m must be an integer >= (0|1), got -1/],
  ['weight', -1, /weight must be a finite number >= 0 .*got -1/],
  ['weight', NaN, /weight must be a finite number >= 0 .*got NaN/],
  ['weight', '2', /weight must be a finite number >= 0 .*got "2"/],
  ['m', '1000', /m must be a finite number, got "1000"/],
];

test('toy: every bad parameter is named', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ...BAD_SCALARS,
    ['n', -1, /n must be an integer >= 0, got -1/],
    ['n', 10.5, /n must be an integer >= 0, got 10\.5/],
    ['nHat', 0, /nHat must be an integer >= 1, got 0/],
    ['nHat', -3, /nHat must be an integer >= 1, got -3/],
    ['n', undefined, /n must be a finite number, got undefined \(missing\)/],
  ];
  for (const [k, v, re] of cases) {
    rejects(() => toyTheory({ ...TOY, [k]: v }), re, `toy ${k}=${String(v)}`);
    rejects(() => toyFixedPoint({ ...TOY, [k]: v }), re, `toyFixedPoint ${k}=${String(v)}`);
  }
  rejects(() => toyTheory({ ...TOY, phi: 0, rho: 0 }), /alpha .* must be > 0/, 'alpha = 0');
  rejects(() => toyTheory({ ...TOY, epsilon: 1, rho: 0 }), /alpha = phi\(1-epsilon\) \+ rho\*epsilon must be > 0 .*got 0 \(epsilon=1, rho=0, phi=1\)/, 'alpha = 0 via epsilon = 1');
  rejects(() => toyTheory({ ...TOY, nhat: 3 } as never), /unknown toy parameter "nhat"/, 'misspelt field');
  rejects(() => toyTheory({ ...TOY, n: 0, m: 0 }), /n \+ m must be > 0/, 'toy N = 0');
  rejects(() => toyTheory({ ...TOY, weight: 2 }), /weight = 2 needs pruning "exact"/, 'toy weight in paper mode');
  rejects(() => toyTheory({ ...TOY, n: 0, weight: 0 }, { pruning: 'exact' }), /weight must be > 0 when there is no real data \(n = 0\)/, 'toy n = 0, weight 0');
});

test('synthetic-only: every bad parameter is named', () => {
  for (const [k, v, re] of BAD_SCALARS) rejects(() => syntheticOnlyTheory({ ...SYN, [k]: v }), re, `synthetic-only ${k}=${String(v)}`);
  rejects(() => syntheticOnlyTheory({ ...SYN, phi: 0, rho: 0 }), /alpha/, 'alpha = 0');
  rejects(() => syntheticOnlyTheory({ ...SYN, n: 5 } as never), /unknown synthetic-only parameter "n"/, 'extra n');
  rejects(() => syntheticOnlyTheory({ ...SYN, m: 0 }), /m must be an integer >= 1, got 0/, 'synthetic-only m = 0');
  rejects(() => syntheticOnlyTheory({ ...SYN, weight: 0.5 }), /weight = 0\.5 needs pruning "exact"/, 'weight in paper mode');
  rejects(() => syntheticOnlyTheory({ ...SYN, weight: 0 }, { pruning: 'exact' }), /weight must be > 0 when there is no real data/, 'weight 0');
});

test('general: bad scalars, dimensions and covariances are named', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['epsilon', 1.2, /epsilon must be in \[0, 1\], got 1\.2/],
    ['rho', -0.2, /rho must be in \[0, 1\]/],
    ['phi', 3, /phi must be in \[0, 1\]/],
    ['gamma', 0, /gamma must be > 0, got 0/],
    ['n', -1, /n must be an integer >= 0, got -1/],
    ['m', 2.5, /m must be an integer >= 0, got 2\.5/],
    ['p', 4, /p must equal the dimension of cov \(3\), got 4/],
    ['mu', [0.6, -0.3], /mu must have length p = 3, got length 2/],
    ['mu', [0.6, NaN, 0.5], /mu\[1\] must be a finite number, got NaN/],
    ['mu', 0.7, /mu must be an array of numbers, got 0\.7/],
    ['muBeta', [1, 2, 3, 4], /muBeta must have length p = 3, got length 4/],
    ['cov', [[1, 0], [0, 1]], /p must equal the dimension of cov|mu must have length p = 2/],
    ['cov', [[1, 0.5, 0], [0, 1, 0], [0, 0, 1]], /cov must be symmetric, got cov\[0\]\[1\] = 0\.5 but cov\[1\]\[0\] = 0/],
    ['cov', [[1, 2, 0], [2, 1, 0], [0, 0, 1]], /cov must be positive definite, got smallest eigenvalue -(1|0\.9999)/],
    ['cov', [[1, 0, 0], [0, 1, 0], [0, 0]], /cov must be square: row 2 has length 2, expected 3/],
    ['cov', [[1, 0, 0], [0, NaN, 0], [0, 0, 1]], /cov\[1\]\[1\] must be a finite number, got NaN/],
    ['cov', Float64Array.from([1, 0, 0, 1, 0]), /cov as a Float64Array must hold p\*p entries/],
    ['cov', undefined, /cov must be a p x p matrix/],
  ];
  for (const [k, v, re] of cases) rejects(() => generalTheory({ ...GEN, [k]: v } as never), re, `general ${k}`);
  rejects(() => generalTheory({ ...GEN, n: 0, m: 0 }), /n \+ m must be > 0/, 'N = 0');
  rejects(() => generalTheory({ ...GEN, rho: 0, phi: 0 }), /alpha/, 'alpha = 0');
  rejects(() => generalTheory({ ...GEN, weight: -0.5 }), /weight must be a finite number >= 0 .*got -0\.5/, 'general weight');
  rejects(() => generalTheory({ ...GEN, weight: 3 }), /weight = 3 needs pruning "exact"/, 'general weight in paper mode');
  const prep = prepareCovariance(GEN.cov);
  const { cov: _c, ...rest } = GEN;
  rejects(() => generalTheoryPrepared(prep, { ...rest, muBeta: [1, 2] }), /muBeta must have length p = 3/, 'prepared muBeta');
  rejects(() => generalTheoryPrepared(prep, { ...rest, cov: GEN.cov } as never), /cov must not be passed to generalTheoryPrepared/, 'prepared extra cov');
});

test('epsilonStar and Marchenko–Pastur validate their arguments', () => {
  rejects(() => epsilonStar(0, 0), /rho and phi must not both be 0/, 'epsilonStar(0, 0)');
  rejects(() => epsilonStar(1.5, 0.5), /rho must be in \[0, 1\], got 1\.5/, 'rho');
  rejects(() => epsilonStar(0.5, NaN), /phi must be a finite number, got NaN/, 'phi');
  for (const f of [mpEdges, mpAtom] as Array<(e: number) => unknown>) {
    rejects(() => f(0), /etaHat must be > 0, got 0/, 'etaHat 0');
    rejects(() => f(-1), /etaHat must be > 0, got -1/, 'etaHat -1');
  }
  rejects(() => mpDensity(1, NaN), /etaHat must be a finite number, got NaN/, 'density etaHat');
  rejects(() => mpDensity(NaN, 0.5), /x must be a number, got NaN/, 'density x');
  rejects(() => mpCdf(1, 0), /etaHat must be > 0/, 'cdf etaHat');
});

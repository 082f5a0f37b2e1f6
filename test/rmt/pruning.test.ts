/**
 * The two pruning modes of the theory (src/rmt/pruning.ts): 'paper' (the published formulas, the
 * default) and 'exact' (the unpruned reduction m′ = αm, ε′ = ερ/α, ρ′ = φ′ = 1,
 * γ′ = γ(n+m)/(n+αm) of a 0/1 pruning mask).
 *  - they coincide when α = 1;
 *  - with α < 1 the fast simulator (exact in law) at p = 200 agrees with 'exact' within 3 standard
 *    errors in accuracy (4 in the moments) while 'paper' is off by many;
 *  - ε* (λ = 0) is the same in both modes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { cholesky } from '../../src/linalg/index';
import {
  toyTheory, syntheticOnlyTheory, generalTheory, generalTheoryPrepared, generalTheoryDense, prepareCovariance,
  epsilonStar, exactPruningReduction, type TheoryResult,
} from '../../src/rmt/index';
import { randomMean, emptyReal, sampleRealPrepared, fastDraw, drawStreams, summarize, type DrawParams } from '../../src/sim/index';

const COV = [[1.5, 0.2, 0], [0.2, 0.8, 0.1], [0, 0.1, 1.1]];
const GEN = { n: 20, m: 30, mu: [0.6, -0.3, 0.5], muBeta: [0.55, -0.25, 0.6], cov: COV, gamma: 0.5 };
const TOY = { n: 400, nHat: 300, m: 800, p: 200, mu: 1, gamma: 1 };
const SYN = { m: 600, p: 200, mu: 1.5, gamma: 1 };

function sameResult(a: TheoryResult, b: TheoryResult, tol: number, what: string): void {
  for (const k of ['accuracy', 'accuracySymmetric', 'mean', 'secondMoment'] as const) {
    assert.ok(Math.abs(a[k] - b[k]) <= tol, `${what} ${k}: ${a[k]} vs ${b[k]}`);
  }
  assert.equal(a.deltas.length, b.deltas.length);
  a.deltas.forEach((d, i) => assert.ok(Math.abs(d - b.deltas[i]) <= tol, `${what} delta ${i}: ${d} vs ${b.deltas[i]}`));
}

function differs(a: TheoryResult, b: TheoryResult, what: string): void {
  assert.ok(Math.abs(a.secondMoment - b.secondMoment) > 1e-4, `${what}: modes should differ, E[g²] ${a.secondMoment} vs ${b.secondMoment}`);
}

const EXACT = { pruning: 'exact' } as const;

test("'exact' equals 'paper' when α = 1 (φ = ρ = 1, or ε = 0 with φ = 1), every setting, to 1e-12", () => {
  const alphaOne = [
    { epsilon: 0.3, rho: 1, phi: 1 },
    { epsilon: 0, rho: 0.3, phi: 1 },
    { epsilon: 0, rho: 0, phi: 1 },
  ];
  for (const np of alphaOne) {
    const label = JSON.stringify(np);
    sameResult(toyTheory({ ...TOY, ...np }, EXACT), toyTheory({ ...TOY, ...np }), 1e-12, `toy ${label}`);
    sameResult(syntheticOnlyTheory({ ...SYN, ...np }, EXACT), syntheticOnlyTheory({ ...SYN, ...np }), 1e-12, `synthetic-only ${label}`);
    sameResult(generalTheory({ ...GEN, ...np }, EXACT), generalTheory({ ...GEN, ...np }), 1e-12, `general ${label}`);
    sameResult(generalTheoryDense({ ...GEN, ...np }, EXACT), generalTheoryDense({ ...GEN, ...np }), 1e-12, `general dense ${label}`);
  }
  // explicit {pruning: 'paper'} is the default
  const np = { epsilon: 0.25, rho: 0.2, phi: 0.7 };
  assert.deepEqual(toyTheory({ ...TOY, ...np }, { pruning: 'paper' }), toyTheory({ ...TOY, ...np }));
  assert.deepEqual(generalTheory({ ...GEN, ...np }, {}), generalTheory({ ...GEN, ...np }));
  // and with α < 1 the modes really differ (so the equalities above can fail)
  differs(toyTheory({ ...TOY, ...np }, EXACT), toyTheory({ ...TOY, ...np }), 'toy');
  differs(syntheticOnlyTheory({ ...SYN, ...np }, EXACT), syntheticOnlyTheory({ ...SYN, ...np }), 'synthetic-only');
  differs(generalTheory({ ...GEN, ...np }, EXACT), generalTheory({ ...GEN, ...np }), 'general');
});

test("'exact' is the published formulas on the reduced problem (values worked by hand)", () => {
  // n = 400, m = 800, ε = 0.25, ρ = 1, φ = 0.5: α = 0.375 + 0.25 = 0.625, m′ = 500,
  // ε′ = 0.25/0.625 = 0.4, γ′ = 1·1200/900 = 4/3.
  const toy = toyTheory({ ...TOY, epsilon: 0.25, rho: 1, phi: 0.5 }, EXACT);
  sameResult(toy, toyTheory({ ...TOY, m: 500, epsilon: 0.4, rho: 1, phi: 1, gamma: 4 / 3 }), 1e-12, 'toy');
  // synthetic only, m = 600, ε = 0.2, ρ = 0, φ = 0.5: α = 0.4, m′ = 240, ε′ = 0, γ′ = γ/α = 2.5.
  const syn = syntheticOnlyTheory({ ...SYN, epsilon: 0.2, rho: 0, phi: 0.5 }, EXACT);
  sameResult(syn, syntheticOnlyTheory({ ...SYN, m: 240, epsilon: 0, rho: 0, phi: 1, gamma: 2.5 }), 1e-12, 'synthetic-only');
  // general, n = 20, m = 30, ε = 0.2, ρ = 0.5, φ = 0.75: α = 0.6 + 0.1 = 0.7, m′ = 21, ε′ = 1/7, γ′ = 0.5·50/41.
  const gen = generalTheory({ ...GEN, epsilon: 0.2, rho: 0.5, phi: 0.75 }, EXACT);
  sameResult(gen, generalTheory({ ...GEN, m: 21, epsilon: 1 / 7, rho: 1, phi: 1, gamma: 25 / 41 }), 1e-12, 'general');
  const prep = prepareCovariance(COV);
  const { cov: _cov, ...rest } = GEN;
  sameResult(generalTheoryPrepared(prep, { ...rest, epsilon: 0.2, rho: 0.5, phi: 0.75 }, EXACT), gen, 1e-12, 'general prepared');
  sameResult(generalTheoryDense({ ...GEN, epsilon: 0.2, rho: 0.5, phi: 0.75 }, EXACT), gen, 1e-9, 'general dense');
  // the mapping itself keeps every other field and allows a non-integer m′
  const red = exactPruningReduction({ n: 3, m: 10, epsilon: 0.5, rho: 0.2, phi: 0.3, gamma: 2, extra: 'kept' });
  assert.ok(Math.abs(red.m - 2.5) < 1e-15 && Math.abs(red.epsilon - 0.4) < 1e-15 && red.rho === 1 && red.phi === 1);
  assert.ok(Math.abs(red.gamma - (2 * 13) / 5.5) < 1e-15);
  assert.equal(red.extra, 'kept');
});

test('bad options are rejected by name; counts must still be integers in exact mode', () => {
  const np = { epsilon: 0.25, rho: 0.2, phi: 0.7 };
  assert.throws(() => toyTheory({ ...TOY, ...np }, { pruning: 'approx' as never }), /pruning must be one of "paper", "exact", got "approx"/);
  assert.throws(() => syntheticOnlyTheory({ ...SYN, ...np }, { pruning: 1 as never }), /pruning must be one of "paper", "exact", got 1/);
  assert.throws(() => generalTheory({ ...GEN, ...np }, { prune: 'exact' } as never), /unknown theory option "prune"; allowed: pruning/);
  assert.throws(() => toyTheory({ ...TOY, ...np }, 'exact' as never), /theory options must be an object/);
  assert.throws(() => syntheticOnlyTheory({ ...SYN, m: 600.5, ...np }, EXACT), /m must be an integer >= 1, got 600\.5/);
  assert.throws(() => toyTheory({ ...TOY, n: 1.5, ...np }, EXACT), /n must be an integer >= 0, got 1\.5/);
  assert.throws(() => generalTheory({ ...GEN, m: 2.5, ...np }, EXACT), /m must be an integer >= 0, got 2\.5/);
  assert.throws(() => syntheticOnlyTheory({ ...SYN, epsilon: 1, rho: 0, phi: 0.5 }, EXACT), /alpha .* must be > 0/);
});

/**
 * Simulated accuracy, E[g] = E[wᵀμ] and E[g²] = E[(wᵀμ)² + ‖w‖²] against both modes. 'exact' must
 * be within 3 standard errors in accuracy and 4 in the moments: at p = 200 the simulated moments
 * sit ~0.1–0.2% above the (asymptotic) theory (measured with 2000–3000 draws: E[g²] +0.0012 ± 0.0007
 * at the first point), i.e. ~0.7 s.e. at 300 draws, while the accuracy, a ratio, shows no offset.
 * 'paper' must be off by more than 10 standard errors in accuracy and E[g²].
 */
function compareWithSimulation(
  label: string, paper: TheoryResult, exact: TheoryResult, draws: Array<{ accuracy: number; wMu: number; wNorm: number }>,
  diagnostic: (s: string) => void,
): void {
  const stats: Array<[string, number[], number, number]> = [
    ['accuracy', draws.map((d) => d.accuracy), paper.accuracy, exact.accuracy],
    ['E[g]', draws.map((d) => d.wMu), paper.mean, exact.mean],
    ['E[g^2]', draws.map((d) => d.wMu * d.wMu + d.wNorm * d.wNorm), paper.secondMoment, exact.secondMoment],
  ];
  for (const [what, values, p, e] of stats) {
    const s = summarize(values);
    const zPaper = (s.mean - p) / s.se, zExact = (s.mean - e) / s.se;
    const line = `${label} ${what}: simulated ${s.mean.toFixed(5)} ± ${s.se.toExponential(2)} (${s.count} draws); ` +
      `paper ${p.toFixed(5)} (z = ${zPaper.toFixed(1)}), exact ${e.toFixed(5)} (z = ${zExact.toFixed(2)})`;
    diagnostic(line);
    const k = what === 'accuracy' ? 3 : 4;
    assert.ok(Math.abs(zExact) < k, `exact within ${k} s.e.: ${line}`);
    if (what !== 'E[g]') assert.ok(Math.abs(zPaper) > 10, `paper off by more than 10 s.e.: ${line}`);
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

test("simulation (fast, exact in law) at p = 200 follows 'exact', not 'paper': synthetic only (Corollary 4.3)", (t) => {
  const p = 200, m = 600;
  const points = [
    // oracle-like pruning: α = 0.4, m′ = 240, ε′ = 0
    { mu: 1.5, epsilon: 0.2, rho: 0, phi: 0.5, gamma: 0.1, seed: 201 },
    // both kinds kept: α = 0.44, m′ = 264, ε′ = 0.08/0.44
    { mu: 2, epsilon: 0.4, rho: 0.2, phi: 0.6, gamma: 0.1, seed: 203 },
  ];
  for (const { seed, mu, ...np } of points) {
    const th = { m, p, mu, ...np };
    const params: DrawParams = { mu: randomMean(p, mu, new Rng(seed)), m, ...np, covariance: { kind: 'identity' } };
    const draws = drawStreams(seed + 1, range(300)).map((rng) => fastDraw(emptyReal(p), params, rng));
    compareWithSimulation(`synthetic-only ${JSON.stringify(np)}`, syntheticOnlyTheory(th), syntheticOnlyTheory(th, EXACT), draws, (s) => t.diagnostic(s));
  }
});

test("simulation at p = 200 follows 'exact', not 'paper': Theorem 4.2 with real data (n = 200, given C, μ_β ≠ μ)", (t) => {
  const r = new Rng(205);
  const p = 200, n = 200, m = 600, np = { epsilon: 0.2, rho: 0.1, phi: 0.6, gamma: 0.1 };
  const mu = randomMean(p, 1.5, r);
  const shift = randomMean(p, 0.4, r);
  const muBeta = mu.map((v, i) => 0.9 * v + shift[i]);
  // C_ij = 0.4^|i−j| (1 + ½ sin i sin j), positive definite
  const cov = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) cov[i * p + j] = 0.4 ** Math.abs(i - j) * (1 + 0.5 * Math.sin(i) * Math.sin(j));
  const prep = prepareCovariance(cov);
  const th = { n, m, mu, muBeta, ...np };
  const params: DrawParams = { mu, muBeta, m, ...np, covariance: { kind: 'factor', A: cholesky(cov, p) } };
  // a fresh real data set per draw: the theory averages over it too
  const draws = drawStreams(206, range(300)).map((rng) => fastDraw(sampleRealPrepared(mu, n, rng), params, rng));
  compareWithSimulation('general', generalTheoryPrepared(prep, th), generalTheoryPrepared(prep, th, EXACT), draws, (s) => t.diagnostic(s));
});

test('ε* (λ = 0) is unchanged by the correction: ε′ = ερ/α = 1/2 exactly there, E[g] = 0 in both modes', () => {
  const m = 1000, p = 100, mu = 1, gamma = 1;
  for (const [rho, phi] of [[0.3, 0.8], [0.5, 0.5], [0.9, 0.2], [1, 1], [0.05, 1]]) {
    const eStar = epsilonStar(rho, phi);
    // λ′ = 1 − 2ε′ with ε′ = ε*ρ/α(ε*) = 1/2
    const red = exactPruningReduction({ m, epsilon: eStar, rho, phi, gamma });
    assert.ok(Math.abs(red.epsilon - 0.5) < 1e-15, `ε′ at ε* = ${red.epsilon}`);
    for (const mode of ['paper', 'exact'] as const) {
      const at = syntheticOnlyTheory({ m, p, mu, epsilon: eStar, rho, phi, gamma }, { pruning: mode });
      assert.ok(Math.abs(at.mean) < 1e-12 && Math.abs(at.accuracy - 0.5) < 1e-12, `${mode} at ε*: E[g] = ${at.mean}`);
      // the sign of E[g] flips across ε* (and matches λ = φ(1−ε) − ρε) on a grid around it
      for (const e of [0, eStar / 2, eStar - 1e-6, eStar + 1e-6, (eStar + 1) / 2, 1]) {
        if (e > 1 || (rho === 0 && e === 1)) continue;
        const lambda = phi * (1 - e) - rho * e;
        const g = syntheticOnlyTheory({ m, p, mu, epsilon: e, rho, phi, gamma }, { pruning: mode }).mean;
        assert.equal(Math.sign(g), Math.sign(lambda), `${mode} sign at ε = ${e} (ρ=${rho}, φ=${phi})`);
      }
    }
  }
});

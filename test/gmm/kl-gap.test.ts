import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { KL_GAP_DEFAULTS, drawGmmScenario, klGapRepetitions, validateKlGapParams, type KlGapParams } from '../../src/gmm/kl-gap';
import { klGapSweep, klGapTrends } from '../../src/gmm/kl-gap-sweep';
import { gmmAnchorData, gmmGenerator, gmmGroundTruth } from '../../src/gmm/generation';
import { klMonteCarlo } from '../../src/gmm/kl';
import { serialExecutor } from '../../src/sim/executor';
import { workerExecutor } from '../../src/parallel/pool';

const tiny: KlGapParams = { ...KL_GAP_DEFAULTS, K: 2, J: 2, L: 2, rounds: 3, klSamples: 300, mcSamples: 500, estimators: ['paper', 'shared', 'mc'] };

test('the protocol: truth, anchor data and generator M as specified', () => {
  const rng = new Rng(1);
  const K = 3, J = 2, L = 4;
  const truth = gmmGroundTruth(K, J, 2, rng);
  assert.equal(truth.k, K + J);
  for (const w of truth.weights) assert.ok(Math.abs(w - 1 / (K + J)) < 1e-15);
  for (const m of truth.means) assert.ok(m >= 0 && m < 10);
  for (let c = 0; c < truth.k; c++) {
    const [a, b, b2, d] = truth.covariances.subarray(4 * c, 4 * c + 4);
    assert.equal(b, b2, 'A Aᵀ is symmetric');
    assert.ok(a > 0 && d > 0 && a * d - b * b > 0 && a <= 2 && d <= 2, 'A Aᵀ with A in [0,1)^{2×2}');
  }
  const anchor = gmmAnchorData(truth, K, 50, rng);
  assert.equal(anchor.points.length, 2 * K * 50);
  const M = gmmGenerator(truth, anchor, K, J, L, rng);
  assert.equal(M.k, K + J + L);
  // first K: sample mean and unbiased covariance (+1e-6 I) of each component's anchor samples
  for (let c = 0; c < K; c++) {
    let mx = 0, my = 0;
    for (let i = 0; i < 50; i++) {
      mx += anchor.points[2 * (c * 50 + i)] / 50;
      my += anchor.points[2 * (c * 50 + i) + 1] / 50;
    }
    let sxx = 0;
    for (let i = 0; i < 50; i++) sxx += (anchor.points[2 * (c * 50 + i)] - mx) ** 2 / 49;
    assert.ok(Math.abs(M.means[2 * c] - mx) < 1e-12 && Math.abs(M.means[2 * c + 1] - my) < 1e-12);
    assert.ok(Math.abs(M.covariances[4 * c] - (sxx + 1e-6)) < 1e-12);
    assert.ok(anchor.labels.subarray(c * 50, c * 50 + 50).every((l) => l === c));
  }
  // next J: the true unsampled components, verbatim
  assert.deepEqual(Array.from(M.means.subarray(2 * K, 2 * (K + J))), Array.from(truth.means.subarray(2 * K)));
  assert.deepEqual(Array.from(M.covariances.subarray(4 * K, 4 * (K + J))), Array.from(truth.covariances.subarray(4 * K)));
});

test('a KL-gap repetition is deterministic given its seed and independent of how repetitions are split', () => {
  const a = klGapRepetitions(tiny, 5, 0, 3);
  const b = klGapRepetitions(tiny, 5, 0, 3);
  assert.deepEqual(a, b);
  const c = [...klGapRepetitions(tiny, 5, 0, 1), ...klGapRepetitions(tiny, 5, 1, 2)];
  assert.deepEqual(a, c);
  assert.notDeepEqual(klGapRepetitions(tiny, 6, 0, 1), a.slice(0, 1));
  for (const r of a) {
    for (const e of ['paper', 'shared', 'mc'] as const) {
      const g = r[e]!;
      assert.ok(Number.isFinite(g.gap) && Math.abs(g.gap - (g.anchor - g.synthetic)) < 1e-12);
    }
    assert.ok(r.mc!.anchor > -4 * r.mc!.se! && r.mc!.synthetic > -4 * r.mc!.se!, 'KL estimates ≥ 0 up to noise');
  }
  // enabling an estimator does not change another's numbers (separate sub-streams)
  const paperOnly = klGapRepetitions({ ...tiny, estimators: ['paper'] }, 5, 0, 3);
  assert.deepEqual(paperOnly.map((r) => r.paper), a.map((r) => r.paper));
  const mcOnly = klGapRepetitions({ ...tiny, estimators: ['mc'] }, 5, 0, 3);
  assert.deepEqual(mcOnly.map((r) => r.mc), a.map((r) => r.mc));
});

test('a repetition uses the scenario drawn from its setup stream', () => {
  // the Monte Carlo anchor KL of repetition 0 is that of the scenario drawn from stream 0
  const sc = drawGmmScenario(tiny, new Rng(5).substream(0));
  assert.equal(sc.anchorFit.mixture.k, 2);
  assert.equal(sc.syntheticFit.mixture.k, 6);
  const r = klGapRepetitions(tiny, 5, 0, 1)[0];
  assert.deepEqual(r.emIterations, [sc.anchorFit.iterations, sc.syntheticFit.iterations]);
  // its Monte Carlo estimates come from stream 2: KL(anchor fit ‖ truth) then KL(synthetic fit ‖ truth)
  const mcRng = new Rng(5).substream(2);
  const ka = klMonteCarlo(sc.anchorFit.mixture, sc.truth, tiny.mcSamples, mcRng);
  const ks = klMonteCarlo(sc.syntheticFit.mixture, sc.truth, tiny.mcSamples, mcRng);
  assert.equal(r.mc!.anchor, ka.kl);
  assert.equal(r.mc!.synthetic, ks.kl);
});

test('the sweep gives the same numbers on the serial and the worker executor', async () => {
  const opts = {
    ...tiny,
    estimators: ['paper', 'mc'] as KlGapParams['estimators'],
    variables: ['K', 'L'] as ('K' | 'L')[],
    values: [2, 3],
    base: { K: 2, J: 2, L: 2 },
    reps: 3,
    seed: 9,
  };
  let progress = 0;
  const s = await klGapSweep(opts, serialExecutor, (done) => { progress = done; });
  assert.equal(progress, 2 * 2 * 3);
  const w = await klGapSweep(opts, workerExecutor({ threads: 2 }));
  assert.deepEqual(w, s);
  assert.equal(s.points.length, 2 * 2 * 2);
  const p = s.points.find((q) => q.variable === 'L' && q.value === 3 && q.estimator === 'mc')!;
  assert.deepEqual([p.K, p.J, p.L, p.reps], [2, 2, 3, 3]);
  assert.ok(p.std >= 0 && Number.isFinite(p.mean) && p.mcSe! > 0);
});

test('bad KL-gap parameters are rejected by name', () => {
  assert.throws(() => validateKlGapParams({ ...tiny, K: 0 }), /K must be an integer in \[1, 1000\], got 0/);
  assert.throws(() => validateKlGapParams({ ...tiny, J: -1 }), /J must be an integer in \[0, 1000\], got -1/);
  assert.throws(() => validateKlGapParams({ ...tiny, L: 2.5 }), /L must be an integer in \[0, 1000\], got 2.5/);
  assert.throws(() => validateKlGapParams({ ...tiny, perComponent: 1 }), /perComponent \(N_k\) must be an integer in \[2, /);
  assert.throws(() => validateKlGapParams({ ...tiny, nSynthetic: 5 }), /nSynthetic = 5 is smaller than the K \+ J \+ L = 6 components/);
  assert.throws(() => validateKlGapParams({ ...tiny, rounds: 0 }), /rounds must be an integer in \[1, /);
  assert.throws(() => validateKlGapParams({ ...tiny, estimators: ['exact' as never] }), /unknown KL estimator "exact"; allowed: paper, shared, mc/);
  assert.throws(() => validateKlGapParams({ ...tiny, d: 3 }), /histogram estimators \(paper, shared\) are 2-D; d = 3 allows only mc/);
  assert.throws(() => klGapRepetitions(tiny, 1, -1, 1), /first repetition index must be an integer/);
});

test('klGapTrends: least-squares slope and its standard error on a known line', () => {
  const pts = [2, 3, 4, 5].map((v) => ({
    variable: 'J' as const, value: v, K: 2, J: v, L: 2, estimator: 'mc' as const,
    mean: 1 + 0.5 * v, std: 2, anchorMean: v, syntheticMean: 1, reps: 100,
  }));
  const [t] = klGapTrends(pts);
  assert.ok(Math.abs(t.slope - 0.5) < 1e-12);
  // Var(slope) = σ²/Σ(x−x̄)² with σ² = std²/reps = 0.04 and Σ(x−x̄)² = 5
  assert.ok(Math.abs(t.slopeSe - Math.sqrt(0.04 / 5)) < 1e-12);
  assert.deepEqual([t.first, t.last, t.anchorFirst, t.anchorLast], [2, 3.5, 2, 5]);
});

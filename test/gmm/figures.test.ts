import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getFigure } from '../../src/figures/index';
import { gmmScatter, computeGmmScatter } from '../../src/figures/ganliu-fig2-gmm';
import { klgap } from '../../src/figures/ganliu-fig4-klgap';
import { serialExecutor } from '../../src/sim/executor';

test("figure 'gmm': samples, components and ellipses of the right shape, themed spec", async () => {
  assert.equal(getFigure('gmm'), gmmScatter);
  const p = { ...gmmScatter.defaults, perComponent: 20, nSynthetic: 60 };
  const d = await gmmScatter.compute(p);
  assert.equal(d.anchor.length, 2 * 20);
  assert.equal(d.synthetic.length, 60);
  const count = (role: string): number => d.components.filter((c) => c.role === role).length;
  assert.deepEqual([count('truth'), count('generator'), count('anchorFit'), count('syntheticFit')], [4, 6, 2, 6]);
  assert.deepEqual(d.components.filter((c) => c.role === 'generator').map((c) => c.part), ['anchor', 'anchor', 'unsampled', 'unsampled', 'irrelevant', 'irrelevant']);
  // 18 components × 2 radii × 73 vertices
  assert.equal(d.ellipses.length, 18 * 2 * 73);
  assert.equal(new Set(d.ellipses.map((e) => e.path)).size, 36);
  const spec = gmmScatter.spec(d, p) as unknown as Record<string, unknown>;
  assert.match(String(spec.$schema), /vega-lite\/v5/);
  assert.equal((spec.layer as unknown[]).length, 2);
  // deterministic in the seed
  assert.deepEqual(computeGmmScatter(p), d);
  const only = computeGmmScatter({ ...p, show: 'anchorFit', sigmas: [1] });
  assert.equal(only.ellipses.length, 2 * 73);
});

test("figure 'gmm' rejects bad parameters by name", () => {
  const p = gmmScatter.defaults;
  assert.throws(() => computeGmmScatter({ ...p, K: 0 }), /K must be an integer in \[1, 50\], got 0/);
  assert.throws(() => computeGmmScatter({ ...p, show: 'truth,fits' }), /show entry "fits" is not one of truth, generator, anchorFit, syntheticFit/);
  assert.throws(() => computeGmmScatter({ ...p, sigmas: [1, -2] }), /sigmas\[1\] must be in \(0, 10\], got -2/);
  assert.throws(() => computeGmmScatter({ ...p, nSynthetic: 5 }), /nSynthetic must be ≥ K \+ J \+ L = 6/);
  assert.throws(() => computeGmmScatter({ ...p, colour: 1 } as never), /unknown gmm parameter "colour"/);
});

test("figure 'klgap' at reduced sizes: one point per (variable, value, estimator), 2×3 panels", async () => {
  assert.equal(getFigure('klgap'), klgap);
  const p = { ...klgap.defaults, reps: 2, rounds: 2, minValue: 2, maxValue: 4, klSamples: 200, mcSamples: 200 };
  const d = await klgap.compute(p, { executor: serialExecutor });
  assert.equal(d.points.length, 3 * 3 * 2);
  for (const v of ['K', 'J', 'L'] as const) {
    for (const e of ['paper', 'mc'] as const) {
      const pts = d.points.filter((q) => q.variable === v && q.estimator === e);
      assert.deepEqual(pts.map((q) => q.value), [2, 3, 4]);
      for (const q of pts) {
        assert.equal(q.reps, 2);
        assert.ok(Number.isFinite(q.mean) && q.std >= 0);
        assert.equal(q[v], q.value);
      }
    }
  }
  const spec = klgap.spec(d, p) as unknown as { vconcat: { hconcat: unknown[] }[] };
  assert.equal(spec.vconcat.length, 2);
  assert.equal(spec.vconcat[0].hconcat.length, 3);
});

test("figure 'klgap' rejects bad parameters by name", async () => {
  const p = klgap.defaults;
  await assert.rejects(klgap.compute({ ...p, reps: 0 }), /reps must be an integer >= 1, got 0/);
  await assert.rejects(klgap.compute({ ...p, maxValue: 1 }), /maxValue \(1\) must be ≥ minValue \(2\)/);
  await assert.rejects(klgap.compute({ ...p, estimators: 'paper,exact' }), /estimators entry "exact" is not one of paper, shared, mc/);
  await assert.rejects(klgap.compute({ ...p, variables: 'K,M' }), /variables entry "M" is not one of K, J, L/);
  await assert.rejects(klgap.compute({ ...p, clip: 0 }), /clip must be in \(0, inf\), got 0/);
});

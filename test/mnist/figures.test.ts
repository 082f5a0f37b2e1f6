import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fig5, validateFig5Params } from '../../src/figures/fig5-mnist-samples';
import { fig7, validateFig7Params, type Fig7Params } from '../../src/figures/fig7-mnist-accuracy';
import { getFigure } from '../../src/figures/index';
import { serialExecutor } from '../../src/sim/executor';
import { workerExecutor } from '../../src/parallel/pool';
import { figureData } from '../../src/data/figure-data';
import { renderSpec } from '../figures/spec-check';

// Reduced sizes: a few SGD steps, two m values, two series, two seeds.
const small: Fig7Params = { ...fig7.defaults, steps: 40, warmupSteps: 4, mValues: [0, 25], seeds: 2, series: 'oracle,very-weak', hidden: 16 };

test('fig7 at reduced sizes: one shared real-only training per seed, every point and the published overlay', async () => {
  const d = await fig7.compute(small, { executor: serialExecutor, data: figureData });
  assert.equal(d.trainings, 2 * (1 + 2)); // per seed: m = 0 once, then 2 series × 1 m
  assert.equal(d.points.length, 2 * 2 * 2); // series × m × model
  for (const p of d.points) {
    assert.equal(p.valuesPct.length, 2);
    for (const v of p.valuesPct) assert.ok(v >= 0 && v <= 100);
    assert.ok(Math.abs(p.meanPct - (p.valuesPct[0] + p.valuesPct[1]) / 2) < 1e-9);
  }
  const at0 = d.points.filter((p) => p.m === 0 && p.model === 'network').map((p) => p.valuesPct);
  assert.deepEqual(at0[0], at0[1]); // the shared m = 0 training
  const oracle = d.points.find((p) => p.series === 'oracle' && p.m === 25 && p.model === 'ridge')!;
  assert.equal(oracle.trainSize, 500 + 10 * 18); // ⌊0.3·25⌋ = 7 wrong dropped, 18 kept per class
  assert.equal(oracle.share, 25 / 75);
  assert.equal(d.published.length, 42);
  assert.equal(d.testImages, 10000);
  assert.equal(d.params.inputs, 'raw');
  const pubOracle = d.points.find((p) => p.series === 'oracle' && p.m === 25 && p.model === 'network')!;
  assert.equal(pubOracle.publishedPct, d.published.find((r) => r.series === 'oracle' && r.m === 25)!.accuracyPct);
  assert.equal(oracle.publishedPct, null); // published values are the network's
  // the same data on worker threads (seeds travel with the jobs)
  const par = await fig7.compute(small, { executor: workerExecutor({ threads: 2 }), data: figureData });
  assert.deepEqual(par.points, d.points);
  const { svg } = await renderSpec(fig7.spec(d, small));
  assert.match(svg, /Label noise/);
});

test('fig5 at reduced sizes: real, mean-only and covariance rows of ten digits, spectra of rank ≤ n_use − 1', async () => {
  const params = { ...fig5.defaults, nUseValues: [100, 10], samplesPerClass: 2 };
  const d = await fig5.compute(params, { data: figureData });
  assert.deepEqual(d.rows.map((r) => r.kind), ['real', 'mean-only', 'mean-covariance', 'mean-covariance']);
  for (const r of d.rows) {
    assert.equal(r.images.length, 20);
    assert.deepEqual(r.images.slice(0, 10).map((im) => im.digit), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const im of r.images) {
      assert.equal(im.pixels.length, 784);
      assert.ok(im.pixels.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
    }
  }
  assert.ok(d.spectrum[0].eigenvalues.length <= 99 && d.spectrum[0].eigenvalues.length > 50);
  assert.equal(d.spectrum[1].eigenvalues.length, 9);
  const grid = fig5.images!(d, params);
  assert.equal(grid.length, 8);
  assert.ok(grid.every((row) => row.length === 10 && row.every((im) => im.width === 28 && im.pixels.length === 784)));
  await renderSpec(fig5.spec(d, params));
  assert.equal(getFigure('fig5'), fig5);
  assert.equal(getFigure('fig7'), fig7);
});

test('bad figure parameters are rejected by name', () => {
  assert.throws(() => validateFig7Params({ ...small, epsilon: 1.5 }), /epsilon must be in \[0, 1\], got 1.5/);
  assert.throws(() => validateFig7Params({ ...small, series: 'oracle,foo' }), /unknown series "foo" in series; allowed: all, oracle/);
  assert.throws(() => validateFig7Params({ ...small, strong: [0.1] }), /strong must have at least 2 entries, got 1/);
  assert.throws(() => validateFig7Params({ ...small, mValues: [0, 25, 25] }), /mValues must not repeat a value/);
  assert.throws(() => validateFig7Params({ ...small, seeds: 0 }), /seeds must be an integer in \[1, 1000\], got 0/);
  assert.throws(() => validateFig7Params({ ...small, n: 700 }), /n must be an integer in \[1, 600\], got 700/);
  assert.throws(() => validateFig7Params({ ...small, bogus: 1 } as unknown as Fig7Params), /unknown fig7 parameter "bogus"/);
  assert.throws(() => validateFig7Params({ ...small, inputs: 'pixels' }), /inputs must be "raw" \(0–255, the paper\) or "unit" \(\/255\), got "pixels"/);
  assert.throws(() => validateFig7Params({ ...small, prune: 'some' }), /prune must be "all" \(the paper\) or "per-class", got "some"/);
  assert.throws(() => validateFig5Params({ ...fig5.defaults, nUseValues: [1] }), /nUseValues\[0\] must be 0 \(all images\) or an integer >= 2, got 1/);
  assert.throws(() => validateFig5Params({ ...fig5.defaults, spectrumClass: 10 }), /spectrumClass must be an integer in \[0, 9\], got 10/);
});

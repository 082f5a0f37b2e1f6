import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  centredCovariance, computeFig3, fig3, fig3Draws, fig3RealData, syntheticCount, type Fig3Data, type Fig3Params,
} from '../../src/figures/fig3-accuracy';
import { serialExecutor } from '../../src/sim/executor';
import { workerExecutor } from '../../src/parallel/pool';
import { Rng } from '../../src/random/rng';
import { generalTheory, toyTheory } from '../../src/rmt/index';
import { randomMean, sampleMixture, summarize } from '../../src/sim/index';
import { renderSpec } from './spec-check';

const small = (over: Partial<Fig3Params>): Fig3Params => ({ ...fig3.defaults, ...over });

test('fig3: grid, shapes and the paper defaults', async () => {
  assert.deepEqual(fig3.defaults.ps, [50, 200, 500]);
  assert.equal(fig3.defaults.draws, 10);
  const d = await computeFig3(small({ ps: [20, 30], points: 5, draws: 2 }));
  assert.equal(d.share.length, 5);
  assert.equal(d.share[0], 0.001);
  assert.equal(d.share[4], 0.95);
  assert.deepEqual(d.m, d.share.map((s) => Math.floor((s * 1000) / (1 - s) + 1e-9)));
  assert.equal(d.m[0], 1);
  assert.equal(d.m[4], 19000);
  assert.deepEqual(d.series.map((s) => s.p), [20, 30]);
  for (const s of d.series) {
    assert.equal(s.epsilon.length, 5);
    assert.deepEqual(s.panels.map((p) => [p.name, p.rho, p.phi]), [['oracle', 0, 1], ['weak', 1, 0.5]]);
    for (const p of s.panels) for (const k of ['theory', 'simMean', 'simSd', 'simSe'] as const) assert.equal(p[k].length, 5);
  }
  assert.equal(syntheticCount(0.5, 1000), 1000);
  assert.equal(syntheticCount(0.2, 1000), 250);
});

test('fig3: ε(m) is Theorem 4.2 with n = 0 and Ĉ; the line is the toy theory with n̂ = n', async () => {
  const params = small({ ps: [40], points: 4, draws: 0, seed: 7 });
  const d = await computeFig3(params);
  // rebuild X_r independently from the documented stream and form Ĉ from the samples themselves
  const rng = new Rng(7).substream(0);
  const mu = randomMean(40, 0.7, rng);
  const x = sampleMixture(mu, 1000, rng, 'balanced');
  const cov: number[][] = Array.from({ length: 40 }, () => new Array<number>(40).fill(0));
  for (let j = 0; j < 1000; j++) {
    const z = Array.from({ length: 40 }, (_, i) => x.y[j] * x.x[j * 40 + i] - mu[i]);
    for (let a = 0; a < 40; a++) for (let b = 0; b < 40; b++) cov[a][b] += (z[a] * z[b]) / 1000;
  }
  const prepared = centredCovariance(fig3RealData(7, 0, 40, 1000, 0.7));
  for (let a = 0; a < 40; a++) for (let b = 0; b < 40; b++) assert.ok(Math.abs(prepared[a * 40 + b] - cov[a][b]) < 1e-12);
  const s = d.series[0];
  d.m.forEach((m, j) => {
    const g = generalTheory({ n: 0, m, mu, muBeta: mu, cov, epsilon: 0, rho: 0, phi: 1, gamma: 1 });
    assert.ok(Math.abs(s.epsilon[j] - (1 - g.accuracySymmetric)) < 1e-9, `ε at m=${m}: ${s.epsilon[j]} vs ${1 - g.accuracySymmetric}`);
    for (const p of s.panels) {
      const t = toyTheory({ n: 1000, nHat: 1000, m, p: 40, mu: 0.7, epsilon: s.epsilon[j], rho: p.rho, phi: p.phi, gamma: 1 });
      assert.equal(p.theory[j], t.accuracySymmetric);
    }
  });
  assert.deepEqual(s.panels[0].simMean, []);
  assert.equal(d.agreement.maxAbsZ, null);
  const signed = await computeFig3({ ...params, accuracy: 'signed' });
  signed.series[0].panels.forEach((p, c) => p.theory.forEach((t, j) =>
    assert.equal(t, toyTheory({ n: 1000, nHat: 1000, m: d.m[j], p: 40, mu: 0.7, epsilon: s.epsilon[j], rho: p.rho, phi: p.phi, gamma: 1 }).accuracy, `${c}`)));
  // pruning 'exact': the same ε(m) (α = 1 there), the line is the toy theory in exact mode
  assert.equal(d.pruning, 'paper');
  const exact = await computeFig3({ ...params, pruning: 'exact' });
  assert.equal(exact.pruning, 'exact');
  assert.deepEqual(exact.series[0].epsilon, s.epsilon);
  let maxDiff = 0;
  exact.series[0].panels.forEach((p, c) => p.theory.forEach((t, j) => {
    const th = toyTheory({ n: 1000, nHat: 1000, m: d.m[j], p: 40, mu: 0.7, epsilon: s.epsilon[j], rho: p.rho, phi: p.phi, gamma: 1 }, { pruning: 'exact' });
    assert.equal(t, th.accuracySymmetric, `exact ${c} ${j}`);
    maxDiff = Math.max(maxDiff, Math.abs(t - s.panels[c].theory[j]));
  }));
  assert.ok(maxDiff > 1e-5, `the modes differ (weak panel, α < 1): ${maxDiff}`);
});

test('fig3: simulation agrees with theory at p = 200 (independent real data sets, 4 standard errors)', async () => {
  // Each seed draws its own X_r; the spread of (simulation mean − theory) over seeds includes the
  // real data's fluctuation, which the within-seed standard error (X_r fixed) does not.
  const K = 12;
  const diffs: Record<string, number[]> = {};
  for (let seed = 1; seed <= K; seed++) {
    const d = await computeFig3(small({ ps: [200], points: 2, sMin: 0.3, sMax: 0.7, draws: 3, seed }));
    for (const p of d.series[0].panels) p.theory.forEach((t, j) => (diffs[`${p.name} s=${d.share[j]}`] ??= []).push(p.simMean[j] - t));
  }
  for (const [where, v] of Object.entries(diffs)) {
    const s = summarize(v);
    assert.ok(Math.abs(s.mean) <= 4 * s.se, `${where}: mean difference ${s.mean} vs se ${s.se}`);
    assert.ok(s.se < 0.003, `${where}: se ${s.se} small enough for the check to bite`);
  }
});

test('fig3: serial and worker executors give identical data', async () => {
  const params = small({ ps: [30, 60], points: 3, draws: 3, seed: 3 });
  const a = await computeFig3(params, { executor: serialExecutor });
  const progress: number[] = [];
  const b = await computeFig3(params, { executor: workerExecutor({ threads: 2 }), onProgress: (done) => progress.push(done) });
  assert.deepEqual(b, a);
  assert.equal(progress[progress.length - 1], 2 * 2 * 3 * 3);
  const c = await computeFig3({ ...params, seed: 4 });
  assert.notDeepEqual(c.series[0].panels[0].simMean, a.series[0].panels[0].simMean);
});

test('fig3: the agreement is the largest |mean − theory| / se over the grid', async () => {
  const d: Fig3Data = await computeFig3(small({ ps: [25, 35], points: 4, draws: 4, seed: 5 }));
  let max = 0, count = 0, zero = 0, maxDiff = 0;
  for (const s of d.series) for (const p of s.panels) p.theory.forEach((t, j) => {
    maxDiff = Math.max(maxDiff, Math.abs(p.simMean[j] - t));
    if (p.simSe[j] === 0) { zero++; return; }
    max = Math.max(max, Math.abs(p.simMean[j] - t) / p.simSe[j]);
    count++;
  });
  assert.equal(d.agreement.points, count);
  assert.equal(d.agreement.zeroSpread, zero);
  assert.equal(count + zero, 2 * 2 * 4);
  assert.equal(d.agreement.maxAbsDiff, maxDiff);
  assert.equal(d.agreement.maxAbsZ, max);
  assert.ok(d.agreement.at !== null && d.share.includes(d.agreement.at.share));
  for (const s of d.series) for (const p of s.panels) p.simSd.forEach((sd, j) => assert.ok(Math.abs(p.simSe[j] - sd / 2) < 1e-15));
});

test("fig3: testMode 'samples' tests the same w on fresh test samples (binomial noise around Φ)", () => {
  const setup = { seed: 9, pIndex: 0, p: 40, n: 1000, nHat: 1000, mu: 0.7, gamma: 1, testSize: 0 };
  const point = { m: 500, epsilon: 0.2, rho: 1, phi: 0.5 };
  const idx = Array.from({ length: 20 }, (_, i) => 100 + i);
  const exact = fig3Draws(setup, point, idx);
  const T = 2000;
  const sampled = fig3Draws({ ...setup, testSize: T }, point, idx);
  sampled.forEach((a, i) => {
    assert.equal(Math.round(a * T), a * T, 'a multiple of 1/T');
    assert.ok(Math.abs(a - exact[i]) <= 4 * Math.sqrt((exact[i] * (1 - exact[i])) / T), `${a} vs ${exact[i]}`);
  });
  assert.notDeepEqual(sampled, exact);
});

test('fig3: bad parameters are rejected by name', async () => {
  await assert.rejects(computeFig3(small({ sMin: 0.0001 })), /sMin = 0\.0001 gives m = floor\(sMin·n\/\(1−sMin\)\) = 0/);
  await assert.rejects(computeFig3(small({ sMax: 1 })), /sMax must be in \[0, 1\), got 1/);
  await assert.rejects(computeFig3(small({ weak: [0, 0] })), /weak = \(rho, phi\) must not be \(0, 0\)/);
  await assert.rejects(computeFig3(small({ oracle: [0, 1, 0.5] })), /oracle must be the pair \(rho, phi\), got 3 numbers/);
  await assert.rejects(computeFig3(small({ draws: -1 })), /draws must be an integer >= 0, got -1/);
  await assert.rejects(computeFig3(small({ testMode: 'fresh' as never })), /testMode must be one of "exact", "samples", got "fresh"/);
  await assert.rejects(computeFig3(small({ pruning: 'approx' as never })), /pruning must be one of "paper", "exact", got "approx"/);
  await assert.rejects(computeFig3(small({ ps: [50, 0] })), /ps\[1\] must be an integer >= 1, got 0/);
});

test('fig3: the spec renders theory lines, simulation diamonds and ±1 sd bars in two panels', async () => {
  const d = await computeFig3(small({ ps: [20, 30], points: 4, draws: 3 }));
  const spec = fig3.spec(d, fig3.defaults) as unknown as { hconcat: { layer: { mark: { type: string; shape?: string; strokeDash?: number[] }; encoding: Record<string, { field?: string }>; data: { values: Record<string, number>[] } }[] }[] };
  assert.equal(spec.hconcat.length, 2);
  spec.hconcat.forEach((panel, c) => {
    const [bars, lines, points] = panel.layer;
    assert.equal(bars.mark.type, 'rule');
    assert.equal(bars.encoding.y2.field, 'high');
    assert.equal(lines.mark.type, 'line');
    assert.equal(points.mark.shape, 'diamond');
    assert.equal(lines.data.values.length, 2 * 4);
    assert.equal(points.data.values.length, 2 * 4);
    if (c === 1) assert.ok(lines.mark.strokeDash, 'weak panel dash-dot');
    for (const r of bars.data.values) assert.ok(Math.abs(r.high - r.low - 2 * r.sd) < 1e-12);
  });
  const { svg, warnings } = await renderSpec(fig3.spec(d, fig3.defaults));
  assert.deepEqual(warnings, []);
  for (const t of ['Oracle supervision', 'Weak supervision', 'Proportion of synthetic data m/(n+m)', 'Test accuracy']) assert.ok(svg.includes(t), t);
});

/**
 * The theory explorer's view model (src/render/explorer/model.ts) in Node, without a browser:
 * its rows are `synthrmt theory --batch` lines (same accuracy through the CLI's batch evaluator),
 * ε* sits on the ε grid where the synthetic-only signed accuracy is 1/2, and bad controls become
 * view errors naming the parameter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { runBatch } from '../../src/cli/theory';
import { batchParams, computeExplorer, CONTROL_DEFAULTS, parseControl, SHARE_GRID, weightCurve, type Controls, type Row } from '../../src/render/explorer/model';
import { optimizeMixing } from '../../src/rmt/index';
import { Rng } from '../../src/random/rng';

async function viaCli(rows: Row[]): Promise<{ accuracy?: number; error?: string }[]> {
  const out: string[] = [];
  const input = Readable.from([rows.map((r) => JSON.stringify({ model: r.model, pruning: r.pruning, params: r.params })).join('\n')]);
  await runBatch(input, (l) => { out.push(l); });
  return out.map((l) => JSON.parse(l) as { accuracy?: number; error?: string });
}

const allRows = (c: Controls): Row[] => {
  const v = computeExplorer(c).views;
  for (const r of [v.share, v.epsilon, v.weight]) assert.equal(r.error, undefined, `${r.view}: ${r.error}`);
  return [...v.share.rows, ...v.epsilon.rows, ...v.weight.rows];
};

test('rows at random controls equal the CLI batch theory (seeded)', async () => {
  const rng = new Rng(12);
  for (let k = 0; k < 6; k++) {
    const c: Controls = {
      model: k % 2 === 0 ? 'toy' : 'synthetic-only',
      pruning: k % 3 === 0 ? 'exact' : 'paper',
      n: 50 + Math.floor(rng.uniform() * 500),
      nHat: 20 + Math.floor(rng.uniform() * 500),
      m: 10 + Math.floor(rng.uniform() * 2000),
      p: 10 + Math.floor(rng.uniform() * 300),
      mu: 0.3 + 2 * rng.uniform(),
      epsilon: 0.5 * rng.uniform(),
      rho: rng.uniform(),
      phi: 0.2 + 0.8 * rng.uniform(),
      gamma: 0.1 + 2 * rng.uniform(),
      weight: 1,
    };
    const rows = allRows(c);
    assert.ok(rows.length > 50, `${rows.length} rows`);
    const cli = await viaCli(rows);
    rows.forEach((r, i) => {
      assert.equal(cli[i].error, undefined, `${JSON.stringify(r)}: ${cli[i].error}`);
      assert.ok(Math.abs(r.accuracy - cli[i].accuracy!) <= 1e-9, `${r.view} ${JSON.stringify(r.params)}: ${r.accuracy} vs ${cli[i].accuracy}`);
    });
  }
});

test('share view: m = floor(s·n/(1−s)) on the grid, x = m/(n+m), and the real-only baseline at x = 0', () => {
  const c = { ...CONTROL_DEFAULTS, n: 40 };
  const rows = computeExplorer(c).views.share.rows;
  const theory = rows.filter((r) => r.series === 'theory');
  const ms = [...new Set(SHARE_GRID.map((s) => Math.floor((s * 40) / (1 - s) + 1e-9)).filter((m) => m >= 1))];
  assert.deepEqual(theory.map((r) => r.params.m), ms);
  for (const r of theory) assert.equal(r.x, r.params.m / (40 + r.params.m));
  const base = rows.filter((r) => r.series === 'real-only baseline');
  assert.equal(base.length, 1);
  assert.equal(base[0].x, 0);
  assert.equal(base[0].model, 'synthetic-only');
  // With clean synthetic data drawn like the real data (the toy setting with n̂ → ∞ is C = I), many
  // more samples beat n real ones; the curve at the largest share lies above the baseline.
  const clean = computeExplorer({ ...CONTROL_DEFAULTS, epsilon: 0, nHat: 100_000 }).views.share.rows;
  const last = clean.filter((r) => r.series === 'theory').at(-1)!;
  assert.ok(last.accuracy > clean.find((r) => r.series === 'real-only baseline')!.accuracy);
});

test('ε view (synthetic only): ε* = φ/(φ+ρ) is on the grid, marked, and the signed accuracy there is 1/2', () => {
  for (const pruning of ['paper', 'exact'] as const) {
    const v = computeExplorer({ ...CONTROL_DEFAULTS, model: 'synthetic-only', rho: 0.3, phi: 0.8, pruning }).views.epsilon;
    const star = 0.8 / 1.1;
    assert.equal(v.markers[0].x, star);
    const at = v.rows.find((r) => r.x === star)!;
    assert.ok(Math.abs(at.accuracy - 0.5) < 1e-12, `${pruning}: ${at.accuracy}`);
    assert.ok(v.rows.filter((r) => r.x < star).every((r) => r.accuracy > 0.5));
    assert.ok(v.rows.filter((r) => r.x > star).every((r) => r.accuracy < 0.5));
  }
  // ρ = 0, ε = 1 keeps no sample: that ε is left out, not an error.
  const v = computeExplorer({ ...CONTROL_DEFAULTS, rho: 0 }).views.epsilon;
  assert.equal(v.error, undefined);
  assert.ok(v.rows.every((r) => r.x < 1));
});

test('bad controls: each view reports the error naming the parameter, no rows', () => {
  const r = computeExplorer({ ...CONTROL_DEFAULTS, gamma: 0 });
  for (const v of Object.values(r.views)) {
    assert.equal(v.rows.length, 0);
    assert.match(v.error ?? '', /gamma must be > 0, got 0/);
  }
  assert.match(computeExplorer({ ...CONTROL_DEFAULTS, n: 0 }).views.share.error ?? '', /n must be >= 1 for the synthetic-share view/);
  assert.match(computeExplorer({ ...CONTROL_DEFAULTS, p: 2.5 }).views.epsilon.error ?? '', /p must be an integer >= 1, got 2.5/);
  assert.throws(() => parseControl('model', 'general'), /model must be one of toy, synthetic-only, got "general"/);
  assert.throws(() => parseControl('pruning', 'fast'), /pruning must be one of paper, exact, got "fast"/);
  assert.throws(() => parseControl('mu', '1x'), /mu must be a finite number, got "1x"/);
  assert.equal(parseControl('mu', ' 1.5 '), 1.5);
});

test('weight: β = 1 stays out of params (the batch default); another β goes in as "weight"', () => {
  const rows = allRows({ ...CONTROL_DEFAULTS, pruning: 'exact' });
  assert.ok(rows.every((r) => !('weight' in r.params) || r.params.weight !== 1));
  const w = computeExplorer({ ...CONTROL_DEFAULTS, pruning: 'exact', weight: 2 }).views.epsilon;
  assert.equal(w.error, undefined);
  assert.ok(w.rows.every((r) => r.params.weight === 2));
});

test('weight view: the optimum is the optimiser\'s exact β*, at least as good as every grid point', () => {
  for (const model of ['toy', 'synthetic-only'] as const) {
    for (const epsilon of [0.1, 0.4]) {
      const c: Controls = { ...CONTROL_DEFAULTS, model, pruning: 'exact', epsilon };
      const curve = weightCurve(model, (w) => batchParams(c, model, c.m, epsilon, w), 'exact');
      const expected = optimizeMixing(model, batchParams(c, model, c.m, epsilon, 1) as never, { over: 'weight' }).best;
      assert.deepEqual(curve.optimum, { weight: expected.weight, accuracy: expected.accuracy });
      for (const p of curve.points) assert.ok(curve.optimum!.accuracy >= p.accuracy - 1e-12, `${model} ε ${epsilon}: β* ${curve.optimum!.accuracy} vs grid β ${p.weight}: ${p.accuracy}`);
      const marker = computeExplorer(c).views.weight.markers[0];
      assert.match(marker.label, /^β\* = /);
    }
  }
});

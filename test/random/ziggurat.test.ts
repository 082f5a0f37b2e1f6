import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { zigguratFill, zigguratNormal, zigguratNormals, ZIGGURAT } from '../../src/random/ziggurat';
import { normalCdf } from '../../src/stats/normal-cdf';

test('ziggurat table: built from its equations, it reproduces Marsaglia & Tsang’s published 256-layer constants', () => {
  assert.equal(ZIGGURAT.layers, 256);
  assert.ok(Math.abs(ZIGGURAT.r - 3.6541528853610088) < 1e-12, `r = ${ZIGGURAT.r}`);
  assert.ok(Math.abs(ZIGGURAT.area - 4.92867323399e-3) < 1e-13, `v = ${ZIGGURAT.area}`);
});

test('ziggurat normals: Kolmogorov distance to Φ (bulk fill), moments and tail shares (single draws)', () => {
  const r = new Rng(11);
  const n = 400_000;
  const xs = zigguratFill(r, new Float64Array(n)).sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const c = normalCdf(xs[i]);
    d = Math.max(d, Math.abs(c - i / n), Math.abs(c - (i + 1) / n));
  }
  assert.ok(d < 1.95 / Math.sqrt(n), `Kolmogorov distance ${d}`); // 0.1% critical value
  // tail shares: beyond r (the base strip's exponential tail path, P(|Z| > r) = 2Φ(−r) ≈ 2.6e-4)
  // and beyond 3.4426 and 2 (wedges of the outer layers)
  const m = 4_000_000;
  const cuts = [2, 3.442619855899, ZIGGURAT.r];
  const tails = cuts.map(() => 0);
  let s = 0, s2 = 0, s4 = 0;
  for (let i = 0; i < m; i++) {
    const z = zigguratNormal(r);
    const a = Math.abs(z);
    for (let c = 0; c < cuts.length; c++) if (a > cuts[c]) tails[c]++;
    s += z; s2 += z * z; s4 += z ** 4;
  }
  cuts.forEach((cut, c) => {
    const pt = 2 * normalCdf(-cut);
    assert.ok(Math.abs(tails[c] / m - pt) < 4 * Math.sqrt(pt / m), `tail share beyond ${cut}: ${tails[c] / m} vs ${pt}`);
  });
  assert.ok(Math.abs(s / m) < 4 / Math.sqrt(m), `mean ${s / m}`);
  assert.ok(Math.abs(s2 / m - 1) < 4 * Math.sqrt(2 / m), `second moment ${s2 / m}`);
  assert.ok(Math.abs(s4 / m - 3) < 4 * Math.sqrt(96 / m), `fourth moment ${s4 / m}`);
});

test('ziggurat fill = successive single draws; ranges and the n-array form follow the same stream', () => {
  const r1 = new Rng(9), r2 = new Rng(9), r3 = new Rng(9);
  const bulk = zigguratNormals(r1, 5000);
  for (let i = 0; i < 5000; i++) assert.equal(zigguratNormal(r2), bulk[i]);
  // a sub-range [start, end) is filled with the next draws; the rest of the array is untouched
  const part = new Float64Array(10).fill(7);
  zigguratFill(r3, part, 3, 8);
  assert.deepEqual(Array.from(part), [7, 7, 7, ...Array.from(zigguratNormals(new Rng(9), 5)), 7, 7]);
  // both generators continue in step after the fill
  assert.equal(r1.nextU32(), r2.nextU32());
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFig2, fig2 } from '../../src/figures/fig2-fixed-points';
import { toyFixedPoint } from '../../src/rmt/index';
import { renderSpec } from './spec-check';

test('fig2: data shapes at the paper parameters', async () => {
  const d = await fig2.compute(fig2.defaults);
  assert.equal(d.p.length, 50);
  assert.equal(d.p[0], 10);
  assert.equal(d.p[49], 10000);
  assert.ok(d.p.every((p, i) => i === 0 || p > d.p[i - 1]), 'p increasing');
  assert.deepEqual(d.curves.map((c) => c.m), [2000, 5000, 10000]);
  for (const c of d.curves) for (const k of ['deltaR', 'deltaS', 'deltaG'] as const) assert.equal(c[k].length, 50);
  assert.deepEqual(d.pOverN, d.p.map((p) => p / 1000));
});

test("fig2: the δ's are the toy fixed points exactly", () => {
  const d = computeFig2(fig2.defaults);
  for (const c of d.curves) {
    d.p.forEach((p, i) => {
      const fp = toyFixedPoint({ n: 1000, nHat: 1000, m: c.m, p, mu: 0.7, epsilon: 0.2, rho: 0.2, phi: 0.9, gamma: 1 });
      assert.equal(c.deltaR[i], fp.deltaR);
      assert.equal(c.deltaS[i], fp.deltaS);
      assert.equal(c.deltaG[i], fp.deltaG);
    });
  }
  // the published check value (core issue): m = 5n, p = 2000 is not on the grid, so evaluate it directly
  const one = computeFig2({ ...fig2.defaults, pMin: 2000, pMax: 2000, points: 2, mOverN: [5] });
  assert.ok(Math.abs(one.curves[0].deltaR[0] - 0.22865221633239097) < 1e-8);
  assert.ok(Math.abs(one.curves[0].deltaS[0] - 0.09696914826776433) < 1e-8);
  assert.ok(Math.abs(one.curves[0].deltaG[0] - 0.7920718859175326) < 1e-8);
});

test('fig2: bad parameters are rejected by name', () => {
  assert.throws(() => computeFig2({ ...fig2.defaults, epsilon: 1.5 }), /epsilon must be in \[0, 1\], got 1\.5/);
  assert.throws(() => computeFig2({ ...fig2.defaults, points: 1 }), /points must be an integer >= 2, got 1/);
  assert.throws(() => computeFig2({ ...fig2.defaults, pMax: 5 }), /pMax must be >= pMin = 10, got 5/);
  assert.throws(() => computeFig2({ ...fig2.defaults, mOverN: [] }), /mOverN must have at least 1 entry/);
  assert.throws(() => computeFig2({ ...fig2.defaults, mOverN: [2, -1] }), /mOverN\[1\] must be in \(0, inf\), got -1/);
  assert.throws(() => computeFig2({ ...fig2.defaults, bogus: 1 } as never), /unknown fig2 parameter "bogus"/);
});

test('fig2: the spec renders with three log-x panels and one legend', async () => {
  const d = computeFig2({ ...fig2.defaults, points: 8 });
  const spec = fig2.spec(d, fig2.defaults) as unknown as { hconcat: { layer: { encoding: { x: { scale: { type: string } } } }[] }[] };
  assert.equal(spec.hconcat.length, 3);
  for (const p of spec.hconcat) assert.equal(p.layer[0].encoding.x.scale.type, 'log');
  const { svg, warnings } = await renderSpec(fig2.spec(d, fig2.defaults));
  assert.deepEqual(warnings, []);
  for (const t of ['δ_r*', 'δ_s*', 'δ_g*', 'p/n', '10n']) assert.ok(svg.includes(t), `svg shows ${t}`);
});

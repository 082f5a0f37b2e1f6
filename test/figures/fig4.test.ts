import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFig4, fig4 } from '../../src/figures/fig4-phase-transition';
import { epsilonStar, syntheticOnlyTheory } from '../../src/rmt/index';
import { renderSpec } from './spec-check';

test('fig4: grid and curves at the paper parameters', async () => {
  const d = await fig4.compute(fig4.defaults);
  assert.ok(Math.abs(d.epsilonStar - 0.8 / 1.1) < 1e-15);
  assert.equal(d.epsilon.length, 150);
  assert.equal(d.epsilon[0], 0);
  assert.equal(d.epsilon[99], d.epsilonStar);
  assert.equal(d.epsilon[100], d.epsilonStar);
  assert.equal(d.epsilon[149], 1);
  assert.deepEqual(d.curves.map((c) => c.m), [100, 1000, 10000, 100000]);
  for (const c of d.curves) assert.equal(c.accuracy.length, 150);
});

test('fig4: the curves are Corollary 4.3 exactly (signed accuracy)', () => {
  const d = computeFig4(fig4.defaults);
  for (const c of d.curves) {
    d.epsilon.forEach((e, i) => {
      const t = syntheticOnlyTheory({ m: c.m, p: 100, mu: 1, epsilon: e, rho: 0.3, phi: 0.8, gamma: 1 });
      assert.equal(c.accuracy[i], t.accuracy);
      assert.equal(c.mean[i], t.mean);
    });
  }
  // published check value: m = 1000p, ε = 0.8 → signed accuracy 0.1703861397687197
  const at = computeFig4({ ...fig4.defaults, mOverP: [1000], pointsBelow: 2, pointsAbove: 2 });
  const t = syntheticOnlyTheory({ m: 100000, p: 100, mu: 1, epsilon: 0.8, rho: 0.3, phi: 0.8, gamma: 1 });
  assert.ok(Math.abs(t.accuracy - 0.1703861397687197) < 1e-8);
  assert.equal(at.curves[0].accuracy[3], syntheticOnlyTheory({ m: 100000, p: 100, mu: 1, epsilon: 1, rho: 0.3, phi: 0.8, gamma: 1 }).accuracy);
});

test('fig4: accuracy − 1/2 changes sign exactly at ε*, more sharply as m/p grows', () => {
  for (const [rho, phi] of [[0.3, 0.8], [0.5, 0.5], [0.9, 0.2]]) {
    const d = computeFig4({ ...fig4.defaults, rho, phi });
    const eStar = epsilonStar(rho, phi);
    assert.equal(d.epsilonStar, eStar);
    const slopes: number[] = [];
    for (const c of d.curves) {
      d.epsilon.forEach((e, i) => {
        const a = c.accuracy[i] - 0.5;
        if (e < eStar - 1e-12) assert.ok(a > 0, `above 1/2 before ε* (ε=${e}, m/p=${c.mOverP})`);
        else if (e > eStar + 1e-12) assert.ok(a < 0, `below 1/2 after ε* (ε=${e}, m/p=${c.mOverP})`);
        else assert.ok(Math.abs(a) < 1e-9, `1/2 at ε* (got ${c.accuracy[i]})`);
      });
      // slope across ε*: the neighbours of the duplicated ε* point
      const i0 = d.epsilon.indexOf(eStar) - 1;
      const i1 = d.epsilon.lastIndexOf(eStar) + 1;
      slopes.push((c.accuracy[i0] - c.accuracy[i1]) / (d.epsilon[i1] - d.epsilon[i0]));
    }
    for (let k = 1; k < slopes.length; k++) assert.ok(slopes[k] > slopes[k - 1], `sharper with m/p: ${slopes.join(', ')}`);
  }
});

test("fig4: pruning 'exact' draws Corollary 4.3 in exact mode; compare adds the other mode; same ε*", () => {
  const params = { ...fig4.defaults, pointsBelow: 20, pointsAbove: 10 };
  const paper = computeFig4(params);
  assert.equal(paper.pruning, 'paper');
  assert.equal(paper.compare, null);
  const exact = computeFig4({ ...params, pruning: 'exact' });
  assert.equal(exact.pruning, 'exact');
  assert.deepEqual(exact.epsilon, paper.epsilon);
  const both = computeFig4({ ...params, compare: true });
  assert.deepEqual(both.curves, paper.curves);
  assert.equal(both.compare?.pruning, 'exact');
  assert.deepEqual(both.compare?.curves, exact.curves);
  const reverse = computeFig4({ ...params, pruning: 'exact', compare: true });
  assert.deepEqual(reverse.compare?.curves, paper.curves);
  let maxDiff = 0;
  exact.curves.forEach((c, k) => {
    exact.epsilon.forEach((e, i) => {
      const t = syntheticOnlyTheory({ m: c.m, p: 100, mu: 1, epsilon: e, rho: 0.3, phi: 0.8, gamma: 1 }, { pruning: 'exact' });
      assert.equal(c.accuracy[i], t.accuracy);
      assert.equal(c.mean[i], t.mean);
      maxDiff = Math.max(maxDiff, Math.abs(c.accuracy[i] - paper.curves[k].accuracy[i]));
      const a = c.accuracy[i] - 0.5;
      if (e < exact.epsilonStar - 1e-12) assert.ok(a > 0, `exact above 1/2 before ε* (ε=${e})`);
      else if (e > exact.epsilonStar + 1e-12) assert.ok(a < 0, `exact below 1/2 after ε* (ε=${e})`);
      else assert.ok(Math.abs(a) < 1e-9, `exact: 1/2 at ε* (got ${c.accuracy[i]})`);
    });
  });
  assert.ok(maxDiff > 1e-3, `the modes differ away from ε*: ${maxDiff}`);
});

test('fig4: with compare the spec adds dashed curves in the same colours and a key', async () => {
  const params = { ...fig4.defaults, pointsBelow: 10, pointsAbove: 5, mOverP: [1, 100], compare: true };
  const d = computeFig4(params);
  const spec = fig4.spec(d, params) as unknown as { layer: { mark: { type: string; strokeDash?: number[] }; encoding: Record<string, { field?: string; scale?: { domain?: string[] } }>; data: { values: Record<string, number | string>[] } }[] };
  const lines = spec.layer.filter((l) => l.mark.type === 'line');
  assert.equal(lines.length, 2);
  assert.equal(lines[0].mark.strokeDash, undefined);
  assert.deepEqual(lines[1].mark.strokeDash, [4, 2]);
  assert.deepEqual(lines[1].encoding.color.scale?.domain, lines[0].encoding.color.scale?.domain);
  assert.deepEqual(lines[1].data.values.map((r) => r.accuracy), d.compare!.curves.flatMap((c) => c.accuracy));
  const { svg, warnings } = await renderSpec(fig4.spec(d, params));
  assert.deepEqual(warnings, []);
  for (const t of ['solid: paper formulas', 'dashed: exact (0/1 mask)']) assert.ok(svg.includes(t), `svg shows ${t}`);
  const plain = fig4.spec(computeFig4({ ...params, compare: false }), params) as unknown as typeof spec;
  assert.equal(plain.layer.filter((l) => l.mark.type === 'line').length, 1);
});

test('fig4: bad parameters are rejected by name', () => {
  assert.throws(() => computeFig4({ ...fig4.defaults, pruning: 'approx' as never }), /pruning must be one of "paper", "exact", got "approx"/);
  assert.throws(() => computeFig4({ ...fig4.defaults, compare: 'yes' as never }), /compare must be true or false, got "yes"/);
  assert.throws(() => computeFig4({ ...fig4.defaults, rho: 0, phi: 0 }), /rho and phi must not both be 0/);
  assert.throws(() => computeFig4({ ...fig4.defaults, phi: 2 }), /phi must be in \[0, 1\], got 2/);
  assert.throws(() => computeFig4({ ...fig4.defaults, mOverP: [0.001] }), /mOverP entry 0\.001 gives m = round\(p·0\.001\) = 0/);
  assert.throws(() => computeFig4({ ...fig4.defaults, gamma: 0 }), /gamma must be in \(0, inf\), got 0/);
  assert.throws(() => computeFig4({ ...fig4.defaults, p: 2.5 }), /p must be an integer >= 1, got 2\.5/);
});

test('fig4: the spec renders, with rules at ε* and 1/2 and the marker on the largest m/p', async () => {
  const d = computeFig4({ ...fig4.defaults, pointsBelow: 10, pointsAbove: 5 });
  const spec = fig4.spec(d, fig4.defaults) as unknown as { layer: { mark: { type: string }; encoding: Record<string, { datum?: number }>; data: { values: Record<string, number>[] } }[] };
  const rules = spec.layer.filter((l) => l.mark.type === 'rule');
  assert.deepEqual(rules.map((r) => r.encoding.x?.datum ?? r.encoding.y?.datum).sort(), [0.5, d.epsilonStar].sort());
  const marker = spec.layer.find((l) => l.mark.type === 'point')!;
  assert.equal(marker.data.values[0].epsilon, d.epsilonStar);
  assert.ok(Math.abs(marker.data.values[0].accuracy - 0.5) < 1e-9);
  const { svg, warnings } = await renderSpec(fig4.spec(d, fig4.defaults));
  assert.deepEqual(warnings, []);
  for (const t of ['p/m', '0.001', 'ε* = 0.727', 'Label noise ε']) assert.ok(svg.includes(t), `svg shows ${t}`);
});

test('fig4: simulation dots (fast simulator, 0/1 mask) agree with the exact-mode theory within 4 s.e.', () => {
  const params = { ...fig4.defaults, pointsBelow: 4, pointsAbove: 3, draws: 40, simPoints: 4, seed: 11 };
  const d = computeFig4(params);
  const sim = d.simulation!;
  assert.equal(sim.draws, 40);
  assert.equal(sim.seed, 11);
  assert.equal(sim.points.length, 4 * 4);
  for (const pt of sim.points) {
    assert.deepEqual(Object.keys(pt), ['mOverP', 'm', 'epsilon', 'mean', 'sd', 'theory']);
    assert.equal(pt.m, Math.round(100 * pt.mOverP));
    const t = syntheticOnlyTheory({ m: pt.m, p: 100, mu: 1, epsilon: pt.epsilon, rho: 0.3, phi: 0.8, gamma: 1 }, { pruning: 'exact' });
    assert.equal(pt.theory, t.accuracy);
    const se = pt.sd / Math.sqrt(sim.draws);
    // 4 standard errors plus a finite-size allowance of 5e-4 (p = 100)
    assert.ok(Math.abs(pt.mean - pt.theory) < 4 * se + 5e-4, `m/p ${pt.mOverP}, ε ${pt.epsilon}: simulated ${pt.mean} ± ${se} vs theory ${pt.theory}`);
  }
});

test('fig4: the executor path gives the same dots; draws 0 or simPoints 0 disables them; spec draws them', async () => {
  const params = { ...fig4.defaults, pointsBelow: 4, pointsAbove: 3, mOverP: [1, 10], draws: 6, simPoints: 2, seed: 3 };
  const a = computeFig4(params);
  const b = await fig4.compute(params);
  assert.deepEqual(b.simulation, a.simulation);
  assert.equal(computeFig4({ ...params, draws: 0 }).simulation, null);
  assert.equal(computeFig4({ ...params, simPoints: 0 }).simulation, null);
  assert.notDeepEqual(computeFig4({ ...params, seed: 4 }).simulation, a.simulation);
  const spec = fig4.spec(a, params) as unknown as { layer: { mark: { type: string }; data: { values: Record<string, number>[] } }[] };
  const bars = spec.layer.filter((l) => l.mark.type === 'errorbar');
  assert.equal(bars.length, 1);
  assert.deepEqual(bars[0].data.values.map((r) => r.low), a.simulation!.points.map((p) => p.mean - p.sd));
  const { svg, warnings } = await renderSpec(fig4.spec(a, params));
  assert.deepEqual(warnings, []);
  assert.ok(svg.includes('◆ simulation') && svg.includes('6 draws ± sd'), 'legend names the simulation dots');
});

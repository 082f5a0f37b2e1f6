/**
 * The mixing-weight figures (src/figures/weight-accuracy.ts, weight-map.ts, weight-share.ts): the
 * lines are the weighted theory (exact pruning), β* is optimizeMixing's and beats the line's grid,
 * the simulation dots agree with the theory within 4 standard errors (plus a finite-size allowance
 * of 2e-3 at p = 60), and `synthrmt figure weight|weight-map|weight-share` writes the files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeWeight, validateWeightParams, weightFigure } from '../../src/figures/weight-accuracy';
import { computeWeightMap, validateWeightMapParams, weightMapFigure } from '../../src/figures/weight-map';
import { computeWeightShare, validateWeightShareParams, weightShareFigure } from '../../src/figures/weight-share';
import { figures } from '../../src/figures/index';
import { optimizeMixing, toyTheory } from '../../src/rmt/index';
import { renderSpec } from './spec-check';

const ROOT = join(__dirname, '..', '..', '..');
const SMALL = { n: 60, nHat: 240, p: 60, mu: 1, gamma: 1, rho: 1, phi: 1 };

function agrees(mean: number, sd: number, draws: number, theory: number, label: string): void {
  const se = sd / Math.sqrt(draws);
  assert.ok(Math.abs(mean - theory) < 4 * se + 2e-3, `${label}: simulated ${mean} ± ${se} vs theory ${theory}`);
}

test('weight: lines are the weighted toy theory, β* beats every grid point, dots agree with the theory', async () => {
  const params = { ...weightFigure.defaults, ...SMALL, epsilons: [0.1, 0.35], shares: [0.6], points: 41, simPoints: 4, draws: 60, seed: 5 };
  const d = await computeWeight(params);
  assert.equal(d.curves.length, 2);
  for (const c of d.curves) {
    assert.equal(c.m, Math.round((0.6 * 60) / 0.4));
    assert.ok(c.weights.includes(1), 'β = 1 is on the line');
    c.weights.forEach((w, i) => assert.equal(c.accuracy[i], toyTheory({ ...SMALL, nHat: 240, epsilon: c.epsilon, m: c.m, weight: w }, { pruning: 'exact' }).accuracy));
    const opt = optimizeMixing('toy', { ...SMALL, epsilon: c.epsilon, m: c.m }, { over: 'weight' });
    assert.deepEqual(c.best, opt.best);
    assert.equal(c.verdict, opt.verdict);
    for (const a of c.accuracy) assert.ok(c.best.accuracy >= a - 1e-12, `β* ${c.best.accuracy} vs grid ${a}`);
    assert.equal(c.simulation.length, 4);
    for (const s of c.simulation) agrees(s.mean, s.sd, d.draws, s.theory, `ε ${c.epsilon} β ${s.weight}`);
  }
  const none = await computeWeight({ ...params, draws: 0 });
  for (const c of none.curves) assert.deepEqual(c.simulation, []);
  const { warnings, svg } = await renderSpec(weightFigure.spec(d, params));
  assert.deepEqual(warnings, []);
  assert.ok(svg.includes('Mixing weight β'));
  await assert.rejects(weightFigure.compute({ ...params, weightMin: 10, weightMax: 1 }), /weightMin must be < weightMax/);
  await assert.rejects(computeWeight({ ...params, shares: [1] }), /shares\[0\] must be in \(0, 1\), got 1/);
});

test('weight-map: β* and the verdict of every cell are optimizeMixing\'s; the verdict is consistent', async () => {
  const params = { ...weightMapFigure.defaults, ...SMALL, epsilonPoints: 4, sharePoints: 3 };
  const d = computeWeightMap(params);
  assert.equal(d.cells.length, 12);
  for (const c of d.cells) {
    const r = optimizeMixing('toy', { ...SMALL, epsilon: c.epsilon, m: c.m }, { over: 'weight' });
    assert.equal(c.bestWeight, r.best.weight);
    assert.equal(c.verdict, r.verdict);
    if (c.verdict === 'help') assert.ok(c.atWeight1 > c.realOnly);
    if (c.verdict === 'help only when weighted') assert.ok(c.atWeight1 <= c.realOnly + 1e-9 && c.bestAccuracy > c.realOnly);
    assert.ok(c.bestAccuracy >= c.atWeight1 - 1e-12);
  }
  const { warnings } = await renderSpec(weightMapFigure.spec(d, params));
  assert.deepEqual(warnings, []);
});

test('weight-share: the β = 1 line, β*(m) above it, the dip is optimizeMixing\'s, dots agree with the theory', async () => {
  const params = { ...weightShareFigure.defaults, ...SMALL, epsilon: 0.3, points: 12, simPoints: 3, draws: 60, seed: 8 };
  const d = await computeWeightShare(params);
  d.m.forEach((m, i) => {
    assert.equal(d.accuracy[i], toyTheory({ ...SMALL, epsilon: 0.3, m }, { pruning: 'exact' }).accuracy);
    assert.ok(d.bestAccuracy[i] >= d.accuracy[i] - 1e-12);
  });
  assert.equal(d.realOnly, d.accuracy[0]);
  const mMax = d.m[d.m.length - 1];
  assert.deepEqual(d.dip, optimizeMixing('toy', { ...SMALL, epsilon: 0.3, m: mMax }, { over: 'm', mMax }).dip);
  assert.equal(d.simulation.length, 3);
  for (const s of d.simulation) agrees(s.mean, s.sd, d.draws, s.theory, `share ${s.share}`);
  const { warnings } = await renderSpec(weightShareFigure.spec(d, params));
  assert.deepEqual(warnings, []);
});

test('weight, weight-map, weight-share: ρ = φ = 0 is refused (validateMixingSetting), unknown names list the schema\'s', () => {
  const cases: [(p: never) => unknown, { name: string; defaults: object; params: object }][] = [
    [validateWeightParams, weightFigure], [validateWeightMapParams, weightMapFigure], [validateWeightShareParams, weightShareFigure],
  ];
  for (const [validate, def] of cases) {
    assert.throws(() => validate({ ...def.defaults, rho: 0, phi: 0 } as never), { name: 'RangeError', message: 'rho and phi must not both be 0 (every synthetic sample would be pruned)' }, def.name);
    assert.throws(() => validate({ ...def.defaults, bogus: 1 } as never), (e: Error) => e.message.endsWith(`allowed: ${Object.keys(def.params).join(', ')}`), def.name);
  }
});

test('synthrmt figure weight, weight-map, weight-share write svg and json', () => {
  assert.ok(figures.weight && figures['weight-map'] && figures['weight-share']);
  const tmp = mkdtempSync(join(tmpdir(), 'synthrmt-weight-'));
  try {
    const runs: [string, string, string[]][] = [
      ['weight', 'weight-accuracy', ['--points', '9', '--sim-points', '2', '--draws', '3', '--epsilons', '0.1,0.3']],
      ['weight-map', 'weight-map', ['--epsilon-points', '3', '--share-points', '2']],
      ['weight-share', 'weight-share', ['--points', '6', '--sim-points', '2', '--draws', '3']],
    ];
    for (const [name, stem, args] of runs) {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'synthrmt.js'), 'figure', name, ...args, '--no-pdf', '--threads', '1', '--out', tmp], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      assert.ok(readFileSync(join(tmp, `${stem}.svg`), 'utf8').includes('<svg'));
      assert.ok(JSON.parse(readFileSync(join(tmp, `${stem}.json`), 'utf8')));
    }
    const bad = spawnSync(process.execPath, [join(ROOT, 'bin', 'synthrmt.js'), 'figure', 'weight', '--shares', '1.5', '--no-pdf', '--out', tmp], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /shares/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

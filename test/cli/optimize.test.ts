/** `synthrmt optimize` (src/cli/optimize.ts) through the built CLI, against optimizeMixing and the theory. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optimizeMixing, toyTheory, syntheticOnlyTheory } from '../../src/rmt/index';
import { synthrmt } from '../runner/helpers';

/** `synthrmt optimize ...args`. */
const cli = (args: string[]): ReturnType<typeof synthrmt> => synthrmt(['optimize', ...args]);

// a setting where synthetic data help only when down-weighted, and accuracy against m dips (U shape)
const Q = { n: 100, nHat: 1000, m: 100, p: 200, mu: 1, epsilon: 0.4, rho: 0.5, phi: 1, gamma: 1 };
const FLAGS = ['--n', '100', '--n-hat', '1000', '--m', '100', '--p', '200', '--mu', '1', '--epsilon', '0.4', '--rho', '0.5', '--phi', '1', '--gamma', '1'];

test('optimize --json prints optimizeMixing\'s result, keys best, atWeight1, realOnly, curve first', () => {
  for (const over of ['weight', 'm', 'both'] as const) {
    const r = cli(['toy', ...FLAGS, '--over', over, '--m-max', '2000', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out).slice(0, 4), ['best', 'atWeight1', 'realOnly', 'curve']);
    assert.deepEqual(Object.keys(out.best), ['weight', 'm', 'accuracy']);
    assert.deepEqual(out, JSON.parse(JSON.stringify(optimizeMixing('toy', Q, { over, mMax: 2000 }))));
  }
});

test('optimize over the weight: β* beats a fine grid of the theory; text gives the verdict and the U shape', () => {
  const r = cli(['toy', ...FLAGS, '--over', 'weight', '--json']);
  const out = JSON.parse(r.stdout);
  let gridBest = -Infinity;
  for (let k = 0; k <= 800; k++) {
    const weight = 10 ** (-3 + (5 * k) / 800);
    gridBest = Math.max(gridBest, toyTheory({ ...Q, weight }, { pruning: 'exact' }).accuracy);
  }
  assert.ok(out.best.accuracy >= gridBest - 1e-12, `optimum ${out.best.accuracy} vs grid ${gridBest}`);
  assert.equal(out.atWeight1.accuracy, toyTheory(Q, { pruning: 'exact' }).accuracy);
  assert.equal(out.realOnly.accuracy, toyTheory({ ...Q, m: 0 }, { pruning: 'exact' }).accuracy);
  const text = cli(['toy', ...FLAGS, '--over', 'weight']);
  assert.equal(text.status, 0, text.stderr);
  const expect = optimizeMixing('toy', Q, { over: 'weight' });
  assert.match(text.stdout, new RegExp(`best\\s+β\\* = ${Number(expect.best.weight.toPrecision(4))}\\s+m\\* = 100\\s+accuracy ${expect.best.accuracy.toFixed(4)}`));
  assert.match(text.stdout, new RegExp(`real data only\\s+m  = 0\\s+accuracy ${expect.realOnly.accuracy.toFixed(4)}`));
  const verdict = { help: 'synthetic data help', hurt: 'synthetic data hurt', 'help only when weighted': 'synthetic data help only when weighted' }[expect.verdict];
  assert.ok(text.stdout.includes(`verdict: ${verdict}`), text.stdout);
  if (expect.dip) assert.match(text.stdout, new RegExp(`U shape: accuracy against the synthetic share dips at m = ${expect.dip.m}`));
  else assert.match(text.stdout, /U shape: none/);
});

test('optimize synthetic-only and general', () => {
  const s = cli(['synthetic-only', '--m', '1000', '--p', '100', '--mu', '1', '--epsilon', '0.3', '--rho', '0.3', '--phi', '0.8', '--gamma', '1', '--over', 'm', '--json']);
  assert.equal(s.status, 0, s.stderr);
  const out = JSON.parse(s.stdout);
  assert.deepEqual(out.realOnly, { weight: 0, m: 0, accuracy: 0.5 });
  assert.equal(out.best.accuracy, syntheticOnlyTheory({ m: out.best.m, p: 100, mu: 1, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 }, { pruning: 'exact' }).accuracy);
  const params = { n: 20, m: 30, p: 3, mu: [0.6, -0.3, 0.5], muBeta: [0.55, -0.25, 0.6], cov: [[1.5, 0.2, 0], [0.2, 0.8, 0.1], [0, 0.1, 1.1]], epsilon: 0.2, rho: 0.1, phi: 0.9, gamma: 0.5 };
  const g = cli(['general', '--json-params', JSON.stringify(params), '--over', 'weight', '--json']);
  assert.equal(g.status, 0, g.stderr);
  assert.deepEqual(JSON.parse(g.stdout), JSON.parse(JSON.stringify(optimizeMixing('general', params as never, { over: 'weight' }))));
});

test('optimize: bad input exits 2 naming the flag, no stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['toy', ...FLAGS, '--over', 'x'], /--over <what>' argument 'x' is invalid\. Allowed choices are weight, m, both/],
    [['toy', ...FLAGS, '--over', 'm', '--m-max', '-3'], /--m-max: mMax must be an integer >= 1, got -3/],
    [['toy', ...FLAGS, '--weight', '-1', '--over', 'm'], /--weight: weight must be/],
    [['toy', ...FLAGS, '--epsilon', '1.5'], /--epsilon: epsilon must be/],
    [['toy', ...FLAGS, '--pruning', 'paper'], /pruning "exact"/],
    [['general', '--json-params', '{bad'], /--json-params: bad JSON/],
    [[], /optimize: give a model/],
  ];
  for (const [args, re] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.ok(!r.stderr.includes('    at '), 'no stack trace');
  }
});

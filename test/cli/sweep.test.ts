/**
 * Sweeps of `synthrmt theory` (src/cli/sweep.ts, src/cli/theory-sweep.ts): the parser, and the
 * built CLI's table, --json, --csv, --plot and bad syntax (exit 2 naming the flag); batch --echo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSweep, sweepPoints } from '../../src/cli/sweep';
import { toyTheory, syntheticOnlyTheory } from '../../src/rmt/index';
import { CLI, ROOT, synthrmt } from '../runner/helpers';

/** `synthrmt theory ...args`, `input` on its stdin. */
const cli = (args: string[], input?: string): ReturnType<typeof synthrmt> => synthrmt(['theory', ...args], { input });

test('parseSweep: number, list, linear and log ranges; counts rounded; errors name the syntax', () => {
  assert.deepEqual(parseSweep('2.5'), { values: [2.5], log: false });
  assert.deepEqual(parseSweep('0,500,2000'), { values: [0, 500, 2000], log: false });
  assert.deepEqual(parseSweep('0:20000:41').values.slice(0, 3), [0, 500, 1000]);
  assert.equal(parseSweep('0:20000:41').values.length, 41);
  assert.equal(parseSweep('0:20000:41').values[40], 20000);
  assert.equal(parseSweep('0:1:11').values[3], 0.3);
  const lg = parseSweep('log:0.01:100:61');
  assert.equal(lg.log, true);
  assert.equal(lg.values.length, 61);
  assert.equal(lg.values[0], 0.01);
  assert.equal(lg.values[30], 1);
  assert.equal(lg.values[60], 100);
  for (let i = 1; i < 61; i++) assert.ok(Math.abs(lg.values[i] / lg.values[i - 1] - 10 ** (4 / 60)) < 1e-12);
  assert.deepEqual(parseSweep('0:10:4', { integer: true }).values, [0, 3, 7, 10]);
  assert.deepEqual(parseSweep('log:1:4:5', { integer: true }).values, [1, 1.41, 2, 2.83, 4].map(Math.round).filter((v, i, a) => a.indexOf(v) === i));
  for (const bad of ['0:1', '0:1:x', '0:1:0', '0:1:2.5', 'log:0:1:3', 'log:1:2', '1,,2', '0x10,1', 'a:b:c']) {
    assert.throws(() => parseSweep(bad), /allowed: a number, a list/, bad);
  }
  assert.throws(() => parseSweep('1:2e9:3', { integer: true, max: 1e9 }), /more than the largest allowed value/);
  assert.deepEqual(sweepPoints([['m', [1, 2]], ['weight', [0.5, 1, 2]]]).map((p) => [p.m, p.weight]),
    [[1, 0.5], [1, 1], [1, 2], [2, 0.5], [2, 1], [2, 2]]);
  assert.throws(() => sweepPoints([['m', new Array(1000).fill(1)], ['p', new Array(1000).fill(1)]]), /1000000 points/);
});

const TOY = ['--n', '1000', '--n-hat', '1000', '--p', '200', '--mu', '0.7', '--epsilon', '0.25', '--rho', '0.5', '--phi', '0.9', '--gamma', '1', '--pruning', 'exact'];
const toyAt = (m: number, weight: number): number =>
  toyTheory({ n: 1000, nHat: 1000, m, p: 200, mu: 0.7, epsilon: 0.25, rho: 0.5, phi: 0.9, gamma: 1, weight }, { pruning: 'exact' }).accuracy;

test('theory sweep: --json prints one batch-format line per point (m slowest, weight fastest)', () => {
  const r = cli(['toy', ...TOY, '--m', '0,1000', '--weight', 'log:0.1:10:3', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 6);
  const expected = [[0, 0.1], [0, 1], [0, 10], [1000, 0.1], [1000, 1], [1000, 10]];
  lines.forEach((l, i) => {
    assert.deepEqual(Object.keys(l), ['model', 'pruning', 'params', 'accuracy', 'accuracySymmetric', 'mean', 'secondMoment', 'deltas']);
    assert.equal(l.model, 'toy');
    assert.equal(l.pruning, 'exact');
    assert.deepEqual([l.params.m, l.params.weight], expected[i]);
    assert.equal(l.params.nHat, 1000);
    assert.equal(l.accuracy, toyAt(expected[i][0], expected[i][1]));
  });
  // the echoed {"model","pruning","params"} is a valid batch line giving the same accuracy
  const batch = cli(['--batch', '-'], lines.map((l) => JSON.stringify({ model: l.model, pruning: l.pruning, params: l.params })).join('\n'));
  assert.equal(batch.status, 0, batch.stderr);
  assert.deepEqual(batch.stdout.trim().split('\n').map((l) => JSON.parse(l).accuracy), lines.map((l) => l.accuracy));
});

test('theory sweep: table and CSV', () => {
  const t = cli(['toy', ...TOY, '--m', '0:2000:3']);
  assert.equal(t.status, 0, t.stderr);
  const rows = t.stdout.trim().split('\n');
  assert.match(rows[0], /toy setting, pruning=exact, n=1000 n-hat=1000 p=200/);
  assert.match(rows[1], /^\s*m\s+accuracy \(signed\)/);
  assert.equal(rows.length, 5);
  assert.match(rows[3], new RegExp(`^\\s*1000\\s+${toyAt(1000, 1).toFixed(6)}`));
  const c = cli(['synthetic-only', '--m', '100,1000', '--p', '100', '--mu', '1', '--epsilon', '0.2:0.4:2', '--rho', '0.3', '--phi', '0.8', '--gamma', '1', '--csv']);
  assert.equal(c.status, 0, c.stderr);
  const lines = c.stdout.trim().split('\n');
  assert.equal(lines[0], 'm,p,mu,epsilon,rho,phi,gamma,accuracy,accuracySymmetric,mean,secondMoment');
  assert.equal(lines.length, 5);
  const f = lines[4].split(',').map(Number);
  assert.deepEqual(f.slice(0, 7), [1000, 100, 1, 0.4, 0.3, 0.8, 1]);
  assert.equal(f[7], syntheticOnlyTheory({ m: 1000, p: 100, mu: 1, epsilon: 0.4, rho: 0.3, phi: 0.8, gamma: 1 }).accuracy);
});

test('theory sweep: --plot FILE.svg draws the sweep (one line per series), no temp files left', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synthrmt-sweep-'));
  try {
    const file = join(dir, 'acc.svg');
    const r = cli(['toy', ...TOY, '--m', '0:4000:9', '--weight', '0.5,2', '--plot', file]);
    assert.equal(r.status, 0, r.stderr);
    const svg = readFileSync(file, 'utf8');
    assert.match(svg, /^<\?xml/);
    assert.ok(svg.includes('Test accuracy (signed)'));
    assert.ok(svg.includes('weight'), 'legend title');
    assert.deepEqual(readdirSync(dir), ['acc.svg']);
    const bad = cli(['toy', ...TOY, '--m', '0:4000:9', '--plot', join(dir, 'x.gif')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--plot: the file must end in \.svg, \.pdf or \.png/);
    const three = cli(['toy', ...TOY, '--m', '0,1', '--weight', '1,2', '--mu', '0.5,0.7', '--plot', file]);
    assert.equal(three.status, 2);
    assert.match(three.stderr, /3 swept flags \(--m, --mu, --weight\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('theory sweep: bad syntax or a bad value in a sweep exits 2 naming the flag', () => {
  for (const [flag, value] of [['--m', '0:2000'], ['--weight', 'log:0:1:3'], ['--epsilon', '0.1,x'], ['--gamma', '1:2:0']]) {
    const args = ['toy', ...TOY.filter((_, i, a) => a[i] !== flag && a[i - 1] !== flag), ...(flag === '--m' ? [] : ['--m', '1000']), flag, value];
    const r = cli(args);
    assert.equal(r.status, 2, `${flag} ${value}: ${r.stderr}`);
    assert.ok(r.stderr.includes(`option '${flag} `), `${flag} ${value}: ${r.stderr}`);
    assert.ok(!r.stderr.includes('    at '), 'no stack trace');
  }
  const out = cli(['toy', ...TOY.filter((_, i, a) => a[i] !== '--epsilon' && a[i - 1] !== '--epsilon'), '--m', '1000', '--epsilon', '0.5:1.5:3']);
  assert.equal(out.status, 2);
  assert.match(out.stderr, /--epsilon: epsilon must be/);
  const both = cli(['toy', ...TOY, '--m', '0,1', '--json', '--csv']);
  assert.equal(both.status, 2);
});

test('theory --batch --echo: each line starts with its input model, pruning and params', () => {
  const lines = [
    { model: 'synthetic-only', params: { m: 1000, p: 100, mu: 1, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 } },
    { model: 'toy', pruning: 'exact', params: { n: 100, nHat: 100, m: 50, p: 20, mu: 1, epsilon: 0.2, rho: 0.5, phi: 0.9, gamma: 1, weight: 2 } },
  ];
  const r = cli(['--batch', '-', '--echo'], lines.map((l) => JSON.stringify(l)).join('\n'));
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(out[0]), ['model', 'params', 'accuracy', 'accuracySymmetric', 'mean', 'secondMoment', 'deltas']);
  assert.deepEqual(Object.keys(out[1]).slice(0, 3), ['model', 'pruning', 'params']);
  assert.deepEqual(out[1].params, lines[1].params);
  assert.equal(out[1].accuracy, toyTheory(lines[1].params as never, { pruning: 'exact' }).accuracy);
  const plain = cli(['--batch', '-'], JSON.stringify(lines[0]));
  assert.deepEqual(Object.keys(JSON.parse(plain.stdout)), ['accuracy', 'accuracySymmetric', 'mean', 'secondMoment', 'deltas']);
});

test('theory sweep: a reader that stops early ends the output quietly (EPIPE)', { timeout: 60_000 }, async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [CLI, 'theory', 'toy', ...TOY, '--m', '0:20000:20001', '--json'], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  await new Promise<void>((done) => child.stdout.once('data', () => { child.stdout.destroy(); done(); }));
  const code = await new Promise<number | null>((done) => {
    const timer = setTimeout(() => { child.kill(); done(-1); }, 50_000);
    child.on('close', (c) => { clearTimeout(timer); done(c); });
  });
  assert.equal(code, 0, stderr);
  assert.ok(!stderr.includes('EPIPE'), stderr);
});

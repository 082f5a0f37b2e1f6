/** `synthrmt theory`: spawns the built CLI (node bin/synthrmt.js) from the repository root. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticOnlyTheory, generalTheory, toyTheory } from '../../src/rmt/index';
import { synthrmt } from '../runner/helpers';

/** `synthrmt theory ...args`, `input` on its stdin. */
const cli = (args: string[], input?: string): ReturnType<typeof synthrmt> => synthrmt(['theory', ...args], { input });

const TOY_FLAGS = ['--n', '1000', '--n-hat', '1000', '--m', '1000', '--p', '200', '--mu', '0.7', '--epsilon', '0.25', '--rho', '0', '--phi', '1', '--gamma', '1'];
const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-8, `${what}: ${a} vs ${b}`);

test('one point, toy: readable text and --json', () => {
  const text = cli(['toy', ...TOY_FLAGS]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /accuracy \(signed\).*0\.73321745/);
  assert.match(text.stdout, /accuracy \(symmetric\).*0\.73321745/);
  assert.match(text.stdout, /E\[g\]/);
  assert.match(text.stdout, /E\[g\^2\]/);
  assert.match(text.stdout, /delta_r, delta_s, delta_g.*0\.05491686082952196, 0\.03961805531552782, 0\.03961805531529773/);
  const js = cli(['toy', ...TOY_FLAGS, '--json']);
  assert.equal(js.status, 0, js.stderr);
  const r = JSON.parse(js.stdout.trim());
  assert.deepEqual(Object.keys(r), ['accuracy', 'accuracySymmetric', 'mean', 'secondMoment', 'deltas']);
  close(r.accuracySymmetric, 0.7332174520074907, 'accuracySymmetric');
  [0.05491686082952196, 0.03961805531552782, 0.03961805531529773].forEach((d, i) => close(r.deltas[i], d, `delta ${i}`));
});

test('one point, synthetic-only and general (--json-params)', () => {
  const s = cli(['synthetic-only', '--m', '100000', '--p', '100', '--mu', '1', '--epsilon', '0.8', '--rho', '0.3', '--phi', '0.8', '--gamma', '1', '--json']);
  assert.equal(s.status, 0, s.stderr);
  const rs = JSON.parse(s.stdout);
  close(rs.accuracy, 0.1703861397687197, 'signed accuracy');
  close(rs.accuracySymmetric, 0.8296138602312803, 'symmetric accuracy');
  assert.equal(rs.deltas.length, 1);
  const params = {
    n: 20, m: 30, p: 3, mu: [0.6, -0.3, 0.5], muBeta: [0.55, -0.25, 0.6],
    cov: [[1.5, 0.2, 0], [0.2, 0.8, 0.1], [0, 0.1, 1.1]], epsilon: 0.2, rho: 0.1, phi: 0.9, gamma: 0.5,
  };
  const g = cli(['general', '--json-params', JSON.stringify(params), '--json']);
  assert.equal(g.status, 0, g.stderr);
  const rg = JSON.parse(g.stdout);
  close(rg.accuracySymmetric, 0.7807774462412918, 'general accuracy');
  close(rg.secondMoment, 0.22174369968257984, 'general second moment');
  const gt = cli(['general', '--json-params', JSON.stringify(params)]);
  assert.equal(gt.status, 0, gt.stderr);
  assert.match(gt.stdout, /delta, delta_s/);
});

const GENERAL = {
  n: 0, m: 50, p: 3, mu: [0.6, -0.3, 0.5], muBeta: [0.55, -0.25, 0.6],
  cov: [[1.5, 0.2, 0], [0.2, 0.8, 0.1], [0, 0.1, 1.1]], epsilon: 0, rho: 0, phi: 1, gamma: 1,
};
const BATCH = [
  JSON.stringify({ model: 'toy', params: { n: 800, nHat: 200, m: 2000, p: 400, mu: 1.2, epsilon: 0.1, rho: 0.1, phi: 0.9, gamma: 0.1 } }),
  '',
  'this is not json',
  JSON.stringify({ model: 'general', params: GENERAL }),
  JSON.stringify({ model: 'quadratic', params: {} }),
  JSON.stringify({ model: 'synthetic-only', params: { m: 1000, p: 100, mu: 1, epsilon: 0.3, rho: 0.3, phi: 0.8 } }),
  JSON.stringify({ model: 'toy', params: { n: 1000, nHat: 1000, m: 1000, p: 200, mu: 0.7, epsilon: 1.5, rho: 0, phi: 1, gamma: 1 } }),
  '   ',
  JSON.stringify({ model: 'synthetic-only', params: { m: 1000, p: 100, mu: 1, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 } }),
].join('\n');

function checkBatchOutput(out: { status: number | null; stdout: string; stderr: string }): void {
  assert.equal(out.status, 1, 'a bad line makes the exit code 1');
  const lines = out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 7, 'one output line per non-blank input line');
  close(lines[0].accuracySymmetric, 0.8245588414867641, 'line 1 toy');
  assert.equal(lines[0].deltas.length, 3);
  assert.match(lines[1].error, /line 3: bad JSON/);
  close(lines[2].accuracySymmetric, 0.7827453673759819, 'line 4 general');
  close(lines[2].mean, 0.2504217739166214, 'line 4 mean');
  assert.equal(lines[2].deltas.length, 2);
  assert.match(lines[3].error, /line 5: unknown model "quadratic"/);
  assert.match(lines[4].error, /line 6: gamma must be a finite number, got undefined \(missing\)/);
  assert.match(lines[5].error, /line 7: epsilon must be in \[0, 1\], got 1\.5/);
  close(lines[6].accuracySymmetric, 0.7963615572367521, 'line 9 synthetic-only');
  assert.equal(lines[6].deltas.length, 1);
}

test('batch from a file: order kept, blank lines skipped, bad lines → {"error"} and exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synthrmt-theory-'));
  try {
    const file = join(dir, 'points.jsonl');
    writeFileSync(file, `${BATCH}\n`);
    checkBatchOutput(cli(['--batch', file]));
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, BATCH.split('\n')[0] + '\r\n' + BATCH.split('\n')[8]); // CRLF, no final newline
    const ok = cli(['--batch', good]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout.trimEnd().split('\n').length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('batch from stdin (-)', () => {
  checkBatchOutput(cli(['--batch', '-'], BATCH));
});

test('bad flags exit 2 with a message naming the flag', () => {
  const without = (flag: string): string[] => {
    const i = TOY_FLAGS.indexOf(flag);
    return [...TOY_FLAGS.slice(0, i), ...TOY_FLAGS.slice(i + 2)];
  };
  const withValue = (flag: string, v: string): string[] => {
    const a = [...TOY_FLAGS];
    a[a.indexOf(flag) + 1] = v;
    return a;
  };
  const cases: Array<[string[], RegExp]> = [
    [['toy', ...TOY_FLAGS, '--bogus', '3'], /unknown option '--bogus'/],
    [['toy', ...without('--gamma')], /required option '--gamma <penalty>' not specified/],
    [['toy', ...TOY_FLAGS.slice(0, -1)], /option '--gamma <penalty>' argument missing/],
    [['toy', ...withValue('--mu', 'abc')], /--mu <norm>' argument 'abc' is invalid/],
    [['toy', ...withValue('--epsilon', '1.2')], /--epsilon: epsilon must be in \[0, 1\], got 1\.2/],
    [['toy', ...withValue('--n-hat', '0')], /--n-hat: nHat must be an integer >= 1, got 0/],
    [['toy', ...withValue('--m', '-1')], /--m: m must be an integer >= 0, got -1/],
    [['toy', ...withValue('--gamma', '-1')], /--gamma: gamma must be > 0, got -1/],
    [['toy', ...withValue('--p', '10.5')], /--p: p must be an integer >= 1, got 10\.5/],
    [['toy', ...withValue('--phi', '0')], /alpha .*must be > 0/],
    [['synthetic-only', '--m', '10', '--p', '0', '--mu', '1', '--epsilon', '0', '--rho', '0', '--phi', '1', '--gamma', '1'], /--p: p must be an integer >= 1, got 0/],
    [['general', '--json-params', '{"n":'], /--json-params: bad JSON/],
    [['general', '--json-params', JSON.stringify({ ...GENERAL, cov: [[1, 2, 0], [2, 1, 0], [0, 0, 1]] })], /cov must be positive definite/],
    [['--batch', join(tmpdir(), 'synthrmt-no-such-file.jsonl')], /--batch: cannot read/],
    [[], /give a model .* or --batch/],
  ];
  for (const [args, re] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `exit status for ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, `stderr for ${args.join(' ')}`);
  }
});

test('--pruning paper|exact and the batch "pruning" field', () => {
  const SYN = { m: 600, p: 200, mu: 1.5, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 };
  const flags = Object.entries(SYN).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const exact = syntheticOnlyTheory(SYN, { pruning: 'exact' });
  const paper = syntheticOnlyTheory(SYN);
  assert.ok(Math.abs(exact.mean - paper.mean) > 1e-3, 'the modes differ here');
  for (const [extra, want] of [[[], paper], [['--pruning', 'paper'], paper], [['--pruning', 'exact'], exact]] as const) {
    const r = cli(['synthetic-only', ...flags, ...extra, '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { ...want });
  }
  const text = cli(['toy', ...TOY_FLAGS, '--pruning', 'exact']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /toy setting: .* pruning=exact/);
  const toy = Object.fromEntries(TOY_FLAGS.flatMap((f, i) => (i % 2 === 0 ? [[f.slice(2).replace('n-hat', 'nHat'), Number(TOY_FLAGS[i + 1])]] : [])));
  close(JSON.parse(cli(['toy', ...TOY_FLAGS, '--pruning', 'exact', '--json']).stdout).accuracy, toyTheory(toy as never, { pruning: 'exact' }).accuracy, 'toy exact');
  const g = cli(['general', '--json-params', JSON.stringify({ ...GENERAL, epsilon: 0.2, rho: 0.5, phi: 0.7 }), '--pruning', 'exact', '--json']);
  assert.equal(g.status, 0, g.stderr);
  close(JSON.parse(g.stdout).secondMoment, generalTheory({ ...GENERAL, epsilon: 0.2, rho: 0.5, phi: 0.7 }, { pruning: 'exact' }).secondMoment, 'general exact');
  const bad = cli(['synthetic-only', ...flags, '--pruning', 'approx']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /'--pruning <mode>' argument 'approx' is invalid\. Allowed choices are paper, exact/);
  const help = cli(['synthetic-only', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--pruning <mode>/);
  assert.match(help.stdout, /Pruning \(--pruning on toy, synthetic-only, general\)/);

  const batch = [
    JSON.stringify({ model: 'synthetic-only', pruning: 'exact', params: SYN }),
    JSON.stringify({ model: 'synthetic-only', params: SYN }),
    JSON.stringify({ model: 'synthetic-only', pruning: 'approx', params: SYN }),
    JSON.stringify({ model: 'general', pruning: 'exact', params: { ...GENERAL, epsilon: 0.2, rho: 0.5, phi: 0.7 } }),
    JSON.stringify({ model: 'toy', prune: 'exact', params: toy }),
  ].join('\n');
  const out = cli(['--batch', '-'], batch);
  assert.equal(out.status, 1);
  const lines = out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines[0], { ...exact });
  assert.deepEqual(lines[1], { ...paper });
  assert.equal(lines[2].error, 'line 3: pruning must be one of "paper", "exact", got "approx"');
  close(lines[3].secondMoment, generalTheory({ ...GENERAL, epsilon: 0.2, rho: 0.5, phi: 0.7 }, { pruning: 'exact' }).secondMoment, 'batch general exact');
  assert.equal(lines[4].error, 'line 5: unknown field "prune"; allowed: model, params, pruning');
});

test('--weight and the batch "weight": the weighted classifier in exact mode; a bad or paper-mode weight exits 2 naming it', () => {
  const js = cli(['toy', ...TOY_FLAGS, '--weight', '2.5', '--pruning', 'exact', '--json']);
  assert.equal(js.status, 0, js.stderr);
  const expected = toyTheory({ n: 1000, nHat: 1000, m: 1000, p: 200, mu: 0.7, epsilon: 0.25, rho: 0, phi: 1, gamma: 1, weight: 2.5 }, { pruning: 'exact' });
  close(JSON.parse(js.stdout.trim()).accuracy, expected.accuracy, 'weighted toy');
  const paper = cli(['toy', ...TOY_FLAGS, '--weight', '2.5']);
  assert.equal(paper.status, 2);
  assert.match(paper.stderr, /--weight: weight = 2\.5 needs pruning "exact"/);
  assert.doesNotMatch(paper.stderr, /\n\s+at /);
  const neg = cli(['synthetic-only', '--m', '100', '--p', '10', '--mu', '1', '--epsilon', '0', '--rho', '1', '--phi', '1', '--gamma', '1', '--weight', '-1', '--pruning', 'exact']);
  assert.equal(neg.status, 2);
  assert.match(neg.stderr, /--weight: weight must be a finite number >= 0.*got -1/);
  const line = (w: number, pruning?: string): string =>
    JSON.stringify({ model: 'synthetic-only', ...(pruning ? { pruning } : {}), params: { m: 300, p: 100, mu: 1, epsilon: 0.2, rho: 0.5, phi: 0.9, gamma: 1, weight: w } });
  const batch = cli(['--batch', '-'], `${line(3, 'exact')}\n${line(3)}\n`);
  assert.equal(batch.status, 1);
  const [ok, bad] = batch.stdout.trim().split('\n').map((l) => JSON.parse(l));
  close(ok.accuracy, syntheticOnlyTheory({ m: 300, p: 100, mu: 1, epsilon: 0.2, rho: 0.5, phi: 0.9, gamma: 1, weight: 3 }, { pruning: 'exact' }).accuracy, 'batch weight');
  assert.match(bad.error, /line 2: weight = 3 needs pruning "exact"/);
});

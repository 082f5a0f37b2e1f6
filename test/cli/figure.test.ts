/**
 * `synthrmt figure`: parameters parsed against a figure's paramKinds, computation on worker
 * threads, files written; unknown figure / parameter / bad value → exit 2 (through the real bin).
 * A tiny test-only figure is registered in this process; the bin tests use the real registry.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { figureCommand, parseFigureParams } from '../../src/cli/figure';
import { UsageError } from '../../src/cli/errors';
import { main } from '../../src/cli/main';
import { figures } from '../../src/figures/index';
import type { FigureDef } from '../../src/figures/figure-def';
import { paperFigure } from '../../src/plot/theme';
import { findChromium } from '../../src/render/pdf';
import { sumSquaresTask } from '../../src/parallel/selftest';

const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'synthrmt.js');

interface P {
  n: number;
  scale: number;
  sizes: number[];
  weights: number[];
  label: string;
  log: boolean;
}
interface D {
  rows: { i: number; y: number }[];
  label: string;
}

/** y_i = scale · Σ_j (i+j)² over sizes[i] terms, computed with the pool's self-test task. */
const testFigure: FigureDef<P, D> = {
  name: 'cli-test-figure',
  fileStem: 'cli-test-figure',
  title: 'CLI test figure',
  size: 'single',
  defaults: { n: 3, scale: 1, sizes: [2, 3, 4], weights: [1], label: 'default', log: false },
  params: {
    n: { kind: 'integer', min: 0, max: 1000, help: 'points' },
    scale: { kind: 'number', help: 'scale' },
    sizes: { kind: 'integers', min: 0, help: 'terms per point' },
    weights: { kind: 'numbers', help: 'weights' },
    label: { kind: 'string', help: 'title' },
    log: { kind: 'boolean', help: 'log scale' },
  },
  async compute(p, ctx) {
    if (p.sizes.length < p.n) throw new RangeError(`sizes needs ${p.n} entries, got ${p.sizes.length}`);
    const args = Array.from({ length: p.n }, (_, i) => [Float64Array.from({ length: p.sizes[i] }, (_, j) => i + j)]) as [Float64Array][];
    const sums = await ctx!.executor!(sumSquaresTask, args, (done) => ctx?.onProgress?.(done, p.n));
    return { rows: sums.map((s, i) => ({ i, y: p.scale * s })), label: p.label };
  },
  spec(d, p) {
    return paperFigure(
      { title: d.label, width: 160, height: 90, data: { values: d.rows }, mark: 'line', encoding: { x: { field: 'i', type: 'quantitative' }, y: { field: 'y', type: 'quantitative', scale: { type: p.log ? 'log' : 'linear' } } } },
      'single',
    );
  },
};

let tmp: string;
before(() => {
  figures[testFigure.name] = testFigure;
  tmp = mkdtempSync(join(tmpdir(), 'synthrmt-cli-figure-'));
});
after(() => {
  delete figures[testFigure.name];
  rmSync(tmp, { recursive: true, force: true });
});

test('--param value pairs are read by kind; --flag and --name=value work', () => {
  const p = parseFigureParams(testFigure, ['--n', '2', '--scale=-2.5', '--sizes', '5,6', '--weights', '0.5, 1e-3', '--label', 'hello world', '--log']);
  assert.deepEqual(p, { n: 2, scale: -2.5, sizes: [5, 6], weights: [0.5, 0.001], label: 'hello world', log: true });
  assert.deepEqual(parseFigureParams(testFigure, ['--log', 'false', '--n', '1']), { log: false, n: 1 });
});

test('unknown or badly typed parameters are usage errors naming them and what is allowed', () => {
  const usage = (tokens: string[], re: RegExp): void =>
    assert.throws(() => parseFigureParams(testFigure, tokens), (e: Error) => e instanceof UsageError && re.test(e.message), tokens.join(' '));
  usage(['--bogus', '1'], /unknown parameter --bogus for figure cli-test-figure; allowed: --n \(integer\), --scale \(number\), --sizes \(integers\)/);
  usage(['--n', '2.5'], /--n of figure cli-test-figure expects an integer, got "2\.5"/);
  usage(['--scale', 'abc'], /--scale of figure cli-test-figure expects a number, got "abc"/);
  usage(['--sizes', '1,,2'], /--sizes .* expects a comma-separated list of integers, got "1,,2"/);
  usage(['--sizes', '1,x'], /expects a comma-separated list of integers, got "1,x"/);
  usage(['--n'], /--n of figure cli-test-figure needs a value \(integer\)/);
  usage(['--n', '1', '--n', '2'], /parameter --n is given twice/);
  usage(['stray'], /unexpected argument "stray"/);
});

test('the command computes on worker threads and writes the figure files', async () => {
  const out = join(tmp, 'figs');
  const { code, files } = await figureCommand('cli-test-figure', ['--n', '3', '--scale', '2', '--label', 'sums'], { out, threads: 2, pdf: false, quiet: true });
  assert.equal(code, 0);
  assert.deepEqual(files.map((f) => f.slice(out.length + 1)), ['cli-test-figure.svg', 'cli-test-figure.json']);
  // y_i = 2 Σ_{j<sizes[i]} (i+j)²: sizes 2,3,4 → 2·(0+1), 2·(1+4+9), 2·(4+9+16+25).
  // the data, plus every parameter after the defaults and the seed (this figure has none)
  const data = JSON.parse(readFileSync(join(out, 'cli-test-figure.json'), 'utf8')) as D;
  assert.deepEqual(data, {
    rows: [{ i: 0, y: 2 }, { i: 1, y: 28 }, { i: 2, y: 108 }], label: 'sums',
    params: { n: 3, scale: 2, sizes: [2, 3, 4], weights: [1], label: 'sums', log: false }, seed: null,
  });
  assert.match(readFileSync(join(out, 'cli-test-figure.svg'), 'utf8'), /<svg[^>]* width="234pt"[\s\S]*sums/);
});

test('with chromium the PDF and PNG are written too', { skip: findChromium() ? false : 'chromium not found: figure PDF/PNG not tested (CI installs it)' }, async () => {
  const out = join(tmp, 'figs-pdf');
  const { code, files } = await figureCommand('cli-test-figure', [], { out, threads: 1, quiet: true });
  assert.equal(code, 0);
  for (const ext of ['svg', 'json', 'pdf', 'png']) assert.ok(files.includes(join(out, `cli-test-figure.${ext}`)), ext);
  assert.equal(readFileSync(join(out, 'cli-test-figure.png')).readUInt32BE(16), 975);
});

test('the CLI maps an unknown parameter to exit status 2', async () => {
  const saved = process.exitCode;
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
  try {
    await main(['node', 'synthrmt', 'figure', 'cli-test-figure', '--bogus', '1', '--out', join(tmp, 'never')]);
    assert.equal(process.exitCode, 2);
  } finally {
    process.stderr.write = write;
    process.exitCode = saved;
  }
  assert.match(errors.join(''), /unknown parameter --bogus for figure cli-test-figure/);
  assert.equal(existsSync(join(tmp, 'never')), false, 'nothing written');
});

test('the real bin: unknown figure and unknown parameter exit 2 with a clear message', () => {
  const r = spawnSync(process.execPath, [BIN, 'figure', 'no-such-figure'], { encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /unknown figure "no-such-figure"; known figures: /);
  const known = Object.keys(figures).filter((k) => k !== testFigure.name).sort();
  assert.ok(known.length > 0, 'no figure registered in src/figures/index.ts');
  const r2 = spawnSync(process.execPath, [BIN, 'figure', known[0], '--no-such-param', '1', '--out', join(tmp, 'never2')], { encoding: 'utf8' });
  assert.equal(r2.status, 2, r2.stderr);
  assert.match(r2.stderr, new RegExp(`unknown parameter --no-such-param for figure ${known[0]}; allowed: --`));
  assert.equal(existsSync(join(tmp, 'never2')), false);
});

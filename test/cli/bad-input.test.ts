/**
 * Issue 13, items 5, 7 and 8 (first half): sizes beyond the machine are refused at parse time
 * naming the limit; a bad output folder is found before any work (exit 2); numbers are decimal
 * only; a theory point whose fixed point cannot converge is a clear message, never a stack trace.
 * Also the parameter schema (src/figures/param-schema.ts) that serves the CLI and the notebooks.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figures } from '../../src/figures/index';
import { figureOptionsHelp, kebabCase, mergeFigureParams, parseDecimal, parseFigureArgs, ParameterError } from '../../src/figures/param-schema';
import { checkOutputDir } from '../../src/io/output-dir';
import { UsageError } from '../../src/io/errors';
import { ROOT, synthrmt as runCli } from '../runner/helpers';

const tmp = mkdtempSync(join(tmpdir(), 'synthrmt-bad-input-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const aFile = join(tmp, 'a-file');
writeFileSync(aFile, 'not a folder\n');

/** `synthrmt ...args` on one worker thread. */
const synthrmt = (args: string[]): ReturnType<typeof runCli> => runCli(args, { env: { SYNTHRMT_THREADS: '1' }, timeout: 120_000 });
const STACK = /\n\s+at /;

test('decimal numbers only: 0x10, 0b1, 0o7, Infinity and blanks are not numbers', () => {
  for (const ok of ['12', '-2.5', '+3', '1e-3', '.5', '5.', '1E9']) assert.equal(parseDecimal(ok), Number(ok), ok);
  for (const bad of ['0x10', '0b1', '0o7', 'Infinity', '', ' ', '1e999', 'NaN', '1_000', '12abc']) assert.equal(parseDecimal(bad), undefined, bad);
});

test('kebab-case spelling of parameter names', () => {
  assert.deepEqual(['nHat', 'mOverP', 'compactNHats', 'K', 'n', 'nUseVeryWeak'].map(kebabCase), ['n-hat', 'm-over-p', 'compact-n-hats', 'k', 'n', 'n-use-very-weak']);
});

test('every figure has a complete schema whose defaults pass it', () => {
  for (const def of Object.values(figures)) {
    assert.deepEqual(Object.keys(def.params).sort(), Object.keys(def.defaults).sort(), def.name);
    assert.deepEqual(mergeFigureParams(def, {}), def.defaults, def.name);
    for (const [k, spec] of Object.entries(def.params as Record<string, { help: string }>)) assert.ok(spec.help.length > 0, `${def.name}.${k} help`);
  }
});

test('sizes beyond the limit are refused by the schema, naming the limit (CLI and notebooks alike)', () => {
  const fig3 = figures.fig3;
  assert.throws(() => parseFigureArgs(fig3, ['--draws', '1e9']), (e: Error) => e instanceof ParameterError && /--draws must be an integer in \[0, 10000\], got 1000000000 \(larger values are beyond this machine's memory or time\)/.test(e.message));
  assert.throws(() => parseFigureArgs(fig3, ['--points', '1e9']), /--points must be an integer in \[1, 1000\], got 1000000000/);
  assert.throws(() => parseFigureArgs(fig3, ['--ps', '50,1e9']), /--ps\[1\] must be an integer in \[1, 5000\]/);
  assert.throws(() => parseFigureArgs(fig3, ['--draws', '0x10']), /--draws of figure fig3 expects an integer, got "0x10" \(decimal notation only\)/);
  assert.throws(() => mergeFigureParams(fig3, { draws: 1e9 }), /figure fig3: draws must be an integer in \[0, 10000\], got 1000000000/);
  assert.deepEqual(parseFigureArgs(fig3, ['--draws', '2', '--n-hat', '500', '--test-mode', 'samples']), { draws: 2, nHat: 500, testMode: 'samples' });
  assert.throws(() => parseFigureArgs(fig3, ['--nHat', '500']), /unknown parameter --nHat for figure fig3 \(did you mean --n-hat\?\)/);
  assert.throws(() => parseFigureArgs(fig3, ['--test-mode', 'guess']), /--test-mode must be one of "exact", "samples", got "guess"/);
});

test('--help lists allowed values and ranges', () => {
  const help = figureOptionsHelp(figures.fig3);
  assert.match(help, /--test-mode <exact\|samples>/);
  assert.match(help, /--draws <integer 0\.\.10000>/);
  assert.match(help, /--n-hat <integer 1\.\.100000>/);
  const r = synthrmt(['figure', '--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /--layout <all\|paper\|compact>/);
  assert.doesNotMatch(r.stdout, /--[a-z]+[A-Z]/, 'no camelCase option');
});

test('an output folder that is a file, or below a file, is a UsageError', () => {
  assert.throws(() => checkOutputDir(aFile), (e: Error) => e instanceof UsageError && /--out .*a-file is not a folder/.test(e.message));
  assert.throws(() => checkOutputDir(join(aFile, 'sub')), /cannot be created: .*a-file is a file, not a folder/);
  checkOutputDir(join(tmp, 'new', 'deeper')); // creatable: no error
  checkOutputDir(tmp);
});

test('the bin: figure --draws 1e9, --points 1e9, --p 0x10 and --out FILE exit 2 with a message and no stack trace, before any work', () => {
  for (const args of [
    ['figure', 'fig3', '--draws', '1e9', '--no-pdf', '--out', join(tmp, 'f1')],
    ['figure', 'fig3', '--points', '1e9', '--no-pdf', '--out', join(tmp, 'f2')],
    ['figure', 'fig1', '--p', '0x10', '--no-pdf', '--out', join(tmp, 'f3')],
    ['figure', 'fig3', '--no-pdf', '--out', aFile],
    ['figure', 'fig3', '--no-pdf', '--out', join(aFile, 'x')],
  ]) {
    const r = synthrmt(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, STACK, args.join(' '));
    assert.doesNotMatch(r.stderr, /computed in/, `${args.join(' ')}: no compute before the check`);
  }
  assert.deepEqual(readdirSync(tmp).sort(), ['a-file'], 'nothing written');
});

test('the bin: run --out FILE exits 2 before starting a kernel', () => {
  const r = synthrmt(['run', join(ROOT, 'notebooks', '01-marchenko-pastur.ipynb'), '--out', aFile]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--out .*a-file is not a folder/);
  assert.doesNotMatch(r.stderr, STACK);
  assert.equal(r.stdout, '', 'no notebook ran');
});

test('the bin: theory --p 1e300 and --p 0x10 are refused (exit 2); a non-converging point is a message, exit 1, no stack', () => {
  const base = ['theory', 'toy', '--n', '1000', '--n-hat', '1000', '--m', '1000', '--mu', '0.7', '--epsilon', '0.25', '--rho', '0', '--phi', '1', '--gamma', '1'];
  let r = synthrmt([...base, '--p', '1e300']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--p <count>.*must be at most 1e\+9/);
  assert.doesNotMatch(r.stderr, STACK);
  r = synthrmt([...base, '--p', '0x10']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /"0x10" \(decimal notation only\)/);
  r = synthrmt([...base, '--p', '16']);
  assert.equal(r.status, 0, r.stderr);
  r = synthrmt(['theory', 'toy', '--n', '1e9', '--n-hat', '1', '--m', '1', '--p', '1e9', '--mu', '0.7', '--epsilon', '0.25', '--rho', '0', '--phi', '1', '--gamma', '1e-300']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^synthrmt: toy fixed point .* did not converge/);
  assert.doesNotMatch(r.stderr, STACK);
});

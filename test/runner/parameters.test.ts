import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coerceValue, injectParameters, parseParameterArgs, parseParameterDefaults, planParameters, splitStatements, ParameterError } from '../../src/runner/parameters';
import { codeHash, runHash } from '../../src/runner/freeze';
import { readNotebook, sourceText, hasTag } from '../../src/io/nbformat';
import { fixture, tempDir } from './helpers';

test('parameters cell: simple literal declarations are parsed with their kinds', () => {
  const d = parseParameterDefaults(
    `// the paper's values\nlet p = 200; const eps: number = 0.25 /* ε */;\nlet name = 'toy;x';\nvar sim = true\nlet ps = [\n  50, 200,\n  500,\n];\nlet big = 1_000e-3\nconst f = (x: number) => x + 1;\nlet none: number[] = [];\nlet weird = [];\n`,
  );
  const byName = Object.fromEntries(d.map((x) => [x.name, x]));
  assert.deepEqual(Object.keys(byName), ['p', 'eps', 'name', 'sim', 'ps', 'big', 'f', 'none', 'weird']);
  assert.deepEqual([byName.p.kind, byName.p.value, byName.p.keyword], ['number', 200, 'let']);
  assert.deepEqual([byName.eps.kind, byName.eps.value, byName.eps.annotation, byName.eps.keyword], ['number', 0.25, 'number', 'const']);
  assert.deepEqual([byName.name.kind, byName.name.value], ['string', 'toy;x']);
  assert.deepEqual([byName.sim.kind, byName.sim.value, byName.sim.keyword], ['boolean', true, 'var']);
  assert.deepEqual([byName.ps.kind, byName.ps.value], ['number[]', [50, 200, 500]]);
  assert.equal(byName.big.value, 1);
  assert.equal(byName.f.kind, null);
  assert.deepEqual([byName.none.kind, byName.none.value], ['number[]', []]);
  assert.equal(byName.weird.kind, null);
  assert.deepEqual(splitStatements('a = "x;y"; b = 2 // c; d\nc = 3'), ['a = "x;y"', 'b = 2', 'c = 3']);
});

test('-p values are parsed and coerced to the default\'s kind, or rejected', () => {
  assert.deepEqual(parseParameterArgs(['p=200', 'name=a=b', 'empty=']), { p: '200', name: 'a=b', empty: '' });
  assert.throws(() => parseParameterArgs(['p']), /-p expects name=value, got "p"/);
  assert.throws(() => parseParameterArgs(['1x=2']), /"1x" is not a valid parameter name/);
  assert.throws(() => parseParameterArgs(['p=1', 'p=2']), /"p" is given twice/);
  assert.equal(coerceValue('-1.5e2', 'number'), -150);
  assert.equal(coerceValue('abc', 'number'), null);
  assert.equal(coerceValue('', 'number'), null);
  assert.equal(coerceValue('Infinity', 'number'), null);
  assert.equal(coerceValue('false', 'boolean'), false);
  assert.equal(coerceValue('1', 'boolean'), null);
  assert.equal(coerceValue('hello world', 'string'), 'hello world');
  assert.equal(coerceValue('"quoted \\"x\\""', 'string'), 'quoted "x"');
  assert.deepEqual(coerceValue('[1, 2.5]', 'number[]'), [1, 2.5]);
  assert.deepEqual(coerceValue('1,2,3', 'number[]'), [1, 2, 3]);
  assert.equal(coerceValue('1,a', 'number[]'), null);
});

test('planParameters names the bad parameter and lists the allowed ones; injection adds a tagged cell', () => {
  const nb = readNotebook(fixture('params.ipynb'));
  assert.throws(
    () => planParameters(nb, { q: '1' }, 'params.ipynb'),
    (e: Error) => e instanceof ParameterError && /unknown parameter "q" for params\.ipynb; its parameters are: n \(number\), eps \(number\), name \(string\), sim \(boolean\), ps \(number\[\]\)/.test(e.message),
  );
  assert.throws(() => planParameters(nb, { n: 'three' }, 'params.ipynb'), /parameter "n" of params\.ipynb must be a number, got "three"/);
  assert.throws(() => planParameters(nb, { f: '1' }, 'params.ipynb'), /"f" .* not a simple literal/);
  const noParams = readNotebook(fixture('error.ipynb'));
  assert.throws(() => planParameters(noParams, { n: '1' }, 'error.ipynb'), /error\.ipynb has no cell tagged "parameters"/);
  assert.equal(planParameters(noParams, {}).cellIndex, -1);

  const plan = planParameters(nb, { n: '7', eps: '0.5', name: 'he"llo', ps: '1,2' });
  const out = injectParameters(nb, plan);
  assert.equal(out.cells.length, nb.cells.length + 1);
  const at = plan.cellIndex + 1;
  assert.ok(hasTag(out.cells[at], 'injected-parameters'));
  assert.match(sourceText(out.cells[at].source), /^\/\/ Parameters injected by `synthrmt run -p`\nlet n = 7;\nconst eps: number = 0\.5;\nlet name = "he\\"llo";\nlet ps = \[1, 2\];\n$/);
  assert.equal(nb.cells.length, out.cells.length - 1, 'the source notebook object is not modified');
  // Re-running an executed copy replaces its injected cell instead of adding a second one.
  assert.equal(injectParameters(out, planParameters(out, { n: '8' })).cells.filter((c) => hasTag(c, 'injected-parameters')).length, 1);
});

test('freeze hash changes with the notebook, the parameters and any file under src/', () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, 'src', 'a'), { recursive: true });
    writeFileSync(join(dir, 'src', 'a', 'x.ts'), 'export const x = 1;');
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    const c1 = codeHash(dir);
    assert.equal(codeHash(dir), c1);
    const h = runHash('nb', { p: 1 }, c1);
    assert.equal(runHash('nb', { p: 1 }, c1), h);
    assert.notEqual(runHash('nb2', { p: 1 }, c1), h);
    assert.notEqual(runHash('nb', { p: 2 }, c1), h);
    assert.equal(runHash('nb', { a: 1, b: 2 }, c1), runHash('nb', { b: 2, a: 1 }, c1));
    writeFileSync(join(dir, 'src', 'a', 'x.ts'), 'export const x = 2;');
    assert.notEqual(codeHash(dir), c1);
    writeFileSync(join(dir, 'src', 'a', 'x.ts'), 'export const x = 1;');
    assert.equal(codeHash(dir), c1);
    writeFileSync(join(dir, 'src', 'new.ts'), '');
    assert.notEqual(codeHash(dir), c1);
  } finally {
    cleanup();
  }
});

test('freeze hash: files deep under src/ count, symbolic links are not followed (a cycle cannot hang it)', () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, 'src', 'a', 'b', 'c'), { recursive: true });
    writeFileSync(join(dir, 'src', 'a', 'b', 'c', 'deep.ts'), 'export const d = 1;');
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    const c1 = codeHash(dir);
    writeFileSync(join(dir, 'src', 'a', 'b', 'c', 'deep.ts'), 'export const d = 2;');
    assert.notEqual(codeHash(dir), c1, 'a file three folders down changes the hash');
    const c2 = codeHash(dir);
    symlinkSync(join(dir, 'src'), join(dir, 'src', 'a', 'cycle'));
    symlinkSync(join(dir, 'src', 'a', 'b', 'c', 'deep.ts'), join(dir, 'src', 'link.ts'));
    mkdirSync(join(dir, 'src', 'empty'));
    assert.equal(codeHash(dir), c2, 'links and empty folders add nothing');
  } finally {
    cleanup();
  }
});

/** runNotebooks on fixture notebooks in real tslab kernels: outputs, parameters, freeze, errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runNotebooks, type RunOptions } from '../../src/runner/run';
import { readNotebook, sourceText, hasTag, type CodeCell, type Output } from '../../src/io/nbformat';
import { ParameterError } from '../../src/runner/parameters';
import { type ProgressReporter } from '../../src/runner/progress';
import { fixture, kernelRuns, readJson } from './helpers';

const { pids, out, opts } = kernelRuns();

const code = (nb: ReturnType<typeof readNotebook>): CodeCell[] => nb.cells.filter((c): c is CodeCell => c.cell_type === 'code');
const streamText = (o: Output): string => (o.output_type === 'stream' ? `${o.name}:${sourceText(o.text)}` : o.output_type);

test('every output is captured in order as MIME bundles; the source notebook is untouched', async () => {
  const dir = out();
  const src = fixture('outputs.ipynb');
  const before = readFileSync(src);
  const events: string[] = [];
  const progress: ProgressReporter = {
    notebookStart: (name, n) => events.push(`start ${name} ${n}`),
    cellStart: (i, n) => events.push(`cell ${i}/${n}`),
    cellEnd: (i, n, s) => events.push(`done ${i}/${n} ${s}`),
    notebookEnd: (name, s) => events.push(`end ${name} ${s}`),
  };
  const [s] = await runNotebooks([src], opts({ outDir: dir, progress }));
  assert.equal(s.outcome, 'ok');
  assert.deepEqual(readFileSync(src), before);
  assert.equal(events[0], 'start outputs 8');
  assert.equal(events[events.length - 1], 'end outputs ok');
  assert.deepEqual(events.filter((e) => e.startsWith('done')), [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `done ${i}/8 ${i === 7 ? 'error' : 'ok'}`));

  const rec = readJson(join(dir, 'executed', 'outputs.run.json'));
  assert.equal(rec.status, 'ok');
  assert.equal(rec.notebook.endsWith('test/fixtures/notebooks/outputs.ipynb'), true);
  assert.deepEqual([rec.cells, rec.executedCells, rec.parameters, rec.error], [9, 8, {}, undefined]);
  assert.match(rec.hash, /^[0-9a-f]{64}$/);
  assert.ok(rec.durationMs > 0 && Date.parse(rec.finishedAt) >= Date.parse(rec.startedAt));

  const nb = readNotebook(join(dir, 'executed', 'outputs.ipynb'));
  const cells = code(nb);
  assert.deepEqual(cells.map((c) => c.execution_count), [1, 2, 3, 4, 5, 6, 7, 8, null]);
  for (const c of cells.slice(0, 8)) assert.ok((c.metadata.execution as Record<string, string>)['shell.execute_reply']);
  assert.deepEqual(cells[8].outputs, []);
  assert.equal(cells[8].metadata.execution, undefined);
  assert.deepEqual(cells[1].outputs.map(streamText), ['stdout:out 1\nout 2\n', 'stderr:err 1\n', 'stdout:out 3\n42\n']);

  const [md, table] = cells[2].outputs;
  assert.equal(md.output_type, 'display_data');
  assert.equal(sourceText((md as { data: Record<string, string> }).data['text/markdown']), '**bold** $x^2$');
  const tdata = (table as { data: Record<string, string> }).data;
  const html = sourceText(tdata['text/html']);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !html.includes('<script>'));
  assert.ok(html.includes('<caption>T</caption>') && html.includes('0.1235'));
  assert.match(sourceText(tdata['text/markdown']), /\| name \| value \|\n\| --- \| ---: \|/);
  assert.ok(sourceText(tdata['text/plain']).includes('<script>alert(1)</script>  0.1235'));

  const [vl, after] = cells[3].outputs as [{ output_type: string; data: Record<string, any>; metadata: any }, Output];
  assert.equal(vl.output_type, 'display_data');
  const spec = vl.data['application/vnd.vegalite.v5+json'];
  assert.equal(spec.mark, 'point');
  assert.deepEqual(spec.usermeta, { synthrmtFigure: 'fixture-fig', synthrmtSize: 'single', synthrmtData: { xs: [1, 2] } });
  assert.equal(sourceText(vl.data['text/plain']), '<Vega-Lite fixture-fig>');
  assert.deepEqual(vl.metadata, { synthrmt: { figure: 'fixture-fig', size: 'single' } });
  assert.equal(streamText(after), 'stdout:after spec\n');

  const png = Buffer.from((cells[4].outputs[0] as { data: Record<string, string> }).data['image/png'], 'base64');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.deepEqual(cells[5].outputs.map(streamText), ['stdout:async demo\n']);
  // A cell tagged raises-exception may fail without stopping the notebook.
  const err = cells[6].outputs[0] as { output_type: string; ename: string; evalue: string };
  assert.deepEqual([cells[6].outputs.length, err.output_type, err.ename, err.evalue], [1, 'error', 'TypeError', 'expected failure']);
  assert.deepEqual(cells[7].outputs.map(streamText), ['stdout:still running\n']);
});

test('-p injects a tagged cell after the parameters cell; bad parameters execute nothing', async () => {
  const dir = out();
  const [s] = await runNotebooks([fixture('params.ipynb')], opts({ outDir: dir, parameters: { n: '7', name: 'hello', ps: '[1, 2]', sim: 'false' } }));
  assert.equal(s.outcome, 'ok');
  assert.deepEqual(s.parameters, { n: 7, name: 'hello', ps: [1, 2], sim: false });
  const nb = readNotebook(s.executedPath);
  const i = nb.cells.findIndex((c) => hasTag(c, 'parameters'));
  assert.ok(hasTag(nb.cells[i + 1], 'injected-parameters'));
  assert.equal(readNotebook(fixture('params.ipynb')).cells.length, nb.cells.length - 1);
  const last = code(nb).at(-1)!;
  assert.deepEqual(JSON.parse(sourceText((last.outputs[0] as { text: string }).text)), { n: 7, eps: 0.25, name: 'hello', sim: false, ps: [1, 2], twice: 14, up: 'HELLO', first: 1 });

  const started = pids.length;
  const dir2 = join(out(), 'never');
  for (const bad of [{ nope: '1' }, { n: 'seven' }, { ps: '1,,x' }] as Record<string, string>[]) {
    await assert.rejects(runNotebooks([fixture('params.ipynb')], opts({ outDir: dir2, parameters: bad })), ParameterError);
  }
  // All notebooks are checked before any runs: a bad one later in the list stops the whole run.
  await assert.rejects(runNotebooks([fixture('params.ipynb'), fixture('error.ipynb')], opts({ outDir: dir2, parameters: { n: '1' } })), /error\.ipynb has no cell tagged "parameters"/);
  assert.equal(pids.length, started, 'no kernel was started');
  assert.equal(existsSync(dir2), false, 'nothing was written');
});

test('freeze skips an unchanged notebook and re-runs a changed one, changed src/, or with force', async () => {
  const dir = out();
  const nbDir = join(dir, 'nbs');
  const codeRoot = join(dir, 'code');
  mkdirSync(nbDir);
  mkdirSync(join(codeRoot, 'src'), { recursive: true });
  writeFileSync(join(codeRoot, 'src', 'core.ts'), 'export const v = 1;\n');
  const nbPath = join(nbDir, 'frozen.ipynb');
  const cell = (src: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: [src] });
  const nb = { nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [cell('console.log("first")')] };
  writeFileSync(nbPath, JSON.stringify(nb));
  const run = async (extra: RunOptions = {}): Promise<string> => {
    const [s] = await runNotebooks([nbPath], opts({ outDir: join(dir, 'out'), codeRoot, ...extra }));
    return s.outcome;
  };
  assert.equal(await run(), 'ok');
  const started = pids.length;
  assert.equal(await run(), 'frozen');
  assert.equal(pids.length, started, 'a frozen notebook starts no kernel');
  nb.cells.push(cell('console.log("new cell")'));
  writeFileSync(nbPath, JSON.stringify(nb));
  assert.equal(await run(), 'ok', 'a changed notebook re-runs');
  writeFileSync(join(codeRoot, 'src', 'core.ts'), 'export const v = 2;\n');
  assert.equal(await run(), 'ok', 'a change under src/ re-runs');
  assert.equal(await run(), 'frozen');
  assert.equal(await run({ force: true }), 'ok', '--force re-runs');
  const executed = readNotebook(join(dir, 'out', 'executed', 'frozen.ipynb'));
  assert.equal(sourceText((code(executed).at(-1)!.outputs[0] as { text: string }).text), 'new cell\n');
});

test('with allowErrors the cells after a failing one run too (stopping is tested in faults.test.ts)', async () => {
  const dir = out();
  const [all] = await runNotebooks([fixture('error.ipynb')], opts({ outDir: dir, allowErrors: true }));
  assert.equal(all.outcome, 'error');
  assert.deepEqual(all.error, { cell: 2, cellIndex: 1, ename: 'RangeError', evalue: 'bad p = -1; p must be positive' });
  assert.equal(all.executedCells, 3);
  const cells = code(readNotebook(all.executedPath));
  assert.deepEqual(cells[1].outputs.map((o) => o.output_type), ['stream', 'error']);
  assert.deepEqual(cells[2].outputs.map(streamText), ['stdout:after\n']);
  assert.equal(typeof cells[2].execution_count, 'number');
});

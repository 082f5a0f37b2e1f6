/**
 * The core stays I/O-free: loading the core's index pulls in no edge module and no file, process or
 * thread API; data from files reach a figure only through the compute context (the edge's
 * src/data/figure-data.ts), and jobs are task handles both executors run identically.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { workerExecutor } from '../../src/parallel/pool';
import { serialExecutor } from '../../src/sim/executor';
import { sumSquaresTask } from '../../src/parallel/selftest';
import { fig3DrawsTask } from '../../src/figures/fig3-accuracy';
import { klGapRepetitionsTask } from '../../src/gmm/kl-gap';
import { directDrawBatchTask, fastDrawBatchTask } from '../../src/sim/batch';
import { figureData } from '../../src/data/figure-data';

const DIST_SRC = join(__dirname, '..', '..', 'src');

/** Runs `body` in a fresh node process that logs every builtin it loads; returns its JSON output. */
function fresh(body: string): { builtins: string[]; modules: string[]; out: unknown } {
  const script = `
    const Module = require('module');
    const load = Module._load;
    const builtins = [];
    Module._load = function (request, parent) {
      if (Module.isBuiltin(request)) builtins.push(request.replace(/^node:/, ''));
      return load.apply(this, arguments);
    };
    (async () => {
      const out = await (async () => { ${body} })();
      const modules = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(DIST_SRC)})).map((f) => f.slice(${DIST_SRC.length + 1}));
      process.stdout.write(JSON.stringify({ builtins: [...new Set(builtins)], modules, out }));
    })().catch((e) => { process.stdout.write(JSON.stringify({ error: e.message })); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

const EDGE = /^(cli|runner|render|io|notebook|data)\/|^parallel\/(pool|worker)\.js$/;

test('loading the core index loads no edge module and no fs/path/child_process/worker_threads/os', () => {
  const r = fresh(`require(${JSON.stringify(join(DIST_SRC, 'index.js'))}); return null;`);
  assert.ok(r.modules.length > 20, `the core's modules were loaded: ${r.modules.length}`);
  assert.deepEqual(r.modules.filter((m) => EDGE.test(m)), []);
  assert.deepEqual(r.builtins.filter((b) => ['fs', 'fs/promises', 'path', 'child_process', 'worker_threads', 'os'].includes(b)), []);
});

test('without the edge, a figure that needs files names the missing data; with it, the figure computes', () => {
  const r = fresh(`
    const { fig5 } = require(${JSON.stringify(join(DIST_SRC, 'figures', 'fig5-mnist-samples.js'))});
    const small = { ...fig5.defaults, nUseValues: [10], samplesPerClass: 1 };
    let before = '';
    try { await fig5.compute(small); } catch (e) { before = e.message; }
    const { figureData } = require(${JSON.stringify(join(DIST_SRC, 'data', 'figure-data.js'))});
    const d = await fig5.compute(small, { data: figureData });
    return { before, rows: d.rows.length, published: figureData.publishedFig7().length };`);
  const out = r.out as { before: string; rows: number; published: number };
  assert.match(out.before, /figure fig5 needs data\.mnistSplit in its compute context/);
  assert.ok(out.rows > 0, 'fig5 computed once the edge provides the split');
  assert.ok(out.published > 0, 'published rows read by the edge loader');
});

test('serial and worker executors run every task handle alike; a bad handle is named', async () => {
  for (const t of [sumSquaresTask, fig3DrawsTask, klGapRepetitionsTask, fastDrawBatchTask, directDrawBatchTask, figureData.mnistTraining!]) {
    // the handle names a module that exports the very function the serial executor calls
    const mod = require(join(DIST_SRC, t.module)) as Record<string, unknown>;
    assert.equal(mod[t.export], t.fn, `${t.module}#${t.export}`);
  }
  const args = [[Float64Array.from([1, 2])], [Float64Array.from([3])], [Float64Array.from([0.5, 0.25])]] as [Float64Array][];
  const serial = await serialExecutor(sumSquaresTask, args);
  const parallel = await workerExecutor({ threads: 2 })(sumSquaresTask, args);
  assert.deepEqual(serial, [5, 9, 0.3125]);
  assert.deepEqual(parallel, serial);
  const bad = { ...sumSquaresTask, export: 'noSuchExport' };
  await assert.rejects(workerExecutor({ threads: 2 })(bad, args), /task parallel\/selftest#noSuchExport job \d failed: .*exports no function "noSuchExport"/);
  const outside = { ...sumSquaresTask, module: '../../etc/passwd' };
  await assert.rejects(workerExecutor({ threads: 2 })(outside, args), /is outside src\//);
});

test('a failing job ends the call cleanly: results other workers posted during the teardown raise no uncaught error', async () => {
  // Before the fix, 34 of 100 such calls raised "Unexpected message from Worker" as an uncaught
  // exception (a job's result arriving after the pool was destroyed); 60 calls miss it with
  // probability below 1e-10. node:test fails this test on any uncaught exception.
  const args = [[Float64Array.from([1, 2])], [Float64Array.from([3])], [Float64Array.from([0.5, 0.25])]] as [Float64Array][];
  const outside = { ...sumSquaresTask, module: '../../etc/passwd' };
  const uncaught: Error[] = [];
  const onUncaught = (e: Error) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    for (let i = 0; i < 60; i++) await assert.rejects(workerExecutor({ threads: 2 })(outside, args), /is outside src\//);
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  assert.deepEqual(uncaught.map((e) => e.message), []);
});

test('every core task handle holds a function whichever job module is loaded first (no import-cycle capture)', () => {
  for (const first of ['figures/fig3-accuracy.js', 'gmm/kl-gap.js', 'sim/batch.js', 'index.js']) {
    const r = fresh(`
      require(${JSON.stringify(DIST_SRC)} + '/' + ${JSON.stringify(first)});
      const handles = [
        require(${JSON.stringify(join(DIST_SRC, 'sim', 'batch.js'))}).fastDrawBatchTask,
        require(${JSON.stringify(join(DIST_SRC, 'sim', 'batch.js'))}).directDrawBatchTask,
        require(${JSON.stringify(join(DIST_SRC, 'figures', 'fig3-accuracy.js'))}).fig3DrawsTask,
        require(${JSON.stringify(join(DIST_SRC, 'gmm', 'kl-gap.js'))}).klGapRepetitionsTask,
      ];
      return handles.map((h) => [h.module + '#' + h.export, typeof h.fn]);`);
    for (const [name, kind] of r.out as [string, string][]) assert.equal(kind, 'function', `${name} after loading ${first} first`);
  }
});

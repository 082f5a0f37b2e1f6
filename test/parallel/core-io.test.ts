/**
 * The core stays I/O-free: loading the core's index pulls in no edge module and no file, process or
 * thread API; the edge's jobs (they read files) reach the executors only through the edge's
 * registration, and then both executors find them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { workerExecutor } from '../../src/parallel/pool';
import { serialExecutor } from '../../src/parallel/executor';
import { registeredTasks } from '../../src/parallel/tasks';

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

test('the core alone names an edge job but cannot run it; after the edge registers, the serial executor runs it', () => {
  const r = fresh(`
    const { serialExecutor } = require(${JSON.stringify(join(DIST_SRC, 'parallel', 'executor.js'))});
    let before = '';
    try { await serialExecutor('mnist.publishedFig7', [[]]); } catch (e) { before = e.message; }
    require(${JSON.stringify(join(DIST_SRC, 'data', 'edge-tasks.js'))}).registerEdgeTasks();
    const [rows] = await serialExecutor('mnist.publishedFig7', [[]]);
    return { before, rows: rows.length };`);
  const out = r.out as { before: string; rows: number };
  assert.match(out.before, /task "mnist.publishedFig7" is an edge job \(it reads files\) and is not registered in this thread/);
  assert.ok(out.rows > 0, 'published rows read once registered');
});

test('with the pool loaded, serial and worker executors both find every job, edge ones included', async () => {
  for (const name of ['selftest.sumSquares', 'sim.fastDrawBatch', 'sim.directDrawBatch', 'figures.fig3Draws', 'gmm.klGapRepetitions', 'mnist.trainingJob', 'mnist.fig5Data', 'mnist.publishedFig7']) {
    assert.ok(registeredTasks().includes(name), `${name} registered`);
  }
  const serial = await serialExecutor<unknown[]>('mnist.publishedFig7', [[], []]);
  const parallel = await workerExecutor({ threads: 2 })<unknown[]>('mnist.publishedFig7', [[], []]);
  assert.ok(serial[0].length > 0);
  assert.deepEqual(parallel, serial);
  await assert.rejects(serialExecutor('no.such' as never, [[]]), /unknown task "no.such"; registered: selftest.sumSquares, /);
});

test('every core job is a function whichever job module is loaded first (no import-cycle capture)', () => {
  for (const first of ['figures/fig3-accuracy.js', 'gmm/kl-gap.js', 'sim/batch.js', 'index.js']) {
    const r = fresh(`
      require(${JSON.stringify(DIST_SRC)} + '/' + ${JSON.stringify(first)});
      const { taskFunction } = require(${JSON.stringify(join(DIST_SRC, 'parallel', 'tasks.js'))});
      const names = ['selftest.sumSquares', 'sim.fastDrawBatch', 'sim.directDrawBatch', 'figures.fig3Draws', 'gmm.klGapRepetitions'];
      return names.map((n) => [n, typeof taskFunction(n)]);`);
    for (const [name, kind] of r.out as [string, string][]) assert.equal(kind, 'function', `${name} after loading ${first} first`);
  }
});

/**
 * Which tslab the display helpers talk to. tslab's display API writes through a module-level
 * variable of its dist/jupyter.js, so a helper must reach the copy of tslab that runs the kernel.
 * Here a second, separate copy of tslab (as a global install or npx would be) starts the kernel:
 * (a) for a notebook outside this repository, that copy runs the kernel; (b) for a notebook inside
 * it, tslab hands over to the repository's node_modules/tslab, as in Jupyter. In both cases the
 * helpers' outputs arrive.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Kernel } from '../../src/runner/kernel';
import { FIXTURES, ROOT, tagEnvironment, taggedProcesses, tempDir, waitFor } from '../runner/helpers';

const tag = tagEnvironment();
const tmp = tempDir('synthrmt-tslab-copy-');
const copyModules = join(tmp.dir, 'node_modules');
const copyMain = join(copyModules, 'tslab', 'dist', 'main.js');
const helpers = JSON.stringify(join(ROOT, 'dist', 'src', 'notebook'));

before(() => {
  mkdirSync(copyModules);
  cpSync(join(ROOT, 'node_modules', 'tslab'), join(copyModules, 'tslab'), { recursive: true });
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== 'tslab' && !name.startsWith('.')) symlinkSync(join(ROOT, 'node_modules', name), join(copyModules, name));
  }
  mkdirSync(join(tmp.dir, 'nb'));
});

after(async () => {
  assert.ok(await waitFor(() => taggedProcesses(tag).length === 0, 5000));
  tmp.cleanup();
});

async function probe(cwd: string): Promise<{ jupyterModules: string[]; display: unknown }> {
  const k = await Kernel.start({ cwd, tslabMain: copyMain });
  try {
    const list = await k.execute('console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /tslab.dist.jupyter\\.js$/.test(f))))');
    assert.equal(list.status, 'ok');
    const shown = await k.execute(`import { showMarkdown } from ${helpers};\nshowMarkdown("*from the helper*");`);
    assert.equal(shown.status, 'ok', JSON.stringify(shown.iopub.map((m) => m.content)));
    const display = shown.iopub.find((m) => m.header.msg_type === 'display_data')?.content;
    const text = (list.iopub[0].content as { text: string }).text;
    return { jupyterModules: JSON.parse(text) as string[], display };
  } finally {
    await k.shutdown();
  }
}

const expected = { data: { 'text/markdown': '*from the helper*', 'text/plain': '*from the helper*' }, metadata: {}, transient: {} };

test('a separate tslab copy runs a notebook outside the repository: the helpers reach it', async () => {
  const r = await probe(join(tmp.dir, 'nb'));
  assert.deepEqual(r.jupyterModules, [join(copyModules, 'tslab', 'dist', 'jupyter.js')]);
  assert.deepEqual(r.display, expected);
});

test('started from a separate copy, a notebook inside the repository runs on the repository\'s tslab', async () => {
  const r = await probe(FIXTURES);
  assert.deepEqual(r.jupyterModules.sort(), [join(copyModules, 'tslab', 'dist', 'jupyter.js'), join(ROOT, 'node_modules', 'tslab', 'dist', 'jupyter.js')].sort());
  assert.deepEqual(r.display, expected);
});

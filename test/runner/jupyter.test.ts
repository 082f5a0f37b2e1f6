/**
 * Issue 13, item 11: the README's Jupyter recipe works. The kernel is registered the documented
 * way (`tslab install --binary "$PWD/node_modules/.bin/tslab" --python=…`, here into a temporary
 * prefix) and a notebook is executed by Jupyter's own client (`jupyter nbconvert --execute`).
 * Skipped, with the reason, where Jupyter's nbconvert is not installed (Debian: jupyter-nbconvert).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fixture, tempDir } from './helpers';

function has(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0;
}

/** A Python with jupyter_client and IPython (what tslab's install.py needs). */
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => has(p, ['-c', 'import jupyter_client, IPython, nbconvert']));
const SKIP: false | string = !PYTHON
  ? 'Jupyter (jupyter_client, IPython, nbconvert) not installed for python3 (Debian: apt-get install jupyter-nbconvert python3-ipython): the Jupyter recipe test is skipped'
  : false;
if (SKIP) process.stdout.write(`# ${SKIP}\n`);

test('README recipe: tslab install --binary <absolute tslab> registers a kernel nbconvert can run', { skip: SKIP, timeout: 300_000 }, () => {
  const t = tempDir('synthrmt-jupyter-');
  try {
    const prefix = join(t.dir, 'prefix');
    const tslab = join(ROOT, 'node_modules', '.bin', 'tslab');
    // What `npx tslab install …` runs (node_modules/.bin/tslab is tslab's bin script).
    const inst = spawnSync(process.execPath, [tslab, 'install', '--binary', tslab, `--python=${PYTHON}`, `--prefix=${prefix}`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(inst.status, 0, inst.stderr);
    const spec = JSON.parse(readFileSync(join(prefix, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json'), 'utf8')) as { argv: string[] };
    assert.equal(spec.argv[0], tslab, 'the kernelspec starts the project tslab by its absolute path');
    const env = { ...process.env, JUPYTER_PATH: join(prefix, 'share', 'jupyter'), PATH: '/usr/bin:/bin' };
    const run = spawnSync(
      PYTHON!,
      ['-m', 'nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=tslab', '--ExecutePreprocessor.timeout=120', fixture('params.ipynb'), '--output-dir', t.dir, '--output', 'executed'],
      { cwd: join(ROOT, 'test', 'fixtures', 'notebooks'), encoding: 'utf8', env, timeout: 240_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    const out = join(t.dir, 'executed.ipynb');
    assert.ok(existsSync(out));
    const nb = JSON.parse(readFileSync(out, 'utf8')) as { cells: { cell_type: string; outputs?: unknown[] }[] };
    assert.ok(nb.cells.some((c) => c.cell_type === 'code' && (c.outputs ?? []).length > 0), 'cells were executed with outputs');
  } finally {
    t.cleanup();
  }
});

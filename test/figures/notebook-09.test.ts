/**
 * Notebook 09 (mixing weight) runs headlessly with reduced parameters: its three figures are shown
 * (weight-accuracy, weight-map, weight-share), no cell fails, and its readings are printed by code.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'synthrmt-nb09-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Output { output_type: string; data?: Record<string, unknown> }

test('notebook 09-mixing-weight runs headlessly and prints its readings', { timeout: 300_000 }, async () => {
  const params = ['draws=6', 'simPoints=3', 'mapEpsilonPoints=4', 'mapSharePoints=3', 'ushapePoints=3', 'ushapeDraws=20', 'epsilons=0.1,0.3'];
  const args = [join(ROOT, 'bin', 'synthrmt.js'), 'run', join('notebooks', '09-mixing-weight.ipynb'), '--out', tmp, '--force', ...params.flatMap((p) => ['-p', p])];
  const r = await new Promise<{ code: number; output: string }>((done) => {
    execFile(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SYNTHRMT_THREADS: '1' }, timeout: 240_000 }, (err, stdout, stderr) => {
      done({ code: err ? -1 : 0, output: `${stdout}\n${stderr}` });
    });
  });
  assert.equal(r.code, 0, r.output);
  const nb = JSON.parse(readFileSync(join(tmp, 'executed', '09-mixing-weight.ipynb'), 'utf8')) as { cells: { outputs?: Output[] }[] };
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
  assert.deepEqual(outputs.filter((o) => o.output_type === 'error'), []);
  const figures = outputs.map((o) => (o.data?.['application/vnd.vegalite.v5+json'] as { usermeta?: Record<string, unknown> } | undefined)?.usermeta?.synthrmtFigure).filter((x) => x !== undefined);
  assert.deepEqual(figures, ['weight-accuracy', 'weight-map', 'weight-share']);
  const md = outputs.map((o) => o.data?.['text/markdown']).filter((x) => x !== undefined).map((x) => (Array.isArray(x) ? x.join('') : String(x))).join('\n');
  assert.match(md, /- ε = 0\.1, share 0\.5 \(m = 100\): synthetic data help/);
  assert.match(md, /The simulation lies within 3 standard errors of the theory at \d+ of 6 dots/);
  assert.match(md, /The largest step is [0-9.e+-]+ in accuracy/);
  assert.match(md, /Of 12 settings, synthetic data help at β = 1 in \d+/);
  assert.match(md, /\*\*Reading\.\*\* The theory predicts (a U shape|no interior dip)/);
  assert.match(md, /\*\*In one command\*\*/);
});

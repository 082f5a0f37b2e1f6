/**
 * Notebooks 01–04 run headlessly (`synthrmt run`, fresh tslab kernels) with reduced parameters:
 * every run succeeds and the executed notebook holds the figure as a Vega-Lite output whose
 * usermeta names the figure's file stem.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'synthrmt.js');
const tmp = mkdtempSync(join(tmpdir(), 'synthrmt-notebooks-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Output { output_type: string; data?: Record<string, unknown> }
interface Cell { cell_type: string; outputs?: Output[] }

/** notebook, figure stem, reduced parameters, a text its outputs must show */
const NOTEBOOKS: [string, string, string[], RegExp][] = [
  ['01-marchenko-pastur', 'fig1-marchenko-pastur', ['p=60', 'nHat=600', 'compactNHats=120,600'], /Kolmogorov distance to MP/],
  ['02-fixed-points', 'fig2-fixed-points', ['points=6', 'pMax=1000'], /Largest difference between the plotted δ's and `toyFixedPoint` over the 18 points: \*\*0\*\*/],
  ['03-accuracy-curves', 'fig3-accuracy', ['draws=2', 'ps=20,40', 'points=4'], /the largest \|simulation mean − theory\| \/ standard error is \*\*[0-9.]+ s\.e\.\*\*/],
  ['04-phase-transition', 'fig4-phase-transition', ['pointsBelow=6', 'pointsAbove=4', 'mOverP=1,100'], /ε\\\* = φ\/\(φ\+ρ\) = 0\.727273/],
];

function run(args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SYNTHRMT_THREADS: '1' }, timeout: 240_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      done({ status: code, output: `${stdout}\n${stderr}` });
    });
  });
}

// two kernels at a time (one worker thread each): the cost is mostly kernel start-up
describe('notebooks 01-04', { concurrency: 2 }, () => {
  for (const [stem, figure, params, shows] of NOTEBOOKS) {
    test(`notebook ${stem} runs headlessly and shows its figure`, async () => {
      const out = join(tmp, stem);
      const args = [BIN, 'run', join('notebooks', `${stem}.ipynb`), '--out', out, '--force', ...params.flatMap((p) => ['-p', p])];
      const r = await run(args);
      assert.equal(r.status, 0, r.output);
      const record = JSON.parse(readFileSync(join(out, 'executed', `${stem}.run.json`), 'utf8')) as { status: string; parameters: Record<string, unknown> };
      assert.equal(record.status, 'ok');
      assert.ok(Object.keys(record.parameters).length >= 1, 'parameters recorded');
      const nb = JSON.parse(readFileSync(join(out, 'executed', `${stem}.ipynb`), 'utf8')) as { cells: Cell[] };
      const vl = nb.cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.['application/vnd.vegalite.v5+json'] as { usermeta?: Record<string, unknown> } | undefined).filter((x) => x !== undefined);
      assert.equal(vl.length, 1, 'one Vega-Lite output');
      assert.equal(vl[0]!.usermeta?.synthrmtFigure, figure);
      const errors = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'error');
      assert.deepEqual(errors, []);
      const texts = nb.cells.flatMap((c) => c.outputs ?? []).map((o) => o.data?.['text/markdown']).filter((x) => x !== undefined).map((x) => (Array.isArray(x) ? x.join('') : String(x)));
      assert.ok(texts.some((t) => shows.test(t)), `${stem} shows ${shows}: ${texts.join('\n---\n').slice(0, 2000)}`);
    });
  }
});

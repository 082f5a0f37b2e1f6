/** notebooks/06-mnist-accuracy.ipynb runs headlessly in a real tslab kernel (reduced sizes injected). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelRuns, outputBundles, runRepoNotebook } from '../runner/helpers';

const { out, opts } = kernelRuns();

test('06-mnist-accuracy runs headlessly with reduced sizes and shows Figure 7 and its tables', async () => {
  const s = await runRepoNotebook('06-mnist-accuracy.ipynb', opts({
    outDir: out(),
    parameters: { steps: '60', warmupSteps: '6', seeds: '2', mValues: '[0, 25]', series: 'oracle,very-weak', inputs: '"unit"' },
  }));
  assert.equal(s.status, 'ok', JSON.stringify(s.error));
  const bundles = outputBundles(s.executedPath);
  const vl = bundles.find((b) => b['application/vnd.vegalite.v5+json'])?.['application/vnd.vegalite.v5+json'] as
    | { usermeta: { synthrmtFigure: string; synthrmtData: { trainings: number; points: unknown[] } } }
    | undefined;
  assert.ok(vl, 'a Vega-Lite figure');
  assert.equal(vl!.usermeta.synthrmtFigure, 'fig7-mnist-accuracy');
  assert.equal(vl!.usermeta.synthrmtData.trainings, 2 * 3);
  assert.equal(vl!.usermeta.synthrmtData.points.length, 2 * 2 * 2);
  const md = bundles.map((b) => String(b['text/markdown'] ?? '')).join('\n');
  assert.match(md, /Test accuracy \(%\) on the 10,000 MNIST test images, 2 seed\(s\)/);
  assert.match(md, /Real data only\*\* \(m = 0, 50 images per class\)/);
  assert.match(md, /Against the published values/);
});

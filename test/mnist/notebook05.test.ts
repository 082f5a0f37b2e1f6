/** notebooks/05-mnist-generation.ipynb runs headlessly in a real tslab kernel (reduced sizes injected). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelRuns, outputBundles, runRepoNotebook } from '../runner/helpers';

const { out, opts } = kernelRuns();

test('05-mnist-generation runs headlessly and shows the spectrum figure and the digit grid', async () => {
  const s = await runRepoNotebook('05-mnist-generation.ipynb', opts({ outDir: out(), parameters: { nUseValues: '[100, 10]', samplesPerClass: '2' } }));
  assert.equal(s.status, 'ok', JSON.stringify(s.error));
  const bundles = outputBundles(s.executedPath);
  const vl = bundles.find((b) => b['application/vnd.vegalite.v5+json']);
  assert.ok(vl, 'a Vega-Lite figure');
  assert.equal((vl!['application/vnd.vegalite.v5+json'] as { usermeta: { synthrmtFigure: string } }).usermeta.synthrmtFigure, 'fig5-mnist-samples');
  const png = bundles.find((b) => typeof b['image/png'] === 'string');
  assert.ok(png, 'the digit grid as PNG');
  assert.match(String(png!['text/plain']), /image grid 8×10/);
});

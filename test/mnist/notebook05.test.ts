/** notebooks/05-mnist-generation.ipynb runs headlessly in a real tslab kernel (reduced sizes injected). */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runNotebooks } from '../../src/runner/run';
import { readNotebook, type CodeCell } from '../../src/runner/nbformat';
import { silentProgress } from '../../src/runner/progress';
import { ROOT, tempDir } from '../runner/helpers';

const tmp = tempDir('synthrmt-mnist-nb05-');
after(() => tmp.cleanup());

test('05-mnist-generation runs headlessly and shows the spectrum figure and the digit grid', async () => {
  const [s] = await runNotebooks([join(ROOT, 'notebooks', '05-mnist-generation.ipynb')], {
    outDir: tmp.dir,
    force: true,
    progress: silentProgress,
    parameters: { nUseValues: '[100, 10]', samplesPerClass: '2' },
  });
  assert.equal(s.status, 'ok', JSON.stringify(s.error));
  const nb = readNotebook(join(tmp.dir, 'executed', '05-mnist-generation.ipynb'));
  const outputs = nb.cells.filter((c): c is CodeCell => c.cell_type === 'code').flatMap((c) => c.outputs);
  const bundles = outputs.map((o) => ('data' in o ? (o.data as Record<string, unknown>) : {}));
  const vl = bundles.find((b) => b['application/vnd.vegalite.v5+json']);
  assert.ok(vl, 'a Vega-Lite figure');
  assert.equal((vl!['application/vnd.vegalite.v5+json'] as { usermeta: { synthrmtFigure: string } }).usermeta.synthrmtFigure, 'fig5-mnist-samples');
  const png = bundles.find((b) => typeof b['image/png'] === 'string');
  assert.ok(png, 'the digit grid as PNG');
  assert.match(String(png!['text/plain']), /image grid 8×10/);
});

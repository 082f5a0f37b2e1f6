/** Notebooks 07 and 08 run headlessly (real tslab kernels) at reduced sizes via the runner's API. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelRuns, outputBundles, runRepoNotebook } from '../runner/helpers';

const { out, opts } = kernelRuns();
const dir = out();

function vegaStems(path: string): string[] {
  const stems: string[] = [];
  for (const data of outputBundles(path)) {
    const spec = data['application/vnd.vegalite.v5+json'] as { usermeta?: { synthrmtFigure?: string } } | undefined;
    if (spec?.usermeta?.synthrmtFigure) stems.push(spec.usermeta.synthrmtFigure);
  }
  return stems;
}

test('notebook 07 (Figure 2) runs headlessly with reduced sizes and shows its figure', async () => {
  const s = await runRepoNotebook('07-gmm-anchor-vs-synthetic.ipynb', opts({ outDir: dir, parameters: { perComponent: '12', nSynthetic: '40', seed: '3' } }));
  assert.equal(s.outcome, 'ok', JSON.stringify(s.error));
  assert.deepEqual(vegaStems(s.executedPath), ['ganliu-fig2-gmm']);
});

test('notebook 08 (Figure 4) runs headlessly with reduced sizes and shows its figure', async () => {
  const s = await runRepoNotebook('08-kl-gap.ipynb', opts({ outDir: dir, parameters: { reps: '2', rounds: '2', maxValue: '3', klSamples: '200', mcSamples: '200' } }));
  assert.equal(s.outcome, 'ok', JSON.stringify(s.error));
  assert.deepEqual(vegaStems(s.executedPath), ['ganliu-fig4-klgap']);
});

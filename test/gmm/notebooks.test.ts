/** Notebooks 07 and 08 run headlessly (real tslab kernels) at reduced sizes via the runner's API. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runNotebooks } from '../../src/runner/run';
import { readNotebook, type Output } from '../../src/runner/nbformat';
import { silentProgress } from '../../src/runner/progress';
import { isRunning, ROOT, tagEnvironment, taggedProcesses, tempDir, waitFor } from '../runner/helpers';

const tag = tagEnvironment();
const pids: number[] = [];
const tmp = tempDir('synthrmt-gmm-nb-');

after(async () => {
  assert.ok(await waitFor(() => pids.every((p) => !isRunning(p)) && taggedProcesses(tag).length === 0, 5000), 'leftover kernels');
  tmp.cleanup();
});

function vegaStems(path: string): string[] {
  const nb = readNotebook(path);
  const stems: string[] = [];
  for (const c of nb.cells) {
    if (c.cell_type !== 'code') continue;
    for (const o of c.outputs as Output[]) {
      const data = (o as { data?: Record<string, unknown> }).data;
      const spec = data?.['application/vnd.vegalite.v5+json'] as { usermeta?: { synthrmtFigure?: string } } | undefined;
      if (spec?.usermeta?.synthrmtFigure) stems.push(spec.usermeta.synthrmtFigure);
    }
  }
  return stems;
}

test('notebook 07 (Figure 2) runs headlessly with reduced sizes and shows its figure', async () => {
  const [s] = await runNotebooks([join(ROOT, 'notebooks', '07-gmm-anchor-vs-synthetic.ipynb')], {
    outDir: tmp.dir,
    force: true,
    progress: silentProgress,
    parameters: { perComponent: '12', nSynthetic: '40', seed: '3' },
    onKernelStart: (pid) => pids.push(pid),
  });
  assert.equal(s.outcome, 'ok', JSON.stringify(s.error));
  assert.deepEqual(vegaStems(s.executedPath), ['ganliu-fig2-gmm']);
});

test('notebook 08 (Figure 4) runs headlessly with reduced sizes and shows its figure', async () => {
  const [s] = await runNotebooks([join(ROOT, 'notebooks', '08-kl-gap.ipynb')], {
    outDir: tmp.dir,
    force: true,
    progress: silentProgress,
    parameters: { reps: '2', rounds: '2', maxValue: '3', klSamples: '200', mcSamples: '200' },
    onKernelStart: (pid) => pids.push(pid),
  });
  assert.equal(s.outcome, 'ok', JSON.stringify(s.error));
  assert.deepEqual(vegaStems(s.executedPath), ['ganliu-fig4-klgap']);
});

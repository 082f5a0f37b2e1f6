/**
 * Edge: the data figures need from files, as the compute context's `data`
 * (../figures/figure-def.ts `FigureData`): the MNIST split and the published Figure 7
 * accuracies (./mnist-loader.ts), and Figure 7's training task (./mnist-tasks.ts), which loads the
 * split inside its worker thread. The CLI and the notebook helpers pass `figureData` to every
 * figure's compute.
 */
import type { FigureData } from '../figures/figure-def';
import { taskHandle } from '../sim/executor';
import { loadFig7Published, loadMnistSplit } from './mnist-loader';
import { mnistTrainingJob } from './mnist-tasks';

export const figureData: FigureData = {
  mnistSplit: () => loadMnistSplit(),
  publishedFig7: () => loadFig7Published(),
  mnistTraining: taskHandle('data/mnist-tasks', 'mnistTrainingJob', mnistTrainingJob),
};

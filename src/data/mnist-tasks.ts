/**
 * Edge: the worker jobs of the MNIST figures (registered by ./edge-tasks.ts). A job loads the
 * digits itself — once per thread, memoised by ./mnist-loader.ts — and calls the pure core, so the
 * figure modules never read files and jobs carry only small, structured-cloneable arguments.
 */
import type { Fig5Data, Fig5Params } from '../figures/fig5-mnist-samples';
import { fig5DataFromSplit } from '../figures/fig5-mnist-samples';
import { runTrainingJob, SyntheticStreams, testInputs, type InputScale, type TrainingJob, type TrainingResult } from '../mnist/experiment';
import type { SparseRows } from '../mnist/inputs';
import type { PublishedAccuracy } from '../mnist/published';
import { loadFig7Published, loadMnistSplit } from './mnist-loader';

const testCache = new Map<InputScale, SparseRows>();
/** Generators fitted and synthetic images drawn by earlier jobs of this thread. */
const streams = new SyntheticStreams(10, 40);

/** 'mnist.trainingJob': one Figure 7 training on the full MNIST. */
export function mnistTrainingJob(job: TrainingJob): TrainingResult {
  const s = loadMnistSplit();
  const scale = job.settings.inputs;
  let test = testCache.get(scale);
  if (!test) {
    test = testInputs(s.test, scale);
    testCache.set(scale, test);
  }
  return runTrainingJob(s, job, test, streams);
}

/** 'mnist.fig5Data': Figure 5's samples and spectra. */
export function mnistFig5Data(params: Fig5Params): Fig5Data {
  return fig5DataFromSplit(loadMnistSplit(), params);
}

/** 'mnist.publishedFig7': the published accuracies (data/fig7-published.csv). */
export function mnistPublishedFig7(): PublishedAccuracy[] {
  return loadFig7Published();
}

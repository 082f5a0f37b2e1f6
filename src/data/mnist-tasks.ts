/**
 * Edge: the worker job of Figure 7 (its task handle is in ./figure-data.ts). A job loads the
 * digits itself — once per thread, memoised by ./mnist-loader.ts — and calls the pure core, so the
 * figure modules never read files and jobs carry only small, structured-cloneable arguments.
 */
import { runTrainingJob, SyntheticStreams, testInputs, type InputScale, type TrainingJob, type TrainingResult } from '../mnist/experiment';
import type { SparseRows } from '../mnist/inputs';
import { loadMnistSplit } from './mnist-loader';

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

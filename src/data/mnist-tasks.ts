/**
 * Edge: the worker job of Figure 7 (its task handle is in ./figure-data.ts). A job loads the
 * digits itself — once per thread, memoised by ./mnist-loader.ts — and calls the pure core, so the
 * figure modules never read files and jobs carry only small, structured-cloneable arguments.
 */
import { runTrainingJob, SyntheticStreams, testInputs, type TrainingJob, type TrainingResult } from '../mnist/experiment';
import type { SparseRows } from '../mnist/inputs';
import { loadMnistSplit } from './mnist-loader';

const testCache = new Map<string, SparseRows>();
/** Synthetic images drawn by earlier jobs of this thread (one generator's ten classes). */
const streams = new SyntheticStreams(10);

/** One Figure 7 training on the split (testPerClass, splitSeed). */
export function mnistTrainingJob(job: TrainingJob, split: { testPerClass: number; splitSeed: number }): TrainingResult {
  const s = loadMnistSplit(split.testPerClass, split.splitSeed);
  const key = `${split.testPerClass}/${split.splitSeed}`;
  let test = testCache.get(key);
  if (!test) {
    test = testInputs(s.test);
    testCache.set(key, test);
  }
  return runTrainingJob(s, job, test, streams);
}

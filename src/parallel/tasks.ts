/**
 * The registry of jobs that may run on a worker thread (see ./executor.ts). Each entry is a pure
 * function of structured-cloneable arguments returning a structured-cloneable result. A worker
 * loads this module and calls `tasks[name](...args)`.
 *
 * Add an entry per parallel job kind; keep the names stable (they are the protocol).
 */
import { directDrawBatch, fastDrawBatch } from '../sim/batch';
import { fig3Draws } from '../figures/fig3-accuracy';
import { klGapRepetitions } from '../gmm/kl-gap';
import { mnistFig5Data, mnistPublishedFig7, mnistTrainingJob } from '../data/mnist-tasks';

export const tasks = {
  /** Self-test job used by the pool's tests: sum of squares of a Float64Array. */
  'selftest.sumSquares': (x: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i] * x[i];
    return s;
  },
  /** Draws `indices` of the fast exact-in-law simulator: (real, params, seed, indices, options) → DrawResult[]. */
  'sim.fastDrawBatch': fastDrawBatch,
  /** Draws `indices` of the direct reference simulator: (realX, realY, params, seed, indices, options) → DrawResult[]. */
  'sim.directDrawBatch': directDrawBatch,
  /** Figure 3's draws at one point: (setup, {m, epsilon, rho, phi}, indices) → signed accuracies. */
  'figures.fig3Draws': fig3Draws,
  /** KL-gap repetitions of one configuration: (params, seed, firstRepetition, count) → KlGapRepetition[]. */
  'gmm.klGapRepetitions': klGapRepetitions,
  /** MNIST (Figures 5, 7; the job loads the digits itself, see src/data/mnist-tasks.ts): (job, {testPerClass, splitSeed}) → TrainingResult; (params) → Fig5Data; () → published rows. */
  'mnist.trainingJob': mnistTrainingJob, 'mnist.fig5Data': mnistFig5Data, 'mnist.publishedFig7': mnistPublishedFig7,
} satisfies Record<string, (...args: any[]) => unknown>;

export type TaskName = keyof typeof tasks;

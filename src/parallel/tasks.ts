/**
 * The registry of jobs that may run on a worker thread (see ./executor.ts). Each entry is a pure
 * function of structured-cloneable arguments returning a structured-cloneable result. Executors
 * (the core's serial one, the edge's worker threads) look a job up by name with `taskFunction`.
 *
 * Two kinds of jobs, one namespace (the names are the protocol; keep them stable):
 * - core jobs, listed in `coreTasks` below (pure computations: APPEND entries there);
 * - edge jobs, which read files (the MNIST figures' jobs load the digits themselves). The core only
 *   names them and fixes their signatures (`EdgeTasks`); the edge module src/data/edge-tasks.ts
 *   registers the implementations at run time with `registerTasks`. That module is loaded by the
 *   worker pool (../parallel/pool.ts, so also by the notebook helpers and the CLI) and by every
 *   worker thread (./worker.ts), so the core never imports a module that does I/O.
 */
import { directDrawBatch, fastDrawBatch } from '../sim/batch';
import { fig3Draws } from '../figures/fig3-accuracy';
import { klGapRepetitions } from '../gmm/kl-gap';
import type { Fig5Data, Fig5Params } from '../figures/fig5-mnist-samples';
import type { TrainingJob, TrainingResult } from '../mnist/experiment';
import type { PublishedAccuracy } from '../mnist/published';

type TaskFn = (...args: any[]) => unknown;

/**
 * The core's jobs (pure). A function, not a constant: the job modules import the executor, which
 * imports this module, so the table is built on first use, once every module has finished loading
 * (a table built while this module loads could capture a job that is still undefined).
 */
const coreTasks = () => ({
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
}) satisfies Record<string, TaskFn>;

/** The edge's jobs: names and signatures (implemented in src/data/mnist-tasks.ts, registered by src/data/edge-tasks.ts). */
export interface EdgeTasks {
  /** One Figure 7 training; the job loads the full MNIST itself. */
  'mnist.trainingJob': (job: TrainingJob) => TrainingResult;
  /** Figure 5's samples and spectra (the job loads the digits). */
  'mnist.fig5Data': (params: Fig5Params) => Fig5Data;
  /** The published Figure 7 accuracies (data/fig7-published.csv). */
  'mnist.publishedFig7': () => PublishedAccuracy[];
}

export type CoreTaskName = keyof ReturnType<typeof coreTasks>;
export type EdgeTaskName = keyof EdgeTasks;
export type TaskName = CoreTaskName | EdgeTaskName;

const EDGE_TASK_NAMES: readonly EdgeTaskName[] = ['mnist.trainingJob', 'mnist.fig5Data', 'mnist.publishedFig7'];
let registry: Map<string, TaskFn> | undefined;

/** This thread's job table: the core's jobs, plus the edge's once registered. */
function table(): Map<string, TaskFn> {
  registry ??= new Map<string, TaskFn>(Object.entries(coreTasks()));
  return registry;
}

/** Registers the edge's job implementations in this thread (idempotent). */
export function registerTasks(entries: EdgeTasks): void {
  for (const name of EDGE_TASK_NAMES) table().set(name, entries[name]);
}

/** The names of the jobs this thread can run. */
export function registeredTasks(): string[] {
  return [...table().keys()];
}

/** The job registered as `name` in this thread; an Error naming the job if there is none. */
export function taskFunction(name: TaskName): TaskFn {
  const fn = table().get(name);
  if (fn) return fn;
  if ((EDGE_TASK_NAMES as readonly string[]).includes(name)) {
    throw new Error(
      `task "${name}" is an edge job (it reads files) and is not registered in this thread; ` +
        `call registerEdgeTasks() from src/data/edge-tasks (the worker pool, the notebook helpers and the CLI load it)`,
    );
  }
  throw new Error(`unknown task "${String(name)}"; registered: ${registeredTasks().join(', ')}`);
}

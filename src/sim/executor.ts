/**
 * How the core declares independent work without knowing how it is run (this module imports
 * nothing).
 *
 * A core computation with many independent jobs (Figure 3's draws, the KL-gap repetitions, MNIST
 * trainings) names its job by a `TaskHandle`: a plain object giving the compiled module (path
 * below `src/`, without extension) and the export a worker thread can load, plus the function
 * itself for the serial executor. It takes an `Executor` and calls it with the handle and one
 * argument list per job. `serialExecutor` (here) runs them in order in this thread; the edge's
 * `workerExecutor` (../parallel/pool.ts) loads `module`/`export` in worker threads. Jobs must be
 * pure functions of their structured-cloneable arguments, seeds included, so both executors give
 * identical results.
 */

/** A job function that a worker can load by module and export name. */
export interface TaskHandle<A extends unknown[] = any[], R = unknown> {
  /** The module holding the function, relative to `src/` and without extension (`sim/batch`). */
  readonly module: string;
  /** The exported name of the function in that module. */
  readonly export: string;
  /** The function itself (used by the serial executor; never sent to a worker). */
  readonly fn: (...args: A) => R;
}

/** Declares a task handle (a typed helper for the core's job modules). */
export function taskHandle<A extends unknown[], R>(module: string, exportName: string, fn: (...args: A) => R): TaskHandle<A, R> {
  return { module, export: exportName, fn };
}

/** Runs `argsList.length` jobs of `task`; results come back in the order of `argsList`. */
export type Executor = <A extends unknown[], R>(task: TaskHandle<A, R>, argsList: A[], onDone?: (doneCount: number) => void) => Promise<R[]>;

/** Runs every job in this thread, in order. */
export const serialExecutor: Executor = async <A extends unknown[], R>(
  task: TaskHandle<A, R>,
  argsList: A[],
  onDone?: (doneCount: number) => void,
): Promise<R[]> => {
  const out: R[] = [];
  for (const args of argsList) {
    out.push(task.fn(...args));
    onDone?.(out.length);
  }
  return out;
};

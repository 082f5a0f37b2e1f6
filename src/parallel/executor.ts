/**
 * How the core asks for independent work to be spread over threads without doing any I/O itself.
 *
 * A core computation that has many independent draws (Figure 3's simulations, MNIST trainings,
 * the KL-gap repetitions) takes an `Executor` and calls it with the *name* of a registered task
 * (see ./tasks.ts) and one argument list per job. The core's own `serialExecutor` runs them in
 * order in this thread; the edge's `workerExecutor` (./pool.ts) runs them on worker threads.
 * Jobs must be pure functions of their (structured-cloneable) arguments, seeds included, so both
 * executors give identical results.
 */
import { taskFunction, type TaskName } from './tasks';

/** Runs `argsList.length` jobs of task `name`; results come back in the order of `argsList`. */
export type Executor = <R>(name: TaskName, argsList: unknown[][], onDone?: (doneCount: number) => void) => Promise<R[]>;

/**
 * Runs every job in this thread, in order. It finds the core's jobs always, and the edge's (which
 * read files) once the edge has registered them in this thread (src/data/edge-tasks.ts).
 */
export const serialExecutor: Executor = async <R>(
  name: TaskName,
  argsList: unknown[][],
  onDone?: (doneCount: number) => void,
): Promise<R[]> => {
  const fn = taskFunction(name) as (...a: unknown[]) => R;
  const out: R[] = [];
  for (const args of argsList) {
    out.push(fn(...args));
    onDone?.(out.length);
  }
  return out;
};

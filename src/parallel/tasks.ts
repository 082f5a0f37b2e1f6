/**
 * The registry of jobs that may run on a worker thread (see ./executor.ts). Each entry is a pure
 * function of structured-cloneable arguments returning a structured-cloneable result. A worker
 * loads this module and calls `tasks[name](...args)`.
 *
 * Add an entry per parallel job kind; keep the names stable (they are the protocol).
 */
export const tasks = {
  /** Self-test job used by the pool's tests: sum of squares of a Float64Array. */
  'selftest.sumSquares': (x: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i] * x[i];
    return s;
  },
} satisfies Record<string, (...args: any[]) => unknown>;

export type TaskName = keyof typeof tasks;

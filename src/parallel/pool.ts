/**
 * Edge: an `Executor` backed by worker threads, through the piscina pool. Each call makes a pool
 * of min(threads, jobs) workers and destroys it at the end (no thread outlives the call); piscina
 * hands jobs to the first free worker, so long and short jobs balance, and results keep the order
 * of the argument list. A worker loads each job's function from its task handle (module and
 * export, ../sim/executor.ts; see ./worker.ts).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { serialExecutor, type Executor, type TaskHandle } from '../sim/executor';

export interface PoolOptions {
  /** Number of worker threads; default: the machine's available parallelism. 1 runs inline. */
  threads?: number;
}

/** The default thread count: `SYNTHRMT_THREADS` if set, else the machine's parallelism. */
export function defaultThreads(): number {
  const env = process.env.SYNTHRMT_THREADS;
  if (env !== undefined && env !== '') {
    const t = Number(env);
    if (!Number.isInteger(t) || t < 1) throw new RangeError(`SYNTHRMT_THREADS must be a positive integer, got "${env}"`);
    return t;
  }
  return Math.max(1, availableParallelism());
}

export function workerExecutor(options: PoolOptions = {}): Executor {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  return async <A extends unknown[], R>(task: TaskHandle<A, R>, argsList: A[], onDone?: (n: number) => void): Promise<R[]> => {
    const count = Math.min(threads, argsList.length);
    if (count <= 1) return serialExecutor(task, argsList, onDone);
    const pool = new Piscina({ filename: join(__dirname, 'worker.js'), minThreads: count, maxThreads: count });
    // When one job fails, the pool is destroyed while other jobs may have posted their results;
    // piscina then reports those as 'error' events ("Unexpected message from Worker"), which would
    // be uncaught. They are expected once destroying; before that, an error fails the call.
    let destroying = false;
    let poolError: Error | undefined;
    pool.on('error', (e: Error) => {
      if (!destroying) poolError ??= e;
    });
    let done = 0;
    try {
      const results = await Promise.all(
        argsList.map((args, id) =>
          pool.run({ module: task.module, export: task.export, args }).then(
            (result: R) => {
              onDone?.(++done);
              return result;
            },
            (e: Error) => {
              const err = new Error(`task ${task.module}#${task.export} job ${id} failed: ${e.message}`);
              if (e.stack) err.stack = e.stack;
              throw err;
            },
          ),
        ),
      );
      if (poolError) throw poolError;
      return results;
    } finally {
      destroying = true;
      await pool.destroy();
    }
  };
}

/**
 * Edge: an `Executor` backed by worker threads. Jobs are handed out one at a time to the first
 * free worker, so long and short jobs balance; results keep the order of the argument list.
 * Workers are created per call and terminated at its end (no thread outlives the call). A worker
 * loads each job's function from its task handle (module and export, ../sim/executor.ts).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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
    const name = `${task.module}#${task.export}`;
    const results = new Array<R>(argsList.length);
    let next = 0;
    let done = 0;
    const workers: Worker[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        let failed = false;
        const feed = (w: Worker): void => {
          if (failed) return;
          if (next >= argsList.length) {
            if (done === argsList.length) resolve();
            return;
          }
          const id = next++;
          w.postMessage({ id, module: task.module, export: task.export, args: argsList[id] });
        };
        for (let i = 0; i < count; i++) {
          const w = new Worker(join(__dirname, 'worker.js'));
          workers.push(w);
          w.on('message', (msg: { id: number; ok: boolean; result?: R; message?: string; stack?: string }) => {
            if (!msg.ok) {
              failed = true;
              const err = new Error(`task ${String(name)} job ${msg.id} failed: ${msg.message}`);
              if (msg.stack) err.stack = msg.stack;
              reject(err);
              return;
            }
            results[msg.id] = msg.result as R;
            done++;
            onDone?.(done);
            if (done === argsList.length) resolve();
            else feed(w);
          });
          w.on('error', (e) => {
            failed = true;
            reject(e);
          });
          w.on('exit', (code) => {
            if (!failed && done < argsList.length && code !== 0) {
              failed = true;
              reject(new Error(`worker exited with code ${code} while running task ${String(name)}`));
            }
          });
          feed(w);
        }
      });
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    return results;
  };
}

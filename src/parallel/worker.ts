/** Worker-thread entry: runs jobs of the task registry sent by ./pool.ts. */
import { parentPort } from 'node:worker_threads';
import { tasks, type TaskName } from './tasks';

interface Job {
  id: number;
  name: TaskName;
  args: unknown[];
}

parentPort!.on('message', (job: Job) => {
  try {
    const fn = tasks[job.name] as ((...a: unknown[]) => unknown) | undefined;
    if (!fn) throw new Error(`unknown task "${String(job.name)}"; registered: ${Object.keys(tasks).join(', ')}`);
    parentPort!.postMessage({ id: job.id, ok: true, result: fn(...job.args) });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ id: job.id, ok: false, message: err.message, stack: err.stack });
  }
});

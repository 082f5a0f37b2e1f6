/** Worker-thread entry: runs jobs of the task registry sent by ./pool.ts. */
import { parentPort } from 'node:worker_threads';
import { registerEdgeTasks } from '../data/edge-tasks';
import { taskFunction, type TaskName } from './tasks';

registerEdgeTasks();

interface Job {
  id: number;
  name: TaskName;
  args: unknown[];
}

parentPort!.on('message', (job: Job) => {
  try {
    const fn = taskFunction(job.name);
    parentPort!.postMessage({ id: job.id, ok: true, result: fn(...job.args) });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ id: job.id, ok: false, message: err.message, stack: err.stack });
  }
});

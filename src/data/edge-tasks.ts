/**
 * Edge: registers the worker jobs that read files (names and signatures fixed by the core's
 * ../parallel/tasks.ts `EdgeTasks`) in this thread. Loaded by the worker pool (../parallel/pool.ts)
 * — hence by the notebook helpers and the CLI — and by every worker thread (../parallel/worker.ts),
 * so both executors find every job there, while the core never imports this module.
 */
import { registerTasks } from '../parallel/tasks';
import { mnistFig5Data, mnistPublishedFig7, mnistTrainingJob } from './mnist-tasks';

/** Registers the edge's jobs (MNIST: Figures 5 and 7) with the task registry; idempotent. */
export function registerEdgeTasks(): void {
  registerTasks({ 'mnist.trainingJob': mnistTrainingJob, 'mnist.fig5Data': mnistFig5Data, 'mnist.publishedFig7': mnistPublishedFig7 });
}

/**
 * Batches of independent draws. Draw k of a batch with seed `seed` uses the k-th independent
 * sub-stream `new Rng(seed).substream(k)`, so a batch gives the same draws whether it runs serially
 * or spread over worker threads through an `Executor` (task handles `fastDrawBatchTask` and
 * `directDrawBatchTask`, see ./executor.ts), and whatever the job size.
 */
import { Rng } from '../random/rng';
import { serialExecutor, taskHandle, type Executor, type TaskHandle } from './executor';
import { directDraw, type DirectDrawOptions } from './direct';
import { fastDraw, type PreparedReal } from './fast';
import type { DrawOptions, DrawParams, DrawResult } from './params';

/** Mean, sample standard deviation (n − 1), standard error sd/√n of a set of values. */
export interface Summary {
  count: number;
  mean: number;
  sd: number;
  se: number;
}

/** Summary statistics of `xs` (sd = se = NaN-free 0 for a single value). */
export function summarize(xs: ArrayLike<number>): Summary {
  const count = xs.length;
  if (count === 0) throw new RangeError('summarize needs at least one value, got none');
  let s = 0;
  for (let i = 0; i < count; i++) s += xs[i];
  const mean = s / count;
  let v = 0;
  for (let i = 0; i < count; i++) v += (xs[i] - mean) ** 2;
  const sd = count > 1 ? Math.sqrt(v / (count - 1)) : 0;
  return { count, mean, sd, se: sd / Math.sqrt(count) };
}

/**
 * The generators of draws `indices` of the batch `seed` (sub-streams), computed incrementally: for
 * consecutive indices, stream k+1 is stream k's sub-stream 0 (one jump instead of k + 2).
 */
export function drawStreams(seed: number, indices: readonly number[]): Rng[] {
  const base = new Rng(seed);
  const out: Rng[] = [];
  let prev: Rng | null = null;
  let prevIndex = -2;
  for (const k of indices) {
    const r: Rng = prev && k === prevIndex + 1 ? prev.substream(0) : base.substream(k);
    out.push(r); // not consumed here, so r.substream(0) is exactly stream k+1
    prev = r;
    prevIndex = k;
  }
  return out;
}

/** Draws `indices` of the fast simulator (the worker job 'sim.fastDrawBatch'). */
export function fastDrawBatch(
  real: PreparedReal,
  params: DrawParams,
  seed: number,
  indices: readonly number[],
  options: DrawOptions = {},
): DrawResult[] {
  return drawStreams(seed, indices).map((rng) => fastDraw(real, params, rng, options));
}

/** Draws `indices` of the direct simulator (the worker job 'sim.directDrawBatch'). */
export function directDrawBatch(
  realX: Float64Array,
  realY: Float64Array,
  params: DrawParams,
  seed: number,
  indices: readonly number[],
  options: DirectDrawOptions = {},
): DrawResult[] {
  return drawStreams(seed, indices).map((rng) => directDraw(realX, realY, params, rng, options));
}

/** Task: draws `indices` of the fast exact-in-law simulator: (real, params, seed, indices, options) → DrawResult[]. */
export const fastDrawBatchTask = taskHandle('sim/batch', 'fastDrawBatch', fastDrawBatch);
/** Task: draws `indices` of the direct reference simulator: (realX, realY, params, seed, indices, options) → DrawResult[]. */
export const directDrawBatchTask = taskHandle('sim/batch', 'directDrawBatch', directDrawBatch);

/** How a batch is run. */
export interface BatchOptions {
  seed: number;
  draws: number;
  /** runs the jobs (serially in this thread when omitted) */
  executor?: Executor;
  /** draws per job (default: draws split in 8 jobs, at least 1 each) */
  jobSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The draws of a batch and the summaries of their accuracies. */
export interface BatchResult {
  draws: DrawResult[];
  accuracy: Summary;
  accuracySymmetric: Summary;
}

function chunks(draws: number, jobSize?: number): number[][] {
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`draws must be an integer >= 1, got ${draws}`);
  const size = jobSize ?? Math.max(1, Math.ceil(draws / 8));
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`jobSize must be an integer >= 1, got ${jobSize}`);
  const out: number[][] = [];
  for (let k = 0; k < draws; k += size) out.push(Array.from({ length: Math.min(size, draws - k) }, (_, i) => k + i));
  return out;
}

/** Summaries of a list of draws. */
export function summarizeDraws(draws: DrawResult[]): BatchResult {
  return {
    draws,
    accuracy: summarize(draws.map((d) => d.accuracy)),
    accuracySymmetric: summarize(draws.map((d) => d.accuracySymmetric)),
  };
}

/** Runs the draws in jobs of `opts.jobSize` on `opts.executor` (default: in this thread, in order). */
async function runJobs<A extends unknown[]>(
  task: TaskHandle<A, DrawResult[]>,
  argsOf: (indices: number[]) => A,
  opts: BatchOptions,
): Promise<BatchResult> {
  const jobs = chunks(opts.draws, opts.jobSize);
  const total = opts.draws;
  const results = await (opts.executor ?? serialExecutor)(task, jobs.map(argsOf), (count) => {
    const done = jobs.slice(0, count).reduce((a, j) => a + j.length, 0);
    opts.onProgress?.(Math.min(done, total), total);
  });
  return summarizeDraws(results.flat());
}

/** A batch of fast draws (mean, sd, se of the accuracies), optionally spread by an Executor. */
export function runFastBatch(real: PreparedReal, params: DrawParams, opts: BatchOptions, drawOptions: DrawOptions = {}): Promise<BatchResult> {
  return runJobs(
    fastDrawBatchTask,
    (indices): Parameters<typeof fastDrawBatch> => [real, params, opts.seed, indices, drawOptions],
    opts,
  );
}

/** A batch of direct draws (the reference), optionally spread by an Executor. */
export function runDirectBatch(
  realX: Float64Array,
  realY: Float64Array,
  params: DrawParams,
  opts: BatchOptions,
  drawOptions: DirectDrawOptions = {},
): Promise<BatchResult> {
  return runJobs(
    directDrawBatchTask,
    (indices): Parameters<typeof directDrawBatch> => [realX, realY, params, opts.seed, indices, drawOptions],
    opts,
  );
}

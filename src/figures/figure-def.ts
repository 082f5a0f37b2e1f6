/**
 * What a figure is, for the `synthrmt figure` command, the notebooks and the report exporter.
 * A figure module (src/figures/figN-*.ts) exports one `FigureDef`: the paper's parameters as
 * defaults, a pure `compute` returning plain data, and a pure `spec` turning that data into a
 * Vega-Lite specification themed by ../plot/theme.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MnistSplit } from '../mnist/data';
import type { TrainingJob, TrainingResult } from '../mnist/experiment';
import type { PublishedAccuracy } from '../mnist/published';
import type { Executor, TaskHandle } from '../sim/executor';
import type { PaperSize } from '../plot/theme';

import type { ParamSchema } from './param-schema';

export type { ParamKind, ParamSchema, ParamSpec } from './param-schema';

export interface ComputeContext {
  /** Spreads independent jobs over threads; the core's serialExecutor if omitted. */
  executor?: Executor;
  /** Progress of a long computation: `done` of `total` units. */
  onProgress?: (done: number, total: number, label?: string) => void;
  /** Data the figure needs from outside the core (files), provided by the edge (src/data/figure-data.ts). */
  data?: FigureData;
}

/**
 * What a figure may need from files, provided by the edge's loader (src/data/figure-data.ts); the
 * core never reads a file. A figure that needs an entry the context lacks throws a
 * `MissingFigureDataError` naming it.
 */
export interface FigureData {
  /** The full MNIST: the 60,000 training images and the 10,000 test images. */
  mnistSplit?(): MnistSplit;
  /** The published Figure 7 accuracies (the paper's numbers, data/fig7-published.csv). */
  publishedFig7?(): PublishedAccuracy[];
  /** One Figure 7 training as a task a worker can load (the job loads the split in its thread). */
  mnistTraining?: TaskHandle<[TrainingJob], TrainingResult>;
}

/** A figure needs data (`what`) that the compute context does not provide. */
export class MissingFigureDataError extends Error {
  override name = 'MissingFigureDataError';
}

/** The entry `key` of `ctx.data`, or a MissingFigureDataError naming the figure and the entry. */
export function figureData<K extends keyof FigureData>(ctx: ComputeContext, key: K, figure: string): NonNullable<FigureData[K]> {
  const v = ctx.data?.[key];
  if (v === undefined) {
    throw new MissingFigureDataError(`figure ${figure} needs data.${key} in its compute context (the edge's loader src/data/figure-data.ts provides it; the CLI and the notebook helpers pass it)`);
  }
  return v as NonNullable<FigureData[K]>;
}

/** An image produced by a figure (e.g. MNIST samples): grey levels 0..255, row-major. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
  label?: string;
}

export interface FigureDef<P extends object = Record<string, unknown>, D = unknown> {
  /** Short name used on the command line and for output files (`fig3`, `klgap`, …). */
  name: string;
  /** File stem of the exported figure (`fig3-accuracy`). */
  fileStem: string;
  title: string;
  size: PaperSize;
  /** The paper's parameters. */
  defaults: P;
  /** Each parameter's kind, allowed range or values and help (./param-schema.ts): CLI options, merge, checks. */
  params: ParamSchema<P>;
  /** Validates parameters and computes the figure's data (pure; throws RangeError on bad input). */
  compute(params: P, ctx?: ComputeContext): Promise<D>;
  /** The themed Vega-Lite specification of the data. */
  spec(data: D, params: P): TopLevelSpec;
  /** Optional image grids (for image figures), exported beside the spec as PNG. */
  images?(data: D, params: P): GreyImage[][];
}

/**
 * What a figure's exported JSON holds: its data, plus `params` (every parameter, after the
 * defaults) and `seed` (params.seed, or null for a figure without randomness), so the file alone
 * says how it was made. Data that are not a plain object are wrapped as `{data, params, seed}`.
 */
export function figureRecord(data: unknown, params: object): Record<string, unknown> {
  const seed = (params as { seed?: unknown }).seed;
  const provenance = { params: { ...params }, seed: typeof seed === 'number' ? seed : null };
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && !ArrayBuffer.isView(data)) return { ...(data as Record<string, unknown>), ...provenance };
  return { data, ...provenance };
}

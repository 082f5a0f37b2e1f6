/**
 * What a figure is, for the `synthrmt figure` command, the notebooks and the report exporter.
 * A figure module (src/figures/figN-*.ts) exports one `FigureDef`: the paper's parameters as
 * defaults, a pure `compute` returning plain data, and a pure `spec` turning that data into a
 * Vega-Lite specification themed by ../plot/theme.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Executor } from '../parallel/executor';
import type { PaperSize } from '../plot/theme';

/** How a parameter is read from a command line (`--name value`). */
export type ParamKind = 'number' | 'integer' | 'numbers' | 'integers' | 'string' | 'boolean';

export interface ComputeContext {
  /** Spreads independent jobs over threads; the core's serialExecutor if omitted. */
  executor?: Executor;
  /** Progress of a long computation: `done` of `total` units. */
  onProgress?: (done: number, total: number, label?: string) => void;
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
  /** How each parameter of `defaults` is parsed from the command line. */
  paramKinds: { [K in keyof P]: ParamKind };
  /** Validates parameters and computes the figure's data (pure; throws RangeError on bad input). */
  compute(params: P, ctx?: ComputeContext): Promise<D>;
  /** The themed Vega-Lite specification of the data. */
  spec(data: D, params: P): TopLevelSpec;
  /** Optional image grids (for image figures), exported beside the spec as PNG. */
  images?(data: D, params: P): GreyImage[][];
}

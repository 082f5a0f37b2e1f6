/**
 * Edge: the one "make a figure" service, used by `synthrmt figure` and by the notebook helpers'
 * `computeFigure`: parameters merged over the figure's defaults and checked by its schema
 * (../figures/param-schema.ts); the output folder checked before any work; the compute on worker
 * threads with the data loaders of ../data/figure-data.ts and one progress reporter
 * (../io/progress.ts); then, with `out`, the spec, the images and the exported files
 * (./figure-export.ts: SVG and JSON, PDF and PNG when chromium is there).
 */
import { figureData } from '../data/figure-data';
import { getFigure } from '../figures/index';
import { mergeFigureParams } from '../figures/param-schema';
import { figureRecord, type FigureDef } from '../figures/figure-def';
import { UsageError } from '../io/errors';
import { checkOutputDir } from '../io/output-dir';
import { computeProgress, type ComputeProgress } from '../io/progress';
import { defaultThreads, workerExecutor } from '../parallel/pool';
import type { Executor } from '../sim/executor';
import { exportFigureFiles } from './figure-export';
import { ChromiumMissingError, openBrowser, type BrowserHandle } from './pdf';

export interface RunFigureOptions {
  /** Worker threads (default: SYNTHRMT_THREADS or all cores); ignored when `executor` is given. */
  threads?: number;
  executor?: Executor;
  /** Progress of the compute (default: a live reporter on stderr labelled with the figure's name). */
  progress?: ComputeProgress;
  /** The end of the closing line (default: ` on N threads`). */
  summarySuffix?: (units: number, threads: number) => string;
  /** Write the figure's files into this folder (checked before the compute). */
  out?: string;
  /** With `out`: also PDF and PNG (needs chromium; default true). */
  pdf?: boolean;
}

export interface FigureRun<P extends object = Record<string, unknown>, D = unknown> {
  def: FigureDef<P, D>;
  params: P;
  data: D;
  /** Files written (with `out`: the spec and images are built only then). */
  files: string[];
  /** Set when PDF and PNG were asked for but chromium is missing (SVG and JSON were written). */
  missingChromium?: ChromiumMissingError;
  /** The progress reporter's closing line. */
  summary: string;
}

/** The figure called `name` (a UsageError listing the known names), or `def` itself. */
export function resolveFigure<P extends object, D>(defOrName: FigureDef<P, D> | string): FigureDef<P, D> {
  if (typeof defOrName !== 'string') return defOrName;
  try {
    return getFigure(defOrName) as FigureDef<P, D>;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Computes a figure with `overrides` over its defaults, and exports it with `out`. */
export async function runFigure<P extends object, D>(
  defOrName: FigureDef<P, D> | string,
  overrides: Partial<P> = {},
  opts: RunFigureOptions = {},
): Promise<FigureRun<P, D>> {
  const def = resolveFigure(defOrName);
  const params = mergeFigureParams(def, overrides);
  if (opts.out !== undefined) checkOutputDir(opts.out);
  const threads = opts.threads ?? defaultThreads();
  const executor = opts.executor ?? workerExecutor({ threads });
  const progress = opts.progress ?? computeProgress(def.name);
  let data: D;
  try {
    data = await def.compute(params, { executor, data: figureData, onProgress: (d, t, l) => progress.update(d, t, l) });
  } catch (e) {
    progress.stop();
    throw e;
  }
  const suffix = opts.summarySuffix ?? ((_u: number, t: number) => ` on ${t} thread${t === 1 ? '' : 's'}`);
  const summary = progress.finish((units) => suffix(units, threads));
  const run: FigureRun<P, D> = { def, params, data, files: [], summary };
  if (opts.out === undefined) return run;
  const spec = def.spec(data, params);
  const images = def.images?.(data, params);
  let handle: BrowserHandle | undefined;
  if (opts.pdf !== false) {
    try {
      handle = await openBrowser();
    } catch (e) {
      if (!(e instanceof ChromiumMissingError)) throw e;
      run.missingChromium = e;
    }
  }
  try {
    run.files = await exportFigureFiles({ stem: def.fileStem, spec, data: figureRecord(data, params), size: def.size, images }, opts.out, { browser: handle ? handle.browser : null });
  } finally {
    await handle?.close();
  }
  return run;
}

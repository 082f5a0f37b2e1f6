/**
 * Display helpers for notebook cells — one call per figure, table, text or image grid — that
 * behave the same in Jupyter (tslab kernel) and in the headless `synthrmt run`. Import them from
 * the build: `import { showFigure, computeFigure, showTable, showMarkdown, showImages, showSpec }
 * from "../dist/src/notebook";`. Each emits one `display_data` MIME bundle (see ./display.ts);
 * outside a kernel the text/plain part is printed.
 *
 * - `computeFigure(defOrName, params?, {threads?, log?})` → Promise<data>: the figure's `compute` with
 *   `params` merged over its paper defaults and checked by its schema (unknown keys, badly typed
 *   or out-of-range values: RangeError naming what is allowed), through the same service as
 *   `synthrmt figure` (src/render/run-figure.ts: worker threads, the edge's data loaders); prints
 *   one line when done.
 * - `showFigure(def, data, params?)`: the figure's themed Vega-Lite spec
 *   (`application/vnd.vegalite.v5+json` + `text/plain`), then, if the figure has images, its image
 *   grids as `image/png`.
 * - `showSpec(spec, {stem?, size?, data?, title?})`: any Vega-Lite spec. `stem`, `size` and
 *   `data` are recorded in the spec's `usermeta` as `synthrmtFigure`, `synthrmtSize`,
 *   `synthrmtData` (the report exporter writes reports/figures/<stem>.{svg,pdf,png,json} from
 *   them) and in the output's metadata as `synthrmt: {figure, size}`.
 * - `showTable(rows, {caption?, digits?})`: `text/html` (all values escaped), `text/markdown`,
 *   `text/plain`. Columns in order of first appearance; non-integers to `digits` (default 4)
 *   significant digits.
 * - `showMarkdown(md)`: `text/markdown` (+ the source as `text/plain`).
 * - `showImages(grid, {scale?, gap?, stem?})`: a grid of grey images as one `image/png`
 *   (src/render/png.ts); with `stem`, the output's metadata carries `synthrmt: {figure: stem,
 *   kind: "images"}`.
 */
import { figureRecord, type FigureDef, type GreyImage } from '../figures/figure-def';
import { getFigure } from '../figures/index';
import { mergeFigureParams } from '../figures/param-schema';
import { computeProgress } from '../io/progress';
import { runFigure } from '../render/run-figure';
import type { PaperSize } from '../plot/theme';
import { encodeImageGrid } from '../render/png';
import { displayBundle } from './display';
import { tableHtml, tableMarkdown, tablePlain, type TableOptions } from './table';

export { displayBundle, type MimeBundle } from './display';
export type { TableOptions } from './table';

export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';

/** A JSON-safe deep copy: typed arrays become arrays, non-finite numbers null. */
export function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    if (typeof v === 'bigint') return Number(v);
    return v;
  });
  return text === undefined ? null : JSON.parse(text);
}

export interface ShowSpecOptions {
  /** File stem of the exported figure (`fig3-accuracy`). */
  stem?: string;
  size?: PaperSize;
  /** The data behind the figure, exported as <stem>.json. */
  data?: unknown;
  /** Used in the text/plain fallback. */
  title?: string;
}

/** Shows a Vega-Lite spec (the spec given is not modified). */
export function showSpec(spec: object, opts: ShowSpecOptions = {}): void {
  const s = toJsonValue(spec) as Record<string, unknown>;
  const usermeta: Record<string, unknown> = { ...((s.usermeta as Record<string, unknown> | undefined) ?? {}) };
  if (opts.stem !== undefined) usermeta.synthrmtFigure = opts.stem;
  if (opts.size !== undefined) usermeta.synthrmtSize = opts.size;
  if (opts.data !== undefined) usermeta.synthrmtData = toJsonValue(opts.data);
  if (Object.keys(usermeta).length) s.usermeta = usermeta;
  const title = opts.title ?? (typeof s.title === 'string' ? s.title : typeof (s.title as { text?: unknown })?.text === 'string' ? (s.title as { text: string }).text : undefined);
  const name = [opts.stem, title].filter(Boolean).join(': ') || 'figure';
  displayBundle(
    { [VEGALITE_MIME]: s, 'text/plain': `<Vega-Lite ${name}>` },
    opts.stem !== undefined || opts.size !== undefined ? { synthrmt: { figure: opts.stem, size: opts.size } } : {},
  );
}

/** `params` over the figure's defaults, checked by its schema (RangeError for an unknown key, a badly typed or out-of-range value). */
export function figureParams<P extends object>(def: FigureDef<P, unknown>, params: Partial<P> = {}): P {
  return mergeFigureParams(def, params);
}

/**
 * Computes a figure's data with `params` over its defaults (the service ../render/run-figure.ts,
 * as `synthrmt figure`), on worker threads (`threads`: default SYNTHRMT_THREADS or the machine's
 * parallelism). Prints one line when done (to `log`, default stdout).
 */
export async function computeFigure<P extends object, D>(
  defOrName: FigureDef<P, D> | string,
  params: Partial<P> = {},
  opts: { threads?: number; log?: (line: string) => void } = {},
): Promise<D> {
  const log = opts.log ?? ((l: string) => process.stdout.write(l + '\n'));
  const def = typeof defOrName === 'string' ? (getFigure(defOrName) as FigureDef<P, D>) : defOrName;
  const run = await runFigure(def, params, {
    threads: opts.threads,
    progress: computeProgress(def.name, { mode: 'summary', write: (t) => log(t.replace(/\n$/, '')) }),
    summarySuffix: (units) => (units ? ` (${units} units)` : ''),
  });
  return run.data;
}

/** Shows a figure: its Vega-Lite spec (its exported JSON: the data with `params` and `seed`, see figureRecord), and its image grids if it has any. */
export function showFigure<P extends object, D>(def: FigureDef<P, D>, data: D, params: Partial<P> = {}): void {
  const p = figureParams(def, params);
  showSpec(def.spec(data, p), { stem: def.fileStem, size: def.size, data: figureRecord(data, p), title: def.title });
  if (def.images) showImages(def.images(data, p), { stem: def.fileStem });
}

/** Shows rows as a table (HTML, Markdown and plain text). */
export function showTable(rows: Record<string, unknown>[], opts: TableOptions = {}): void {
  if (!Array.isArray(rows)) throw new RangeError('showTable expects an array of records');
  displayBundle({ 'text/html': tableHtml(rows, opts), 'text/markdown': tableMarkdown(rows, opts), 'text/plain': tablePlain(rows, opts) });
}

/** Shows Markdown text (math in $…$ is typeset by Jupyter and by the report renderer). */
export function showMarkdown(md: string): void {
  displayBundle({ 'text/markdown': md, 'text/plain': md });
}

/** Shows a grid of grey images as one PNG (`scale`: pixel enlargement, default 3; `gap`: white pixels, default 4). */
export function showImages(grid: GreyImage[][], opts: { scale?: number; gap?: number; stem?: string } = {}): void {
  const png = encodeImageGrid(grid, opts.scale ?? 3, opts.gap ?? 4);
  const rows = grid.length, cols = Math.max(...grid.map((r) => r.length));
  displayBundle(
    { 'image/png': png.toString('base64'), 'text/plain': `<image grid ${rows}×${cols}>` },
    opts.stem !== undefined ? { synthrmt: { figure: opts.stem, kind: 'images' } } : {},
  );
}

/**
 * Display helpers for notebook cells — one call per figure, table, text or image grid — that
 * behave the same in Jupyter (tslab kernel) and in the headless `synthrmt run`. Import them from
 * the build: `import { showFigure, computeFigure, showTable, showMarkdown, showImages, showSpec }
 * from "../dist/src/notebook";`. Each emits one `display_data` MIME bundle (see ./display.ts);
 * outside a kernel the text/plain part is printed.
 *
 * - `computeFigure(defOrName, params?, {threads?, log?})` → Promise<data>: the figure's `compute` with
 *   `params` merged over its paper defaults (unknown keys or badly typed values: RangeError listing
 *   the allowed ones), spread over worker threads (src/parallel/pool.ts); prints one line when done.
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
import type { FigureDef, GreyImage, ParamKind } from '../figures/registry-types';
import { getFigure } from '../figures/index';
import { workerExecutor } from '../parallel/pool';
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

function kindOk(kind: ParamKind, v: unknown): boolean {
  const num = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
  const int = (x: unknown): boolean => Number.isInteger(x);
  switch (kind) {
    case 'number':
      return num(v);
    case 'integer':
      return int(v);
    case 'numbers':
      return Array.isArray(v) && v.every(num);
    case 'integers':
      return Array.isArray(v) && v.every(int);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
  }
}

/** `params` over the figure's defaults; RangeError for an unknown key or a badly typed value. */
export function figureParams<P extends object>(def: FigureDef<P, unknown>, params: Partial<P> = {}): P {
  const allowed = Object.keys(def.defaults);
  const kinds = def.paramKinds as Record<string, ParamKind>;
  for (const [k, v] of Object.entries(params)) {
    if (!allowed.includes(k)) throw new RangeError(`unknown parameter "${k}" for figure ${def.name}; its parameters are: ${allowed.join(', ')}`);
    if (v !== undefined && kinds[k] && !kindOk(kinds[k], v)) {
      throw new RangeError(`parameter "${k}" of figure ${def.name} must be of kind ${kinds[k]}, got ${JSON.stringify(v)}`);
    }
  }
  const merged: Record<string, unknown> = { ...(def.defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) merged[k] = v;
  return merged as P;
}

/**
 * Computes a figure's data with `params` over its defaults, on worker threads (`threads`:
 * default SYNTHRMT_THREADS or the machine's parallelism). Prints one line when done (to `log`,
 * default stdout).
 */
export async function computeFigure<P extends object, D>(
  defOrName: FigureDef<P, D> | string,
  params: Partial<P> = {},
  opts: { threads?: number; log?: (line: string) => void } = {},
): Promise<D> {
  const def = (typeof defOrName === 'string' ? getFigure(defOrName) : defOrName) as FigureDef<P, D>;
  const p = figureParams(def, params);
  const t0 = Date.now();
  let units = 0;
  const data = await def.compute(p, {
    executor: workerExecutor({ threads: opts.threads }),
    onProgress: (_done, total) => {
      units = total;
    },
  });
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  (opts.log ?? ((l: string) => process.stdout.write(l + '\n')))(`${def.name}: computed in ${s} s${units ? ` (${units} units)` : ''}`);
  return data;
}

/** Shows a figure: its Vega-Lite spec, and its image grids if it has any. */
export function showFigure<P extends object, D>(def: FigureDef<P, D>, data: D, params: Partial<P> = {}): void {
  const p = figureParams(def, params);
  showSpec(def.spec(data, p), { stem: def.fileStem, size: def.size, data, title: def.title });
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

/**
 * Shared Vega-Lite building blocks for the papers' line figures: theory lines, simulation points
 * with error bars, histograms, reference rules and annotations, laid out as panels in a row.
 *
 * Every builder returns plain JSON (a Vega-Lite fragment) and is pure; a figure composes them and
 * wraps the result with `paperFigure` (./theme.ts), the one place where fonts, sizes and colours
 * are decided. Series colours follow the theme's Okabe–Ito `PALETTE` in the order of
 * `SeriesDef.domain`, so a series keeps its colour in every panel and layer.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PALETTE, paperFigure, type PaperSize } from './theme';

/** A fragment of a Vega-Lite specification (plain JSON). */
export type VlFragment = Record<string, unknown>;

/** One data row of a layer. */
export type PlotRow = Record<string, number | string | boolean | null>;

/** A quantitative axis. */
export interface AxisDef {
  /** data field plotted on this axis */
  field: string;
  /** axis title, with the papers' symbols (e.g. "Test accuracy", "δ_r*", "p/n") */
  title: string;
  /** scale type (default linear) */
  scale?: 'linear' | 'log';
  /** fixed domain; marks outside it are clipped */
  domain?: [number, number];
  /** include zero in a linear scale (default false) */
  zero?: boolean;
  /** d3 number format of the tick labels */
  format?: string;
  tickCount?: number;
  /** explicit tick values */
  values?: number[];
  /** false: no tick labels and no title (a panel sharing the axis of its left neighbour) */
  labels?: boolean;
}

/** A nominal series field mapped to colour (and the legend). */
export interface SeriesDef {
  field: string;
  /** legend title, e.g. "p", "p/m", "η̂" */
  title: string;
  /** series labels in legend order; colours are assigned in this order */
  domain: string[];
  /** colours (default: the theme's PALETTE) */
  colors?: readonly string[];
  /** legend placement (default 'right'); `null` hides the legend of this panel */
  legendOrient?: LegendOrient | null;
}

export type LegendOrient = 'right' | 'left' | 'top' | 'bottom' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** What a panel shows: its size, title, axes and (optional) colour series. */
export interface PanelFrame {
  width: number;
  height: number;
  title?: string;
  x: AxisDef;
  y: AxisDef;
  series?: SeriesDef;
}

export interface LineStyle {
  /** stroke dash pattern, e.g. [6, 2, 1, 2] for dash-dot */
  dash?: number[];
  strokeWidth?: number;
  opacity?: number;
  /** fixed colour (used when the frame has no series) */
  color?: string;
  /** y field of this layer if not the frame's y field */
  yField?: string;
  interpolate?: 'linear' | 'monotone' | 'step' | 'step-after' | 'step-before';
}

export interface PointStyle {
  shape?: 'circle' | 'square' | 'diamond' | 'cross' | 'triangle-up' | 'triangle-down';
  size?: number;
  filled?: boolean;
  opacity?: number;
  color?: string;
  yField?: string;
  /** extra fields shown in the tooltip */
  tooltip?: string[];
}

/** Encoding of an axis field. */
export function axisEncoding(axis: AxisDef, field = axis.field): VlFragment {
  const scale: VlFragment = { type: axis.scale ?? 'linear' };
  if (axis.scale !== 'log') scale.zero = axis.zero ?? false;
  if (axis.domain) {
    scale.domain = axis.domain;
    scale.nice = false;
  }
  const ax: VlFragment = {};
  if (axis.format !== undefined) ax.format = axis.format;
  if (axis.tickCount !== undefined) ax.tickCount = axis.tickCount;
  if (axis.values !== undefined) ax.values = axis.values;
  else if (axis.scale === 'log' && axis.domain) {
    // a few labelled ticks: whole decades (every k-th when there are many), or 1-2-5 steps
    // within less than two decades (the default labels every minor tick of a log axis)
    const ticks = logTicks(axis.domain[0], axis.domain[1]);
    if (ticks.length >= 2) ax.values = ticks;
  }
  if (axis.scale === 'log') {
    if (axis.format === undefined) ax.format = '~g';
    // whatever still collides (a short panel) is hidden rather than drawn over its neighbour
    ax.labelOverlap = 'greedy';
    ax.labelSeparation = 2;
  }
  if (axis.labels === false) {
    ax.labels = false;
    ax.title = null;
  }
  return { field, type: 'quantitative', title: axis.title, scale, axis: ax };
}

/** Most labelled ticks of a log axis. */
export const MAX_LOG_TICKS = 5;

/**
 * Labelled ticks of a log axis on [lo, hi]: the powers of 10 in it, every k-th of them when there
 * are more than MAX_LOG_TICKS; with fewer than two powers of 10, the 1-2-5 values in it.
 */
export function logTicks(lo: number, hi: number): number[] {
  const decades = logDecades(lo, hi);
  if (decades.length >= 2) {
    const k = Math.ceil(decades.length / MAX_LOG_TICKS);
    // keep 1 (10⁰) among the ticks when it is in the range
    const one = decades.indexOf(1);
    const offset = one >= 0 ? one % k : 0;
    return decades.filter((_, i) => i % k === offset);
  }
  if (!(lo > 0 && hi > 0)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number(`${m}e${e}`);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/** The powers of 10 in [lo, hi] (lo, hi > 0). */
export function logDecades(lo: number, hi: number): number[] {
  if (!(lo > 0 && hi > 0)) return [];
  const out: number[] = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) out.push(Number(`1e${k}`));
  return out;
}

/** Encoding of the colour series (shared scale: same domain and colours in every layer). */
export function seriesEncoding(series: SeriesDef): VlFragment {
  const colors = series.colors ?? PALETTE;
  const enc: VlFragment = {
    field: series.field,
    type: 'nominal',
    title: series.title,
    sort: series.domain,
    scale: { domain: series.domain, range: series.domain.map((_, i) => colors[i % colors.length]) },
  };
  const orient = series.legendOrient ?? 'right';
  enc.legend =
    series.legendOrient === null
      ? null
      : orient === 'top' || orient === 'bottom'
        ? { orient, direction: 'horizontal', titleOrient: 'left' }
        : { orient };
  return enc;
}

function baseEncoding(frame: PanelFrame, yField?: string, color?: string): VlFragment {
  const enc: VlFragment = { x: axisEncoding(frame.x), y: axisEncoding(frame.y, yField ?? frame.y.field) };
  if (frame.series && color === undefined) enc.color = seriesEncoding(frame.series);
  return enc;
}

/** Lines through `rows` (one line per series), e.g. a theory curve. */
export function lineLayer(frame: PanelFrame, rows: PlotRow[], style: LineStyle = {}): VlFragment {
  const mark: VlFragment = { type: 'line', clip: true };
  if (style.dash) mark.strokeDash = style.dash;
  if (style.strokeWidth !== undefined) mark.strokeWidth = style.strokeWidth;
  if (style.opacity !== undefined) mark.opacity = style.opacity;
  if (style.color !== undefined) mark.color = style.color;
  if (style.interpolate !== undefined) mark.interpolate = style.interpolate;
  const encoding = baseEncoding(frame, style.yField, style.color);
  // keep the points of each line in x order whatever the row order
  encoding.order = { field: frame.x.field, type: 'quantitative' };
  return { data: { values: rows }, mark, encoding };
}

/** Points at `rows`, e.g. simulation means. */
export function pointLayer(frame: PanelFrame, rows: PlotRow[], style: PointStyle = {}): VlFragment {
  const mark: VlFragment = { type: 'point', clip: true, shape: style.shape ?? 'circle', filled: style.filled ?? true };
  if (style.size !== undefined) mark.size = style.size;
  if (style.opacity !== undefined) mark.opacity = style.opacity;
  if (style.color !== undefined) mark.color = style.color;
  const encoding = baseEncoding(frame, style.yField, style.color);
  if (style.tooltip) encoding.tooltip = style.tooltip.map((f) => ({ field: f, type: 'quantitative', format: '.4g' }));
  return { data: { values: rows }, mark, encoding };
}

/** Vertical error bars from `low` to `high` (fields of `rows`) at each x. */
export function errorBarLayer(
  frame: PanelFrame,
  rows: PlotRow[],
  low: string,
  high: string,
  style: { strokeWidth?: number; opacity?: number; color?: string } = {},
): VlFragment {
  const mark: VlFragment = { type: 'rule', clip: true, strokeWidth: style.strokeWidth ?? 0.8, opacity: style.opacity ?? 0.7 };
  if (style.color !== undefined) mark.color = style.color;
  const encoding = baseEncoding(frame, low, style.color);
  encoding.y2 = { field: high };
  return { data: { values: rows }, mark, encoding };
}

/**
 * Histogram bars already binned: each row has [x0, x1) and a height (e.g. a density), drawn as
 * rectangles from 0. Several histograms overlay by series with `opacity`.
 */
export function histogramLayer(
  frame: PanelFrame,
  rows: PlotRow[],
  fields: { x0: string; x1: string; height: string },
  style: { opacity?: number; color?: string; stroke?: string } = {},
): VlFragment {
  const mark: VlFragment = { type: 'rect', clip: true, opacity: style.opacity ?? 0.55, strokeWidth: 0.4 };
  if (style.color !== undefined) mark.color = style.color;
  mark.stroke = style.stroke ?? 'white';
  const encoding: VlFragment = {
    x: axisEncoding(frame.x, fields.x0),
    x2: { field: fields.x1 },
    y: axisEncoding(frame.y, fields.height),
    y2: { datum: 0 },
  };
  if (frame.series && style.color === undefined) encoding.color = seriesEncoding(frame.series);
  return { data: { values: rows }, mark, encoding };
}

/** A reference rule across the panel: vertical at x = `x` or horizontal at y = `y`. */
export function ruleLayer(
  frame: PanelFrame,
  at: { x: number } | { y: number },
  style: { dash?: number[]; color?: string; strokeWidth?: number; opacity?: number } = {},
): VlFragment {
  const mark: VlFragment = {
    type: 'rule',
    color: style.color ?? '#555',
    strokeWidth: style.strokeWidth ?? 0.8,
    strokeDash: style.dash ?? [4, 3],
  };
  if (style.opacity !== undefined) mark.opacity = style.opacity;
  const datumEncoding = (axis: AxisDef, value: number): VlFragment => {
    const { field: _field, ...rest } = axisEncoding(axis);
    return { ...rest, datum: value };
  };
  const encoding: VlFragment = 'x' in at ? { x: datumEncoding(frame.x, at.x) } : { y: datumEncoding(frame.y, at.y) };
  return { data: { values: [{}] }, mark, encoding };
}

/** Text labels at data positions: each row has the frame's x and y fields and a `text` field. */
export function textLayer(
  frame: PanelFrame,
  rows: PlotRow[],
  textField: string,
  style: { dx?: number; dy?: number; align?: 'left' | 'center' | 'right'; baseline?: 'top' | 'middle' | 'bottom'; fontSize?: number; color?: string; yField?: string; fontStyle?: string } = {},
): VlFragment {
  const mark: VlFragment = {
    type: 'text',
    dx: style.dx ?? 0,
    dy: style.dy ?? 0,
    align: style.align ?? 'left',
    baseline: style.baseline ?? 'middle',
    fontSize: style.fontSize ?? 8,
  };
  if (style.fontStyle !== undefined) mark.fontStyle = style.fontStyle;
  if (style.color !== undefined) mark.color = style.color;
  const encoding = baseEncoding(frame, style.yField, style.color ?? '#000');
  delete encoding.color;
  encoding.text = { field: textField };
  return { data: { values: rows }, mark, encoding };
}

/** A vertical segment (spike) per row from y = 0 to the row's `top` field, e.g. a point mass. */
export function spikeLayer(frame: PanelFrame, rows: PlotRow[], topField: string, style: { strokeWidth?: number; color?: string } = {}): VlFragment {
  const mark: VlFragment = { type: 'rule', strokeWidth: style.strokeWidth ?? 2, clip: true };
  if (style.color !== undefined) mark.color = style.color;
  const encoding = baseEncoding(frame, topField, style.color);
  encoding.y2 = { datum: 0 };
  return { data: { values: rows }, mark, encoding };
}

/** One panel: the frame's size and title around the given layers. */
export function panel(frame: PanelFrame, layers: VlFragment[]): VlFragment {
  const out: VlFragment = { width: frame.width, height: frame.height, layer: layers };
  if (frame.title !== undefined) out.title = frame.title;
  return out;
}

export interface TheorySimulationOptions {
  /** field of the simulation rows holding the lower end of the error bar */
  low: string;
  /** field of the simulation rows holding the upper end of the error bar */
  high: string;
  /** y field of the simulation means (default: the frame's y field) */
  simulationField?: string;
  /** dash pattern of the theory lines (e.g. dash-dot for a second panel, as the papers draw) */
  dash?: number[];
  /** marker of the simulation points (default diamond, as the papers draw) */
  shape?: PointStyle['shape'];
  pointSize?: number;
  tooltip?: string[];
}

/**
 * The papers' standard comparison: theory as lines and simulation as markers with error bars,
 * one colour per series (e.g. per p). `theory` and `simulation` rows carry the frame's x field,
 * the series field, and y values (`frame.y.field` for theory; `simulationField`, `low`, `high`).
 */
export function theorySimulationPanel(
  frame: PanelFrame,
  theory: PlotRow[],
  simulation: PlotRow[],
  options: TheorySimulationOptions,
): VlFragment {
  const simField = options.simulationField ?? frame.y.field;
  return panel(frame, [
    errorBarLayer(frame, simulation, options.low, options.high),
    lineLayer(frame, theory, options.dash ? { dash: options.dash } : {}),
    pointLayer(frame, simulation, {
      shape: options.shape ?? 'diamond',
      size: options.pointSize ?? 16,
      opacity: 0.85,
      yField: simField,
      tooltip: options.tooltip,
    }),
  ]);
}

/**
 * Simulation dots over theory lines drawn by hand (not `theorySimulationPanel`): mean ± spread as
 * Vega-Lite's errorbar mark from `low` to `high` (an errorbar, not a rule, so that the panel's rules
 * stay its reference lines), then a filled diamond at the mean (`frame.y.field`), both coloured by
 * the frame's series. Returns the two layers, bars first.
 */
export function simulationDotLayers(
  frame: PanelFrame,
  rows: PlotRow[],
  low: string,
  high: string,
  style: { size?: number; tooltip?: string[] } = {},
): VlFragment[] {
  const encoding = baseEncoding(frame, low);
  encoding.y2 = { field: high };
  const bars: VlFragment = { data: { values: rows }, mark: { type: 'errorbar', thickness: 0.8, opacity: 0.7, clip: true }, encoding };
  return [bars, pointLayer(frame, rows, { shape: 'diamond', size: style.size ?? 16, opacity: 0.9, tooltip: style.tooltip })];
}

/**
 * Panels side by side with a shared colour scale (one legend) and independent or shared y scales.
 */
export function panelRow(panels: VlFragment[], options: { sharedY?: boolean; spacing?: number } = {}): VlFragment {
  const out: VlFragment = {
    hconcat: panels,
    resolve: { scale: { color: 'shared', y: options.sharedY ? 'shared' : 'independent', x: 'independent' } },
  };
  if (options.spacing !== undefined) out.spacing = options.spacing;
  return out;
}

/** Wraps a composed body as a themed top-level figure (see ./theme.ts), with a description. */
export function figureSpec(body: VlFragment, size: PaperSize, meta: { description?: string; usermeta?: VlFragment } = {}): TopLevelSpec {
  const top: VlFragment = { ...body };
  if (meta.description !== undefined) top.description = meta.description;
  if (meta.usermeta !== undefined) top.usermeta = meta.usermeta;
  return paperFigure(top as unknown as TopLevelSpec, size);
}

/**
 * The one visual theme of every synthrmt figure, as Vega-Lite specification fragments (pure data).
 *
 * Sizes are in points (1/72 in): the SVG/PDF export maps 1 unit to 1 pt, so a single-column
 * figure is 3.25 in wide and a double-column one 6.75 in, as the papers' venues ask.
 * Colours: the Okabe–Ito palette, safe for the common colour-vision deficiencies.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Config } from 'vega-lite/build/src/config';

export type PaperSize = 'single' | 'double';

/** Total figure width in points (72 per inch). */
export const PAPER_WIDTH_PT: Record<PaperSize, number> = { single: 3.25 * 72, double: 6.75 * 72 };

/** Okabe & Ito (2008) colour-blind-safe qualitative palette (black last). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'] as const;

export const FONT = 'DejaVu Serif, Georgia, Times New Roman, serif';

/** Vega-Lite config shared by all figures. */
export const THEME: Config = {
  font: FONT,
  background: 'white',
  padding: 4,
  view: { stroke: null },
  title: { fontSize: 10, fontWeight: 'normal', anchor: 'middle', offset: 4 },
  axis: {
    // 9 pt: on screen a double-column figure scaled to the text column keeps its tick labels at
    // ≥ 70 % of the body text (test/render/layout.test.ts)
    labelFontSize: 9,
    titleFontSize: 9,
    titleFontWeight: 'normal',
    grid: true,
    gridColor: '#e6e6e6',
    domainColor: '#444',
    tickColor: '#444',
    labelColor: '#222',
    titleColor: '#111',
  },
  legend: { labelFontSize: 8, titleFontSize: 8, titleFontWeight: 'normal', symbolSize: 40, padding: 2, rowPadding: 2 },
  header: { labelFontSize: 9, titleFontSize: 9 },
  range: { category: [...PALETTE] },
  line: { strokeWidth: 1.4 },
  point: { size: 18, filled: true },
  concat: { spacing: 14 },
};

/**
 * Width of one panel when `columns` panels share a row of a figure of the given size, leaving
 * `reserve` points for axis labels and legends.
 */
export function panelWidth(size: PaperSize, columns = 1, reserve = 60): number {
  const spacing = THEME.concat?.spacing ?? 14;
  return Math.max(60, Math.floor((PAPER_WIDTH_PT[size] - reserve - spacing * (columns - 1)) / columns));
}

/** Wraps a figure body with the schema and theme; `size` is recorded in `usermeta`. */
export function paperFigure(body: TopLevelSpec, size: PaperSize): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...body,
    config: THEME,
    usermeta: { ...body.usermeta, synthrmtSize: size },
  } as TopLevelSpec;
}

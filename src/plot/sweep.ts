/**
 * The plot of a parameter sweep (`synthrmt theory … --plot FILE`): the theory's signed accuracy
 * against the swept parameter, one line (with its points) per value of a second swept parameter.
 * Pure: rows in, a themed Vega-Lite specification out (./lines.ts, ./theme.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import { figureSpec, lineLayer, panel, pointLayer, type PanelFrame, type PlotRow } from './lines';
import { PAPER_WIDTH_PT } from './theme';

export interface SweepPlotInput {
  /** x values (the swept parameter) */
  x: number[];
  /** signed accuracy at each x */
  accuracy: number[];
  /** axis title of x, e.g. "m" or "weight β" */
  xTitle: string;
  /** log x axis (a geometric sweep; every x > 0) */
  xLog?: boolean;
  /** series label of each point (a second swept parameter), or undefined for one line */
  series?: string[];
  /** legend title of the series */
  seriesTitle?: string;
  /** the figure's description (what was swept, at which fixed parameters) */
  description: string;
}

/** Accuracy against the swept parameter (points where the theory has no value are left out). */
export function sweepSpec(input: SweepPlotInput): TopLevelSpec {
  const rows: PlotRow[] = [];
  input.x.forEach((x, i) => {
    const a = input.accuracy[i];
    if (!Number.isFinite(a) || !Number.isFinite(x)) return;
    rows.push({ x, accuracy: a, series: input.series ? input.series[i] : '' });
  });
  const domain = input.series ? [...new Set(input.series)] : undefined;
  const xs = rows.map((r) => r.x as number);
  const lo = Math.min(...xs), hi = Math.max(...xs);
  const frame: PanelFrame = {
    width: PAPER_WIDTH_PT.single - (domain ? 110 : 62),
    height: 150,
    x: { field: 'x', title: input.xTitle, scale: input.xLog ? 'log' : 'linear', domain: xs.length > 0 && lo < hi ? [lo, hi] : undefined },
    y: { field: 'accuracy', title: 'Test accuracy (signed)' },
    series: domain ? { field: 'series', title: input.seriesTitle ?? '', domain } : undefined,
  };
  const style = domain ? {} : { color: '#0072B2' };
  return figureSpec(
    panel(frame, [
      lineLayer(frame, rows, { strokeWidth: 1.4, ...style }),
      pointLayer(frame, rows, { size: 10, ...style, tooltip: ['x', 'accuracy'] }),
    ]),
    'single',
    { description: input.description },
  );
}

/**
 * Edge: the sweeps of `synthrmt theory toy|synthetic-only` (flag values parsed by ./sweep.ts): the
 * theory at every point of the Cartesian product of the flags' values, printed as a table on the
 * terminal, one JSON line per point (`--json`: the point's `{"model", "pruning", "params"}` in the
 * batch format, then the batch output fields) or CSV (`--csv`), and with `--plot FILE.svg|.pdf|.png`
 * drawn through the figure pipeline (../plot/sweep.ts, ../render/figure-export.ts): accuracy against
 * the first swept flag, one line per value of the second.
 *
 * A point outside the theory's domain (a bad value) is a usage error naming the flag (exit 2); a point
 * where the fixed points do not converge is reported in its place (table "no value", JSON
 * `{"error"}`, CSV empty cells) and the exit status is 1.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { sweepSpec } from '../plot/sweep';
import { kebabCase } from '../figures/param-schema';
import { ConvergenceError } from '../rmt/fixed-points';
import type { PruningMode, TheoryOptions, TheoryResult } from '../rmt/index';
import { exportFigureFiles, type FigureFormat } from '../render/figure-export';
import { ChromiumMissingError, EXIT_NO_CHROMIUM } from '../render/pdf';
import { UsageError } from './errors';
import { sweepPoints, type SweepValues } from './sweep';

/** A theory result as JSON output fields, in the documented key order (theory --json, --batch, sweeps). */
export function resultFields(r: TheoryResult): Pick<TheoryResult, 'accuracy' | 'accuracySymmetric' | 'mean' | 'secondMoment' | 'deltas'> {
  return { accuracy: r.accuracy, accuracySymmetric: r.accuracySymmetric, mean: r.mean, secondMoment: r.secondMoment, deltas: r.deltas };
}

export type SweepFormat = 'table' | 'json' | 'csv';

export interface SweepRequest {
  model: 'toy' | 'synthetic-only';
  /** every parameter in output order: a number or its sweep values */
  params: [key: string, value: number | SweepValues][];
  pruning: PruningMode;
  format: SweepFormat;
  /** --plot FILE */
  plot?: string;
}

/** One evaluated point. */
interface SweepRow {
  params: Record<string, number>;
  result: TheoryResult | null;
  error?: string;
}

const PLOT_EXTENSIONS = ['.svg', '.pdf', '.png'];

/** Checks --plot's file name before any work (UsageError naming it). */
export function checkPlotFile(file: string): void {
  const ext = extname(file).toLowerCase();
  if (!PLOT_EXTENSIONS.includes(ext)) throw new UsageError(`--plot: the file must end in .svg, .pdf or .png, got "${file}"`);
}

/** x and series of the plot: the swept flags with more than one value (at most two). */
function plotAxes(req: SweepRequest): { x: string; xLog: boolean; series?: string } {
  const swept = req.params.filter(([, v]) => typeof v !== 'number' && v.values.length > 1);
  if (swept.length === 0) throw new UsageError('--plot needs a swept flag with more than one value (e.g. --m 0:20000:41)');
  if (swept.length > 2) {
    throw new UsageError(`--plot draws accuracy against one swept flag, one line per value of a second; got ${swept.length} swept flags (${swept.map(([k]) => `--${kebabCase(k)}`).join(', ')})`);
  }
  return { x: swept[0][0], xLog: (swept[0][1] as SweepValues).log, series: swept[1]?.[0] };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : Number(x.toPrecision(6)).toString();
}

/** Evaluates and prints the sweep; returns the exit status (0, 1 when a point had no value, 3 no chromium). */
export async function runTheorySweep(
  req: SweepRequest,
  theory: (params: never, options: TheoryOptions) => TheoryResult,
  mapError: (e: unknown) => never,
  write: (line: string) => void | Promise<void>,
): Promise<number> {
  const axes = req.plot !== undefined ? (checkPlotFile(req.plot), plotAxes(req)) : undefined;
  const points = sweepPoints(req.params.map(([k, v]): [string, number[]] => [k, typeof v === 'number' ? [v] : v.values]));
  const rows: SweepRow[] = points.map((params) => {
    try {
      return { params, result: theory(params as never, { pruning: req.pruning }) };
    } catch (e) {
      if (e instanceof ConvergenceError) return { params, result: null, error: e.message };
      return mapError(e);
    }
  });
  const failed = rows.filter((r) => r.result === null).length;
  const swept = req.params.filter(([, v]) => typeof v !== 'number').map(([k]) => k);
  const keys = req.params.map(([k]) => k);

  if (req.format === 'json') {
    for (const r of rows) {
      const head = { model: req.model, pruning: req.pruning, params: r.params };
      await write(JSON.stringify(r.result === null ? { ...head, error: r.error } : { ...head, ...resultFields(r.result) }));
    }
  } else if (req.format === 'csv') {
    await write([...keys, 'accuracy', 'accuracySymmetric', 'mean', 'secondMoment'].join(','));
    for (const r of rows) {
      const res = r.result;
      await write([...keys.map((k) => String(r.params[k])), ...(res ? [res.accuracy, res.accuracySymmetric, res.mean, res.secondMoment].map(String) : ['', '', '', ''])].join(','));
    }
  } else {
    const fixed = req.params.filter(([, v]) => typeof v === 'number').map(([k, v]) => `${kebabCase(k)}=${v}`).join(' ');
    await write(`${req.model} setting, pruning=${req.pruning}${fixed ? `, ${fixed}` : ''}; ${rows.length} point${rows.length === 1 ? '' : 's'}`);
    const head = [...swept.map(kebabCase), 'accuracy (signed)', 'accuracy (symmetric)', 'E[g]', 'sd'];
    const body = rows.map((r) => {
      const res = r.result;
      return [
        ...swept.map((k) => fmt(r.params[k])),
        ...(res ? [res.accuracy.toFixed(6), res.accuracySymmetric.toFixed(6), res.mean.toPrecision(6), Math.sqrt(res.secondMoment - res.mean * res.mean).toPrecision(6)] : ['no value', '', '', '']),
      ];
    });
    const widths = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
    const line = (cells: string[]): string => cells.map((c, j) => c.padStart(widths[j])).join('  ');
    for (const cells of [head, ...body]) await write(line(cells));
  }

  let code = failed > 0 ? 1 : 0;
  if (req.plot !== undefined && axes !== undefined) {
    const fixed = req.params.filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k}=${v}`).join(', ');
    const spec = sweepSpec({
      x: rows.map((r) => r.params[axes.x]),
      accuracy: rows.map((r) => r.result?.accuracy ?? NaN),
      xTitle: axes.x === 'weight' ? 'weight β' : kebabCase(axes.x),
      xLog: axes.xLog,
      series: axes.series !== undefined ? rows.map((r) => `${fmt(r.params[axes.series!])}`) : undefined,
      seriesTitle: axes.series !== undefined ? kebabCase(axes.series) : undefined,
      description: `${req.model} setting (pruning ${req.pruning}): signed accuracy against ${axes.x}${axes.series ? ` per ${axes.series}` : ''}; ${fixed}`,
    });
    const code2 = await writePlot(req.plot, spec, { model: req.model, pruning: req.pruning, rows });
    if (code2 !== 0) code = code2;
  }
  return code;
}

/** Writes the plot to `file` (.svg without chromium; .pdf/.png through it) atomically. */
async function writePlot(file: string, spec: ReturnType<typeof sweepSpec>, data: unknown): Promise<number> {
  const target = resolve(file);
  const ext = extname(target).toLowerCase();
  let tmp: string;
  try {
    tmp = mkdtempSync(join(dirname(target), `.${basename(target)}.`));
  } catch (e) {
    throw new UsageError(`--plot: cannot write into ${dirname(target)}: ${(e as Error).message}`);
  }
  try {
    await exportFigureFiles({ stem: 'sweep', spec, data, size: 'single' }, tmp, { formats: [ext.slice(1) as FigureFormat] });
    renameSync(join(tmp, `sweep${ext}`), target);
    return 0;
  } catch (e) {
    if (e instanceof ChromiumMissingError) {
      process.stderr.write(`synthrmt theory: --plot ${file}: ${e.message} (a .svg plot needs no chromium)\n`);
      return EXIT_NO_CHROMIUM;
    }
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

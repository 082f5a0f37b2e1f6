/**
 * Figure 5 of El Firdoussi et al. (2025): MNIST-like samples from the class-wise Gaussian
 * generator, from the full MNIST training set (60,000 images, spec figures.md). Image grid (the main
 * output, `images`), one column per digit class, rows labelled: real digits; mean only, N(μ̂_a, I)
 * (blurred class means); mean and covariance from all images of the class, N(μ̂_a, Ĉ_a) clipped at
 * 0; the same from the first n_use = 100 and n_use = 10 images (0–255 scale, Ĉ_a normalised by the
 * count). The Vega-Lite part shows why the samples degrade: the eigenvalues of Ĉ_a for each n_use
 * (rank ≤ n_use − 1; a sample is μ̂_a plus a random combination of the n_use centred images).
 *
 * Data access: the digits are read at the edge and come in through the compute context
 * (`ctx.data.mnistSplit`, see ./figure-def.ts); compute() calls the pure `fig5DataFromSplit`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { MNIST_SIDE, poolClassSize, type MnistSplit } from '../mnist/data';
import { covarianceSpectrum, sampleGrid, type SampleRow } from '../mnist/samples';
import { figureSpec, lineLayer, panel, type PanelFrame, type PlotRow } from '../plot/lines';
import { PALETTE, panelWidth } from '../plot/theme';
import { checkParamNames, paramInteger, paramList } from '../stats/validators';
import { figureData, type ComputeContext, type FigureDef, type GreyImage } from './figure-def';

export interface Fig5Params {
  /** sizes n_use of the statistics' estimates (0: all images of the class) */
  nUseValues: number[];
  /** images per class in each row of the grid */
  samplesPerClass: number;
  /** digit class whose covariance spectrum is plotted */
  spectrumClass: number;
  seed: number;
}

export interface Fig5Data {
  rows: SampleRow[];
  /** eigenvalues of Ĉ_a (descending, nonzero only) per n_use, for the class `spectrumClass` */
  spectrum: { nUse: number; label: string; eigenvalues: number[] }[];
  spectrumClass: number;
  /** training images per class */
  classSizes: number[];
}

const PARAM_NAMES = ['nUseValues', 'samplesPerClass', 'spectrumClass', 'seed'] as const;

export function validateFig5Params(params: Fig5Params): Fig5Params {
  checkParamNames('fig5', params, PARAM_NAMES);
  return {
    nUseValues: paramList('nUseValues', params.nUseValues, (nm, v) => {
      const u = paramInteger(nm, v, 0);
      if (u === 1) throw new RangeError(`${nm} must be 0 (all images) or an integer >= 2, got 1`);
      return u;
    }),
    samplesPerClass: paramInteger('samplesPerClass', params.samplesPerClass, 1, 20),
    spectrumClass: paramInteger('spectrumClass', params.spectrumClass, 0, 9),
    seed: paramInteger('seed', params.seed, 0),
  };
}

/** Figure 5's data from a split (pure). */
export function fig5DataFromSplit(split: MnistSplit, params: Fig5Params): Fig5Data {
  const q = validateFig5Params(params);
  const rows = sampleGrid(split, { nUseValues: q.nUseValues, samplesPerClass: q.samplesPerClass, seed: q.seed });
  const k = q.spectrumClass;
  const size = poolClassSize(split, k);
  const spectrum = q.nUseValues.map((v) => {
    const nUse = v === 0 ? size : Math.min(v, size);
    return { nUse, label: nUse === size ? `all (${size})` : `n_use = ${nUse}`, eigenvalues: Array.from(covarianceSpectrum(split, k, nUse)) };
  });
  return { rows, spectrum, spectrumClass: k, classSizes: Array.from({ length: 10 }, (_, c) => poolClassSize(split, c)) };
}

export async function computeFig5(params: Fig5Params, ctx: ComputeContext = {}): Promise<Fig5Data> {
  const q = validateFig5Params(params);
  const split = figureData(ctx, 'mnistSplit', 'fig5')();
  ctx.onProgress?.(0, 1, 'fig5');
  const data = fig5DataFromSplit(split, q);
  ctx.onProgress?.(1, 1, 'fig5');
  return data;
}

/** The image grid: one row per generator (per repetition), one column per class. */
export function fig5Images(data: Fig5Data): GreyImage[][] {
  const grid: GreyImage[][] = [];
  for (const row of data.rows) {
    const perRow = 10;
    for (let at = 0; at < row.images.length; at += perRow) {
      grid.push(
        row.images.slice(at, at + perRow).map((im) => ({
          width: MNIST_SIDE,
          height: MNIST_SIDE,
          pixels: Uint8Array.from(im.pixels),
          label: `${row.label}: ${im.digit}`,
        })),
      );
    }
  }
  return grid;
}

/** Eigenvalues of Ĉ_a against their rank, log–log, one line per n_use. */
export function fig5Spec(data: Fig5Data): TopLevelSpec {
  const domain = data.spectrum.map((s) => s.label);
  const rows: PlotRow[] = [];
  let lo = Infinity, hi = 0, maxRank = 1;
  for (const s of data.spectrum) {
    s.eigenvalues.forEach((v, i) => {
      rows.push({ rank: i + 1, eigenvalue: v, nUse: s.label });
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      maxRank = Math.max(maxRank, i + 1);
    });
  }
  const frame: PanelFrame = {
    width: panelWidth('single', 1, 90),
    height: 150,
    title: `Spectrum of Ĉ for digit ${data.spectrumClass} (0–255 scale)`,
    x: { field: 'rank', title: 'rank i', scale: 'log', domain: [1, Math.max(10, maxRank)] },
    y: { field: 'eigenvalue', title: 'eigenvalue λᵢ of Ĉ', scale: 'log', domain: [Math.max(lo, hi * 1e-8), hi * 1.5] },
    series: { field: 'nUse', title: 'statistics', domain, colors: PALETTE, legendOrient: 'bottom' },
  };
  return figureSpec(panel(frame, [lineLayer(frame, rows)]), 'single', {
    description: 'Figure 5 (companion): eigenvalues of the class covariance estimate Ĉ from n_use images; rank ≤ n_use − 1',
  });
}

export const fig5: FigureDef<Fig5Params, Fig5Data> = {
  name: 'fig5',
  fileStem: 'fig5-mnist-samples',
  title: 'MNIST-like samples from a class-wise Gaussian generator',
  size: 'single',
  defaults: { nUseValues: [0, 100, 10], samplesPerClass: 1, spectrumClass: 3, seed: 1 },
  params: {
    nUseValues: { kind: 'integers', min: 0, max: 100000, maxLength: 10, help: 'sizes n_use of the statistics, one row each (0: all images of the class)' },
    samplesPerClass: { kind: 'integer', min: 1, max: 20, help: 'images per class in each row' },
    spectrumClass: { kind: 'integer', min: 0, max: 9, help: 'digit class of the covariance spectrum' },
    seed: { kind: 'integer', min: 0, help: 'random seed' },
  },
  compute: (params, ctx) => computeFig5(params, ctx),
  spec: (data) => fig5Spec(data),
  images: (data) => fig5Images(data),
};

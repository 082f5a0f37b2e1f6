/**
 * Figure 1 of El Firdoussi et al. (2025): the Marchenko–Pastur law. The eigenvalues of the sample
 * covariance Ĉ = XXᵀ/n̂ of X ∈ R^{p×n̂} with i.i.d. N(0, 1) entries spread over [a, b] =
 * [(1−√η̂)², (1+√η̂)²], η̂ = p/n̂, with density f(x) = sqrt((b−x)(x−a))/(2π η̂ x) (plus an atom
 * 1 − 1/η̂ at 0 when η̂ > 1): the generator's covariance estimate is inconsistent unless p/n̂ → 0.
 *
 * The spectrum at p = 500, n̂ = 50,000 is drawn without forming X: XXᵀ ~ Wishart(p, n̂) has the law
 * of L·Lᵀ for the Bartlett factor L (lower-triangular, L_ii = sqrt(χ²_{n̂−i}), L_ij ~ N(0, 1)
 * below the diagonal), and its eigenvalues the law of those of the tridiagonal B·Bᵀ of the
 * Dumitriu–Edelman bidiagonal model, so the spectrum costs O(p²) whatever n̂. For n̂ < p the nonzero
 * eigenvalues of XXᵀ are those of XᵀX ~ Wishart(n̂, p), and p − n̂ eigenvalues are 0.
 *
 * Paper parameters: p = 500; left: histogram (25 bins, density) for n̂ = 50,000 with the MP density;
 * right: MP densities for η̂ ∈ {0.01, 0.1, 1, 2}; compact variant: histograms for
 * n̂ ∈ {5,000, 50,000} overlaid with their densities.
 */
import type { TopLevelSpec } from 'vega-lite';
import { lowerGram, mirrorLower, symmetricEigenvalues } from '../linalg/index';
import { tridiagonalEigenvalues } from '../linalg/tridiagonal';
import { Rng } from '../random/rng';
import { mpAtom, mpDensity, mpEdges, mpKolmogorov } from '../rmt/index';
import { bartlettFactor } from '../sim/index';
import {
  figureSpec, histogramLayer, lineLayer, panel, panelRow, spikeLayer, textLayer,
  type PanelFrame, type PlotRow, type VlFragment,
} from '../plot/lines';
import { PALETTE, PAPER_WIDTH_PT, panelWidth } from '../plot/theme';
import { linspace } from './grids';
import { checkParamNames, paramChoice, paramInteger, paramList, paramNumber } from '../stats/validators';
import type { FigureDef } from './figure-def';

export type Fig1Layout = 'all' | 'paper' | 'compact';

export interface Fig1Params {
  /** dimension p */
  p: number;
  /** n̂ of the left panel's spectrum */
  nHat: number;
  /** η̂ of the right panel's densities */
  etaHats: number[];
  /** n̂ of the compact variant's overlaid histograms */
  compactNHats: number[];
  /** histogram bins */
  bins: number;
  /** points per density curve */
  curvePoints: number;
  seed: number;
  /** 'paper': the two panels of the paper; 'compact': the two-histogram variant; 'all': both */
  layout: Fig1Layout;
}

export interface HistogramBin {
  x0: number;
  x1: number;
  /** count / (total · width): the histogram integrates to 1 */
  density: number;
  count: number;
}

export interface DensityPoint {
  x: number;
  density: number;
}

export interface Fig1Spectrum {
  nHat: number;
  /** η̂ = p/n̂ */
  etaHat: number;
  /** eigenvalues of XXᵀ/n̂, ascending */
  eigenvalues: number[];
  /** histogram of the eigenvalues on [min, max] (numpy's default range) */
  histogram: HistogramBin[];
  /** the MP density on its support */
  curve: DensityPoint[];
  edges: { a: number; b: number };
  /** Kolmogorov distance sup |F_empirical − F_MP| */
  kolmogorov: number;
}

export interface Fig1Density {
  etaHat: number;
  edges: { a: number; b: number };
  /** mass of the atom at 0 (1 − 1/η̂ for η̂ > 1, else 0) */
  atom: number;
  curve: DensityPoint[];
}

export interface Fig1Data {
  p: number;
  /** the left panel: the spectrum at n̂ = params.nHat */
  main: Fig1Spectrum;
  /** the right panel */
  densities: Fig1Density[];
  /** the compact variant, one spectrum per compactNHats entry */
  compact: Fig1Spectrum[];
}

const PARAM_NAMES = ['p', 'nHat', 'etaHats', 'compactNHats', 'bins', 'curvePoints', 'seed', 'layout'] as const;

export function validateFig1Params(params: Fig1Params): Fig1Params {
  checkParamNames('fig1', params, PARAM_NAMES);
  return {
    p: paramInteger('p', params.p, 2),
    nHat: paramInteger('nHat', params.nHat, 1),
    etaHats: paramList('etaHats', params.etaHats, (n, v) => paramNumber(n, v, { min: 0, minOpen: true })),
    compactNHats: paramList('compactNHats', params.compactNHats, (n, v) => paramInteger(n, v, 1)),
    bins: paramInteger('bins', params.bins, 1, 10000),
    curvePoints: paramInteger('curvePoints', params.curvePoints, 3, 100000),
    seed: paramInteger('seed', params.seed, 0),
    layout: paramChoice('layout', params.layout, ['all', 'paper', 'compact'] as const),
  };
}

/**
 * The eigenvalues (ascending) of XXᵀ/n̂ for X ∈ R^{p×n̂} i.i.d. N(0, 1), drawn in law through the
 * Dumitriu–Edelman (2002) bidiagonal model of the Wishart_k(I, d) spectrum, k = min(p, n̂),
 * d = max(p, n̂): B lower-bidiagonal k×k with B_ii = χ_{d−i} and B_{i+1,i} = χ_{k−1−i} (i = 0, 1, …);
 * B·Bᵀ is tridiagonal with exactly the eigenvalue law of the Wishart matrix (it is the Bartlett
 * factor's Gram reduced by Householder reflections, which keep the law). O(k²) with the tridiagonal
 * QL solver. The p − k remaining eigenvalues (n̂ < p) are 0.
 */
export function wishartSpectrum(p: number, nHat: number, rng: Rng): Float64Array {
  paramInteger('p', p, 1);
  paramInteger('nHat', nHat, 1);
  const k = Math.min(p, nHat);
  const df = Math.max(p, nHat);
  const b = new Float64Array(k); // diagonal of B
  const c = new Float64Array(Math.max(0, k - 1)); // sub-diagonal of B
  for (let i = 0; i < k; i++) {
    b[i] = Math.sqrt(rng.chiSquare(df - i));
    if (i < k - 1) c[i] = Math.sqrt(rng.chiSquare(k - 1 - i));
  }
  // T = B·Bᵀ: T_ii = B_ii² + B_{i,i−1}², T_{i,i+1} = B_ii·B_{i+1,i}
  const diag = new Float64Array(k);
  const off = new Float64Array(Math.max(0, k - 1));
  for (let i = 0; i < k; i++) diag[i] = b[i] * b[i] + (i > 0 ? c[i - 1] * c[i - 1] : 0);
  for (let i = 0; i < k - 1; i++) off[i] = b[i] * c[i];
  const ev = tridiagonalEigenvalues(diag, off);
  const out = new Float64Array(p); // p − k zeros first (ascending), then the k nonzero eigenvalues
  for (let i = 0; i < k; i++) out[p - k + i] = Math.max(0, ev[i]) / nHat;
  return out;
}

/**
 * The reference for `wishartSpectrum`: the same law through the Bartlett factor L of
 * Wishart_k(I, d) (sim's `bartlettFactor`) and a dense symmetric eigen-decomposition of L·Lᵀ
 * (ml-matrix). O(k³): kept for the tests.
 */
export function wishartSpectrumDense(p: number, nHat: number, rng: Rng): Float64Array {
  paramInteger('p', p, 1);
  paramInteger('nHat', nHat, 1);
  const k = Math.min(p, nHat);
  const l = bartlettFactor(k, Math.max(p, nHat), rng);
  const ev = symmetricEigenvalues(mirrorLower(lowerGram(l, k, k), k), k);
  const out = new Float64Array(p);
  for (let i = 0; i < k; i++) out[p - k + i] = Math.max(0, ev[i]) / nHat;
  return out;
}

/** Density histogram of `values` with `bins` equal bins on [min, max] (numpy.histogram, density=True). */
export function densityHistogram(values: ArrayLike<number>, bins: number): HistogramBin[] {
  paramInteger('bins', bins, 1);
  const n = values.length;
  if (n === 0) throw new RangeError('densityHistogram needs at least one value, got none');
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { lo = Math.min(lo, values[i]); hi = Math.max(hi, values[i]); }
  if (lo === hi) { lo -= 0.5; hi += 0.5; } // numpy's degenerate range
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(bins - 1, Math.floor((values[i] - lo) / width))]++;
  return counts.map((c, j) => ({
    x0: lo + j * width,
    x1: j === bins - 1 ? hi : lo + (j + 1) * width,
    density: c / (n * width),
    count: c,
  }));
}

/** The MP density on [a, b] at Chebyshev-spaced points (dense near the square-root edges). */
export function mpCurve(etaHat: number, points: number): DensityPoint[] {
  const { a, b } = mpEdges(etaHat);
  return linspace(0, 1, points).map((t) => {
    const x = a + ((b - a) * (1 - Math.cos(Math.PI * t))) / 2;
    return { x, density: mpDensity(x, etaHat) };
  });
}

function spectrum(p: number, nHat: number, bins: number, curvePoints: number, rng: Rng): Fig1Spectrum {
  const ev = wishartSpectrum(p, nHat, rng);
  const etaHat = p / nHat;
  const ks = mpKolmogorov(ev, etaHat);
  return {
    nHat,
    etaHat,
    eigenvalues: Array.from(ev),
    histogram: densityHistogram(ev, bins),
    curve: mpCurve(etaHat, curvePoints),
    edges: mpEdges(etaHat),
    kolmogorov: ks,
  };
}

/**
 * Figure 1's data. The spectrum of each distinct n̂ (main first, then the compact ones) is drawn
 * once from substream k of `new Rng(seed)` (k = its position among the distinct n̂) and shared.
 */
export function computeFig1(params: Fig1Params): Fig1Data {
  const q = validateFig1Params(params);
  const distinct = [q.nHat, ...q.compactNHats.filter((v) => v !== q.nHat)].filter((v, i, a) => a.indexOf(v) === i);
  const base = new Rng(q.seed);
  const spectra = new Map<number, Fig1Spectrum>();
  const needed = q.layout === 'paper' ? [q.nHat] : q.layout === 'compact' ? q.compactNHats : distinct;
  distinct.forEach((nHat, k) => {
    if (needed.includes(nHat)) spectra.set(nHat, spectrum(q.p, nHat, q.bins, q.curvePoints, base.substream(k)));
  });
  const densities = q.etaHats.map((etaHat) => ({
    etaHat,
    edges: mpEdges(etaHat),
    atom: mpAtom(etaHat),
    curve: mpCurve(etaHat, q.curvePoints),
  }));
  return {
    p: q.p,
    main: spectra.get(q.nHat) ?? spectrum(q.p, q.nHat, q.bins, q.curvePoints, base.substream(0)),
    densities,
    compact: q.layout === 'paper' ? [] : q.compactNHats.map((v) => spectra.get(v)!),
  };
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

function fmtEta(e: number): string {
  return String(Number(e.toPrecision(3)));
}

function histogramPanel(s: Fig1Spectrum, p: number, width: number, height: number): VlFragment {
  const frame: PanelFrame = {
    width,
    height,
    title: `n̂ = ${fmtInt(s.nHat)} (η̂ = ${fmtEta(s.etaHat)})`,
    x: { field: 'x', title: 'Eigenvalue of XXᵀ/n̂', tickCount: 5 },
    y: { field: 'density', title: 'Density', zero: true },
  };
  const bars = s.histogram.map((b) => ({ x0: b.x0, x1: b.x1, density: b.density }));
  const curve = s.curve.map((c) => ({ x: c.x, density: c.density }));
  return panel(frame, [
    histogramLayer(frame, bars, { x0: 'x0', x1: 'x1', height: 'density' }, { color: PALETTE[5], opacity: 0.7 }),
    lineLayer(frame, curve, { color: PALETTE[1], strokeWidth: 1.5 }),
  ]);
}

function densitiesPanel(ds: Fig1Density[], width: number, height: number, legend: boolean): VlFragment {
  const labels = ds.map((d) => fmtEta(d.etaHat));
  // y range: the highest peak of the curves with a bounded density (a > 0), so η̂ = 1's 1/√x
  // divergence at 0 is clipped rather than flattening the other curves.
  let top = 0;
  ds.forEach((d) => { if (d.edges.a > 0) for (const c of d.curve) top = Math.max(top, c.density); });
  if (!(top > 0)) top = 2;
  const yMax = 1.1 * top;
  const xMax = Math.max(...ds.map((d) => d.edges.b));
  const frame: PanelFrame = {
    width,
    height,
    title: 'MP densities',
    x: { field: 'x', title: 'Eigenvalue x', domain: [0, xMax], tickCount: 6 },
    y: { field: 'density', title: 'Density f(x)', domain: [0, yMax] },
    series: { field: 'etaHat', title: 'η̂', domain: labels, legendOrient: legend ? 'top-right' : null },
  };
  const rows: PlotRow[] = [];
  ds.forEach((d, k) => d.curve.forEach((c) => rows.push({ x: c.x, density: Math.min(c.density, 10 * yMax), etaHat: labels[k] })));
  const atoms: PlotRow[] = ds
    .map((d, k) => ({ d, k }))
    .filter(({ d }) => d.atom > 0)
    .map(({ d, k }, j) => ({ x: 0, top: yMax, etaHat: labels[k], ty: yMax * (0.93 - 0.09 * j), text: `atom ${fmtEta(d.atom)} at 0 (η̂ = ${labels[k]})` }));
  const layers = [lineLayer(frame, rows, { strokeWidth: 1.5 })];
  if (atoms.length) {
    layers.push(spikeLayer(frame, atoms, 'top', { strokeWidth: 3 }));
    layers.push(textLayer(frame, atoms, 'text', { yField: 'ty', dx: 5, align: 'left', fontSize: 7 }));
  }
  return panel(frame, layers);
}

function compactPanel(ss: Fig1Spectrum[], p: number, width: number, height: number): VlFragment {
  const labels = ss.map((s) => `${fmtInt(s.nHat)}`);
  const frame: PanelFrame = {
    width,
    height,
    title: `n̂ = ${ss.map((x) => fmtInt(x.nHat)).join(' vs ')}`,
    x: { field: 'x', title: 'Eigenvalue of XXᵀ/n̂', tickCount: 5 },
    y: { field: 'density', title: 'Density', zero: true },
    series: { field: 'nHat', title: 'n̂', domain: labels, legendOrient: 'top-left' },
  };
  const bars: PlotRow[] = [];
  const curves: PlotRow[] = [];
  ss.forEach((s, k) => {
    s.histogram.forEach((b) => bars.push({ x0: b.x0, x1: b.x1, density: b.density, nHat: labels[k] }));
    s.curve.forEach((c) => curves.push({ x: c.x, density: c.density, nHat: labels[k] }));
  });
  return panel(frame, [
    histogramLayer(frame, bars, { x0: 'x0', x1: 'x1', height: 'density' }, { opacity: 0.45 }),
    lineLayer(frame, curves, { strokeWidth: 1.5 }),
  ]);
}

/** The figure: paper panels (histogram + MP; MP densities) and/or the compact variant. */
export function fig1Spec(data: Fig1Data, params: Fig1Params): TopLevelSpec {
  const layout = params.layout ?? 'all';
  const height = 130;
  if (layout === 'compact') {
    return figureSpec(compactPanel(data.compact, data.p, PAPER_WIDTH_PT.single - 60, height), 'single', {
      description: 'Figure 1 (compact): eigenvalue histograms of XXᵀ/n̂ for two n̂ with their Marchenko–Pastur densities',
    });
  }
  const columns = layout === 'all' ? 3 : 2;
  const width = panelWidth('double', columns, layout === 'all' ? 105 : 90);
  const panels = [histogramPanel(data.main, data.p, width, height), densitiesPanel(data.densities, width, height, true)];
  if (layout === 'all') panels.push(compactPanel(data.compact, data.p, width, height));
  const body = panelRow(panels);
  body.resolve = { scale: { color: 'independent', x: 'independent', y: 'independent' }, legend: { color: 'independent' } };
  return figureSpec(body, 'double', {
    description: `Figure 1: eigenvalues of XXᵀ/n̂ (p = ${data.p}) against the Marchenko–Pastur law`,
  });
}

export const fig1: FigureDef<Fig1Params, Fig1Data> = {
  name: 'fig1',
  fileStem: 'fig1-marchenko-pastur',
  title: 'Marchenko–Pastur law of the sample covariance XXᵀ/n̂',
  size: 'double',
  defaults: { p: 500, nHat: 50000, etaHats: [0.01, 0.1, 1, 2], compactNHats: [5000, 50000], bins: 25, curvePoints: 200, seed: 1, layout: 'all' },
  params: {
    p: { kind: 'integer', min: 2, max: 2000, help: 'dimension p' },
    nHat: { kind: 'integer', min: 1, max: 1000000, help: 'samples n̂ of the sample covariance (histogram panels)' },
    etaHats: { kind: 'numbers', min: 0, max: 1000, maxLength: 20, help: 'ratios η̂ = p/n̂ of the Marchenko–Pastur curves' },
    compactNHats: { kind: 'integers', min: 1, max: 1000000, maxLength: 10, help: 'n̂ values of the compact panel' },
    bins: { kind: 'integer', min: 1, max: 10000, help: 'histogram bins' },
    curvePoints: { kind: 'integer', min: 3, max: 100000, help: 'points per density curve' },
    seed: { kind: 'integer', min: 0, help: 'random seed' },
    layout: { kind: 'string', values: ['all', 'paper', 'compact'], help: 'which panels' },
  },

  compute: async (params) => computeFig1(params),
  spec: (data, params) => fig1Spec(data, params),
};

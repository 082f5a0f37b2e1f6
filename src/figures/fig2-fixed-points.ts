/**
 * Figure 2 of El Firdoussi et al. (2025): the toy setting's fixed point (δ_r*, δ_s*, δ_g*) against
 * the aspect ratio p/n, one curve per number of synthetic samples m (theory.md, "Toy setting":
 * Jacobi iteration from (1, 1, 1) to 1e-12). The values are `toyFixedPoint` exactly; ‖μ‖ does not
 * enter the fixed point.
 *
 * Paper parameters: n = n̂ = 1000, ε = 0.2, ρ = 0.2, φ = 0.9, γ = 1; p on 50 log-spaced points from
 * 10 to 10,000; m ∈ {2n, 5n, 10n}.
 */
import type { TopLevelSpec } from 'vega-lite';
import { toyFixedPoint } from '../rmt/index';
import { figureSpec, lineLayer, panel, panelRow, type PanelFrame, type PlotRow } from '../plot/lines';
import { panelWidth } from '../plot/theme';
import { geomspace } from './grids';
import { checkParamNames, paramInteger, paramList, paramNumber } from '../stats/validators';
import type { FigureDef } from './figure-def';
import { modelParams } from './param-schema';

export interface Fig2Params {
  /** real samples n */
  n: number;
  /** samples n̂ behind the generator's covariance estimate */
  nHat: number;
  epsilon: number;
  rho: number;
  phi: number;
  gamma: number;
  /** smallest and largest dimension p of the log-spaced grid */
  pMin: number;
  pMax: number;
  /** number of grid points */
  points: number;
  /** the curves: m = k·n for each k */
  mOverN: number[];
}

export interface Fig2Curve {
  /** m/n of this curve */
  mOverN: number;
  /** m = round(k·n) */
  m: number;
  deltaR: number[];
  deltaS: number[];
  deltaG: number[];
}

export interface Fig2Data {
  /** the p grid: log-spaced from pMin to pMax (np.logspace), rounded to integers (the theory takes an integer p) */
  p: number[];
  /** p/n for each grid point */
  pOverN: number[];
  curves: Fig2Curve[];
}

const PARAM_NAMES = ['n', 'nHat', 'epsilon', 'rho', 'phi', 'gamma', 'pMin', 'pMax', 'points', 'mOverN'] as const;

export function validateFig2Params(params: Fig2Params): Fig2Params {
  checkParamNames('fig2', params, PARAM_NAMES);
  const q: Fig2Params = {
    n: paramInteger('n', params.n, 0),
    nHat: paramInteger('nHat', params.nHat, 1),
    epsilon: paramNumber('epsilon', params.epsilon, { min: 0, max: 1 }),
    rho: paramNumber('rho', params.rho, { min: 0, max: 1 }),
    phi: paramNumber('phi', params.phi, { min: 0, max: 1 }),
    gamma: paramNumber('gamma', params.gamma, { min: 0, minOpen: true }),
    pMin: paramInteger('pMin', params.pMin, 1),
    pMax: paramInteger('pMax', params.pMax, 1),
    points: paramInteger('points', params.points, 2),
    mOverN: paramList('mOverN', params.mOverN, (name, v) => paramNumber(name, v, { min: 0, minOpen: true })),
  };
  if (q.pMax < q.pMin) throw new RangeError(`pMax must be >= pMin = ${q.pMin}, got ${q.pMax}`);
  if (q.n === 0) throw new RangeError(`n must be >= 1 (the x axis is p/n), got 0`);
  for (const k of q.mOverN) {
    if (Math.round(k * q.n) < 1) throw new RangeError(`mOverN entry ${k} gives m = round(${k}·n) = 0 with n = ${q.n}; need m >= 1`);
  }
  return q;
}

/** Figure 2's data: the toy fixed point on the p grid, one curve per m. */
export function computeFig2(params: Fig2Params): Fig2Data {
  const q = validateFig2Params(params);
  const p = geomspace(q.pMin, q.pMax, q.points).map((x) => Math.max(1, Math.round(x)));
  const curves = q.mOverN.map((k): Fig2Curve => {
    const m = Math.round(k * q.n);
    const c: Fig2Curve = { mOverN: k, m, deltaR: [], deltaS: [], deltaG: [] };
    for (const pp of p) {
      // ‖μ‖ does not enter the fixed point; 1 is a placeholder the validation accepts.
      const fp = toyFixedPoint({ n: q.n, nHat: q.nHat, m, p: pp, mu: 1, epsilon: q.epsilon, rho: q.rho, phi: q.phi, gamma: q.gamma });
      c.deltaR.push(fp.deltaR);
      c.deltaS.push(fp.deltaS);
      c.deltaG.push(fp.deltaG);
    }
    return c;
  });
  return { p, pOverN: p.map((x) => x / q.n), curves };
}

function multipleLabel(k: number): string {
  return `${Number(k.toPrecision(4))}n`;
}

/** Three panels δ_r*, δ_s*, δ_g* against p/n (log x), one colour per m. */
export function fig2Spec(data: Fig2Data, _params?: Fig2Params): TopLevelSpec {
  const labels = data.curves.map((c) => multipleLabel(c.mOverN));
  const rows: PlotRow[] = [];
  data.curves.forEach((c, k) => {
    data.pOverN.forEach((r, i) =>
      rows.push({ pOverN: r, p: data.p[i], deltaR: c.deltaR[i], deltaS: c.deltaS[i], deltaG: c.deltaG[i], m: labels[k] }),
    );
  });
  const width = panelWidth('double', 3, 112);
  const lo = data.pOverN[0];
  const hi = data.pOverN[data.pOverN.length - 1];
  const panels = (
    [
      ['deltaR', 'δ_r*'],
      ['deltaS', 'δ_s*'],
      ['deltaG', 'δ_g*'],
    ] as const
  ).map(([field, symbol]) => {
    const frame: PanelFrame = {
      width,
      height: 120,
      x: { field: 'pOverN', title: 'p/n', scale: 'log', domain: lo < hi ? [lo, hi] : undefined },
      y: { field, title: symbol },
      series: { field: 'm', title: 'm', domain: labels, legendOrient: 'top' },
    };
    return panel(frame, [lineLayer(frame, rows, { strokeWidth: 1.5 })]);
  });
  return figureSpec(panelRow(panels), 'double', {
    description: 'Figure 2: fixed points (δ_r*, δ_s*, δ_g*) of the toy setting vs p/n',
  });
}

export const fig2: FigureDef<Fig2Params, Fig2Data> = {
  name: 'fig2',
  fileStem: 'fig2-fixed-points',
  title: 'Fixed points δ_r*, δ_s*, δ_g* of the toy setting vs p/n',
  size: 'double',
  defaults: { n: 1000, nHat: 1000, epsilon: 0.2, rho: 0.2, phi: 0.9, gamma: 1, pMin: 10, pMax: 10000, points: 50, mOverN: [2, 5, 10] },
  params: {
    n: { kind: 'integer', min: 1, max: 1000000, help: 'real samples n' },
    nHat: { kind: 'integer', min: 1, max: 1000000, help: 'samples n̂ behind the estimated covariance' },
    ...modelParams('epsilon', 'rho', 'phi', 'gamma'),
    pMin: { kind: 'integer', min: 1, max: 1000000, help: 'smallest dimension p' },
    pMax: { kind: 'integer', min: 1, max: 1000000, help: 'largest dimension p' },
    points: { kind: 'integer', min: 2, max: 10000, help: 'points along p' },
    mOverN: { kind: 'numbers', min: 0, max: 1000000, maxLength: 20, help: 'ratios m/n (one curve each, > 0)' },
  },

  compute: async (params) => computeFig2(params),
  spec: (data, params) => fig2Spec(data, params),
};

/**
 * Gan & Liu, Figure 2: anchor data (blue) and synthetic data (orange) of the GMM simulation
 * (Appendix B; K = J = L = 2, N_k = 50 anchor samples per anchor component, 200 synthetic samples),
 * with the s-σ ellipses ({x : (x−μ)ᵀΣ⁻¹(x−μ) = s²}, s = 1, 2) of the ground truth P (K + J
 * components), the generator M (K + J + L), the K-component EM fit to the anchor data and the
 * (K+J+L)-component EM fit to the synthetic data. The synthetic data reach beyond the anchor data
 * (the generator's J unsampled and L task-irrelevant components).
 */
import type { TopLevelSpec } from 'vega-lite';
import { covarianceEllipse } from '../gmm/ellipse';
import { drawGmmScenario } from '../gmm/kl-gap';
import type { GaussianMixture } from '../gmm/mixture';
import { Rng } from '../random/rng';
import { PALETTE, PAPER_WIDTH_PT, paperFigure } from '../plot/theme';
import { checkParamNames, paramInteger, paramList, paramNumber } from '../stats/validators';
import type { FigureDef } from './figure-def';

export interface GmmScatterParams {
  /** anchor-sampled components K */
  K: number;
  /** unsampled true components J */
  J: number;
  /** task-irrelevant components of the generator L */
  L: number;
  /** anchor samples per anchor component N_k */
  perComponent: number;
  /** synthetic samples drawn from the generator M */
  nSynthetic: number;
  /** ellipse radii s in standard deviations */
  sigmas: number[];
  /** which ellipses to draw: comma-separated subset of truth, generator, anchorFit, syntheticFit */
  show: string;
  seed: number;
}

export type EllipseRole = 'truth' | 'generator' | 'anchorFit' | 'syntheticFit';
const ROLES: readonly EllipseRole[] = ['truth', 'generator', 'anchorFit', 'syntheticFit'];
/** Legend labels, in legend order. */
export const ROLE_LABELS: Record<EllipseRole, string> = {
  truth: 'truth P (K+J)',
  generator: 'generator M (K+J+L)',
  anchorFit: 'fit to anchor (K)',
  syntheticFit: 'fit to synthetic (K+J+L)',
};

export interface ComponentRow {
  role: EllipseRole;
  component: number;
  /** for truth and generator: which part of the model the component belongs to */
  part?: 'anchor' | 'unsampled' | 'irrelevant';
  weight: number;
  mean: number[];
  covariance: number[];
}

export interface GmmScatterData {
  anchor: { x: number; y: number; component: number }[];
  synthetic: { x: number; y: number }[];
  components: ComponentRow[];
  /** Polylines of the ellipses: one path per (role, component, s), vertices in `order`. */
  ellipses: { role: EllipseRole; label: string; component: number; sigma: number; path: string; order: number; x: number; y: number }[];
  emIterations: { anchor: number; synthetic: number };
}

const PARAM_NAMES = ['K', 'J', 'L', 'perComponent', 'nSynthetic', 'sigmas', 'show', 'seed'] as const;

function parseShow(show: unknown): EllipseRole[] {
  if (typeof show !== 'string') throw new RangeError(`show must be a comma-separated string of ${ROLES.join(', ')}, got ${String(show)}`);
  const parts = show.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const p of parts) {
    if (!(ROLES as readonly string[]).includes(p)) throw new RangeError(`show entry "${p}" is not one of ${ROLES.join(', ')}`);
  }
  return parts as EllipseRole[];
}

/** Validated copy of the parameters (RangeError naming the bad one). */
export function validateGmmScatterParams(params: GmmScatterParams): GmmScatterParams {
  checkParamNames('gmm', params, PARAM_NAMES);
  const q: GmmScatterParams = {
    K: paramInteger('K', params.K, 1, 50),
    J: paramInteger('J', params.J, 0, 50),
    L: paramInteger('L', params.L, 0, 50),
    perComponent: paramInteger('perComponent', params.perComponent, 2, 100000),
    nSynthetic: paramInteger('nSynthetic', params.nSynthetic, 1, 1000000),
    sigmas: paramList('sigmas', params.sigmas, (name, v) => paramNumber(name, v, { min: 0, minOpen: true, max: 10 })),
    show: params.show,
    seed: paramInteger('seed', params.seed, 0),
  };
  parseShow(q.show);
  if (q.nSynthetic < q.K + q.J + q.L) {
    throw new RangeError(`nSynthetic must be ≥ K + J + L = ${q.K + q.J + q.L} (the synthetic fit's components), got ${q.nSynthetic}`);
  }
  return q;
}

function rows(mix: GaussianMixture, role: EllipseRole, parts?: (c: number) => ComponentRow['part']): ComponentRow[] {
  const out: ComponentRow[] = [];
  for (let c = 0; c < mix.k; c++) {
    const r: ComponentRow = {
      role,
      component: c,
      weight: mix.weights[c],
      mean: Array.from(mix.means.subarray(2 * c, 2 * c + 2)),
      covariance: Array.from(mix.covariances.subarray(4 * c, 4 * c + 4)),
    };
    const part = parts?.(c);
    if (part) r.part = part;
    out.push(r);
  }
  return out;
}

/** One draw of the scenario (stream 0 of `seed`) with the ellipse polylines. */
export function computeGmmScatter(params: GmmScatterParams): GmmScatterData {
  const q = validateGmmScatterParams(params);
  const show = parseShow(q.show);
  const rng = new Rng(q.seed).substream(0);
  const sc = drawGmmScenario({ K: q.K, J: q.J, L: q.L, d: 2, perComponent: q.perComponent, nSynthetic: q.nSynthetic }, rng);
  const { K, J } = q;
  const part = (c: number): ComponentRow['part'] => (c < K ? 'anchor' : c < K + J ? 'unsampled' : 'irrelevant');
  const components = [
    ...rows(sc.truth, 'truth', part),
    ...rows(sc.generator, 'generator', part),
    ...rows(sc.anchorFit.mixture, 'anchorFit'),
    ...rows(sc.syntheticFit.mixture, 'syntheticFit'),
  ];
  const ellipses: GmmScatterData['ellipses'] = [];
  for (const comp of components) {
    if (!show.includes(comp.role)) continue;
    for (const s of q.sigmas) {
      const path = `${comp.role}/${comp.component}/${s}`;
      covarianceEllipse(comp.mean, comp.covariance, s, 72).forEach((v, order) =>
        ellipses.push({ role: comp.role, label: ROLE_LABELS[comp.role], component: comp.component, sigma: s, path, order, x: v.x, y: v.y }),
      );
    }
  }
  const anchor = Array.from(sc.anchor.labels, (c, i) => ({ x: sc.anchor.points[2 * i], y: sc.anchor.points[2 * i + 1], component: c }));
  const synthetic: GmmScatterData['synthetic'] = [];
  for (let i = 0; i < sc.synthetic.length / 2; i++) synthetic.push({ x: sc.synthetic[2 * i], y: sc.synthetic[2 * i + 1] });
  return { anchor, synthetic, components, ellipses, emIterations: { anchor: sc.anchorFit.iterations, synthetic: sc.syntheticFit.iterations } };
}

/** Scatter of anchor and synthetic samples with the ellipses, legend at the bottom. */
export function gmmScatterSpec(data: GmmScatterData, _params?: GmmScatterParams): TopLevelSpec {
  const size = PAPER_WIDTH_PT.single - 40;
  const roleLabels = ROLES.map((r) => ROLE_LABELS[r]);
  const roleColors = ['#000000', '#777777', PALETTE[0], PALETTE[1]];
  const roleDash = [[4, 2], [1.5, 2], [1, 0], [1, 0]];
  const sampleLabels = ['anchor data', 'synthetic data'];
  const x = { field: 'x', type: 'quantitative', title: 'x₁', scale: { zero: false, nice: true } };
  const y = { field: 'y', type: 'quantitative', title: 'x₂', scale: { zero: false, nice: true } };
  const points = [
    ...data.synthetic.map((p) => ({ ...p, kind: sampleLabels[1] })),
    ...data.anchor.map((p) => ({ x: p.x, y: p.y, kind: sampleLabels[0] })),
  ];
  const maxSigma = Math.max(1, ...data.ellipses.map((e) => e.sigma));
  // colour and dash of the ellipses: same field, same legend settings, so Vega-Lite merges them into one legend
  const roleChannel = (range: unknown[]): object => ({
    field: 'label',
    type: 'nominal',
    title: null,
    scale: { domain: roleLabels, range },
    legend: { orient: 'bottom', direction: 'vertical', symbolType: 'stroke', symbolStrokeWidth: 1.5 },
  });
  const body = {
    width: size,
    height: size,
    description: 'Gan & Liu Figure 2: anchor vs synthetic samples of the GMM simulation, with component ellipses',
    layer: [
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 9, opacity: 0.6 },
        encoding: {
          x,
          y,
          color: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: { domain: sampleLabels, range: [PALETTE[0], PALETTE[1]] },
            legend: { orient: 'bottom', direction: 'vertical' },
          },
        },
      },
      {
        data: { values: data.ellipses },
        mark: { type: 'line', clip: true },
        encoding: {
          x,
          y,
          detail: { field: 'path', type: 'nominal' },
          order: { field: 'order', type: 'quantitative' },
          stroke: roleChannel(roleColors),
          strokeDash: roleChannel(roleDash),
          strokeWidth: { field: 'sigma', type: 'quantitative', scale: { domain: [1, maxSigma], range: [1.3, 0.6] }, legend: null },
          opacity: { field: 'sigma', type: 'quantitative', scale: { domain: [1, maxSigma], range: [1, 0.55] }, legend: null },
        },
      },
    ],
  };
  return paperFigure(body as unknown as TopLevelSpec, 'single');
}

export const gmmScatter: FigureDef<GmmScatterParams, GmmScatterData> = {
  name: 'gmm',
  fileStem: 'ganliu-fig2-gmm',
  title: 'Anchor vs synthetic data in a Gaussian mixture (Gan & Liu, Figure 2)',
  size: 'single',
  defaults: { K: 2, J: 2, L: 2, perComponent: 50, nSynthetic: 200, sigmas: [1, 2], show: 'truth,generator,anchorFit,syntheticFit', seed: 1 },
  params: {
    K: { kind: 'integer', min: 1, max: 50, help: 'shared components K' },
    J: { kind: 'integer', min: 0, max: 50, help: 'anchor-only components J' },
    L: { kind: 'integer', min: 0, max: 50, help: 'generator-only components L' },
    perComponent: { kind: 'integer', min: 2, max: 100000, help: 'anchor samples per component' },
    nSynthetic: { kind: 'integer', min: 1, max: 1000000, help: 'synthetic samples' },
    sigmas: { kind: 'numbers', min: 0, max: 10, maxLength: 10, help: 'ellipse radii in standard deviations (> 0)' },
    show: { kind: 'string', help: 'comma-separated list of truth, generator, anchorFit, syntheticFit' },
    seed: { kind: 'integer', min: 0, help: 'random seed' },
  },

  compute: async (params) => computeGmmScatter(params),
  spec: (data, params) => gmmScatterSpec(data, params),
};

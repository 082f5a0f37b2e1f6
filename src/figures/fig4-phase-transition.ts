/**
 * Figure 4 of El Firdoussi et al. (2025): the smooth phase transition in the label noise ε when
 * training on synthetic data only (Corollary 4.3: n = 0, C = I, η_s = p/m).
 *
 * E[g] ∝ λ = φ(1−ε) − ρε changes sign at ε* = φ/(φ+ρ) = (1 + ρ/φ)⁻¹, so the *signed* test accuracy
 * Φ(E[g]/σ) crosses 1/2 exactly at ε*, ever more sharply as m/p grows (the step of Feng et al.,
 * 2024, in the limit m/p → ∞). Paper parameters: p = 100, ‖μ‖ = 1, γ = 1, ρ = 0.3, φ = 0.8 (so
 * ε* = 0.727…), ε on 100 points in [0, ε*] and 50 in [ε*, 1], m ∈ {p, 10p, 100p, 1000p}.
 *
 * Pruning mode (`pruning`, src/rmt/pruning.ts): 'paper' (default) draws the published formulas, as
 * the paper's figure; 'exact' the formulas on the exact reduction of a 0/1 pruning mask (m′ = αm,
 * ε′ = ερ/α, ρ′ = φ′ = 1, γ′ = γ/α), which the simulations follow. λ′ = λ/α, so both cross 1/2 at
 * the same ε*; they differ in the accuracy away from it. `compare: true` adds the other mode's
 * curves, dashed, in the same colours.
 *
 * Simulation dots (no published version has them): at `simPoints` values of ε per curve
 * (ε = k/(simPoints+1), k = 1..simPoints), the mean ± sd of the signed accuracy over `draws` draws of
 * the fast simulator (synthetic data only, C = I, seeded by `seed`; ./mixing-protocol.ts). The
 * simulations apply the 0/1 pruning mask, so each point carries the theory in the **exact** pruning
 * mode (`theory`), whatever mode the curves are drawn in; the legend says so. `draws` or
 * `simPoints` = 0 disables them (`simulation: null`).
 */
import type { TopLevelSpec } from 'vega-lite';
import { epsilonStar, syntheticOnlyTheory, PRUNING_MODES, type PruningMode } from '../rmt/index';
import { figureSpec, lineLayer, panel, pointLayer, ruleLayer, simulationDotLayers, textLayer, type PanelFrame, type PlotRow } from '../plot/lines';
import { PAPER_WIDTH_PT } from '../plot/theme';
import { linspace } from './grids';
import { checkParamNames, paramBoolean, paramChoice, paramInteger, paramList, paramNumber } from '../stats/validators';
import { summarize, type Summary } from '../sim/index';
import { mixingDrawJobs, mixingDraws, runMixingDraws, type MixingDrawSetup } from './mixing-protocol';
import type { ComputeContext, FigureDef } from './figure-def';
import { modelParams } from './param-schema';

export interface Fig4Params {
  /** dimension p */
  p: number;
  /** ‖μ‖ */
  mu: number;
  /** ridge penalty γ */
  gamma: number;
  /** pruning: share of wrongly labelled synthetic samples kept */
  rho: number;
  /** pruning: share of correctly labelled synthetic samples kept */
  phi: number;
  /** the curves' m/p (one curve per entry; legend p/m) */
  mOverP: number[];
  /** ε points in [0, ε*] */
  pointsBelow: number;
  /** ε points in [ε*, 1] */
  pointsAbove: number;
  /** how the theory treats pruning: 'paper' (published formulas) or 'exact' (0/1 mask) */
  pruning: PruningMode;
  /** also draw the other pruning mode's curves (dashed) */
  compare: boolean;
  /** simulation draws per dot (0: no simulation) */
  draws: number;
  /** simulated ε per curve (0: no simulation) */
  simPoints: number;
  /** seed of the simulation */
  seed: number;
}

/** One simulation dot: signed accuracy over `draws` draws at (m, ε), and the exact-mode theory there. */
export interface Fig4SimPoint {
  mOverP: number;
  m: number;
  epsilon: number;
  mean: number;
  sd: number;
  /** the curve's theory at this ε in the exact pruning mode (the one the simulation follows) */
  theory: number;
}

/** The simulation dots of Figure 4. */
export interface Fig4Simulation {
  draws: number;
  seed: number;
  points: Fig4SimPoint[];
}

export interface Fig4Curve {
  /** m/p of this curve */
  mOverP: number;
  /** number of synthetic samples m = round(p · m/p) */
  m: number;
  /** signed accuracy Φ(E[g]/σ) at each ε of `Fig4Data.epsilon` */
  accuracy: number[];
  /** E[g] at each ε */
  mean: number[];
}

export interface Fig4Data {
  /** ε* = φ/(φ+ρ) */
  epsilonStar: number;
  /** the ε grid: linspace(0, ε*, pointsBelow) then linspace(ε*, 1, pointsAbove) (ε* twice, as the reference) */
  epsilon: number[];
  /** the pruning mode of `curves` */
  pruning: PruningMode;
  curves: Fig4Curve[];
  /** with `compare`: the same curves in the other pruning mode; otherwise null */
  compare: { pruning: PruningMode; curves: Fig4Curve[] } | null;
  /** simulation dots (synthetic-only fast simulator, exact pruning), or null when disabled */
  simulation: Fig4Simulation | null;
}

const PARAM_NAMES = ['p', 'mu', 'gamma', 'rho', 'phi', 'mOverP', 'pointsBelow', 'pointsAbove', 'pruning', 'compare', 'draws', 'simPoints', 'seed'] as const;

/** Validated copy of the parameters (RangeError naming the bad one). */
export function validateFig4Params(params: Fig4Params): Fig4Params {
  checkParamNames('fig4', params, PARAM_NAMES);
  const q: Fig4Params = {
    p: paramInteger('p', params.p, 1),
    mu: paramNumber('mu', params.mu, { min: 0 }),
    gamma: paramNumber('gamma', params.gamma, { min: 0, minOpen: true }),
    rho: paramNumber('rho', params.rho, { min: 0, max: 1 }),
    phi: paramNumber('phi', params.phi, { min: 0, max: 1 }),
    mOverP: paramList('mOverP', params.mOverP, (name, v) => paramNumber(name, v, { min: 0, minOpen: true })),
    pointsBelow: paramInteger('pointsBelow', params.pointsBelow, 2),
    pointsAbove: paramInteger('pointsAbove', params.pointsAbove, 2),
    pruning: paramChoice('pruning', params.pruning, PRUNING_MODES),
    compare: paramBoolean('compare', params.compare),
    draws: paramInteger('draws', params.draws ?? 0, 0),
    simPoints: paramInteger('simPoints', params.simPoints ?? 0, 0),
    seed: paramInteger('seed', params.seed ?? 0, 0),
  };
  epsilonStar(q.rho, q.phi); // rejects ρ = φ = 0
  for (const r of q.mOverP) {
    if (Math.round(q.p * r) < 1) throw new RangeError(`mOverP entry ${r} gives m = round(p·${r}) = 0 synthetic samples with p = ${q.p}; need m >= 1`);
  }
  return q;
}

/** Corollary 4.3's signed accuracy and E[g] on the ε grid, one curve per m/p, in one pruning mode. */
function curvesFor(q: Fig4Params, epsilon: number[], pruning: PruningMode): Fig4Curve[] {
  return q.mOverP.map((r): Fig4Curve => {
    const m = Math.round(q.p * r);
    const accuracy: number[] = [];
    const mean: number[] = [];
    for (const e of epsilon) {
      const t = syntheticOnlyTheory({ m, p: q.p, mu: q.mu, epsilon: e, rho: q.rho, phi: q.phi, gamma: q.gamma }, { pruning });
      accuracy.push(t.accuracy);
      mean.push(t.mean);
    }
    return { mOverP: r, m, accuracy, mean };
  });
}

/** The simulated points of Figure 4: one per (curve, ε), each drawn from its own sub-streams (mixingDrawJobs). */
function simulationSetups(q: Fig4Params): { mOverP: number; setup: MixingDrawSetup }[] {
  const out: { mOverP: number; setup: MixingDrawSetup }[] = [];
  if (q.draws === 0 || q.simPoints === 0) return out;
  const K = q.simPoints;
  for (const r of q.mOverP) {
    const m = Math.round(q.p * r);
    for (let k = 1; k <= K; k++) {
      const epsilon = k / (K + 1);
      out.push({ mOverP: r, setup: { p: q.p, n: 0, nHat: 0, mu: q.mu, m, epsilon, rho: q.rho, phi: q.phi, gamma: q.gamma, weight: 1, seed: q.seed } });
    }
  }
  return out;
}

function simulationOf(q: Fig4Params, sims: ReturnType<typeof simulationSetups>, summaries: Summary[]): Fig4Simulation | null {
  if (sims.length === 0) return null;
  return {
    draws: q.draws,
    seed: q.seed,
    points: sims.map(({ mOverP, setup: { m, epsilon } }, i) => {
      const s = summaries[i];
      const theory = syntheticOnlyTheory({ m, p: q.p, mu: q.mu, epsilon, rho: q.rho, phi: q.phi, gamma: q.gamma }, { pruning: 'exact' }).accuracy;
      return { mOverP, m, epsilon, mean: s.mean, sd: s.sd, theory };
    }),
  };
}

function theoryOf(q: Fig4Params): Omit<Fig4Data, 'simulation'> {
  const eStar = epsilonStar(q.rho, q.phi);
  const epsilon = [...linspace(0, eStar, q.pointsBelow), ...linspace(eStar, 1, q.pointsAbove)];
  const other: PruningMode = q.pruning === 'paper' ? 'exact' : 'paper';
  return {
    epsilonStar: eStar,
    epsilon,
    pruning: q.pruning,
    curves: curvesFor(q, epsilon, q.pruning),
    compare: q.compare ? { pruning: other, curves: curvesFor(q, epsilon, other) } : null,
  };
}

/**
 * Figure 4's data: Corollary 4.3's signed accuracy on the ε grid, one curve per m/p (and the other
 * mode's with `compare`), and the simulation dots (run serially here; see `computeFig4Async`).
 */
export function computeFig4(params: Fig4Params): Fig4Data {
  const q = validateFig4Params(params);
  const sims = simulationSetups(q);
  const draws = mixingDrawJobs(sims.map((x) => x.setup), q.draws).map((args) => summarize(mixingDraws(...args)));
  return { ...theoryOf(q), simulation: simulationOf(q, sims, draws) };
}

/** `computeFig4` with the simulation draws spread by `ctx.executor` (identical results). */
export async function computeFig4Async(params: Fig4Params, ctx: ComputeContext = {}): Promise<Fig4Data> {
  const q = validateFig4Params(params);
  const sims = simulationSetups(q);
  const theory = theoryOf(q);
  const summaries = await runMixingDraws(sims.map((x) => x.setup), q.draws, ctx, 'fig4 draws');
  return { ...theory, simulation: simulationOf(q, sims, summaries) };
}

const MODE_LABEL: Record<PruningMode, string> = {
  paper: 'paper formulas',
  exact: 'exact (0/1 mask)',
};

/** "1", "0.1", "0.001": p/m as the legend shows it. */
function ratioLabel(pOverM: number): string {
  return String(Number(pOverM.toPrecision(3)));
}

/** Signed accuracy curves per p/m, rules at ε* and 1/2, the crossing marked on the largest m. */
export function fig4Spec(data: Fig4Data, _params?: Fig4Params): TopLevelSpec {
  const labels = data.curves.map((c) => ratioLabel(1 / c.mOverP));
  const frame: PanelFrame = {
    width: PAPER_WIDTH_PT.single - 62,
    height: 150,
    x: { field: 'epsilon', title: 'Label noise ε', domain: [0, 1], format: '.1f' },
    y: { field: 'accuracy', title: 'Test accuracy (signed)', format: '.1f' },
    series: { field: 'pOverM', title: 'p/m', domain: labels, legendOrient: 'bottom-left' },
  };
  const rowsOf = (curves: Fig4Curve[]): PlotRow[] => {
    const rows: PlotRow[] = [];
    curves.forEach((c, k) => {
      data.epsilon.forEach((e, i) => rows.push({ epsilon: e, accuracy: c.accuracy[i], pOverM: labels[k], mOverP: c.mOverP }));
    });
    return rows;
  };
  const rows = rowsOf(data.curves);
  // the crossing of the curve with the largest m/p (the paper marks it on m = 1000p)
  let top = 0;
  data.curves.forEach((c, k) => { if (c.mOverP > data.curves[top].mOverP) top = k; });
  const iStar = data.epsilon.indexOf(data.epsilonStar);
  const marker: PlotRow[] = [{ epsilon: data.epsilonStar, accuracy: data.curves[top].accuracy[iStar] }];
  const label: PlotRow[] = [{ epsilon: data.epsilonStar, accuracy: 0.5, text: `ε* = ${data.epsilonStar.toFixed(3)}` }];
  const plain: PanelFrame = { ...frame, series: undefined };
  const compare: ReturnType<typeof lineLayer>[] = [];
  if (data.compare) {
    // the other mode dashed, same colours; the key at the bottom just left of ε*, where every
    // curve is above 1/2 (the p/m legend sits in the bottom-left corner)
    let bottom = Infinity;
    for (const c of [...data.curves, ...data.compare.curves]) for (const a of c.accuracy) bottom = Math.min(bottom, a);
    const key = (text: string): PlotRow[] => [{ epsilon: data.epsilonStar, accuracy: bottom, text }];
    const style = { dx: -4, align: 'right', baseline: 'bottom', fontSize: 7 } as const;
    compare.push(
      lineLayer(frame, rowsOf(data.compare.curves), { strokeWidth: 1.2, dash: [4, 2] }),
      textLayer(plain, key(`solid: ${MODE_LABEL[data.pruning]}`), 'text', { ...style, dy: -9 }),
      textLayer(plain, key(`dashed: ${MODE_LABEL[data.compare.pruning]}`), 'text', style),
    );
  }
  const sim: ReturnType<typeof lineLayer>[] = [];
  if (data.simulation) {
    // simulation dots (mean ± sd), coloured by curve; they follow the 0/1 mask: exact-mode theory
    const label = new Map(data.curves.map((c, k) => [c.mOverP, labels[k]]));
    const simRows: PlotRow[] = data.simulation.points.map((pt) => ({
      epsilon: pt.epsilon, accuracy: pt.mean, low: pt.mean - pt.sd, high: pt.mean + pt.sd,
      pOverM: label.get(pt.mOverP) ?? ratioLabel(1 / pt.mOverP), sd: pt.sd, theory: pt.theory,
    }));
    // the key in the empty top-right corner (right of ε*, above 1/2), three short lines
    let highest = -Infinity;
    for (const c of data.curves) for (const a of c.accuracy) highest = Math.max(highest, a);
    const keyAt = { epsilon: 0.995, accuracy: highest };
    const keyLines = ['◆ simulation', `${data.simulation.draws} draws ± sd`, '0/1 mask'];
    // errorbars, not rules: the figure's rules are the ε* and 1/2 references
    sim.push(
      ...simulationDotLayers(frame, simRows, 'low', 'high', { size: 18, tooltip: ['epsilon', 'accuracy', 'sd', 'theory'] }),
      ...keyLines.map((text, i) => textLayer(plain, [{ ...keyAt, text }], 'text', { align: 'right', baseline: 'top', fontSize: 6.5, dy: 8 * i })),
    );
  }
  const modes = data.compare ? `${data.pruning} formulas solid, ${data.compare.pruning} dashed` : `${data.pruning} formulas`;
  const simNote = data.simulation ? `; simulation dots: fast simulator, 0/1 pruning mask (compare with the exact-mode theory), mean ± sd of ${data.simulation.draws} draws` : '';
  return figureSpec(
    panel(frame, [
      ruleLayer(plain, { y: 0.5 }, { dash: [2, 2], color: '#888' }),
      ruleLayer(plain, { x: data.epsilonStar }, { dash: [4, 3], color: '#555' }),
      lineLayer(frame, rows, { strokeWidth: 1.5 }),
      ...compare,
      pointLayer(plain, marker, { color: '#000', size: 36, shape: 'circle' }),
      textLayer(plain, label, 'text', { dx: -5, dy: -9, align: 'right', fontSize: 8 }),
      ...sim,
    ]),
    'single',
    { description: `Figure 4: signed test accuracy vs label noise ε, synthetic data only (Corollary 4.3; pruning: ${modes}${simNote})` },
  );
}

export const fig4: FigureDef<Fig4Params, Fig4Data> = {
  name: 'fig4',
  fileStem: 'fig4-phase-transition',
  title: 'Smooth phase transition in the label noise ε (synthetic data only)',
  size: 'single',
  defaults: {
    p: 100, mu: 1, gamma: 1, rho: 0.3, phi: 0.8, mOverP: [1, 10, 100, 1000], pointsBelow: 100, pointsAbove: 50,
    pruning: 'paper', compare: false, draws: 20, simPoints: 5, seed: 4,
  },
  params: {
    p: { kind: 'integer', min: 1, max: 100000, help: 'dimension p' },
    ...modelParams('mu', 'gamma', 'rho', 'phi'),
    mOverP: { kind: 'numbers', min: 0, max: 1000000, maxLength: 20, help: 'ratios m/p (one curve each, > 0)' },
    pointsBelow: { kind: 'integer', min: 2, max: 100000, help: 'points of ε below ε*' },
    pointsAbove: { kind: 'integer', min: 2, max: 100000, help: 'points of ε above ε*' },
    pruning: { kind: 'string', values: PRUNING_MODES, help: "theory's pruning formulas" },
    compare: { kind: 'boolean', help: 'also draw the other pruning mode' },
    draws: { kind: 'integer', min: 0, max: 10000, help: 'simulation draws per dot (0: no simulation)' },
    simPoints: { kind: 'integer', min: 0, max: 50, help: 'simulated values of ε per curve, k/(simPoints+1) (0: no simulation)' },
    seed: { kind: 'integer', min: 0, max: 2147483647, help: 'seed of the simulation' },
  },

  compute: (params, ctx) => computeFig4Async(params, ctx),
  spec: (data, params) => fig4Spec(data, params),
};

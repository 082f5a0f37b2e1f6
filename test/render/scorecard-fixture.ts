/**
 * A crafted build for the scorecard tests: OUT/figures/*.json as the notebooks export them.
 * Figures 1 and 3 are computed (small, seeded); Figure 4's simulation, Figure 7 and the KL-gap
 * sweeps are made from their theory / the published values plus seeded noise of a stated size, so
 * each test can move one of them out of tolerance.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeFig1, fig1 } from '../../src/figures/fig1-marchenko-pastur';
import { computeFig3, fig3 } from '../../src/figures/fig3-accuracy';
import { figureRecord } from '../../src/figures/figure-def';
import { figureDataJson } from '../../src/render/figure-export';
import { loadFig7Published } from '../../src/data/mnist-loader';
import { SCORECARD_FIGURES } from '../../src/render/scorecard';
import { Rng } from '../../src/random/rng';
import { syntheticOnlyTheory } from '../../src/rmt/index';

export type Json = Record<string, unknown>;

export function fig1Json(over: Json = {}): Json {
  const params = { ...fig1.defaults, p: 200, nHat: 2000, compactNHats: [2000], layout: 'paper' as const, ...over };
  return figureRecord(computeFig1(params), params);
}

export async function fig3Json(over: Json = {}): Promise<Json> {
  const params = { ...fig3.defaults, ps: [40], points: 3, draws: 3, seed: 2, ...over };
  return figureRecord(await computeFig3(params), params);
}

/** Figure 4 with a simulation whose means sit `shiftSe` standard errors (plus N(0, 0.5²) s.e.) from the theory. */
export function fig4Json(shiftSe = 0, seed = 1): Json {
  const rng = new Rng(seed);
  const draws = 20, p = 100, sd = 0.02;
  const points = [];
  for (const k of [1, 10]) {
    for (const epsilon of [0, 0.2, 0.4, 0.6, 0.8]) {
      const theory = syntheticOnlyTheory({ m: k * p, p, mu: 1, epsilon, rho: 0.3, phi: 0.8, gamma: 1 }).accuracy;
      points.push({ mOverP: k, m: k * p, epsilon, mean: theory + (shiftSe + 0.5 * rng.normal()) * (sd / Math.sqrt(draws)), sd, theory });
    }
  }
  return { epsilonStar: 0.727, simulation: { draws, seed, points }, params: { p, mu: 1, gamma: 1, rho: 0.3, phi: 0.8 }, seed: null };
}

/** Figure 7 network points: the published accuracy + `offset` + N(0, 0.5²), 3 seeds each. */
export function fig7Json(offset = 0, seed = 1, edit?: (series: string, m: number, pct: number) => number): Json {
  const rng = new Rng(seed);
  const published = loadFig7Published();
  const points = published.map((q) => {
    const base = (edit ? edit(q.series, q.m, q.accuracyPct) : q.accuracyPct) + offset;
    const valuesPct = [0, 1, 2].map(() => base + 0.5 * rng.normal());
    const meanPct = valuesPct.reduce((a, b) => a + b, 0) / 3;
    const sdPct = Math.sqrt(valuesPct.reduce((a, b) => a + (b - meanPct) ** 2, 0) / 2);
    return { panel: q.panel, series: q.series, model: 'network', m: q.m, meanPct, sdPct, sePct: sdPct / Math.sqrt(3), valuesPct, publishedPct: q.accuracyPct };
  });
  return { points, params: { seeds: 3, seed }, seed };
}

/** KL-gap sweeps with mean gap = a + slope·value (slopes per variable and estimator), std 1, 100 repetitions. */
export function klGapJson(slopes: Record<string, Record<string, number>> = { paper: { K: -0.2, J: 0.1, L: -0.1 }, mc: { K: 0.8, J: 0.8, L: -1.2 } }): Json {
  const points = [];
  for (const [estimator, s] of Object.entries(slopes)) {
    for (const variable of ['K', 'J', 'L']) {
      for (let value = 2; value <= 15; value++) {
        points.push({ variable, value, K: 2, J: 2, L: 2, estimator, mean: 1 + s[variable] * value, std: 1, anchorMean: 0, syntheticMean: 0, reps: 100 });
      }
    }
  }
  return { points, params: { reps: 100, seed: 1 }, seed: 1 };
}

/** Writes the figure JSONs into OUT/figures (a key set to null: that file is left out). */
export function writeBuild(out: string, figs: Partial<Record<keyof typeof SCORECARD_FIGURES, Json | null>>): void {
  mkdirSync(join(out, 'figures'), { recursive: true });
  for (const [k, v] of Object.entries(figs)) {
    if (v) writeFileSync(join(out, 'figures', `${SCORECARD_FIGURES[k as keyof typeof SCORECARD_FIGURES]}.json`), figureDataJson(v));
  }
}

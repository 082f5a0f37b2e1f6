/**
 * `npm run bench -- gmm`: costs of the Gan & Liu GMM simulation — sampling, histogram KL, EM fits,
 * one KL-gap repetition per configuration (with its rounds) — and the whole Figure 4 at the
 * paper's settings (3 sweeps × 14 values × 100 repetitions × 100 rounds) on worker threads.
 * Times are wall-clock; CPU time of this thread is printed beside the single-thread ones (the
 * machine may be shared). GMM_BENCH_FULL=0 skips the whole-figure run.
 */
import { performance } from 'node:perf_hooks';
import { fitGmm } from '../src/gmm/em';
import { gmmAnchorData, gmmGenerator, gmmGroundTruth, gmmSyntheticData } from '../src/gmm/generation';
import { klPaperHistogram, klMonteCarlo } from '../src/gmm/kl';
import { KL_GAP_DEFAULTS, klGapRepetitions, type KlGapParams } from '../src/gmm/kl-gap';
import { prepareMixture, sampleGmm } from '../src/gmm/mixture';
import { computeKlGapFigure } from '../src/figures/ganliu-fig4-klgap';
import { klgap } from '../src/figures/ganliu-fig4-klgap';
import { defaultThreads, workerExecutor } from '../src/parallel/pool';
import { Rng } from '../src/random/rng';
import { elapsed, mark } from './lib/timing';

function time<T>(label: string, reps: number, unit: string, f: () => T): number {
  f(); // warm-up
  const t0 = mark();
  for (let i = 0; i < reps; i++) f();
  const e = elapsed(t0);
  const wall = e.wallMs / reps, cpu = e.cpuMs / reps;
  console.log(`${label}: ${fmt(wall)} per ${unit} (cpu ${fmt(cpu)})`);
  return wall;
}

function fmt(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}

export async function run(): Promise<void> {
  const rng = new Rng(7);
  const truth = prepareMixture(gmmGroundTruth(2, 2, 2, rng));
  const buf = new Float64Array(2000), buf2 = new Float64Array(2000);
  time('sample 1,000 points of a 4-component GMM', 2000, 'call', () => sampleGmm(truth, 1000, rng, buf));
  sampleGmm(truth, 1000, rng, buf2);
  time('paper histogram KL of two 1,000-point sets (50×50 bins)', 2000, 'call', () => klPaperHistogram(buf, buf2));
  const mcScratch = { points: new Float64Array(20000), lp: new Float64Array(10000), lq: new Float64Array(10000) };
  time('Monte Carlo KL, 10,000 draws, 4 vs 4 components', 50, 'call', () => klMonteCarlo(truth, truth, 10000, rng, mcScratch));

  for (const [K, J, L] of [[2, 2, 2], [15, 2, 2], [2, 15, 2], [2, 2, 15]]) {
    const r = new Rng(K * 100 + J * 10 + L);
    const t = gmmGroundTruth(K, J, 2, r);
    const a = gmmAnchorData(t, K, 50, r);
    const m = gmmGenerator(t, a, K, J, L, r);
    const s = gmmSyntheticData(m, 200, r);
    let itA = 0, itS = 0, n = 0;
    const wa = time(`EM fit K=${K} to ${a.points.length / 2} anchor points`, 20, 'fit', () => { itA += fitGmm(a.points, 2, K, r).iterations; n++; });
    const ws = time(`EM fit K+J+L=${K + J + L} to 200 synthetic points`, 20, 'fit', () => { itS += fitGmm(s, 2, K + J + L, r).iterations; });
    console.log(`  (mean EM iterations: anchor ${(itA / n).toFixed(1)}, synthetic ${(itS / n).toFixed(1)})`);
    void wa; void ws;
  }

  const perRep: Record<string, number> = {};
  for (const [K, J, L] of [[2, 2, 2], [15, 2, 2], [2, 15, 2], [2, 2, 15], [8, 2, 2]]) {
    const p: KlGapParams = { ...KL_GAP_DEFAULTS, K, J, L, estimators: ['paper', 'mc'] };
    const w = time(`KL-gap repetition K=${K} J=${J} L=${L} (100 rounds paper + MC 10,000)`, 5, 'repetition', () => klGapRepetitions(p, 1, 0, 1));
    perRep[`${K},${J},${L}`] = w;
    const pr = { ...p, estimators: ['paper'] as KlGapParams['estimators'] };
    const wp = time(`  paper estimator only`, 5, 'repetition', () => klGapRepetitions(pr, 1, 0, 1));
    console.log(`  → ${fmt(wp / p.rounds)} per round (paper), of which the fits are shared by the rounds`);
  }
  // Rough whole-figure estimate from one thread: sweeps are linear in the swept variable; use the
  // mean of the end points and the middle as a cheap average.
  const mid = (perRep['2,2,2'] + perRep['15,2,2']) / 2;
  const est = (3 * 14 * 100 * ((perRep['2,2,2'] + perRep['15,2,2'] + perRep['2,15,2'] + perRep['2,2,15'] + mid) / 5)) / 1000;
  console.log(`estimate of the whole figure on 1 thread: ${est.toFixed(0)} s (4,200 repetitions)`);

  if (process.env.GMM_BENCH_FULL === '0') return;
  const threads = defaultThreads();
  const w0 = performance.now();
  let last = 0;
  const data = await computeKlGapFigure(klgap.defaults, {
    executor: workerExecutor({ threads }),
    onProgress: (done, total) => {
      const pct = Math.floor((100 * done) / total);
      if (pct >= last + 25) {
        last = pct;
        console.log(`  … ${done}/${total} repetitions after ${((performance.now() - w0) / 1000).toFixed(1)} s`);
      }
    },
  });
  const wall = (performance.now() - w0) / 1000;
  console.log(`whole Figure 4 at the paper's settings (${data.points.length} points, ${threads} threads): ${wall.toFixed(1)} s`);
  console.log(`  mean EM iterations (anchor, synthetic): ${data.emIterationsMean.map((x) => x.toFixed(1)).join(', ')}; re-seeds: ${data.reseeds}`);
}

/**
 * Benchmark of the theory (src/rmt): the toy setting on 10,000 random parameter points, and the
 * general setting (Theorem 4.2) as Figure 3 uses it: one C at p = 500, 50 values of m, n = 0.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Rng } from '../src/random/rng';
import {
  generalTheoryDense, generalTheoryPrepared, optimizeMixing, prepareCovariance, toyTheory, type ToyParams,
  type OptimizeOver,
} from '../src/rmt/index';

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function run(): Promise<void> {
  // Toy theory on 10,000 points drawn over the figures' ranges (seeded).
  const rng = new Rng(2025);
  const points: ToyParams[] = [];
  for (let i = 0; i < 10_000; i++) {
    points.push({
      n: rng.int(3001), nHat: 100 + rng.int(2901), m: 1 + rng.int(20_000), p: 10 + rng.int(2991),
      mu: 2 * rng.uniform(), epsilon: rng.uniform(), rho: rng.uniform(), phi: 0.05 + 0.95 * rng.uniform(),
      gamma: 0.1 + 2 * rng.uniform(),
    });
  }
  let t0 = process.hrtime.bigint();
  let sink = 0, failed = 0;
  for (const P of points) {
    try {
      sink += toyTheory(P).accuracy;
    } catch {
      failed++; // outside the theory's domain (variance ≤ 0) or no convergence
    }
  }
  const toyMs = ms(t0);
  console.log(`toy theory, 10,000 random points: ${toyMs.toFixed(1)} ms total, ${((toyMs * 1000) / points.length).toFixed(2)} µs/point` +
    (failed ? ` (${failed} points outside the domain)` : '') + ` [checksum ${sink.toFixed(6)}]`);

  // The same points with a mixing weight β per point (exact pruning mode): β = 1 (the published
  // formulas) and β drawn in [0.2, 5] (Theorem 4.2 with Marchenko–Pastur equivalents, ./weighted).
  const weights = points.map(() => 0.2 + 4.8 * rng.uniform());
  for (const [label, weightOf] of [
    ['weight 1, exact mode', (): number => 1],
    ['weight in [0.2, 5], exact mode', (i: number): number => weights[i]],
  ] as Array<[string, (i: number) => number]>) {
    t0 = process.hrtime.bigint();
    failed = 0;
    for (let i = 0; i < points.length; i++) {
      try {
        sink += toyTheory({ ...points[i], weight: weightOf(i) }, { pruning: 'exact' }).accuracy;
      } catch {
        failed++;
      }
    }
    const wMs = ms(t0);
    console.log(`toy theory, ${label}, 10,000 points: ${wMs.toFixed(1)} ms, ${((wMs * 1000) / points.length).toFixed(2)} µs/point` +
      (failed ? ` (${failed} outside the domain)` : ''));
  }

  // optimize (src/rmt/optimize.ts) at Figure 3-like parameters: toy and synthetic-only.
  const toyP = { n: 1000, nHat: 1000, m: 1000, p: 200, mu: 0.7, epsilon: 0.25, rho: 0.5, phi: 0.9, gamma: 1 };
  const synP = { m: 1000, p: 100, mu: 1, epsilon: 0.3, rho: 0.3, phi: 0.8, gamma: 1 };
  for (const over of ['weight', 'm', 'both'] as OptimizeOver[]) {
    t0 = process.hrtime.bigint();
    const a = optimizeMixing('toy', toyP, { over, mMax: 20_000 });
    const toyOpt = ms(t0);
    t0 = process.hrtime.bigint();
    const b = optimizeMixing('synthetic-only', synP, { over, mMax: 20_000 });
    const synOpt = ms(t0);
    sink += a.best.accuracy + b.best.accuracy;
    console.log(`optimize over ${over} (M = 20,000): toy ${toyOpt.toFixed(0)} ms, synthetic-only ${synOpt.toFixed(0)} ms`);
  }
  // the answer of the command `synthrmt optimize … --over both` end to end (node start-up included)
  const bin = join(__dirname, '..', '..', 'bin', 'synthrmt.js');
  const flags = (o: Record<string, number>): string[] => Object.entries(o).flatMap(([k, v]) => [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(v)]);
  for (const [model, q] of [['toy', toyP], ['synthetic-only', synP]] as const) {
    t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, 'optimize', model, ...flags(q), '--over', 'both', '--m-max', '20000', '--json'], { encoding: 'utf8', timeout: 60_000 });
    const cliMs = ms(t0);
    if (r.status !== 0) throw new Error(`synthrmt optimize ${model} failed: ${r.stderr}`);
    console.log(`synthrmt optimize ${model} --over both --m-max 20000 (whole command, node start-up included): ${cliMs.toFixed(0)} ms`);
  }

  // General theory with one C (p = 500): decomposition once, then 50 evaluations (Figure 3's ε).
  const p = 500, nReal = 1000;
  const X = rng.normals(p * nReal);
  const C = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let l = 0; l < nReal; l++) s += X[l * p + i] * X[l * p + j];
      C[i * p + j] = C[j * p + i] = s / nReal;
    }
  }
  const mu = rng.normals(p);
  const norm = Math.hypot(...mu);
  for (let i = 0; i < p; i++) mu[i] *= 0.7 / norm;
  t0 = process.hrtime.bigint();
  const prep = prepareCovariance(C);
  const prepMs = ms(t0);
  const sweep = (): number => {
    const t = process.hrtime.bigint();
    for (let k = 0; k < 50; k++) {
      const s = 0.001 + ((0.95 - 0.001) * k) / 49;
      const m = Math.max(1, Math.floor((s * nReal) / (1 - s)));
      sink += generalTheoryPrepared(prep, { n: 0, m, mu, muBeta: mu, epsilon: 0, rho: 0, phi: 1, gamma: 1 }).accuracy;
    }
    return ms(t);
  };
  const cold = sweep();
  const warm = sweep();
  console.log(`general theory, p = 500: eigen-decomposition (ml-matrix) ${prepMs.toFixed(0)} ms once, then 50 values of m ` +
    `in ${cold.toFixed(1)} ms cold (JIT warm-up), ${warm.toFixed(1)} ms warm (${(warm / 50).toFixed(2)} ms each)`);
  // The dense O(p³) reference for comparison, on one point at a smaller p (it inverts per sweep).
  const pd = 100;
  const Cd = new Float64Array(pd * pd);
  for (let i = 0; i < pd; i++) for (let j = 0; j < pd; j++) Cd[i * pd + j] = C[i * p + j];
  const mud = mu.slice(0, pd);
  const prepd = prepareCovariance(Cd);
  t0 = process.hrtime.bigint();
  generalTheoryDense({ n: 0, m: 300, mu: mud, muBeta: mud, cov: Cd, epsilon: 0, rho: 0, phi: 1, gamma: 1 });
  const denseMs = ms(t0);
  t0 = process.hrtime.bigint();
  generalTheoryPrepared(prepd, { n: 0, m: 300, mu: mud, muBeta: mud, epsilon: 0, rho: 0, phi: 1, gamma: 1 });
  const fastMs = ms(t0);
  console.log(`general theory, p = 100, one point: dense reference ${denseMs.toFixed(1)} ms, prepared ${fastMs.toFixed(3)} ms`);
}

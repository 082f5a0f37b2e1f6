/**
 * One Figure 3 point at the paper's size — p = 500, n = n̂ = 1000, m = 19,000 (synthetic share
 * 0.95), ‖μ‖ = 0.7, γ = 1, oracle pruning (ρ, φ) = (0, 1), ε = 0.25 (the order of Figure 3's ε at
 * this m) — simulated 10 times by the direct simulator (every sample drawn) and by the fast
 * exact-in-law simulator, on one fixed real data set. Prints the two times and their ratio.
 */
import { Rng } from '../src/random/rng';
import { directDraw, fastDraw, prepareReal, randomMean, sampleMixture, drawStreams, type DrawParams } from '../src/sim/index';
import { elapsed, mark } from './lib/timing';

export async function run(): Promise<void> {
  const p = 500, n = 1000, nHat = 1000, m = 19_000, draws = 10;
  const rng = new Rng(2025);
  const mu = randomMean(p, 0.7, rng);
  const real = sampleMixture(mu, n, rng);
  const params: DrawParams = { mu, m, epsilon: 0.25, rho: 0, phi: 1, gamma: 1, covariance: { kind: 'fresh-wishart', nHat } };
  const opts = { testSize: 2 * n };

  // Wall time, and this process's CPU time (./lib/timing).
  const time = (f: () => void): { wall: number; cpu: number } => {
    const t0 = mark();
    f();
    const e = elapsed(t0);
    return { wall: e.wallMs, cpu: e.cpuMs };
  };
  const indices = Array.from({ length: draws }, (_, i) => i);
  const direct = time(() => {
    for (const r of drawStreams(1, indices)) directDraw(real.x, real.y, params, r, opts);
  });
  const fast = time(() => {
    const prepared = prepareReal(real.x, real.y, p, n); // once per data set, counted in the fast time
    for (const r of drawStreams(2, indices)) fastDraw(prepared, params, r, opts);
  });

  const line = (name: string, t: { wall: number; cpu: number }): string =>
    `sim ${name}: ${draws} draws of a Figure 3 point (p=${p}, n=${n}, m=${m}) in ${(t.wall / 1000).toFixed(2)} s ` +
    `(${(t.wall / draws).toFixed(1)} ms/draw; CPU ${(t.cpu / draws).toFixed(1)} ms/draw)`;
  console.log(line('direct', direct));
  console.log(line('fast  ', fast));
  console.log(`sim ratio direct/fast: ${(direct.wall / fast.wall).toFixed(1)}x wall, ${(direct.cpu / fast.cpu).toFixed(1)}x CPU`);
}

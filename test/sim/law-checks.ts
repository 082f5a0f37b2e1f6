/**
 * Statistical checks shared by the simulator tests: theory against the mean of D independent draws
 * (within 3 standard errors, sd/√D), and two samplers in law (means by a two-sample z-test at 4 s.e.,
 * variances by the log ratio at 4 s.e., whose standard error is √((κ−1)/n) for kurtosis κ).
 */
import assert from 'node:assert/strict';
import { drawStreams, fastDraw, sampleRealPrepared, summarize, type DrawParams, type DrawResult } from '../../src/sim/index';

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The simulated mean of `accuracies` lies within 3 standard errors of `theory`. */
export function within3se(accuracies: number[], theory: number, label: string): void {
  const s = summarize(accuracies);
  const z = (s.mean - theory) / s.se;
  assert.ok(
    Math.abs(z) < 3,
    `${label}: simulated ${s.mean.toFixed(5)} ± ${s.se.toExponential(2)} (${s.count} draws) vs theory ${theory.toFixed(5)}, z = ${z.toFixed(2)}`,
  );
}

/** Accuracies of D fast draws, each with a fresh real data set of n samples. */
export function fastAccuracies(n: number, params: DrawParams, seed: number, draws: number): number[] {
  return drawStreams(seed, range(draws)).map((rng) => fastDraw(sampleRealPrepared(params.mu, n, rng), params, rng).accuracy);
}

export function moments(xs: number[]): { n: number; mean: number; v: number; kurt: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  let m2 = 0, m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= n;
  m4 /= n;
  return { n, mean, v: (m2 * n) / (n - 1), kurt: m2 > 0 ? m4 / (m2 * m2) : 3 };
}

/** `key` of the two samples has the same law: means at 4 s.e., variances by the log ratio at 4 s.e. */
export function sameLaw(fast: DrawResult[], direct: DrawResult[], key: keyof DrawResult, label: string): void {
  const f = moments(fast.map((d) => d[key] as number));
  const d = moments(direct.map((x) => x[key] as number));
  const z = (f.mean - d.mean) / Math.sqrt(f.v / f.n + d.v / d.n);
  assert.ok(Math.abs(z) < 4, `${label} ${String(key)}: means ${f.mean} (fast) vs ${d.mean} (direct), z = ${z.toFixed(2)}`);
  if (f.v === 0 && d.v === 0) return;
  const logRatio = Math.log(f.v / d.v);
  const seLog = Math.sqrt((f.kurt - 1) / f.n + (d.kurt - 1) / d.n);
  assert.ok(
    Math.abs(logRatio) < 4 * seLog,
    `${label} ${String(key)}: variances ${f.v} (fast) vs ${d.v} (direct), log ratio ${logRatio.toFixed(3)} > 4 × ${seLog.toFixed(3)}`,
  );
}

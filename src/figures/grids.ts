/**
 * Parameter grids shared by the figure modules (pure): evenly and log-spaced points. The
 * parameter checks are in ../stats/validators.ts.
 */

/** `n` evenly spaced numbers from a to b inclusive (numpy's linspace). */
export function linspace(a: number, b: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`linspace needs an integer count >= 1, got ${n}`);
  if (n === 1) return [a];
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = a + ((b - a) * i) / (n - 1);
  out[n - 1] = b;
  return out;
}

/** `n` log-spaced numbers from a to b inclusive, a, b > 0 (numpy's geomspace / logspace). */
export function geomspace(a: number, b: number, n: number): number[] {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`geomspace needs positive ends, got ${a} and ${b}`);
  const out = linspace(Math.log(a), Math.log(b), n).map(Math.exp);
  out[0] = a;
  out[n - 1] = b;
  return out;
}

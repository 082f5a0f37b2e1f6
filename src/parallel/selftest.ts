/** A trivial task for the worker pool's own tests: the sum of squares of a Float64Array. */
import { taskHandle } from '../sim/executor';

export function sumSquares(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

/** Task handle of `sumSquares`. */
export const sumSquaresTask = taskHandle('parallel/selftest', 'sumSquares', sumSquares);

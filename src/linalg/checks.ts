/**
 * Shape checks shared by the linear-algebra kernels: a bad size or a buffer of the wrong length is a
 * RangeError naming the argument, never a silent out-of-bounds read (which would give NaN).
 */

/** A dimension: an integer ≥ min. */
export function checkDim(name: string, v: number, min = 0): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
}

/** `a` must hold at least `len` numbers. */
export function checkLength(name: string, a: ArrayLike<number>, len: number, shape: string): void {
  if (a.length < len) {
    throw new RangeError(`${name} must have length >= ${len} (${shape}), got length ${a.length}`);
  }
}

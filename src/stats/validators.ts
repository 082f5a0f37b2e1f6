/**
 * The core's one module of parameter checks (pure), used by the theory (src/rmt), the simulators
 * and Gan & Liu's mixtures (src/sim, src/gmm), the figures (src/figures) and their parameter schema
 * (src/figures/param-schema.ts). Every check throws a RangeError whose message names the
 * parameter, its value and what is allowed, e.g. `epsilon must be in [0, 1], got 1.2`; none
 * returns a silent NaN.
 */

/** A value as shown in an error message (strings quoted, long values cut). */
export function showValue(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (x === undefined) return 'undefined (missing)';
  if (typeof x === 'number' || typeof x === 'boolean' || x === null) return String(x);
  try {
    const s = JSON.stringify(x);
    return s === undefined ? String(x) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(x);
  }
}

// Scalars of the theory's settings (names as in theory.md).

/** A finite number (not NaN, not ±∞, not a string). */
export function checkNumber(name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`${name} must be a finite number, got ${showValue(x)}`);
  }
  return x;
}

/** A number in [0, 1] (probabilities ε, ρ, φ). */
export function checkProbability(name: string, x: unknown): number {
  const v = checkNumber(name, x);
  if (v < 0 || v > 1) throw new RangeError(`${name} must be in [0, 1], got ${v}`);
  return v;
}

/** A number > 0 (γ). */
export function checkPositive(name: string, x: unknown): number {
  const v = checkNumber(name, x);
  if (!(v > 0)) throw new RangeError(`${name} must be > 0, got ${v}`);
  return v;
}

/** A number ≥ 0 (‖μ‖). */
export function checkNonNegative(name: string, x: unknown): number {
  const v = checkNumber(name, x);
  if (v < 0) throw new RangeError(`${name} must be >= 0, got ${v}`);
  return v;
}

/** A count: an integer ≥ min (min = 0 or 1). */
export function checkCount(name: string, x: unknown, min: 0 | 1): number {
  const v = checkNumber(name, x);
  if (!Number.isInteger(v) || v < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  }
  return v;
}

// Figure parameters (ranges, lists, choices).

/** A finite number in [min, max] (bounds inclusive unless `open` says otherwise). */
export function paramNumber(
  name: string,
  x: unknown,
  range: { min?: number; max?: number; minOpen?: boolean; maxOpen?: boolean } = {},
): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${showValue(x)}`);
  const { min, max, minOpen, maxOpen } = range;
  const lowOk = min === undefined || (minOpen ? x > min : x >= min);
  const highOk = max === undefined || (maxOpen ? x < max : x <= max);
  if (!lowOk || !highOk) {
    const lo = min === undefined ? '(-inf' : `${minOpen ? '(' : '['}${min}`;
    const hi = max === undefined ? 'inf)' : `${max}${maxOpen ? ')' : ']'}`;
    throw new RangeError(`${name} must be in ${lo}, ${hi}, got ${x}`);
  }
  return x;
}

/** An integer in [min, max]. */
export function paramInteger(name: string, x: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
    const allowed = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new RangeError(`${name} must be ${allowed}, got ${showValue(x)}`);
  }
  return x;
}

/** A non-empty list of numbers, each checked by `each` (which names the entry). */
export function paramList<T>(name: string, x: unknown, each: (entryName: string, v: unknown) => T, minLength = 1): T[] {
  if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    throw new RangeError(`${name} must be a list of numbers, got ${showValue(x)}`);
  }
  const a = Array.from(x as ArrayLike<unknown>);
  if (a.length < minLength) throw new RangeError(`${name} must have at least ${minLength} entr${minLength === 1 ? 'y' : 'ies'}, got ${a.length}`);
  return a.map((v, i) => each(`${name}[${i}]`, v));
}

/** One of the allowed strings. */
export function paramChoice<T extends string>(name: string, x: unknown, allowed: readonly T[]): T {
  if (typeof x !== 'string' || !(allowed as readonly string[]).includes(x)) {
    throw new RangeError(`${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${showValue(x)}`);
  }
  return x as T;
}

/** Rejects fields that are not parameters of the figure (typos on the command line or in notebooks). */
export function checkParamNames(figure: string, params: object, allowed: readonly string[]): void {
  if (typeof params !== 'object' || params === null) throw new RangeError(`${figure} parameters must be an object, got ${showValue(params)}`);
  for (const k of Object.keys(params)) {
    if (!allowed.includes(k)) throw new RangeError(`unknown ${figure} parameter ${JSON.stringify(k)}; allowed: ${allowed.join(', ')}`);
  }
}

/** A boolean (true or false, nothing else). */
export function paramBoolean(name: string, x: unknown): boolean {
  if (typeof x !== 'boolean') throw new RangeError(`${name} must be true or false, got ${showValue(x)}`);
  return x;
}

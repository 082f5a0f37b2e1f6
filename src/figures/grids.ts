/**
 * Parameter grids and parameter checks shared by the figure modules (pure). Every check throws a
 * RangeError naming the parameter, its value and what is allowed.
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

function show(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  try {
    const s = JSON.stringify(x);
    return s === undefined ? String(x) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(x);
  }
}

/** A finite number in [min, max] (bounds inclusive unless `open` says otherwise). */
export function paramNumber(
  name: string,
  x: unknown,
  range: { min?: number; max?: number; minOpen?: boolean; maxOpen?: boolean } = {},
): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${show(x)}`);
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
    throw new RangeError(`${name} must be ${allowed}, got ${show(x)}`);
  }
  return x;
}

/** A non-empty list of numbers, each checked by `each` (which names the entry). */
export function paramList<T>(name: string, x: unknown, each: (entryName: string, v: unknown) => T, minLength = 1): T[] {
  if (!Array.isArray(x) && !(ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    throw new RangeError(`${name} must be a list of numbers, got ${show(x)}`);
  }
  const a = Array.from(x as ArrayLike<unknown>);
  if (a.length < minLength) throw new RangeError(`${name} must have at least ${minLength} entr${minLength === 1 ? 'y' : 'ies'}, got ${a.length}`);
  return a.map((v, i) => each(`${name}[${i}]`, v));
}

/** One of the allowed strings. */
export function paramChoice<T extends string>(name: string, x: unknown, allowed: readonly T[]): T {
  if (typeof x !== 'string' || !(allowed as readonly string[]).includes(x)) {
    throw new RangeError(`${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${show(x)}`);
  }
  return x as T;
}

/** Rejects fields that are not parameters of the figure (typos on the command line or in notebooks). */
export function checkParamNames(figure: string, params: object, allowed: readonly string[]): void {
  if (typeof params !== 'object' || params === null) throw new RangeError(`${figure} parameters must be an object, got ${show(params)}`);
  for (const k of Object.keys(params)) {
    if (!allowed.includes(k)) throw new RangeError(`unknown ${figure} parameter ${JSON.stringify(k)}; allowed: ${allowed.join(', ')}`);
  }
}

/** A boolean (true or false, nothing else). */
export function paramBoolean(name: string, x: unknown): boolean {
  if (typeof x !== 'boolean') throw new RangeError(`${name} must be true or false, got ${show(x)}`);
  return x;
}

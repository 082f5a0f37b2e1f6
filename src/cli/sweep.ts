/**
 * Sweeps of `synthrmt theory`: a numeric flag's value may be one number, a list, a linear range or
 * a geometric range —
 *
 *   --m 1000                one value
 *   --m 0,500,2000          a list (decimal numbers, in the given order)
 *   --m 0:20000:41          41 evenly spaced values from 0 to 20000 inclusive (numpy's linspace)
 *   --weight log:0.01:100:61  61 log-spaced values from 0.01 to 100 inclusive (both > 0)
 *
 * Range values are rounded to 15 significant digits (0:1:11 gives 0.3, not 0.30000000000000004;
 * log:0.01:100:5 gives exactly 1 in the middle).
 *
 * Count flags (n, n-hat, m, p) take integers: range values are rounded to the nearest integer and
 * repeated values dropped (list entries are checked by the theory, naming the flag). The points of a sweep are the
 * Cartesian product of the flags' values, the flags in the order of the command's help varying slowest first.
 *
 * Pure parsing (no I/O); errors of a flag's value are commander `InvalidArgumentError`s, which
 * commander reports with the flag's name (exit status 2); a sweep too large is a UsageError.
 */
import { InvalidArgumentError } from 'commander';
import { linspace } from '../figures/grids';
import { parseDecimal } from '../figures/param-schema';
import { UsageError } from './errors';

/** Largest number of values one flag may expand to, and of points of a whole sweep. */
export const MAX_SWEEP_VALUES = 100000;

/** A parsed flag value: its values and whether it was a geometric range (for a log axis). */
export interface SweepValues {
  values: number[];
  log: boolean;
}

const SYNTAX = 'a number, a list a,b,c, a range a:b:k (k evenly spaced values from a to b) or log:a:b:k (k log-spaced values, a, b > 0)';

function bad(text: string, why: string): never {
  throw new InvalidArgumentError(`${why}, got "${text}"; allowed: ${SYNTAX}`);
}

function decimal(text: string, part: string): number {
  const x = parseDecimal(part);
  if (x === undefined) bad(text, `"${part}" is not a finite decimal number`);
  return x;
}

/** Rounds away floating-point noise (15 significant digits): 0.30000000000000004 → 0.3, 10^0 → 1. */
function tidy(x: number): number {
  return Number(x.toPrecision(15));
}

function rangeCount(text: string, part: string): number {
  const k = decimal(text, part);
  if (!Number.isInteger(k) || k < 1) bad(text, `the number of values "${part}" must be an integer >= 1`);
  if (k > MAX_SWEEP_VALUES) bad(text, `the number of values ${k} is more than ${MAX_SWEEP_VALUES}`);
  return k;
}

/**
 * Parses one flag's value (see the module comment). `integer`: the flag counts samples (range values
 * rounded, repeats dropped; list entries must be integers). `max`: the largest allowed value.
 */
export function parseSweep(text: string, options: { integer?: boolean; max?: number } = {}): SweepValues {
  const t = text.trim();
  let values: number[];
  let log = false;
  if (t.startsWith('log:')) {
    const parts = t.slice(4).split(':');
    if (parts.length !== 3) bad(text, 'a log range has three parts after "log:"');
    const a = decimal(text, parts[0]), b = decimal(text, parts[1]), k = rangeCount(text, parts[2]);
    if (!(a > 0 && b > 0)) bad(text, 'the ends of a log range must be > 0');
    // base-10 steps (not ../figures/grids' geomspace), so that decades land on 0.01, 0.1, 1, … once tidied
    const la = Math.log10(a), lb = Math.log10(b);
    values = k === 1 ? [a] : Array.from({ length: k }, (_, i) => (i === 0 ? a : i === k - 1 ? b : tidy(10 ** (la + ((lb - la) * i) / (k - 1)))));
    log = true;
  } else if (t.includes(':')) {
    const parts = t.split(':');
    if (parts.length !== 3) bad(text, 'a range has three parts a:b:k');
    const a = decimal(text, parts[0]), b = decimal(text, parts[1]), k = rangeCount(text, parts[2]);
    values = linspace(a, b, k).map((x, i) => (i === k - 1 ? x : tidy(x)));
  } else if (t.includes(',')) {
    const parts = t.split(',');
    if (parts.length > MAX_SWEEP_VALUES) bad(text, `a list has more than ${MAX_SWEEP_VALUES} entries`);
    values = parts.map((p) => decimal(text, p));
  } else {
    values = [decimal(text, t)];
  }
  if (options.integer && t.includes(':')) {
    values = [...new Set(values.map((v) => Math.round(v)))];
  }
  if (options.max !== undefined) {
    for (const v of values) if (v > options.max) bad(text, `${v} is more than the largest allowed value ${options.max}`);
  }
  return { values, log };
}

/** The Cartesian product of the flags' values, as one object per point (first key varying slowest). */
export function sweepPoints(flags: [key: string, values: number[]][]): Record<string, number>[] {
  let total = 1;
  for (const [, v] of flags) total *= v.length;
  if (total > MAX_SWEEP_VALUES) {
    throw new UsageError(`the sweep has ${total} points (${flags.map(([k, v]) => `${k}: ${v.length}`).join(' × ')}), more than ${MAX_SWEEP_VALUES}`);
  }
  let points: Record<string, number>[] = [{}];
  for (const [key, values] of flags) {
    const next: Record<string, number>[] = [];
    for (const pt of points) for (const v of values) next.push({ ...pt, [key]: v });
    points = next;
  }
  return points;
}

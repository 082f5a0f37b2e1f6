/**
 * Edge: a notebook run's parameters as the reports show them — the defaults of its cell tagged
 * `parameters` (the paper's values), the values given with `synthrmt run -p` (the run record), all
 * of them merged, and those that differ from the defaults (a run with such parameters is marked
 * "parameters differ from the paper's: …" on its page and in the index).
 */
import { hasTag, sourceText, type Notebook } from '../io/nbformat';
import type { ParameterValue } from '../io/run-record';
import { parseParameterDefaults } from '../runner/parameters';

export interface RunParameters {
  /** The parameters cell's literal values. */
  defaults: Record<string, ParameterValue>;
  /** Every parameter: the defaults with the given values over them. */
  all: Record<string, ParameterValue>;
  /** Given values that differ from their default, in the parameters cell's order. */
  differing: { name: string; value: ParameterValue; paper: ParameterValue | undefined }[];
}

/** The parameters of a run of `nb` given `given` (the run record's `parameters`). */
export function runParameters(nb: Notebook, given: Record<string, ParameterValue> | undefined): RunParameters {
  const cell = nb.cells.find((c) => c.cell_type === 'code' && hasTag(c, 'parameters'));
  const defaults: Record<string, ParameterValue> = {};
  if (cell) for (const d of parseParameterDefaults(sourceText(cell.source))) if (d.value !== undefined) defaults[d.name] = d.value;
  const g = given && typeof given === 'object' ? given : {};
  const all = { ...defaults, ...g };
  const differing = Object.entries(g)
    .filter(([k, v]) => JSON.stringify(defaults[k]) !== JSON.stringify(v))
    .map(([name, value]) => ({ name, value, paper: defaults[name] }));
  return { defaults, all, differing };
}

/** "seeds = 1 (paper: 3), steps = 100 (paper: 3000)" */
export function differingText(p: RunParameters): string {
  const show = (v: ParameterValue | undefined): string => (v === undefined ? '—' : typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  return p.differing.map((d) => `${d.name} = ${show(d.value)} (paper: ${show(d.paper)})`).join(', ');
}

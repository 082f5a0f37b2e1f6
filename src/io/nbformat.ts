/**
 * Edge: reading, validating and writing Jupyter notebooks (used by src/runner and src/render) (nbformat 4,
 * https://nbformat.readthedocs.io/en/latest/format_description.html).
 *
 * Reading never executes anything: a file that is not JSON, not a notebook, or older than
 * nbformat 4 is rejected with a `NotebookFormatError` naming the file and the problem.
 * Writing goes to a temporary file renamed into place, with Jupyter's layout (1-space indent,
 * multi-line strings stored as arrays of lines).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './fs-atomic';
import { UsageError } from './errors';

export type MultilineString = string | string[];

export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: 'display_data';
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
export interface ExecuteResultOutput {
  output_type: 'execute_result';
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  execution_count: number | null;
}
export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CodeCell {
  cell_type: 'code';
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown> & { tags?: string[] };
  execution_count: number | null;
  outputs: Output[];
}
export interface TextCell {
  cell_type: 'markdown' | 'raw';
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown> & { tags?: string[] };
  attachments?: Record<string, unknown>;
}
export type Cell = CodeCell | TextCell;

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** A file that cannot be run as a notebook (bad usage: the CLI exits with status 2). */
export class NotebookFormatError extends UsageError {
  override name = 'NotebookFormatError';
}

/** The source of a cell as one string. */
export function sourceText(src: MultilineString): string {
  return Array.isArray(src) ? src.join('') : src;
}

/** Jupyter's on-disk form of a multi-line string: lines keeping their "\n". */
export function toLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isMultiline(x: unknown): x is MultilineString {
  return typeof x === 'string' || (Array.isArray(x) && x.every((l) => typeof l === 'string'));
}

/** Checks that `value` is an nbformat ≥ 4 notebook; throws NotebookFormatError otherwise. */
export function validateNotebook(value: unknown, name = 'notebook'): Notebook {
  const bad = (why: string): never => {
    throw new NotebookFormatError(`${name} is not a valid Jupyter notebook: ${why}`);
  };
  if (!isObject(value)) return bad('the top level is not a JSON object');
  if (!('nbformat' in value)) return bad('it has no "nbformat" field');
  const major = value.nbformat;
  if (typeof major !== 'number' || !Number.isInteger(major)) return bad(`"nbformat" is ${JSON.stringify(major)}, expected an integer`);
  if (major < 4) return bad(`it is nbformat ${major}; only nbformat 4 is supported (convert it with \`jupyter nbconvert --to notebook\`)`);
  if (major > 4) return bad(`it is nbformat ${major}; only nbformat 4 is supported`);
  const minor = value.nbformat_minor;
  if (typeof minor !== 'number' || !Number.isInteger(minor) || minor < 0) return bad(`"nbformat_minor" is ${JSON.stringify(minor)}, expected a non-negative integer`);
  if (!isObject(value.metadata)) return bad('"metadata" is missing or not an object');
  if (!Array.isArray(value.cells)) return bad('"cells" is missing or not an array');
  value.cells.forEach((c: unknown, i: number) => {
    const where = `cell ${i + 1}`;
    if (!isObject(c)) return bad(`${where} is not an object`);
    if (c.cell_type !== 'code' && c.cell_type !== 'markdown' && c.cell_type !== 'raw') {
      return bad(`${where} has cell_type ${JSON.stringify(c.cell_type)}; allowed: code, markdown, raw`);
    }
    if (!isMultiline(c.source)) return bad(`${where} has a "source" that is neither a string nor a list of strings`);
    if (c.metadata === undefined) c.metadata = {};
    if (!isObject(c.metadata)) return bad(`${where} has a "metadata" that is not an object`);
    const tags = (c.metadata as Record<string, unknown>).tags;
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
      return bad(`${where} has metadata.tags that is not a list of strings`);
    }
    if (c.cell_type === 'code') {
      if (c.outputs === undefined) c.outputs = [];
      if (!Array.isArray(c.outputs)) return bad(`${where} has "outputs" that is not a list`);
      if (c.execution_count === undefined) c.execution_count = null;
    }
    return undefined;
  });
  return value as unknown as Notebook;
}

/** Reads and validates a notebook file. Missing file, bad JSON or a non-notebook: NotebookFormatError. */
export function readNotebook(path: string): Notebook {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new NotebookFormatError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${(e as Error).message})`);
  }
  return parseNotebook(text, path);
}

/** Parses and validates notebook JSON text (`name` is used in error messages). */
export function parseNotebook(text: string, name = 'notebook'): Notebook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`${name} is not a valid Jupyter notebook: malformed JSON (${(e as Error).message})`);
  }
  return validateNotebook(json, name);
}

function toDiskOutput(o: Output): Output {
  const lines = (v: unknown): unknown => (typeof v === 'string' ? toLines(v) : v);
  if (o.output_type === 'stream') return { ...o, text: toLines(sourceText(o.text)) };
  if (o.output_type === 'display_data' || o.output_type === 'execute_result') {
    const data: Record<string, unknown> = {};
    for (const [mime, v] of Object.entries(o.data)) {
      // JSON mime bundles (…+json, application/json) stay objects; text types become line arrays.
      data[mime] = /json$/.test(mime) || mime === 'image/png' || mime === 'image/jpeg' ? v : lines(v);
    }
    return { ...o, data };
  }
  return o;
}

/** The notebook as Jupyter writes it (sources and text outputs as line arrays, 1-space indent). */
export function serializeNotebook(nb: Notebook): string {
  const cells = nb.cells.map((c) => {
    const src = toLines(sourceText(c.source));
    return c.cell_type === 'code' ? { ...c, source: src, outputs: c.outputs.map(toDiskOutput) } : { ...c, source: src };
  });
  return JSON.stringify({ ...nb, cells }, null, 1) + '\n';
}

/** Writes a notebook atomically. */
export function writeNotebook(path: string, nb: Notebook): void {
  writeFileAtomic(path, serializeNotebook(nb));
}

/** Merges consecutive stream outputs of the same name into one (as nbclient does). */
export function mergeStreams(outputs: Output[]): Output[] {
  const out: Output[] = [];
  for (const o of outputs) {
    const last = out[out.length - 1];
    if (o.output_type === 'stream' && last?.output_type === 'stream' && last.name === o.name) {
      out[out.length - 1] = { ...last, text: sourceText(last.text) + sourceText(o.text) };
    } else {
      out.push(o.output_type === 'stream' ? { ...o, text: sourceText(o.text) } : o);
    }
  }
  return out;
}

/** Whether a cell carries `tag` in metadata.tags. */
export function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(tag);
}

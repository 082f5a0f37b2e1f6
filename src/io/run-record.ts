/**
 * Edge: the run record, the sidecar `<stem>.run.json` the runner writes beside each executed
 * notebook (reports/executed/), read back by the runner (freeze: skip unchanged notebooks) and by
 * the renderer (run status and date on each page). One type, one parser, used by both.
 */
import { readFileSync } from 'node:fs';

export type RunStatus = 'ok' | 'error' | 'timeout' | 'dead';

/** A value of a notebook parameter (the cell tagged "parameters"). */
export type ParameterValue = number | string | boolean | number[];

export interface RunError {
  /** 1-based number of the failing code cell among the source notebook's code cells (0: none, e.g. the kernel did not start). */
  cell: number;
  /** 0-based index of the failing cell in the executed notebook's `cells`. */
  cellIndex: number;
  ename: string;
  evalue: string;
}

/** The sidecar record reports/executed/<stem>.run.json. */
export interface RunRecord {
  notebook: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Number of code cells in the executed notebook. */
  cells: number;
  /** How many of them were executed. */
  executedCells: number;
  error?: RunError;
  parameters: Record<string, ParameterValue>;
  hash: string;
  /** Set by the renderer's view of a record kept from an earlier run. */
  frozen?: boolean;
}

/** A run record as read from a file: every field may be missing (older or damaged records). */
export type StoredRunRecord = Partial<Omit<RunRecord, 'error'>> & { error?: Partial<RunError> };

/** The run record in `text`; an Error saying why if it is not a JSON object. */
export function parseRunRecord(text: string): StoredRunRecord {
  const v = JSON.parse(text) as unknown;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
  return v as StoredRunRecord;
}

/** The run record at `path`; an Error (unreadable file, bad JSON, not an object) otherwise. */
export function readRunRecord(path: string): StoredRunRecord {
  return parseRunRecord(readFileSync(path, 'utf8'));
}

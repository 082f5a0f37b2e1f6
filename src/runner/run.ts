/**
 * Edge: running notebooks headlessly — one fresh tslab kernel per notebook, every code cell in
 * order, outputs written back into an executed copy (reports/executed/<stem>.ipynb) with a sidecar
 * record (reports/executed/<stem>.run.json). The source notebooks are never modified.
 *
 * Faults: a cell that fails stops its notebook (status "error"; the remaining cells keep no
 * outputs) unless `allowErrors` is set or the cell is tagged `raises-exception` (as nbclient);
 * a cell past the timeout is interrupted, then its kernel killed if it does not answer (status
 * "timeout"; the notebook stops); a kernel that exits mid-run gives status "dead". Every
 * notebook is prepared (read, validated, parameters checked) before any is executed, so bad
 * input executes nothing.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../io/errors';
import type { RunError, RunRecord, RunStatus } from '../io/run-record';
import { codeHash, frozenRecord, runHash } from './freeze';
import { describeExit, Kernel, type ExecuteOutcome } from './kernel';
import { writeFileAtomic } from '../io/fs-atomic';
import { hasTag, parseNotebook, sourceText, writeNotebook, NotebookFormatError, type CodeCell, type ErrorOutput, type Notebook } from '../io/nbformat';
import { OutputBuilder } from './outputs';
import { injectParameters, planParameters, type ParameterValue } from './parameters';
import { autoProgress, type ProgressReporter } from './progress';

export type { RunError, RunRecord, RunStatus } from '../io/run-record';

/** What happened to one notebook in `runNotebooks`. */
export interface RunSummary extends RunRecord {
  /** 'frozen': skipped, unchanged since its last successful run (the record is that run's). */
  outcome: RunStatus | 'frozen';
  stem: string;
  /** Path of the executed copy and of the run record. */
  executedPath: string;
  runJsonPath: string;
}

export interface RunOptions {
  /** `-p name=value` pairs, values as typed on the command line. */
  parameters?: Record<string, string>;
  /** Re-run even when frozen. */
  force?: boolean;
  /** Per-cell timeout in seconds (default 600). */
  timeoutS?: number;
  /** Run the remaining cells after a failing one. */
  allowErrors?: boolean;
  /** Output folder (default "reports", relative to the working directory). */
  outDir?: string;
  /** Progress display (default: a live bar on a TTY stderr, plain lines otherwise). */
  progress?: ProgressReporter;
  /** Kernel start-up limit in ms (default 60000). */
  startTimeoutMs?: number;
  /** After a timeout's interrupt, how long to wait before killing the kernel (ms, default 5000). */
  interruptGraceMs?: number;
  /** Folder whose src/ and package-lock.json enter the freeze hash (default: this repository). */
  codeRoot?: string;
  /** Called with each kernel's PID when it starts (tests use it to check for orphans). */
  onKernelStart?: (pid: number) => void;
}

interface Prepared {
  path: string;
  display: string;
  stem: string;
  bytes: Buffer;
  notebook: Notebook;
  values: Record<string, ParameterValue>;
  executedPath: string;
  runJsonPath: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return (rel && !rel.startsWith('..') ? rel : p).split(sep).join('/');
}

/** Reads, validates and parameterises every notebook; throws a UsageError before anything runs. */
export function prepareNotebooks(paths: string[], opts: RunOptions = {}): Prepared[] {
  const outDir = resolve(opts.outDir ?? 'reports');
  const stems = new Map<string, string>();
  return paths.map((p) => {
    const path = resolve(p);
    const display = displayPath(path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new NotebookFormatError(code === 'ENOENT' ? `${display}: no such file` : code === 'EISDIR' ? `${display} is a directory, not a notebook` : `${display}: cannot be read (${(e as Error).message})`);
    }
    const notebook = parseNotebook(bytes.toString('utf8'), display);
    const plan = planParameters(notebook, opts.parameters ?? {}, display);
    const stem = basename(path, extname(path));
    const other = stems.get(stem);
    if (other !== undefined && other !== path) throw new UsageError(`${display} and ${displayPath(other)} would both write ${stem}.ipynb; rename one`);
    stems.set(stem, path);
    return {
      path,
      display,
      stem,
      bytes,
      notebook: injectParameters(notebook, plan),
      values: plan.values,
      executedPath: join(outDir, 'executed', `${stem}.ipynb`),
      runJsonPath: join(outDir, 'executed', `${stem}.run.json`),
    };
  });
}

/**
 * Runs the notebooks in order (each in a fresh kernel whose working directory is the notebook's
 * folder) and returns one summary per notebook. Throws a UsageError (nothing executed) for a
 * missing or malformed notebook or a bad parameter; a failing notebook does not stop the others.
 */
export async function runNotebooks(paths: string[], opts: RunOptions = {}): Promise<RunSummary[]> {
  const timeoutS = opts.timeoutS ?? 600;
  if (!(timeoutS > 0) || !Number.isFinite(timeoutS)) throw new UsageError(`--timeout must be a positive number of seconds, got ${timeoutS}`);
  const prepared = prepareNotebooks(paths, opts);
  const progress = opts.progress ?? autoProgress(process.stderr);
  const code = prepared.length ? codeHash(opts.codeRoot) : '';
  const out: RunSummary[] = [];
  for (const nb of prepared) {
    const hash = runHash(nb.bytes, nb.values, code);
    const frozen = opts.force ? null : frozenRecord(nb.runJsonPath, nb.executedPath, hash);
    if (frozen) {
      const rec = frozen as RunRecord;
      progress.notebookEnd(nb.stem, 'frozen', 0);
      out.push({ ...rec, outcome: 'frozen', stem: nb.stem, executedPath: nb.executedPath, runJsonPath: nb.runJsonPath });
      continue;
    }
    const rec = await executeNotebook(nb, hash, timeoutS, progress, opts);
    out.push({ ...rec, outcome: rec.status, stem: nb.stem, executedPath: nb.executedPath, runJsonPath: nb.runJsonPath });
  }
  return out;
}

/** "cell 3" plus the message, for the command line. */
export function describeFailure(s: RunSummary): string {
  if (!s.error) return s.status;
  const where = s.error.cell > 0 ? `cell ${s.error.cell}: ` : '';
  return `${where}${s.error.ename}: ${s.error.evalue.split('\n')[0]}`;
}

function errorOutput(ename: string, evalue: string): ErrorOutput {
  return { output_type: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`] };
}

async function executeNotebook(
  nb: Prepared,
  hash: string,
  timeoutS: number,
  progress: ProgressReporter,
  opts: RunOptions,
): Promise<RunRecord> {
  const started = new Date();
  const executed: Notebook = structuredClone(nb.notebook);
  const codeCells: { index: number; cell: CodeCell; number: number }[] = [];
  let number = 0;
  executed.cells.forEach((c, index) => {
    if (c.cell_type !== 'code') return;
    c.outputs = [];
    c.execution_count = null;
    delete c.metadata.execution;
    const injected = hasTag(c, 'injected-parameters');
    if (!injected) number++;
    // The injected cell carries the number of the parameters cell before it.
    codeCells.push({ index, cell: c, number });
  });
  const toRun = codeCells.filter((c) => sourceText(c.cell.source).trim() !== '');
  let status: RunStatus = 'ok';
  let error: RunError | undefined;
  let executedCount = 0;
  const fail = (s: RunStatus, c: { index: number; number: number } | null, ename: string, evalue: string): void => {
    if (status === 'ok') status = s;
    error ??= { cell: c?.number ?? 0, cellIndex: c?.index ?? -1, ename, evalue };
  };
  progress.notebookStart(nb.stem, toRun.length);
  let kernel: Kernel | null = null;
  try {
    try {
      kernel = await Kernel.start({ cwd: dirname(nb.path), startTimeoutMs: opts.startTimeoutMs });
      opts.onKernelStart?.(kernel.pid);
    } catch (e) {
      fail('dead', null, 'KernelStartError', (e as Error).message);
    }
    const builder = new OutputBuilder();
    let previousFailed = false;
    for (let k = 0; kernel && k < toRun.length; k++) {
      const { cell, number: n } = toRun[k];
      // tslab rejects (status "abort") requests that arrive within 200 ms of a failed cell.
      if (previousFailed) await sleep(250);
      progress.cellStart(k + 1, toRun.length);
      const t0 = Date.now();
      let outcome: ExecuteOutcome;
      for (let attempt = 0; ; attempt++) {
        outcome = await kernel.execute(sourceText(cell.source), { timeoutMs: timeoutS * 1000, interruptGraceMs: opts.interruptGraceMs });
        if (outcome.status !== 'abort' || attempt >= 2) break;
        await sleep(300);
      }
      executedCount++;
      progress.cellEnd(k + 1, toRun.length, outcome.status, Date.now() - t0);
      cell.execution_count = outcome.status === 'dead' ? null : outcome.executionCount;
      cell.metadata.execution = outcome.timing;
      const interrupted = outcome.status === 'timeout' && !!outcome.timedOut && !outcome.timedOut.killed;
      const outputs = builder.cellOutputs(outcome.iopub, outcome.status === 'error' || interrupted);
      const ref = toRun[k];
      if (outcome.status === 'timeout') {
        if (interrupted && outputs[outputs.length - 1]?.output_type === 'error') outputs.pop();
        const evalue = outcome.timedOut?.killed
          ? `cell ${n} did not finish within the ${timeoutS} s timeout and its kernel did not answer the interrupt, so the kernel was killed`
          : `cell ${n} did not finish within the ${timeoutS} s timeout and was interrupted`;
        outputs.push(errorOutput('CellTimeoutError', evalue));
        cell.outputs = outputs;
        fail('timeout', ref, 'CellTimeoutError', evalue);
        break;
      }
      if (outcome.status === 'dead') {
        await kernel.exited;
        const evalue = `the kernel died while running cell ${n} (${describeExit(kernel.exitStatus)})`;
        outputs.push(errorOutput('DeadKernelError', evalue));
        cell.outputs = outputs;
        fail('dead', ref, 'DeadKernelError', evalue);
        break;
      }
      cell.outputs = outputs;
      previousFailed = outcome.status !== 'ok';
      if (outcome.status === 'ok') continue;
      const errOut = outputs.find((o): o is ErrorOutput => o.output_type === 'error');
      const ename = errOut?.ename ?? (outcome.status === 'abort' ? 'ExecutionAborted' : 'Error');
      const evalue = errOut?.evalue ?? (outcome.status === 'abort' ? 'the kernel refused to run the cell' : 'the cell failed');
      if (hasTag(cell, 'raises-exception')) continue;
      fail('error', ref, ename, evalue);
      if (!opts.allowErrors) break;
    }
  } finally {
    if (kernel) await kernel.shutdown();
  }
  const finished = new Date();
  const record: RunRecord = {
    notebook: nb.display,
    status,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    cells: codeCells.length,
    executedCells: executedCount,
    ...(error ? { error } : {}),
    parameters: nb.values,
    hash,
  };
  executed.metadata = {
    ...executed.metadata,
    synthrmt: { status, parameters: nb.values, startedAt: record.startedAt, durationMs: record.durationMs },
  };
  writeNotebook(nb.executedPath, executed);
  writeFileAtomic(nb.runJsonPath, JSON.stringify(record, null, 2) + '\n');
  progress.notebookEnd(nb.stem, status, record.durationMs, error ? `cell ${error.cell}: ${error.ename}: ${error.evalue.split('\n')[0]}` : undefined);
  return record;
}

/**
 * `synthrmt run [NOTEBOOK…] [-p name=value]… [--force] [--timeout S] [--allow-errors] [--out DIR]`:
 * executes notebooks headlessly in fresh tslab kernels (see ../runner/run.ts). Without
 * notebooks, every notebooks/*.ipynb under the working directory, in name order.
 * Exit status: 0 every notebook ok or frozen, 1 a notebook failed, 2 bad usage.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkOutputDir } from '../io/output-dir';
import { UsageError } from './errors';
import { describeFailure, runNotebooks, type RunOptions, type RunSummary } from '../runner/run';
import { parseParameterArgs } from '../runner/parameters';

/** The *.ipynb files directly in `dir`, in name order. */
export function notebooksIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ipynb'))
    .sort()
    .map((f) => join(dir, f));
}

/** notebooks/*.ipynb under `root`, in name order. */
export function defaultNotebooks(root = process.cwd()): string[] {
  return notebooksIn(join(root, 'notebooks'));
}

/** Arguments as notebook paths: a folder stands for the notebooks in it. */
function expandArgs(args: string[]): string[] {
  return args.flatMap((a) => (existsSync(a) && statSync(a).isDirectory() ? notebooksIn(a) : [a]));
}

function parseTimeout(v: string): number {
  const t = Number(v);
  if (v.trim() === '' || !Number.isFinite(t) || t <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${v}"`);
  return t;
}

/** The command-line options of running notebooks, shared by `run` and `reports`. */
export interface RunCliOptions {
  param: string[];
  force?: boolean;
  timeout: string;
  allowErrors?: boolean;
  out: string;
}

/** Adds the options of running notebooks (-p, --force, --timeout, --allow-errors) to `cmd`. */
export function addRunOptions(cmd: Command): Command {
  return cmd
    .option('-p, --param <name=value>', 'set a parameter of the cell tagged "parameters" (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--force', 're-run notebooks even if unchanged since their last successful run')
    .option('--timeout <seconds>', 'per-cell time limit (Figure 7 on the full MNIST needs about 4–8 min of one cell on 2 cores)', '1800')
    .option('--allow-errors', 'run the remaining cells after a failing cell');
}

/** The runner's options from the command line's (UsageError for a bad parameter, timeout or output folder, before anything runs). */
export function runOptionsOf(opts: RunCliOptions): RunOptions {
  const parameters = parseParameterArgs(opts.param);
  const timeoutS = parseTimeout(opts.timeout);
  // a bad output folder is reported now, not after running every notebook
  checkOutputDir(opts.out);
  checkOutputDir(join(opts.out, 'executed'), '--out');
  return { parameters, force: !!opts.force, timeoutS, allowErrors: !!opts.allowErrors, outDir: opts.out };
}

/**
 * Runs the notebooks and lists one line per notebook on stdout (outcome, path, why it failed);
 * returns the summaries and the failed ones.
 */
export async function runAndList(paths: string[], options: RunOptions): Promise<{ summaries: RunSummary[]; failed: RunSummary[] }> {
  const summaries = await runNotebooks(paths, options);
  const failed = summaries.filter((s) => s.outcome !== 'ok' && s.outcome !== 'frozen');
  for (const s of summaries) {
    process.stdout.write(`${s.outcome.padEnd(7)} ${s.notebook}${s.outcome === 'frozen' || s.outcome === 'ok' ? '' : `: ${describeFailure(s)}`}\n`);
  }
  return { summaries, failed };
}

/** Names each failed notebook on stderr (as `synthrmt <command>`) and sets exit status 1. */
export function reportFailures(command: string, failed: RunSummary[]): void {
  for (const s of failed) process.stderr.write(`synthrmt ${command}: ${s.notebook} failed (${s.outcome}): ${describeFailure(s)}\n`);
  process.exitCode = 1;
}

export function registerRun(program: Command): void {
  addRunOptions(
    program
      .command('run')
      .description('execute notebooks in fresh tslab kernels; executed copies go to OUT/executed/')
      .argument('[notebooks...]', 'notebooks (or folders of notebooks) to run (default: notebooks/*.ipynb in name order)'),
  )
    .option('--out <dir>', 'output folder', 'reports')
    .action(async (notebooks: string[], opts: RunCliOptions) => {
      const options = runOptionsOf(opts);
      const paths = notebooks.length ? expandArgs(notebooks) : defaultNotebooks();
      if (paths.length === 0) {
        if (notebooks.length) throw new UsageError(`no notebooks in ${notebooks.join(', ')}`);
        process.stderr.write('synthrmt run: no notebooks to run (none in notebooks/)\n');
        return;
      }
      const { failed } = await runAndList(paths, options);
      if (failed.length) reportFailures('run', failed);
    });
}

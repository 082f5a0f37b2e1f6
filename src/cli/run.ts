/**
 * `synthrmt run [NOTEBOOK…] [-p name=value]… [--force] [--timeout S] [--allow-errors] [--out DIR]`:
 * executes notebooks headlessly in fresh tslab kernels (see ../runner/run.ts). Without
 * notebooks, every notebooks/*.ipynb under the working directory, in name order.
 * Exit status: 0 every notebook ok or frozen, 1 a notebook failed, 2 bad usage.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from './errors';
import { describeFailure, runNotebooks } from '../runner/run';
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

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('execute notebooks in fresh tslab kernels; executed copies go to OUT/executed/')
    .argument('[notebooks...]', 'notebooks (or folders of notebooks) to run (default: notebooks/*.ipynb in name order)')
    .option('-p, --param <name=value>', 'set a parameter of the cell tagged "parameters" (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--force', 're-run notebooks even if unchanged since their last successful run')
    .option('--timeout <seconds>', 'per-cell time limit', '600')
    .option('--allow-errors', 'run the remaining cells after a failing cell')
    .option('--out <dir>', 'output folder', 'reports')
    .action(async (notebooks: string[], opts: { param: string[]; force?: boolean; timeout: string; allowErrors?: boolean; out: string }) => {
      const parameters = parseParameterArgs(opts.param);
      const timeoutS = parseTimeout(opts.timeout);
      const paths = notebooks.length ? expandArgs(notebooks) : defaultNotebooks();
      if (paths.length === 0) {
        if (notebooks.length) throw new UsageError(`no notebooks in ${notebooks.join(', ')}`);
        process.stderr.write('synthrmt run: no notebooks to run (none in notebooks/)\n');
        return;
      }
      const summaries = await runNotebooks(paths, { parameters, force: !!opts.force, timeoutS, allowErrors: !!opts.allowErrors, outDir: opts.out });
      const failed = summaries.filter((s) => s.outcome !== 'ok' && s.outcome !== 'frozen');
      for (const s of summaries) {
        process.stdout.write(`${s.outcome.padEnd(7)} ${s.notebook}${s.outcome === 'frozen' || s.outcome === 'ok' ? '' : `: ${describeFailure(s)}`}\n`);
      }
      if (failed.length) {
        for (const s of failed) process.stderr.write(`synthrmt run: ${s.notebook} failed (${s.outcome}): ${describeFailure(s)}\n`);
        process.exitCode = 1;
      }
    });
}

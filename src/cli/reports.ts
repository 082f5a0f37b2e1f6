/**
 * `synthrmt reports [NOTEBOOK…] [--force] [--no-pdf] [-p name=value]… [--timeout S]
 * [--allow-errors] [--out DIR] [--template DIR] [--paper a4|letter]`: runs the notebooks (default
 * notebooks/*.ipynb; unchanged ones are frozen) and renders the reports — the README's main
 * command (`npm run reports`). The reports are rendered even when a notebook failed.
 * Exit status: 0 all ok; 1 a notebook failed (error, timeout or dead kernel) or the build
 * failed; 2 bad usage (nothing run); 3 no chromium (HTML built, no PDF).
 */
import type { Command } from 'commander';
import { describeFailure, runNotebooks } from '../runner/run';
import { parseParameterArgs } from '../runner/parameters';
import { addRenderOptions, parsePaper, renderCommand } from './render';
import { defaultNotebooks } from './run';
import { UsageError } from './errors';

interface ReportsOptions {
  param: string[];
  force?: boolean;
  timeout: string;
  allowErrors?: boolean;
  out: string;
  template?: string;
  paper: string;
  pdf: boolean;
}

export function registerReports(program: Command): void {
  addRenderOptions(
    program
      .command('reports')
      .description('run the notebooks (unchanged ones are skipped) and render the HTML/PDF reports')
      .argument('[notebooks...]', 'notebooks to run (default: notebooks/*.ipynb in name order)')
      .option('-p, --param <name=value>', 'set a parameter of the cell tagged "parameters" (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
      .option('--force', 're-run notebooks even if unchanged since their last successful run')
      .option('--timeout <seconds>', 'per-cell time limit', '600')
      .option('--allow-errors', 'run the remaining cells after a failing cell'),
  ).action(async (notebooks: string[], opts: ReportsOptions) => {
    const parameters = parseParameterArgs(opts.param);
    const timeoutS = Number(opts.timeout);
    if (opts.timeout.trim() === '' || !Number.isFinite(timeoutS) || timeoutS <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${opts.timeout}"`);
    parsePaper(opts.paper); // bad usage is reported before anything runs
    const paths = notebooks.length ? notebooks : defaultNotebooks();
    if (paths.length === 0) throw new UsageError('no notebooks given and none in notebooks/');
    const summaries = await runNotebooks(paths, { parameters, force: !!opts.force, timeoutS, allowErrors: !!opts.allowErrors, outDir: opts.out });
    const failed = summaries.filter((s) => s.outcome !== 'ok' && s.outcome !== 'frozen');
    for (const s of summaries) {
      process.stdout.write(`${s.outcome.padEnd(7)} ${s.notebook}${s.outcome === 'frozen' || s.outcome === 'ok' ? '' : `: ${describeFailure(s)}`}\n`);
    }
    const { code } = await renderCommand({
      out: opts.out,
      template: opts.template,
      paper: opts.paper,
      pdf: opts.pdf,
      frozen: summaries.filter((s) => s.outcome === 'frozen').map((s) => s.stem),
    });
    if (failed.length) {
      for (const s of failed) process.stderr.write(`synthrmt reports: ${s.notebook} failed (${s.outcome}): ${describeFailure(s)}\n`);
      process.exitCode = 1;
    } else if (code !== 0) {
      process.exitCode = code;
    }
  });
}

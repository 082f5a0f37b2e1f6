/**
 * `synthrmt reports [NOTEBOOK…] [--force] [--no-pdf] [-p name=value]… [--timeout S]
 * [--allow-errors] [--out DIR] [--template DIR] [--paper a4|letter]`: runs the notebooks (default
 * notebooks/*.ipynb; unchanged ones are frozen) and renders the reports — the README's main
 * command (`npm run reports`). The reports are rendered even when a notebook failed.
 * Exit status: 0 all ok; 1 a notebook failed (error, timeout or dead kernel) or the build
 * failed; 2 bad usage (nothing run); 3 no chromium (HTML built, no PDF).
 */
import type { Command } from 'commander';
import { addRenderOptions, parsePaper, renderCommand } from './render';
import { addRunOptions, defaultNotebooks, reportFailures, runAndList, runOptionsOf, type RunCliOptions } from './run';
import { UsageError } from './errors';

interface ReportsOptions extends RunCliOptions {
  template?: string;
  paper: string;
  pdf: boolean;
}

export function registerReports(program: Command): void {
  addRenderOptions(
    addRunOptions(
      program
        .command('reports')
        .description('run the notebooks (unchanged ones are skipped) and render the HTML/PDF reports')
        .argument('[notebooks...]', 'notebooks to run (default: notebooks/*.ipynb in name order)'),
    ),
  ).action(async (notebooks: string[], opts: ReportsOptions) => {
    const options = runOptionsOf(opts);
    parsePaper(opts.paper); // bad usage is reported before anything runs
    const paths = notebooks.length ? notebooks : defaultNotebooks();
    if (paths.length === 0) throw new UsageError('no notebooks given and none in notebooks/');
    const { summaries, failed } = await runAndList(paths, options);
    const { code } = await renderCommand({
      out: opts.out,
      template: opts.template,
      paper: opts.paper,
      pdf: opts.pdf,
      frozen: summaries.filter((s) => s.outcome === 'frozen').map((s) => s.stem),
    });
    if (failed.length) {
      reportFailures('reports', failed);
    } else if (code !== 0) {
      process.exitCode = code;
    }
  });
}

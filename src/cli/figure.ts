/**
 * `synthrmt figure NAME [--PARAM value]… [--out DIR] [--threads N] [--no-pdf]`: computes one
 * registered figure (src/figures/index.ts) with the paper's parameters, any of them overridden on
 * the command line, on worker threads with a progress line, and writes
 * OUT/<fileStem>.{svg,pdf,png,json} (default OUT = reports/figures; see ../render/figure-export.ts).
 *
 * Parameters are the figure's schema (../figures/param-schema.ts), spelled in kebab-case
 * (`--n-hat`, `--m-over-p`): number, integer (decimal only), numbers / integers (comma lists:
 * `--m-values 100,200,400`), string, boolean (`--flag`, `--flag true|false|yes|no|1|0`), each
 * within its allowed range or values (listed by `--help`). `--name=value` works too. The output
 * folder is checked before the work. Exit status: 0 done; 1 the computation failed; 2 unknown figure,
 * unknown parameter or bad value; 3 no chromium (SVG and JSON written, no PDF/PNG).
 */
import type { Command } from 'commander';
import { figures } from '../figures/index';
import { figureOptionsHelp, parseFigureArgs, ParameterError } from '../figures/param-schema';
import type { FigureDef } from '../figures/figure-def';
import { computeProgress } from '../io/progress';
import { EXIT_NO_CHROMIUM } from '../render/pdf';
import { resolveFigure, runFigure } from '../render/run-figure';
import { UsageError } from './errors';

/**
 * Reads `--kebab-name value` pairs against the figure's parameter schema (kinds, decimal
 * numbers, ranges, allowed values). An unknown name is a UsageError naming it and listing the
 * figure's parameters; a bad value names the parameter and what is allowed.
 */
export function parseFigureParams(def: FigureDef<any, any>, tokens: string[]): Record<string, unknown> {
  try {
    return parseFigureArgs(def, tokens);
  } catch (e) {
    if (e instanceof ParameterError) throw new UsageError(e.message);
    throw e;
  }
}

export interface FigureCommandOptions {
  out?: string;
  threads?: number;
  /** Make PDF and PNG (needs chromium); default true. */
  pdf?: boolean;
  quiet?: boolean;
}

/**
 * Computes figure `name` with parameters from `tokens` and writes its files; returns the paths
 * written and the exit status (0, or EXIT_NO_CHROMIUM when only SVG and JSON could be written).
 */
export async function figureCommand(name: string, tokens: string[], opts: FigureCommandOptions = {}): Promise<{ code: number; files: string[] }> {
  const def = resolveFigure(name);
  const overrides = parseFigureParams(def, tokens);
  const run = await runFigure(def, overrides, {
    out: opts.out ?? 'reports/figures',
    threads: opts.threads,
    pdf: opts.pdf,
    progress: computeProgress(def.name, { mode: opts.quiet ? 'quiet' : 'live' }),
  });
  if (!opts.quiet) for (const f of run.files) process.stdout.write(`${f}\n`);
  if (run.missingChromium) {
    process.stderr.write(`synthrmt figure: ${run.missingChromium.message}\n`);
    return { code: EXIT_NO_CHROMIUM, files: run.files };
  }
  return { code: 0, files: run.files };
}

function parseThreads(v: string): number {
  const t = Number(v);
  if (!Number.isInteger(t) || t < 1) throw new UsageError(`--threads must be a positive integer, got "${v}"`);
  return t;
}

export function registerFigure(program: Command): void {
  program
    .command('figure')
    .description('compute one figure (paper parameters unless overridden by --PARAM value) and write its SVG, PDF, PNG and JSON')
    .argument('<name>', 'figure name (e.g. fig3)')
    .option('--out <dir>', 'output folder', 'reports/figures')
    .option('--threads <n>', 'worker threads (default: SYNTHRMT_THREADS or all cores)')
    .option('--no-pdf', 'write SVG and JSON only (no chromium needed)')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', () => {
      const lines = Object.values(figures)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((f) => `  ${f.name.padEnd(12)} ${f.title}\n${figureOptionsHelp(f)}`);
      return `\nFigures and their parameters (<allowed values>; defaults: the paper's values):\n${lines.join('\n') || '  (none registered)'}\n`;
    })
    .action(async (name: string, opts: { out: string; threads?: string; pdf: boolean }, cmd: Command) => {
      // commander hands the figure's own --PARAM value pairs over as extra arguments.
      const tokens = cmd.args.slice(1);
      const { code } = await figureCommand(name, tokens, { out: opts.out, threads: opts.threads !== undefined ? parseThreads(opts.threads) : undefined, pdf: opts.pdf });
      if (code !== 0) process.exitCode = code;
    });
}

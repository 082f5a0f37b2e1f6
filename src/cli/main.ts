/**
 * Edge: the `synthrmt` command line. Each subcommand lives in its own module and registers
 * itself on the program. Exit status: 0 success, 1 a computation or run failed, 2 bad usage.
 * Library code throws domain errors; only this module maps them to exit statuses: a UsageError
 * (src/io/errors.ts) or RangeError (a bad value named by the core) → 2, a ConvergenceError → 1,
 * both without a stack trace; anything else → 1 with its stack.
 */
import { Command, CommanderError } from 'commander';
import { MissingFigureDataError } from '../figures/figure-def';
import { ConvergenceError } from '../rmt/fixed-points';
import { UsageError } from './errors';
import { registerTheory } from './theory';
import { registerOptimize } from './optimize';
import { registerRun } from './run';
import { registerRender } from './render';
import { registerFigure } from './figure';
import { registerReports } from './reports';
import { registerCheck } from './check';

export function buildProgram(): Command {
  const program = new Command('synthrmt')
    .description('Synthetic-data theory, simulations, notebooks and reports (El Firdoussi et al. 2025; Gan & Liu)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerTheory(program);
  registerOptimize(program);
  registerRun(program);
  registerRender(program);
  registerFigure(program);
  registerReports(program);
  registerCheck(program);
  return program;
}

/** Runs the CLI and sets `process.exitCode`. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version requests end with exit code 0; every parse error is a usage error.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof UsageError || e instanceof RangeError) {
      process.stderr.write(`synthrmt: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (e instanceof ConvergenceError || e instanceof MissingFigureDataError) {
      // a computation that failed on valid input: the message says why; no stack trace
      process.stderr.write(`synthrmt: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`synthrmt: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}

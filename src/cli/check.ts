/**
 * `synthrmt check [--out DIR] [--json]`: the reproduction scorecard of the last build
 * (../render/scorecard.ts): one row per check — id, title, measured value, tolerance, ✔/✘, source.
 * `--json` prints {"checks": [{id, title, passed, measured, tolerance, comparison, unit, source, detail}]}.
 * Exit status: 0 every check passes; 1 any fails; 2 no build to check (or bad usage).
 */
import type { Command } from 'commander';
import { checkNumbers, readScorecard } from '../render/scorecard';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('reproduction scorecard of the last build: theory, simulations and figures against the papers (exit 1 if a check fails)')
    .option('--out <dir>', 'the build to check', 'reports')
    .option('--json', 'print the checks as JSON')
    .action(async (opts: { out: string; json?: boolean }) => {
      const checks = await readScorecard(opts.out);
      if (opts.json) process.stdout.write(`${JSON.stringify({ checks }, null, 1)}\n`);
      else {
        for (const c of checks) {
          process.stdout.write(`${c.passed ? '✔' : '✘'} ${c.id}  ${c.title}\n    ${checkNumbers(c)}${c.unit ? ` (${c.unit})` : ''}\n    ${c.detail}\n    source: ${c.source}\n`);
        }
        const failed = checks.filter((c) => !c.passed).length;
        process.stdout.write(`${checks.length - failed} of ${checks.length} checks pass${failed ? `; ${failed} fail` : ''}\n`);
      }
      if (checks.some((c) => !c.passed)) process.exitCode = 1;
    });
}

import type { Command } from 'commander';

/** Registers `synthrmt run` (not built yet). */
export function registerRun(program: Command): void {
  program.command('run').description('(not built yet)').action(() => {
    throw new Error('synthrmt run is not built yet');
  });
}

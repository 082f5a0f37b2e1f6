import type { Command } from 'commander';

/** Registers `synthrmt theory` (not built yet). */
export function registerTheory(program: Command): void {
  program.command('theory').description('(not built yet)').action(() => {
    throw new Error('synthrmt theory is not built yet');
  });
}

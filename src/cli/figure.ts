import type { Command } from 'commander';

/** Registers `synthrmt figure` (not built yet). */
export function registerFigure(program: Command): void {
  program.command('figure').description('(not built yet)').action(() => {
    throw new Error('synthrmt figure is not built yet');
  });
}

import type { Command } from 'commander';

/** Registers `synthrmt render` (not built yet). */
export function registerRender(program: Command): void {
  program.command('render').description('(not built yet)').action(() => {
    throw new Error('synthrmt render is not built yet');
  });
}

/**
 * Every figure synthrmt can make, by command-line name. Figure modules register here.
 */
import type { FigureDef } from './registry-types';

export const figures: Record<string, FigureDef<any, any>> = {};

/** The figure called `name`, or a RangeError listing the known names. */
export function getFigure(name: string): FigureDef<any, any> {
  const f = figures[name];
  if (!f) throw new RangeError(`unknown figure "${name}"; known figures: ${Object.keys(figures).sort().join(', ') || '(none)'}`);
  return f;
}

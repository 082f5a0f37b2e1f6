/**
 * Every figure synthrmt can make, by command-line name. Figure modules register here.
 */
import type { FigureDef } from './figure-def';
import { fig1 } from './fig1-marchenko-pastur';
import { fig2 } from './fig2-fixed-points';
import { fig3 } from './fig3-accuracy';
import { fig4 } from './fig4-phase-transition';
import { gmmScatter } from './ganliu-fig2-gmm';
import { klgap } from './ganliu-fig4-klgap';
import { fig5 } from './fig5-mnist-samples';
import { fig7 } from './fig7-mnist-accuracy';
import { weightFigure } from './weight-accuracy';
import { weightMapFigure } from './weight-map';
import { weightShareFigure } from './weight-share';

export const figures: Record<string, FigureDef<any, any>> = {
  fig1,
  fig2,
  fig3,
  fig4,
  gmm: gmmScatter,
  klgap,
  fig5, fig7,
  weight: weightFigure,
  'weight-map': weightMapFigure,
  'weight-share': weightShareFigure,
};

/** The figure called `name`, or a RangeError listing the known names. */
export function getFigure(name: string): FigureDef<any, any> {
  const f = figures[name];
  if (!f) throw new RangeError(`unknown figure "${name}"; known figures: ${Object.keys(figures).sort().join(', ') || '(none)'}`);
  return f;
}

/** Test helper: a figure's Vega-Lite spec compiles and renders to SVG headlessly (no I/O). */
import assert from 'node:assert/strict';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Compiles `spec` (warnings collected), renders it to SVG and returns the SVG and the warnings. */
export async function renderSpec(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...a: unknown[]) => { throw new Error(a.join(' ')); },
    warn: (...a: unknown[]) => { warnings.push(a.join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const vg = compile(spec, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  assert.match(svg, /^<svg/);
  return { svg, warnings };
}

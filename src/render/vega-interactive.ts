/**
 * Edge: the specification given to vega-embed in the browser. Pure JSON transformation.
 *
 * - `$schema` (a URL) and `usermeta` (our figure's data, already exported beside it) are
 *   dropped: the page references no remote resource and stays small.
 * - Tooltips: marks show their encoded fields (`config.mark.tooltip = true`) unless the
 *   specification sets tooltips itself.
 * - Zoom and pan: when no view of the figure declares `params` of its own, every view plotting a
 *   quantitative/temporal x against a quantitative/temporal y gets an interval selection bound
 *   to its scales (mouse wheel zooms, drag pans, double-click resets).
 */

type Json = Record<string, unknown>;

function isObj(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Whether any view in the specification declares params (or VL4 selections). */
export function hasParams(spec: unknown): boolean {
  if (Array.isArray(spec)) return spec.some(hasParams);
  if (!isObj(spec)) return false;
  if ('params' in spec || 'selection' in spec) return true;
  return ['layer', 'concat', 'hconcat', 'vconcat', 'spec'].some((k) => k in spec && hasParams(spec[k]));
}

function continuous(channel: unknown): boolean {
  return isObj(channel) && (channel.type === 'quantitative' || channel.type === 'temporal');
}

/** Adds scale-bound zoom to the views that can take it; `inherited` is the parent's encoding. */
function addZoom(view: Json, counter: { n: number }, inherited: Json = {}): void {
  const encoding: Json = { ...inherited, ...(isObj(view.encoding) ? view.encoding : {}) };
  if (Array.isArray(view.layer)) {
    // One selection per layered view: on the first layer that has continuous x and y.
    for (const layer of view.layer) {
      if (!isObj(layer)) continue;
      const enc = { ...encoding, ...(isObj(layer.encoding) ? layer.encoding : {}) };
      if ('mark' in layer && continuous(enc.x) && continuous(enc.y)) {
        layer.params = [{ name: `zoom_${++counter.n}`, select: 'interval', bind: 'scales' }];
        return;
      }
    }
    return;
  }
  for (const k of ['concat', 'hconcat', 'vconcat'] as const) {
    const parts = view[k];
    if (Array.isArray(parts)) for (const p of parts) if (isObj(p)) addZoom(p, counter);
  }
  if ('mark' in view && continuous(encoding.x) && continuous(encoding.y)) {
    view.params = [{ name: `zoom_${++counter.n}`, select: 'interval', bind: 'scales' }];
  }
}

/** The browser-side (vega-embed) version of a Vega-Lite specification. */
export function interactiveSpec(spec: Json): Json {
  const s = structuredClone(spec);
  delete s.$schema;
  delete s.usermeta;
  const config = isObj(s.config) ? s.config : {};
  const mark = isObj(config.mark) ? config.mark : {};
  s.config = { ...config, mark: { ...mark, tooltip: mark.tooltip ?? true } };
  if (!hasParams(s)) addZoom(s, { n: 0 });
  return s;
}

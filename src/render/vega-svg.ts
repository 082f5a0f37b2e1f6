/**
 * Edge: Vega-Lite specification → static SVG, in Node, at build time (vega-lite `compile`, then a
 * headless vega `View` with renderer 'none' and `toSVG`). Text is measured with the real DejaVu
 * font metrics (./font-metrics.ts). Data must be inline: the loader refuses every URL, so a
 * figure can never depend on the network.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { textWidth } from './font-metrics';

interface TextItem {
  font?: string;
  fontSize?: number;
  fontWeight?: string | number;
  fontStyle?: string;
}

let metricsInstalled = false;

/** Gives Vega text widths from font files instead of its 0.8 em/character estimate. */
function installTextMetrics(): void {
  if (metricsInstalled) return;
  const tm = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  tm.width = (item: TextItem, text: unknown): number => {
    const s = text == null ? '' : String(text);
    const size = item.fontSize ?? 11;
    if (!s || size <= 0) return 0;
    const w = item.fontWeight;
    const bold = w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);
    return textWidth(s, size, item.font ?? 'sans-serif', bold, item.fontStyle === 'italic' || item.fontStyle === 'oblique');
  };
  metricsInstalled = true;
}

/** A loader that refuses any external resource (data: URLs excepted). */
function offlineLoader(): vega.Loader {
  const loader = vega.loader();
  loader.load = async (uri: string): Promise<string> => {
    throw new RangeError(`figure specification loads "${uri}"; reports are built offline: put the data inline (data.values)`);
  };
  loader.sanitize = async (uri: string): Promise<{ href: string }> => {
    if (uri.startsWith('data:')) return { href: uri };
    throw new RangeError(`figure specification references "${uri}"; only inline data: URLs are allowed`);
  };
  return loader;
}

export interface StaticSvg {
  /** A standalone SVG document (with its xmlns declarations). */
  svg: string;
  /** Size in Vega units (theme units: points). */
  width: number;
  height: number;
}

/** Renders a Vega-Lite specification to SVG. Throws with the compiler's message on a bad spec. */
export async function vegaLiteToSvg(spec: TopLevelSpec | Record<string, unknown>): Promise<StaticSvg> {
  installTextMetrics();
  const vgSpec = compile(spec as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader: offlineLoader() } as vega.ViewOptions);
  try {
    const svg = await view.toSVG();
    const m = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    if (!m) throw new Error('vega produced an SVG without width/height');
    return { svg, width: Number(m[1]), height: Number(m[2]) };
  } finally {
    view.finalize();
  }
}

let idCounter = 0;

/**
 * Makes a standalone SVG fit to be inlined in an HTML page among others: drops the XML namespace
 * declarations (the HTML parser puts <svg> in the SVG namespace by itself) and gives every id a
 * page-unique prefix so clip paths and gradients of different figures cannot collide.
 */
export function inlineSvg(svg: string, prefix = `s${++idCounter}`): string {
  let out = svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
  const ids = new Set<string>();
  out.replace(/\sid="([^"]+)"/g, (_m, id: string) => {
    ids.add(id);
    return '';
  });
  if (ids.size === 0) return out;
  out = out.replace(/(\sid=")([^"]+)(")/g, (_m, a: string, id: string, c: string) => `${a}${prefix}-${id}${c}`);
  out = out.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : m));
  out = out.replace(/((?:xlink:)?href=")#([^"]+)"/g, (m, a: string, id: string) => (ids.has(id) ? `${a}#${prefix}-${id}"` : m));
  return out;
}

/**
 * Edge: the local assets that make a report work offline, from file://, with no CDN:
 * - KaTeX's stylesheet, inlined in each page, its fonts (woff2 only) copied to assets/katex/;
 * - highlight.js's GitHub light theme, inlined;
 * - vega, vega-lite and vega-embed's browser bundles copied to assets/, plus the small script
 *   that hands each figure's specification to vega-embed (assets/synthrmt-figures.js), with
 *   vega-interpreter so that vega evaluates expressions without `new Function` (the pages'
 *   Content-Security-Policy allows no eval).
 * Comments are stripped from the inlined CSS (they hold the projects' homepage URLs).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The installed directory of package `name` (found from its main file: not every package exports package.json). */
function pkgDir(name: string): string {
  let d = dirname(require.resolve(name));
  for (;;) {
    // The package's own directory (not a nested build/package.json): node_modules/<name>.
    if (basename(d) === name && basename(dirname(d)) === 'node_modules' && existsSync(join(d, 'package.json'))) return d;
    const up = dirname(d);
    if (up === d) throw new Error(`cannot find the installed package ${name}`);
    d = up;
  }
}

function stripCssComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

let katexCssCache: string | undefined;

/** KaTeX's CSS with its fonts pointing at assets/katex/ (woff2 only: every current browser reads it). */
export function katexCss(): string {
  if (katexCssCache === undefined) {
    const css = stripCssComments(readFileSync(join(pkgDir('katex'), 'dist', 'katex.min.css'), 'utf8'));
    katexCssCache = css.replace(/src:([^;}]*)/g, (_m, list: string) => {
      const woff2 = /url\(fonts\/([\w-]+\.woff2)\)\s*format\("woff2"\)/.exec(list);
      if (!woff2) throw new Error(`unexpected KaTeX font declaration: ${list.slice(0, 80)}`);
      return `src:url(assets/katex/${woff2[1]}) format("woff2")`;
    });
  }
  return katexCssCache;
}

/** highlight.js's light GitHub theme. */
export function highlightCss(): string {
  return stripCssComments(readFileSync(join(pkgDir('highlight.js'), 'styles', 'github.min.css'), 'utf8')).trim();
}

/** Scripts a page with interactive figures loads, relative to the page (reports/). */
export const FIGURE_SCRIPTS = [
  'assets/vega.min.js',
  'assets/vega-interpreter.min.js',
  'assets/vega-lite.min.js',
  'assets/vega-embed.min.js',
  'assets/synthrmt-figures.js',
];

/** Hands each figure's specification to vega-embed; on success the live chart replaces the SVG. */
const FIGURES_JS = `/* synthrmt: make the report's figures interactive (tooltips, zoom) with vega-embed. */
(function () {
  'use strict';
  if (typeof vegaEmbed !== 'function' || typeof vega === 'undefined' || !vega.expressionInterpreter) return;
  var figures = document.querySelectorAll('figure.vl-figure');
  Array.prototype.forEach.call(figures, function (fig) {
    var specEl = fig.querySelector('script.vl-spec');
    var live = fig.querySelector('.vl-live');
    if (!specEl || !live) return;
    var spec;
    try { spec = JSON.parse(specEl.textContent); } catch (e) { return; }
    vegaEmbed(live, spec, {
      mode: 'vega-lite',
      // Expressions interpreted, not compiled with new Function: runs under the page's CSP.
      ast: true,
      expr: vega.expressionInterpreter,
      renderer: 'svg',
      tooltip: true,
      actions: { export: true, source: false, compiled: false, editor: false }
    }).then(function () {
      fig.classList.add('is-live');
    }).catch(function (e) {
      live.textContent = '';
      if (window.console) console.warn('synthrmt: figure ' + fig.id + ' stays static:', e);
    });
  });
})();
`;

/** Writes assets/ under `outDir` (KaTeX fonts, vega bundles, the figure script). */
export function writeAssets(outDir: string): string[] {
  const written: string[] = [];
  const assets = join(outDir, 'assets');
  const fonts = join(assets, 'katex');
  mkdirSync(fonts, { recursive: true });
  const katexFonts = join(pkgDir('katex'), 'dist', 'fonts');
  for (const f of readdirSync(katexFonts)) {
    if (!f.endsWith('.woff2')) continue;
    copyFileSync(join(katexFonts, f), join(fonts, f));
    written.push(join(fonts, f));
  }
  const bundles: [string, string][] = [
    [join(pkgDir('vega'), 'build', 'vega.min.js'), 'vega.min.js'],
    // The CSP-safe expression interpreter (adds vega.expressionInterpreter to the vega global).
    [join(pkgDir('vega-interpreter'), 'build', 'vega-interpreter.min.js'), 'vega-interpreter.min.js'],
    [join(pkgDir('vega-lite'), 'build', 'vega-lite.min.js'), 'vega-lite.min.js'],
    [join(pkgDir('vega-embed'), 'build', 'vega-embed.min.js'), 'vega-embed.min.js'],
  ];
  for (const [from, name] of bundles) {
    // Drop the source-map comment: the maps are not shipped.
    const js = readFileSync(from, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    writeFileSync(join(assets, name), js);
    written.push(join(assets, name));
  }
  writeFileSync(join(assets, 'synthrmt-figures.js'), FIGURES_JS);
  written.push(join(assets, 'synthrmt-figures.js'));
  return written;
}

/**
 * Edge: reports/explorer.html — the theory in the browser. One self-contained page (works from
 * file://, no server, no network): the controls as a plain form, and one inline script bundled by
 * esbuild from ./explorer/entry.ts, which carries the project's own theory (src/rmt, through
 * ./explorer/model) and vega-embed (Vega-Lite → SVG).
 *
 * Content-Security-Policy (in the page): `default-src 'none'`; scripts only the inline bundle, by
 * its sha256 hash (Vega runs with its CSP-safe expression interpreter, no 'unsafe-eval');
 * `style-src 'unsafe-inline'` for the page's and vega's styles; images only data: and blob:.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../io/fs-atomic';
import { escapeHtml } from './html';
import { CONTROL_DEFAULTS, CONTROL_NAMES, type Controls } from './explorer/model';

/** The browser entry (TypeScript source; esbuild compiles it, tsc does not). */
export const EXPLORER_ENTRY = resolve(__dirname, '..', '..', '..', 'src', 'render', 'explorer', 'entry.ts');

/** The bundled script: IIFE, minified, with `</script` and `<!--` made harmless for inlining. */
export async function bundleExplorer(): Promise<string> {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = await esbuild.build({
    entryPoints: [EXPLORER_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'eof', // the bundled packages' licence notices, at the end
    charset: 'utf8',
    logLevel: 'silent',
  });
  const js = out.outputFiles[0].text;
  // Inside a <script> element the HTML parser ends the script at "</script" and is confused by "<!--".
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The CSP's hash source of an inline script's exact text. */
export function scriptHash(js: string): string {
  return `'sha256-${createHash('sha256').update(js, 'utf8').digest('base64')}'`;
}

interface ControlSpec {
  label: string;
  kind: 'select' | 'number' | 'range';
  options?: [value: string, label: string][];
  min?: number;
  max?: number;
  step?: number | 'any';
  help?: string;
}

const CONTROLS: Record<keyof Controls, ControlSpec> = {
  model: { label: 'model', kind: 'select', options: [['toy', 'toy (real + synthetic, Ĉ from n̂ samples)'], ['synthetic-only', 'synthetic only (Corollary 4.3)']] },
  pruning: { label: 'pruning', kind: 'select', options: [['paper', 'paper (published formulas)'], ['exact', 'exact (0/1 mask)']] },
  n: { label: 'n (real samples)', kind: 'number', min: 0, step: 1 },
  nHat: { label: 'n̂ (samples behind Ĉ)', kind: 'number', min: 1, step: 1 },
  m: { label: 'm (synthetic, ε and β views)', kind: 'number', min: 1, step: 1 },
  p: { label: 'p (dimension)', kind: 'number', min: 1, step: 1 },
  mu: { label: '‖μ‖', kind: 'number', min: 0, step: 'any' },
  epsilon: { label: 'ε (label noise)', kind: 'range', min: 0, max: 1, step: 0.01 },
  rho: { label: 'ρ (keep a wrong label)', kind: 'range', min: 0, max: 1, step: 0.01 },
  phi: { label: 'φ (keep a right label)', kind: 'range', min: 0, max: 1, step: 0.01 },
  gamma: { label: 'γ (ridge penalty)', kind: 'number', min: 0, step: 'any' },
  weight: { label: 'β (weight of synthetic)', kind: 'number', min: 0, step: 'any' },
};

function controlHtml(name: keyof Controls): string {
  const c = CONTROLS[name];
  const value = String(CONTROL_DEFAULTS[name]);
  const id = `c-${name}`;
  const attrs = (['min', 'max', 'step'] as const).map((k) => (c[k] !== undefined ? ` ${k}="${c[k]}"` : '')).join('');
  let input: string;
  if (c.kind === 'select') {
    const opts = c.options!.map(([v, l]) => `<option value="${escapeHtml(v)}"${v === value ? ' selected' : ''}>${escapeHtml(l)}</option>`).join('');
    input = `<select id="${id}" name="${name}">${opts}</select>`;
  } else {
    input = `<input id="${id}" name="${name}" type="${c.kind}" value="${escapeHtml(value)}"${attrs}>`;
    if (c.kind === 'range') input += ` <output for="${name}">${escapeHtml(value)}</output>`;
  }
  return `<label for="${id}">${escapeHtml(c.label)}</label><span>${input}</span>`;
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:1180px;margin:0 auto;padding:1.2rem 1.5rem 3rem}
h1{font-size:1.45rem;margin:.2rem 0 .4rem}
p.lead{margin:.2rem 0 1rem;max-width:62rem}
#controls{display:grid;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:.35rem 1.2rem;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem}
#controls>div{display:grid;grid-template-columns:9.5rem 1fr;align-items:center;gap:.5rem}
label{font-size:.9rem;color:#444}
#controls input[type=number],#controls select{width:100%;box-sizing:border-box;font:inherit;padding:.1rem .25rem}
#controls input[type=range]{width:70%;vertical-align:middle}
output{font-variant-numeric:tabular-nums;font-size:.9rem}
#status{color:#a00;min-height:1.2em;margin:.4rem 0}
.views{display:flex;flex-wrap:wrap;gap:1rem;margin-top:.4rem}
figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem .8rem;flex:1 1 25rem}
figcaption{font-weight:600;margin-bottom:.3rem}
.note{font-size:.85rem;color:#555;margin:.3rem 0 0}
.note.error{color:#a00}
footer{font-size:.8rem;color:#777;margin-top:1.5rem}
`;

const VIEW_CAPTIONS: [id: string, caption: string][] = [
  ['share', 'Accuracy against the synthetic share (Figure 3 style); dashed: trained on the n real samples only'],
  ['epsilon', 'Signed accuracy against the label noise ε (Figure 4 style); red: ε* = φ/(φ+ρ)'],
  ['weight', 'Accuracy against the weight β of the synthetic samples; red: the optimum'],
];

/** The page around a bundled script. */
export function explorerHtml(js: string): string {
  const csp = [
    "default-src 'none'",
    `script-src ${scriptHash(js)}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const controls = CONTROL_NAMES.map((n) => `<div>${controlHtml(n)}</div>`).join('\n');
  const figures = VIEW_CAPTIONS.map(([id, cap]) => `<figure id="view-${id}"><figcaption>${escapeHtml(cap)}</figcaption><div class="chart"></div><p class="note"></p></figure>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Theory explorer — synthrmt</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>Theory explorer</h1>
<p class="lead">The random-matrix theory of El Firdoussi et al. (2025), computed in this page by the project's own
code (the functions behind <code>synthrmt theory</code>): change a parameter and every view is recomputed.
Accuracies are the signed test accuracy Φ(E[g]/σ) (below 1/2: worse than chance).</p>
<form id="controls" autocomplete="off">
${controls}
</form>
<p id="status" role="status"></p>
<section class="views">
${figures}
</section>
<footer>Every plotted point can be recomputed with <code>synthrmt theory --batch</code>: <code>window.synthrmtExplorer.data()</code> lists them.
Drawn with Vega, Vega-Lite and vega-embed (BSD-3-Clause, © the University of Washington Interactive Data Lab), bundled in this page.</footer>
</main>
<script>${js}</script>
</body>
</html>
`;
}

export interface ExplorerBuild {
  file: string;
  /** size of explorer.html and of its script, bytes */
  bytes: number;
  scriptBytes: number;
  /** time to bundle the script (≈ 0 when this process had bundled it already), ms */
  bundleMs: number;
}

let bundled: Promise<string> | undefined;

/**
 * Bundles the script (once per process unless `cache` is false: a render, or a test suite calling
 * it repeatedly, bundles once) and writes the page to `outFile` (atomically).
 */
export async function buildExplorer(outFile: string, options: { cache?: boolean } = {}): Promise<ExplorerBuild> {
  const t0 = Date.now();
  if (options.cache === false || bundled === undefined) {
    bundled = bundleExplorer();
    bundled.catch(() => (bundled = undefined)); // a failed bundle is not kept
  }
  const js = await bundled;
  const bundleMs = Date.now() - t0;
  const html = explorerHtml(js);
  writeFileAtomic(outFile, html);
  return { file: outFile, bytes: Buffer.byteLength(html, 'utf8'), scriptBytes: Buffer.byteLength(js, 'utf8'), bundleMs };
}

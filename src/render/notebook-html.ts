/**
 * Edge: one executed notebook → the HTML of its report (an <article>), plus the figures it shows.
 *
 * Markdown cells go through markdown-it + KaTeX; code cells are highlighted (TypeScript) and
 * folded in <details> labelled with their execution count; outputs appear in place:
 * - streams and text/plain: escaped in <pre> (ANSI codes stripped, carriage returns applied);
 * - text/html: as is (our display helpers escape what they embed);
 * - text/markdown: through markdown-it with raw HTML disabled (escaped) and KaTeX;
 * - image/png, image/jpeg: <img> data URLs; image/svg+xml: <img> data URL (its own document,
 *   so ids and styles cannot leak into the page and any script in it never runs);
 * - errors: a red box with `ename: evalue` and the traceback;
 * - application/vnd.vegalite.v5+json: a static SVG made at build time, and the specification
 *   for vega-embed to make it interactive in the browser (the SVG stays for print and no-JS).
 * Jupyter Book's cell tags are honoured: remove-cell, remove-input, remove-output, show-input.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PaperSize } from '../plot/theme';
import { PAPER_WIDTH_PT } from '../plot/theme';
import { hasTag, mergeStreams, sourceText, type Cell, type Notebook, type Output } from '../io/nbformat';
import { applyCarriageReturns, escapeHtml, jsonForScript, stripAnsi } from './html';
import { createMarkdown, highlightCode, type MarkdownEnv } from './markdown';
import { interactiveSpec } from './vega-interactive';
import { inlineSvg, vegaLiteToSvg, type StaticSvg } from './vega-svg';
import type { StoredRunRecord } from '../io/run-record';
import { differingText, runParameters, type RunParameters } from './run-parameters';

/** The sidecar written by the runner beside each executed notebook (<stem>.run.json), as read back. */
export type RunInfo = StoredRunRecord;

/** A figure shown by a notebook, to be exported as reports/figures/<stem>.*. */
export interface FigureOutput {
  stem: string;
  /** Absent for a figure made of images only. */
  spec?: TopLevelSpec;
  /** The spec rendered to SVG for the page, reused by the export (each figure is rendered once per build). */
  svg?: StaticSvg;
  data: unknown;
  size: PaperSize;
  /** The figure's image grid (an image/png output tagged with the figure's stem). */
  imagesPng?: Buffer;
  /** Notebook and cell that showed it (for messages). */
  from: string;
}

export interface RenderedNotebook {
  stem: string;
  /** Title as plain text (for <title>) and as HTML (for the contents). */
  title: string;
  titleHtml: string;
  /** `<article class="notebook">…</article>`. */
  html: string;
  figures: FigureOutput[];
  /** Whether the article has figures that vega-embed should make interactive. */
  interactive: boolean;
  warnings: string[];
  /** The run's parameters: defaults, all, and those differing from the paper's (./run-parameters.ts). */
  parameters: RunParameters;
}

const VEGALITE_MIMES = ['application/vnd.vegalite.v5+json', 'application/vnd.vegalite.v4+json'];
const MIME_ORDER = [...VEGALITE_MIMES, 'image/svg+xml', 'image/png', 'image/jpeg', 'text/html', 'text/markdown', 'text/latex', 'text/plain'];

const mdCells = createMarkdown({ html: true });
const mdOutputs = createMarkdown({ html: false });

/** The run status shown for a notebook: the runner's status, or `frozen` for a skipped run. */
export function displayStatus(run: RunInfo | undefined): string {
  if (!run) return 'unknown';
  if (run.frozen === true) return 'frozen';
  return typeof run.status === 'string' && run.status ? run.status : 'unknown';
}

/** "2025-11-21 18:52 UTC" from an ISO date; the input unchanged if it is not a date. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.join('');
  return v === undefined || v === null ? '' : JSON.stringify(v, null, 1);
}

/** The notebook's title: its first Markdown heading, else the file stem. */
function findTitle(nb: Notebook, stem: string): { text: string; html: string } {
  for (const c of nb.cells) {
    if (c.cell_type !== 'markdown') continue;
    const m = /^\s{0,3}#{1,2}\s+(.+?)\s*#*\s*$/m.exec(sourceText(c.source));
    if (m) {
      const plain = m[1].replace(/\$([^$]+)\$/g, '$1').replace(/[*_`\\]/g, '').trim();
      return { text: plain, html: mdCells.renderInline(m[1], {}) };
    }
  }
  return { text: stem, html: escapeHtml(stem) };
}

function preBlock(cls: string, s: string): string {
  return `<pre class="${cls}">${escapeHtml(applyCarriageReturns(stripAnsi(s)))}</pre>`;
}

interface Ctx {
  stem: string;
  env: MarkdownEnv;
  figures: FigureOutput[];
  warnings: string[];
  interactive: boolean;
  figureCount: number;
}

async function renderVegaLite(spec: Record<string, unknown>, ctx: Ctx, cellNo: number): Promise<string> {
  const usermeta = (typeof spec.usermeta === 'object' && spec.usermeta ? spec.usermeta : {}) as Record<string, unknown>;
  const stem = typeof usermeta.synthrmtFigure === 'string' ? usermeta.synthrmtFigure : undefined;
  const size: PaperSize | undefined = usermeta.synthrmtSize === 'double' ? 'double' : usermeta.synthrmtSize === 'single' ? 'single' : undefined;
  const n = ++ctx.figureCount;
  const idPrefix = `${ctx.stem}-f${n}`;
  let svg;
  try {
    svg = await vegaLiteToSvg(spec);
  } catch (e) {
    const msg = `${ctx.stem}, cell ${cellNo}: figure${stem ? ` ${stem}` : ''} could not be rendered: ${(e as Error).message}`;
    ctx.warnings.push(msg);
    return `<div class="output output-error"><div class="error-title">Figure not rendered</div>${preBlock('traceback', (e as Error).message)}</div>`;
  }
  if (stem) {
    ctx.figures.push({ stem, spec: spec as unknown as TopLevelSpec, svg, data: usermeta.synthrmtData ?? specData(spec), size: size ?? 'single', from: `${ctx.stem}, cell ${cellNo}` });
  }
  ctx.interactive = true;
  // Printed at paper size (1 unit = 1 pt, scaled to the column width), on screen at 1 unit = 1 px.
  const printWidthPt = size ? PAPER_WIDTH_PT[size] : svg.width;
  const links = stem
    ? `<figcaption><span class="fig-name">${escapeHtml(stem)}</span><span class="fig-files"> · ${(['svg', 'pdf', 'png', 'json'] as const)
        .map((ext) => `<a href="figures/${encodeURIComponent(stem)}.${ext}">${ext}</a>`)
        .join(' ')}</span></figcaption>`
    : '';
  return (
    `<figure class="vl-figure${size ? ` size-${size}` : ''}" id="${escapeHtml(idPrefix)}" style="--fig-w:${printWidthPt}pt;--fig-screen-w:${svg.width}px">` +
    `<div class="vl-static">${inlineSvg(svg.svg, idPrefix)}</div>` +
    `<div class="vl-live"></div>` +
    `<script type="application/json" class="vl-spec">${jsonForScript(interactiveSpec(spec))}</script>` +
    links +
    `</figure>`
  );
}

/** The data values of a specification (top-level data, datasets and layers), for the .json export. */
export function specData(spec: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = {};
  const visit = (s: unknown, path: string): void => {
    if (typeof s !== 'object' || s === null) return;
    const o = s as Record<string, unknown>;
    const data = o.data as Record<string, unknown> | undefined;
    if (data && 'values' in data) out[path || 'data'] = data.values;
    for (const k of ['layer', 'concat', 'hconcat', 'vconcat']) {
      const parts = o[k];
      if (Array.isArray(parts)) parts.forEach((p, i) => visit(p, `${path ? `${path}.` : ''}${k}[${i}]`));
    }
    if (o.spec) visit(o.spec, `${path ? `${path}.` : ''}spec`);
  };
  visit(spec, '');
  if (spec.datasets && typeof spec.datasets === 'object') Object.assign(out, spec.datasets);
  const keys = Object.keys(out);
  return keys.length === 1 && keys[0] === 'data' ? out.data : out;
}

/** An image grid shown for figure `stem`: joins the figure's export (or makes an images-only one). */
function attachImages(ctx: Ctx, stem: string, png: Buffer, cellNo: number): void {
  const fig = [...ctx.figures].reverse().find((f) => f.stem === stem);
  if (fig) fig.imagesPng = png;
  else ctx.figures.push({ stem, data: null, size: 'single', imagesPng: png, from: `${ctx.stem}, cell ${cellNo}` });
}

async function renderOutput(o: Output, ctx: Ctx, cellNo: number): Promise<string> {
  if (o.output_type === 'stream') {
    return preBlock(`output output-stream stream-${o.name === 'stderr' ? 'stderr' : 'stdout'}`, text(o.text));
  }
  if (o.output_type === 'error') {
    const tb = (o.traceback ?? []).map((l) => stripAnsi(l)).join('\n');
    return (
      `<div class="output output-error" role="note"><div class="error-title"><span class="ename">${escapeHtml(stripAnsi(o.ename ?? 'Error'))}</span>: ` +
      `<span class="evalue">${escapeHtml(stripAnsi(o.evalue ?? ''))}</span></div>` +
      (tb.trim() ? `<pre class="traceback">${escapeHtml(tb)}</pre>` : '') +
      `</div>`
    );
  }
  const data = (o.data ?? {}) as Record<string, unknown>;
  const metadata = (o.metadata ?? {}) as Record<string, unknown>;
  const mime = MIME_ORDER.find((m) => m in data);
  if (!mime) {
    const kinds = Object.keys(data).join(', ') || 'nothing';
    ctx.warnings.push(`${ctx.stem}, cell ${cellNo}: an output of type ${kinds} cannot be shown`);
    return '';
  }
  const v = data[mime];
  switch (mime) {
    case 'application/vnd.vegalite.v5+json':
    case 'application/vnd.vegalite.v4+json': {
      const spec = typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>);
      return `<div class="output output-figure">${await renderVegaLite(spec, ctx, cellNo)}</div>`;
    }
    case 'image/svg+xml':
      return `<div class="output output-image"><img alt="" src="data:image/svg+xml;base64,${Buffer.from(text(v)).toString('base64')}"></div>`;
    case 'image/png':
    case 'image/jpeg': {
      const tag = metadata.synthrmt as { figure?: unknown; kind?: unknown } | undefined;
      if (mime === 'image/png' && tag && typeof tag.figure === 'string' && tag.kind === 'images') attachImages(ctx, tag.figure, Buffer.from(text(v), 'base64'), cellNo);
      const meta = (metadata[mime] ?? {}) as { width?: number; height?: number };
      const dims = `${typeof meta.width === 'number' ? ` width="${meta.width}"` : ''}${typeof meta.height === 'number' ? ` height="${meta.height}"` : ''}`;
      return `<div class="output output-image"><img alt=""${dims} src="data:${mime};base64,${text(v).replace(/\s+/g, '')}"></div>`;
    }
    case 'text/html':
      return `<div class="output output-html">${text(v)}</div>`;
    case 'text/markdown':
      return `<div class="output output-markdown">${mdOutputs.render(text(v), ctx.env)}</div>`;
    case 'text/latex':
      return `<div class="output output-markdown">${mdOutputs.render(text(v), ctx.env)}</div>`;
    default:
      return preBlock('output output-text', text(v));
  }
}

function firstLine(code: string): string {
  const line = code.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}

async function renderCell(cell: Cell, i: number, ctx: Ctx): Promise<string> {
  if (hasTag(cell, 'remove-cell')) return '';
  const id = `${ctx.stem}-cell-${i + 1}`;
  if (cell.cell_type === 'markdown') {
    const env: MarkdownEnv = ctx.env;
    env.attachments = (cell.attachments ?? {}) as MarkdownEnv['attachments'];
    const html = mdCells.render(sourceText(cell.source), env);
    env.attachments = undefined;
    return `<section class="cell markdown-cell" id="${escapeHtml(id)}">${html}</section>\n`;
  }
  if (cell.cell_type !== 'code') return ''; // raw cells are not part of a rendered report
  const code = sourceText(cell.source);
  const parts: string[] = [];
  const tags = Array.isArray(cell.metadata.tags) ? cell.metadata.tags : [];
  if (!hasTag(cell, 'remove-input') && code.trim() !== '') {
    const count = cell.execution_count ?? ' ';
    const label = tags.includes('injected-parameters') ? ' <span class="cell-tag">injected parameters</span>' : tags.includes('parameters') ? ' <span class="cell-tag">parameters</span>' : '';
    parts.push(
      `<details class="cell-source"${hasTag(cell, 'show-input') ? ' open' : ''}><summary><span class="prompt">In [${escapeHtml(String(count))}]</span>${label} ` +
        `<code class="first-line">${escapeHtml(firstLine(code))}</code></summary>` +
        `<pre class="hljs source"><code class="language-typescript">${highlightCode(code)}</code></pre></details>`,
    );
  }
  if (!hasTag(cell, 'remove-output')) {
    const outs: string[] = [];
    for (const o of mergeStreams(cell.outputs ?? [])) outs.push(await renderOutput(o, ctx, i + 1));
    const body = outs.filter((s) => s !== '').join('\n');
    if (body) parts.push(`<div class="outputs">${body}</div>`);
  }
  if (parts.length === 0) return '';
  return `<section class="cell code-cell" id="${escapeHtml(id)}">${parts.join('\n')}</section>\n`;
}

/** Notebooks whose pages link to the theory explorer (by stem prefix; a notebook not built yet simply has no page). */
export const EXPLORER_NOTEBOOKS = ['03', '04', '09'];

/** Whether the page of notebook `stem` links to explorer.html. */
export function linksExplorer(stem: string): boolean {
  return EXPLORER_NOTEBOOKS.some((n) => stem === n || stem.startsWith(`${n}-`));
}

function runMeta(stem: string, run: RunInfo | undefined, params: RunParameters): string {
  const status = displayStatus(run);
  const items = [`<span class="status status-${escapeHtml(status)}">${escapeHtml(status)}</span>`, `<span>notebook <code>${escapeHtml(run?.notebook ?? `${stem}.ipynb`)}</code></span>`];
  const when = formatDate(run?.finishedAt ?? run?.startedAt);
  if (when) items.push(`<span>run <time datetime="${escapeHtml(run?.finishedAt ?? run?.startedAt ?? '')}">${escapeHtml(when)}</time></span>`);
  const dur = formatDuration(run?.durationMs);
  if (dur) items.push(`<span>${escapeHtml(dur)}</span>`);
  let html = `<header class="run-meta">${items.join(' <span class="sep">·</span> ')}`;
  if (run?.error) {
    const e = run.error;
    const where = typeof e.cell === 'number' && e.cell > 0 ? ` at code cell ${e.cell}` : '';
    html += `<div class="run-error">Stopped${where}: ${escapeHtml(`${e.ename ?? 'Error'}: ${e.evalue ?? ''}`)}</div>`;
  }
  if (params.differing.length) {
    html += `<div class="params-differ" role="note"><strong>Parameters differ from the paper's:</strong> ${escapeHtml(differingText(params))}.</div>`;
  }
  const entries = Object.entries(params.all);
  if (entries.length) {
    const changed = new Set(params.differing.map((d) => d.name));
    html += `<details class="run-params"><summary>Parameters</summary><table>${entries
      .map(([k, v]) => `<tr${changed.has(k) ? ' class="changed"' : ''}><th>${escapeHtml(k)}</th><td><code>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</code>${changed.has(k) ? ' <span class="cell-tag">given</span>' : ''}</td></tr>`)
      .join('')}</table></details>`;
  }
  if (linksExplorer(stem)) {
    html += `<p class="explorer-link">Try other parameters in the <a href="explorer.html">theory explorer</a> (the theory recomputed in the page).</p>`;
  }
  return `${html}</header>`;
}

/** Renders one executed notebook as an <article>. */
export async function renderNotebook(nb: Notebook, stem: string, run?: RunInfo): Promise<RenderedNotebook> {
  const ctx: Ctx = { stem, env: {}, figures: [], warnings: [], interactive: false, figureCount: 0 };
  const cells: string[] = [];
  for (let i = 0; i < nb.cells.length; i++) cells.push(await renderCell(nb.cells[i], i, ctx));
  for (const e of ctx.env.mathErrors ?? []) ctx.warnings.push(`${stem}: math not typeset: ${e.tex} (${e.message})`);
  const title = findTitle(nb, stem);
  const parameters = runParameters(nb, run?.parameters as RunParameters['all'] | undefined);
  const html = `<article class="notebook" id="nb-${escapeHtml(stem)}">\n${runMeta(stem, run, parameters)}\n${cells.join('')}</article>\n`;
  return { stem, title: title.text, titleHtml: title.html, html, figures: ctx.figures, interactive: ctx.interactive, warnings: ctx.warnings, parameters };
}

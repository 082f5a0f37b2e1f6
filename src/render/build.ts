/**
 * Edge: `synthrmt render` — executed notebooks (reports/executed/<stem>.ipynb + <stem>.run.json)
 * → reports/index.html, reports/<stem>.html, reports/<stem>.pdf, reports/report.pdf and
 * reports/figures/<figure>.{svg,pdf,png,json}, with the assets they need in reports/assets/.
 *
 * Failure safety: everything is rendered into a staging directory inside the output directory
 * (`.render-XXXX`, same file system); only when the whole build has succeeded are the files moved
 * into place, one atomic rename each, and the staging directory removed. A build that fails
 * midway removes its staging directory and leaves the previous reports untouched; a build that
 * was killed leaves a `.render-<pid>-…` folder, removed by the next build once that PID is gone.
 * A build that made no PDF (no chromium, or --no-pdf) removes the previous build's PDFs and the
 * figures' PDF/PNG, so none is left stale beside the new HTML.
 *
 * PDF: one chromium for the whole render. Each notebook page is printed from a print variant of
 * its HTML (no scripts: the static SVG figures are printed). report.pdf is one combined document
 * — a contents page with each notebook's first page number, then every notebook from a new page —
 * printed in one go; the page numbers come from the per-notebook PDFs (the combined document
 * paginates each notebook exactly as its own PDF does). Without chromium the HTML, SVG and JSON
 * are still built, and the result carries a ChromiumMissingError for the command to report.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Browser } from 'puppeteer';
import { UsageError } from '../io/errors';
import { readNotebook } from '../io/nbformat';
import { FIGURE_SCRIPTS, highlightCss, katexCss, writeAssets } from './assets';
import { buildExplorer } from './explorer';
import { exportFigureFiles, type FigureExportInput } from './figure-export';
import { writeFileAtomic } from '../io/fs-atomic';
import { removeOrphanDirs } from '../io/orphan-dirs';
import { escapeHtml, fillTemplate, withCsp } from './html';
import { displayStatus, formatDate, formatDuration, renderNotebook, type FigureOutput, type RunInfo } from './notebook-html';
import { onExitCleanup } from '../io/exit-cleanup';
import { ChromiumMissingError, openBrowser, printPdf, type BrowserHandle, type PaperFormat } from './pdf';
import { loadTemplate, type Template } from './templates';
import { readRunRecord } from '../io/run-record';
import { buildManifest } from './manifest';
import { listFilesUnder } from '../io/list-files';
import { differingText, type RunParameters } from './run-parameters';
import { scorecardHtml, thumbnailsHtml } from './index-page';
import { scorecardOf, type Check } from './scorecard';

export interface RenderOptions {
  /** Where the executed notebooks are; default <outDir>/executed. */
  executedDir?: string;
  /** Default `reports`. */
  outDir?: string;
  /** Template directory; default templates/default. */
  templateDir?: string;
  /** Make PDFs (and figure PDF/PNG); default true. */
  pdf?: boolean;
  /** Paper of the notebook PDFs; default A4. */
  paper?: PaperFormat;
  /** A browser to use instead of starting one (benchmarks, tests). */
  browser?: Browser;
  /** Stems of notebooks skipped as unchanged by this run (shown as `frozen`). */
  frozen?: string[];
  /** Progress lines; default: none. */
  log?: (line: string) => void;
}

export interface RenderedPage {
  stem: string;
  title: string;
  status: string;
  html: string;
  pdf?: string;
  pdfPages?: number;
}

export interface RenderResult {
  outDir: string;
  index: string;
  pages: RenderedPage[];
  reportPdf?: string;
  reportPdfPages?: number;
  /** Figure files written to <outDir>/figures. */
  figureFiles: string[];
  warnings: string[];
  /** Set when PDFs were asked for but chromium is missing (the HTML was still built). */
  pdfError?: ChromiumMissingError;
  timings: { htmlMs: number; browserStartMs?: number; pdfMs?: number; figuresMs: number };
}

/** Base CSS the renderer relies on, whatever the template: figure switching and page breaks. */
const BASE_CSS = `
.vl-live{display:none}
.vl-figure.is-live .vl-live{display:block}
.vl-figure.is-live .vl-static{display:none}
.vl-figure,.output-figure,.output-image,.math-display,.output-error{break-inside:avoid;page-break-inside:avoid}
@media print{
.vl-live{display:none!important}
.vl-figure .vl-static{display:block!important}
.vl-static svg{width:var(--fig-w);max-width:100%;height:auto}
.notebook+.notebook,.contents-page+.notebook{break-before:page;page-break-before:always}
details.cell-source>summary{list-style:none}
}`;

function generator(): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return `synthrmt ${pkg.version ?? ''}`.trim();
  } catch {
    return 'synthrmt';
  }
}

function styles(t: Template): string {
  return `<style>${katexCss()}</style>\n<style>${highlightCss()}</style>\n<style>${BASE_CSS}</style>\n<style>\n${t.css}\n</style>`;
}

function scriptTags(nonce: string): string {
  return FIGURE_SCRIPTS.map((s) => `<script nonce="${nonce}" src="${s}"></script>`).join('\n');
}

function readRunInfo(path: string, warnings: string[]): RunInfo | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readRunRecord(path);
  } catch (e) {
    warnings.push(`${path} is unreadable (${(e as Error).message}); its run status is shown as unknown`);
    return undefined;
  }
}

interface Entry {
  stem: string;
  title: string;
  titleHtml: string;
  run?: RunInfo;
  article: string;
  interactive: boolean;
  parameters: RunParameters;
  /** Stems of the figures the notebook shows (for the index's thumbnails). */
  figures: string[];
}

function contentsTable(entries: Entry[], pdfs: Map<string, string>, figureDir?: string): string {
  const rows = entries.map((e, i) => {
    const status = displayStatus(e.run);
    const when = formatDate(e.run?.finishedAt ?? e.run?.startedAt);
    const pdf = pdfs.has(e.stem) ? `<a href="${escapeHtml(encodeURIComponent(e.stem))}.pdf">PDF</a>` : '';
    return (
      `<tr><td class="num">${i + 1}</td><td class="title"><a href="${escapeHtml(encodeURIComponent(e.stem))}.html">${e.titleHtml}</a>` +
      `<div class="file"><code>${escapeHtml(e.run?.notebook ?? `${e.stem}.ipynb`)}</code></div>` +
      (e.parameters.differing.length ? `<div class="params-differ">Parameters differ from the paper's: ${escapeHtml(differingText(e.parameters))}</div>` : '') +
      (figureDir ? thumbnailsHtml(e.stem, e.figures, figureDir) : '') +
      `</td>` +
      `<td><span class="status status-${escapeHtml(status)}">${escapeHtml(status)}</span></td>` +
      `<td>${when ? `<time datetime="${escapeHtml(e.run?.finishedAt ?? e.run?.startedAt ?? '')}">${escapeHtml(when)}</time>` : '—'}</td>` +
      `<td>${escapeHtml(formatDuration(e.run?.durationMs)) || '—'}</td><td>${pdf}</td></tr>`
    );
  });
  return (
    `<table class="contents"><thead><tr><th class="num">#</th><th>Notebook</th><th>Status</th><th>Run</th><th>Time</th><th></th></tr></thead>` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`
  );
}

function printContents(entries: Entry[], startPages?: number[]): string {
  const rows = entries.map(
    (e, i) =>
      `<tr><td class="num">${i + 1}</td><td class="title"><a href="#nb-${escapeHtml(e.stem)}">${e.titleHtml}</a></td>` +
      `<td><span class="status status-${escapeHtml(displayStatus(e.run))}">${escapeHtml(displayStatus(e.run))}</span></td>` +
      `<td class="page">${startPages ? startPages[i] : ''}</td></tr>`,
  );
  return (
    `<section class="contents-page"><h1>Contents</h1>` +
    `<table class="contents"><thead><tr><th class="num">#</th><th>Notebook</th><th>Status</th><th class="page">Page</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>\n`
  );
}

/**
 * Staging folders left by a render that was killed: `.render-<pid>-XXXXXX` whose owner PID is no
 * longer running (any age), and folders of the older `.render-XXXXXX` form (no owner recorded).
 */
export function removeStaleStaging(outDir: string): string[] {
  return removeOrphanDirs(outDir, '.render-');
}

/**
 * Files of an earlier build that this build did not make (PDFs and the figures' PDF/PNG when no
 * PDF could be or was to be made): removed, so no stale PDF sits beside new HTML.
 */
function removeStaleOutputs(outDir: string, stems: string[], log: (line: string) => void): void {
  const stale = [...stems, 'report'].map((s) => join(outDir, `${s}.pdf`));
  const figures = join(outDir, 'figures');
  if (existsSync(figures)) {
    for (const f of readdirSync(figures)) if (/\.(pdf|png)$/.test(f)) stale.push(join(figures, f));
  }
  for (const f of stale) {
    if (!existsSync(f)) continue;
    rmSync(f, { force: true });
    log(`removed stale ${relative(outDir, f)} (not made by this build)`);
  }
}

/** The executed notebooks to render, in name order. */
export function listExecuted(executedDir: string): string[] {
  if (!existsSync(executedDir)) {
    throw new UsageError(`no executed notebooks: ${executedDir} does not exist; run \`synthrmt run\` first`);
  }
  const files = readdirSync(executedDir).filter((f) => f.endsWith('.ipynb') && !f.startsWith('.')).sort();
  if (files.length === 0) throw new UsageError(`no executed notebooks in ${executedDir}; run \`synthrmt run\` first`);
  return files.map((f) => join(executedDir, f));
}

/** Renders every executed notebook; see the module comment. */
export async function renderReports(options: RenderOptions = {}): Promise<RenderResult> {
  const log = options.log ?? ((): void => undefined);
  const outDir = resolve(options.outDir ?? 'reports');
  const executedDir = resolve(options.executedDir ?? join(outDir, 'executed'));
  const template = loadTemplate(options.templateDir);
  const notebooks = listExecuted(executedDir);
  const wantPdf = options.pdf ?? true;
  const gen = generator();
  const builtAt = formatDate(new Date().toISOString());
  const css = styles(template);
  const warnings: string[] = [];
  // Every page carries a Content-Security-Policy (./html.ts): only scripts with this build's nonce run.
  const nonce = randomBytes(18).toString('base64');
  const secure = (html: string, scripts = false): string => withCsp(html, scripts ? nonce : null);

  mkdirSync(outDir, { recursive: true });
  removeStaleStaging(outDir);
  const staging = mkdtempSync(join(outDir, `.render-${process.pid}-`));
  // Removed on a signal too (a SIGKILLed build's is removed by the next build, above).
  const unregisterStaging = onExitCleanup(() => rmSync(staging, { recursive: true, force: true }));
  let handle: BrowserHandle | undefined;
  try {
    const t0 = Date.now();
    writeAssets(staging);
    const entries: Entry[] = [];
    const figures = new Map<string, FigureOutput>();
    for (const path of notebooks) {
      const stem = path.slice(path.lastIndexOf('/') + 1, -'.ipynb'.length);
      const nb = readNotebook(path);
      const recorded = readRunInfo(join(executedDir, `${stem}.run.json`), warnings);
      const run = options.frozen?.includes(stem) ? { ...(recorded ?? {}), frozen: true } : recorded;
      const r = await renderNotebook(nb, stem, run);
      warnings.push(...r.warnings);
      for (const f of r.figures) {
        const prev = figures.get(f.stem);
        if (prev && JSON.stringify([prev.spec, prev.data]) !== JSON.stringify([f.spec, f.data])) {
          warnings.push(`figure ${f.stem} is shown twice with different content (${prev.from}; ${f.from}); the export keeps the last`);
        }
        figures.set(f.stem, f);
      }
      entries.push({ stem, title: r.title, titleHtml: r.titleHtml, run, article: r.html, interactive: r.interactive, parameters: r.parameters, figures: [...new Set(r.figures.map((f) => f.stem))] });
      const page = (scripts: string): string =>
        fillTemplate(template.page, { title: r.title, styles: css, scripts, body: r.html, generator: gen, builtAt }, 'page.html');
      writeFileAtomic(join(staging, `${stem}.html`), secure(page(r.interactive ? scriptTags(nonce) : ''), r.interactive));
      writeFileAtomic(join(staging, `.print-${stem}.html`), secure(page('')));
      log(`html  ${stem}.html`);
    }
    const htmlMs = Date.now() - t0;

    // PDFs and figure files (one browser for all).
    let pdfError: ChromiumMissingError | undefined;
    let browserStartMs: number | undefined;
    let browser: Browser | null = null;
    if (wantPdf) {
      if (options.browser) browser = options.browser;
      else {
        const tb = Date.now();
        try {
          handle = await openBrowser();
          browser = handle.browser;
          browserStartMs = Date.now() - tb;
        } catch (e) {
          if (!(e instanceof ChromiumMissingError)) throw e;
          pdfError = e;
        }
      }
    }
    const pdfs = new Map<string, string>();
    const pages: RenderedPage[] = entries.map((e) => ({ stem: e.stem, title: e.title, status: displayStatus(e.run), html: join(outDir, `${e.stem}.html`) }));
    let reportPdfPages: number | undefined;
    let pdfMs: number | undefined;
    if (browser) {
      const tp = Date.now();
      const counts: number[] = [];
      for (const [i, e] of entries.entries()) {
        const n = (await printPdf(browser, join(staging, `.print-${e.stem}.html`), join(staging, `${e.stem}.pdf`), { paper: options.paper })).pages;
        counts.push(n);
        pdfs.set(e.stem, join(outDir, `${e.stem}.pdf`));
        pages[i].pdf = join(outDir, `${e.stem}.pdf`);
        pages[i].pdfPages = n;
        log(`pdf   ${e.stem}.pdf (${n} page${n === 1 ? '' : 's'})`);
      }
      const combined = (contents: string): string =>
        secure(fillTemplate(template.page, { title: 'synthrmt reports', styles: css, scripts: '', body: contents + entries.map((e) => e.article).join('\n'), generator: gen, builtAt }, 'page.html'));
      // The contents' own length first (it holds only the contents), then the page numbers.
      const contentsOnly = join(staging, '.print-contents.html');
      writeFileAtomic(contentsOnly, secure(fillTemplate(template.page, { title: 'synthrmt reports', styles: css, scripts: '', body: printContents(entries, entries.map(() => 0)), generator: gen, builtAt }, 'page.html')));
      const contentsPages = (await printPdf(browser, contentsOnly, join(staging, '.contents.pdf'), { paper: options.paper })).pages;
      // First guess: each notebook's own page count. A notebook set inside the whole report may
      // break differently, so the pages its contents link actually lands on are read back from
      // report.pdf's named destinations (#nb-STEM) and, where they differ, it is printed again.
      let starts: number[] = [];
      let next = contentsPages + 1;
      for (const c of counts) {
        starts.push(next);
        next += c;
      }
      const reportHtml = join(staging, '.print-report.html');
      const reportPdf = join(staging, 'report.pdf');
      const destinations = entries.map((e) => `nb-${e.stem}`);
      for (let pass = 1; ; pass++) {
        writeFileAtomic(reportHtml, combined(printContents(entries, starts)));
        const printed = await printPdf(browser, reportHtml, reportPdf, { paper: options.paper, outline: true, destinations });
        reportPdfPages = printed.pages;
        const found = printed.destinations;
        const actual = destinations.map((d, i) => found.get(d) ?? starts[i]);
        if (actual.every((p, i) => p === starts[i])) break;
        if (pass === 3) {
          warnings.push(`report.pdf: the contents' page numbers did not settle after ${pass} passes (${destinations.filter((_, i) => actual[i] !== starts[i]).join(', ')})`);
          break;
        }
        starts = actual;
      }
      pdfMs = Date.now() - tp;
      log(`pdf   report.pdf (${reportPdfPages} pages)`);
    }

    const tf = Date.now();
    const figureDir = join(staging, 'figures');
    for (const f of figures.values()) {
      const input: FigureExportInput = { stem: f.stem, spec: f.spec, chartSvg: f.svg, data: f.data, size: f.size, imagesPng: f.imagesPng };
      await exportFigureFiles(input, figureDir, { browser });
      log(`figure ${f.stem}`);
    }
    const figuresMs = Date.now() - tf;

    const summary = summarize(entries);
    const downloads = [
      `Theory explorer: <a href="explorer.html">explorer.html</a> (change ε, ρ, φ, n, p, … and the accuracy curves are recomputed in the page).`,
      pdfs.size ? `All reports in one PDF: <a href="report.pdf">report.pdf</a>.` : '',
      figures.size ? `Figures at paper size (SVG, PDF, PNG, data): <a href="figures/">figures/</a>.` : '',
      `Provenance (commit, versions, parameters, checksums): <a href="manifest.json">manifest.json</a>.`,
    ]
      .filter(Boolean)
      .join(' ');
    // The reproduction scorecard, from the figure data of this build (./scorecard.ts, as `synthrmt check`).
    let checks: Check[] = [];
    try {
      checks = await scorecardOf(staging);
    } catch (e) {
      warnings.push(`the scorecard could not be computed: ${(e as Error).message}`);
    }
    const scorecard = scorecardHtml(checks);
    const indexValues: Record<string, string> = {
      title: 'synthrmt reports',
      styles: css,
      scorecard,
      contents: contentsTable(entries, pdfs, figureDir),
      summary,
      downloads: downloads ? `<p class="downloads">${downloads}</p>` : '',
      generator: gen,
      builtAt,
    };
    // a template without {{{scorecard}}} still shows it, above the contents
    if (!template.index.includes('{{{scorecard}}}')) indexValues.contents = scorecard + indexValues.contents;
    writeFileAtomic(join(staging, 'index.html'), secure(fillTemplate(template.index, indexValues, 'index.html')));

    const explorer = await buildExplorer(join(staging, 'explorer.html'));
    log(`html  explorer.html (${Math.round(explorer.bytes / 1024)} KiB, bundled in ${explorer.bundleMs} ms)`);

    const manifest = buildManifest(
      staging,
      entries.map((e) => ({
        stem: e.stem,
        notebook: e.run?.notebook,
        parameters: e.parameters.all,
        status: displayStatus(e.run),
        durationMs: e.run?.durationMs,
        finishedAt: e.run?.finishedAt,
        executedPath: join(executedDir, `${e.stem}.ipynb`),
      })),
      { generator: gen, builtAt: new Date().toISOString(), executedRel: relative(outDir, executedDir) || '.' },
    );
    writeFileAtomic(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);

    // Everything built: move into place, one rename per file; the print variants stay behind.
    const figureFiles: string[] = [];
    for (const rel of listFilesUnder(staging)) {
      const name = rel.slice(rel.lastIndexOf('/') + 1);
      if (name.startsWith('.')) continue;
      const to = join(outDir, rel);
      mkdirSync(join(to, '..'), { recursive: true });
      renameSync(join(staging, rel), to);
      if (rel.startsWith('figures/')) figureFiles.push(to);
    }
    if (!browser) removeStaleOutputs(outDir, entries.map((e) => e.stem), log);
    return {
      outDir,
      index: join(outDir, 'index.html'),
      pages,
      reportPdf: reportPdfPages !== undefined ? join(outDir, 'report.pdf') : undefined,
      reportPdfPages,
      figureFiles,
      warnings,
      pdfError,
      timings: { htmlMs, browserStartMs, pdfMs, figuresMs },
    };
  } finally {
    await handle?.close();
    rmSync(staging, { recursive: true, force: true });
    unregisterStaging();
  }
}

function summarize(entries: Entry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const s = displayStatus(e.run);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const parts = [...counts.entries()].map(([s, n]) => `${n} ${s}`);
  return `${entries.length} notebook${entries.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}

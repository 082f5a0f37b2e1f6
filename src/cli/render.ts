/**
 * `synthrmt render [--template DIR] [--out DIR] [--executed DIR] [--paper a4|letter] [--no-pdf]`:
 * turns the executed notebooks (OUT/executed/*.ipynb + .run.json) into OUT/index.html,
 * OUT/<stem>.html, OUT/<stem>.pdf, OUT/report.pdf and OUT/figures/* (see ../render/build.ts).
 * Exit status: 0 done; 1 the build failed (previous reports left intact); 2 bad usage (missing
 * template file, no executed notebooks, malformed notebook); 3 no chromium: the HTML, SVG and
 * JSON were built but no PDF/PNG.
 */
import type { Command } from 'commander';
import { relative } from 'node:path';
import { renderReports, type RenderResult } from '../render/build';
import { EXIT_NO_CHROMIUM, PAPER_FORMATS, type PaperFormat } from '../render/pdf';
import { UsageError } from './errors';

export interface RenderCliOptions {
  template?: string;
  out: string;
  executed?: string;
  paper: string;
  pdf: boolean;
  quiet?: boolean;
  /** Stems of notebooks the run skipped as unchanged. */
  frozen?: string[];
}

function show(p: string): string {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

export function parsePaper(v: string): PaperFormat {
  const p = v.toLowerCase();
  if (!(PAPER_FORMATS as readonly string[]).includes(p)) throw new UsageError(`--paper must be one of ${PAPER_FORMATS.join(', ')}, got "${v}"`);
  return p as PaperFormat;
}

/** Renders and prints a summary; returns the exit status (0 or EXIT_NO_CHROMIUM). */
export async function renderCommand(opts: RenderCliOptions): Promise<{ code: number; result: RenderResult }> {
  const paper = parsePaper(opts.paper);
  const log = opts.quiet ? undefined : (line: string): void => void process.stderr.write(`render: ${line}\n`);
  const result = await renderReports({ outDir: opts.out, executedDir: opts.executed, templateDir: opts.template, pdf: opts.pdf, paper, frozen: opts.frozen, log });
  for (const w of result.warnings) process.stderr.write(`synthrmt render: warning: ${w}\n`);
  const t = result.timings;
  const parts = [`HTML ${(t.htmlMs / 1000).toFixed(1)} s`];
  if (t.pdfMs !== undefined) parts.push(`PDF ${(t.pdfMs / 1000).toFixed(1)} s, report.pdf ${result.reportPdfPages} pages`);
  const figs = new Set(result.figureFiles.map((f) => f.replace(/\.\w+$/, ''))).size;
  parts.push(`${figs} figure${figs === 1 ? '' : 's'}`);
  process.stdout.write(`rendered ${result.pages.length} notebook${result.pages.length === 1 ? '' : 's'} → ${show(result.index)} (${parts.join('; ')})\n`);
  if (result.pdfError) {
    process.stderr.write(`synthrmt render: ${result.pdfError.message}\n`);
    return { code: EXIT_NO_CHROMIUM, result };
  }
  return { code: 0, result };
}

/** The options shared by `render` and `reports`. */
export function addRenderOptions(cmd: Command): Command {
  return cmd
    .option('--template <dir>', 'template directory (page.html, index.html, style.css)', undefined)
    .option('--out <dir>', 'output folder', 'reports')
    .option('--paper <format>', `PDF paper: ${PAPER_FORMATS.join(' or ')}`, 'a4')
    .option('--no-pdf', 'skip PDFs and the figures\' PDF/PNG (no chromium needed)');
}

export function registerRender(program: Command): void {
  addRenderOptions(
    program
      .command('render')
      .description('render executed notebooks (OUT/executed) to HTML and PDF reports, and export their figures'),
  )
    .option('--executed <dir>', 'folder of executed notebooks (default OUT/executed)')
    .action(async (opts: RenderCliOptions) => {
      const { code } = await renderCommand(opts);
      if (code !== 0) process.exitCode = code;
    });
}

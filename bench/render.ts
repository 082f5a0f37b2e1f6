/**
 * `npm run bench -- render`: the report renderer's costs — chromium start, HTML per notebook page,
 * PDF per page, figure export (SVG+PDF+PNG) — on the test fixture notebooks, and on the real
 * executed notebooks (reports/executed) when there are some.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { renderReports } from '../src/render/build';
import { exportFigureFiles } from '../src/render/figure-export';
import { renderNotebook } from '../src/render/notebook-html';
import { findChromium, openBrowser } from '../src/render/pdf';
import { readNotebook } from '../src/io/nbformat';

const ms = (t: number): string => `${t.toFixed(0)} ms`;

async function timeHtml(dir: string, reps: number): Promise<number> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ipynb')).map((f) => join(dir, f));
  const nbs = files.map((f) => ({ stem: basename(f, '.ipynb'), nb: readNotebook(f) }));
  for (const { stem, nb } of nbs) await renderNotebook(nb, stem); // warm-up (KaTeX, vega, fonts)
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) for (const { stem, nb } of nbs) await renderNotebook(nb, stem);
  return (performance.now() - t0) / (reps * nbs.length);
}

export async function run(): Promise<void> {
  const fixture = resolve(__dirname, '..', '..', 'test', 'fixtures', 'executed');
  const real = resolve('reports', 'executed');
  const sets: [string, string][] = [['fixture', fixture]];
  if (existsSync(real) && readdirSync(real).some((f) => f.endsWith('.ipynb'))) sets.push(['reports/executed', real]);

  for (const [name, dir] of sets) {
    console.log(`html page render (${name}): ${ms(await timeHtml(dir, name === 'fixture' ? 10 : 2))} per notebook`);
  }
  if (!findChromium()) {
    console.log('chromium not found: PDF timings skipped');
    return;
  }
  const t0 = performance.now();
  const handle = await openBrowser();
  console.log(`browser start: ${ms(performance.now() - t0)}`);
  const out = mkdtempSync(join(tmpdir(), 'synthrmt-bench-render-'));
  try {
    for (const [name, dir] of sets) {
      const r = await renderReports({ executedDir: dir, outDir: join(out, name.replace(/\W/g, '_')), browser: handle.browser });
      const pages = r.pages.reduce((s, p) => s + (p.pdfPages ?? 0), 0) + (r.reportPdfPages ?? 0);
      console.log(
        `render ${name}: ${r.pages.length} notebooks, html ${ms(r.timings.htmlMs)}, pdf ${ms(r.timings.pdfMs ?? 0)} for ${pages} pages ` +
          `(${ms((r.timings.pdfMs ?? 0) / Math.max(1, pages))} per page), figures ${ms(r.timings.figuresMs)}`,
      );
    }
    // One figure export (SVG + PDF + PNG + JSON) with a warm browser.
    const values = Array.from({ length: 200 }, (_, i) => ({ x: i / 200, y: Math.sin(i / 20), s: i % 3 }));
    const spec = { width: 180, height: 120, data: { values }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 's', type: 'nominal' } } };
    const reps = 5;
    const tf = performance.now();
    for (let i = 0; i < reps; i++) await exportFigureFiles({ stem: `bench-${i}`, spec, data: values, size: 'single' }, join(out, 'figs'), { browser: handle.browser });
    console.log(`figure export (svg+pdf+png+json): ${ms((performance.now() - tf) / reps)} per figure`);
  } finally {
    await handle.close();
    rmSync(out, { recursive: true, force: true });
  }
}

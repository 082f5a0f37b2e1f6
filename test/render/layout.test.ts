/**
 * Readable pages, measured in real Chromium (puppeteer) at a 1280-px window: every figure fills the
 * text column (≥ 90 % of its width), its tick labels are at least 70 % of the body text size, no
 * two visible tick labels of an axis overlap; printed, a figure keeps its paper width. The figures
 * are the project's own (Figures 1–4 and the KL gap, at small parameters), rendered as a report.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { getFigure } from '../../src/figures/index';
import { mergeFigureParams } from '../../src/figures/param-schema';
import type { FigureDef } from '../../src/figures/figure-def';
import { writeNotebook, type Notebook } from '../../src/io/nbformat';
import { toJsonValue } from '../../src/notebook/index';
import { renderReports } from '../../src/render/build';
import { findChromium, openBrowser, type BrowserHandle } from '../../src/render/pdf';
import { tempDir } from './helpers';
import { figureSpec, lineLayer, panel, panelRow, type PanelFrame } from '../../src/plot/lines';
import { panelWidth } from '../../src/plot/theme';

/** A single-column figure of two panels with log x axes over wide and narrow ranges (the case that overlapped). */
function logAxesSpec(): Record<string, unknown> {
  const frame = (lo: number, hi: number, title: string): PanelFrame => ({
    width: panelWidth('single', 2, 70), height: 90, title,
    x: { field: 'x', title: 'x', scale: 'log', domain: [lo, hi] },
    y: { field: 'y', title: 'y', scale: 'log', domain: [1e-6, 1e3] },
  });
  const rows = (lo: number, hi: number) => Array.from({ length: 30 }, (_, i) => { const x = lo * (hi / lo) ** (i / 29); return { x, y: x * 1e-3 }; });
  const panels = [[1e-4, 1e4], [2, 50]].map(([lo, hi]) => panel(frame(lo, hi, `${lo}…${hi}`), [lineLayer(frame(lo, hi, ''), rows(lo, hi))]));
  return figureSpec(panelRow(panels), 'single', { usermeta: { synthrmtFigure: 'log-axes' } }) as unknown as Record<string, unknown>;
}

const SKIP: false | string = findChromium() ? false : 'chromium not found (apt-get install -y chromium, or set PUPPETEER_EXECUTABLE_PATH): layout tests skipped — CI installs it';
const FIGURES: [string, Record<string, unknown>][] = [
  ['fig1', { p: 200, nHat: 4000, compactNHats: [2000, 4000] }],
  ['fig2', { points: 20 }],
  ['fig3', { draws: 0, points: 20 }],
  ['fig4', { pointsBelow: 20, pointsAbove: 10 }],
  ['klgap', { reps: 2, rounds: 2, maxValue: 6, klSamples: 200, mcSamples: 400 }],
];
const tmp = tempDir('layout');
let handle: BrowserHandle | undefined;
let browser: Browser;
let pageUrl = '';

before(async () => {
  if (SKIP) return;
  const cells: Notebook['cells'] = [
    { cell_type: 'markdown', metadata: {}, source: '# Layout\n\nBody text of the report, in the column the figures should fill. '.repeat(1) + 'More words. '.repeat(30) },
  ];
  for (const [name, over] of FIGURES) {
    const def = getFigure(name) as FigureDef<object, unknown>;
    const params = mergeFigureParams(def, over);
    const data = await def.compute(params, {});
    const spec = toJsonValue(def.spec(data, params)) as Record<string, unknown>;
    spec.usermeta = { ...(spec.usermeta as object), synthrmtFigure: def.fileStem, synthrmtSize: def.size };
    cells.push({ cell_type: 'code', metadata: {}, source: `showFigure(${name})`, execution_count: cells.length, outputs: [{ output_type: 'display_data', metadata: {}, data: { 'application/vnd.vegalite.v5+json': spec, 'text/plain': name } }] } as Notebook['cells'][number]);
  }
  cells.push({ cell_type: 'code', metadata: {}, source: 'log axes', execution_count: cells.length, outputs: [{ output_type: 'display_data', metadata: {}, data: { 'application/vnd.vegalite.v5+json': { ...logAxesSpec(), usermeta: { synthrmtFigure: 'log-axes', synthrmtSize: 'single' } }, 'text/plain': 'log axes' } }] } as Notebook['cells'][number]);
  const executed = join(tmp.dir, 'executed');
  mkdirSync(executed, { recursive: true });
  writeNotebook(join(executed, '01-layout.ipynb'), { nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
  await renderReports({ executedDir: executed, outDir: join(tmp.dir, 'out'), pdf: false });
  pageUrl = pathToFileURL(join(tmp.dir, 'out', '01-layout.html')).href;
  handle = await openBrowser();
  browser = handle.browser;
});
after(async () => {
  await handle?.close();
  tmp.cleanup();
});

interface Measure {
  id: string;
  live: boolean;
  ratio: number;
  minLabelPx: number;
  labels: number;
  overlaps: string[];
}

async function measure(print: boolean): Promise<{ body: number; column: number; figures: Measure[]; printWidths: { id: string; width: number; paper: number }[] }> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 900 });
    if (print) await page.emulateMediaType('print');
    await page.goto(pageUrl, { waitUntil: 'load', timeout: 60_000 });
    if (!print) await page.waitForFunction(() => document.querySelectorAll('figure.vl-figure.is-live').length === document.querySelectorAll('figure.vl-figure').length, { timeout: 60_000 });
    return await page.evaluate(() => {
      const body = parseFloat(getComputedStyle(document.querySelector('.markdown-cell p') as Element).fontSize);
      const main = document.querySelector('main') as HTMLElement;
      const cs = getComputedStyle(main);
      const column = main.getBoundingClientRect().width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const figs = Array.from(document.querySelectorAll('figure.vl-figure')) as HTMLElement[];
      const figures = figs.map((f) => {
        const live = f.classList.contains('is-live');
        const svg = f.querySelector(live ? '.vl-live svg' : '.vl-static svg') as SVGSVGElement;
        const w = svg.getBoundingClientRect().width;
        const vb = svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal.width : parseFloat(svg.getAttribute('width') ?? '0');
        const scale = w / vb;
        const visible = (t: Element): boolean => {
          for (let e: Element | null = t; e && e !== svg; e = e.parentElement) if (getComputedStyle(e).opacity === '0' || e.getAttribute('opacity') === '0') return false;
          return true;
        };
        const labels = Array.from(svg.querySelectorAll('.role-axis-label text')).filter(visible);
        const boxes = labels.map((t) => ({ b: t.getBoundingClientRect(), s: t.textContent ?? '', axis: t.closest('.role-axis') }));
        const overlaps: string[] = [];
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            if (boxes[i].axis !== boxes[j].axis) continue;
            const a = boxes[i].b, b = boxes[j].b;
            if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(`"${boxes[i].s}" / "${boxes[j].s}"`);
          }
        const minLabelPx = Math.min(...labels.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
        return { id: f.id, live, ratio: w / column, minLabelPx, labels: labels.length, overlaps };
      });
      const printWidths = figs.map((f) => ({ id: f.id, width: (f.querySelector('.vl-static svg') as Element).getBoundingClientRect().width, paper: (parseFloat(getComputedStyle(f).getPropertyValue('--fig-w')) * 96) / 72 }));
      return { body, column, figures, printWidths };
    });
  } finally {
    await page.close();
  }
}

test('on screen at 1280 px: figures fill ≥ 90 % of the column, tick labels ≥ 70 % of the body text, no overlapping tick labels', { skip: SKIP, timeout: 180_000 }, async () => {
  const m = await measure(false);
  assert.equal(m.figures.length, FIGURES.length + 1);
  for (const f of m.figures) {
    assert.ok(f.live, `${f.id} became interactive`);
    assert.ok(f.ratio >= 0.9 && f.ratio <= 1.001, `${f.id}: figure is ${(100 * f.ratio).toFixed(1)} % of the column`);
    assert.ok(f.labels >= 4, `${f.id}: ${f.labels} tick labels found`);
    assert.ok(f.minLabelPx >= 0.7 * m.body, `${f.id}: smallest tick label ${f.minLabelPx.toFixed(1)} px, body ${m.body} px`);
    assert.deepEqual(f.overlaps, [], `${f.id}: overlapping tick labels`);
  }
});

test('printed: each figure keeps its paper width (3.25 in or 6.75 in)', { skip: SKIP, timeout: 120_000 }, async () => {
  const m = await measure(true);
  for (const f of m.printWidths) assert.ok(Math.abs(f.width - Math.min(f.paper, m.column)) < 1, `${f.id}: printed ${f.width.toFixed(1)} px, paper ${f.paper.toFixed(1)} px, column ${m.column.toFixed(1)} px`);
  assert.ok(m.printWidths.some((f) => Math.abs(f.paper - 312) < 1), 'a single-column figure is among them');
  // the static figures (no script) also fill the column on screen
  const screen = await measure(false);
  assert.ok(screen.column > 700);
});

/**
 * exportFigureFiles: SVG/PDF/PNG/JSON at the papers' physical sizes (single column 3.25 in,
 * double 6.75 in; PNG at 300 dpi), image grids embedded, atomic writes. PDF/PNG parts need
 * chromium and pdfinfo (skipped with a message when missing; CI installs them).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GreyImage } from '../../src/figures/figure-def';
import { paperFigure, type PaperSize } from '../../src/plot/theme';
import { exportFigureFiles, paperSvg } from '../../src/render/figure-export';
import { openBrowser, type BrowserHandle } from '../../src/render/pdf';
import { SKIP_PDF, pdfInfo, pngHeader, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let handle: BrowserHandle | undefined;
before(async () => {
  tmp = tempDir('figure-export');
  if (!SKIP_PDF) handle = await openBrowser();
});
after(async () => {
  await handle?.close();
  tmp.cleanup();
});

function spec(width: number): Record<string, unknown> {
  const values = Array.from({ length: 12 }, (_, i) => ({ x: i, y: Math.sin(i / 2), s: i % 2 ? 'odd' : 'even' }));
  return paperFigure(
    { title: 'A test figure', width, height: 100, data: { values }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 's', type: 'nominal' } } },
    'single',
  ) as unknown as Record<string, unknown>;
}

/** Width and height (points) declared by an SVG's root element. */
function svgSizePt(svg: string): { w: number; h: number } {
  const m = /<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg);
  assert.ok(m, 'SVG size in points');
  return { w: Number(m[1]), h: Number(m[2]) };
}

test('the SVG is exactly the paper width, whatever the chart width, aspect ratio kept', async () => {
  for (const [size, w] of [['single', 234], ['double', 486]] as [PaperSize, number][]) {
    for (const chartWidth of [120, 300]) {
      const { svg, widthPt, heightPt } = await paperSvg({ stem: 't', spec: spec(chartWidth), data: null, size });
      const s = svgSizePt(svg);
      assert.equal(s.w, w);
      assert.equal(widthPt, w);
      const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
      assert.ok(vb);
      assert.ok(Math.abs(heightPt - (w * Number(vb[2])) / Number(vb[1])) < 0.01, 'aspect ratio of the chart kept');
      assert.ok(Math.abs(s.h - heightPt) < 0.01);
    }
  }
});

test('SVG, PDF, PNG and JSON of a single-column figure: 3.25 in, 975 px at 300 dpi', { skip: SKIP_PDF }, async () => {
  const data = { values: new Float64Array([1, 2, Number.NaN]), label: 'x' };
  const files = await exportFigureFiles({ stem: 'single-fig', spec: spec(160), data, size: 'single' }, tmp.dir, { browser: handle?.browser });
  assert.deepEqual(files.map((f) => f.slice(tmp.dir.length + 1)).sort(), ['single-fig.json', 'single-fig.pdf', 'single-fig.png', 'single-fig.svg']);
  const { h } = svgSizePt(readFileSync(join(tmp.dir, 'single-fig.svg'), 'utf8'));
  const pdf = pdfInfo(join(tmp.dir, 'single-fig.pdf'));
  assert.equal(pdf.pages, 1);
  assert.ok(Math.abs(pdf.width - 234) < 0.5, `PDF width ${pdf.width} pt, expected 234 (3.25 in)`);
  assert.ok(Math.abs(pdf.height - h) < 0.75, `PDF height ${pdf.height} pt, expected ${h}`);
  const png = pngHeader(readFileSync(join(tmp.dir, 'single-fig.png')));
  assert.equal(png.width, 975);
  assert.ok(Math.abs(png.height - (h / 72) * 300) <= 1, `PNG height ${png.height}, expected ${((h / 72) * 300).toFixed(1)}`);
  assert.equal(png.ppm, Math.round(300 / 0.0254), 'pHYs declares 300 dpi');
  assert.deepEqual(JSON.parse(readFileSync(join(tmp.dir, 'single-fig.json'), 'utf8')), { values: [1, 2, null], label: 'x' });
  assert.deepEqual(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
});

test('a double-column figure with an image grid: 6.75 in, 2025 px, the grid embedded as PNG', { skip: SKIP_PDF }, async () => {
  const img = (v: number): GreyImage => ({ width: 4, height: 4, pixels: new Uint8Array(16).fill(v) });
  const grid = [[img(0), img(80), img(160)], [img(40), img(120), img(200)]];
  await exportFigureFiles({ stem: 'double-fig', spec: spec(300), data: [], size: 'double', images: grid }, tmp.dir, { browser: handle?.browser });
  const svg = readFileSync(join(tmp.dir, 'double-fig.svg'), 'utf8');
  assert.match(svg, /<image [^>]*xlink:href="data:image\/png;base64,/);
  const { h } = svgSizePt(svg);
  assert.equal(pdfInfo(join(tmp.dir, 'double-fig.pdf')).width, 486);
  const png = pngHeader(readFileSync(join(tmp.dir, 'double-fig.png')));
  assert.equal(png.width, 2025);
  // The SVG states its height to 0.001 pt, so the rounded pixel count may differ by one.
  assert.ok(Math.abs(png.height - (h / 72) * 300) <= 1, `PNG height ${png.height}, expected ${((h / 72) * 300).toFixed(1)}`);
});

test('SVG and JSON only when asked (browser: null); bad stems are refused', async () => {
  const files = await exportFigureFiles({ stem: 'svg-only', spec: spec(160), data: 1, size: 'single' }, join(tmp.dir, 'sub'), { browser: null });
  assert.deepEqual(files.map((f) => f.slice(f.lastIndexOf('/') + 1)), ['svg-only.svg', 'svg-only.json']);
  await assert.rejects(exportFigureFiles({ stem: '../evil', spec: spec(160), data: 1, size: 'single' }, tmp.dir, { browser: null }), /figure file stem must be letters, digits/);
  await assert.rejects(exportFigureFiles({ stem: 'x', spec: spec(160), data: 1, size: 'triple' as PaperSize }, tmp.dir, { browser: null }), /figure size must be 'single' or 'double', got "triple"/);
});

/**
 * Edge: a figure as a standalone file set at paper size, for the papers and for reuse:
 *   <stem>.svg   vector, width exactly 3.25 in (single column) or 6.75 in (double column);
 *   <stem>.pdf   one page of exactly that size (chromium prints the SVG);
 *   <stem>.png   the same at 300 dpi (975 px wide for a single column), with a pHYs chunk;
 *   <stem>.json  the data behind the figure.
 * The theme's units are points, so a figure whose Vega width equals the paper width is printed
 * at 1 unit = 1 pt; any other width is scaled to the paper width (aspect ratio kept).
 * Image grids (Figure 5's samples) are encoded as PNG (./png.ts) and placed above the chart as
 * an <image> data URL, scaled to the paper width.
 * Every file is written to a temporary file and renamed.
 */
import type { Browser } from 'puppeteer';
import type { TopLevelSpec } from 'vega-lite';
import type { GreyImage } from '../figures/figure-def';
import { PAPER_WIDTH_PT, type PaperSize } from '../plot/theme';
import { writeFileAtomic } from '../io/fs-atomic';
import { openBrowser } from './pdf';
import { encodeImageGrid, pngSize, setPngDensity } from './png';
import { vegaLiteToSvg, type StaticSvg } from './vega-svg';
import { join } from 'node:path';

export interface FigureExportInput {
  /** File stem: letters, digits, '.', '_' and '-' (e.g. `fig3-accuracy`). */
  stem: string;
  /** The chart; may be omitted for a figure made of images only. */
  spec?: TopLevelSpec | Record<string, unknown>;
  /** The data behind the figure, written as <stem>.json. */
  data: unknown;
  size: PaperSize;
  /** The chart already rendered from `spec` (./vega-svg.ts), so it is not rendered twice. */
  chartSvg?: StaticSvg;
  /** Image grid shown above the chart (encoded with ./png.ts encodeImageGrid). */
  images?: GreyImage[][];
  /** The same as an already encoded PNG (e.g. a notebook's image/png output); used if `images` is absent. */
  imagesPng?: Uint8Array;
}

export interface FigureExportOptions {
  /**
   * The browser printing the PDF and PNG. Omitted: one is started for this call (and closed).
   * `null`: SVG and JSON only.
   */
  browser?: Browser | null;
  /** The files to write (default all four); without pdf and png no browser is used. */
  formats?: readonly FigureFormat[];
}

export type FigureFormat = 'svg' | 'json' | 'pdf' | 'png';

/** Pixels per inch of the PNG export. */
export const PNG_DPI = 300;

/** JSON of figure data: typed arrays as arrays, non-finite numbers as null. */
export function figureDataJson(data: unknown): string {
  return `${JSON.stringify(
    data,
    (_k, v: unknown) => {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
      if (v instanceof Map) return Object.fromEntries(v);
      if (v instanceof Set) return [...v];
      return v;
    },
    1,
  )}\n`;
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** Sets attributes of the root <svg> element (replacing existing ones of the same name). */
function setRootAttributes(svg: string, attrs: Record<string, string>): string {
  return svg.replace(/<svg\b([^>]*)>/, (_m, rest: string) => {
    let r = rest;
    for (const [k, v] of Object.entries(attrs)) {
      const re = new RegExp(`\\s${k}="[^"]*"`);
      r = re.test(r) ? r.replace(re, ` ${k}="${v}"`) : `${r} ${k}="${v}"`;
    }
    return `<svg${r}>`;
  });
}

/** The paper-size SVG of a figure and its size in points. */
export async function paperSvg(input: FigureExportInput): Promise<{ svg: string; widthPt: number; heightPt: number }> {
  const W = PAPER_WIDTH_PT[input.size];
  if (W === undefined) throw new RangeError(`figure size must be 'single' or 'double', got ${JSON.stringify(input.size)}`);
  const png = input.images && input.images.length ? encodeImageGrid(input.images) : input.imagesPng ? Buffer.from(input.imagesPng) : undefined;
  if (!input.spec && !png) throw new RangeError(`figure ${input.stem} has neither a specification nor images`);
  const chart = input.chartSvg ?? (input.spec ? await vegaLiteToSvg(input.spec) : undefined);
  const chartH = chart ? (chart.height * W) / chart.width : 0;
  if (chart && !png) {
    const svg = setRootAttributes(chart.svg, { width: `${fmt(W)}pt`, height: `${fmt(chartH)}pt`, viewBox: `0 0 ${chart.width} ${chart.height}` });
    return { svg, widthPt: W, heightPt: chartH };
  }
  const { width: pw, height: ph } = pngSize(png as Buffer);
  const imgH = (W * ph) / pw;
  const H = imgH + chartH;
  const inner = chart
    ? setRootAttributes(chart.svg.replace(/\s+xmlns(:\w+)?="[^"]*"/g, ''), {
        x: '0',
        y: fmt(imgH),
        width: fmt(W),
        height: fmt(chartH),
        viewBox: `0 0 ${chart.width} ${chart.height}`,
      })
    : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${fmt(W)}pt" height="${fmt(H)}pt" viewBox="0 0 ${fmt(W)} ${fmt(H)}">` +
    `<rect width="${fmt(W)}" height="${fmt(H)}" fill="white"/>` +
    `<image x="0" y="0" width="${fmt(W)}" height="${fmt(imgH)}" preserveAspectRatio="xMidYMid meet" style="image-rendering:pixelated" ` +
    `xlink:href="data:image/png;base64,${(png as Buffer).toString('base64')}"/>` +
    inner +
    `</svg>`;
  return { svg, widthPt: W, heightPt: H };
}

/** Writes <stem>.svg, .json and (with a browser) .pdf and .png into `outDir` (or those of `options.formats`); returns the paths written. */
export async function exportFigureFiles(input: FigureExportInput, outDir: string, options: FigureExportOptions = {}): Promise<string[]> {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(input.stem)) {
    throw new RangeError(`figure file stem must be letters, digits, '.', '_' or '-', got ${JSON.stringify(input.stem)}`);
  }
  const { svg, widthPt, heightPt } = await paperSvg(input);
  const base = join(outDir, input.stem);
  const want = new Set<FigureFormat>(options.formats ?? ['svg', 'json', 'pdf', 'png']);
  const written: string[] = [];
  if (want.has('svg')) {
    writeFileAtomic(`${base}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
    written.push(`${base}.svg`);
  }
  if (want.has('json')) {
    writeFileAtomic(`${base}.json`, figureDataJson(input.data));
    written.push(`${base}.json`);
  }
  if (options.browser === null || !(want.has('pdf') || want.has('png'))) return written;

  const own = options.browser === undefined ? await openBrowser() : undefined;
  const browser = own ? own.browser : (options.browser as Browser);
  try {
    const page = await browser.newPage();
    try {
      const wIn = widthPt / 72, hIn = heightPt / 72;
      // PNG: exactly round(in × 300) pixels each way; CSS pixels are 1/96 in.
      const pxW = Math.round(wIn * PNG_DPI), pxH = Math.round(hIn * PNG_DPI);
      const cssW = wIn * 96, cssH = hIn * 96;
      await page.setViewport({ width: Math.ceil(cssW), height: Math.ceil(cssH) });
      await page.setContent(
        `<!doctype html><html><head><meta charset="utf-8"><title>${input.stem}</title><style>` +
          `@page{size:${wIn}in ${hIn}in;margin:0}html,body{margin:0;padding:0;background:#fff}` +
          `body>svg{display:block;width:${cssW}px;height:${cssH}px}</style></head><body>${svg}</body></html>`,
        { waitUntil: 'load' },
      );
      if (want.has('pdf')) {
        const pdf = Buffer.from(
          await page.pdf({ width: `${wIn}in`, height: `${hIn}in`, printBackground: true, pageRanges: '1', margin: { top: 0, right: 0, bottom: 0, left: 0 } }),
        );
        writeFileAtomic(`${base}.pdf`, pdf);
        written.push(`${base}.pdf`);
      }
      if (!want.has('png')) return written;
      // The PNG is drawn on a canvas of exactly pxW × pxH (a screenshot's clip is snapped to
      // whole CSS pixels); Chromium rasterises the SVG image at the canvas resolution.
      const dataUrl = await page.evaluate(
        async (text: string, w: number, h: number): Promise<string> => {
          const img = new Image();
          img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = w;
          canvas.height = h;
          const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
          ctx.fillStyle = '#fff';
          ctx.fillRect(0, 0, w, h);
          ctx.drawImage(img, 0, 0, w, h);
          return canvas.toDataURL('image/png');
        },
        svg,
        pxW,
        pxH,
      );
      const shot = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
      const got = pngSize(shot);
      if (got.width !== pxW || got.height !== pxH) throw new Error(`PNG export of ${input.stem} is ${got.width}×${got.height} px, expected ${pxW}×${pxH}`);
      writeFileAtomic(`${base}.png`, setPngDensity(shot, PNG_DPI));
      written.push(`${base}.png`);
    } finally {
      await page.close();
    }
  } finally {
    await own?.close();
  }
  return written;
}

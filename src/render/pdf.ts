/**
 * Edge: printing reports to PDF with puppeteer and the system's chromium (never downloaded).
 *
 * One browser per render (`openBrowser`), with the project's flags and a fresh profile directory
 * removed on close. Pages are printed on A4 by default (or US Letter), 18 mm margins, with a
 * footer holding the document title and "page n / N"; the print stylesheet keeps figures, math
 * and error boxes whole (break-inside: avoid). The HTML printed is a print variant of the page
 * without scripts, so the static SVG figures are printed as they are.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { writeFileAtomic } from '../io/fs-atomic';

export type PaperFormat = 'a4' | 'letter';
export const PAPER_FORMATS: readonly PaperFormat[] = ['a4', 'letter'];

/** Chromium's flags (COMMON.md); the profile directory is added per launch. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The exit status of `synthrmt render|reports|figure` when the PDF step could not run. */
export const EXIT_NO_CHROMIUM = 3;

export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
  constructor(detail: string) {
    super(
      `${detail}\nPDF (and figure PDF/PNG) output needs chromium. Install it (Debian/Ubuntu: \`apt-get install -y chromium\`) ` +
        'or point PUPPETEER_EXECUTABLE_PATH at a Chrome/Chromium executable; the HTML reports were still built.',
    );
  }
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The chromium executable to use: PUPPETEER_EXECUTABLE_PATH if set, else a system install; null if none. */
export function findChromium(): string | null {
  const env = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (env !== undefined && env !== '') return existsSync(env) && statSync(env).isFile() ? env : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** A launched browser and the way to close it (which also removes its profile directory). */
export interface BrowserHandle {
  browser: Browser;
  close(): Promise<void>;
}

/** Starts chromium headless; ChromiumMissingError when there is none. */
export async function openBrowser(): Promise<BrowserHandle> {
  const executablePath = findChromium();
  if (!executablePath) {
    const env = process.env.PUPPETEER_EXECUTABLE_PATH;
    throw new ChromiumMissingError(env ? `PUPPETEER_EXECUTABLE_PATH=${env} does not exist.` : `No chromium found (looked for ${CANDIDATES.join(', ')}).`);
  }
  const puppeteer = require('puppeteer') as typeof import('puppeteer');
  const profile = mkdtempSync(join(tmpdir(), 'synthrmt-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`],
      userDataDir: profile,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw new ChromiumMissingError(`chromium at ${executablePath} failed to start: ${(e as Error).message}`);
  }
  return {
    browser,
    async close(): Promise<void> {
      try {
        await browser.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

/** Number of pages of a PDF made by chromium (counts its page objects). */
export function pdfPageCount(pdf: Buffer): number {
  const m = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return m ? m.length : 0;
}

function footer(): string {
  // Header/footer templates cannot load web fonts; DejaVu Serif is a system font.
  return (
    '<div style="width:100%;font-family:\'Liberation Serif\',\'DejaVu Serif\',serif;font-size:8pt;color:#666;' +
    'padding:0 18mm;display:flex;justify-content:space-between;">' +
    '<span class="title"></span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
  );
}

export interface PrintOptions {
  paper?: PaperFormat;
  /** Add PDF bookmarks from the headings. */
  outline?: boolean;
}

/** Prints an HTML file (loaded from file:// so its relative assets resolve) to `pdfPath`; returns its page count. */
export async function printPdf(browser: Browser, htmlPath: string, pdfPath: string, options: PrintOptions = {}): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const pdf = Buffer.from(
      await page.pdf({
        format: options.paper === 'letter' ? 'Letter' : 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footer(),
        margin: { top: '18mm', bottom: '20mm', left: '18mm', right: '18mm' },
        outline: options.outline ?? false,
        waitForFonts: true,
      }),
    );
    writeFileAtomic(pdfPath, pdf);
    return pdfPageCount(pdf);
  } finally {
    await page.close();
  }
}

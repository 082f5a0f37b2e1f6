/**
 * Edge: printing reports to PDF with puppeteer and the system's chromium (never downloaded).
 *
 * One browser per render (`openBrowser`), with the project's flags and a fresh profile directory
 * removed on close. Pages are printed on A4 by default (or US Letter), 18 mm margins, with a
 * footer holding the document title and "page n / N"; the print stylesheet keeps figures, math
 * and error boxes whole (break-inside: avoid). The HTML printed is a print variant of the page
 * without scripts, so the static SVG figures are printed as they are.
 *
 * Nothing left behind: puppeteer starts chromium in its own process group, so it does not die
 * with this process. A small detached watchdog process (`WATCHDOG` below) polls this process's
 * PID and, once it is gone (even SIGKILLed), kills the browser's whole process group and removes
 * its profile directory. On a normal close, an exception or SIGINT/SIGTERM/SIGHUP the browser
 * group is killed and the profile removed here (src/io/exit-cleanup.ts), and the signal then ends
 * the process as usual (exit 143 for SIGTERM), without puppeteer's own signal handlers.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { onExitCleanup } from '../io/exit-cleanup';
import { writeFileAtomic } from '../io/fs-atomic';
import { pidAlive } from '../io/orphan-dirs';

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

/** Why `path` cannot be run as chromium ("does not exist", "is a directory"…), or null when it can. */
export function executableProblem(path: string): string | null {
  if (!existsSync(path)) return 'does not exist';
  const st = statSync(path);
  if (st.isDirectory()) return 'is a directory, not an executable';
  if (!st.isFile()) return 'is not an executable file';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return 'is not executable (no execute permission)';
  }
  return null;
}

/** The chromium executable to use: PUPPETEER_EXECUTABLE_PATH if set, else a system install; null if none. */
export function findChromium(): string | null {
  const env = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (env !== undefined && env !== '') return executableProblem(env) === null ? env : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Kills every process started with `--user-data-dir=<profile>` (the browser and its helpers;
 * Linux /proc) together with its process group, then removes the profile. Self-contained (it
 * loads fs itself), so the watchdog process runs this very function from its source text.
 */
function killByProfile(profile: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const needle = Buffer.from('--user-data-dir=' + profile + '\0');
  let names: string[] = [];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    // no /proc: nothing to find
  }
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (!fs.readFileSync('/proc/' + name + '/cmdline').includes(needle)) continue;
      const stat = fs.readFileSync('/proc/' + name + '/stat', 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // gone
      }
      try {
        process.kill(Number(name), 'SIGKILL');
      } catch {
        // gone
      }
    } catch {
      // the process ended while we looked
    }
  }
  if (/synthrmt-chromium-/.test(profile)) {
    try {
      fs.rmSync(profile, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
}

/**
 * The watchdog process: argv = this PID and the profile dir. Started before the browser, it polls
 * every 250 ms; once its parent is gone it kills the browser (found by its profile) and removes
 * the profile. Killed by `close()` and by this process's exit clean-up. It runs the source text of
 * `killByProfile` and `pidAlive` (../io/orphan-dirs), both self-contained.
 */
const WATCHDOG = `${killByProfile.toString()}
${pidAlive.toString()}
const [parent, profile] = [Number(process.argv[1]), process.argv[2]];
setInterval(() => {
  if (process.ppid === parent && pidAlive(parent)) return;
  killByProfile(profile);
  process.exit(0);
}, 250);
`;

/** SIGKILLs a process group, ignoring one that is already gone. */
function killGroup(pgid: number | undefined): void {
  if (!pgid) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // gone
  }
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
    throw new ChromiumMissingError(env ? `PUPPETEER_EXECUTABLE_PATH=${env} ${executableProblem(env) ?? 'cannot be used'}.` : `No chromium found (looked for ${CANDIDATES.join(', ')}).`);
  }
  const puppeteer = require('puppeteer') as typeof import('puppeteer');
  const profile = mkdtempSync(join(tmpdir(), 'synthrmt-chromium-'));
  // Watchdog and exit clean-up first: a kill during the launch must not leave chromium behind.
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), profile], { detached: true, stdio: 'ignore' });
  watchdog.on('error', () => {});
  watchdog.unref();
  const stopWatchdog = (): void => {
    try {
      watchdog.kill('SIGKILL');
    } catch {
      // gone
    }
  };
  let group: number | undefined;
  const unregister = onExitCleanup(() => {
    killGroup(group);
    killByProfile(profile);
    stopWatchdog();
  });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`],
      userDataDir: profile,
      // Our own clean-up (below) handles signals: puppeteer's would leave pending calls to
      // reject with ConnectionClosedError and the command to exit 1 with a stack trace.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (e) {
    killByProfile(profile);
    rmSync(profile, { recursive: true, force: true });
    stopWatchdog();
    unregister();
    throw new ChromiumMissingError(`chromium at ${executablePath} failed to start: ${(e as Error).message}`);
  }
  group = browser.process()?.pid;
  const removeProfile = (): void => rmSync(profile, { recursive: true, force: true });
  return {
    browser,
    async close(): Promise<void> {
      try {
        await browser.close();
      } finally {
        killGroup(group); // any helper process still in the browser's group
        stopWatchdog();
        removeProfile();
        unregister();
      }
    },
  };
}

/** Page count and named destinations of a PDF made by chromium, read with pdf-lib. */
export interface PdfLayout {
  /** number of pages (page objects) */
  pages: number;
  /**
   * The 1-based page on which each asked-for named destination lies (Chromium writes one per
   * element id that a link points at, in the catalog's /Dests dictionary); names without a
   * destination are left out.
   */
  destinations: Map<string, number>;
}

/** Reads a PDF once: its page count and the pages of the named destinations `names`. */
export async function pdfLayout(pdf: Buffer, names: readonly string[] = []): Promise<PdfLayout> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages();
  const destinations = new Map<string, number>();
  if (names.length > 0) {
    const pageOf = new Map(pages.map((p, i) => [p.ref.toString(), i + 1]));
    const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
    for (const name of names) {
      const target = dests?.lookupMaybe(PDFName.of(name), PDFArray)?.get(0);
      const page = target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
      if (page !== undefined) destinations.set(name, page);
    }
  }
  return { pages: pages.length, destinations };
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
  /** Named destinations whose pages to read back (PdfLayout.destinations). */
  destinations?: readonly string[];
}

/**
 * Prints an HTML file (loaded from file:// so its relative assets resolve) to `pdfPath`; returns
 * its page count and the pages of `options.destinations`.
 */
export async function printPdf(browser: Browser, htmlPath: string, pdfPath: string, options: PrintOptions = {}): Promise<PdfLayout> {
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
    return await pdfLayout(pdf, options.destinations);
  } finally {
    await page.close();
  }
}

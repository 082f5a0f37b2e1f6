/**
 * Shared by the render tests: the hand-made executed-notebook fixture, temporary folders, and
 * PDF inspection with poppler's pdfinfo/pdffonts/pdftotext (installed with chromium in CI).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '../../src/render/pdf';

/** test/fixtures/executed (the tests run from dist/test/render). */
export const FIXTURE_EXECUTED = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'executed');

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `synthrmt-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** `false` when PDF tests can run, else the reason they are skipped (node:test `skip`). */
export const SKIP_PDF: false | string = !findChromium()
  ? 'chromium not found (apt-get install -y chromium, or set PUPPETEER_EXECUTABLE_PATH): PDF tests skipped — CI installs it'
  : !has('pdfinfo')
    ? 'pdfinfo not found (apt-get install -y poppler-utils): PDF tests skipped — CI installs it'
    : false;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Pages and page size (points) of a PDF, from pdfinfo. */
export function pdfInfo(path: string): { pages: number; width: number; height: number } {
  const out = run('pdfinfo', [path]);
  const pages = /^Pages:\s+(\d+)/m.exec(out);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  if (!pages || !size) throw new Error(`unexpected pdfinfo output: ${out}`);
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
}

/** Font names embedded in a PDF (pdffonts). */
export function pdfFonts(path: string): string[] {
  return run('pdffonts', [path])
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0])
    .filter(Boolean);
}

/** Text of page `page` (1-based) of a PDF (pdftotext). */
export function pdfText(path: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return run('pdftotext', [...range, '-layout', path, '-']);
}

/** Width, height and pixels-per-metre (pHYs) of a PNG. */
export function pngHeader(buf: Buffer): { width: number; height: number; ppm?: number } {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  const width = buf.readUInt32BE(16), height = buf.readUInt32BE(20);
  let off = 8, ppm: number | undefined;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off), type = buf.toString('ascii', off + 4, off + 8);
    if (type === 'pHYs') ppm = buf.readUInt32BE(off + 8);
    off += 12 + len;
  }
  return { width, height, ppm };
}

/** Every remote reference in an HTML page: src=/href=/url()/@import pointing off the machine. */
export function remoteResources(html: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:src|href|srcset|data|poster|action|xlink:href)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^"'\s>]*)/gi,
    /url\(\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^"')\s]*)/gi,
    /@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi,
  ];
  for (const re of patterns) for (const m of html.matchAll(re)) found.push(m[1]);
  return found;
}

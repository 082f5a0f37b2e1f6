/**
 * PDF output (needs chromium and poppler-utils; skipped with a message when missing — CI installs
 * them): one PDF per notebook and report.pdf with all, page counts, paper size, page numbers in
 * the footer, math typeset with KaTeX's fonts, figures exported at paper size.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReports, type RenderResult } from '../../src/render/build';
import { pdfLayout } from '../../src/render/pdf';
import { FIXTURE_EXECUTED, SKIP_PDF, pdfFonts, pdfInfo, pdfText, pngHeader, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let result: RenderResult;

before(async () => {
  if (SKIP_PDF) return;
  tmp = tempDir('render-pdf');
  result = await renderReports({ executedDir: FIXTURE_EXECUTED, outDir: tmp.dir, pdf: true });
});
after(() => tmp?.cleanup());

test('one PDF per notebook, A4, and report.pdf = contents page + every notebook', { skip: SKIP_PDF }, async () => {
  assert.equal(result.pdfError, undefined);
  assert.deepEqual(result.warnings, []);
  const a = pdfInfo(join(tmp.dir, '01-fixture.pdf'));
  const b = pdfInfo(join(tmp.dir, '02-second.pdf'));
  // The fixture's first notebook runs over two pages, the second fits on one.
  assert.equal(a.pages, 2);
  assert.equal(b.pages, 1);
  assert.ok(Math.abs(a.width - 595.28) < 1 && Math.abs(a.height - 841.89) < 1, `A4 expected, got ${a.width}×${a.height}`);
  const all = pdfInfo(join(tmp.dir, 'report.pdf'));
  assert.equal(all.pages, 1 + a.pages + b.pages);
  assert.equal(result.reportPdfPages, all.pages);
  assert.equal((await pdfLayout(readFileSync(join(tmp.dir, 'report.pdf')))).pages, all.pages, 'our page counter agrees with pdfinfo');
});

test('the contents page gives each notebook its first page; footers number the pages', { skip: SKIP_PDF }, () => {
  const contents = pdfText(join(tmp.dir, 'report.pdf'), 1);
  assert.match(contents, /Contents/);
  assert.match(contents, /Fixture: accuracy under label noise\s+error\s+2\b/);
  assert.match(contents, /Fixture two: a short notebook\s+ok\s+4\b/);
  assert.match(contents, /\b1\s*\/\s*4\b/);
  assert.match(pdfText(join(tmp.dir, 'report.pdf'), 4), /Fixture two: a short notebook[\s\S]*\b4\s*\/\s*4\b/);
  assert.match(pdfText(join(tmp.dir, '01-fixture.pdf'), 2), /\b2\s*\/\s*2\b/);
});

test('the contents link each notebook to the page it starts on (read back from report.pdf; no page-number warning)', { skip: SKIP_PDF }, async () => {
  const report = join(tmp.dir, 'report.pdf');
  const pages = (await pdfLayout(readFileSync(report), ['nb-01-fixture', 'nb-02-second', 'nb-missing'])).destinations;
  assert.equal(pages.has('nb-missing'), false);
  assert.deepEqual([pages.get('nb-01-fixture'), pages.get('nb-02-second')], [2, 4]);
  // the destination's page is where the notebook's title is, and the page before it is not
  assert.match(pdfText(report, 4), /Fixture two: a short notebook/);
  assert.doesNotMatch(pdfText(report, 3), /Fixture two: a short notebook/);
  assert.equal(result.warnings.filter((w) => /page numbers/.test(w)).length, 0, result.warnings.join('; '));
});

test('math is typeset (KaTeX fonts embedded), escaped script text printed, figure as vector', { skip: SKIP_PDF }, () => {
  const fonts = pdfFonts(join(tmp.dir, '01-fixture.pdf'));
  assert.ok(fonts.some((f) => /KaTeX_Main/.test(f)), `fonts: ${fonts.join(', ')}`);
  assert.ok(fonts.some((f) => /KaTeX_Math/.test(f)), `fonts: ${fonts.join(', ')}`);
  const text = pdfText(join(tmp.dir, '01-fixture.pdf'));
  assert.match(text, /<script>alert\(1\)<\/script>/);
  assert.match(text, /Accuracy against the label-noise rate/, 'the figure title is vector text');
  assert.doesNotMatch(text, /\$\\varepsilon/, 'no raw TeX left');
});

test('the figures of the notebooks are exported with PDF and PNG at paper size', { skip: SKIP_PDF }, () => {
  const base = join(tmp.dir, 'figures', 'fixture-accuracy');
  for (const ext of ['svg', 'pdf', 'png', 'json']) assert.ok(existsSync(`${base}.${ext}`), ext);
  assert.equal(pdfInfo(`${base}.pdf`).width, 234);
  assert.equal(pngHeader(readFileSync(`${base}.png`)).width, 975);
  for (const p of result.pages) assert.ok(p.pdf && existsSync(p.pdf));
});

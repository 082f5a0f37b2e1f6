/**
 * `renderReports` on the hand-made executed notebooks of test/fixtures/executed, HTML only
 * (no chromium needed): KaTeX markup, inline SVG figures, escaping, errors, contents page,
 * offline assets, figure SVG/JSON export.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderReports, type RenderResult } from '../../src/render/build';
import { FIXTURE_EXECUTED, remoteResources, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let result: RenderResult;
let page: string;
let index: string;

before(async () => {
  tmp = tempDir('render-html');
  result = await renderReports({ executedDir: FIXTURE_EXECUTED, outDir: tmp.dir, pdf: false, frozen: ['02-second'] });
  page = readFileSync(join(tmp.dir, '01-fixture.html'), 'utf8');
  index = readFileSync(join(tmp.dir, 'index.html'), 'utf8');
});
after(() => tmp.cleanup());

/** The text between the first occurrence of `from` and the next `to`. */
function between(s: string, from: string, to: string): string {
  const i = s.indexOf(from);
  assert.ok(i >= 0, `"${from}" not found`);
  const j = s.indexOf(to, i + from.length);
  return s.slice(i, j < 0 ? undefined : j);
}

test('one page per executed notebook, an index, no warnings, no staging folder left', () => {
  assert.deepEqual(result.pages.map((p) => p.stem), ['01-fixture', '02-second']);
  for (const f of ['index.html', '01-fixture.html', '02-second.html']) assert.ok(existsSync(join(tmp.dir, f)), f);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(readdirSync(tmp.dir).filter((f) => f.startsWith('.')), []);
  assert.equal(result.reportPdf, undefined, '--no-pdf makes no PDF');
});

test('math is typeset by KaTeX at build time, inline and display', () => {
  assert.match(page, /class="katex"/);
  assert.match(page, /class="katex-display"/);
  assert.match(page, /<math><semantics>/, 'MathML for accessibility, without the namespace URL');
  // The display formula ε* = φ/(φ+ρ) became a KaTeX fraction, not dollar signs.
  const display = between(page, '<div class="math-display">', '</div>\n');
  assert.match(display, /mfrac/);
  assert.doesNotMatch(page, /\$\$/);
  // "$5 and $6" are prices (escaped dollars), kept as text.
  assert.match(page, /A price: \$5 and \$6, not math\./);
});

test('math is protected from emphasis; real emphasis still works', () => {
  const para = between(page, 'Emphasis stays', 'stays math');
  assert.match(para, /<em>emphasis<\/em>/);
  const math = para.slice(para.indexOf('</em>'));
  assert.doesNotMatch(math, /<em>/, 'the * in $a_1 * b_2 * c_3$ made emphasis');
  assert.match(math, /class="katex"/);
});

test('a Vega-Lite output becomes an inline SVG, plus the spec for vega-embed (no $schema URL)', () => {
  const fig = between(page, '<figure class="vl-figure', '</figure>');
  assert.match(fig, /<div class="vl-static"><svg [^>]*class="marks"[^>]*viewBox=/);
  assert.match(fig, /Accuracy against the label-noise rate/, 'the title is drawn in the SVG');
  assert.match(fig, /--fig-w:234pt/, 'printed at single-column width');
  const json = between(fig, '<script type="application/json" class="vl-spec">', '</script>').replace(/^[^>]*>/, '');
  const spec = JSON.parse(json) as Record<string, unknown>;
  assert.equal(spec.$schema, undefined);
  assert.equal(spec.usermeta, undefined);
  assert.equal((spec.config as { mark: { tooltip: unknown } }).mark.tooltip, true);
  assert.match(page, /<script nonce="[\w+/=]+" src="assets\/vega-embed\.min\.js"><\/script>/);
  assert.match(page, /<script nonce="[\w+/=]+" src="assets\/vega-interpreter\.min\.js"><\/script>/);
});

test('no remote resource, and no http(s) URL anywhere in the pages', () => {
  for (const f of ['01-fixture.html', '02-second.html', 'index.html']) {
    const html = readFileSync(join(tmp.dir, f), 'utf8');
    assert.deepEqual(remoteResources(html), [], `${f} references remote resources`);
    // Stricter: the fixture has no links at all, so no "http://"/"https://" may appear (namespace
    // declarations, schema URLs and licence comments included).
    assert.doesNotMatch(html, /https?:\/\//i, `${f} contains a URL`);
  }
});

test('every local asset a page references exists', () => {
  for (const f of ['01-fixture.html', 'index.html']) {
    const html = readFileSync(join(tmp.dir, f), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="(assets\/[^"]+)"|url\((assets\/[^)]+)\)/g)].map((m) => m[1] ?? m[2]);
    assert.ok(refs.length > 0);
    for (const r of refs) assert.ok(existsSync(join(tmp.dir, r)), `${f} → ${r} missing`);
  }
  assert.ok(readdirSync(join(tmp.dir, 'assets', 'katex')).some((n) => n.startsWith('KaTeX_Main-Regular') && n.endsWith('.woff2')));
});

test('printed text is escaped: a <script> printed by a cell is shown, never executed', () => {
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(page, /&lt;script&gt;alert\(2\)&lt;\/script&gt;/, 'text/markdown output has raw HTML disabled');
  const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0);
  for (const [, attrs, body] of scripts) {
    const ok = /^\s+nonce="[\w+/=]+" src="assets\/[\w.-]+\.js"$/.test(attrs) || (/type="application\/json"/.test(attrs) && !body.includes('<'));
    assert.ok(ok, `unexpected script element: <script${attrs}>${body.slice(0, 60)}`);
    assert.doesNotMatch(body, /alert/);
  }
});

test('code cells are highlighted, folded, numbered; outputs in place', () => {
  const cell = between(page, 'id="01-fixture-cell-3"', '</section>');
  assert.match(cell, /<details class="cell-source"><summary><span class="prompt">In \[2\]<\/span>/);
  assert.match(cell, /<span class="hljs-/, 'highlight.js markup');
  assert.match(cell, /<pre class="output output-stream stream-stdout">/);
  assert.doesNotMatch(page, /\u001b/, 'ANSI codes are stripped');
  assert.match(cell, /red text/);
  assert.match(page, /<span class="cell-tag">parameters<\/span>/);
  assert.match(page, /<pre class="output output-text">400<\/pre>/);
  assert.match(page, /<table class="synthrmt-table">/, 'text/html output as is');
  assert.match(page, /<img alt="" src="data:image\/png;base64,/);
});

test('an error output is marked, with name, message and traceback', () => {
  const err = between(page, '<div class="output output-error"', '</div></section>');
  assert.match(err, /<span class="ename">RangeError<\/span>: <span class="evalue">p must be a positive integer, got -1<\/span>/);
  assert.match(err, /<pre class="traceback">[\s\S]*at toyTheory/);
  assert.match(page, /<div class="run-error">Stopped at code cell 7: RangeError: p must be a positive integer, got -1<\/div>/);
});

test('the contents page links every notebook with its status and run date', () => {
  assert.match(index, /<a href="01-fixture\.html">Fixture: accuracy under label noise<\/a>/);
  assert.match(index, /<a href="02-second\.html">Fixture two: a short notebook<\/a>/);
  assert.match(between(index, '01-fixture.html', '</tr>'), /status-error">error<[\s\S]*2025-11-20 10:00 UTC[\s\S]*4\.5 s/);
  assert.match(between(index, '02-second.html', '</tr>'), /status-frozen">frozen<[\s\S]*2025-11-20 10:01 UTC/);
  assert.match(index, /2 notebooks: 1 error, 1 frozen\./);
  assert.doesNotMatch(index, /report\.pdf/, 'no link to a PDF that was not built');
});

test('figures are exported as SVG at paper size and JSON with the data (no PDF/PNG without --pdf)', () => {
  const dir = join(tmp.dir, 'figures');
  assert.deepEqual(readdirSync(dir).sort(), ['fixture-accuracy.json', 'fixture-accuracy.svg']);
  const svg = readFileSync(join(dir, 'fixture-accuracy.svg'), 'utf8');
  assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* width="234pt"/);
  const nb = JSON.parse(readFileSync(join(FIXTURE_EXECUTED, '01-fixture.ipynb'), 'utf8')) as { cells: { outputs?: { data?: Record<string, { usermeta?: { synthrmtData?: unknown } }> }[] }[] };
  const spec = nb.cells[5].outputs?.[0].data?.['application/vnd.vegalite.v5+json'];
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'fixture-accuracy.json'), 'utf8')), spec?.usermeta?.synthrmtData);
});

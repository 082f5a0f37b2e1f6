/**
 * reports/manifest.json (provenance, checksums), figure JSONs with params and seed, and what the
 * index and pages add: the scorecard, thumbnails, the explorer links and the non-default
 * parameters mark.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReports } from '../../src/render/build';
import { runFigure } from '../../src/render/run-figure';
import { serialExecutor } from '../../src/sim/executor';
import { sha256File, type Manifest } from '../../src/render/manifest';
import { linksExplorer } from '../../src/render/notebook-html';
import { runParameters, differingText } from '../../src/render/run-parameters';
import { figureRecord } from '../../src/figures/figure-def';
import { readNotebook } from '../../src/io/nbformat';
import { FIXTURE_EXECUTED, tempDir } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const tmp = tempDir('manifest');
const executed = join(tmp.dir, 'executed');
const out = join(tmp.dir, 'out');
let manifest: Manifest;

before(async () => {
  cpSync(FIXTURE_EXECUTED, executed, { recursive: true });
  // a run with a non-default parameter (p = 300; the notebook's parameters cell says 200)
  const rec = JSON.parse(readFileSync(join(executed, '01-fixture.run.json'), 'utf8')) as { parameters: Record<string, unknown> };
  rec.parameters = { p: 300, n: 100 };
  writeFileSync(join(executed, '01-fixture.run.json'), JSON.stringify(rec));
  // notebook 03's page links to the explorer: the fixture under that stem
  cpSync(join(FIXTURE_EXECUTED, '02-second.ipynb'), join(executed, '03-accuracy-curves.ipynb'));
  await renderReports({ executedDir: executed, outDir: out, pdf: false });
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
});
after(() => tmp.cleanup());

test('manifest: every figure file is listed with its sha256, and the checksums match the files', () => {
  const figs = readdirSync(join(out, 'figures')).map((f) => `figures/${f}`).sort();
  assert.ok(figs.length > 0);
  assert.deepEqual(manifest.files.map((f) => f.path), figs);
  for (const f of manifest.files) assert.equal(f.sha256, sha256File(join(out, f.path)), f.path);
});

test('manifest: notebooks with parameters, seeds, status, duration and the sha256 of the executed copy', () => {
  assert.deepEqual(manifest.notebooks.map((n) => n.stem), ['01-fixture', '02-second', '03-accuracy-curves']);
  const nb = manifest.notebooks[0];
  assert.deepEqual(nb.parameters, { p: 300, n: 100 });
  assert.deepEqual(nb.seeds, {});
  assert.equal(nb.status, 'error');
  assert.equal(nb.durationMs, 4500);
  for (const n of manifest.notebooks) assert.equal(n.sha256, sha256File(join(executed, `${n.stem}.ipynb`)));
});

test('manifest: versions of node, TypeScript, tslab and the runtime packages as installed; CPU count; git state', () => {
  assert.equal(manifest.node, process.version);
  const installed = (p: string): string => (JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(manifest.typescript, installed('typescript'));
  assert.equal(manifest.tslab, installed('tslab'));
  const deps = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies).sort();
  assert.deepEqual(Object.keys(manifest.packages), deps);
  assert.equal(manifest.packages.vega, installed('vega'));
  assert.ok(manifest.cpus >= 1);
  assert.ok(manifest.git.commit === null || /^[0-9a-f]{40}$/.test(manifest.git.commit), String(manifest.git.commit));
  if (manifest.git.commit !== null) assert.equal(typeof manifest.git.dirty, 'boolean');
});

test('index: scorecard at the top, explorer and manifest links, parameters that differ marked', () => {
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const score = html.indexOf('Reproduction scorecard'), contents = html.indexOf('<table class="contents"');
  assert.ok(score > 0 && score < contents, 'scorecard above the contents');
  // the fixture build has no paper figures: their checks fail, saying so
  assert.match(html, /✘/);
  assert.match(html, /no Figure 4 data in the build/);
  assert.match(html, /✔/); // the theory check values
  assert.match(html, /href="explorer\.html"/);
  assert.match(html, /href="manifest\.json"/);
  assert.match(html, /Parameters differ from the paper(&#39;|'|&#x27;)s: p = 300 \(paper: 200\)/);
  assert.equal((html.match(/class="params-differ"/g) ?? []).length, 1);
});

test('index: a thumbnail (data: URL) of each figure a notebook shows', () => {
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const svgs = readdirSync(join(out, 'figures')).filter((f) => f.endsWith('.svg'));
  assert.ok(svgs.length > 0);
  const thumbs = html.match(/<img class="thumb"[^>]*src="data:image\/svg\+xml;base64,/g) ?? [];
  assert.equal(thumbs.length, svgs.length);
});

test('pages: the non-default run is marked; notebooks 03, 04, 09 link to the explorer, others do not', () => {
  const p1 = readFileSync(join(out, '01-fixture.html'), 'utf8');
  assert.match(p1, /class="params-differ"/);
  assert.match(p1, /p = 300 \(paper: 200\)/);
  assert.doesNotMatch(readFileSync(join(out, '02-second.html'), 'utf8'), /class="params-differ"|href="explorer\.html"/);
  assert.match(readFileSync(join(out, '03-accuracy-curves.html'), 'utf8'), /href="explorer\.html"/);
  assert.deepEqual(['03-accuracy-curves', '04-phase-transition', '09-mixing-weight', '08-kl-gap', '01-fixture', '090'].map(linksExplorer), [true, true, true, false, false, false]);
});

test('runParameters: defaults from the parameters cell, given values over them, only changed ones differ', () => {
  const nb = readNotebook(join(FIXTURE_EXECUTED, '01-fixture.ipynb'));
  const same = runParameters(nb, { p: 200 });
  assert.deepEqual(same.all, { p: 200, n: 100 });
  assert.deepEqual(same.differing, []);
  const diff = runParameters(nb, { n: 50 });
  assert.equal(differingText(diff), 'n = 50 (paper: 100)');
});

test('figureRecord: the data with every parameter and the seed; non-object data wrapped', () => {
  assert.deepEqual(figureRecord({ a: 1 }, { n: 2, seed: 7 }), { a: 1, params: { n: 2, seed: 7 }, seed: 7 });
  assert.deepEqual(figureRecord([1, 2], { n: 2 }), { data: [1, 2], params: { n: 2 }, seed: null });
  assert.ok(existsSync(join(out, 'manifest.json')));
});

test('runFigure (synthrmt figure) writes the JSON with every parameter and the seed', async () => {
  const dir = join(tmp.dir, 'fig');
  mkdirSync(dir, { recursive: true });
  await runFigure('fig4', { pointsBelow: 4, pointsAbove: 3 }, { out: dir, pdf: false, executor: serialExecutor, progress: { update: () => undefined, finish: () => '', stop: () => undefined } });
  const json = JSON.parse(readFileSync(join(dir, 'fig4-phase-transition.json'), 'utf8')) as { params: Record<string, unknown>; seed: unknown; curves: unknown[] };
  for (const k of ['p', 'mu', 'gamma', 'rho', 'phi', 'mOverP', 'pointsBelow', 'pruning']) assert.ok(k in json.params, `params lack ${k}`);
  assert.equal(json.params.pointsBelow, 4);
  assert.equal(typeof json.seed, 'number', 'Figure 4 draws its simulation dots with a seed');
  assert.equal(json.seed, json.params.seed);
  assert.ok(Array.isArray(json.curves));
  // a figure without randomness records seed null
  await runFigure('fig2', { points: 5 }, { out: dir, pdf: false, executor: serialExecutor, progress: { update: () => undefined, finish: () => '', stop: () => undefined } });
  const fig2 = JSON.parse(readFileSync(join(dir, 'fig2-fixed-points.json'), 'utf8')) as { params: Record<string, unknown>; seed: unknown };
  assert.equal(fig2.seed, null);
  assert.equal(fig2.params.points, 5);
});

/** --template with a custom directory, template validation, and failure safety of a render. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../src/cli/errors';
import { renderReports } from '../../src/render/build';
import { DEFAULT_TEMPLATE_DIR, loadTemplate } from '../../src/render/templates';
import { FIXTURE_EXECUTED, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
before(() => {
  tmp = tempDir('render-templates');
});
after(() => tmp.cleanup());

function customTemplate(name: string, edit: (files: Record<string, string>) => void): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const f of ['page.html', 'index.html', 'style.css']) files[f] = readFileSync(join(DEFAULT_TEMPLATE_DIR, f), 'utf8');
  edit(files);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

test('--template: pages are built from the chosen directory', async () => {
  const dir = customTemplate('custom', (f) => {
    f['page.html'] = f['page.html'].replace('<main>', '<main class="custom-page"><p class="banner">Custom: {{title}}</p>');
    f['index.html'] = f['index.html'].replace('<main>', '<main class="custom-index">');
    f['style.css'] += '\n.banner { color: rebeccapurple; }\n';
  });
  const out = join(tmp.dir, 'out-custom');
  await renderReports({ executedDir: FIXTURE_EXECUTED, outDir: out, templateDir: dir, pdf: false });
  const page = readFileSync(join(out, '01-fixture.html'), 'utf8');
  assert.match(page, /<p class="banner">Custom: Fixture: accuracy under label noise<\/p>/);
  assert.match(page, /\.banner \{ color: rebeccapurple; \}/);
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /<main class="custom-index">/);
});

test('a template directory that is missing, or lacks a file, is a clear usage error', () => {
  assert.throws(() => loadTemplate(join(tmp.dir, 'nowhere')), (e: Error) => e instanceof UsageError && /template directory .*nowhere does not exist/.test(e.message));
  const dir = join(tmp.dir, 'partial');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(DEFAULT_TEMPLATE_DIR, 'page.html'), join(dir, 'page.html'));
  assert.throws(() => loadTemplate(dir), (e: Error) => e instanceof UsageError && /lacks index\.html, style\.css; a template needs page\.html, index\.html, style\.css/.test(e.message));
});

test('a template with an unknown, misused or missing placeholder is rejected by name', () => {
  const unknown = customTemplate('unknown', (f) => {
    f['page.html'] = f['page.html'].replace('<main>', '<main>{{author}}');
  });
  assert.throws(() => loadTemplate(unknown), /page\.html uses unknown placeholder \{\{author\}\}; allowed: \{\{title\}\}/);
  const escapedBody = customTemplate('escaped', (f) => {
    f['page.html'] = f['page.html'].replace('{{{body}}}', '{{body}}');
  });
  assert.throws(() => loadTemplate(escapedBody), /\{\{body\}\} holds HTML; write it \{\{\{body\}\}\}/);
  const noContents = customTemplate('nocontents', (f) => {
    f['index.html'] = f['index.html'].replace('{{{contents}}}', '');
  });
  assert.throws(() => loadTemplate(noContents), /index\.html lacks the required placeholder \{\{\{contents\}\}\}/);
});

test('a render that fails midway leaves the previous reports intact', async () => {
  const out = join(tmp.dir, 'out-safe');
  const executed = join(tmp.dir, 'executed-broken');
  mkdirSync(executed, { recursive: true });
  // A good first notebook, then a malformed one: the failure comes after page 1 was rendered.
  for (const f of ['01-fixture.ipynb', '01-fixture.run.json']) copyFileSync(join(FIXTURE_EXECUTED, f), join(executed, f));
  writeFileSync(join(executed, '02-broken.ipynb'), '{"nbformat": 4, "cells": [');
  // The previous build.
  await renderReports({ executedDir: FIXTURE_EXECUTED, outDir: out, pdf: false });
  const before = new Map(readdirSync(out).filter((f) => f.endsWith('.html')).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  writeFileSync(join(out, '01-fixture.html'), 'PREVIOUS PAGE');
  before.set('01-fixture.html', 'PREVIOUS PAGE');
  const assetsBefore = readdirSync(join(out, 'assets')).sort();

  await assert.rejects(
    renderReports({ executedDir: executed, outDir: out, pdf: false }),
    (e: Error) => /02-broken\.ipynb is not a valid Jupyter notebook: malformed JSON/.test(e.message),
  );
  for (const [f, text] of before) assert.equal(readFileSync(join(out, f), 'utf8'), text, `${f} changed`);
  assert.deepEqual(readdirSync(join(out, 'assets')).sort(), assetsBefore);
  assert.deepEqual(readdirSync(out).filter((f) => f.startsWith('.')), [], 'the staging folder is removed');
  assert.equal(existsSync(join(out, '02-broken.html')), false);
});

test('no executed notebooks: a usage error naming the folder', async () => {
  const empty = join(tmp.dir, 'empty-executed');
  rmSync(empty, { recursive: true, force: true });
  mkdirSync(empty);
  await assert.rejects(renderReports({ executedDir: empty, outDir: join(tmp.dir, 'out-empty'), pdf: false }), (e: Error) => e instanceof UsageError && /no executed notebooks in .*empty-executed; run `synthrmt run` first/.test(e.message));
  cpSync(join(FIXTURE_EXECUTED, '02-second.ipynb'), join(empty, '02-second.ipynb'));
  const r = await renderReports({ executedDir: empty, outDir: join(tmp.dir, 'out-empty'), pdf: false });
  assert.equal(r.pages[0].status, 'unknown', 'a notebook without run record renders with status unknown');
});

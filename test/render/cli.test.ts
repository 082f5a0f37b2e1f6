/**
 * `synthrmt render` through the real bin: exit statuses (0 done, 2 bad usage, 3 no chromium with
 * the HTML still built and install instructions printed).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { synthrmt as runCli } from '../runner/helpers';
import { FIXTURE_EXECUTED, tempDir } from './helpers';

const tmp = tempDir('render-cli');
after(() => tmp.cleanup());

const synthrmt = (args: string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof runCli> => runCli(args, { env, timeout: 300_000 });

test('render --no-pdf builds the HTML and exits 0', () => {
  const out = join(tmp.dir, 'ok');
  const r = synthrmt(['render', '--executed', FIXTURE_EXECUTED, '--out', out, '--no-pdf']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /rendered 2 notebooks → .*index\.html \(HTML [\d.]+ s; 1 figure\)/);
  assert.ok(existsSync(join(out, '01-fixture.html')));
});

test('no chromium: HTML, SVG and JSON still built; how to install it is printed; exit 3', () => {
  const out = join(tmp.dir, 'nochromium');
  const r = synthrmt(['render', '--executed', FIXTURE_EXECUTED, '--out', out], { PUPPETEER_EXECUTABLE_PATH: join(tmp.dir, 'no-such-chromium') });
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /no-such-chromium does not exist/);
  assert.match(r.stderr, /apt-get install -y chromium/);
  assert.match(r.stderr, /PUPPETEER_EXECUTABLE_PATH/);
  assert.deepEqual(readdirSync(out).filter((f) => /\.(html|pdf)$/.test(f)).sort(), ['01-fixture.html', '02-second.html', 'explorer.html', 'index.html']);
  assert.deepEqual(readdirSync(join(out, 'figures')).sort(), ['fixture-accuracy.json', 'fixture-accuracy.svg']);
});

test('bad usage exits 2 with a clear message: missing template, bad paper, no executed notebooks', () => {
  const t = synthrmt(['render', '--executed', FIXTURE_EXECUTED, '--out', join(tmp.dir, 'x'), '--template', join(tmp.dir, 'no-template'), '--no-pdf']);
  assert.equal(t.status, 2);
  assert.match(t.stderr, /template directory .*no-template does not exist; a template is a directory with page\.html, index\.html, style\.css/);
  const p = synthrmt(['render', '--executed', FIXTURE_EXECUTED, '--out', join(tmp.dir, 'x'), '--paper', 'a5']);
  assert.equal(p.status, 2);
  assert.match(p.stderr, /--paper must be one of a4, letter, got "a5"/);
  const e = synthrmt(['render', '--out', join(tmp.dir, 'empty')]);
  assert.equal(e.status, 2);
  assert.match(e.stderr, /no executed notebooks: .*empty\/executed does not exist; run `synthrmt run` first/);
  assert.equal(existsSync(join(tmp.dir, 'x')), false, 'nothing written on bad usage');
});

/**
 * Issue 13, item 4: published pages run only the renderer's own scripts and load nothing from
 * outside the report. A notebook carrying hostile raw HTML (in Markdown, in a heading that reaches
 * index.html, in a text/html output) and remote references (a Markdown image, a vega data.url)
 * is rendered, then every page is opened in real chromium with JavaScript on: nothing injected
 * runs, no request leaves for the (local, counting) "remote" server, and the interactive chart
 * still renders.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { renderReports } from '../../src/render/build';
import { contentSecurityPolicy } from '../../src/render/html';
import { openBrowser, type BrowserHandle } from '../../src/render/pdf';
import { FIXTURE_EXECUTED, SKIP_PDF, tempDir } from './helpers';

const tmp = tempDir('csp');
let server: Server;
let remote = '';
const requests: string[] = [];
let handle: BrowserHandle | undefined;

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  remote = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await handle?.close();
  await new Promise<void>((r) => server.close(() => r()));
  tmp.cleanup();
});

/** The fixture notebook plus hostile cells; window.__ran collects what ran. */
function hostileNotebook(): object {
  const nb = JSON.parse(readFileSync(join(FIXTURE_EXECUTED, '01-fixture.ipynb'), 'utf8'));
  const md = (source: string): object => ({ cell_type: 'markdown', metadata: {}, source });
  const mark = (k: string): string => `(window.__ran=(window.__ran||[])).push('${k}')`;
  nb.cells[0] = md(`# Hostile <img src="x" onerror="${mark('heading-onerror')}"> title\n\nText.`);
  nb.cells.splice(
    1,
    0,
    md(`<script>${mark('md-script')}</script>`),
    md(`<img src="nope.png" onerror="${mark('md-onerror')}">`),
    md(`<svg onload="${mark('svg-onload')}" width="10" height="10"></svg>`),
    md(`<a id="js-link" href="javascript:${mark('js-link')}">click</a>`),
    md(`![remote](${remote}/md-image.png)`),
    md(`<p id="harmless" style="color: rgb(1, 2, 3)">harmless <b>raw</b> HTML</p>`),
    {
      cell_type: 'code',
      execution_count: 99,
      metadata: {},
      source: 'display()',
      outputs: [
        { output_type: 'display_data', metadata: {}, data: { 'text/html': `<script>${mark('output-script')}</script><img src="${remote}/output-image.png">`, 'text/plain': 'x' } },
        {
          output_type: 'display_data',
          metadata: {},
          data: {
            'application/vnd.vegalite.v5+json': { data: { url: `${remote}/vega-data.json` }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } },
            'text/plain': 'chart',
          },
        },
      ],
    },
  );
  return nb;
}

test('the policy: nonce-only scripts, no eval, nothing remote', () => {
  const p = contentSecurityPolicy('abc');
  assert.match(p, /default-src 'none'/);
  assert.match(p, /script-src 'nonce-abc'(;|$)/);
  assert.doesNotMatch(p, /unsafe-eval|https?:|\*/);
  assert.match(contentSecurityPolicy(null), /script-src 'none'/);
});

test('hostile raw HTML does not run, nothing remote is fetched, the chart stays interactive', { skip: SKIP_PDF, timeout: 240_000 }, async () => {
  const executed = join(tmp.dir, 'executed');
  mkdirSync(executed, { recursive: true });
  writeFileSync(join(executed, '01-hostile.ipynb'), JSON.stringify(hostileNotebook()));
  writeFileSync(join(executed, '02-fixture.ipynb'), readFileSync(join(FIXTURE_EXECUTED, '01-fixture.ipynb')));
  const out = join(tmp.dir, 'reports');
  const result = await renderReports({ executedDir: executed, outDir: out, pdf: false });
  assert.equal(requests.length, 0, `the build fetched ${requests.join(', ')}`);

  const h = await openBrowser();
  handle = h;
  const pages = ['index.html', '01-hostile.html', '02-fixture.html'];
  for (const name of pages) {
    const html = readFileSync(join(out, name), 'utf8');
    assert.match(html, /<head>\s*<meta http-equiv="Content-Security-Policy"/, `${name} has no CSP first in <head>`);
    const page = await h.browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    try {
      await page.goto(pathToFileURL(join(out, name)).href, { waitUntil: 'load' });
      if (name === '02-fixture.html') {
        // The renderer's own scripts run: vega-embed makes the figure live (no eval needed).
        await page.waitForSelector('figure.vl-figure.is-live .vl-live svg', { timeout: 60_000 });
        assert.ok(!violations.some((v) => /eval/.test(v)), violations.join('\n'));
      }
      if (name === '01-hostile.html') {
        assert.equal(await page.$eval('#harmless', (e) => getComputedStyle(e).color), 'rgb(1, 2, 3)', 'harmless raw HTML keeps its style');
        await page.click('#js-link');
      }
      await new Promise((r) => setTimeout(r, 500));
      const ran = await page.evaluate(() => (window as unknown as { __ran?: string[] }).__ran ?? []);
      assert.deepEqual(ran, [], `${name}: injected code ran: ${ran.join(', ')}`);
    } finally {
      await page.close();
    }
  }
  assert.deepEqual(requests, [], `pages fetched ${requests.join(', ')}`);
  assert.ok(result.pages.length === 2);
});

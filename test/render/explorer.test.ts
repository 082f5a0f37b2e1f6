/**
 * reports/explorer.html in real Chromium (puppeteer; skipped with a message when chromium is
 * missing — CI installs it): the page renders its three views from file:// under its own
 * Content-Security-Policy (no 'unsafe-eval'), every control's event recomputes every view, the rows
 * of `window.synthrmtExplorer.data()` equal `synthrmt theory --batch` on their params (to 1e-9),
 * and no request leaves the page.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { buildExplorer, scriptHash, type ExplorerBuild } from '../../src/render/explorer';
import { computeExplorer, CONTROL_DEFAULTS, CONTROL_NAMES, type Row } from '../../src/render/explorer/model';
import { epsilonStar } from '../../src/rmt/index';
import { findChromium, openBrowser, type BrowserHandle } from '../../src/render/pdf';
import { tempDir } from './helpers';

const SKIP: false | string = findChromium() ? false : 'chromium not found (apt-get install -y chromium, or set PUPPETEER_EXECUTABLE_PATH): explorer tests skipped — CI installs it';
const BIN = resolve(__dirname, '..', '..', '..', 'bin', 'synthrmt.js');
const WAIT = { timeout: 30_000 };

let tmp: ReturnType<typeof tempDir>;
let built: ExplorerBuild;
let handle: BrowserHandle | undefined;
let page: Page;
let fileUrl: string;
const requests: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  tmp = tempDir('explorer');
  built = await buildExplorer(join(tmp.dir, 'explorer.html'));
  if (SKIP) return;
  fileUrl = pathToFileURL(built.file).href;
  handle = await openBrowser();
  page = await handle.browser.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(fileUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => ((window as unknown as { synthrmtExplorer?: { updates(): number } }).synthrmtExplorer?.updates() ?? 0) > 0, WAIT);
});

after(async () => {
  await handle?.close();
  tmp?.cleanup();
});

interface PageState {
  rows: Row[];
  errors: string[];
  updates: number;
  marks: Record<string, number>;
  csp: string[];
}

/** Waits for the redraws to finish; the rows, errors, and the number of drawn marks per view. */
async function state(): Promise<PageState> {
  return page.evaluate(async () => {
    const api = (window as unknown as { synthrmtExplorer: { data(): { rows: Row[] }; errors(): string[]; updates(): number; idle(): Promise<void> } }).synthrmtExplorer;
    await api.idle();
    const marks: Record<string, number> = {};
    for (const v of ['share', 'epsilon', 'weight']) {
      marks[v] = document.querySelectorAll(`#view-${v} .chart svg .mark-symbol path, #view-${v} .chart svg .mark-line path`).length;
    }
    return { rows: api.data().rows, errors: api.errors(), updates: api.updates(), marks, csp: (window as unknown as { cspViolations: string[] }).cspViolations };
  });
}

/** Sets a control's value and fires its event (`input` for inputs, `change` for selects). */
async function setControl(name: string, value: string): Promise<void> {
  await page.evaluate((n, v) => {
    const el = (document.getElementById('controls') as HTMLFormElement).elements.namedItem(n) as HTMLInputElement | HTMLSelectElement;
    el.value = v;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }, name, value);
}

/** `synthrmt theory --batch -` on the rows' {model, pruning, params}: the accuracies, in order. */
function cliAccuracies(rows: Row[]): number[] {
  const input = rows.map((r) => JSON.stringify({ model: r.model, pruning: r.pruning, params: r.params })).join('\n');
  const out = spawnSync(process.execPath, [BIN, 'theory', '--batch', '-'], { input, encoding: 'utf8', timeout: 60_000 });
  assert.equal(out.status, 0, `synthrmt theory --batch failed: ${out.stderr}\n${out.stdout.slice(0, 500)}`);
  const lines = out.stdout.trim().split('\n');
  assert.equal(lines.length, rows.length);
  return lines.map((l) => (JSON.parse(l) as { accuracy: number }).accuracy);
}

function assertMatchesCli(rows: Row[], what: string): void {
  const cli = cliAccuracies(rows);
  rows.forEach((r, i) => {
    assert.ok(Math.abs(r.accuracy - cli[i]) <= 1e-9, `${what}: row ${i} (${r.view}, ${JSON.stringify(r.params)}): page ${r.accuracy}, CLI ${cli[i]}`);
  });
}

const byView = (rows: Row[], v: string): Row[] => rows.filter((r) => r.view === v);

test('the page is one file with a strict CSP: no unsafe-eval, the inline script allowed by its hash', () => {
  const html = readFileSync(built.file, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
  assert.ok(csp, 'a CSP meta element');
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1, 'one inline script');
  assert.equal(html.match(/<script/g)?.length, 1, 'no external script');
  assert.ok(csp.includes(`script-src ${scriptHash(scripts[0])}`), 'script-src is the hash of the inline script');
  assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//, 'no remote reference');
  for (const name of CONTROL_NAMES) assert.match(html, new RegExp(`name="${name}"`), `control ${name}`);
  assert.equal(built.bytes, Buffer.byteLength(html));
});

test('the views render under the CSP, from file://, and the rows equal the CLI theory', { skip: SKIP, timeout: 120_000 }, async () => {
  const s = await state();
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s.csp, [], 'no CSP violation');
  assert.deepEqual(pageErrors, []);
  for (const v of ['share', 'epsilon', 'weight']) {
    assert.ok(byView(s.rows, v).length > 0, `${v} has rows`);
    assert.ok(s.marks[v] > 0, `${v} is drawn (${s.marks[v]} marks)`);
  }
  // The default controls, as the page was built.
  assert.deepEqual(s.rows, computeExplorer({ ...CONTROL_DEFAULTS }).views.share.rows.concat(
    computeExplorer({ ...CONTROL_DEFAULTS }).views.epsilon.rows, computeExplorer({ ...CONTROL_DEFAULTS }).views.weight.rows,
  ));
  const baseline = byView(s.rows, 'share').filter((r) => r.series === 'real-only baseline');
  assert.equal(baseline.length, 1);
  assert.deepEqual(baseline[0].params, { m: CONTROL_DEFAULTS.n, p: CONTROL_DEFAULTS.p, mu: CONTROL_DEFAULTS.mu, epsilon: 0, rho: 0, phi: 1, gamma: CONTROL_DEFAULTS.gamma });
  assertMatchesCli(s.rows, 'defaults');
});

test('moving any control recomputes every view; rows still equal the CLI', { skip: SKIP, timeout: 180_000 }, async () => {
  let before = (await state()).updates;
  const all: Row[] = [];
  const steps: [name: string, value: string, check: (rows: Row[]) => void][] = [
    ['epsilon', '0.4', (rows) => {
      for (const v of ['share', 'weight']) assert.ok(byView(rows, v).every((r) => r.series === 'real-only baseline' || r.params.epsilon === 0.4), `${v} uses ε = 0.4`);
    }],
    ['p', '300', (rows) => assert.ok(rows.every((r) => r.params.p === 300), 'every view uses p = 300')],
    ['model', 'synthetic-only', (rows) => {
      for (const v of ['epsilon', 'weight']) assert.ok(byView(rows, v).every((r) => r.model === 'synthetic-only' && !('n' in r.params)), `${v}: synthetic-only rows`);
      assert.ok(byView(rows, 'share').filter((r) => r.series === 'theory').every((r) => r.model === 'synthetic-only'));
    }],
    ['rho', '0.5', (rows) => {
      // Corollary 4.3: E[g] ∝ λ vanishes at ε* = φ/(φ+ρ), where the signed accuracy is 1/2.
      const star = epsilonStar(0.5, 0.8);
      const at = byView(rows, 'epsilon').filter((r) => r.params.epsilon === star);
      assert.equal(at.length, 1, 'ε* is on the ε grid');
      assert.ok(Math.abs(at[0].accuracy - 0.5) < 1e-12, `accuracy at ε* = ${at[0].accuracy}`);
      assert.ok(rows.every((r) => r.series === 'real-only baseline' || r.params.rho === 0.5));
    }],
    ['pruning', 'exact', (rows) => assert.ok(rows.every((r) => r.pruning === 'exact'))],
    ['m', '1000', (rows) => assert.ok(byView(rows, 'epsilon').every((r) => r.params.m === 1000))],
    ['model', 'toy', (rows) => assert.ok(byView(rows, 'epsilon').every((r) => r.model === 'toy' && r.params.nHat === CONTROL_DEFAULTS.nHat))],
    ['nHat', '50', (rows) => assert.ok(rows.filter((r) => r.model === 'toy').every((r) => r.params.nHat === 50))],
    ['mu', '1.5', (rows) => assert.ok(rows.every((r) => r.params.mu === 1.5))],
    ['phi', '0.6', (rows) => assert.ok(rows.every((r) => r.series === 'real-only baseline' || r.params.phi === 0.6))],
    ['gamma', '0.3', (rows) => assert.ok(rows.every((r) => r.params.gamma === 0.3))],
    ['n', '500', (rows) => {
      assert.ok(rows.filter((r) => r.model === 'toy').every((r) => r.params.n === 500));
      assert.equal(byView(rows, 'share').find((r) => r.series === 'real-only baseline')?.params.m, 500);
    }],
  ];
  for (const [name, value, check] of steps) {
    await setControl(name, value);
    const s = await state();
    assert.deepEqual(s.errors, [], `after ${name} = ${value}`);
    assert.ok(s.updates > before, `${name}: redrawn`);
    before = s.updates;
    for (const v of ['share', 'epsilon', 'weight']) {
      assert.ok(byView(s.rows, v).length > 0 && s.marks[v] > 0, `after ${name} = ${value}: ${v} computed and drawn`);
    }
    check(s.rows);
    all.push(...s.rows);
  }
  assertMatchesCli(all, 'after moving the controls');
  assert.deepEqual((await state()).csp, [], 'no CSP violation');
  assert.deepEqual(pageErrors, []);
});

test('the weight β is passed through in params; bad values are reported, not plotted', { skip: SKIP, timeout: 60_000 }, async () => {
  await setControl('pruning', 'exact');
  await setControl('weight', '2');
  let s = await state();
  for (const v of ['share', 'epsilon']) {
    const rows = byView(s.rows, v);
    // The rows carry weight 2 (the theory takes the weight β in exact mode).
    assert.ok(rows.length > 0, `${v}: ${s.errors.join('; ')}`);
    assert.ok(rows.every((r) => r.series === 'real-only baseline' || r.params.weight === 2), v);
  }
  assertMatchesCli(s.rows, 'weight 2');
  await setControl('weight', '1');
  await setControl('gamma', '-1');
  s = await state();
  assert.equal(s.rows.length, 0);
  assert.ok(s.errors.length === 3 && s.errors.every((e) => /gamma must be > 0, got -1/.test(e)), s.errors.join('; '));
  const note = await page.$eval('#view-share .note', (el) => el.textContent ?? '');
  assert.match(note, /gamma must be > 0/);
  await setControl('gamma', ''); // a number input's value is '' for anything not a number
  s = await state();
  assert.deepEqual(s.errors, ['gamma must be a finite number, got ""']);
  await setControl('gamma', '1');
  s = await state();
  assert.deepEqual(s.errors, []);
});

test('no request leaves the page', { skip: SKIP }, () => {
  assert.ok(requests.length >= 1);
  assert.deepEqual(requests.filter((u) => u !== fileUrl), []);
});

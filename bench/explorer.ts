/**
 * `npm run bench -- explorer`: reports/explorer.html — the time to bundle its script (esbuild:
 * src/rmt + vega-embed), the page's size, the time to recompute every view (Node), and in
 * Chromium the time from opening the file to the first drawing and per control change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildExplorer } from '../src/render/explorer';
import { computeExplorer, CONTROL_DEFAULTS } from '../src/render/explorer/model';
import { findChromium, openBrowser } from '../src/render/pdf';

const ms = (t: number): string => `${t.toFixed(0)} ms`;

export async function run(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'synthrmt-bench-explorer-'));
  try {
    const file = join(out, 'explorer.html');
    const times: number[] = [];
    let build = await buildExplorer(file, { cache: false });
    times.push(build.bundleMs);
    for (let i = 0; i < 2; i++) {
      build = await buildExplorer(file, { cache: false });
      times.push(build.bundleMs);
    }
    console.log(`explorer bundle (esbuild): first ${ms(times[0])}, then ${ms(Math.min(...times.slice(1)))}`);
    console.log(`explorer.html: ${(build.bytes / 1024).toFixed(0)} KiB (script ${(build.scriptBytes / 1024).toFixed(0)} KiB)`);

    const reps = 50;
    computeExplorer({ ...CONTROL_DEFAULTS });
    const t0 = performance.now();
    let rows = 0;
    for (let i = 0; i < reps; i++) {
      const r = computeExplorer({ ...CONTROL_DEFAULTS, epsilon: 0.1 + (0.5 * i) / reps });
      rows = r.views.share.rows.length + r.views.epsilon.rows.length + r.views.weight.rows.length;
    }
    console.log(`explorer: all views recomputed (${rows} theory points, Node): ${((performance.now() - t0) / reps).toFixed(2)} ms`);

    if (!findChromium()) {
      console.log('chromium not found: page timings skipped');
      return;
    }
    const handle = await openBrowser();
    try {
      const page = await handle.browser.newPage();
      const tl = performance.now();
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => ((window as unknown as { synthrmtExplorer?: { updates(): number } }).synthrmtExplorer?.updates() ?? 0) > 0, { timeout: 30_000 });
      console.log(`explorer page: open to first drawing ${ms(performance.now() - tl)}`);
      const n = 10;
      const tc = performance.now();
      for (let i = 0; i < n; i++) {
        await page.evaluate(async (v) => {
          const el = (document.getElementById('controls') as HTMLFormElement).elements.namedItem('epsilon') as HTMLInputElement;
          el.value = String(v);
          el.dispatchEvent(new Event('input', { bubbles: true }));
          await (window as unknown as { synthrmtExplorer: { idle(): Promise<void> } }).synthrmtExplorer.idle();
        }, 0.05 + i * 0.05);
      }
      console.log(`explorer page: one control change, recomputed and redrawn: ${ms((performance.now() - tc) / n)}`);
    } finally {
      await handle.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

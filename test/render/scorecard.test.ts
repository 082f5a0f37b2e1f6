/** The reproduction scorecard (src/render/scorecard.ts) and `synthrmt check`, on crafted builds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkFig1, checkFig3, checkFig4, checkFig7, checkKlGap, checkTheoryValues, readScorecard, scorecardOf, NoBuildError, type Check } from '../../src/render/scorecard';
import { loadFig7Published } from '../../src/data/mnist-loader';
import { tempDir } from './helpers';
import { fig1Json, fig3Json, fig4Json, fig7Json, klGapJson, writeBuild, type Json } from './scorecard-fixture';

const ROOT = join(__dirname, '..', '..', '..');
const published = loadFig7Published();
const byId = (checks: Check[], id: string): Check => {
  const c = checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id}`);
  return c;
};
function check(out: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'synthrmt.js'), 'check', '--out', out, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('theory against the reference check values: passes, tolerance 1e-8', () => {
  const c = checkTheoryValues();
  assert.equal(c.passed, true);
  assert.equal(c.tolerance, 1e-8);
  assert.ok(c.measured !== null && c.measured <= 1e-8);
});

test('Figure 1: the Kolmogorov distance is recomputed from the eigenvalues; a wrong spectrum fails', () => {
  const good = fig1Json();
  const c = checkFig1(good);
  assert.equal(c.passed, true, c.detail);
  const main = good.main as { eigenvalues: number[] };
  const bad = { ...good, main: { ...main, eigenvalues: main.eigenvalues.map((x) => 1.3 * x) } };
  const b = checkFig1(bad);
  assert.equal(b.passed, false);
  assert.ok(b.measured! > b.tolerance!);
  assert.equal(checkFig1(undefined).passed, false);
});

test('Figure 1 at η̂ = 2 (n̂ < p): the p − n̂ zero eigenvalues are the atom 1 − 1/η̂ at 0, not a misfit', () => {
  const p = 300, nHat = 150;
  const d = fig1Json({ p, nHat, compactNHats: [nHat], seed: 3 });
  const main = d.main as { eigenvalues: number[]; etaHat: number; kolmogorov: number };
  assert.equal(main.etaHat, 2);
  assert.equal(main.eigenvalues.filter((x) => x === 0).length, p - nHat);
  const c = checkFig1(d);
  assert.equal(c.tolerance, 1.63 / Math.sqrt(p));
  assert.equal(c.passed, true, c.detail);
  // the figure's own distance (Figure 1 and the scorecard share mpKolmogorov)
  assert.equal(c.measured, main.kolmogorov);
  // eigenvalues are rigid: the distance is a few multiples of 1/p (test/rmt/marchenko-pastur.test.ts),
  // far below the atom 1/2 a distance that ignores the jump of F_MP at 0 reports
  assert.ok(c.measured! <= 10 / p, `Kolmogorov distance ${c.measured} > 10/p = ${10 / p}`);
});

test('Figure 4: simulation within a few s.e. passes; shifted by 8 s.e. fails; absent or null simulation fails saying so', () => {
  assert.equal(checkFig4(fig4Json(0)).passed, true);
  const shifted = checkFig4(fig4Json(8));
  assert.equal(shifted.passed, false);
  assert.ok(shifted.measured! > 6, String(shifted.measured));
  for (const sim of [undefined, null]) {
    const d = fig4Json(0);
    if (sim === undefined) delete d.simulation;
    else d.simulation = null;
    const c = checkFig4(d);
    assert.equal(c.passed, false);
    assert.equal(c.measured, null);
    assert.match(c.detail, /no simulation in the build/);
  }
});

test('Figure 7: the published values pass; +5 points fail the mean |difference|; a weak oracle fails its claim', () => {
  const ok = checkFig7(fig7Json(0), published);
  for (const c of ok) assert.equal(c.passed, true, `${c.id}: ${c.detail}`);
  assert.ok(ok.every((c) => c.id.includes('fig7')));
  const mad = byId(ok, 'fig7-published-mean-abs');
  assert.ok(mad.measured! < 1 && mad.tolerance === 2.5);
  const off = byId(checkFig7(fig7Json(5), published), 'fig7-published-mean-abs');
  assert.equal(off.passed, false);
  assert.ok(Math.abs(off.measured! - 5) < 1, String(off.measured));
  const weak = checkFig7(fig7Json(0, 1, (s, m, pct) => (s === 'oracle' && m === 750 ? 80 : pct)), published);
  assert.equal(byId(weak, 'fig7-claim-oracle').passed, false);
  const swapped = checkFig7(fig7Json(0, 1, (s, m, pct) => (s === 'very-weak' && m === 750 ? 95 : pct)), published);
  assert.equal(byId(swapped, 'fig7-claim-order').passed, false);
  const none = checkFig7(fig7Json(0, 1, (s, m, pct) => (s === 'none' && m === 750 ? 86 : pct)), published);
  assert.equal(byId(none, 'fig7-claim-none').passed, false);
  for (const c of checkFig7(undefined, published)) assert.equal(c.passed, false);
});

test('KL gap: trends held to the paper estimator; the Monte Carlo K disagreement is reported; a reversed J fails', () => {
  const rows = checkKlGap(klGapJson());
  for (const c of rows) assert.equal(c.passed, true, `${c.id}: ${c.detail}`);
  assert.match(byId(rows, 'klgap-trend-K').detail, /Monte Carlo: slope .* DISAGREES/);
  assert.match(byId(rows, 'klgap-trend-K').detail, /holds the paper to its own \(histogram\) estimator/);
  assert.match(byId(rows, 'klgap-trend-mc').detail, /K: .*disagrees/);
  const reversed = checkKlGap(klGapJson({ paper: { K: -0.2, J: -0.1, L: -0.1 }, mc: { K: 0.8, J: -0.8, L: -1.2 } }));
  assert.equal(byId(reversed, 'klgap-trend-J').passed, false);
  assert.equal(byId(reversed, 'klgap-trend-mc').passed, false);
  // a flat trend (slope 0) does not count as the claimed one
  const flat = checkKlGap(klGapJson({ paper: { K: 0, J: 0, L: 0 }, mc: { K: 0, J: 0, L: 0 } }));
  for (const c of flat) assert.equal(c.passed, false, c.id);
});

test('Figure 3: fresh independent real data sets agree with the theory; no simulation fails', async () => {
  const c = await checkFig3(await fig3Json(), { dataSets: 8 });
  assert.equal(c.passed, true, c.detail);
  assert.match(c.detail, /p = 40, 8 independent real data sets/);
  const none = await checkFig3(await fig3Json({ draws: 0 }));
  assert.equal(none.passed, false);
  assert.match(none.detail, /no simulation/);
});

test('synthrmt check: exit 0 on a passing build (text and --json), 1 with a failing check, 2 without a build', async () => {
  const tmp = tempDir('check');
  try {
    const figs: Record<string, Json | null> = { fig1: fig1Json(), fig3: await fig3Json(), fig4: fig4Json(0), fig7: fig7Json(0), klgap: klGapJson() };
    writeBuild(tmp.dir, figs);
    const all = await scorecardOf(tmp.dir, { dataSets: 8 });
    assert.ok(all.length >= 13);
    const text = check(tmp.dir);
    assert.equal(text.status, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /✔ theory-check-values/);
    assert.match(text.stdout, /of \d+ checks pass\n$/);
    const js = check(tmp.dir, '--json');
    assert.equal(js.status, 0);
    const parsed = JSON.parse(js.stdout) as { checks: Check[] };
    for (const c of parsed.checks) for (const k of ['id', 'title', 'passed', 'measured', 'tolerance', 'source']) assert.ok(k in c, `${c.id} lacks ${k}`);
    assert.ok(parsed.checks.some((c) => c.id.includes('fig7')));

    writeBuild(tmp.dir, { fig4: { ...fig4Json(0), simulation: null } });
    const failing = check(tmp.dir, '--json');
    assert.equal(failing.status, 1);
    const f = (JSON.parse(failing.stdout) as { checks: Check[] }).checks.find((c) => c.id === 'fig4-simulation-vs-theory');
    assert.equal(f?.passed, false);

    const empty = tempDir('check-empty');
    try {
      const none = check(empty.dir);
      assert.equal(none.status, 2);
      assert.match(none.stderr, /no build to check/);
      assert.doesNotMatch(none.stderr, /\n\s+at /);
      await assert.rejects(readScorecard(empty.dir), NoBuildError);
    } finally {
      empty.cleanup();
    }
  } finally {
    tmp.cleanup();
  }
});

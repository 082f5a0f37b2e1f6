/**
 * `synthrmt figure fig1|fig2|fig3|fig4` through the real bin with reduced parameters: the files
 * are written and the JSON holds the figure's data; bad values exit 2 naming the parameter.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from '../../src/render/pdf';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'synthrmt.js');
const tmp = mkdtempSync(join(tmpdir(), 'synthrmt-figures-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function synthrmt(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SYNTHRMT_THREADS: '2' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('figure fig2 writes svg, pdf, png and json', { skip: findChromium() ? false : 'chromium not found (CI installs it)' }, () => {
  const out = join(tmp, 'fig2');
  const r = synthrmt(['figure', 'fig2', '--points', '6', '--m-over-n', '2,5', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  for (const ext of ['svg', 'pdf', 'png', 'json']) assert.ok(existsSync(join(out, `fig2-fixed-points.${ext}`)), ext);
  assert.match(readFileSync(join(out, 'fig2-fixed-points.svg'), 'utf8'), /δ_r\*/);
  assert.equal(readFileSync(join(out, 'fig2-fixed-points.pdf')).subarray(0, 5).toString(), '%PDF-');
  assert.deepEqual([...readFileSync(join(out, 'fig2-fixed-points.png')).subarray(1, 4)], [0x50, 0x4e, 0x47]);
});

test('figures 1, 3 and 4 with reduced parameters write svg and json (the data)', () => {
  const runs: [string, string, string[]][] = [
    ['fig1', 'fig1-marchenko-pastur', ['--p', '80', '--n-hat', '800', '--compact-n-hats', '160,800']],
    ['fig3', 'fig3-accuracy', ['--draws', '2', '--ps', '20,40', '--points', '3']],
    ['fig4', 'fig4-phase-transition', ['--points-below', '5', '--points-above', '3', '--m-over-p', '1,10']],
  ];
  for (const [name, stem, args] of runs) {
    const out = join(tmp, name);
    const r = synthrmt(['figure', name, ...args, '--no-pdf', '--out', out]);
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.ok(readFileSync(join(out, `${stem}.svg`), 'utf8').startsWith('<svg') || readFileSync(join(out, `${stem}.svg`), 'utf8').includes('<svg'), name);
    const json = readFileSync(join(out, `${stem}.json`), 'utf8');
    assert.ok(json.length > 100, `${name} json`);
  }
});

test('bad figure parameters exit 2 with the parameter named', () => {
  let r = synthrmt(['figure', 'fig3', '--draws', 'many', '--no-pdf', '--out', join(tmp, 'bad')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--draws of figure fig3 expects an integer, got "many"/);
  r = synthrmt(['figure', 'fig4', '--rho', '2', '--no-pdf', '--out', join(tmp, 'bad')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /rho must be in \[0, 1\], got 2/);
  r = synthrmt(['figure', 'fig1', '--layout', 'wide', '--no-pdf', '--out', join(tmp, 'bad')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /layout must be one of "all", "paper", "compact", got "wide"/);
});

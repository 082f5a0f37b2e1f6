/**
 * Issue 13 for the renderer: nothing left behind (chromium and its profile after a SIGKILLed or
 * SIGTERMed render, staging folders of killed builds), no stale PDF/PNG beside new HTML, exit
 * 143 without a stack trace on SIGTERM, and a clear message for a directory given as chromium.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_EXECUTED, SKIP_PDF, tempDir } from './helpers';
import { CLI, groupMembers, spawnReporting, synthrmt, tagEnvironment, taggedProcesses, waitFor } from '../runner/helpers';

const tmp = tempDir('render-faults');
const tag = tagEnvironment();
after(async () => {
  assert.ok(await waitFor(() => taggedProcesses(tag).length === 0, 10_000), `leftover processes: ${taggedProcesses(tag)}`);
  tmp.cleanup();
});

test('a directory as PUPPETEER_EXECUTABLE_PATH is "not an executable"', () => {
  const out = join(tmp.dir, 'dir-chromium');
  const r = synthrmt(['render', '--executed', FIXTURE_EXECUTED, '--out', out], { env: { PUPPETEER_EXECUTABLE_PATH: tmp.dir }, timeout: 300_000 });
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /PUPPETEER_EXECUTABLE_PATH=\S+ is a directory, not an executable/);
  assert.doesNotMatch(r.stderr, /does not exist/);
});

test('a build without chromium removes the previous build\'s PDFs and figure PDF/PNG; other files stay', () => {
  const out = join(tmp.dir, 'stale');
  mkdirSync(join(out, 'figures'), { recursive: true });
  // What a previous build with chromium leaves (content irrelevant: they must not survive).
  const stale = ['01-fixture.pdf', '02-second.pdf', 'report.pdf', 'figures/fixture-accuracy.pdf', 'figures/fixture-accuracy.png'];
  for (const f of stale) writeFileSync(join(out, f), 'old build');
  writeFileSync(join(out, 'notes.txt'), 'mine');
  const r = synthrmt(['render', '--executed', FIXTURE_EXECUTED, '--out', out], { env: { PUPPETEER_EXECUTABLE_PATH: join(tmp.dir, 'no-such-chromium') }, timeout: 300_000 });
  assert.equal(r.status, 3, r.stderr);
  for (const f of stale) assert.equal(existsSync(join(out, f)), false, `${f} left stale`);
  assert.ok(existsSync(join(out, 'notes.txt')));
  assert.ok(existsSync(join(out, '01-fixture.html')));
  assert.doesNotMatch(readFileSync(join(out, 'index.html'), 'utf8'), /report\.pdf/);
});

test('staging folders of killed builds are removed by the next build, whatever their age; a live build\'s is kept', () => {
  const out = join(tmp.dir, 'staging');
  // PID 999999999 is above Linux's pid_max (2^22): never a running process.
  const dead = join(out, '.render-999999999-AbCdEf');
  const legacy = join(out, '.render-XyZ123');
  const live = join(out, `.render-${process.pid}-LiVe12`);
  for (const d of [dead, legacy, live]) mkdirSync(d, { recursive: true });
  writeFileSync(join(dead, 'partial.html'), 'x');
  const r = synthrmt(['render', '--executed', FIXTURE_EXECUTED, '--out', out, '--no-pdf'], { timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(existsSync(dead), false);
  assert.equal(existsSync(legacy), false);
  assert.ok(existsSync(live), 'the staging folder of a running build (this test process) was removed');
  assert.deepEqual(readdirSync(out).filter((f) => f.startsWith('.render-')), [`.render-${process.pid}-LiVe12`]);
});

test('chromium and its profile do not outlive a SIGKILLed owner', { skip: SKIP_PDF }, async () => {
  const script = `
    const { openBrowser } = require(${JSON.stringify(require.resolve('../../src/render/pdf'))});
    openBrowser().then((h) => {
      const dir = h.browser.process().spawnargs.find((a) => a.startsWith('--user-data-dir=')).slice('--user-data-dir='.length);
      process.stdout.write(JSON.stringify({ group: h.browser.process().pid, profile: dir }) + '\\n');
      setInterval(() => {}, 1000);
    });
  `;
  const { child, first } = spawnReporting<{ group: number; profile: string }>(script, 'chromium', 60_000);
  let group = 0;
  try {
    const info = await first;
    group = info.group;
    assert.ok(groupMembers(group).length >= 1, 'chromium runs');
    assert.ok(existsSync(info.profile));
    child.kill('SIGKILL');
    assert.ok(await waitFor(() => groupMembers(group).length === 0, 10_000), `chromium outlived its owner: ${groupMembers(group)}`);
    assert.ok(await waitFor(() => !existsSync(info.profile), 5000), 'the chromium profile was left behind');
  } finally {
    child.kill('SIGKILL');
    if (group) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
});

test('SIGTERM during render: chromium, profile and staging cleaned up, exit by SIGTERM (143), no stack trace', { skip: SKIP_PDF }, async () => {
  const out = join(tmp.dir, 'sigterm');
  // A few copies of the fixture, so the render is still printing when the signal comes.
  const executed = join(tmp.dir, 'sigterm-executed');
  mkdirSync(executed, { recursive: true });
  for (const i of [1, 2, 3, 4, 5, 6]) {
    cpSync(join(FIXTURE_EXECUTED, '01-fixture.ipynb'), join(executed, `0${i}-copy.ipynb`));
  }
  const p = spawn(process.execPath, [CLI, 'render', '--executed', executed, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.on('exit', (code, signal) => r({ code, signal })));
  try {
    const chromium = (): number[] =>
      taggedProcesses(tag).filter((pid) => {
        try {
          return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
        } catch {
          return false;
        }
      });
    // The browser itself (not only its watchdog, whose command line names chromium too) is up
    // once a process carries the profile folder.
    const profileDirs = (): string[] =>
      chromium().flatMap((pid) => {
        try {
          const m = /--user-data-dir=([^\0]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
          return m ? [m[1]] : [];
        } catch {
          return [];
        }
      });
    assert.ok(await waitFor(() => profileDirs().length > 0, 60_000), `chromium never started: ${stderr}`);
    const profiles = new Set(profileDirs());
    assert.ok(profiles.size > 0, 'the render\'s chromium profile is known');
    p.kill('SIGTERM');
    const how = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    assert.ok(how, 'render did not end within 30 s of SIGTERM');
    assert.equal(how.signal, 'SIGTERM', `exit ${how.code}: ${stderr}`);
    assert.doesNotMatch(stderr, /^\s+at /m, 'stack trace printed');
    assert.doesNotMatch(stderr, /ConnectionClosedError|TargetCloseError/);
    assert.ok(await waitFor(() => chromium().length === 0, 10_000), `chromium left running: ${chromium()}`);
    assert.deepEqual([...profiles].filter((d) => existsSync(d)), [], 'chromium profile left behind');
    assert.deepEqual(existsSync(out) ? readdirSync(out).filter((f) => f.startsWith('.render-')) : [], [], 'staging folder left behind');
  } finally {
    p.kill('SIGKILL');
  }
});

/**
 * Folders a killed run left behind (src/io/orphan-dirs.ts): removed when their owner process is
 * gone, kept while it runs (or when it is this process), unowned ones by age; the kernel's
 * connection folders (which hold the HMAC key) and the render's staging folders use it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pidAlive, removeOrphanDirs } from '../../src/io/orphan-dirs';
import { createConnectionFile, KERNEL_DIR_PREFIX } from '../../src/runner/connection';

/** The PID of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  assert.equal(r.status, 0);
  assert.equal(pidAlive(r.pid!), false);
  return r.pid!;
}

test('owner gone: removed; owner running or this process: kept; unowned: by age', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'orphan-test-'));
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
  try {
    const dead = deadPid();
    const names = [`x-${dead}-aaa`, `x-${process.pid}-bbb`, `x-${child.pid}-ccc`, 'x-legacy', 'other-1-ddd'];
    for (const n of names) {
      mkdirSync(join(parent, n));
      writeFileSync(join(parent, n, 'kernel.json'), '{}');
    }
    assert.deepEqual(removeOrphanDirs(parent, 'x-', { legacyMinAgeMs: 3_600_000 }), [`x-${dead}-aaa`]);
    assert.deepEqual(readdirSync(parent).sort(), [`x-${process.pid}-bbb`, `x-${child.pid}-ccc`, 'x-legacy', 'other-1-ddd'].sort());
    assert.deepEqual(removeOrphanDirs(parent, 'x-'), ['x-legacy'], 'an unowned folder older than the limit (0) goes');
  } finally {
    child.kill('SIGKILL');
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a new kernel connection folder is named for its runner and removes those of dead runners', async () => {
  const stale = join(tmpdir(), `${KERNEL_DIR_PREFIX}${deadPid()}-zzzzzz`);
  mkdirSync(stale);
  writeFileSync(join(stale, 'kernel.json'), '{"key": "secret"}');
  const conn = await createConnectionFile();
  try {
    assert.equal(existsSync(stale), false, 'the dead runner\'s folder (with its key) is removed');
    assert.ok(basename(dirname(conn.path)).startsWith(`${KERNEL_DIR_PREFIX}${process.pid}-`), dirname(conn.path));
  } finally {
    conn.remove();
    rmSync(stale, { recursive: true, force: true });
  }
  assert.equal(existsSync(dirname(conn.path)), false);
});

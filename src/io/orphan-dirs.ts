/**
 * Folders a killed run left behind. A run names the folders it owns `<prefix><pid>-XXXXXX`
 * (its process id, then mkdtemp's suffix) and removes them on every exit path it sees
 * (./exit-cleanup.ts); a SIGKILL of the whole process group leaves no one to do that, so the next
 * run removes the folders whose owner process is gone.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Whether process `pid` exists (signal 0 probes without sending anything). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the folders `<prefix><pid>-…` in `parent` whose owner `pid` is no longer running (never
 * this process's own), and those named `<prefix>…` without an owner (written by older versions)
 * once older than `legacyMinAgeMs`. Returns the names removed; a folder that cannot be removed
 * (another user's) is left alone.
 */
export function removeOrphanDirs(parent: string, prefix: string, options: { legacyMinAgeMs?: number } = {}): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  const owned = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-`);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const path = join(parent, name);
    const owner = owned.exec(name);
    try {
      if (owner) {
        const pid = Number(owner[1]);
        if (pid === process.pid || pidAlive(pid)) continue;
      } else if (Date.now() - statSync(path).mtimeMs < (options.legacyMinAgeMs ?? 0)) {
        continue;
      }
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // not ours to remove (permissions) or already gone
    }
  }
  return removed;
}

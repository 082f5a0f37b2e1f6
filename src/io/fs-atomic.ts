/**
 * Edge: file writes that never leave a half-written file: data goes to a hidden temporary file
 * in the same directory, which is then renamed over the target (atomic on one file system).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A temporary path beside `path` (same directory, so the final rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

/**
 * Writes `data` to `path` through a temporary file renamed into place (creating the directory);
 * `mode` sets the file's permissions (e.g. 0o600 for a file holding a key).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

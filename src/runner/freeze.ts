/**
 * Edge: freeze, as Quarto does it. A notebook is not executed again when the hash of everything
 * its outputs depend on — the notebook file's bytes, the injected parameters, every file under
 * src/ (sorted by path) and package-lock.json — equals the hash recorded by its last SUCCESSFUL
 * run (run.json with status "ok") and the executed copy is still there. `--force` re-runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParameterValue } from './parameters';
import { listFilesUnder } from '../io/list-files';
import { readRunRecord, type StoredRunRecord } from '../io/run-record';

/** The repository root this build belongs to (the folder holding package.json above dist/). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    const up = join(dir, '..');
    if (up === dir) return join(__dirname, '..', '..', '..');
    dir = up;
  }
}

/** Hash of the code a notebook run depends on: src/ (all files, sorted) and package-lock.json. */
export function codeHash(root = repoRoot()): string {
  const h = createHash('sha256');
  for (const rel of listFilesUnder(join(root, 'src'))) {
    h.update(`src/${rel}`).update('\0').update(readFileSync(join(root, 'src', rel))).update('\0');
  }
  const lock = join(root, 'package-lock.json');
  h.update('package-lock.json\0');
  if (existsSync(lock)) h.update(readFileSync(lock));
  return h.digest('hex');
}

/** The freeze hash of one notebook run. */
export function runHash(notebookBytes: Buffer | string, parameters: Record<string, ParameterValue>, code: string): string {
  const params = Object.keys(parameters)
    .sort()
    .map((k) => [k, parameters[k]]);
  return createHash('sha256')
    .update('synthrmt-freeze-v1\0')
    .update(notebookBytes)
    .update('\0')
    .update(JSON.stringify(params))
    .update('\0')
    .update(code)
    .digest('hex');
}

/**
 * The last run recorded in `runJsonPath` if it was successful with this hash and its output
 * exists (the notebook is frozen: it need not run again); otherwise null.
 */
export function frozenRecord(runJsonPath: string, executedPath: string, hash: string): StoredRunRecord | null {
  if (!existsSync(runJsonPath) || !existsSync(executedPath)) return null;
  try {
    const rec = readRunRecord(runJsonPath);
    return rec.status === 'ok' && rec.hash === hash ? rec : null;
  } catch {
    return null;
  }
}

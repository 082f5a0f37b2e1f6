/**
 * Edge: checks an output folder before any work is done, so a bad `--out` is reported at once
 * (exit 2) rather than after a long computation.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors';

/** What is at `path`: a folder, something else, nothing (ENOENT or ENOTDIR: a parent is a file). */
function kindOf(path: string): 'folder' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw e;
  }
}

/**
 * Throws a UsageError unless `dir` is a writable folder or can be created: it must not be a file,
 * and its nearest existing ancestor must be a writable folder. `what` names the option (`--out`).
 */
export function checkOutputDir(dir: string, what = '--out'): void {
  let p = resolve(dir);
  const k = kindOf(p);
  if (k === 'other') throw new UsageError(`${what} ${dir} is not a folder (a file of that name exists)`);
  if (k === 'missing') {
    // the nearest existing ancestor decides whether the folder can be created
    let parent = dirname(p);
    for (;;) {
      const pk = kindOf(parent);
      if (pk === 'other') throw new UsageError(`${what} ${dir} cannot be created: ${parent} is a file, not a folder`);
      if (pk === 'folder') {
        p = parent;
        break;
      }
      if (dirname(parent) === parent) throw new UsageError(`${what} ${dir} cannot be created`);
      parent = dirname(parent);
    }
  }
  try {
    accessSync(p, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(`${what} ${dir} is not writable (${p} does not allow writing)`);
  }
}

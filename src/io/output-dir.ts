/**
 * Edge: checks an output folder before any work is done, so a bad `--out` is reported at once
 * (exit 2) rather than after a long computation.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors';

/**
 * Throws a UsageError unless `dir` is a writable folder or can be created: it must not be a file,
 * and its nearest existing ancestor must be a writable folder. `what` names the option (`--out`).
 */
export function checkOutputDir(dir: string, what = '--out'): void {
  let p = resolve(dir);
  const st = statSync(p, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) throw new UsageError(`${what} ${dir} is not a folder (a file of that name exists)`);
  if (!st) {
    // the nearest existing ancestor decides whether the folder can be created
    let parent = dirname(p);
    for (;;) {
      const ps = statSync(parent, { throwIfNoEntry: false });
      if (ps) {
        if (!ps.isDirectory()) throw new UsageError(`${what} ${dir} cannot be created: ${parent} is a file, not a folder`);
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

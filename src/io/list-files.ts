/**
 * Edge: every regular file under a folder, recursively (symbolic links are not followed), as paths
 * relative to it with `/` separators, sorted; none if it is no folder. One walker for the code hash
 * (../runner/freeze.ts), the render's move into place and the manifest (../render/).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function listFilesUnder(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

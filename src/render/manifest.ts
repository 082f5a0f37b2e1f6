/**
 * Edge: reports/manifest.json, the provenance of a build — which code (git commit, and whether the
 * working tree was dirty), which tools (node, TypeScript, tslab) and runtime packages (package.json
 * dependencies, as installed), which machine (CPU count), and per notebook its parameters, seeds,
 * status, duration and the sha256 of its executed copy; per figure file (figures/*) its path
 * relative to the reports folder and its sha256. Written by the renderer into its staging folder,
 * so it is moved into place with the rest of the build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { listFilesUnder } from '../io/list-files';
import type { ParameterValue } from '../io/run-record';

/** The repository (and package) root. */
export const PACKAGE_ROOT = join(__dirname, '..', '..', '..');

export interface ManifestNotebook {
  stem: string;
  notebook: string;
  parameters: Record<string, ParameterValue>;
  /** The parameters whose name contains "seed". */
  seeds: Record<string, ParameterValue>;
  status: string;
  durationMs: number | null;
  finishedAt: string | null;
  /** Path of the executed copy relative to the reports folder, and its sha256. */
  executed: string;
  sha256: string | null;
}

export interface Manifest {
  generator: string;
  builtAt: string;
  git: { commit: string | null; dirty: boolean | null };
  node: string;
  typescript: string | null;
  tslab: string | null;
  packages: Record<string, string | null>;
  cpus: number;
  notebooks: ManifestNotebook[];
  files: { path: string; sha256: string }[];
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function installedVersion(pkg: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** HEAD and whether tracked or untracked files differ from it (null without git or outside a repository). */
export function gitState(root = PACKAGE_ROOT): { commit: string | null; dirty: boolean | null } {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    return { commit, dirty: git('status', '--porcelain').length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** The runtime packages (package.json dependencies) with their installed versions. */
export function runtimePackages(root = PACKAGE_ROOT): Record<string, string | null> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const out: Record<string, string | null> = {};
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) out[name] = installedVersion(name);
  return out;
}

export interface ManifestNotebookInput {
  stem: string;
  notebook?: string;
  parameters?: Record<string, ParameterValue>;
  status: string;
  durationMs?: number;
  finishedAt?: string;
  /** Absolute path of the executed copy. */
  executedPath: string;
}

/**
 * The manifest of a build whose files are in `buildDir` (the staging folder, laid out as the
 * reports folder), for notebooks executed in `executedDir` (referred to as `executedRel`).
 */
export function buildManifest(buildDir: string, notebooks: ManifestNotebookInput[], info: { generator: string; builtAt: string; executedRel: string }): Manifest {
  return {
    generator: info.generator,
    builtAt: info.builtAt,
    git: gitState(),
    node: process.version,
    typescript: installedVersion('typescript'),
    tslab: installedVersion('tslab'),
    packages: runtimePackages(),
    cpus: typeof availableParallelism === 'function' ? availableParallelism() : cpus().length,
    notebooks: notebooks.map((n) => {
      const params = n.parameters ?? {};
      return {
        stem: n.stem,
        notebook: n.notebook ?? `${n.stem}.ipynb`,
        parameters: params,
        seeds: Object.fromEntries(Object.entries(params).filter(([k]) => /seed/i.test(k))),
        status: n.status,
        durationMs: typeof n.durationMs === 'number' ? n.durationMs : null,
        finishedAt: n.finishedAt ?? null,
        executed: `${info.executedRel}/${n.stem}.ipynb`,
        sha256: existsSync(n.executedPath) ? sha256File(n.executedPath) : null,
      };
    }),
    files: listFilesUnder(join(buildDir, 'figures'))
      .filter((rel) => !rel.split('/').some((part) => part.startsWith('.')))
      .map((rel) => `figures/${rel}`)
      .map((path) => ({ path, sha256: sha256File(join(buildDir, path)) })),
  };
}

/**
 * Worker-thread entry of ./pool.ts (piscina calls the default export once per job). A job names
 * its function by task handle (../sim/executor.ts): the module below `src/` and the export, loaded
 * here with `require` (once per module; Node caches it).
 */
import { join, resolve, sep } from 'node:path';

interface Job {
  module: string;
  export: string;
  args: unknown[];
}

/** Compiled src/ (this file is dist/src/parallel/worker.js). */
const SRC = resolve(__dirname, '..');

function load(module: string, name: string): (...a: unknown[]) => unknown {
  const path = resolve(join(SRC, module));
  if (!path.startsWith(SRC + sep)) throw new Error(`task module "${module}" is outside src/`);
  const fn = (require(path) as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`task ${module}#${name}: the module exports no function "${name}"`);
  return fn as (...a: unknown[]) => unknown;
}

export default function runJob(job: Job): unknown {
  return load(job.module, job.export)(...job.args);
}

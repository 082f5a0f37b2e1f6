/**
 * `npm run bench`: runs every benchmark module in this folder (each exports `run(): Promise<void>`
 * and prints its own lines), or only those named on the command line (`npm run bench -- sim`).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const names = readdirSync(__dirname)
    .filter((f) => f.endsWith('.js') && f !== 'index.js')
    .map((f) => f.slice(0, -3))
    .filter((n) => only.length === 0 || only.includes(n))
    .sort();
  if (only.length && names.length !== only.length) {
    const known = readdirSync(__dirname).filter((f) => f.endsWith('.js') && f !== 'index.js').map((f) => f.slice(0, -3));
    throw new RangeError(`unknown benchmark in ${only.join(', ')}; known: ${known.join(', ')}`);
  }
  for (const n of names) {
    console.log(`# ${n}`);
    const mod = require(join(__dirname, `${n}.js`)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});

/**
 * Issue 13, item 11: the supported Node versions are true. package.json's engines, the README and
 * the running Node agree, and KaTeX's `commander@15` (which wants Node ≥ 22.12 and makes `npm ci`
 * warn on Node 20) is never loaded by what synthrmt uses of KaTeX.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

test('engines, README and the running Node agree on the minimum version', () => {
  const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  const m = /^>=(\d+)\.(\d+)$/.exec(engines);
  assert.ok(m, `engines.node is ${engines}`);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(`Node.js ≥ ${m[1]}.${m[2]}`), 'README states the engines minimum');
  const [major, minor] = process.versions.node.split('.').map(Number);
  assert.ok(major > Number(m[1]) || (major === Number(m[1]) && minor >= Number(m[2])), `running Node ${process.version} is below ${engines}`);
});

test("rendering math with KaTeX does not load KaTeX's commander (the Node ≥ 22.12 one)", () => {
  const script = `
    const katex = require('katex');
    const html = katex.renderToString('\\\\frac{1}{2}', { throwOnError: true });
    const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]commander[\\\\/]/.test(k));
    process.stdout.write(JSON.stringify({ ok: html.includes('katex'), loaded }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })) as { ok: boolean; loaded: string[] };
  assert.equal(out.ok, true);
  assert.deepEqual(out.loaded, []);
});

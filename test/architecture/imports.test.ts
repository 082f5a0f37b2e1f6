/**
 * The layer rules hold for src/: no import cycles, no import up the layers, no Node built-in in
 * the pure layers 0–2 (./import-scan.ts). The scan itself is checked on a small synthetic tree
 * that breaks each rule, so this test can fail.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkLayers, importSpecifiers, scanImports } from './import-scan';

// dist/test/architecture → repository root
const SRC = join(__dirname, '..', '..', '..', 'src');

describe('src/ import structure', () => {
  const scan = scanImports(SRC);
  const report = checkLayers(scan);

  it('scans a real tree (sanity: many files, many edges)', () => {
    assert.ok(scan.files.length > 50, `only ${scan.files.length} files found under ${SRC}`);
    assert.ok(scan.edges.length > 100, `only ${scan.edges.length} relative imports found`);
  });
  it('every file belongs to a layer and every relative import resolves', () => {
    assert.deepEqual(report.unmapped, []);
    assert.deepEqual(report.unresolved, []);
  });
  it('has no import cycle', () => {
    assert.deepEqual(report.cycles, []);
  });
  it('has no import pointing up the layers', () => {
    assert.deepEqual(report.upward.map((u) => `${u.from} (layer ${u.fromLayer}) → ${u.to} (layer ${u.toLayer})`), []);
  });
  it('loads no Node built-in module in layers 0–2', () => {
    assert.deepEqual(report.impureBuiltins.map((b) => `${b.from}: ${b.specifier}`), []);
  });
});

describe('the import scan finds violations (synthetic tree)', () => {
  it('reports a cycle, an upward import and a built-in in a pure layer', () => {
    const root = mkdtempSync(join(tmpdir(), 'synthrmt-scan-'));
    try {
      const w = (p: string, text: string): void => {
        mkdirSync(join(root, p, '..'), { recursive: true });
        writeFileSync(join(root, p), text);
      };
      w('rmt/a.ts', "import { b } from './b';\nexport const a = 1;\n");
      w('rmt/b.ts', "import { a } from './a';\nimport { readFileSync } from 'fs';\nexport const b = 2;\n");
      w('sim/c.ts', "import type { X } from '../cli/main';\nexport const c = 3;\n");
      w('figures/d.ts', "// import { y } from '../cli/main';\nconst os = require('node:os');\nexport * from '../sim/c';\n");
      w('cli/main.ts', "import { a } from '../rmt/a';\nimport { join } from 'node:path';\nexport type X = number;\n");
      const r = checkLayers(scanImports(root));
      assert.deepEqual(r.cycles, [['rmt/a.ts', 'rmt/b.ts']]);
      assert.deepEqual(r.upward.map((u) => `${u.from}→${u.to}`), ['sim/c.ts→cli/main.ts']);
      assert.deepEqual(r.impureBuiltins.map((b) => `${b.from}:${b.specifier}`).sort(), ['figures/d.ts:node:os', 'rmt/b.ts:fs']);
      assert.deepEqual(r.unmapped, []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  it('reads import, export-from, require and dynamic import, ignoring comments', () => {
    assert.deepEqual(
      importSpecifiers("import a from './a';\nimport type { B } from \"../b\";\nexport { c } from './c';\n/* import x from './x' */\nconst d = require('./d');\nawait import('./e');\nimport './f';\n"),
      ['./a', '../b', './c', './d', './e', './f'],
    );
  });
});

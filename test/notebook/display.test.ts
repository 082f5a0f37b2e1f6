/**
 * The notebook display helpers outside a kernel, with tslab's display writer stood in by a module
 * registered where tslab's own lives (…/tslab/dist/jupyter.js in Node's module cache). The same
 * helpers inside a real tslab kernel are exercised by test/runner/run.test.ts.
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { spawnSync } from 'node:child_process';
import type { FigureDef } from '../../src/figures/figure-def';
import { computeFigure, figureParams, showFigure, showImages, showMarkdown, showSpec, showTable, toJsonValue, VEGALITE_MIME } from '../../src/notebook/index';
import { kernelDisplayWriter } from '../../src/notebook/display';
import { escapeHtml, formatValue, tablePlain } from '../../src/notebook/table';
import { sumSquaresTask } from '../../src/parallel/selftest';

type Content = { data: Record<string, any>; metadata: Record<string, any> };
const FAKE = '/nonexistent/node_modules/tslab/dist/jupyter.js';
let shown: Content[] = [];

beforeEach(() => {
  shown = [];
  const m = new Module(FAKE);
  m.filename = FAKE;
  m.loaded = true;
  m.exports = { lastWriteDisplayData: (c: Content, update: boolean) => { assert.equal(update, false); shown.push(c); } };
  require.cache[FAKE] = m;
});

afterEach(() => {
  delete require.cache[FAKE];
});

test('the kernel\'s display writer is found in the module cache; outside a kernel text/plain is printed', () => {
  assert.ok(kernelDisplayWriter());
  showMarkdown('# hi');
  assert.deepEqual(shown, [{ data: { 'text/markdown': '# hi', 'text/plain': '# hi' }, metadata: {}, transient: {} }]);
  delete require.cache[FAKE];
  assert.equal(kernelDisplayWriter(), null);
  // In a plain node process (no kernel), the text/plain part is printed.
  const lib = JSON.stringify(require.resolve('../../src/notebook/index'));
  const r = spawnSync(process.execPath, ['-e', `require(${lib}).showTable([{ a: 1 }]); require(${lib}).showMarkdown('plain *md*')`], { encoding: 'utf8' });
  assert.equal(r.stdout, 'a\n-\n1\nplain *md*\n');
});

test('showSpec records figure name, size and data in usermeta without touching the given spec', () => {
  const spec = { mark: 'line', title: 'Accuracy', usermeta: { keep: 1 } };
  showSpec(spec, { stem: 'fig9-x', size: 'double', data: { acc: new Float64Array([0.5, NaN]), n: 3 } });
  assert.deepEqual(spec, { mark: 'line', title: 'Accuracy', usermeta: { keep: 1 } });
  const [c] = shown;
  assert.deepEqual(c.data[VEGALITE_MIME].usermeta, { keep: 1, synthrmtFigure: 'fig9-x', synthrmtSize: 'double', synthrmtData: { acc: [0.5, null], n: 3 } });
  assert.equal(c.data['text/plain'], '<Vega-Lite fig9-x: Accuracy>');
  assert.deepEqual(c.metadata, { synthrmt: { figure: 'fig9-x', size: 'double' } });
  assert.deepEqual(toJsonValue({ a: new Uint8Array([1, 2]), b: Infinity }), { a: [1, 2], b: null });
});

test('showTable escapes every value and header; numbers keep the requested digits', () => {
  showTable([{ 'a<b': '<script>x</script>', v: 1 / 3, n: 200 }, { 'a<b': 'ok & "q"', v: null, extra: [1, 2] }], { caption: '<i>c</i>', digits: 3 });
  const { data } = shown[0];
  assert.ok(!/<script>|<i>/.test(data['text/html']));
  assert.ok(data['text/html'].includes('<th>a&lt;b</th>'));
  assert.ok(data['text/html'].includes('&lt;script&gt;x&lt;/script&gt;'));
  assert.ok(data['text/html'].includes('ok &amp; &quot;q&quot;'));
  assert.ok(data['text/html'].includes('<td style="text-align:right">0.333</td>'));
  assert.ok(data['text/markdown'].startsWith('&lt;i&gt;c&lt;/i&gt;\n\n| a&lt;b | v | n | extra |\n| --- | ---: | ---: | --- |\n| &lt;script&gt;x&lt;/script&gt; | 0.333 | 200 |  |\n'));
  assert.equal(data['text/plain'], tablePlain([{ 'a<b': '<script>x</script>', v: 1 / 3, n: 200 }, { 'a<b': 'ok & "q"', v: null, extra: [1, 2] }], { caption: '<i>c</i>', digits: 3 }));
  assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
  assert.deepEqual([formatValue(0.123456), formatValue(12), formatValue(1e-7, 2), formatValue(NaN), formatValue(undefined)], ['0.1235', '12', '1e-7', 'NaN', '']);
});

test('showImages emits one PNG of the grid', () => {
  const img = { width: 2, height: 1, pixels: new Uint8Array([0, 255]) };
  showImages([[img, img], [img]], { scale: 2, gap: 1, stem: 'fig5' });
  const png = Buffer.from(shown[0].data['image/png'], 'base64');
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  // width = 2 images × 2 px × scale 2 + 3 gaps = 11; height = 2 rows × 1 px × 2 + 3 gaps = 7
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [11, 7]);
  assert.equal(shown[0].data['text/plain'], '<image grid 2×2>');
  assert.deepEqual(shown[0].metadata, { synthrmt: { figure: 'fig5', kind: 'images' } });
});

const squares: FigureDef<{ n: number; label: string }, { sums: number[] }> = {
  name: 'squares',
  fileStem: 'test-squares',
  title: 'Sums of squares',
  size: 'single',
  defaults: { n: 4, label: 'x' },
  params: { n: { kind: 'integer', min: 0, max: 100, help: 'terms' }, label: { kind: 'string', help: 'title' } },
  async compute(p, ctx) {
    const args = Array.from({ length: p.n }, (_, i) => [Float64Array.from({ length: i + 1 }, (_, j) => j + 1)]) as [Float64Array][];
    const sums = await ctx!.executor!(sumSquaresTask, args, (d) => ctx!.onProgress?.(d, p.n));
    return { sums };
  },
  spec: (d, p) => ({ mark: 'bar', title: p.label, data: { values: d.sums.map((s, i) => ({ i, s })) } }) as any,
  images: () => [[{ width: 1, height: 1, pixels: new Uint8Array([7]) }]],
};

test('computeFigure merges params over defaults, runs on worker threads, prints one line', async () => {
  const lines: string[] = [];
  const data = await computeFigure(squares, { n: 3 }, { threads: 2, log: (l) => lines.push(l) });
  assert.deepEqual(data.sums, [1, 5, 14]);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^squares: computed in \d+\.\d s \(3 units\)$/);
  await assert.rejects(computeFigure(squares, { m: 1 } as any), /unknown parameter "m" for figure squares; its parameters are: n, label/);
  await assert.rejects(computeFigure(squares, { n: 1.5 }), /parameter "n" of figure squares must be of kind integer, got 1.5/);
  await assert.rejects(computeFigure('no-such-figure'), /unknown figure "no-such-figure"/);
  assert.deepEqual(figureParams(squares, { label: 'y' }), { n: 4, label: 'y' });
});

test('showFigure shows the spec with the figure\'s stem, size and data, then its image grid', () => {
  showFigure(squares, { sums: [1, 5] }, { label: 'L' });
  assert.equal(shown.length, 2);
  const spec = shown[0].data[VEGALITE_MIME];
  assert.equal(spec.title, 'L');
  // the exported data carry every parameter (after the defaults) and the seed (none here)
  assert.deepEqual(spec.usermeta, { synthrmtFigure: 'test-squares', synthrmtSize: 'single', synthrmtData: { sums: [1, 5], params: { n: 4, label: 'L' }, seed: null } });
  assert.ok(shown[1].data['image/png']);
});

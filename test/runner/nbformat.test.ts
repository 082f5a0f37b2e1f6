import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeStreams, parseNotebook, readNotebook, serializeNotebook, validateNotebook, writeNotebook, NotebookFormatError, type Notebook } from '../../src/io/nbformat';
import { errorFromTslabText, OutputBuilder } from '../../src/runner/outputs';
import { makeMessage, type JupyterMessage } from '../../src/runner/messaging';
import { UsageError } from '../../src/cli/errors';
import { fixture, tempDir } from './helpers';

test('fixture notebooks read as nbformat 4', () => {
  const nb = readNotebook(fixture('outputs.ipynb'));
  assert.equal(nb.nbformat, 4);
  assert.ok(nb.cells.length > 3);
});

test('bad notebooks are rejected with a clear usage error', () => {
  const cases: [string, RegExp][] = [
    ['{"cells": [', /malformed JSON/],
    ['[1, 2]', /top level is not a JSON object/],
    ['{"hello": 1}', /no "nbformat" field/],
    ['{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}', /nbformat 3; only nbformat 4/],
    ['{"nbformat": 4, "nbformat_minor": 2, "metadata": {}}', /"cells" is missing/],
    ['{"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [{"cell_type": "python", "source": ""}]}', /cell 1 has cell_type "python"; allowed: code, markdown, raw/],
    ['{"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [{"cell_type": "code", "source": 3}]}', /cell 1 has a "source"/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parseNotebook(text, 'x.ipynb'), (e: Error) => e instanceof NotebookFormatError && e instanceof UsageError && /^x\.ipynb/.test(e.message) && re.test(e.message), text);
  }
  assert.throws(() => readNotebook('/nonexistent/nb.ipynb'), /no such file/);
});

test('written notebooks use Jupyter layout, round-trip, and go through a rename', () => {
  const { dir, cleanup } = tempDir();
  try {
    const nb: Notebook = validateNotebook({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: 'code', id: 'a', metadata: {}, source: 'let a = 1;\nconsole.log(a)', execution_count: 1, outputs: [
          { output_type: 'stream', name: 'stdout', text: 'x\ny\n' },
          { output_type: 'display_data', data: { 'application/vnd.vegalite.v5+json': { mark: 'point' }, 'text/plain': 'fig' }, metadata: {} },
        ] },
      ],
    });
    const path = join(dir, 'sub', 'out.ipynb');
    writeNotebook(path, nb);
    const raw = JSON.parse(readFileSync(path, 'utf8'));
    assert.deepEqual(raw.cells[0].source, ['let a = 1;\n', 'console.log(a)']);
    assert.deepEqual(raw.cells[0].outputs[0].text, ['x\n', 'y\n']);
    assert.deepEqual(raw.cells[0].outputs[1].data['application/vnd.vegalite.v5+json'], { mark: 'point' });
    assert.equal(serializeNotebook(readNotebook(path)), readFileSync(path, 'utf8'));
    writeFileSync(path, 'garbage');
    assert.throws(() => readNotebook(path), /malformed JSON/);
  } finally {
    cleanup();
  }
});

test('consecutive streams of the same name merge; others keep their order', () => {
  const out = mergeStreams([
    { output_type: 'stream', name: 'stdout', text: 'a\n' },
    { output_type: 'stream', name: 'stdout', text: 'b\n' },
    { output_type: 'stream', name: 'stderr', text: 'e\n' },
    { output_type: 'stream', name: 'stdout', text: 'c\n' },
  ]);
  assert.deepEqual(out.map((o) => (o.output_type === 'stream' ? [o.name, o.text] : null)), [['stdout', 'a\nb\n'], ['stderr', 'e\n'], ['stdout', 'c\n']]);
});

test('tslab error texts become error outputs', () => {
  const runtime = errorFromTslabText(
    'evalmachine.<anonymous>:2\nthrow new RangeError("bad p");\n^\n\nRangeError: bad p\n    at evalmachine.<anonymous>:2:7\n    at sigintHandlersWrap (node:vm:280:12)\n    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)\n',
  );
  assert.equal(runtime.ename, 'RangeError');
  assert.equal(runtime.evalue, 'bad p');
  assert.ok(runtime.traceback.includes('    at evalmachine.<anonymous>:2:7'));
  assert.ok(!runtime.traceback.some((l) => /tslab|node:vm/.test(l)));
  const diag = errorFromTslabText("1:5 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'q'.\n");
  assert.equal(diag.ename, 'TSError');
  assert.equal(diag.evalue, "1:5 - Type 'string' is not assignable to type 'number'.; 2:1 - Cannot find name 'q'.");
  const thrown = errorFromTslabText('just a string\n');
  assert.deepEqual([thrown.ename, thrown.evalue], ['Error', 'just a string']);
  const coded = errorFromTslabText('Error [ERR_X]: with code\n    at f (a.js:1:1)\n');
  assert.deepEqual([coded.ename, coded.evalue], ['Error', 'with code']);
});

function iopub(type: string, content: object): JupyterMessage {
  return makeMessage(type, content, 's', { msg_id: 'req' }) as JupyterMessage;
}

test('iopub messages become outputs in order, with clear_output, update_display_data and a failed cell', () => {
  const b = new OutputBuilder();
  const first = b.cellOutputs(
    [
      iopub('stream', { name: 'stdout', text: 'gone\n' }),
      iopub('clear_output', { wait: false }),
      iopub('stream', { name: 'stdout', text: 'a\n' }),
      iopub('display_data', { data: { 'text/plain': 'v1' }, metadata: {}, transient: { display_id: 'd1' } }),
      iopub('execute_result', { data: { 'text/plain': '42' }, metadata: {}, execution_count: 3 }),
      iopub('stream', { name: 'stdout', text: 'b\n' }),
      iopub('stream', { name: 'stdout', text: 'c\n' }),
    ],
    false,
  );
  assert.deepEqual(first.map((o) => o.output_type), ['stream', 'display_data', 'execute_result', 'stream']);
  assert.equal((first[3] as { text: string }).text, 'b\nc\n');
  // A later cell updates the display shown by the first one.
  const second = b.cellOutputs(
    [
      iopub('update_display_data', { data: { 'text/plain': 'v2' }, metadata: {}, transient: { display_id: 'd1' } }),
      iopub('clear_output', { wait: true }),
      iopub('stream', { name: 'stdout', text: 'kept? no\n' }),
      iopub('clear_output', { wait: true }),
      iopub('stream', { name: 'stdout', text: 'x\n' }),
      iopub('stream', { name: 'stderr', text: 'user warning\n' }),
      iopub('stream', { name: 'stderr', text: 'TypeError: boom\n    at f (x.js:1:1)\n' }),
    ],
    true,
  );
  assert.deepEqual((first[1] as { data: object }).data, { 'text/plain': 'v2' });
  assert.deepEqual(second.map((o) => o.output_type), ['stream', 'stream', 'error']);
  assert.equal((second[1] as { text: string }).text, 'user warning\n');
  assert.deepEqual([(second[2] as { ename: string }).ename, (second[2] as { evalue: string }).evalue], ['TypeError', 'boom']);
  // A kernel that does send `error` messages keeps them as they are.
  const third = b.cellOutputs([iopub('stream', { name: 'stderr', text: 'note\n' }), iopub('error', { ename: 'E', evalue: 'v', traceback: ['t'] })], true);
  assert.deepEqual(third.map((o) => o.output_type), ['stream', 'error']);
});

/**
 * Issue 13, item 6: `theory --batch` streams with back-pressure both ways, ends quietly when its
 * reader goes away (piped to head), and refuses a directory as batch file with exit 2.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { lineSink, OutputClosedError, readLines } from '../../src/io/line-stream';
import { runBatch } from '../../src/cli/theory';
import { CLI, synthrmt } from '../runner/helpers';

const dir = mkdtempSync(join(tmpdir(), 'synthrmt-linestream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const LINE = JSON.stringify({ model: 'synthetic-only', params: { m: 2000, p: 400, mu: 1.2, epsilon: 0.1, rho: 0.1, phi: 0.9, gamma: 0.1 } });

/** A readable of `total` copies of `line`, 50 lines per chunk, counting what it has produced. */
function source(total: number, line: string): { stream: Readable; produced: () => number } {
  let produced = 0;
  const stream = new Readable({
    highWaterMark: 4096,
    read() {
      if (produced >= total) return void this.push(null);
      const n = Math.min(50, total - produced);
      produced += n;
      this.push(`${line}\n`.repeat(n));
    },
  });
  return { stream, produced: () => produced };
}

/** A writable that takes each chunk only on a later turn of the event loop (a slow reader). */
function slowReader(): { out: Writable; lines: () => number; maxBuffered: () => number } {
  let lines = 0;
  let maxBuffered = 0;
  const out = new Writable({
    highWaterMark: 4096,
    write(chunk: Buffer, _enc, cb) {
      maxBuffered = Math.max(maxBuffered, out.writableLength);
      lines += String(chunk).split('\n').length - 1;
      setImmediate(cb);
    },
  });
  return { out, lines: () => lines, maxBuffered: () => maxBuffered };
}

test('runBatch into a slow reader: bounded output buffer and bounded input read-ahead', async () => {
  const total = 3000;
  const src = source(total, LINE);
  const dst = slowReader();
  const sink = lineSink(dst.out);
  let written = 0;
  let maxAhead = 0;
  let longest = 0;
  const failed = await runBatch(src.stream, async (l) => {
    longest = Math.max(longest, l.length + 1);
    await sink.write(l);
    written++;
    maxAhead = Math.max(maxAhead, src.produced() - written);
  });
  await new Promise<void>((r) => dst.out.end(r));
  assert.equal(failed, 0);
  assert.equal(dst.lines(), total);
  // Output: never more buffered than the high-water mark plus one line (unbounded before).
  assert.ok(dst.maxBuffered() <= 4096 + longest, `output buffered up to ${dst.maxBuffered()} bytes`);
  // Input: read ahead of the output by at most the chunk in hand, the readable's buffer (4096 B,
  // under one 50-line chunk) and the chunk being pushed: 4 chunks, not the whole input.
  assert.ok(maxAhead <= 4 * 50, `input read ${maxAhead} lines ahead of the output`);
});

test('readLines splits LF and CRLF lines across chunk boundaries, keeping a last line without newline', async () => {
  const chunks = ['a\r', '\nb', 'c\n\nd'];
  const got: string[] = [];
  for await (const l of readLines(Readable.from(chunks))) got.push(l);
  assert.deepEqual(got, ['a', 'bc', '', 'd']);
});

test('a sink whose reader went away rejects with OutputClosedError', async () => {
  const out = new Writable({ write(_c, _e, cb) { cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })); } });
  const sink = lineSink(out);
  await sink.write('x').catch(() => undefined);
  await new Promise((r) => setImmediate(r));
  await assert.rejects(sink.write('y'), OutputClosedError);
  assert.equal(sink.closed, true);
});

test('theory --batch piped to head ends quietly (no EPIPE trace, exit 0)', () => {
  const file = join(dir, 'many.jsonl');
  writeFileSync(file, `${LINE}\n`.repeat(20_000));
  const errFile = join(dir, 'stderr.txt');
  const r = spawnSync('bash', ['-c', `"$0" "$1" theory --batch "$2" 2>"$3" | head -n 2; echo "status=\${PIPESTATUS[0]}"`, process.execPath, CLI, file, errFile], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, r.stdout);
  assert.ok(JSON.parse(lines[0]).accuracySymmetric > 0.5);
  assert.equal(lines[2], 'status=0');
  assert.equal(readFileSync(errFile, 'utf8'), '');
});

test('theory --batch with a directory exits 2 naming it', () => {
  const r = synthrmt(['theory', '--batch', dir]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--batch: .* is a directory, not a file/);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
});

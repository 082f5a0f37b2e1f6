/**
 * Edge: JSON-lines style streaming with back-pressure both ways, for `theory --batch`.
 *
 * - `openLineSource(file)`: a readable for FILE ('-' = stdin); a missing or unreadable file or a
 *   directory is refused up front with an `InputFileError` naming it (the CLI turns it into a
 *   usage error, exit 2).
 * - `readLines(input)`: the input's lines, read one chunk at a time on demand (the stream's own
 *   async iterator), so a slow consumer holds at most one chunk of input in memory.
 * - `lineSink(out)`: writes a line and, when the stream's buffer is full, waits for `drain`, so a
 *   slow reader holds back the producer instead of growing this process's memory. When the reader
 *   goes away (EPIPE, e.g. piped to `head`) the sink is closed and `write` rejects with
 *   `OutputClosedError`, which the command treats as a quiet end.
 */
import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A batch file that cannot be used (missing, unreadable, a directory). */
export class InputFileError extends Error {
  override name = 'InputFileError';
}

/** The reader of the output went away: nothing more can be written. */
export class OutputClosedError extends Error {
  override name = 'OutputClosedError';
  constructor() {
    super('the output was closed by its reader');
  }
}

/** A readable for `file` ('-' = stdin), opened; rejects with InputFileError for a bad file. */
export function openLineSource(file: string, what = file): Promise<NodeJS.ReadableStream> {
  if (file === '-') return Promise.resolve(process.stdin);
  try {
    if (statSync(file).isDirectory()) return Promise.reject(new InputFileError(`${what} is a directory, not a file`));
  } catch (e) {
    return Promise.reject(new InputFileError(`cannot read ${what}: ${(e as Error).message}`));
  }
  return new Promise((resolve, reject) => {
    const s = createReadStream(file);
    s.once('open', () => resolve(s));
    s.once('error', (e) => reject(new InputFileError(`cannot read ${what}: ${e.message}`)));
  });
}

/** The lines of `input` (without their `\n` or `\r\n`), pulled chunk by chunk. */
export async function* readLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

export interface LineSink {
  /** Writes `line` + '\n'; resolves when more may be written; rejects with OutputClosedError. */
  write(line: string): Promise<void>;
  readonly closed: boolean;
}

/** A back-pressured line writer on `out` (default stdout). */
export function lineSink(out: NodeJS.WritableStream = process.stdout): LineSink {
  let closed = false;
  let failure: Error | null = null;
  const wake = new Set<() => void>();
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED' || e.code === 'ECONNRESET') closed = true;
    else failure = e;
    for (const w of wake) w();
  });
  out.on('close', () => {
    closed = true;
    for (const w of wake) w();
  });
  const check = (): void => {
    if (failure) throw failure;
    if (closed) throw new OutputClosedError();
  };
  return {
    get closed() {
      return closed;
    },
    async write(line: string): Promise<void> {
      check();
      if (!out.write(`${line}\n`)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            wake.delete(done);
            out.removeListener('drain', done);
            resolve();
          };
          wake.add(done);
          out.once('drain', done);
        });
      }
      check();
    },
  };
}

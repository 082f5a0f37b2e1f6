/**
 * Edge: progress of a run. On a terminal, a live bar per notebook (cli-progress): notebook, cell
 * i/n, elapsed time; elsewhere (CI logs, pipes), plain lines: one when a notebook starts, one per
 * finished cell and one when the notebook ends.
 */
import { SingleBar } from 'cli-progress';

export type CellStatus = 'ok' | 'error' | 'timeout' | 'dead' | 'abort';

export interface ProgressReporter {
  notebookStart(name: string, codeCells: number): void;
  /** `i` is 1-based among the code cells to run. */
  cellStart(i: number, n: number): void;
  cellEnd(i: number, n: number, status: CellStatus, ms: number): void;
  /** `status` is the notebook's final status ('frozen' when skipped). */
  notebookEnd(name: string, status: string, ms: number, detail?: string): void;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Reports nothing. */
export const silentProgress: ProgressReporter = {
  notebookStart() {},
  cellStart() {},
  cellEnd() {},
  notebookEnd() {},
};

/** Plain lines, for logs. */
export function lineProgress(stream: NodeJS.WritableStream = process.stderr): ProgressReporter {
  let current = '';
  return {
    notebookStart(name, n) {
      current = name;
      stream.write(`[${name}] running ${n} code cell${n === 1 ? '' : 's'}\n`);
    },
    cellStart() {},
    cellEnd(i, n, status, ms) {
      stream.write(`[${current}] cell ${i}/${n} ${status} (${seconds(ms)})\n`);
    },
    notebookEnd(name, status, ms, detail) {
      stream.write(`[${name}] ${status}${status === 'frozen' ? ' (unchanged since its last successful run; --force re-runs)' : ` in ${seconds(ms)}`}${detail ? `: ${detail}` : ''}\n`);
    },
  };
}

/** A live bar on a terminal. */
export function ttyProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let bar: SingleBar | null = null;
  return {
    notebookStart(name, n) {
      bar = new SingleBar({
        stream,
        format: `{notebook} [{bar}] {step} | {duration_formatted}`,
        barsize: 24,
        hideCursor: false,
        clearOnComplete: true,
        fps: 5,
      });
      bar.start(n, 0, { notebook: name, step: 'starting kernel' });
    },
    cellStart(i, n) {
      bar?.update(i - 1, { step: `cell ${i}/${n}` });
    },
    cellEnd(i) {
      bar?.update(i);
    },
    notebookEnd(name, status, ms, detail) {
      bar?.stop();
      bar = null;
      stream.write(`${name}: ${status}${status === 'frozen' ? '' : ` in ${seconds(ms)}`}${detail ? ` — ${detail}` : ''}\n`);
    },
  };
}

/** The reporter for `stream`: a live bar on a TTY, plain lines otherwise. */
export function autoProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? ttyProgress(stream) : lineProgress(stream);
}

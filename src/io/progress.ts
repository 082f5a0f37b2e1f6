/**
 * Edge: the one progress reporter of a long computation (a figure's compute). `live`: on a
 * terminal, a bar (cli-progress); elsewhere a line every 10 % (or 5 s) on stderr. `summary`: no
 * progress, only the closing line (the notebook helpers: one line in the cell's output).
 */
import { SingleBar } from 'cli-progress';

export interface ComputeProgress {
  /** `done` of `total` units; `what` names the unit. */
  update(done: number, total: number, what?: string): void;
  /** Stops the display; returns the closing line `label: computed in X s<suffix>` (written unless quiet). */
  finish(suffix?: (units: number) => string): string;
  /** Stops the display without a closing line (on failure). */
  stop(): void;
}

export interface ProgressOptions {
  mode?: 'live' | 'summary' | 'quiet';
  /** Where progress lines and the closing line go (default: stderr for live, stdout for summary). */
  write?: (text: string) => void;
  /** Whether `write` is a terminal (live mode draws a bar); default: process.stderr.isTTY. */
  tty?: boolean;
}

export function computeProgress(label: string, opts: ProgressOptions = {}): ComputeProgress {
  const mode = opts.mode ?? 'live';
  const write = opts.write ?? ((s: string) => (mode === 'summary' ? process.stdout : process.stderr).write(s));
  const tty = mode === 'live' && (opts.tty ?? process.stderr.isTTY === true);
  const t0 = Date.now();
  let bar: SingleBar | undefined;
  let lastPct = -1, lastT = 0, units = 0;
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    update(done, total, what) {
      if (!(total > 0)) return;
      units = total;
      if (mode !== 'live') return;
      if (tty) {
        if (!bar) {
          bar = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {value}/{total} {percentage}% · {duration_formatted} {what}`, hideCursor: true, clearOnComplete: false }, undefined);
          bar.start(total, done, { what: what ?? '' });
        }
        bar.setTotal(total);
        bar.update(done, { what: what ?? '' });
        return;
      }
      const pct = Math.floor((100 * done) / total);
      const now = Date.now();
      if (done === total || pct >= lastPct + 10 || now - lastT > 5000) {
        lastPct = pct;
        lastT = now;
        write(`${label}: ${done}/${total} (${pct}%) ${((now - t0) / 1000).toFixed(1)} s${what ? ` ${what}` : ''}\n`);
      }
    },
    finish(suffix) {
      stop();
      const line = `${label}: computed in ${((Date.now() - t0) / 1000).toFixed(1)} s${suffix ? suffix(units) : ''}`;
      if (mode !== 'quiet') write(`${line}\n`);
      return line;
    },
    stop,
  };
}

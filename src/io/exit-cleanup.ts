/**
 * Edge: synchronous clean-up on every exit path of this process — normal exit, uncaught
 * exception, and SIGINT/SIGTERM/SIGHUP. On a signal the registered clean-ups run, the handlers
 * are removed and the signal is raised again, so the process still ends by that signal (exit
 * status 128 + n in a shell, e.g. 143 for SIGTERM) without a stack trace, unless the program
 * itself listens for it. (SIGKILL cannot be caught: what must not outlive a SIGKILLed process
 * has its own watchdog, see src/runner/launch-kernel.ts and src/render/pdf.ts.)
 */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const cleanups = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const f of [...cleanups]) {
    cleanups.delete(f);
    try {
      f();
    } catch {
      // best effort: the others still run
    }
  }
}

function onSignal(sig: NodeJS.Signals): void {
  runAll();
  uninstall();
  if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
}

const handlers = new Map<NodeJS.Signals, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]));

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const [s, h] of handlers) process.on(s, h);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', runAll);
  for (const [s, h] of handlers) process.off(s, h);
}

/** Runs `fn` (synchronous) if this process exits before the returned function is called. */
export function onExitCleanup(fn: () => void): () => void {
  cleanups.add(fn);
  install();
  return () => {
    cleanups.delete(fn);
    if (cleanups.size === 0) uninstall();
  };
}

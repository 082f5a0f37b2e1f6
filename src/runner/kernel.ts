/**
 * Edge: one tslab kernel, started as a child process and driven over the Jupyter messaging
 * protocol, the way nbclient drives kernels.
 *
 * - Start: a fresh connection file (./connection.ts), the kernel process (./launch-kernel.ts, i.e.
 *   tslab's `tslab kernel --config-path FILE`) with the notebook's directory as working directory,
 *   DEALER sockets on shell and control and a SUBSCRIBER on iopub; ready once a
 *   `kernel_info_request` is answered on shell AND its busy/idle status has arrived on iopub (so no
 *   iopub message of the first cell can be lost to a late subscription).
 * - Execute: `execute_request` {silent: false, store_history: true, allow_stdin: false}; every
 *   iopub message whose parent is the request is collected in arrival order; done when both the
 *   `execute_reply` and the `status: idle` have arrived.
 * - Timeout: tslab's kernelspec has the default `interrupt_mode: "signal"` and tslab does not
 *   answer `interrupt_request`, so an interrupt is SIGINT. On expiry the kernel is interrupted; if it
 *   has not answered after a grace period it is killed.
 * - Nothing lost: the launcher (./launch-kernel.ts) makes tslab's iopub sends reliable and stamps
 *   the closing `status: idle` of each request with the number of iopub messages it sent before
 *   it. ZeroMQ keeps the order of one connection, so when the idle arrives everything sent before
 *   it has arrived: a shortfall (or an idle that never comes) means output was lost, and the cell
 *   fails with an `OutputLostError` output instead of passing with part of its output.
 * - No colour: the kernel runs with FORCE_COLOR=0 and pipes as stdio, so values are printed
 *   without ANSI codes whatever the caller's terminal or environment.
 * - Death: the child's exit ends any pending execution with status `dead`; a kernel that ran out
 *   of heap (V8's "JavaScript heap out of memory" on its stderr) is reported as such.
 * - No orphans: every live kernel is SIGKILLed when this process exits (normally, by an uncaught
 *   exception, or on SIGINT/SIGTERM/SIGHUP); the kernel process itself exits when the pipe on its
 *   standard input closes, and a watchdog thread in it SIGKILLs it as soon as its parent is gone
 *   (even while a cell runs synchronous code), so it cannot outlive this process even if this
 *   process is SIGKILLed. The connection file (which holds the HMAC key) is removed on every exit
 *   path of this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as zmq from 'zeromq';
import { onExitCleanup } from '../io/exit-cleanup';
import { channelAddress, createConnectionFile, type ConnectionFile } from './connection';
import { deserialize, IOPUB_SENT_KEY, makeMessage, serialize, type JupyterMessage } from './messaging';

export type ExecuteStatus = 'ok' | 'error' | 'abort' | 'timeout' | 'dead';

/** How a kernel process ended; `outOfMemory` when V8 reported running out of heap. */
export interface KernelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  outOfMemory?: boolean;
}

/** nbclient's `metadata.execution` keys, as ISO dates. */
export type ExecutionTiming = Partial<
  Record<'iopub.status.busy' | 'iopub.execute_input' | 'shell.execute_reply' | 'iopub.status.idle', string>
>;

export interface ExecuteOutcome {
  status: ExecuteStatus;
  executionCount: number | null;
  /** The `execute_reply`, when one arrived. */
  reply?: JupyterMessage;
  /** Every iopub message answering the request, in arrival order. */
  iopub: JupyterMessage[];
  timing: ExecutionTiming;
  /** Set when the timeout expired: whether the interrupt was answered or the kernel was killed. */
  timedOut?: { interrupted: boolean; killed: boolean };
  /** Set when iopub output of the cell was lost (the cell's status is then "error"). */
  lost?: { sent: number | null; received: number };
}

export interface ExecuteOptions {
  /** Per-cell time limit in ms (default: none). */
  timeoutMs?: number;
  /** After an interrupt, how long to wait for the kernel to answer before killing it (ms, default 5000). */
  interruptGraceMs?: number;
  /** Called for each iopub message of this request as it arrives. */
  onMessage?: (msg: JupyterMessage) => void;
}

export interface KernelOptions {
  /** Working directory of the kernel (the notebook's directory). */
  cwd: string;
  /** How long the kernel may take to answer kernel_info (ms, default 60000). */
  startTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** tslab's dist/main.js to launch (default: the one this package resolves). */
  tslabMain?: string;
  /** The five ports of each start attempt (default: ports the OS reports free; for tests). */
  ports?: () => Promise<number[]>;
}

export class KernelStartError extends Error {
  override name = 'KernelStartError';
}

/**
 * The kernel could not bind one of its ports: another process took it between the check that it
 * was free and the kernel's bind (tslab logs the failure and keeps running without that socket).
 */
class PortTakenError extends KernelStartError {}

/** How many times a start is tried with fresh ports when a port was taken meanwhile. */
const START_ATTEMPTS = 4;
const PORT_TAKEN = /EADDRINUSE|Address already in use/;

/** Path of tslab's `dist/main.js` as this package resolves it. */
export function tslabMainPath(): string {
  return require.resolve('tslab/dist/main.js');
}

// ---------------------------------------------------------------------------------------------
// Process-wide registry of live kernels; each is killed, and its connection file (HMAC key)
// removed, on any exit path of this process (../io/exit-cleanup).

const live = new Set<Kernel>();

/** PIDs of the kernels this process has started and that are still running. */
export function liveKernelPids(): number[] {
  return [...live].map((k) => k.pid);
}

// ---------------------------------------------------------------------------------------------

interface Pending {
  onIopub(msg: JupyterMessage): void;
  onReply(msg: JupyterMessage): void;
  onDeath(): void;
}

const STDERR_KEEP = 16_384;

export class Kernel {
  readonly pid: number;
  readonly session = randomUUID();
  /** Resolves when the kernel process has exited. */
  readonly exited: Promise<KernelExit>;
  private exitInfo: KernelExit | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly shell: zmq.Dealer;
  private readonly control: zmq.Dealer;
  private readonly iopub: zmq.Subscriber;
  private closed = false;
  private stderrTail = '';
  private readonly unregisterKill: () => void;
  private readonly unregisterConnection: () => void;

  private constructor(
    private readonly child: ChildProcess,
    private readonly conn: ConnectionFile,
  ) {
    if (child.pid === undefined) throw new KernelStartError('the kernel process could not be started');
    this.pid = child.pid;
    live.add(this);
    this.unregisterKill = onExitCleanup(() => this.kill());
    this.unregisterConnection = onExitCleanup(() => conn.remove());
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        // Let the last of its stderr (V8's fatal error report) arrive before judging the cause.
        let done = false;
        const settle = (): void => {
          if (done) return;
          done = true;
          const outOfMemory = /heap out of memory|Reached heap limit|Allocation failed/i.test(this.stderrTail);
          this.exitInfo = { code, signal, ...(outOfMemory ? { outOfMemory } : {}) };
          live.delete(this);
          this.unregisterKill();
          for (const p of [...this.pending.values()]) p.onDeath();
          resolve(this.exitInfo);
        };
        child.once('close', settle);
        setTimeout(settle, 200);
      });
    });
    const keep = (chunk: Buffer): void => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_KEEP);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.stdin?.on('error', () => {}); // EPIPE once the kernel is gone
    const opts = { linger: 0 };
    this.shell = new zmq.Dealer(opts);
    this.control = new zmq.Dealer(opts);
    this.iopub = new zmq.Subscriber({ ...opts, receiveHighWaterMark: 0 });
    this.iopub.subscribe();
    const info = conn.info;
    this.shell.connect(channelAddress(info, info.shell_port));
    this.control.connect(channelAddress(info, info.control_port));
    this.iopub.connect(channelAddress(info, info.iopub_port));
    void this.readLoop(this.iopub, 'iopub');
    void this.readLoop(this.shell, 'reply');
    void this.readLoop(this.control, 'reply');
  }

  /**
   * Starts a fresh tslab kernel in `opts.cwd` and waits until it is ready. A port taken by another
   * process before the kernel bound it (a race no port check can close) is retried with fresh
   * ports, up to START_ATTEMPTS times.
   */
  static async start(opts: KernelOptions): Promise<Kernel> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Kernel.startOnce(opts);
      } catch (e) {
        if (!(e instanceof PortTakenError) || attempt >= START_ATTEMPTS) throw e;
      }
    }
  }

  private static async startOnce(opts: KernelOptions): Promise<Kernel> {
    const conn = await createConnectionFile('tslab', opts.ports ? await opts.ports() : undefined);
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [join(__dirname, 'launch-kernel.js'), opts.tslabMain ?? tslabMainPath(), conn.path], {
        cwd: opts.cwd,
        // No ANSI colour in printed values, whatever the caller's terminal or FORCE_COLOR.
        env: { ...(opts.env ?? process.env), FORCE_COLOR: '0' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (e) {
      conn.remove();
      throw e;
    }
    if (child.pid === undefined) {
      conn.remove();
      const err = await new Promise<Error>((r) => child.once('error', r));
      throw new KernelStartError(`the kernel process could not be started: ${err.message}`);
    }
    const kernel = new Kernel(child, conn);
    try {
      await kernel.waitReady(opts.startTimeoutMs ?? 60_000);
    } catch (e) {
      await kernel.shutdown();
      throw e;
    }
    return kernel;
  }

  /** Whether the kernel process is still running. */
  get alive(): boolean {
    return this.exitInfo === null;
  }

  /** How the process ended (null while it runs). */
  get exitStatus(): KernelExit | null {
    return this.exitInfo;
  }

  /** Path of the kernel's connection file (removed, with its private directory, when the kernel is closed). */
  get connectionFile(): string {
    return this.conn.path;
  }

  /** The last lines the kernel process wrote to its own stdout/stderr (outside executions). */
  get log(): string {
    return this.stderrTail;
  }

  private async readLoop(sock: zmq.Dealer | zmq.Subscriber, kind: 'iopub' | 'reply'): Promise<void> {
    try {
      for await (const frames of sock) {
        let msg: JupyterMessage;
        try {
          msg = deserialize(frames as Buffer[], this.conn.info.key);
        } catch {
          continue; // unsigned or malformed: ignored, as jupyter_client does
        }
        const p = this.pending.get(msg.parent_header.msg_id ?? '');
        if (!p) continue;
        if (kind === 'iopub') p.onIopub(msg);
        else p.onReply(msg);
      }
    } catch {
      // socket closed
    }
  }

  private async send(sock: zmq.Dealer, msg: JupyterMessage<object>): Promise<void> {
    await sock.send(serialize(msg, this.conn.info.key));
  }

  /** Resolves once kernel_info is answered on shell and its status has been seen on iopub. */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let replied = false;
    while (Date.now() < deadline) {
      if (!this.alive) throw new KernelStartError(`the kernel exited during start-up (${describeExit(this.exitInfo)})${tail(this.log)}`);
      if (PORT_TAKEN.test(this.log)) throw new PortTakenError(`a port of the kernel was taken by another process${tail(this.log)}`);
      const req = makeMessage('kernel_info_request', {}, this.session);
      const got = await new Promise<'both' | 'reply' | 'none' | 'dead'>((resolve) => {
        let reply = false;
        let sawIopub = false;
        const wait = Math.max(50, Math.min(replied ? 1000 : 5000, deadline - Date.now()));
        let timer = setTimeout(() => done(reply ? 'reply' : 'none'), wait);
        const done = (r: 'both' | 'reply' | 'none' | 'dead'): void => {
          clearTimeout(timer);
          this.pending.delete(req.header.msg_id);
          resolve(r);
        };
        this.pending.set(req.header.msg_id, {
          onIopub: () => {
            sawIopub = true;
            if (reply) done('both');
          },
          onReply: () => {
            reply = true;
            if (sawIopub) return done('both');
            // The status may have gone out before the subscription was in place: ask again soon.
            clearTimeout(timer);
            timer = setTimeout(() => done('reply'), 250);
          },
          onDeath: () => done('dead'),
        });
        this.send(this.shell, req).catch(() => done('none'));
      });
      if (got === 'both') return;
      if (got === 'reply') replied = true;
    }
    throw new KernelStartError(`the kernel did not become ready within ${timeoutMs} ms${tail(this.log)}`);
  }

  /** Runs `code`; never rejects for kernel-side failures (they are in the outcome's status). */
  execute(code: string, opts: ExecuteOptions = {}): Promise<ExecuteOutcome> {
    const req = makeMessage(
      'execute_request',
      { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
      this.session,
    );
    const id = req.header.msg_id;
    const iopub: JupyterMessage[] = [];
    const timing: ExecutionTiming = {};
    return new Promise<ExecuteOutcome>((resolve) => {
      let reply: JupyterMessage | undefined;
      let idle = false;
      /** iopub messages of this request received before its idle status; what the kernel says it sent. */
      let received = 0;
      let sent: number | null | undefined;
      let settled = false;
      let timedOut: { interrupted: boolean; killed: boolean } | undefined;
      const timers: NodeJS.Timeout[] = [];
      const finish = (status: ExecuteStatus): void => {
        if (settled) return;
        settled = true;
        for (const t of timers) clearTimeout(t);
        this.pending.delete(id);
        const count = reply?.content.execution_count;
        let lost: ExecuteOutcome['lost'];
        if ((status === 'ok' || status === 'error') && sent !== undefined && (sent === null || sent > received)) {
          lost = { sent, received };
          status = 'error';
          const evalue =
            sent === null
              ? 'output of this cell was lost: the kernel\'s closing status message never arrived, so some of its output may be missing'
              : `output of this cell was lost: the kernel sent ${sent} messages, ${received} arrived`;
          const err = makeMessage('error', { ename: 'OutputLostError', evalue, traceback: [`OutputLostError: ${evalue}`] }, this.session, req.header);
          iopub.push(err as JupyterMessage);
        }
        resolve({
          status: timedOut ? 'timeout' : status,
          executionCount: typeof count === 'number' ? count : null,
          reply,
          iopub,
          timing,
          timedOut,
          ...(lost ? { lost } : {}),
        });
      };
      const check = (): void => {
        if (!reply || !idle) return;
        const s = reply.content.status;
        finish(s === 'ok' || s === 'error' || s === 'abort' ? s : 'error');
      };
      if (!this.alive) {
        finish('dead');
        return;
      }
      this.pending.set(id, {
        onIopub: (msg) => {
          const type = msg.header.msg_type;
          if (type === 'status') {
            const state = (msg.content as { execution_state?: string }).execution_state;
            if (state === 'busy') timing['iopub.status.busy'] ??= now();
            if (state === 'idle') {
              timing['iopub.status.idle'] = now();
              idle = true;
              const n = msg.metadata[IOPUB_SENT_KEY];
              sent = typeof n === 'number' ? n : undefined;
            } else received++;
          } else {
            received++;
            if (type === 'execute_input') timing['iopub.execute_input'] = now();
            iopub.push(msg);
            opts.onMessage?.(msg);
          }
          check();
        },
        onReply: (msg) => {
          if (msg.header.msg_type !== 'execute_reply') return;
          reply = msg;
          timing['shell.execute_reply'] = now();
          check();
          // As nbclient: the idle status normally follows at once; don't wait for it forever.
          if (!settled && !idle)
            timers.push(
              setTimeout(() => {
                idle = true;
                sent = null; // the idle status was lost: so may output have been
                check();
              }, 4000),
            );
        },
        onDeath: () => finish('dead'),
      });
      if (opts.timeoutMs !== undefined && Number.isFinite(opts.timeoutMs)) {
        timers.push(
          setTimeout(() => {
            if (settled) return;
            timedOut = { interrupted: true, killed: false };
            this.interrupt();
            timers.push(
              setTimeout(() => {
                if (settled || !timedOut) return;
                timedOut.killed = true;
                this.kill();
                finish('timeout');
              }, opts.interruptGraceMs ?? 5000),
            );
          }, opts.timeoutMs),
        );
      }
      this.send(this.shell, req).catch(() => finish('dead'));
    });
  }

  /** Interrupts the running cell (SIGINT: tslab's kernelspec interrupt mode is "signal"). */
  interrupt(): void {
    if (this.alive) this.child.kill('SIGINT');
  }

  /** Kills the kernel process at once (SIGKILL). Idempotent. */
  kill(): void {
    if (this.alive) {
      try {
        this.child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /**
   * Asks the kernel to shut down (shutdown_request on control), closes its stdin pipe, and kills
   * it if it has not exited after `graceMs`. Releases the sockets and the connection file.
   */
  async shutdown(graceMs = 3000): Promise<void> {
    if (this.alive) {
      const req = makeMessage('shutdown_request', { restart: false }, this.session);
      const replied = new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(graceMs, 2000));
        const done = (): void => {
          clearTimeout(t);
          this.pending.delete(req.header.msg_id);
          resolve();
        };
        this.pending.set(req.header.msg_id, { onIopub: () => {}, onReply: done, onDeath: done });
      });
      await this.send(this.control, req).catch(() => {});
      await replied;
      this.child.stdin?.end();
      const t = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(t);
    }
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [this.shell, this.control, this.iopub]) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
    this.conn.remove();
    this.unregisterConnection();
  }
}

/** Receipt time. (tslab dates a reply when the request arrives, not when it is sent, so its header dates are not used.) */
function now(): string {
  return new Date().toISOString();
}

/** "exit code N" or "signal S". */
export function describeExit(e: KernelExit | null): string {
  if (!e) return 'running';
  const how = e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
  return e.outOfMemory ? `out of memory: the JavaScript heap limit was reached; ${how}` : how;
}

function tail(log: string): string {
  const t = log.trim().split('\n').slice(-10).join('\n');
  return t ? `; kernel log:\n${t}` : '';
}


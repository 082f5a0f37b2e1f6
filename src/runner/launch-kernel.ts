/**
 * Edge: the kernel process. Started by ./kernel.ts as
 * `node launch-kernel.js <tslab main.js> <connection file>`, it does what tslab's kernelspec
 * command `tslab kernel --config-path {connection_file}` does (tslab's `startKernel`, which also
 * prefers a tslab installed under the working directory's node_modules, as in Jupyter), and in
 * addition:
 *
 * - No lost output. tslab sends every iopub message with zeromq's `send()` without awaiting it.
 *   zeromq.js resolves at most 512 (`max_sync_operations`) sends synchronously between two turns
 *   of the event loop; after that a send is queued, and every further `send()` until the event
 *   loop turns throws EBUSY ("Socket is busy writing"). A cell is synchronous code, so the
 *   513th line of a cell threw: `console.log` swallows the error (the line is lost silently),
 *   `process.stdout.write` fails the cell. With `sendTimeout = 0` zeromq.js always takes its
 *   synchronous path, and with `sendHighWaterMark = 0` the PUB socket never drops a message
 *   (PUB drops past its high-water mark instead of blocking). Both are set on every Publisher
 *   before it binds.
 * - Loss is detected anyway. Each iopub message is counted per request (parent msg_id); the
 *   `status: idle` closing a request carries the count of messages sent before it in its metadata
 *   (`synthrmt.iopub_sent`, re-signed with the connection key), and a send that still fails is
 *   counted as sent, so the runner (./kernel.ts) sees the mismatch and fails the cell loudly.
 * - No orphans. The process exits when its standard input closes (the runner holds the other end
 *   of that pipe) and, because a busy cell never reads stdin, a worker thread watches the parent
 *   PID and SIGKILLs this process as soon as the runner is gone, whatever the cell is doing.
 * - No colour. FORCE_COLOR, NO_COLOR and a terminal would make tslab print values with ANSI colour
 *   codes; the runner starts it with FORCE_COLOR=0 (./kernel.ts), and stdout/stderr are pipes.
 */
import { readFileSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KERNEL_DIR_PREFIX } from './connection';
import { DELIMITER, IOPUB_SENT_KEY, sign as signWith } from './messaging';


const [mainPath, configPath] = process.argv.slice(2);
if (!mainPath || !configPath) {
  process.stderr.write('usage: launch-kernel.js <tslab dist/main.js> <connection file>\n');
  process.exit(2);
}

// --- parent watchdog --------------------------------------------------------------------------
// A worker thread, so it runs even while a cell keeps the main thread busy. When the runner is
// gone it removes the runner's private connection directory (HMAC key) and SIGKILLs this process.
const parent = process.ppid;
/** The runner's private connection directory (holding the HMAC key), if the file is in one. */
const ownDir = basename(dirname(configPath)).startsWith(KERNEL_DIR_PREFIX) ? dirname(configPath) : null;
const watchdog = new Worker(
  `const { workerData } = require('node:worker_threads');
   const { rmSync } = require('node:fs');
   setInterval(() => {
     let gone = process.ppid !== workerData.parent;
     if (!gone) { try { process.kill(workerData.parent, 0); } catch { gone = true; } }
     if (!gone) return;
     if (workerData.ownDir) {
       try { rmSync(workerData.ownDir, { recursive: true, force: true }); } catch {}
     }
     process.kill(workerData.pid, 'SIGKILL');
   }, 250);`,
  { eval: true, workerData: { parent, pid: process.pid, ownDir } },
);
watchdog.unref();

/** The runner closed our stdin (shut down, or died): remove its private connection dir, then exit. */
function runnerGone(): never {
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  process.exit(0);
}
process.stdin.on('end', runnerGone);
process.stdin.on('error', runnerGone);
process.stdin.resume();

// --- reliable, counted iopub ------------------------------------------------------------------
const key: string = JSON.parse(readFileSync(configPath, 'utf8')).key ?? '';
const DELIM = DELIMITER;
const sentPerParent = new Map<string, number>();

const sign = (frames: (string | Buffer)[]): string => signWith(key, frames);

/** Counts the message; for an idle status, returns it with the count in its metadata (re-signed). */
function stamp(frames: unknown): unknown {
  if (!Array.isArray(frames)) return frames;
  const d = frames.findIndex((f) => String(f) === DELIM);
  if (d < 0 || frames.length < d + 6) return frames;
  let parentId = '';
  let header: { msg_type?: string };
  let idle = false;
  try {
    header = JSON.parse(String(frames[d + 2]));
    parentId = String(JSON.parse(String(frames[d + 3])).msg_id ?? '');
    // Only a status message's content is read (outputs can be megabytes of JSON).
    if (header.msg_type === 'status') idle = (JSON.parse(String(frames[d + 5])) as { execution_state?: string }).execution_state === 'idle';
  } catch {
    return frames;
  }
  if (!parentId) return frames;
  const sent = sentPerParent.get(parentId) ?? 0;
  if (idle) {
    sentPerParent.delete(parentId);
    const metadata = { ...JSON.parse(String(frames[d + 4])), [IOPUB_SENT_KEY]: sent };
    const body = [String(frames[d + 2]), String(frames[d + 3]), JSON.stringify(metadata), String(frames[d + 5]), ...frames.slice(d + 6)];
    return [...frames.slice(0, d + 1), sign(body.slice(0, 4)), ...body];
  }
  sentPerParent.set(parentId, sent + 1);
  return frames;
}

interface ZmqSocketProto {
  bind(this: ZmqSocket, addr: string): Promise<void>;
  send(this: ZmqSocket, msg: unknown): Promise<void>;
}
interface ZmqSocket {
  sendHighWaterMark: number;
  sendTimeout: number;
}

/**
 * Diagnostic switch SYNTHRMT_IOPUB_ZEROMQ_DEFAULTS=1: keep zeromq's default send behaviour (the one
 * that loses output past 512 messages per synchronous stretch), to check that loss is detected.
 */
const zeromqDefaults = process.env.SYNTHRMT_IOPUB_ZEROMQ_DEFAULTS === '1';
const patched = new Set<unknown>();
function patchZeromq(fromFile: string): void {
  let zmq: { Publisher: { prototype: ZmqSocketProto } };
  try {
    zmq = require(require.resolve('zeromq', { paths: [dirname(fromFile)] }));
  } catch {
    return;
  }
  const proto = zmq.Publisher.prototype;
  if (patched.has(proto)) return;
  patched.add(proto);
  const bind = proto.bind;
  const send = proto.send;
  // The base class's methods are read-only: own properties of Publisher.prototype shadow them.
  Object.defineProperty(proto, 'bind', {
    configurable: true,
    value: function (this: ZmqSocket, addr: string) {
      if (!zeromqDefaults) {
        this.sendHighWaterMark = 0;
        this.sendTimeout = 0;
      }
      return bind.call(this, addr);
    },
  });
  Object.defineProperty(proto, 'send', {
    configurable: true,
    value: function (this: ZmqSocket, msg: unknown) {
      const out = stamp(msg);
      try {
        const p = send.call(this, out);
        p.catch(() => {}); // a failed send is seen by the runner as a count mismatch
        return p;
      } catch {
        return Promise.resolve();
      }
    },
  });
}

patchZeromq(mainPath);
try {
  patchZeromq(require.resolve('tslab/dist/main.js', { paths: [process.cwd()] }));
} catch {
  // no local tslab: the one given is used
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
const tslabMain = require(mainPath) as {
  startKernel(o: { configPath: string; enableFindLocal?: boolean; jsKernel?: boolean; globalVersion?: string }): void;
};
tslabMain.startKernel({ configPath, enableFindLocal: true, jsKernel: false, globalVersion: '' });

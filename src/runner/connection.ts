/**
 * Edge: the kernel's connection file (Jupyter client spec, "connection files"): five TCP ports on
 * 127.0.0.1 chosen free by the OS, a random HMAC key and the `hmac-sha256` signature scheme.
 * Written with mode 0600 to a private temporary directory, as jupyter_client does.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/fs-atomic';
import { removeOrphanDirs } from '../io/orphan-dirs';

/** Name prefix of the private folders holding a kernel's connection file (and its HMAC key). */
export const KERNEL_DIR_PREFIX = 'synthrmt-kernel-';

export interface ConnectionInfo {
  transport: 'tcp';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: 'hmac-sha256';
  kernel_name: string;
}

/** `n` distinct ports the OS reports free on 127.0.0.1 (all held open together, then released). */
export async function freePorts(n: number, host = '127.0.0.1'): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<import('node:net').Server>((resolve, reject) => {
        const s = createServer();
        s.unref();
        s.once('error', reject);
        s.listen(0, host, () => resolve(s));
      }),
    ),
  );
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

export interface ConnectionFile {
  info: ConnectionInfo;
  /** Path of the JSON file handed to the kernel. */
  path: string;
  /** Removes the file and its private directory. */
  remove(): void;
}

/**
 * Picks free ports (or takes the five given: shell, iopub, stdin, control, hb) and a fresh key,
 * and writes the connection file to a new private temp dir.
 */
export async function createConnectionFile(kernelName = 'tslab', ports?: number[]): Promise<ConnectionFile> {
  const [shell, iopub, stdin, control, hb] = ports ?? (await freePorts(5));
  const info: ConnectionInfo = {
    transport: 'tcp',
    ip: '127.0.0.1',
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString('hex'),
    signature_scheme: 'hmac-sha256',
    kernel_name: kernelName,
  };
  // Named for this process, so the next run can remove it if this one is killed with its kernel
  // (SIGKILL of the process group: nobody left to clean up); unowned older ones after an hour.
  removeOrphanDirs(tmpdir(), KERNEL_DIR_PREFIX, { legacyMinAgeMs: 3_600_000 });
  const dir = mkdtempSync(join(tmpdir(), `${KERNEL_DIR_PREFIX}${process.pid}-`));
  const path = join(dir, 'kernel.json');
  writeFileAtomic(path, JSON.stringify(info, null, 1), 0o600);
  return { info, path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `tcp://ip:port` of one channel. */
export function channelAddress(info: ConnectionInfo, port: number): string {
  return `${info.transport}://${info.ip}:${port}`;
}

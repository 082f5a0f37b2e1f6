/**
 * Edge: the Jupyter messaging protocol v5.3 wire format
 * (https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol).
 *
 * A message on a ZeroMQ socket is the multipart frame list
 * `[identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]`,
 * where `signature` is the hex HMAC-SHA256, keyed by the connection file's key, of the four JSON
 * frames header, parent_header, metadata and content, in that order. Messages whose signature does
 * not verify are rejected.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const DELIMITER = '<IDS|MSG>';
export const PROTOCOL_VERSION = '5.3';
/**
 * Metadata key that synthrmt's kernel launcher adds to the `status: idle` message closing a
 * request: how many iopub messages it sent for that request before the idle status. The runner
 * compares it with what arrived, so no output is lost silently.
 */
export const IOPUB_SENT_KEY = 'synthrmt.iopub_sent';

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface JupyterMessage<C = Record<string, unknown>> {
  header: MessageHeader;
  /** The header of the request this message answers, or `{}`. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
  buffers?: Buffer[];
}

/** The hex HMAC-SHA256 of the given frames under `key` (the empty string when there is no key). */
export function sign(key: string, frames: (string | Buffer)[]): string {
  if (key === '') return '';
  const h = createHmac('sha256', key);
  for (const f of frames) h.update(f);
  return h.digest('hex');
}

/** A new message with a fresh header. */
export function makeMessage<C extends object>(
  msgType: string,
  content: C,
  session: string,
  parent: Partial<MessageHeader> = {},
): JupyterMessage<C> {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: 'synthrmt',
      date: new Date().toISOString(),
      version: PROTOCOL_VERSION,
    },
    parent_header: parent,
    metadata: {},
    content,
  };
}

/** The signed frame list of `msg` (no routing identities: a DEALER socket sends it as is). */
export function serialize(msg: JupyterMessage<object>, key: string): (string | Buffer)[] {
  const body = [
    JSON.stringify(msg.header),
    JSON.stringify(msg.parent_header),
    JSON.stringify(msg.metadata),
    JSON.stringify(msg.content),
  ];
  return [DELIMITER, sign(key, body), ...body, ...(msg.buffers ?? [])];
}

/** Thrown for a frame list that is not a well-formed, correctly signed message. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Parses and verifies a received frame list (identities, if any, are skipped). */
export function deserialize(frames: Buffer[], key: string): JupyterMessage {
  const d = frames.findIndex((f) => f.length === DELIMITER.length && f.toString('latin1') === DELIMITER);
  if (d < 0) throw new ProtocolError('message has no <IDS|MSG> delimiter');
  if (frames.length < d + 6) throw new ProtocolError(`message has ${frames.length - d - 1} frames after the delimiter, expected at least 5`);
  const signature = frames[d + 1].toString('latin1');
  const body = frames.slice(d + 2, d + 6);
  if (key !== '') {
    const expected = Buffer.from(sign(key, body), 'latin1');
    const got = Buffer.from(signature, 'latin1');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw new ProtocolError('message signature does not verify');
  }
  const parse = (b: Buffer, what: string): any => {
    try {
      return JSON.parse(b.toString('utf8'));
    } catch {
      throw new ProtocolError(`message ${what} is not valid JSON`);
    }
  };
  return {
    header: parse(body[0], 'header'),
    parent_header: parse(body[1], 'parent_header'),
    metadata: parse(body[2], 'metadata'),
    content: parse(body[3], 'content'),
    buffers: frames.slice(d + 6),
  };
}

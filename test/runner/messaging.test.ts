import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createConnectionFile, freePorts } from '../../src/runner/connection';
import { deserialize, makeMessage, serialize, ProtocolError, DELIMITER } from '../../src/runner/messaging';

const KEY = 'a3f5c0ffee';

test('a serialized message is signed with HMAC-SHA256 over header, parent, metadata, content', () => {
  const msg = makeMessage('execute_request', { code: '1+1' }, 'sess');
  const frames = serialize(msg, KEY).map(String);
  assert.equal(frames[0], DELIMITER);
  const h = createHmac('sha256', KEY);
  for (const f of frames.slice(2, 6)) h.update(f);
  assert.equal(frames[1], h.digest('hex'));
  assert.equal(JSON.parse(frames[2]).msg_type, 'execute_request');
  assert.equal(JSON.parse(frames[2]).version, '5.3');
});

test('deserialize verifies the signature, skips routing identities, and rejects tampering', () => {
  const msg = makeMessage('status', { execution_state: 'idle' }, 'sess', { msg_id: 'parent-1' });
  const frames = [Buffer.from('identity'), ...serialize(msg, KEY).map((f) => Buffer.from(f))];
  const back = deserialize(frames, KEY);
  assert.deepEqual(back.content, { execution_state: 'idle' });
  assert.equal(back.parent_header.msg_id, 'parent-1');
  const tampered = frames.slice();
  tampered[5] = Buffer.from(JSON.stringify({ execution_state: 'busy' }));
  assert.throws(() => deserialize(tampered, KEY), ProtocolError);
  assert.throws(() => deserialize(frames, 'another key'), /signature does not verify/);
  assert.throws(() => deserialize([Buffer.from('x')], KEY), /no <IDS\|MSG> delimiter/);
});

test('connection file: distinct free ports, random key, hmac-sha256, private file', async () => {
  const ports = await freePorts(5);
  assert.equal(new Set(ports).size, 5);
  const a = await createConnectionFile();
  const b = await createConnectionFile();
  try {
    const info = JSON.parse(readFileSync(a.path, 'utf8'));
    assert.equal(info.signature_scheme, 'hmac-sha256');
    assert.equal(info.ip, '127.0.0.1');
    assert.equal(new Set([info.shell_port, info.iopub_port, info.stdin_port, info.control_port, info.hb_port]).size, 5);
    assert.match(info.key, /^[0-9a-f]{64}$/);
    assert.notEqual(info.key, b.info.key);
    assert.equal(statSync(a.path).mode & 0o077, 0);
  } finally {
    a.remove();
    b.remove();
  }
  assert.equal(existsSync(a.path), false);
});

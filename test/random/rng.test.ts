import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';

test('same seed, same stream; different seeds differ', () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const xa = Array.from({ length: 5 }, () => a.uniform());
  const xb = Array.from({ length: 5 }, () => b.uniform());
  const xc = Array.from({ length: 5 }, () => c.uniform());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
});

test('normal draws have mean 0 and variance 1 within 5 standard errors', () => {
  const r = new Rng(1);
  const n = 200_000;
  let s = 0, s2 = 0, s4 = 0;
  for (let i = 0; i < n; i++) { const z = r.normal(); s += z; s2 += z * z; s4 += z ** 4; }
  const mean = s / n, v = s2 / n;
  assert.ok(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(v - 1) < 5 * Math.sqrt(2 / n), `variance ${v}`);
  assert.ok(Math.abs(s4 / n - 3) < 5 * Math.sqrt(96 / n), `fourth moment ${s4 / n}`);
});

test('chi-square(k) has mean k and variance 2k within 5 standard errors', () => {
  const r = new Rng(2);
  for (const k of [0.7, 3, 250]) {
    const n = 50_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const x = r.chiSquare(k); s += x; s2 += x * x; }
    const mean = s / n, v = s2 / n - mean * mean;
    assert.ok(Math.abs(mean - k) < 5 * Math.sqrt(2 * k / n), `k=${k} mean ${mean}`);
    assert.ok(Math.abs(v - 2 * k) < 5 * Math.sqrt((48 * k + 8 * k * k) / n), `k=${k} var ${v}`);
  }
});

test('bernoulli frequency and permutation validity', () => {
  const r = new Rng(3);
  const n = 100_000;
  let k = 0;
  for (let i = 0; i < n; i++) if (r.bernoulli(0.3)) k++;
  assert.ok(Math.abs(k / n - 0.3) < 5 * Math.sqrt(0.21 / n));
  const p = r.permutation(1000);
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
  assert.throws(() => r.bernoulli(1.5), /1\.5/);
});

test('substreams are reproducible, distinct and leave the parent untouched', () => {
  const base = new Rng(7);
  const s0 = base.substream(0).uniform(), s1 = base.substream(1).uniform();
  assert.equal(s0, new Rng(7).substream(0).uniform());
  assert.notEqual(s0, s1);
  assert.equal(base.uniform(), new Rng(7).uniform());
  // streams are uncorrelated: correlation of 10,000 paired normals within 5/sqrt(n)
  const a = base.substream(2), b = base.substream(3);
  let sab = 0; const n = 10_000;
  for (let i = 0; i < n; i++) sab += a.normal() * b.normal();
  assert.ok(Math.abs(sab / n) < 5 / Math.sqrt(n));
});

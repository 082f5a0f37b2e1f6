/**
 * PNG encoding (src/render/png.ts, on pngjs): a decoder gets back exactly the grey pixels that were
 * encoded, image grids land where they should, and the density chunk declares the dpi asked for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { Rng } from '../../src/random/rng';
import { encodeGreyPng, encodeImageGrid, pngSize, setPngDensity } from '../../src/render/png';
import { pngHeader } from './helpers';

/** The grey level of every pixel of a decoded PNG (pngjs decodes to RGBA; grey has R = G = B, A = 255). */
function decodeGrey(png: Buffer): { width: number; height: number; grey: Uint8Array } {
  const d = PNG.sync.read(png);
  const grey = new Uint8Array(d.width * d.height);
  for (let i = 0; i < grey.length; i++) {
    const [r, g, b, a] = d.data.subarray(4 * i, 4 * i + 4);
    assert.ok(r === g && g === b && a === 255, `pixel ${i} is grey and opaque`);
    grey[i] = r;
  }
  return { width: d.width, height: d.height, grey };
}

function randomImage(rng: Rng, width: number, height: number): Uint8Array {
  return Uint8Array.from({ length: width * height }, () => rng.nextU32() & 255);
}

test('a grey image decodes to the very pixels encoded, at several sizes', () => {
  const rng = new Rng(20260903);
  for (const [w, h] of [[1, 1], [28, 28], [37, 5], [3, 101]]) {
    const pixels = randomImage(rng, w, h);
    const png = encodeGreyPng(w, h, pixels);
    assert.deepEqual(pngSize(png), { width: w, height: h });
    const d = decodeGrey(png);
    assert.deepEqual([d.width, d.height], [w, h]);
    assert.deepEqual(d.grey, pixels);
  }
});

test('bad image sizes are named', () => {
  assert.throws(() => encodeGreyPng(0, 3, new Uint8Array(0)), /image size must be positive integers, got 0×3/);
  assert.throws(() => encodeGreyPng(2, 2, new Uint8Array(3)), /image has 3 pixels, expected 2×2 = 4/);
});

test('an image grid places each enlarged image on a white canvas with gaps', () => {
  const rng = new Rng(7);
  const imgs = Array.from({ length: 2 }, () => Array.from({ length: 3 }, () => ({ width: 4, height: 3, pixels: randomImage(rng, 4, 3) })));
  const scale = 2, gap = 1;
  const d = decodeGrey(encodeImageGrid(imgs, scale, gap));
  assert.deepEqual([d.width, d.height], [3 * 4 * scale + 4 * gap, 2 * 3 * scale + 3 * gap]);
  for (let y = 0; y < d.height; y++)
    for (let x = 0; x < d.width; x++) {
      const r = Math.floor((y - gap) / (3 * scale + gap)), c = Math.floor((x - gap) / (4 * scale + gap));
      const iy = y - gap - r * (3 * scale + gap), ix = x - gap - c * (4 * scale + gap);
      const inside = y >= gap && x >= gap && iy < 3 * scale && ix < 4 * scale;
      const want = inside ? imgs[r][c].pixels[Math.floor(iy / scale) * 4 + Math.floor(ix / scale)] : 255;
      assert.equal(d.grey[y * d.width + x], want, `pixel (${x}, ${y})`);
    }
});

test('setPngDensity declares the dpi in a pHYs chunk and leaves the pixels alone', () => {
  const pixels = randomImage(new Rng(11), 9, 4);
  const png = encodeGreyPng(9, 4, pixels);
  const dense = setPngDensity(setPngDensity(png, 72), 300);
  assert.equal(pngHeader(dense).ppm, Math.round(300 / 0.0254));
  assert.equal(dense.toString('latin1').split('pHYs').length - 1, 1, 'exactly one pHYs chunk');
  assert.deepEqual(decodeGrey(dense).grey, pixels);
});

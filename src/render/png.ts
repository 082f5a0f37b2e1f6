/**
 * Edge: PNG encoding of grey-level images and image grids (Figure 5's digit samples), with pngjs;
 * the 300-dpi density chunk (pHYs, which pngjs does not write) is set here. Used by the notebook
 * helpers (image/png outputs) and by the figure exporter.
 */
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import type { GreyImage } from '../figures/figure-def';

/** A PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** Encodes a width×height 8-bit grey image (row-major) as PNG. */
export function encodeGreyPng(width: number, height: number, pixels: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be positive integers, got ${width}×${height}`);
  }
  if (pixels.length !== width * height) {
    throw new RangeError(`image has ${pixels.length} pixels, expected ${width}×${height} = ${width * height}`);
  }
  const png = new PNG({ width, height });
  png.data = Buffer.from(pixels);
  // 8-bit grey in and out, no row filter, zlib's default level and strategy (pngjs would pick
  // level 9 with run-length strategy, three times larger on digit grids)
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, filterType: 0, deflateLevel: 6, deflateStrategy: 0 });
}

/**
 * Lays a grid of equally sized images (rows of images) onto one canvas, each pixel enlarged
 * `scale` times, with `gap` white pixels between images, and encodes it as PNG.
 */
export function encodeImageGrid(grid: GreyImage[][], scale = 3, gap = 4): Buffer {
  if (grid.length === 0 || grid[0].length === 0) throw new RangeError('image grid is empty');
  const w = grid[0][0].width, h = grid[0][0].height;
  const cols = Math.max(...grid.map((r) => r.length));
  const W = cols * w * scale + (cols + 1) * gap, H = grid.length * h * scale + (grid.length + 1) * gap;
  const canvas = new Uint8Array(W * H).fill(255);
  grid.forEach((row, r) =>
    row.forEach((img, c) => {
      if (img.width !== w || img.height !== h) throw new RangeError(`grid image (${r}, ${c}) is ${img.width}×${img.height}, expected ${w}×${h}`);
      const x0 = gap + c * (w * scale + gap), y0 = gap + r * (h * scale + gap);
      for (let y = 0; y < h * scale; y++)
        for (let x = 0; x < w * scale; x++)
          canvas[(y0 + y) * W + x0 + x] = img.pixels[Math.floor(y / scale) * w + Math.floor(x / scale)];
    }),
  );
  return encodeGreyPng(W, H, canvas);
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') {
    throw new RangeError('not a PNG file (no PNG signature and IHDR chunk)');
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/**
 * The same PNG with a pHYs chunk declaring `dpi` pixels per inch (so that programs place it at
 * its physical size); an existing pHYs chunk is replaced.
 */
export function setPngDensity(png: Uint8Array, dpi: number): Buffer {
  if (!(dpi > 0) || !Number.isFinite(dpi)) throw new RangeError(`dpi must be a positive number, got ${dpi}`);
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  pngSize(b);
  const parts: Buffer[] = [b.subarray(0, 8)];
  const ppm = Math.round(dpi / 0.0254);
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(ppm, 0);
  phys.writeUInt32BE(ppm, 4);
  phys[8] = 1; // unit: metre
  let off = 8;
  while (off < b.length) {
    const len = b.readUInt32BE(off);
    const type = b.toString('ascii', off + 4, off + 8);
    const end = off + 12 + len;
    if (type !== 'pHYs') parts.push(b.subarray(off, end));
    if (type === 'IHDR') parts.push(chunk('pHYs', phys));
    off = end;
  }
  return Buffer.concat(parts);
}

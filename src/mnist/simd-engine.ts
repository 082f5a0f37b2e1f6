/**
 * The first layer's training engine on WebAssembly f32x4 kernels (./simd-kernels.ts): the same two
 * loops as the float64 reference (./js-engine.ts) on float32 copies, as a float32 framework would.
 */
import type { SparseRows } from './inputs';
import type { FirstLayerEngine } from './js-engine';
import { simdKernels, simdModule, type SimdKernels } from './simd-kernels';

/** Byte layout of the SIMD engine's memory (16-byte aligned blocks). */
export class SimdLayer implements FirstLayerEngine {
  readonly v: Float32Array;
  readonly g: Float32Array;
  private readonly out: Float32Array;
  private readonly d: Float32Array;
  private readonly idx: Int32Array;
  private readonly rows: Int32Array;
  private readonly at: { v: number; g: number; out: number; d: number; idx: number; rows: number; rowPtr: number; cols: number; vals: number };

  private constructor(
    private readonly kernels: SimdKernels,
    memory: WebAssembly.Memory,
    at: SimdLayer['at'],
    private readonly p: number,
    private readonly H: number,
    batch: number,
  ) {
    const buf = memory.buffer;
    this.at = at;
    this.v = new Float32Array(buf, at.v, p * H);
    this.g = new Float32Array(buf, at.g, p * H);
    this.out = new Float32Array(buf, at.out, batch * H);
    this.d = new Float32Array(buf, at.d, batch * H);
    this.idx = new Int32Array(buf, at.idx, batch);
    this.rows = new Int32Array(buf, at.rows, p);
  }

  /** The engine for training data `x`, or null (no WebAssembly SIMD, or H not a multiple of 16). */
  static create(w1: Float64Array, x: SparseRows, H: number, batch: number): SimdLayer | null {
    if (H % 16 !== 0 || !simdModule()) return null;
    const p = x.p, nnz = x.rowPtr[x.count];
    let top = 16;
    const block = (bytes: number): number => {
      const o = top;
      top += Math.ceil(bytes / 16) * 16;
      return o;
    };
    const at = {
      v: block(4 * p * H), g: block(4 * p * H), out: block(4 * batch * H), d: block(4 * batch * H), idx: block(4 * batch), rows: block(4 * p),
      rowPtr: block(4 * (x.count + 1)), cols: block(4 * nnz), vals: block(4 * nnz),
    };
    const memory = new WebAssembly.Memory({ initial: Math.ceil(top / 65536) });
    const kernels = simdKernels(memory);
    if (!kernels) return null;
    const layer = new SimdLayer(kernels, memory, at, p, H, batch);
    const buf = memory.buffer;
    layer.v.set(w1);
    new Int32Array(buf, at.rowPtr, x.count + 1).set(x.rowPtr.subarray(0, x.count + 1));
    new Int32Array(buf, at.cols, nnz).set(x.cols.subarray(0, nnz));
    new Float32Array(buf, at.vals, nnz).set(x.vals.subarray(0, nnz));
    return layer;
  }

  forward(_x: SparseRows, idx: ArrayLike<number>, from: number, to: number, c: number, b1: Float64Array, hid: Float64Array): void {
    const n = to - from, H = this.H, at = this.at;
    for (let s = 0; s < n; s++) this.idx[s] = idx[from + s];
    this.kernels.forward(at.rowPtr, at.cols, at.vals, at.idx, n, at.v, at.out, H);
    const out = this.out;
    for (let s = 0; s < n; s++) {
      const o = s * H;
      for (let t = 0; t < H; t++) hid[o + t] = b1[t] + c * out[o + t];
    }
  }

  delta(_x: SparseRows, s: number, _i: number, act: Int32Array, dv: Float64Array, ka: number): void {
    const o = s * this.H;
    this.d.fill(0, o, o + this.H);
    for (let u = 0; u < ka; u++) this.d[o + act[u]] = dv[u];
  }

  flush(_x: SparseRows, _idx: ArrayLike<number>, from: number, to: number): void {
    const at = this.at;
    this.kernels.gradient(at.rowPtr, at.cols, at.vals, at.idx, to - from, at.g, at.d, this.H);
  }

  update(rows: Int32Array, n: number, step: number): void {
    for (let r = 0; r < n; r++) this.rows[r] = rows[r];
    this.kernels.update(this.at.rows, n, this.at.v, this.at.g, this.H, step);
  }
}


/** Whether the SIMD kernels can run here (WebAssembly SIMD) for `hidden` units (a multiple of 16). */
export function simdAvailable(hidden: number): boolean {
  return hidden % 16 === 0 && simdModule() !== null;
}

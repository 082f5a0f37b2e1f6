/**
 * Network and ridge inputs as sparse rows (compressed sparse row storage).
 *
 * MNIST images are mostly background: about 80 % of a real digit's pixels are 0, and the generator's
 * clipping at 0 zeroes the background of synthetic images too. The first layer of the network
 * (h = W₁ᵀx) and its gradient (∂L/∂W₁ = x·δᵀ) then cost O(nnz(x)·hidden) instead of O(784·hidden),
 * which is what makes 3,000-step trainings fast in plain JavaScript; the ridge Gram XᵀX likewise
 * costs O(nnz(x)²) per image.
 *
 * Input scale (./experiment.ts `InputScale`): paper mode feeds the raw 0–255 grey levels (scale 1),
 * as the authors' code does; the variant 'unit' divides by 255 (the usual ToTensor scaling).
 */

/** `count` rows of dimension p: row i's nonzeros are cols/vals[rowPtr[i] .. rowPtr[i+1]). */
export interface SparseRows {
  count: number;
  p: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
}

/** Appends dense rows one by one, keeping only nonzeros, each value multiplied by `scale`. */
export class SparseRowsBuilder {
  private cols: Int32Array;
  private vals: Float64Array;
  private ptr: number[] = [0];
  private nnz = 0;

  constructor(readonly p: number, private readonly scale = 1, capacity = 1024) {
    if (!Number.isInteger(p) || p < 1) throw new RangeError(`p must be an integer >= 1, got ${p}`);
    if (!Number.isFinite(scale)) throw new RangeError(`scale must be finite, got ${scale}`);
    this.cols = new Int32Array(Math.max(16, capacity));
    this.vals = new Float64Array(this.cols.length);
  }

  /** Appends the dense row x[offset .. offset + p). */
  push(x: ArrayLike<number>, offset = 0): void {
    const p = this.p;
    if (x.length < offset + p) throw new RangeError(`row needs ${p} values from offset ${offset}, array has ${x.length}`);
    if (this.nnz + p > this.cols.length) this.grow(this.nnz + p);
    let t = this.nnz;
    const s = this.scale;
    for (let a = 0; a < p; a++) {
      const v = x[offset + a];
      if (v !== 0) {
        if (!Number.isFinite(v)) throw new RangeError(`input value at column ${a} must be finite, got ${v}`);
        this.cols[t] = a;
        this.vals[t] = v * s;
        t++;
      }
    }
    this.nnz = t;
    this.ptr.push(t);
  }

  get count(): number {
    return this.ptr.length - 1;
  }

  build(): SparseRows {
    return {
      count: this.ptr.length - 1,
      p: this.p,
      rowPtr: Int32Array.from(this.ptr),
      cols: this.cols.slice(0, this.nnz),
      vals: this.vals.slice(0, this.nnz),
    };
  }

  private grow(min: number): void {
    const size = Math.max(min, this.cols.length * 2);
    const c = new Int32Array(size), v = new Float64Array(size);
    c.set(this.cols.subarray(0, this.nnz));
    v.set(this.vals.subarray(0, this.nnz));
    this.cols = c;
    this.vals = v;
  }
}

/** Sparse rows from `count` dense rows of length p (sample-major), scaled by `scale`. */
export function toSparseRows(x: ArrayLike<number>, count: number, p: number, scale = 1): SparseRows {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
  const b = new SparseRowsBuilder(p, scale, Math.max(16, Math.ceil(count * p * 0.3)));
  for (let i = 0; i < count; i++) b.push(x, i * p);
  return b.build();
}

/** The dense row i of sparse rows (length p). */
export function denseRow(x: SparseRows, i: number, out = new Float64Array(x.p)): Float64Array {
  out.fill(0);
  for (let t = x.rowPtr[i]; t < x.rowPtr[i + 1]; t++) out[x.cols[t]] = x.vals[t];
  return out;
}

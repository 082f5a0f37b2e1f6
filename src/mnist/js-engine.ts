/**
 * The first layer's training engine (W₁ = c·V, the forward pass Vᵀx and the gradient x·δᵀ on sparse
 * inputs): its interface, and the float64 JavaScript reference implementation. ./simd-engine.ts runs
 * the same loops as WebAssembly SIMD kernels; ./training.ts drives either.
 */
import type { SparseRows } from './inputs';
import { firstLayer } from './model';

/**
 * The first layer during a training: W₁ = c·V with V held by the engine, ∂L/∂W₁ accumulated by it.
 * `JsLayer` is the float64 reference (plain loops, below); `SimdLayer` runs the same two loops as
 * WebAssembly f32x4 kernels (./simd-kernels.ts) on float32 copies, as a float32 framework would.
 */
export interface FirstLayerEngine {
  /** V (p×H row-major) and ∂L/∂W₁ (same shape; only touched rows are nonzero). */
  readonly v: Float64Array | Float32Array;
  readonly g: Float64Array | Float32Array;
  /** hid[s·H + t] = b₁_t + c·(Vᵀx_i)_t for the rows i = idx[from + s], s < to − from. */
  forward(x: SparseRows, idx: ArrayLike<number>, from: number, to: number, c: number, b1: Float64Array, hid: Float64Array): void;
  /** Accumulates x_i·δᵀ for batch position s (row i), δ_t = dv[u] at t = act[u]. */
  delta(x: SparseRows, s: number, i: number, act: Int32Array, dv: Float64Array, ka: number): void;
  /** Called once the batch's deltas are given. */
  flush(x: SparseRows, idx: ArrayLike<number>, from: number, to: number): void;
  /** V_j ← V_j − step·G_j, then G_j ← 0, for the rows j = rows[0 .. n). */
  update(rows: Int32Array, n: number, step: number): void;
}

export class JsLayer implements FirstLayerEngine {
  constructor(readonly v: Float64Array, readonly g: Float64Array, private readonly H: number) {}

  forward(x: SparseRows, idx: ArrayLike<number>, from: number, to: number, c: number, b1: Float64Array, hid: Float64Array): void {
    for (let s = 0; s < to - from; s++) {
      const i = idx[from + s];
      firstLayer(this.v, c, b1, this.H, x.rowPtr[i], x.rowPtr[i + 1], x.cols, x.vals, hid, s * this.H);
    }
  }

  delta(x: SparseRows, _s: number, i: number, act: Int32Array, dv: Float64Array, ka: number): void {
    firstLayerGradient(this.g, this.H, x.rowPtr[i], x.rowPtr[i + 1], x.cols, x.vals, act, dv, ka);
  }

  flush(): void {}

  update(rows: Int32Array, n: number, step: number): void {
    const H = this.H, v = this.v, g = this.g;
    for (let r = 0; r < n; r++) {
      const o = rows[r] * H;
      for (let u = 0; u < H; u++) {
        v[o + u] -= step * g[o + u];
        g[o + u] = 0;
      }
    }
  }
}

/**
 * g₁[j, t] += x_j·δ_t for the nonzeros x_j of a sparse row and the ka hidden units t = act[u] with
 * δ_t = dv[u] ≠ 0 (inactive ReLUs have δ_t = 0 and are skipped): four units per pass.
 */
export function firstLayerGradient(
  g1: Float64Array, H: number, e0: number, e1: number, cols: Int32Array, vals: Float64Array,
  act: Int32Array, dv: Float64Array, ka: number,
): void {
  let u = 0;
  for (; u + 4 <= ka; u += 4) {
    const t0 = act[u], t1 = act[u + 1], t2 = act[u + 2], t3 = act[u + 3];
    const d0 = dv[u], d1 = dv[u + 1], d2 = dv[u + 2], d3 = dv[u + 3];
    for (let e = e0; e < e1; e++) {
      const v = vals[e], o = cols[e] * H;
      g1[o + t0] += v * d0; g1[o + t1] += v * d1; g1[o + t2] += v * d2; g1[o + t3] += v * d3;
    }
  }
  for (; u < ka; u++) {
    const t0 = act[u], d0 = dv[u];
    for (let e = e0; e < e1; e++) g1[cols[e] * H + t0] += vals[e] * d0;
  }
}


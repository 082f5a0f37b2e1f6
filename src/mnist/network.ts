/**
 * The 784–128–10 ReLU network of the MNIST experiment (El Firdoussi et al., Figure 7), trained with
 * the paper's recipe: softmax cross-entropy, SGD, batch 64, weight decay 1e-4, 3,000 steps, learning
 * rate warmed up linearly over 300 steps to 5e-3, then cosine-decayed to 5e-4.
 *
 * Choices the paper leaves open (stated here, used everywhere):
 * - Inputs are pixels / 255 (see ./inputs.ts); the generator works on the 0–255 scale.
 * - Initialisation: PyTorch's default for nn.Linear (kaiming_uniform_ with a = √5), i.e. weights
 *   and biases ~ U(−1/√fan_in, 1/√fan_in).
 * - SGD is plain (no momentum), with PyTorch's coupled weight decay on every parameter, biases
 *   included: θ ← θ − η_t (∇L(θ) + λθ), L the batch-mean cross-entropy.
 * - Batches: each epoch visits the training set in a fresh random order in batches of 64, the last
 *   batch of an epoch possibly smaller (DataLoader(shuffle=True, drop_last=False)); steps run on
 *   across epochs until 3,000.
 * - Schedule, step t = 0..T−1: η_t = η_max·(t+1)/W for t < W, then
 *   η_t = η_min + (η_max − η_min)·(1 + cos(π (t − W)/(T − W)))/2.
 *
 * Storage (Float64Array, flat): W₁ is p×H row-major (row j holds the weights from input j, so a
 * sparse input adds whole contiguous rows), W₂ is K×H row-major. All buffers are allocated once per
 * training; a step allocates nothing.
 */
import type { Rng } from '../random/rng';
import type { SparseRows } from './inputs';
import { simdKernels, simdModule, type SimdKernels } from './simd-kernels';

/** Weights of a one-hidden-layer ReLU network: logits z = W₂ relu(W₁ᵀx + b₁) + b₂. */
export interface Mlp {
  p: number;
  hidden: number;
  classes: number;
  /** p×hidden, row-major. */
  w1: Float64Array;
  b1: Float64Array;
  /** classes×hidden, row-major (row k: the weights into logit k). */
  w2: Float64Array;
  b2: Float64Array;
}

/** The paper's SGD recipe. */
export interface SgdSettings {
  steps: number;
  batchSize: number;
  /** η_max, reached at the end of the warm-up. */
  peakLr: number;
  /** η_min, reached at the last step. */
  finalLr: number;
  warmupSteps: number;
  /** λ of the coupled weight decay. */
  weightDecay: number;
}

/** Figure 7's settings: 3,000 steps, batch 64, warm-up 300 to 5e-3, cosine to 5e-4, λ = 1e-4. */
export const PAPER_SGD: Readonly<SgdSettings> = Object.freeze({
  steps: 3000,
  batchSize: 64,
  peakLr: 5e-3,
  finalLr: 5e-4,
  warmupSteps: 300,
  weightDecay: 1e-4,
});

/** Checks SGD settings, naming the bad one. */
export function checkSgdSettings(s: SgdSettings): void {
  const int = (name: string, v: number, min: number): void => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  };
  int('steps', s.steps, 1);
  int('batchSize', s.batchSize, 1);
  int('warmupSteps', s.warmupSteps, 0);
  if (s.warmupSteps > s.steps) throw new RangeError(`warmupSteps must be <= steps (${s.steps}), got ${s.warmupSteps}`);
  if (!(s.peakLr > 0 && Number.isFinite(s.peakLr))) throw new RangeError(`peakLr must be a finite number > 0, got ${s.peakLr}`);
  if (!(s.finalLr >= 0 && s.finalLr <= s.peakLr)) throw new RangeError(`finalLr must be in [0, peakLr = ${s.peakLr}], got ${s.finalLr}`);
  if (!(s.weightDecay >= 0 && Number.isFinite(s.weightDecay))) throw new RangeError(`weightDecay must be a finite number >= 0, got ${s.weightDecay}`);
}

/** η_t of the schedule (module comment), for step t ∈ [0, steps). */
export function learningRate(t: number, s: SgdSettings): number {
  const w = s.warmupSteps;
  if (t < w) return (s.peakLr * (t + 1)) / w;
  const span = s.steps - w;
  if (span <= 0) return s.peakLr;
  return s.finalLr + ((s.peakLr - s.finalLr) * (1 + Math.cos((Math.PI * (t - w)) / span))) / 2;
}

/** A network with PyTorch's default nn.Linear initialisation: U(−1/√fan_in, 1/√fan_in). */
export function initMlp(p: number, hidden: number, classes: number, rng: Rng): Mlp {
  for (const [name, v] of [['p', p], ['hidden', hidden], ['classes', classes]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer >= 1, got ${v}`);
  }
  if (classes < 2) throw new RangeError(`classes must be >= 2, got ${classes}`);
  const uni = (n: number, bound: number): Float64Array => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = (2 * rng.uniform() - 1) * bound;
    return a;
  };
  const b1 = 1 / Math.sqrt(p), b2 = 1 / Math.sqrt(hidden);
  return { p, hidden, classes, w1: uni(p * hidden, b1), b1: uni(hidden, b1), w2: uni(hidden * classes, b2), b2: uni(classes, b2) };
}

/** Gradients with the shapes of an Mlp's parameters. */
export interface MlpGradient {
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: Float64Array;
}

/**
 * The first layer during a training: W₁ = c·V with V held by the engine, ∂L/∂W₁ accumulated by it.
 * `JsLayer` is the float64 reference (plain loops, below); `SimdLayer` runs the same two loops as
 * WebAssembly f32x4 kernels (./simd-kernels.ts) on float32 copies, as a float32 framework would.
 */
interface FirstLayerEngine {
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

class JsLayer implements FirstLayerEngine {
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

/** Byte layout of the SIMD engine's memory (16-byte aligned blocks). */
class SimdLayer implements FirstLayerEngine {
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

/**
 * Work buffers of one training: activations of a batch, gradients, and the list of first-layer
 * rows touched by the batch (only those rows of ∂L/∂W₁ are nonzero and need updating).
 */
class Workspace {
  readonly hid: Float64Array;
  readonly prob: Float64Array;
  /** Active hidden units of the current sample and their δ. */
  readonly act: Int32Array;
  readonly dv: Float64Array;
  /** δ of the current sample over all hidden units. */
  readonly dh: Float64Array;
  /** Gradients of b₁, W₂, b₂ (the engine holds that of W₁). */
  readonly g: MlpGradient;
  readonly touched: Int32Array;
  readonly isTouched: Uint8Array;
  nTouched = 0;

  constructor(net: Mlp, batch: number, readonly layer: FirstLayerEngine) {
    this.hid = new Float64Array(batch * net.hidden);
    this.prob = new Float64Array(batch * net.classes);
    this.act = new Int32Array(net.hidden);
    this.dv = new Float64Array(net.hidden);
    this.dh = new Float64Array(net.hidden);
    this.g = {
      w1: layer.g as Float64Array,
      b1: new Float64Array(net.hidden),
      w2: new Float64Array(net.hidden * net.classes),
      b2: new Float64Array(net.classes),
    };
    this.touched = new Int32Array(net.p);
    this.isTouched = new Uint8Array(net.p);
  }

  /** Zeroes the small gradients and forgets the touched rows (the engine's update zeroed their ∂L/∂W₁). */
  clear(): void {
    for (let t = 0; t < this.nTouched; t++) this.isTouched[this.touched[t]] = 0;
    this.nTouched = 0;
    this.g.b1.fill(0);
    this.g.w2.fill(0);
    this.g.b2.fill(0);
  }
}

/**
 * Forward and backward pass of rows idx[from..to) of `x`: returns the summed cross-entropy and
 * accumulates ∂(mean CE)/∂θ into ws (the batch mean, i.e. divided by to − from); W₁ = c·V.
 */
function batchGradient(
  net: Mlp,
  x: SparseRows,
  labels: ArrayLike<number>,
  idx: ArrayLike<number>,
  from: number,
  to: number,
  ws: Workspace,
  c = 1,
): number {
  const H = net.hidden, K = net.classes;
  const { b1, w2, b2 } = net;
  const { hid, prob, act, dv, g, layer } = ws;
  const { rowPtr, cols } = x;
  const inv = 1 / (to - from);
  let loss = 0;
  // Forward.
  layer.forward(x, idx, from, to, c, b1, hid);
  for (let s = 0; s < to - from; s++) {
    const i = idx[from + s];
    const ho = s * H;
    const po = s * K;
    for (let t = 0; t < H; t++) if (hid[ho + t] < 0) hid[ho + t] = 0;
    for (let k = 0; k < K; k++) prob[po + k] = b2[k] + dotRows(w2, k * H, hid, ho, H);
    let mx = -Infinity;
    for (let k = 0; k < K; k++) if (prob[po + k] > mx) mx = prob[po + k];
    let z = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(prob[po + k] - mx);
      prob[po + k] = e;
      z += e;
    }
    const y = labels[i];
    loss += Math.log(z) - Math.log(prob[po + y]);
    // prob ← (softmax − onehot)/B: ∂(mean CE)/∂z.
    const iz = 1 / z;
    for (let k = 0; k < K; k++) prob[po + k] *= iz * inv;
    prob[po + y] -= inv;
  }
  // Backward. ∂L/∂W₂ += Δzᵀ·relu(h) over the batch, four samples per pass over ∂L/∂W₂.
  const gb1 = g.b1, g2 = g.w2, gb2 = g.b2, dh = ws.dh;
  const n = to - from;
  let s4 = 0;
  for (; s4 + 4 <= n; s4 += 4) {
    const h0 = s4 * H, h1 = h0 + H, h2 = h1 + H, h3 = h2 + H;
    for (let k = 0; k < K; k++) {
      const z0 = prob[s4 * K + k], z1 = prob[(s4 + 1) * K + k], z2 = prob[(s4 + 2) * K + k], z3 = prob[(s4 + 3) * K + k];
      const wo = k * H;
      for (let t = 0; t < H; t++) g2[wo + t] += z0 * hid[h0 + t] + z1 * hid[h1 + t] + z2 * hid[h2 + t] + z3 * hid[h3 + t];
    }
  }
  for (; s4 < n; s4++) {
    for (let k = 0; k < K; k++) {
      const z0 = prob[s4 * K + k], wo = k * H, h0 = s4 * H;
      for (let t = 0; t < H; t++) g2[wo + t] += z0 * hid[h0 + t];
    }
  }
  for (let s = 0; s < n; s++) {
    const i = idx[from + s];
    const ho = s * H, po = s * K;
    // δ = W₂ᵀΔz (two classes per pass), masked by ReLU′ below.
    dh.fill(0);
    let k = 0;
    for (; k + 2 <= K; k += 2) {
      const z0 = prob[po + k], z1 = prob[po + k + 1], w0 = k * H, w1 = w0 + H;
      gb2[k] += z0;
      gb2[k + 1] += z1;
      for (let t = 0; t < H; t++) dh[t] += z0 * w2[w0 + t] + z1 * w2[w1 + t];
    }
    for (; k < K; k++) {
      const z0 = prob[po + k], w0 = k * H;
      gb2[k] += z0;
      for (let t = 0; t < H; t++) dh[t] += z0 * w2[w0 + t];
    }
    let ka = 0;
    for (let t = 0; t < H; t++) {
      const d = dh[t];
      if (hid[ho + t] === 0 || d === 0) continue; // ReLU′ = 0
      gb1[t] += d;
      act[ka] = t;
      dv[ka] = d;
      ka++;
    }
    layer.delta(x, s, i, act, dv, ka);
    if (ka === 0) continue;
    for (let e = rowPtr[i], e1 = rowPtr[i + 1]; e < e1; e++) {
      const j = cols[e];
      if (ws.isTouched[j] === 0) {
        ws.isTouched[j] = 1;
        ws.touched[ws.nTouched++] = j;
      }
    }
  }
  layer.flush(x, idx, from, to);
  return loss;
}

/**
 * h[ho .. ho+H) = b₁ + c·Vᵀx (W₁ = c·V, see trainMlp) for the sparse row x = (cols, vals)[e0 .. e1):
 * register-blocked, eight hidden units per pass over the row's nonzeros (one load per multiply-add).
 */
function firstLayer(
  w1: Float64Array, c: number, b1: Float64Array, H: number, e0: number, e1: number,
  cols: Int32Array, vals: Float64Array, h: Float64Array, ho: number,
): void {
  let t = 0;
  for (; t + 8 <= H; t += 8) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    for (let e = e0; e < e1; e++) {
      const v = vals[e], o = cols[e] * H + t;
      a0 += v * w1[o]; a1 += v * w1[o + 1]; a2 += v * w1[o + 2]; a3 += v * w1[o + 3];
      a4 += v * w1[o + 4]; a5 += v * w1[o + 5]; a6 += v * w1[o + 6]; a7 += v * w1[o + 7];
    }
    h[ho + t] = b1[t] + c * a0; h[ho + t + 1] = b1[t + 1] + c * a1;
    h[ho + t + 2] = b1[t + 2] + c * a2; h[ho + t + 3] = b1[t + 3] + c * a3;
    h[ho + t + 4] = b1[t + 4] + c * a4; h[ho + t + 5] = b1[t + 5] + c * a5;
    h[ho + t + 6] = b1[t + 6] + c * a6; h[ho + t + 7] = b1[t + 7] + c * a7;
  }
  for (; t < H; t++) {
    let a = 0;
    for (let e = e0; e < e1; e++) a += vals[e] * w1[cols[e] * H + t];
    h[ho + t] = b1[t] + c * a;
  }
}

/**
 * g₁[j, t] += x_j·δ_t for the nonzeros x_j of a sparse row and the ka hidden units t = act[u] with
 * δ_t = dv[u] ≠ 0 (inactive ReLUs have δ_t = 0 and are skipped): four units per pass.
 */
function firstLayerGradient(
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

/** Σ_t a[ao + t]·b[bo + t], t < n (four partial sums). */
function dotRows(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let t = 0;
  for (; t + 4 <= n; t += 4) {
    s0 += a[ao + t] * b[bo + t];
    s1 += a[ao + t + 1] * b[bo + t + 1];
    s2 += a[ao + t + 2] * b[bo + t + 2];
    s3 += a[ao + t + 3] * b[bo + t + 3];
  }
  for (; t < n; t++) s0 += a[ao + t] * b[bo + t];
  return s0 + s1 + (s2 + s3);
}

function checkData(net: Mlp, x: SparseRows, labels: ArrayLike<number>): void {
  if (x.p !== net.p) throw new RangeError(`inputs have dimension ${x.p} but the network expects p = ${net.p}`);
  if (labels.length !== x.count) throw new RangeError(`labels has length ${labels.length} but there are ${x.count} inputs`);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= net.classes) throw new RangeError(`labels[${i}] must be a class 0..${net.classes - 1}, got ${y}`);
  }
}

/**
 * Mean cross-entropy of the network on rows `idx` of `x` and its gradient (dense copies): the exact
 * routine the training uses, exposed for the finite-difference test.
 */
export function mlpLossAndGradient(
  net: Mlp,
  x: SparseRows,
  labels: ArrayLike<number>,
  idx: ArrayLike<number> = Int32Array.from({ length: x.count }, (_, i) => i),
): { loss: number; gradient: MlpGradient } {
  checkData(net, x, labels);
  if (idx.length < 1) throw new RangeError('idx must select at least one input');
  const ws = new Workspace(net, idx.length, new JsLayer(net.w1, new Float64Array(net.w1.length), net.hidden));
  const loss = batchGradient(net, x, labels, idx, 0, idx.length, ws) / idx.length;
  const g = ws.g;
  return { loss, gradient: { w1: g.w1.slice(), b1: g.b1.slice(), w2: g.w2.slice(), b2: g.b2.slice() } };
}

/** Mean cross-entropy only (for finite differences). */
export function mlpLoss(net: Mlp, x: SparseRows, labels: ArrayLike<number>, idx?: ArrayLike<number>): number {
  return mlpLossAndGradient(net, x, labels, idx).loss;
}

/** What a training did. */
export interface TrainingTrace {
  steps: number;
  epochs: number;
  /** Mean cross-entropy of the last 100 steps (or all, if fewer). */
  finalLoss: number;
  /** Mean cross-entropy of the first 100 steps. */
  initialLoss: number;
  /** The first layer's implementation that ran. */
  backend: MlpBackend;
}

/** Which implementation runs the first layer: 'simd' (WebAssembly f32x4, if available) or 'js' (float64 reference). */
export type MlpBackend = 'simd' | 'js';

/** Whether the SIMD kernels can run here (WebAssembly SIMD) for `hidden` units (a multiple of 16). */
export function simdAvailable(hidden: number): boolean {
  return hidden % 16 === 0 && simdModule() !== null;
}

/**
 * Trains `net` in place on (x, labels) with the SGD recipe `s`; `rng` draws the batch order.
 * `backend` 'simd' (the default) runs the first layer's two loops as WebAssembly SIMD kernels in
 * float32 when possible (hidden a multiple of 16), otherwise the float64 reference loops; the
 * rest of the network is float64 either way.
 */
export function trainMlp(net: Mlp, x: SparseRows, labels: ArrayLike<number>, s: SgdSettings, rng: Rng, backend: MlpBackend = 'simd'): TrainingTrace {
  checkSgdSettings(s);
  checkData(net, x, labels);
  if (backend !== 'simd' && backend !== 'js') throw new RangeError(`backend must be 'simd' or 'js', got ${String(backend)}`);
  const N = x.count;
  if (N < 1) throw new RangeError('the training set is empty');
  const B = Math.min(s.batchSize, N);
  const H = net.hidden;
  const layer: FirstLayerEngine =
    (backend === 'simd' ? SimdLayer.create(net.w1, x, H, B) : null) ?? new JsLayer(net.w1, new Float64Array(net.w1.length), H);
  const ws = new Workspace(net, B, layer);
  const { b1, w2, b2 } = net;
  const v = layer.v;
  const g = ws.g;
  let order = rng.permutation(N);
  let pos = 0, epochs = 1;
  // W₁ = scale·V during the training (folded back at the end).
  let scale = 1;
  let initialSum = 0, initialCount = 0, finalSum = 0, finalCount = 0;
  const tail = Math.max(0, s.steps - 100);
  for (let step = 0; step < s.steps; step++) {
    if (pos >= N) {
      order = rng.permutation(N);
      pos = 0;
      epochs++;
    }
    const end = Math.min(pos + B, N);
    ws.clear();
    const loss = batchGradient(net, x, labels, order, pos, end, ws, scale) / (end - pos);
    pos = end;
    if (step < 100) { initialSum += loss; initialCount++; }
    if (step >= tail) { finalSum += loss; finalCount++; }
    const lr = learningRate(step, s);
    const decay = 1 - lr * s.weightDecay;
    // θ ← θ(1 − ηλ) − η∇L. For W₁ = c·V the decay is c ← c(1 − ηλ) (no pass over all of W₁), and
    // only the rows touched by the batch move: V_j ← V_j − (η/c)·∂L/∂W₁_j.
    scale *= decay;
    if (scale < 0.5) {
      for (let e = 0; e < v.length; e++) v[e] *= scale;
      scale = 1;
    }
    layer.update(ws.touched, ws.nTouched, lr / scale);
    for (let e = 0; e < b1.length; e++) b1[e] = b1[e] * decay - lr * g.b1[e];
    for (let e = 0; e < w2.length; e++) w2[e] = w2[e] * decay - lr * g.w2[e];
    for (let e = 0; e < b2.length; e++) b2[e] = b2[e] * decay - lr * g.b2[e];
  }
  for (let e = 0; e < net.w1.length; e++) net.w1[e] = v[e] * scale;
  if (!Number.isFinite(finalSum)) throw new RangeError(`training diverged (loss ${finalSum / finalCount}); lower peakLr (${s.peakLr})`);
  return { steps: s.steps, epochs, initialLoss: initialSum / initialCount, finalLoss: finalSum / finalCount, backend: layer instanceof SimdLayer ? 'simd' : 'js' };
}

/** Predicted classes (argmax of the logits) of every row of `x`. */
export function mlpPredict(net: Mlp, x: SparseRows): Uint8Array {
  if (x.p !== net.p) throw new RangeError(`inputs have dimension ${x.p} but the network expects p = ${net.p}`);
  const H = net.hidden, K = net.classes;
  const h = new Float64Array(H), z = new Float64Array(K);
  const out = new Uint8Array(x.count);
  for (let i = 0; i < x.count; i++) {
    firstLayer(net.w1, 1, net.b1, H, x.rowPtr[i], x.rowPtr[i + 1], x.cols, x.vals, h, 0);
    for (let t = 0; t < H; t++) if (h[t] < 0) h[t] = 0;
    for (let k = 0; k < K; k++) z[k] = net.b2[k] + dotRows(net.w2, k * H, h, 0, H);
    let best = 0;
    for (let k = 1; k < K; k++) if (z[k] > z[best]) best = k;
    out[i] = best;
  }
  return out;
}

/** Share of predictions equal to the labels. */
export function classificationAccuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predicted.length !== labels.length) throw new RangeError(`predicted has length ${predicted.length} but labels has ${labels.length}`);
  if (labels.length === 0) throw new RangeError('accuracy of an empty test set is undefined');
  let c = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) c++;
  return c / labels.length;
}

/**
 * Training of the MNIST network (El Firdoussi et al., Figure 7; spec figures.md): softmax
 * cross-entropy, plain SGD (no momentum) with PyTorch's coupled weight decay on every parameter,
 * biases included — θ ← θ − η_t (∇L(θ) + λθ), L the batch-mean cross-entropy — and the schedule of
 * ./schedule.ts. Batches: each pass visits the training set in a fresh random order (reshuffled
 * every pass) in batches of 64, the last batch of a pass possibly smaller
 * (DataLoader(shuffle=True, drop_last=False)); steps run on across passes until 3,000.
 *
 * All buffers are allocated once per training; a step allocates nothing.
 */
import type { Rng } from '../random/rng';
import type { SparseRows } from './inputs';
import { JsLayer, type FirstLayerEngine } from './js-engine';
import { dotRows, type Mlp, type MlpGradient } from './model';
import { checkSgdSettings, learningRate, type SgdSettings } from './schedule';
import { SimdLayer } from './simd-engine';

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


/**
 * The 784–128–10 ReLU network of the MNIST experiment (El Firdoussi et al., Figure 7): its weights,
 * PyTorch's default initialisation for nn.Linear (kaiming_uniform_ with a = √5, i.e. weights and
 * biases ~ U(−1/√fan_in, 1/√fan_in)), the forward pass on sparse inputs and the prediction.
 *
 * Storage (Float64Array, flat): W₁ is p×H row-major (row j holds the weights from input j, so a
 * sparse input adds whole contiguous rows), W₂ is K×H row-major.
 */
import type { Rng } from '../random/rng';
import type { SparseRows } from './inputs';

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
 * h[ho .. ho+H) = b₁ + c·Vᵀx (W₁ = c·V, see trainMlp) for the sparse row x = (cols, vals)[e0 .. e1):
 * register-blocked, eight hidden units per pass over the row's nonzeros (one load per multiply-add).
 */
export function firstLayer(
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

/** Σ_t a[ao + t]·b[bo + t], t < n (four partial sums). */
export function dotRows(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
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

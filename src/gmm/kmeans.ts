/**
 * k-means clustering as scikit-learn's `KMeans(n_init=1)` does it, used to initialise EM
 * (`GaussianMixture(init_params='kmeans')`): greedy k-means++ seeding (Arthur & Vassilvitskii 2007,
 * with 2 + ⌊ln k⌋ candidate centres per step, keeping the one that lowers the potential most), then
 * Lloyd iterations until the labels stop changing or the squared centre shift falls below
 * tol · (mean per-axis variance of the data), at most `maxIter` times. A cluster left empty is moved
 * to the point farthest from its centre (scikit-learn's relocation rule).
 */
import type { Rng } from '../random/rng';

export interface KMeansResult {
  /** k·d centres. */
  centers: Float64Array;
  /** Cluster of each point (n). */
  labels: Int32Array;
  /** Σ_i ‖x_i − centre(label_i)‖². */
  inertia: number;
  /** Lloyd iterations run. */
  iterations: number;
}

export interface KMeansOptions {
  /** Lloyd iteration cap (scikit-learn: 300). */
  maxIter?: number;
  /** Relative centre-shift tolerance (scikit-learn: 1e-4). */
  tol?: number;
}

function sqDist(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let a = 0; a < d; a++) {
    const t = x[i * d + a] - c[j * d + a];
    s += t * t;
  }
  return s;
}

/** Greedy k-means++ centres (k·d) for the n points of x (n·d). */
export function kmeansPlusPlus(x: Float64Array, d: number, k: number, rng: Rng): Float64Array {
  const n = x.length / d;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k-means++ needs 1 ≤ k ≤ n = ${n}, got k = ${k}`);
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  for (let a = 0; a < d; a++) centers[a] = x[first * d + a];
  const closest = new Float64Array(n);
  const cum = new Float64Array(n);
  const cand = new Float64Array(n);
  const best = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = sqDist(x, i, centers, 0, d);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cum[i] = acc;
    }
    let bestPot = Infinity;
    let bestId = -1;
    for (let t = 0; t < trials; t++) {
      let id: number;
      if (acc > 0) {
        // searchsorted(cum, u·potential): first index with cum > target
        const target = rng.uniform() * acc;
        let lo = 0, hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cum[mid] > target) hi = mid;
          else lo = mid + 1;
        }
        id = lo;
      } else {
        id = rng.int(n); // all points coincide with chosen centres
      }
      let p = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let a = 0; a < d; a++) {
          const u = x[i * d + a] - x[id * d + a];
          s += u * u;
        }
        const m = s < closest[i] ? s : closest[i];
        cand[i] = m;
        p += m;
      }
      if (p < bestPot) {
        bestPot = p;
        bestId = id;
        best.set(cand);
      }
    }
    for (let a = 0; a < d; a++) centers[c * d + a] = x[bestId * d + a];
    closest.set(best);
  }
  return centers;
}

/** k-means (k-means++ seeding, then Lloyd) of the n points of x (n·d). */
export function kmeans(x: Float64Array, d: number, k: number, rng: Rng, options: KMeansOptions = {}): KMeansResult {
  const maxIter = options.maxIter ?? 300;
  const tolRel = options.tol ?? 1e-4;
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new RangeError(`k-means maxIter must be an integer ≥ 0, got ${maxIter}`);
  if (!(tolRel >= 0)) throw new RangeError(`k-means tol must be ≥ 0, got ${tolRel}`);
  const n = x.length / d;
  const centers = kmeansPlusPlus(x, d, k, rng);
  // scikit-learn scales tol by the mean per-axis variance of the data
  let varSum = 0;
  for (let a = 0; a < d; a++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * d + a];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * d + a] - m) ** 2;
    varSum += v / n;
  }
  const tol = (varSum / d) * tolRel;
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let iterations = 0;
  assign(x, d, k, centers, labels, dist);
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      counts[l]++;
      for (let a = 0; a < d; a++) sums[l * d + a] += x[i * d + a];
    }
    // relocate empty clusters to the points farthest from their centres
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) continue;
      let far = -1, farD = -1;
      for (let i = 0; i < n; i++) {
        if (counts[labels[i]] > 1 && dist[i] > farD) {
          farD = dist[i];
          far = i;
        }
      }
      if (far < 0) continue;
      const old = labels[far];
      counts[old]--;
      for (let a = 0; a < d; a++) sums[old * d + a] -= x[far * d + a];
      labels[far] = c;
      dist[far] = 0;
      counts[c] = 1;
      for (let a = 0; a < d; a++) sums[c * d + a] = x[far * d + a];
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let a = 0; a < d; a++) {
        const nc = sums[c * d + a] / counts[c];
        shift += (nc - centers[c * d + a]) ** 2;
        centers[c * d + a] = nc;
      }
    }
    const changed = assign(x, d, k, centers, labels, dist);
    if (changed === 0 || shift <= tol) break;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist[i];
  return { centers, labels, inertia, iterations };
}

/** Assigns each point to its nearest centre; returns how many labels changed. */
function assign(x: Float64Array, d: number, k: number, centers: Float64Array, labels: Int32Array, dist: Float64Array): number {
  const n = labels.length;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    let best = 0, bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const s = sqDist(x, i, centers, c, d);
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    if (labels[i] !== best) changed++;
    labels[i] = best;
    dist[i] = bestD;
  }
  return changed;
}

/**
 * The SGD recipe of the MNIST network (El Firdoussi et al., Figure 7; spec figures.md): batch 64,
 * weight decay 1e-4 on every parameter, 3,000 steps, learning rate warmed up linearly over 300 steps
 * to 5e-3, then cosine-decayed to 5e-4. Schedule, step t = 0..T−1:
 *   η_t = η_max·(t+1)/W for t < W,   η_t = η_min + (η_max − η_min)·(1 + cos(π (t − W)/(T − W)))/2.
 */

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

/**
 * Theorem 4.2's second moment E[g²] once the quadratic forms and traces are known, shared by the
 * general setting (./general: exact eigenbasis or dense forms) and the toy setting's weighted
 * classifier (./toy: Marchenko–Pastur equivalents of the same forms). With π = n/N, the fixed
 * point (δ, δ_s), the kept share α and the signal λ of the label noise and pruning:
 *   a1 = π t1/(1+δ)², a2 = π t3/(1+δ)², b1 = α(1−π) t3/(1+δ_s)², b2 = α(1−π) t2/(1+δ_s)²,
 *   h = (1−b2)(1−a1) − a2 b1, T1 = (a1(1−b2) + a2 b1)/h, T2 = b1/(αh), E = ((1−b2)A + b1 B)/h,
 * and E[g²] = s1 + s2 + s3 as written below. `labelSq`: κ² = β, the square of the synthetic
 * labels' scale in the target (1: unweighted; ./weighted).
 */

/** The quadratic forms and traces of Theorem 4.2. */
export interface Theorem42Forms {
  /** μᵀQ̄μ, μᵀQ̄μ_β, μ_βᵀQ̄μ_β */
  qmm: number; qmb: number; qbb: number;
  /** μᵀQ̄(μμᵀ+I)Q̄μ etc.: A for (μμᵀ + I), B for (μ_βμ_βᵀ + C); suffixes mm, mb, bb */
  Amm: number; Amb: number; Abb: number;
  Bmm: number; Bmb: number; Bbb: number;
  /** (1/N)Σ 1/d², (1/N)Σ (c/d)², (1/N)Σ c/d² */
  t1: number; t2: number; t3: number;
}

/** E[g²] of Theorem 4.2 (see the module comment). */
export function theorem42SecondMoment(
  pi: number, alpha: number, lambda: number, delta: number, deltaS: number, f: Theorem42Forms, labelSq = 1,
): number {
  const od = 1 + delta, os = 1 + deltaS;
  const a1 = (pi * f.t1) / (od * od);
  const a2 = (pi * f.t3) / (od * od);
  const b1 = (alpha * (1 - pi) * f.t3) / (os * os);
  const b2 = (alpha * (1 - pi) * f.t2) / (os * os);
  const h = (1 - b2) * (1 - a1) - a2 * b1;
  const T1 = (a1 * (1 - b2) + a2 * b1) / h;
  const T2 = b1 / (alpha * h);
  const Emm = ((1 - b2) * f.Amm + b1 * f.Bmm) / h;
  const Emb = ((1 - b2) * f.Amb + b1 * f.Bmb) / h;
  const Ebb = ((1 - b2) * f.Abb + b1 * f.Bbb) / h;
  const cm = pi / od, cb = (lambda * (1 - pi)) / os;
  const s1 = cm * cm * Emm + cb * cb * Ebb + (2 * lambda * pi * (1 - pi) * Emb) / (od * os);
  const s2 = T1 * (1 - (2 * pi * f.qmm) / od - (2 * lambda * (1 - pi) * f.qmb) / os);
  const s3 = T2 * (labelSq * alpha - (2 * (1 - pi) * lambda * lambda * f.qbb) / os - (2 * lambda * pi * f.qmb) / od);
  return s1 + s2 + s3;
}

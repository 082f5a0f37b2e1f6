/**
 * The published test accuracies of Figure 7 (El Firdoussi et al.), as read from the CSV shipped in
 * data/fig7-published.csv (columns panel, series, epsilon, rho, phi, stats, m_per_class,
 * test_accuracy_pct). Parsing only: the file is read at the edge (../data/mnist-loader.ts).
 */

export interface PublishedAccuracy {
  panel: 'label-noise' | 'feature-noise';
  series: string;
  epsilon: number;
  rho: number;
  phi: number;
  /** 'all', 'identity' or the n_use as a string. */
  stats: string;
  m: number;
  accuracyPct: number;
}

const HEADER = ['panel', 'series', 'epsilon', 'rho', 'phi', 'stats', 'm_per_class', 'test_accuracy_pct'];

/** Parses the published-accuracy CSV; a malformed line is a RangeError naming its number. */
export function parseFig7Published(csv: string): PublishedAccuracy[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new RangeError('published CSV is empty');
  const head = lines[0].split(',').map((s) => s.trim());
  if (head.join(',') !== HEADER.join(',')) throw new RangeError(`published CSV header must be "${HEADER.join(',')}", got "${head.join(',')}"`);
  return lines.slice(1).map((line, i) => {
    const f = line.split(',').map((s) => s.trim());
    const num = (j: number): number => {
      const v = Number(f[j]);
      if (f[j] === '' || !Number.isFinite(v)) throw new RangeError(`published CSV line ${i + 2}: ${HEADER[j]} must be a number, got "${f[j]}"`);
      return v;
    };
    if (f.length !== HEADER.length) throw new RangeError(`published CSV line ${i + 2} has ${f.length} fields, expected ${HEADER.length}`);
    if (f[0] !== 'label-noise' && f[0] !== 'feature-noise') throw new RangeError(`published CSV line ${i + 2}: panel must be label-noise or feature-noise, got "${f[0]}"`);
    return { panel: f[0], series: f[1], epsilon: num(2), rho: num(3), phi: num(4), stats: f[5], m: num(6), accuracyPct: num(7) };
  });
}

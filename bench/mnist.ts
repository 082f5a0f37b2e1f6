/**
 * `npm run bench -- mnist`: Figure 7 of El Firdoussi et al. in paper mode at its defaults — the full
 * MNIST, both panels, seven series, m ∈ {0, 25, 50, 125, 500, 750}, 3,000 SGD steps of batch 64,
 * network and ridge, 3 seeds — on worker threads (SYNTHRMT_BENCH_THREADS, default 2). The m = 0
 * training is shared by the seven series, so a seed is 36 trainings. Target: < 10 minutes on the
 * 2-core machine.
 *
 * First: loading the 60,000 + 10,000 images (idx parsing, sha256 checks, grouping by class) and
 * fitting the class statistics of the four generators (all images, n_use = 100, n_use = 10,
 * identity), then the time per training step of three representative trainings run alone on this
 * thread (300 steps each), and the time to build each training set.
 * The machine is shared: wall times are printed with the CPU time of this process (all its threads,
 * process.cpuUsage) and the load average. The figure's accuracies are compared with the published
 * ones (the acceptance criteria of issue 10). SYNTHRMT_BENCH_MNIST_QUICK=1 skips the whole figure;
 * SYNTHRMT_BENCH_MNIST_SEEDS overrides the number of seeds.
 */
import { loadavg } from 'node:os';
import { loadMnistSplit } from '../src/data/mnist-loader';
import { fig7, type Fig7Data } from '../src/figures/fig7-mnist-accuracy';
import { MNIST_CLASSES, MNIST_PIXELS } from '../src/mnist/data';
import { buildTrainingSet, classGenerator, testInputs, type GeneratorSpec, type TrainingJob } from '../src/mnist/experiment';
import { fitRidgeClassifier } from '../src/mnist/ridge';
import { initMlp } from '../src/mnist/model';
import { PAPER_SGD } from '../src/mnist/schedule';
import { trainMlp } from '../src/mnist/training';
import { workerExecutor } from '../src/parallel/pool';
import { figureData } from '../src/data/figure-data';
import { Rng } from '../src/random/rng';
import { mark, since } from './lib/timing';


export async function run(): Promise<void> {
  const threads = Number(process.env.SYNTHRMT_BENCH_THREADS ?? 2);
  const load0 = loadavg()[0];
  let t = mark();
  const split = loadMnistSplit();
  console.log(`load 60,000 + 10,000 images (idx, sha256, group by class): ${since(t)}`);
  t = mark();
  testInputs(split.test, 'raw');
  console.log(`test inputs (sparse rows): ${since(t)}`);
  const gens: [string, GeneratorSpec][] = [['all images', { kind: 'estimated', nUse: 0 }], ['n_use = 100', { kind: 'estimated', nUse: 100 }], ['n_use = 10', { kind: 'estimated', nUse: 10 }], ['identity', { kind: 'identity' }]];
  for (const [label, g] of gens) {
    t = mark();
    for (let k = 0; k < MNIST_CLASSES; k++) classGenerator(split, k, g);
    console.log(`class statistics, ${label}, 10 classes: ${since(t)}`);
  }

  const steps = 300;
  const settings = { n: 50, hidden: 128, sgd: { ...PAPER_SGD }, ridgeGamma: 1, inputs: 'raw' as const, prunePerClass: false };
  const cases: [string, number, GeneratorSpec][] = [
    ['real only (n = 50/class)', 0, { kind: 'estimated', nUse: 0 }],
    ['m = 750/class, best statistics', 750, { kind: 'estimated', nUse: 0 }],
    ['m = 750/class, identity covariance', 750, { kind: 'identity' }],
  ];
  for (const [label, m, generator] of cases) {
    const job: TrainingJob = { seed: 1, seedIndex: 0, m, epsilon: 0, rho: 0, phi: 1, generator, settings };
    t = mark();
    const data = buildTrainingSet(split, job);
    const build = since(t);
    const rng = new Rng(1);
    const net = initMlp(MNIST_PIXELS, 128, MNIST_CLASSES, rng);
    let t0 = performance.now();
    trainMlp(net, data.x, data.labels, { ...PAPER_SGD, steps, warmupSteps: 30 }, rng);
    const perStep = (performance.now() - t0) / steps;
    t0 = performance.now();
    fitRidgeClassifier(data.x, data.labels, 1);
    const ridge = performance.now() - t0;
    const nnz = data.x.vals.length / data.x.count;
    console.log(
      `${label}: N = ${data.x.count}, ${nnz.toFixed(0)} nonzero pixels/image; build (generator fit + draws) ${build}, ` +
        `${perStep.toFixed(2)} ms/step (3000 steps: ${((perStep * 3000) / 1000).toFixed(1)} s), ridge ${(ridge / 1000).toFixed(2)} s`,
    );
  }
  if (process.env.SYNTHRMT_BENCH_MNIST_QUICK === '1') return;

  const seeds = Number(process.env.SYNTHRMT_BENCH_MNIST_SEEDS ?? fig7.defaults.seeds);
  const params = { ...fig7.defaults, seeds };
  t = mark();
  const data: Fig7Data = await fig7.compute(params, { executor: workerExecutor({ threads }), data: figureData });
  fig7.spec(data, params);
  console.log(
    `fig7 (paper mode, both panels, network + ridge, ${seeds} seeds: ${data.trainings} trainings of ${params.steps} steps, ${threads} threads, ` +
      `${data.testImages} test images): ${since(t)}  [target < 600 s wall]`,
  );
  console.log(`load average (1 min) before/after: ${load0.toFixed(2)} / ${loadavg()[0].toFixed(2)}`);
  console.log(fig7Acceptance(data).join('\n'));
}

/** The acceptance checks of issue 10 on a Figure 7 run, as printable lines. */
export function fig7Acceptance(data: Fig7Data): string[] {
  const lines: string[] = [];
  for (const model of ['network', 'ridge'] as const) {
    for (const s of data.series) {
      const row = data.points.filter((p) => p.series === s.name && p.model === model)
        .map((p) => `${p.m}:${p.meanPct.toFixed(1)}±${p.sdPct.toFixed(1)}${p.publishedPct !== null ? `(${p.publishedPct.toFixed(1)})` : ''}`);
      lines.push(`  ${model} ${s.name}: ${row.join('  ')}`);
    }
  }
  const net = data.points.filter((p) => p.model === 'network' && p.publishedPct !== null);
  const diffs = net.map((p) => Math.abs(p.meanPct - (p.publishedPct as number)));
  const at = (s: string, m: number) => data.points.find((p) => p.model === 'network' && p.series === s && p.m === m)?.meanPct ?? NaN;
  const mMax = 750;
  const base = at('oracle', 0);
  lines.push(`network vs published: mean |diff| ${(diffs.reduce((a, b) => a + b, 0) / diffs.length).toFixed(2)} points over ${diffs.length} points (target <= 2.5), max ${Math.max(...diffs).toFixed(2)}`);
  lines.push(`oracle@750 − real-only = ${(at('oracle', mMax) - base).toFixed(2)} (>= 8); best@750 − real-only = ${(at('best', mMax) - base).toFixed(2)} (>= 8); ` +
    `|none@750 − real-only| = ${Math.abs(at('none', mMax) - base).toFixed(2)} (<= 5); best ${at('best', mMax).toFixed(2)} > weak ${at('weak', mMax).toFixed(2)} > very weak ${at('very-weak', mMax).toFixed(2)}`);
  return lines;
}

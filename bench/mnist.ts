/**
 * `npm run bench -- mnist`: Figure 7 of El Firdoussi et al. at the paper's settings — both panels,
 * seven series, m ∈ {0, 25, 50, 125, 500, 750}, 3,000 SGD steps of batch 64 — for one seed, on
 * worker threads (SYNTHRMT_BENCH_THREADS, default 2). The m = 0 training is shared by the seven
 * series, so one seed is 36 trainings (the paper's 42 points). Target: < 10 minutes on the
 * 2-core machine.
 *
 * First, the time per training step of three representative trainings run alone on this thread
 * (300 steps each: real data only; m = 750 from the "best" generator; m = 750 from the identity
 * generator, whose noise makes every input dense), and the time to build each training set.
 * Other processes on the machine slow everything down: the load average is printed with the times.
 * SYNTHRMT_BENCH_MNIST_QUICK=1 skips the whole-figure run.
 */
import { loadavg } from 'node:os';
import { loadMnistSplit } from '../src/data/mnist-loader';
import { fig7, type Fig7Data } from '../src/figures/fig7-mnist-accuracy';
import { MNIST_CLASSES, MNIST_PIXELS } from '../src/mnist/data';
import { buildTrainingSet, testInputs, type GeneratorSpec, type TrainingJob } from '../src/mnist/experiment';
import { fitRidgeClassifier } from '../src/mnist/ridge';
import { initMlp, PAPER_SGD, trainMlp } from '../src/mnist/network';
import { workerExecutor } from '../src/parallel/pool';
import { figureData } from '../src/data/figure-data';
import { Rng } from '../src/random/rng';

export async function run(): Promise<void> {
  const threads = Number(process.env.SYNTHRMT_BENCH_THREADS ?? 2);
  const load0 = loadavg()[0];
  let t0 = performance.now();
  const split = loadMnistSplit(200, 0);
  testInputs(split.test);
  console.log(`load digits + split: ${((performance.now() - t0) / 1000).toFixed(2)} s`);

  const steps = 300;
  const settings = { n: 50, hidden: 128, sgd: { ...PAPER_SGD }, ridgeGamma: 1 };
  const cases: [string, number, GeneratorSpec][] = [
    ['real only (n = 50/class)', 0, { kind: 'estimated', nUse: 0 }],
    ['m = 750/class, best statistics', 750, { kind: 'estimated', nUse: 0 }],
    ['m = 750/class, identity covariance', 750, { kind: 'identity' }],
  ];
  for (const [label, m, generator] of cases) {
    const job: TrainingJob = { seed: 1, seedIndex: 0, m, epsilon: 0, rho: 0, phi: 1, generator, settings };
    t0 = performance.now();
    const data = buildTrainingSet(split, job);
    const build = performance.now() - t0;
    const rng = new Rng(1);
    const net = initMlp(MNIST_PIXELS, 128, MNIST_CLASSES, rng);
    t0 = performance.now();
    trainMlp(net, data.x, data.labels, { ...PAPER_SGD, steps, warmupSteps: 30 }, rng);
    const perStep = (performance.now() - t0) / steps;
    t0 = performance.now();
    fitRidgeClassifier(data.x, data.labels, 1);
    const ridge = performance.now() - t0;
    const nnz = data.x.vals.length / data.x.count;
    console.log(
      `${label}: N = ${data.x.count}, ${nnz.toFixed(0)} nonzero pixels/image; build ${(build / 1000).toFixed(2)} s, ` +
        `${perStep.toFixed(2)} ms/step (3000 steps: ${((perStep * 3000) / 1000).toFixed(1)} s), ridge ${(ridge / 1000).toFixed(2)} s`,
    );
  }
  if (process.env.SYNTHRMT_BENCH_MNIST_QUICK === '1') return;

  const params = { ...fig7.defaults, seeds: 1 };
  t0 = performance.now();
  const data: Fig7Data = await fig7.compute(params, { executor: workerExecutor({ threads }), data: figureData });
  const total = performance.now() - t0;
  fig7.spec(data, params);
  console.log(
    `fig7 (paper settings, both panels, 1 seed: ${data.trainings} trainings of ${params.steps} steps, ${threads} threads): ` +
      `${(total / 1000).toFixed(1)} s  [target < 600 s]; ${(total / (data.trainings * params.steps)).toFixed(2)} ms per training step (wall, all threads)`,
  );
  console.log(`load average (1 min) before/after: ${load0.toFixed(2)} / ${loadavg()[0].toFixed(2)}`);
  for (const model of ['network', 'ridge'] as const) {
    for (const s of data.series) {
      const row = data.points.filter((p) => p.series === s.name && p.model === model).map((p) => `${p.m}:${p.meanPct.toFixed(1)}`);
      console.log(`  ${model} ${s.name}: ${row.join('  ')}`);
    }
  }
}

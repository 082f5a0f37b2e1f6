/**
 * `npm run bench -- figures`: Figures 1–4 of El Firdoussi et al. at the paper's parameters,
 * simulation included (Figure 3: 3 p × 2 panels × 50 points × 10 draws), on 2 worker threads.
 * Prints each figure's compute time and the total; the target is < 60 s on the 2-core machine.
 * Other processes on the machine slow it down: the load average is printed with the times.
 */
import { loadavg } from 'node:os';
import { fig1 } from '../src/figures/fig1-marchenko-pastur';
import { fig2 } from '../src/figures/fig2-fixed-points';
import { fig3, type Fig3Data } from '../src/figures/fig3-accuracy';
import { fig4 } from '../src/figures/fig4-phase-transition';
import type { FigureDef } from '../src/figures/figure-def';
import { workerExecutor } from '../src/parallel/pool';
import { elapsed, mark } from './lib/timing';

export async function run(): Promise<void> {
  const threads = Number(process.env.SYNTHRMT_BENCH_THREADS ?? 2);
  const executor = workerExecutor({ threads });
  const load0 = loadavg()[0];
  const times: [string, number][] = [];
  let fig3Data: Fig3Data | undefined;
  let cpuTotal = 0;
  for (const def of [fig1, fig2, fig3, fig4] as FigureDef<any, any>[]) {
    const t0 = mark();
    const data = await def.compute(def.defaults, { executor });
    const { wallMs: ms, cpuMs } = elapsed(t0);
    cpuTotal += cpuMs;
    // the spec is part of making the figure
    def.spec(data, def.defaults);
    times.push([def.name, ms]);
    if (def.name === 'fig3') fig3Data = data as Fig3Data;
    console.log(`${def.name}: ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s)`);
  }
  const total = times.reduce((s, [, ms]) => s + ms, 0);
  console.log(`total (figures 1-4, paper parameters, ${threads} threads): ${(total / 1000).toFixed(2)} s  [target < 60 s]; CPU ${(cpuTotal / 1000).toFixed(1)} s`);
  console.log(`load average (1 min) before/after: ${load0.toFixed(2)} / ${loadavg()[0].toFixed(2)}`);
  if (fig3Data) {
    const a = fig3Data.agreement;
    console.log(
      `fig3 agreement: max |sim - theory| = ${a.maxAbsDiff?.toFixed(4)} = ${a.maxAbsZ?.toFixed(1)} s.e. at p=${a.at?.p} ${a.at?.panel} s=${a.at?.share}; ` +
        `mean |z| ${a.meanAbsZ?.toFixed(2)}, within 2 s.e. ${((a.within2 ?? 0) * 100).toFixed(0)}%, within 3 s.e. ${((a.within3 ?? 0) * 100).toFixed(0)}%`,
    );
  }
}

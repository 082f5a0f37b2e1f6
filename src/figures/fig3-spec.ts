/** Figure 3's themed Vega-Lite specification (see ./fig3-accuracy.ts). */
import type { TopLevelSpec } from 'vega-lite';
import { figureSpec, panelRow, theorySimulationPanel, type PanelFrame, type PlotRow } from '../plot/lines';
import { panelWidth } from '../plot/theme';
import type { Fig3Data } from './fig3-data';
import type { Fig3Params } from './fig3-params';

const PANEL_TITLES: Record<string, string> = { oracle: 'Oracle supervision', weak: 'Weak supervision' };

/** Theory lines and simulation points (± 1 sd of the draws), one panel per supervision, one colour per p. */
export function fig3Spec(data: Fig3Data, _params?: Fig3Params): TopLevelSpec {
  const labels = data.series.map((s) => String(s.p));
  let lo = Infinity, hi = -Infinity;
  const panelNames = data.series[0]?.panels.map((p) => p.name) ?? [];
  const width = panelWidth('double', 2, 120);
  const frames = panelNames.map((name, c) => {
    const pd = data.series[0].panels[c];
    return {
      width,
      height: 150,
      title: `${PANEL_TITLES[name] ?? name} (ρ, φ) = (${pd.rho}, ${pd.phi})`,
      x: { field: 'share', title: 'Proportion of synthetic data m/(n+m)', domain: [0, 1] as [number, number], format: '.1f' },
      y: { field: 'accuracy', title: data.accuracy === 'signed' ? 'Test accuracy (signed)' : 'Test accuracy', format: '.3f' },
      series: { field: 'p', title: 'p', domain: labels },
    } satisfies PanelFrame;
  });
  const theory: PlotRow[][] = panelNames.map(() => []);
  const sim: PlotRow[][] = panelNames.map(() => []);
  data.series.forEach((s, k) => {
    s.panels.forEach((pnl, c) => {
      data.share.forEach((share, j) => {
        const x = data.realShare[j];
        theory[c].push({ share: x, accuracy: pnl.theory[j], p: labels[k], m: data.m[j], epsilon: s.epsilon[j] });
        lo = Math.min(lo, pnl.theory[j]);
        hi = Math.max(hi, pnl.theory[j]);
        if (pnl.simMean.length) {
          const mean = pnl.simMean[j], sd = pnl.simSd[j];
          sim[c].push({ share: x, sim: mean, low: mean - sd, high: mean + sd, sd, theory: pnl.theory[j], p: labels[k], m: data.m[j], epsilon: s.epsilon[j] });
          lo = Math.min(lo, mean - sd);
          hi = Math.max(hi, mean + sd);
        }
      });
    });
  });
  // one y range for both panels (the paper shares the y axis), padded by 2% of the span
  const pad = 0.02 * Math.max(hi - lo, 1e-3);
  const domain: [number, number] = [lo - pad, hi + pad];
  const panels = frames.map((f, c) => {
    const frame: PanelFrame = { ...f, y: { ...f.y, domain, labels: c === 0 } };
    return theorySimulationPanel(frame, theory[c], sim[c], {
      low: 'low',
      high: 'high',
      simulationField: 'sim',
      dash: c === 0 ? undefined : [6, 2, 1, 2],
      tooltip: ['m', 'epsilon', 'sim', 'sd', 'theory'],
    });
  });
  return figureSpec(panelRow(panels, { sharedY: true }), 'double', {
    description: `Figure 3: test accuracy vs proportion of synthetic data; lines: toy-setting theory (${data.pruning} pruning formulas); diamonds: simulation mean over ${data.draws} draws with ±1 sd bars`,
  });
}

/**
 * Edge (render service, browser side): the script of reports/explorer.html, bundled by esbuild
 * (../explorer.ts) with the project's theory (./model → src/rmt) and vega-embed into one inline
 * script. Compiled only by esbuild, type-checked with DOM types by ./tsconfig.json (the main
 * tsconfig.json excludes this file: the Node build has no DOM).
 *
 * Every control's `input` and `change` event recomputes every view (./model, synchronously) and
 * redraws them (vega-embed, SVG). Vega runs with its CSP-safe expression interpreter (`ast: true`,
 * vega-interpreter), so the page needs no 'unsafe-eval'.
 *
 * `window.synthrmtExplorer`: `data()` → `{rows}` (one row per plotted theory point, see ./model),
 * `errors()` → the views' error messages, `updates()` → how many redraws have finished, and
 * `idle()` → a promise settled when no redraw is pending.
 */
import embed, { type Result, type VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import {
  CONTROL_NAMES, computeExplorer, parseControl, type Controls, type ExplorerResult, type Row, type ViewName, type ViewResult,
} from './model';

interface ExplorerApi {
  data(): { rows: Row[] };
  errors(): string[];
  updates(): number;
  idle(): Promise<void>;
}

declare global {
  interface Window {
    synthrmtExplorer: ExplorerApi;
  }
}

const VIEWS: ViewName[] = ['share', 'epsilon', 'weight'];

const X_TITLE: Record<ViewName, string> = {
  share: 'synthetic share m/(n+m)',
  epsilon: 'label noise ε',
  weight: 'weight β of the synthetic samples',
};

const Y_TITLE: Record<ViewName, string> = {
  share: 'test accuracy (signed)',
  epsilon: 'signed test accuracy',
  weight: 'test accuracy (signed)',
};

type Layer = Record<string, unknown>;

/** The Vega-Lite specification of one view (inline data only: nothing is loaded). */
function viewSpec(v: ViewResult): VisualizationSpec {
  const theory = v.rows.filter((r) => r.series === 'theory').map((r) => ({ x: r.x, accuracy: r.accuracy }));
  const xScale = v.view === 'weight' ? { type: 'log' } : { zero: false };
  const layers: Layer[] = [
    {
      data: { values: theory },
      mark: { type: 'line', point: { size: 12 }, tooltip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: X_TITLE[v.view], scale: xScale },
        y: { field: 'accuracy', type: 'quantitative', title: Y_TITLE[v.view], scale: { zero: false } },
      },
    },
  ];
  for (const m of v.markers) {
    const datum = { ...m };
    if (m.x !== undefined) {
      layers.push({ data: { values: [datum] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#c0392b' }, encoding: { x: { field: 'x', type: 'quantitative' } } });
    }
    if (m.y !== undefined && m.x === undefined) {
      layers.push({ data: { values: [datum] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { y: { field: 'y', type: 'quantitative' } } });
    }
    if (m.x !== undefined && m.y !== undefined) {
      layers.push({ data: { values: [datum] }, mark: { type: 'point', filled: true, size: 60, color: '#c0392b' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } });
    }
    layers.push({
      data: { values: [datum] },
      mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#333' },
      encoding: {
        ...(m.x !== undefined ? { x: { field: 'x', type: 'quantitative' } } : { x: { value: 4 } }),
        ...(m.y !== undefined ? { y: { field: 'y', type: 'quantitative' } } : { y: { value: 10 } }),
        text: { field: 'label' },
      },
    });
  }
  return { width: 340, height: 220, layer: layers, config: { font: 'system-ui, sans-serif' } } as unknown as VisualizationSpec;
}

const form = document.getElementById('controls') as HTMLFormElement;
const status = document.getElementById('status') as HTMLElement;

function readControls(): Controls {
  const out: Record<string, unknown> = {};
  for (const name of CONTROL_NAMES) {
    const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    if (!el) throw new Error(`the page has no control named ${name}`);
    out[name] = parseControl(name, el.value);
  }
  return out as unknown as Controls;
}

let result: ExplorerResult = { views: { share: emptyView('share'), epsilon: emptyView('epsilon'), weight: emptyView('weight') } };
let controlError: string | undefined;
let finished = 0;

function emptyView(view: ViewName): ViewResult {
  return { view, rows: [], markers: [] };
}

/** Recomputes every view from the controls (synchronous: `data()` is current right after an event). */
function recompute(): void {
  let controls: Controls;
  try {
    controls = readControls();
    controlError = undefined;
  } catch (e) {
    controlError = e instanceof Error ? e.message : String(e);
    result = { views: { share: emptyView('share'), epsilon: emptyView('epsilon'), weight: emptyView('weight') } };
    return;
  }
  result = computeExplorer(controls);
  for (const name of CONTROL_NAMES) {
    const out = form.querySelector(`output[for="${name}"]`);
    if (out) out.textContent = String(controls[name]);
  }
  const nHat = form.elements.namedItem('nHat') as HTMLInputElement;
  nHat.disabled = controls.model !== 'toy';
}

const embedded = new Map<ViewName, Result>();

async function draw(): Promise<void> {
  status.textContent = controlError ?? '';
  await Promise.all(
    VIEWS.map(async (name) => {
      const v = result.views[name];
      const fig = document.getElementById(`view-${name}`) as HTMLElement;
      const chart = fig.querySelector('.chart') as HTMLElement;
      const note = fig.querySelector('.note') as HTMLElement;
      note.textContent = v.error ? `not computed: ${v.error}` : (v.note ?? '');
      note.classList.toggle('error', v.error !== undefined);
      embedded.get(name)?.finalize();
      embedded.delete(name);
      chart.textContent = '';
      if (v.rows.length === 0) return;
      const res = await embed(chart, viewSpec(v), { actions: false, renderer: 'svg', ast: true, expr: expressionInterpreter });
      embedded.set(name, res);
    }),
  );
}

// Redraws are serialised; events that arrive during one coalesce into the next.
let running: Promise<void> | null = null;
let dirty = false;

function schedule(): Promise<void> {
  dirty = true;
  if (!running) {
    running = (async () => {
      while (dirty) {
        dirty = false;
        try {
          await draw();
        } catch (e) {
          status.textContent = `drawing failed: ${e instanceof Error ? e.message : String(e)}`;
        }
        finished++;
      }
      running = null;
    })();
  }
  return running;
}

function onControl(): void {
  recompute();
  void schedule();
}

form.addEventListener('input', onControl);
form.addEventListener('change', onControl);
form.addEventListener('submit', (e) => e.preventDefault());

window.synthrmtExplorer = {
  data: () => ({ rows: VIEWS.flatMap((v) => result.views[v].rows.map((r) => ({ ...r, params: { ...r.params } }))) }),
  errors: () => [...(controlError ? [controlError] : []), ...VIEWS.flatMap((v) => (result.views[v].error ? [`${v}: ${result.views[v].error}`] : []))],
  updates: () => finished,
  idle: () => running ?? Promise.resolve(),
};

onControl();

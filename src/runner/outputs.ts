/**
 * Edge: turning a cell's iopub messages into nbformat outputs, as nbclient does
 * (stream, display_data, update_display_data, execute_result, error, clear_output), plus the one
 * thing tslab does differently from ipykernel: it sends no `error` message. A failing cell's
 * exception (or its TypeScript diagnostics) is printed with `console.error` to the cell's stderr
 * stream and the `execute_reply` has status "error" without ename/evalue. So, for a failed cell,
 * the trailing stderr text that tslab wrote is turned into a proper `error` output
 * {ename, evalue, traceback} in its place (see `errorFromTslabText`).
 */
import type { JupyterMessage } from './messaging';
import { mergeStreams, sourceText, type ErrorOutput, type Output } from '../io/nbformat';

/** One diagnostic line of tslab's compiler: `[file ]line:col - message`. */
const DIAGNOSTIC = /^(?:\S+ )?\d+:\d+ - /;
/** The `Name: message` line of a printed JavaScript error (`RangeError: …`, `Error [ERR_X]: …`). */
const ERROR_LINE = /^([A-Za-z_$][\w$]*)(?: \[[\w.-]+\])?: ?(.*)$/;
/** Stack frames of the kernel's own machinery, dropped from tracebacks. */
const INTERNAL_FRAME = /^\s+at .*(node:vm|node:internal|[\\/]node_modules[\\/]tslab[\\/]|sigintHandlersWrap)/;

/**
 * The error tslab printed, as an nbformat error output. Compile errors (`line:col - message`
 * diagnostics) get ename "TSError"; a thrown Error its class name and message; any other thrown
 * value ename "Error" and its printed form.
 */
export function errorFromTslabText(text: string): ErrorOutput {
  const lines = text.replace(/\s+$/, '').split('\n');
  if (lines.length > 0 && lines.every((l) => DIAGNOSTIC.test(l))) {
    return { output_type: 'error', ename: 'TSError', evalue: lines.join('; '), traceback: lines };
  }
  // Node prefixes errors thrown from vm code with "file:line\n<source line>\n^\n\n".
  let start = 0;
  if (/^evalmachine\.<anonymous>:\d+$/.test(lines[0] ?? '')) {
    const blank = lines.indexOf('', 1);
    if (blank > 0) start = blank + 1;
  }
  const body = lines.slice(start);
  const first = body.findIndex((l) => ERROR_LINE.test(l));
  if (first >= 0 && (first === 0 || !body.slice(0, first).some((l) => /^\s+at /.test(l)))) {
    const m = ERROR_LINE.exec(body[first])!;
    const msg = [m[2]];
    for (const l of body.slice(first + 1)) {
      if (/^\s+at /.test(l)) break;
      msg.push(l);
    }
    const evalue = msg.join('\n').trim();
    const traceback = lines.filter((l) => !INTERNAL_FRAME.test(l));
    return { output_type: 'error', ename: m[1], evalue, traceback };
  }
  const printed = body.join('\n').trim();
  return { output_type: 'error', ename: 'Error', evalue: printed.split('\n')[0] ?? '', traceback: body };
}

function isStderr(m: JupyterMessage): boolean {
  return m.header.msg_type === 'stream' && (m.content as { name?: string }).name === 'stderr';
}

/**
 * For a failed tslab cell: the index range [from, to) of the trailing stderr messages that hold
 * tslab's error report — the last message, or the run of trailing diagnostic lines.
 */
export function tslabErrorSpan(msgs: JupyterMessage[]): [number, number] | null {
  const outputTypes = new Set(['stream', 'display_data', 'execute_result', 'error', 'update_display_data']);
  let last = msgs.length - 1;
  while (last >= 0 && !outputTypes.has(msgs[last].header.msg_type)) last--;
  if (last < 0 || !isStderr(msgs[last])) return null;
  const text = (m: JupyterMessage): string => String((m.content as { text?: unknown }).text ?? '');
  let from = last;
  if (DIAGNOSTIC.test(text(msgs[last]))) {
    while (from - 1 >= 0 && isStderr(msgs[from - 1]) && DIAGNOSTIC.test(text(msgs[from - 1]))) from--;
  }
  return [from, last + 1];
}

/**
 * Per-notebook output state: `update_display_data` may update a display shown by an earlier
 * cell, so display ids are tracked across the notebook, as nbclient does.
 */
export class OutputBuilder {
  private readonly displays = new Map<string, { data: Record<string, unknown>; metadata: Record<string, unknown> }[]>();

  /**
   * The nbformat outputs of one cell from its iopub messages. With `failed` (the reply's status
   * was "error" and the kernel sent no `error` message), tslab's printed error becomes an error
   * output.
   */
  cellOutputs(msgs: JupyterMessage[], failed: boolean): Output[] {
    let span: [number, number] | null = null;
    if (failed && !msgs.some((m) => m.header.msg_type === 'error')) span = tslabErrorSpan(msgs);
    let outputs: Output[] = [];
    let clearPending = false;
    const push = (o: Output): void => {
      if (clearPending) {
        outputs = [];
        clearPending = false;
      }
      outputs.push(o);
    };
    msgs.forEach((m, i) => {
      if (span && i >= span[0] && i < span[1]) {
        if (i === span[1] - 1) {
          const text = msgs.slice(span[0], span[1]).map((x) => String((x.content as { text?: unknown }).text ?? '')).join('');
          push(errorFromTslabText(text));
        }
        return;
      }
      const c = m.content as Record<string, any>;
      switch (m.header.msg_type) {
        case 'stream':
          push({ output_type: 'stream', name: c.name === 'stderr' ? 'stderr' : 'stdout', text: sourceText(c.text ?? '') });
          break;
        case 'display_data': {
          const o: Output = { output_type: 'display_data', data: c.data ?? {}, metadata: c.metadata ?? {} };
          const id = c.transient?.display_id;
          if (typeof id === 'string') {
            const list = this.displays.get(id) ?? [];
            list.push(o);
            this.displays.set(id, list);
          }
          push(o);
          break;
        }
        case 'update_display_data': {
          const id = c.transient?.display_id;
          for (const o of (typeof id === 'string' && this.displays.get(id)) || []) {
            o.data = c.data ?? {};
            o.metadata = c.metadata ?? {};
          }
          break;
        }
        case 'execute_result':
          push({ output_type: 'execute_result', data: c.data ?? {}, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null });
          break;
        case 'error':
          push({ output_type: 'error', ename: String(c.ename ?? 'Error'), evalue: String(c.evalue ?? ''), traceback: Array.isArray(c.traceback) ? c.traceback.map(String) : [] });
          break;
        case 'clear_output':
          if (c.wait) clearPending = true;
          else outputs = [];
          break;
        default:
          break; // execute_input, comm messages…: not outputs
      }
    });
    return mergeStreams(outputs);
  }
}

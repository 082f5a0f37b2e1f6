/**
 * Edge: emitting one Jupyter `display_data` MIME bundle from notebook code, the same way in
 * Jupyter and in `synthrmt run`.
 *
 * tslab's public `display` API sends one MIME type per output and no metadata, so a bundle with a
 * text/plain fallback (what Jupyter front ends and exporters expect) goes through the function
 * tslab itself uses behind that API: `lastWriteDisplayData` of tslab's `dist/jupyter.js`, set by
 * the kernel at the start of every execution. It is found in Node's module cache rather than by
 * `require("tslab")`, so it is the copy of tslab that runs the kernel — whichever that is (this
 * repository's node_modules, a global install, npx) — and not whatever copy this file would
 * resolve. Outside a kernel (plain node), the bundle's text/plain is printed instead.
 */

export type MimeBundle = Record<string, unknown>;

type WriteDisplayData = (content: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

const JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/** The running tslab kernel's display writer, or null when not inside a tslab execution. */
export function kernelDisplayWriter(): WriteDisplayData | null {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!mod || !JUPYTER_MODULE.test(file)) continue;
    const w = (mod.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof w === 'function') return w as WriteDisplayData;
  }
  return null;
}

/** Shows `data` (MIME type → content; binary content as base64 strings) with optional metadata. */
export function displayBundle(data: MimeBundle, metadata: Record<string, unknown> = {}): void {
  const write = kernelDisplayWriter();
  if (write) {
    write({ data, metadata, transient: {} }, false);
    return;
  }
  const text = data['text/plain'] ?? data['text/markdown'] ?? `[${Object.keys(data).join(', ')}]`;
  process.stdout.write(String(text) + '\n');
}

/**
 * Edge: small HTML helpers for the report renderer: escaping, ANSI stripping, JSON embedded in
 * a page, and the templating used by templates/ (`{{name}}` escaped, `{{{name}}}` raw HTML).
 */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

/** Removes ANSI escape sequences (colours, cursor moves) from terminal text. */
export function stripAnsi(s: string): string {
  // CSI sequences, OSC sequences (ended by BEL or ST), and lone two-character escapes.
  return s.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g, '');
}

/**
 * Applies carriage returns as a terminal would (a progress bar rewriting its line leaves only
 * its last state).
 */
export function applyCarriageReturns(s: string): string {
  return s
    .split('\n')
    .map((line) => {
      const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
      const k = trimmed.lastIndexOf('\r');
      return k < 0 ? trimmed : trimmed.slice(k + 1);
    })
    .join('\n');
}

/** JSON safe to place inside <script type="application/json">: no `<` can end the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const PLACEHOLDER = /\{\{\{\s*([A-Za-z_]\w*)\s*\}\}\}|\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

/** Names used by a template: `{{x}}` (escaped) and `{{{x}}}` (raw). */
export function templateNames(template: string): { escaped: Set<string>; raw: Set<string> } {
  const escaped = new Set<string>(), raw = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m[1] !== undefined) raw.add(m[1]);
    else escaped.add(m[2]);
  }
  return { escaped, raw };
}

/**
 * Fills a template: `{{name}}` is replaced by the HTML-escaped value, `{{{name}}}` by the value as
 * is (HTML built by the renderer). A name without a value is an error naming it.
 */
export function fillTemplate(template: string, values: Record<string, string>, templateName = 'template'): string {
  return template.replace(PLACEHOLDER, (_m, raw: string | undefined, esc: string | undefined) => {
    const name = (raw ?? esc) as string;
    const v = values[name];
    if (v === undefined) {
      throw new RangeError(`${templateName} uses {{${name}}}, which is not defined; defined: ${Object.keys(values).sort().join(', ')}`);
    }
    return raw !== undefined ? v : escapeHtml(v);
  });
}

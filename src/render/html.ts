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

/**
 * The Content-Security-Policy of every published page. Scripts: only those carrying this
 * build's nonce (the renderer's own `<script src>` tags; none on pages without interactive
 * figures), so `<script>`, `onerror=`/`onload=` handlers and `javascript:` links in a notebook's
 * raw HTML never run. Nothing is loaded from outside the report: images, fonts and media from the
 * report itself ('self') or data:/blob: URLs, styles inline or from the report, no fetch/XHR
 * (vega's `data.url`), no frames, plugins, forms or `<base>`. Inline styles stay allowed so
 * harmless raw HTML keeps its look. vega runs without `eval` (vega-interpreter), so no
 * 'unsafe-eval' is needed.
 */
export function contentSecurityPolicy(nonce: string | null): string {
  return [
    "default-src 'none'",
    nonce ? `script-src 'nonce-${nonce}'` : "script-src 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * `html` with the policy as the first element of its <head> (before anything it governs), so it
 * applies whatever template the page came from.
 */
export function withCsp(html: string, nonce: string | null): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce))}">`;
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + `\n${meta}` + html.slice(head.index + head[0].length);
  return `${meta}\n${html}`;
}

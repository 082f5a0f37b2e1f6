/**
 * Edge helper: a list of records as an HTML table (every value escaped), a Markdown table and an
 * aligned plain-text table, for `showTable`.
 */
import { escapeHtml } from '../render/html';

export interface TableOptions {
  caption?: string;
  /** Significant digits of non-integer numbers (default 4). */
  digits?: number;
}

/** Escapes text for HTML element content and attribute values (the renderer's escaping). */
export { escapeHtml };

/** A cell value as text: integers in full, other numbers to `digits` significant digits. */
export function formatValue(v: unknown, digits = 4): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
    return String(Number(v.toPrecision(digits)));
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return `[${Array.from(v as unknown as ArrayLike<number>, (x) => formatValue(x, digits)).join(', ')}]`;
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, digits)).join(', ')}]`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Columns in order of first appearance. */
export function tableColumns(rows: Record<string, unknown>[]): string[] {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  return cols;
}

function numericColumn(rows: Record<string, unknown>[], col: string): boolean {
  return rows.every((r) => r[col] === undefined || r[col] === null || typeof r[col] === 'number');
}

export function tableHtml(rows: Record<string, unknown>[], opts: TableOptions = {}): string {
  const cols = tableColumns(rows);
  const num = cols.map((c) => numericColumn(rows, c));
  const align = (i: number): string => (num[i] ? ' style="text-align:right"' : '');
  const head = cols.map((c, i) => `<th${align(i)}>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${cols.map((c, i) => `<td${align(i)}>${escapeHtml(formatValue(r[c], opts.digits))}</td>`).join('')}</tr>`)
    .join('\n');
  const caption = opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>\n` : '';
  return `<table class="synthrmt-table">\n${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function tableMarkdown(rows: Record<string, unknown>[], opts: TableOptions = {}): string {
  const cols = tableColumns(rows);
  // Markdown renderers pass raw HTML through: escape it, and the table syntax's own characters.
  const cell = (s: string): string => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = [
    `| ${cols.map(cell).join(' | ')} |`,
    `| ${cols.map((c) => (numericColumn(rows, c) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => cell(formatValue(r[c], opts.digits))).join(' | ')} |`),
  ];
  return (opts.caption ? `${cell(opts.caption)}\n\n` : '') + lines.join('\n');
}

export function tablePlain(rows: Record<string, unknown>[], opts: TableOptions = {}): string {
  const cols = tableColumns(rows);
  const cells = rows.map((r) => cols.map((c) => formatValue(r[c], opts.digits).replace(/\r?\n/g, ' ')));
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const num = cols.map((c) => numericColumn(rows, c));
  const fmt = (vals: string[]): string => vals.map((v, i) => (num[i] ? v.padStart(width[i]) : v.padEnd(width[i]))).join('  ').trimEnd();
  return [...(opts.caption ? [opts.caption] : []), fmt(cols), width.map((w) => '-'.repeat(w)).join('  '), ...cells.map(fmt)].join('\n');
}

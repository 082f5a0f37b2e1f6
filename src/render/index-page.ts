/**
 * Edge: the parts of index.html beyond the contents table — the reproduction scorecard at its top
 * (./scorecard.ts: each check's title, numbers and ✔/✘) and a thumbnail of each notebook's figures
 * (their SVG as data: URLs, so the page loads nothing else and its Content-Security-Policy holds).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from './html';
import { checkNumbers, type Check } from './scorecard';

/** The scorecard table (an empty string without checks). */
export function scorecardHtml(checks: Check[]): string {
  if (checks.length === 0) return '';
  const failed = checks.filter((c) => !c.passed).length;
  const rows = checks.map(
    (c) =>
      `<tr class="${c.passed ? 'pass' : 'fail'}" id="check-${escapeHtml(c.id)}"><td class="mark" aria-label="${c.passed ? 'passed' : 'failed'}">${c.passed ? '✔' : '✘'}</td>` +
      `<td><div class="check-title">${escapeHtml(c.title)}</div><div class="check-detail">${escapeHtml(c.detail)}</div><div class="check-source">${escapeHtml(c.source)} · <code>${escapeHtml(c.id)}</code></div></td>` +
      `<td class="num">${escapeHtml(checkNumbers(c))}<div class="check-unit">${escapeHtml(c.unit)}</div></td></tr>`,
  );
  return (
    `<section class="scorecard"><h2>Reproduction scorecard</h2>` +
    `<p class="scorecard-summary">${checks.length - failed} of ${checks.length} checks pass${failed ? `, <strong>${failed} fail${failed === 1 ? 's' : ''}</strong>` : ''} ` +
    `(<code>synthrmt check</code> prints the same).</p>` +
    `<table class="scorecard-table"><thead><tr><th></th><th>Check</th><th class="num">Measured vs tolerance</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

/** Thumbnails of figures `stems` (files in `figureDir`), linking to the notebook's page. */
export function thumbnailsHtml(notebookStem: string, stems: string[], figureDir: string): string {
  const imgs = stems
    .filter((f) => existsSync(join(figureDir, `${f}.svg`)))
    .map((f) => {
      const svg = readFileSync(join(figureDir, `${f}.svg`));
      return `<a href="${escapeHtml(encodeURIComponent(notebookStem))}.html"><img class="thumb" alt="${escapeHtml(f)}" title="${escapeHtml(f)}" src="data:image/svg+xml;base64,${svg.toString('base64')}"></a>`;
    });
  return imgs.length ? `<div class="thumbs">${imgs.join('')}</div>` : '';
}

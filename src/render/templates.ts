/**
 * Edge: report templates. A template is a directory holding
 *   page.html   one notebook's page (also the frame of the combined PDF document),
 *   index.html  the contents page,
 *   style.css   inlined into every page after KaTeX's and highlight.js's stylesheets.
 * Templates are plain HTML with `{{name}}` (escaped text) and `{{{name}}}` (HTML made by the
 * renderer) placeholders; the names each file may use are listed below. A template that lacks a
 * file, lacks a required placeholder or uses an unknown one is rejected with a message naming it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../io/errors';
import { templateNames } from './html';

/** The template shipped with synthrmt (templates/default at the repository root). */
export const DEFAULT_TEMPLATE_DIR = resolve(__dirname, '..', '..', '..', 'templates', 'default');

export const TEMPLATE_FILES = ['page.html', 'index.html', 'style.css'] as const;

/** Placeholders each HTML template may use; `raw` ones must be written `{{{name}}}`. */
const NAMES = {
  'page.html': { text: ['title', 'generator', 'builtAt'], raw: ['styles', 'scripts', 'body'], required: ['styles', 'body'] },
  'index.html': { text: ['title', 'generator', 'builtAt', 'summary'], raw: ['styles', 'scorecard', 'contents', 'downloads'], required: ['styles', 'contents'] },
} as const;

export interface Template {
  dir: string;
  page: string;
  index: string;
  css: string;
}

function check(file: keyof typeof NAMES, text: string, dir: string): void {
  const spec = NAMES[file];
  const { escaped, raw } = templateNames(text);
  const where = join(dir, file);
  const allText = new Set<string>(spec.text), allRaw = new Set<string>(spec.raw);
  for (const n of escaped) {
    if (allRaw.has(n)) throw new UsageError(`template ${where}: {{${n}}} holds HTML; write it {{{${n}}}}`);
    if (!allText.has(n)) throw new UsageError(`template ${where} uses unknown placeholder {{${n}}}; allowed: ${[...spec.text].map((x) => `{{${x}}}`).concat([...spec.raw].map((x) => `{{{${x}}}}`)).join(', ')}`);
  }
  for (const n of raw) {
    if (!allRaw.has(n) && !allText.has(n)) throw new UsageError(`template ${where} uses unknown placeholder {{{${n}}}}; allowed: ${[...spec.text].map((x) => `{{${x}}}`).concat([...spec.raw].map((x) => `{{{${x}}}}`)).join(', ')}`);
    if (allText.has(n)) throw new UsageError(`template ${where}: {{{${n}}}} is text; write it {{${n}}} so that it is escaped`);
  }
  for (const n of spec.required) {
    if (!raw.has(n)) throw new UsageError(`template ${where} lacks the required placeholder {{{${n}}}}`);
  }
}

/** Reads and validates the template in `dir`. */
export function loadTemplate(dir: string = DEFAULT_TEMPLATE_DIR): Template {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new UsageError(`template directory ${dir} does not exist; a template is a directory with ${TEMPLATE_FILES.join(', ')} (see templates/default)`);
  }
  const missing = TEMPLATE_FILES.filter((f) => !existsSync(join(abs, f)));
  if (missing.length) {
    throw new UsageError(`template directory ${dir} lacks ${missing.join(', ')}; a template needs ${TEMPLATE_FILES.join(', ')} (see templates/default)`);
  }
  const page = readFileSync(join(abs, 'page.html'), 'utf8');
  const index = readFileSync(join(abs, 'index.html'), 'utf8');
  const css = readFileSync(join(abs, 'style.css'), 'utf8');
  check('page.html', page, dir);
  check('index.html', index, dir);
  return { dir: abs, page, index, css };
}

/**
 * Edge: a markdown-it plugin typesetting TeX math with KaTeX at build time.
 *
 * - `$…$` inline math, with pandoc's rules so prices and stray dollars stay text: the opening `$`
 *   is not followed by a space, the closing one not preceded by a space nor followed by a digit.
 * - `$$…$$` display math, as a block (its own lines, may span several, may interrupt a paragraph)
 *   or inside a paragraph.
 * - `\$` is a literal dollar (markdown-it's escape rule); inside math, `\$` does not close it.
 * - Math is cut out of the text before emphasis is parsed, so `$a_1 * b_2$` is never emphasis.
 * Math that KaTeX cannot parse is shown as its source in a red box and reported in
 * `env.mathErrors`, so the build can say so.
 */
import katex from 'katex';
import type MarkdownIt from 'markdown-it';
import { escapeHtml } from './html';

/** What the renderer collects while rendering one document. */
export interface MathEnv {
  /** Macros defined with \gdef / \newcommand persist across one notebook. */
  katexMacros?: Record<string, string>;
  /** TeX that failed to parse: source and KaTeX's message. */
  mathErrors?: { tex: string; message: string }[];
}

/** Typesets TeX (HTML + MathML), without any external URL in the markup. */
export function renderTex(tex: string, displayMode: boolean, env: MathEnv = {}): string {
  try {
    const html = katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      strict: 'ignore',
      output: 'htmlAndMathml',
      trust: false,
      macros: (env.katexMacros ??= {}),
    });
    // The HTML parser places <math> in the MathML namespace itself: the declaration is noise.
    return html.replace(/ xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"/g, '');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    (env.mathErrors ??= []).push({ tex, message });
    const cls = displayMode ? 'math-error math-error-display' : 'math-error';
    return `<span class="${cls}" title="${escapeHtml(message)}">${escapeHtml(displayMode ? `$$${tex}$$` : `$${tex}$`)}</span>`;
  }
}

const DOLLAR = 0x24, BACKSLASH = 0x5c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Index of the `$` (or `$$` when `double`) closing math opened before `from`, or -1. */
function findClose(src: string, from: number, max: number, double: boolean): number {
  for (let i = from; i < max; i++) {
    const c = src.charCodeAt(i);
    if (c === BACKSLASH) {
      i++; // skip the escaped character (\$, \\, \{ …)
      continue;
    }
    if (c !== DOLLAR) continue;
    if (double) {
      if (src.charCodeAt(i + 1) === DOLLAR) return i;
      continue;
    }
    if (src.charCodeAt(i + 1) === DOLLAR) {
      i++; // a $$ inside $…$ cannot close it
      continue;
    }
    const before = src.charCodeAt(i - 1);
    const after = src.charCodeAt(i + 1);
    if (isSpace(before)) continue;
    if (after >= 0x30 && after <= 0x39) continue; // "$5 and $6" are prices
    return i;
  }
  return -1;
}

function mathInline(state: MarkdownIt.StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== DOLLAR) return false;
  const double = src.charCodeAt(pos + 1) === DOLLAR;
  const start = pos + (double ? 2 : 1);
  if (start >= posMax) return false;
  if (!double && isSpace(src.charCodeAt(start))) return false;
  const close = findClose(src, start, posMax, double);
  if (close < 0 || close === start) return false;
  if (!silent) {
    const token = state.push(double ? 'math_display_inline' : 'math_inline', 'math', 0);
    token.markup = double ? '$$' : '$';
    token.content = src.slice(start, close);
  }
  state.pos = close + (double ? 2 : 1);
  return true;
}

function mathBlock(state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false; // indented code
  if (pos + 2 > max || state.src.charCodeAt(pos) !== DOLLAR || state.src.charCodeAt(pos + 1) !== DOLLAR) return false;
  pos += 2;
  let first = state.src.slice(pos, max).trim();
  let content: string;
  let line = startLine;
  if (first.endsWith('$$') && first.length >= 2) {
    // One-line display: $$ … $$ and nothing after it (else the inline rule handles it).
    first = first.slice(0, -2);
    if (findClose(first, 0, first.length, true) >= 0) return false;
    content = first;
  } else {
    const lines = [first];
    let closed = false;
    for (line = startLine + 1; line < endLine; line++) {
      pos = state.bMarks[line] + state.tShift[line];
      max = state.eMarks[line];
      if (pos < max && state.sCount[line] < state.blkIndent) break; // outdented: the block ended
      const text = state.src.slice(pos, max).trim();
      if (text.endsWith('$$')) {
        lines.push(text.slice(0, -2));
        closed = true;
        break;
      }
      lines.push(text);
    }
    if (!closed) return false;
    content = lines.join('\n');
  }
  if (silent) return true;
  state.line = line + 1;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content.trim();
  token.markup = '$$';
  token.map = [startLine, state.line];
  return true;
}

/** The markdown-it plugin: `md.use(mathPlugin)`. Pass a MathEnv as markdown-it's `env`. */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, idx, _o, env: MathEnv) => renderTex(tokens[idx].content, false, env);
  md.renderer.rules.math_display_inline = (tokens, idx, _o, env: MathEnv) => renderTex(tokens[idx].content, true, env);
  md.renderer.rules.math_block = (tokens, idx, _o, env: MathEnv) =>
    `<div class="math-display">${renderTex(tokens[idx].content, true, env)}</div>\n`;
}

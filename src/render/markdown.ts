/**
 * Edge: Markdown → HTML for the reports (markdown-it + the KaTeX math plugin of ./math.ts), and
 * syntax highlighting of code with highlight.js.
 */
import MarkdownIt from 'markdown-it';
import type { HLJSApi } from 'highlight.js';
import { escapeHtml } from './html';
import { mathPlugin, type MathEnv } from './math';

// highlight.js's core with only the languages the reports show (its package types the main entry only).
const hljs = require('highlight.js/lib/core') as HLJSApi;
for (const lang of ['typescript', 'javascript', 'json', 'bash', 'python', 'plaintext']) {
  hljs.registerLanguage(lang, require(`highlight.js/lib/languages/${lang}`));
}

/** Highlighted HTML of `code` (TypeScript unless another known language is named). */
export function highlightCode(code: string, language = 'typescript'): string {
  const lang = hljs.getLanguage(language) ? language : undefined;
  if (!lang) return escapeHtml(code);
  return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
}

/** What one Markdown rendering collects (math macros/errors, notebook cell attachments). */
export interface MarkdownEnv extends MathEnv {
  /** Jupyter cell attachments: name → MIME bundle (`attachment:name` image sources). */
  attachments?: Record<string, Record<string, string | string[]>>;
}

/**
 * A Markdown renderer. `html: true` lets raw HTML through (the notebooks' own Markdown cells);
 * `html: false` escapes it (Markdown produced by running code).
 */
export function createMarkdown(options: { html: boolean }): MarkdownIt {
  const md = new MarkdownIt({
    html: options.html,
    linkify: false,
    typographer: true,
    highlight: (code, lang) => (lang && hljs.getLanguage(lang) ? highlightCode(code, lang) : ''),
  });
  md.use(mathPlugin);
  const image = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, opts, env: MarkdownEnv, self) => {
    const token = tokens[idx];
    const src = token.attrGet('src') ?? '';
    if (src.startsWith('attachment:')) {
      const bundle = env.attachments?.[decodeURIComponent(src.slice('attachment:'.length))];
      const mime = bundle && Object.keys(bundle).find((k) => k.startsWith('image/'));
      if (bundle && mime) {
        const data = bundle[mime];
        const body = Array.isArray(data) ? data.join('') : data;
        token.attrSet('src', mime === 'image/svg+xml' ? `data:${mime};base64,${Buffer.from(body).toString('base64')}` : `data:${mime};base64,${body.replace(/\s+/g, '')}`);
      }
    }
    return image ? image(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
  };
  return md;
}

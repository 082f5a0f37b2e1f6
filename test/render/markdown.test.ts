/** The markdown-it + KaTeX math plugin, the HTML helpers and the interactive-spec transformation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdown, highlightCode } from '../../src/render/markdown';
import type { MathEnv } from '../../src/render/math';
import { applyCarriageReturns, escapeHtml, fillTemplate, jsonForScript, stripAnsi } from '../../src/render/html';
import { interactiveSpec } from '../../src/render/vega-interactive';

const md = createMarkdown({ html: true });
const mdSafe = createMarkdown({ html: false });
const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

test('inline $…$ and display $$…$$ (block, multi-line, inside a paragraph)', () => {
  assert.equal(count(md.render('a $x^2$ and $y$'), /class="katex"/g), 2);
  const block = md.render('Before\n$$\n\\int_0^1 f(x)\\,dx\n$$\nafter');
  assert.match(block, /<div class="math-display"><span class="katex-display">/);
  assert.match(block, /<p>Before<\/p>/, 'a display block interrupts the paragraph');
  assert.match(md.render('$$ a = b $$'), /math-display/);
  assert.match(md.render('text $$a=b$$ more'), /<p>text <span class="katex-display">/);
});

test('dollars that are not math stay text: prices, spaces, escapes, code', () => {
  for (const src of ['costs $5 and $6', 'a $ b $ c', 'escaped \\$x\\$ here', 'code `$x$` span', 'lone $ sign']) {
    assert.doesNotMatch(md.render(src), /katex/, src);
  }
  assert.match(md.render('escaped \\$x\\$ here'), /escaped \$x\$ here/);
  assert.match(md.render('code `$x$` span'), /<code>\$x\$<\/code>/);
});

test('math is not parsed as markdown: underscores, asterisks, backslashes', () => {
  const html = md.render('$a_1 * b_2 * c_3$ and $\\{x\\}$ and $f_*$ and *emph*');
  assert.doesNotMatch(html, /<em>[^<]*(b_2|c_3)/);
  assert.equal(count(html, /<em>/g), 1);
  assert.equal(count(html, /class="katex"/g), 3);
  assert.match(html, /<mo stretchy="false">\{<\/mo>/, '\\{ reaches KaTeX as a brace');
});

test('bad TeX is shown as source in a marked box and reported', () => {
  const env: MathEnv = {};
  const html = md.render('ok $x$ bad $\\frac{1}{$ end', env);
  assert.match(html, /<span class="math-error" title="[^"]*">\$\\frac\{1\}\{\$<\/span>/);
  assert.equal(env.mathErrors?.length, 1);
  assert.equal(env.mathErrors?.[0].tex, '\\frac{1}{');
});

test('macros defined with \\gdef persist within one document', () => {
  const env: MathEnv = {};
  md.render('$\\gdef\\R{\\mathbb{R}}$', env);
  const html = md.render('$x \\in \\R$', env);
  assert.deepEqual(env.mathErrors ?? [], []);
  assert.match(html, /mathbb|𝕂|ℝ/);
});

test('raw HTML passes in notebook Markdown, is escaped in Markdown produced by code', () => {
  assert.match(md.render('<b>bold</b>'), /<b>bold<\/b>/);
  assert.match(mdSafe.render('<script>alert(1)</script>'), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('TypeScript highlighting escapes the code', () => {
  const html = highlightCode('const a: string = "<b>";');
  assert.match(html, /<span class="hljs-keyword">const<\/span>/);
  assert.match(html, /&lt;b&gt;/);
  assert.doesNotMatch(html, /<b>/);
});

test('HTML helpers: escaping, ANSI, carriage returns, JSON in <script>, templates', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(stripAnsi('\u001b[1;31mError\u001b[0m: \u001b]8;;file\u0007x\u001b]8;;\u0007'), 'Error: x');
  assert.equal(applyCarriageReturns('10%\r50%\r100%\ndone\r\n'), '100%\ndone\n');
  const j = jsonForScript({ s: '</script><script>alert(1)</script>' });
  assert.doesNotMatch(j, /</);
  assert.deepEqual(JSON.parse(j), { s: '</script><script>alert(1)</script>' });
  assert.equal(fillTemplate('<h1>{{t}}</h1>{{{b}}}', { t: '<x>', b: '<i>y</i>' }), '<h1>&lt;x&gt;</h1><i>y</i>');
  assert.throws(() => fillTemplate('{{nope}}', { t: '' }, 'page.html'), /page\.html uses \{\{nope\}\}, which is not defined; defined: t/);
});

test('interactive spec: no $schema/usermeta, tooltips, zoom bound to scales where x and y are continuous', () => {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    usermeta: { synthrmtData: [1] },
    hconcat: [
      { mark: 'line', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } },
      { mark: 'bar', encoding: { x: { field: 'c', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } },
      { encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } }, layer: [{ mark: 'line' }, { mark: 'point' }] },
    ],
  };
  const out = interactiveSpec(spec) as { hconcat: { params?: unknown[]; layer?: { params?: unknown[] }[] }[]; config: { mark: { tooltip: boolean } } };
  assert.equal('$schema' in out, false);
  assert.equal('usermeta' in out, false);
  assert.equal(out.config.mark.tooltip, true);
  assert.equal(out.hconcat[0].params?.length, 1);
  assert.equal(out.hconcat[1].params, undefined, 'no zoom on a nominal axis');
  assert.equal(out.hconcat[2].layer?.[0].params?.length, 1, 'one selection per layered view');
  assert.equal(out.hconcat[2].layer?.[1].params, undefined);
  assert.equal('$schema' in spec, true, 'the input is not modified');
  const own = interactiveSpec({ mark: 'point', params: [{ name: 'p', select: 'point' }], encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } });
  assert.deepEqual(own.params, [{ name: 'p', select: 'point' }], "the author's params are kept, no zoom added");
});

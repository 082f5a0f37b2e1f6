/**
 * Text widths for Vega layout (src/render/font-metrics.ts, on opentype.js): properties of the
 * installed DejaVu faces, and the advance widths against chromium's own text measurement of the
 * same font files (the browser that prints the figures), on printable ASCII and the Greek letters
 * and symbols the figures use.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dejaVuFace, parseTrueType, textWidth } from '../../src/render/font-metrics';
import { openBrowser } from '../../src/render/pdf';
import { SKIP_PDF } from './helpers';

const DIR = process.env.SYNTHRMT_FONT_DIR ?? '/usr/share/fonts/truetype/dejavu';
const FILES = ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf', 'DejaVuSans.ttf', 'DejaVuSansMono.ttf'];
const SKIP_FONTS: false | string = FILES.every((f) => existsSync(join(DIR, f))) ? false : `DejaVu fonts not in ${DIR} (apt-get install -y fonts-dejavu-core fonts-dejavu-extra)`;

const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const GREEK_AND_SYMBOLS = 'αβγδεηθκλμπρσφχΣΦΔ−≥≤√→←∂∈≈≠∝∞–';

test('advance widths: a monospace face is monospace, a missing glyph is undefined, widths add up', { skip: SKIP_FONTS }, () => {
  const mono = parseTrueType(readFileSync(join(DIR, 'DejaVuSansMono.ttf')));
  const widths = new Set([...ASCII].map((ch) => mono.advance(ch.codePointAt(0)!)));
  assert.equal(widths.size, 1, `one advance for every ASCII character: ${[...widths]}`);
  const w = [...widths][0]!;
  assert.ok(w > 0.5 && w < 0.7, `DejaVu Sans Mono advance ${w} em`);
  const serif = dejaVuFace('DejaVu Serif, serif', false, false)!;
  assert.equal(serif.advance(0x10fffd), undefined, 'a private-use code point the face lacks');
  const a = serif.advance(0x41)!, b = serif.advance(0x3b2)!;
  assert.ok(Math.abs(textWidth('Aβ', 12, 'DejaVu Serif, serif') - 12 * (a + b)) < 1e-12);
  assert.ok(dejaVuFace('serif', true, false)!.advance(0x6d)! > serif.advance(0x6d)!, 'bold m is wider than regular m');
});

test('advance widths agree with chromium measuring the same font files', { skip: SKIP_FONTS || SKIP_PDF, timeout: 60_000 }, async () => {
  const size = 1000;
  const chars = [...ASCII, ...GREEK_AND_SYMBOLS];
  const b = await openBrowser();
  try {
    const page = await b.browser.newPage();
    for (const file of FILES) {
      const bytes = readFileSync(join(DIR, file)).toString('base64');
      const measured = await page.evaluate(
        async (b64: string, chars: string[], size: number) => {
          const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const face = new FontFace('UnderTest', bin.buffer);
          await face.load();
          const fonts = document.fonts as unknown as Set<FontFace>; // FontFaceSet is a set-like (dom.iterable)
          fonts.add(face);
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = `${size}px UnderTest`;
          const out = chars.map((c) => ctx.measureText(c).width);
          fonts.delete(face);
          return out;
        },
        bytes,
        chars,
        size,
      );
      const face = parseTrueType(readFileSync(join(DIR, file)));
      chars.forEach((ch, i) => {
        const ours = face.advance(ch.codePointAt(0)!);
        assert.ok(ours !== undefined, `${file} has a glyph for ${ch}`);
        // chromium keeps advances in 1/64 px: at 1000 px per em that is 1.6e-5 em
        assert.ok(Math.abs(ours * size - measured[i]) <= 1 / 64, `${file} "${ch}": ours ${ours * size} px, chromium ${measured[i]} px`);
      });
    }
  } finally {
    await b.close();
  }
});

/**
 * Edge: text widths for laying out Vega figures in Node without a canvas.
 *
 * Vega measures text with a canvas when it has one; in Node it falls back to 0.8 em per
 * character, far too wide for a serif face, which leaves gaps beside axis titles and legends.
 * The figures are set in DejaVu Serif (src/plot/theme.ts) and the browser that prints them uses
 * the same installed TrueType files, so we read each glyph's advance width from those files
 * (opentype.js: the 'cmap' and 'hmtx' tables) and give Vega exact widths. Without the font
 * files, a per-character estimate of a serif face is used instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'opentype.js';

/** Advance widths of one TrueType face, in em units. */
export interface FontFace {
  /** Width in em of one character (code point), or undefined if the face lacks it. */
  advance(codePoint: number): number | undefined;
}

/** Reads a TrueType file's advance widths (glyphs are parsed lazily, on first use). */
export function parseTrueType(buf: Buffer): FontFace {
  const font = parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), { lowMemory: true });
  const cache = new Map<number, number | undefined>();
  return {
    advance(cp: number): number | undefined {
      if (!cache.has(cp)) {
        const g = font.charToGlyphIndex(String.fromCodePoint(cp));
        const w = g === 0 ? undefined : font.glyphs.get(g).advanceWidth;
        cache.set(cp, w === undefined ? undefined : w / font.unitsPerEm);
      }
      return cache.get(cp);
    },
  };
}

/** Width in em of common characters of a Times-like serif, for when no font file is found. */
function estimateAdvance(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (ch === ' ') return 0.25;
  if (/[il.,:;'!|]/.test(ch)) return 0.28;
  if (/[fjrt()[\]\-]/.test(ch)) return 0.36;
  if (/[mwMW]/.test(ch)) return 0.86;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[0-9]/.test(ch)) return 0.5;
  return 0.52;
}

const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu',
  '/usr/local/share/fonts',
  '/Library/Fonts',
];

type Style = 'regular' | 'bold' | 'italic' | 'bolditalic';
const faces = new Map<string, FontFace | null>();

function fileName(family: 'Serif' | 'Sans' | 'SansMono', style: Style): string {
  const suffix = { regular: '', bold: '-Bold', italic: family === 'Serif' ? '-Italic' : '-Oblique', bolditalic: family === 'Serif' ? '-BoldItalic' : '-BoldOblique' }[style];
  return `DejaVu${family}${suffix}.ttf`;
}

/** The DejaVu face closest to a CSS font-family list and style, or null when not installed. */
export function dejaVuFace(fontFamily: string, bold: boolean, italic: boolean): FontFace | null {
  const first = (fontFamily.split(',')[0] ?? '').toLowerCase();
  const family = /mono|courier/.test(first) ? 'SansMono' : /sans|helvetica|arial/.test(first) ? 'Sans' : 'Serif';
  const style: Style = bold && italic ? 'bolditalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
  const key = `${family}/${style}`;
  if (!faces.has(key)) {
    let face: FontFace | null = null;
    const dirs = process.env.SYNTHRMT_FONT_DIR ? [process.env.SYNTHRMT_FONT_DIR, ...FONT_DIRS] : FONT_DIRS;
    for (const d of dirs) {
      const f = join(d, fileName(family, style));
      if (existsSync(f)) {
        face = parseTrueType(readFileSync(f));
        break;
      }
    }
    if (!face && style !== 'regular') face = dejaVuFace(fontFamily, false, false);
    faces.set(key, face);
  }
  return faces.get(key) ?? null;
}

/** Width in the font's size units of `text` set in `fontFamily` at `fontSize`. */
export function textWidth(text: string, fontSize: number, fontFamily: string, bold = false, italic = false): number {
  const face = dejaVuFace(fontFamily, bold, italic);
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    em += face?.advance(cp) ?? estimateAdvance(cp);
  }
  return em * fontSize;
}

/**
 * Edge: text widths for laying out Vega figures in Node without a canvas.
 *
 * Vega measures text with a canvas when it has one; in Node it falls back to 0.8 em per
 * character, far too wide for a serif face, which leaves gaps beside axis titles and legends.
 * The figures are set in DejaVu Serif (src/plot/theme.ts) and the browser that prints them uses
 * the same installed TrueType files, so we read each glyph's advance width from those files
 * ('cmap' + 'hmtx' tables) and give Vega exact widths. Without the font files, a per-character
 * estimate of a serif face is used instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Advance widths of one TrueType face, in em units. */
export interface FontFace {
  /** Width in em of one character (code point), or undefined if the face lacks it. */
  advance(codePoint: number): number | undefined;
}

function readU16(b: Buffer, o: number): number {
  return b.readUInt16BE(o);
}

/** Parses the 'head', 'hhea', 'hmtx' and 'cmap' (format 4 or 12) tables of a TrueType file. */
export function parseTrueType(buf: Buffer): FontFace {
  const numTables = readU16(buf, 4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const need = (t: string): number => {
    const o = tables.get(t);
    if (o === undefined) throw new RangeError(`font file lacks the '${t}' table`);
    return o;
  };
  const unitsPerEm = readU16(buf, need('head') + 18);
  const numHMetrics = readU16(buf, need('hhea') + 34);
  const hmtx = need('hmtx');
  const glyphAdvance = (g: number): number => readU16(buf, hmtx + 4 * Math.min(g, numHMetrics - 1)) / unitsPerEm;

  // Pick a Unicode cmap subtable: format 12 (full range) if present, else format 4 (BMP).
  const cmap = need('cmap');
  const n = readU16(buf, cmap + 2);
  let f4 = -1, f12 = -1;
  for (let i = 0; i < n; i++) {
    const platform = readU16(buf, cmap + 4 + 8 * i), encoding = readU16(buf, cmap + 6 + 8 * i);
    const off = cmap + buf.readUInt32BE(cmap + 8 + 8 * i);
    const format = readU16(buf, off);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) f12 = off;
    else if (format === 4 && f4 < 0) f4 = off;
  }
  const cache = new Map<number, number | undefined>();
  let glyphOf: (cp: number) => number;
  if (f12 >= 0) {
    const groups = buf.readUInt32BE(f12 + 12);
    glyphOf = (cp) => {
      let lo = 0, hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1, g = f12 + 16 + 12 * mid;
        const start = buf.readUInt32BE(g), end = buf.readUInt32BE(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return buf.readUInt32BE(g + 8) + (cp - start);
      }
      return 0;
    };
  } else if (f4 >= 0) {
    const segX2 = readU16(buf, f4 + 6), segs = segX2 / 2;
    const ends = f4 + 14, starts = ends + segX2 + 2, deltas = starts + segX2, ranges = deltas + segX2;
    glyphOf = (cp) => {
      if (cp > 0xffff) return 0;
      for (let i = 0; i < segs; i++) {
        if (cp > readU16(buf, ends + 2 * i)) continue;
        const start = readU16(buf, starts + 2 * i);
        if (cp < start) return 0;
        const delta = readU16(buf, deltas + 2 * i), rangeOff = readU16(buf, ranges + 2 * i);
        if (rangeOff === 0) return (cp + delta) & 0xffff;
        const gi = readU16(buf, ranges + 2 * i + rangeOff + 2 * (cp - start));
        return gi === 0 ? 0 : (gi + delta) & 0xffff;
      }
      return 0;
    };
  } else {
    throw new RangeError('font file has no Unicode cmap of format 4 or 12');
  }
  return {
    advance(cp: number): number | undefined {
      if (cache.has(cp)) return cache.get(cp);
      const g = glyphOf(cp);
      const w = g === 0 ? undefined : glyphAdvance(g);
      cache.set(cp, w);
      return w;
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

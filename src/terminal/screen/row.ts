/**
 * One screen row as cells, parsed from a row of Ink's output (text with SGR escapes).
 * chars[x] is the grapheme in cell x (' ' for a blank, '' for the second cell of a wide character),
 * widths[x] is 1, 2 (a wide character's first cell) or 0 (its second cell), styles[x] a StyleTable id.
 * A wide character that would not fit in the last column is dropped (the cell stays blank), as a
 * terminal cannot show half of one. Escapes other than SGR, and control characters, take no cells.
 */
import { graphemes, graphemeWidth } from '../../core/graphemes.js';
import { applySgr, PLAIN, type Style, type StyleTable } from './style.js';

export interface Row {
  readonly chars: string[];
  readonly widths: Uint8Array;
  readonly styles: Uint32Array;
}

export function blankRow(columns: number): Row {
  return { chars: new Array<string>(columns).fill(' '), widths: new Uint8Array(columns).fill(1), styles: new Uint32Array(columns) };
}

/** True when cell x of `a` and cell y of `b` show the same thing. */
export function sameCell(a: Row, x: number, b: Row, y: number): boolean {
  return a.chars[x] === b.chars[y] && a.styles[x] === b.styles[y] && a.widths[x] === b.widths[y];
}

export function isBlank(row: Row, x: number): boolean {
  return row.chars[x] === ' ' && row.styles[x] === 0;
}

const ESC = 0x1b;

/** Index just past an escape sequence starting at `i` (CSI, OSC, or a two-byte escape). */
function escapeEnd(text: string, i: number): { end: number; sgr?: string } {
  const next = text.charCodeAt(i + 1);
  if (next === 0x5b /* [ */) {
    let j = i + 2;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c >= 0x40 && c <= 0x7e) break;
      j++;
    }
    const final = text[j];
    return { end: j + 1, sgr: final === 'm' ? text.slice(i + 2, j) : undefined };
  }
  if (next === 0x5d /* ] */) {
    // OSC: ends at BEL or ST (ESC \)
    let j = i + 2;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 0x07) return { end: j + 1 };
      if (c === ESC && text.charCodeAt(j + 1) === 0x5c) return { end: j + 2 };
      j++;
    }
    return { end: j };
  }
  return { end: Math.min(text.length, i + 2) };
}

export function parseRow(text: string, columns: number, table: StyleTable): Row {
  const row = blankRow(columns);
  let style: Style = PLAIN;
  let styleId = 0;
  let x = 0;
  let i = 0;
  const put = (g: string): void => {
    const w = graphemeWidth(g);
    if (w <= 0) {
      // zero-width (combining mark after a control, stray joiner): joins the previous cell
      if (x > 0) {
        let lead = x - 1;
        if (row.widths[lead] === 0 && lead > 0) lead--;
        row.chars[lead] += g;
      }
      return;
    }
    if (w === 1) {
      if (x < columns) {
        row.chars[x] = g;
        row.styles[x] = styleId;
      }
      x++;
      return;
    }
    if (x + 1 < columns) {
      row.chars[x] = g;
      row.widths[x] = 2;
      row.styles[x] = styleId;
      row.chars[x + 1] = '';
      row.widths[x + 1] = 0;
      row.styles[x + 1] = styleId;
    }
    x += 2;
  };
  while (i < text.length && x < columns) {
    const c = text.charCodeAt(i);
    if (c === ESC) {
      const { end, sgr } = escapeEnd(text, i);
      if (sgr !== undefined) {
        style = applySgr(style, sgr);
        styleId = table.id(style);
      }
      i = end;
      continue;
    }
    if (c >= 0x20 && c < 0x7f) {
      row.chars[x] = text[i]!;
      row.styles[x] = styleId;
      x++;
      i++;
      continue;
    }
    if (c < 0x20 || c === 0x7f) {
      i++;
      continue;
    }
    // a stretch without escapes or control characters, split into graphemes
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d < 0x20 || d === 0x7f) break;
      j++;
    }
    for (const g of graphemes(text.slice(i, j))) {
      if (x >= columns) break;
      put(g);
    }
    i = j;
  }
  return row;
}

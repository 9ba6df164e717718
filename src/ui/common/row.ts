/**
 * A screen row as coloured segments. Panel view-models build rows of segments (pure, testable as
 * text); the components turn each segment into an Ink <Text> with a theme token colour.
 */
import { displayWidth, padToWidth, truncateToWidth } from '../../core/wrap.js';
import type { ThemeToken } from '../../core/theme.js';

export interface Segment {
  text: string;
  tone?: ThemeToken;
  bold?: boolean;
}

export type Row = Segment[];

export function seg(text: string, tone?: ThemeToken, bold?: boolean): Segment {
  return bold ? { text, tone, bold } : { text, tone };
}

/** The plain text of a row (what tests and width checks look at). */
export function rowText(row: Row): string {
  let out = '';
  for (const s of row) out += s.text;
  return out;
}

export function rowWidth(row: Row): number {
  let w = 0;
  for (const s of row) w += displayWidth(s.text);
  return w;
}

/**
 * Cut a row to at most `width` columns (an ellipsis marks the cut) and pad it with spaces to exactly
 * `width`, so every row of a pane has the same width and Ink never wraps or truncates it.
 */
export function fitRow(row: Row, width: number): Row {
  if (width <= 0) return [];
  const total = rowWidth(row);
  if (total <= width) {
    return total === width ? row : [...row, { text: ' '.repeat(width - total) }];
  }
  const out: Row = [];
  let used = 0;
  for (const s of row) {
    const w = displayWidth(s.text);
    if (used + w < width) {
      out.push(s);
      used += w;
      continue;
    }
    // This segment crosses the edge (or fills it exactly while more follows): cut it with an ellipsis.
    const room = width - used;
    const cut = w === room ? truncateToWidth(s.text, room - 1, '') + '…' : truncateToWidth(s.text, room);
    out.push({ ...s, text: cut });
    used += displayWidth(cut);
    break;
  }
  if (used < width) out.push({ text: padToWidth('', width - used) });
  return out;
}

/** A row of one segment fitted to the width. */
export function textRow(text: string, width: number, tone?: ThemeToken): Row {
  return fitRow([seg(text, tone)], width);
}

export function blankRow(width: number): Row {
  return width > 0 ? [{ text: ' '.repeat(width) }] : [];
}

/**
 * Markdown (GFM) pipe tables laid out by display width: columns shrink to fit `width` (widest first)
 * and cells wrap inside their column, so CJK cells stay aligned. Pure.
 */
import { displayWidth, padToWidth, wrapText } from './wrap.js';

export type Align = 'left' | 'right' | 'center';

const DELIMITER_CELL = /^\s*:?-{1,}:?\s*$/;

/** Cells of a table row, or undefined when the line is not one (needs a pipe). */
export function tableCells(line: string): string[] | undefined {
  if (!line.includes('|')) return undefined;
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** Alignments when `line` is a delimiter row (|---|:--:|) for `columns` columns. */
export function delimiterRow(line: string, columns: number): Align[] | undefined {
  const cells = tableCells(line);
  if (!cells || cells.length !== columns || !cells.every((c) => DELIMITER_CELL.test(c))) return undefined;
  return cells.map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : 'left'));
}

const SEP = ' │ ';

/** Column widths that fit `width` (separators included), or undefined when even 1 cell each cannot. */
export function fitColumns(natural: readonly number[], width: number): number[] | undefined {
  const avail = width - SEP.length * (natural.length - 1);
  if (avail < natural.length) return undefined;
  const cols = natural.map((w) => Math.max(1, w));
  let total = cols.reduce((a, b) => a + b, 0);
  while (total > avail) {
    const widest = cols.indexOf(Math.max(...cols));
    cols[widest]!--;
    total--;
  }
  return cols;
}

function align(text: string, width: number, how: Align): string {
  const gap = width - displayWidth(text);
  if (gap <= 0 || how === 'left') return padToWidth(text, width);
  if (how === 'right') return ' '.repeat(gap) + text;
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + text + ' '.repeat(gap - left);
}

export interface TableRow {
  text: string;
  header?: boolean;
  rule?: boolean;
}

/** Rows of a laid-out table; undefined when it cannot fit (the caller shows the lines as text). */
export function layoutTable(rows: readonly string[][], aligns: readonly Align[], width: number): TableRow[] | undefined {
  const n = aligns.length;
  const norm = rows.map((r) => Array.from({ length: n }, (_, i) => r[i] ?? ''));
  const natural = Array.from({ length: n }, (_, i) => Math.max(1, ...norm.map((r) => displayWidth(r[i]!))));
  const cols = fitColumns(natural, width);
  if (!cols) return undefined;
  const out: TableRow[] = [];
  norm.forEach((cells, r) => {
    const wrapped = cells.map((c, i) => wrapText(c, cols[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) {
      const text = wrapped.map((w, i) => align(w[k] ?? '', cols[i]!, aligns[i]!)).join(SEP).trimEnd();
      out.push(r === 0 ? { text, header: true } : { text });
    }
    if (r === 0) out.push({ text: cols.map((w) => '─'.repeat(w)).join('─┼─'), rule: true });
  });
  return out;
}

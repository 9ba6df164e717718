/**
 * Markdown (GFM) pipe tables: row cells, the delimiter row's alignments, and column widths that fit
 * `width` (widest column shrinks first). ui/markdownTableLines.ts lays the rows out with them. Pure.
 */

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

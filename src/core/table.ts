/** Rendering rows as an aligned text table (like `ollama ps`), a Markdown table or CSV. */
import { sanitize } from './sanitize.js';
import { displayWidth, padToWidth } from './wrap.js';

export type Cell = string;

function clean(cell: Cell): string {
  return sanitize(cell).replace(/[\n\t]+/g, ' ');
}

/** Left-aligned columns separated by 3 spaces; a row may have fewer cells (the last one then runs on). */
export function textTable(headers: Cell[], rows: Cell[][]): string {
  const widths = headers.map((h) => displayWidth(h));
  for (const row of rows) {
    // the last cell of a short row (a failure sentence) runs on and does not size its column
    const sized = row.length === headers.length ? row : row.slice(0, -1);
    sized.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(clean(c)))));
  }
  const render = (row: Cell[]) =>
    row
      .map((c, i) => (i === row.length - 1 ? clean(c) : padToWidth(clean(c), widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  return [render(headers), ...rows.map(render)].join('\n') + '\n';
}

export function markdownTable(headers: Cell[], rows: Cell[][]): string {
  const esc = (c: Cell) => clean(c).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const line = (cells: Cell[]) => `| ${cells.map(esc).join(' | ')} |`;
  const padded = rows.map((r) => [...r, ...Array<Cell>(Math.max(0, headers.length - r.length)).fill('')]);
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...padded.map(line)].join('\n') + '\n';
}

export function csvTable(headers: Cell[], rows: Cell[][]): string {
  const esc = (c: Cell) => {
    const s = clean(c);
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers, ...rows].map((r) => r.map(esc).join(',')).join('\n') + '\n';
}

/**
 * A pipe table as styled rows: columns fit the width by display width (core/markdownTable.ts fitColumns,
 * widest first), cells wrap inside their column and keep their inline Markdown (`code`, **strong**,
 * links) as spans; the header is bold in the accent colour, separators and the rule are muted.
 */
import { parseInline, runsForRows, runsText, type Run } from '../../core/markdownInline.js';
import { fitColumns, type Align } from '../../core/markdownTable.js';
import { displayWidth, wrapText } from '../../core/wrap.js';
import { toSpan, type StyledLine, type StyledSpan } from './markdownStyler.js';

export interface TableCell {
  plain: string;
  runs: Run[];
}

export function tableCell(source: string): TableCell {
  // Models put `<br>` in cells for line breaks; a space reads right once the cell wraps.
  const runs = parseInline(source.replace(/<br\s*\/?>/gi, ' '));
  return { plain: runsText(runs), runs };
}

const SEP = ' │ ';
const EMPTY: TableCell = { plain: '', runs: [] };

/** Drop trailing spaces, as a plain row would be trimmed. */
function trimEnd(spans: StyledSpan[]): void {
  while (spans.length > 0) {
    const last = spans.at(-1)!;
    const text = last.text.trimEnd();
    if (text === '') {
      spans.pop();
      continue;
    }
    last.text = text;
    return;
  }
}

/** Rows of a laid-out table; undefined when even one cell per column cannot fit (shown as text then). */
export function tableLines(rows: readonly (readonly TableCell[])[], aligns: readonly Align[], width: number): StyledLine[] | undefined {
  const n = aligns.length;
  const norm = rows.map((r) => Array.from({ length: n }, (_, i) => r[i] ?? EMPTY));
  const natural = Array.from({ length: n }, (_, i) => Math.max(1, ...norm.map((r) => displayWidth(r[i]!.plain))));
  const cols = fitColumns(natural, width);
  if (!cols) return undefined;
  const out: StyledLine[] = [];
  norm.forEach((cells, r) => {
    const header = r === 0;
    const wrapped = cells.map((c, i) => {
      const lines = wrapText(c.plain, cols[i]!);
      return { lines, parts: runsForRows(c.plain, c.runs, lines) };
    });
    const height = Math.max(...wrapped.map((w) => w.lines.length));
    for (let k = 0; k < height; k++) {
      const spans: StyledSpan[] = [];
      wrapped.forEach((w, i) => {
        if (i > 0) spans.push({ text: SEP, token: 'muted' });
        const piece = w.lines[k] ?? '';
        const gap = Math.max(0, cols[i]! - displayWidth(piece));
        const how = aligns[i];
        const left = how === 'right' ? gap : how === 'center' ? Math.floor(gap / 2) : 0;
        if (left > 0) spans.push({ text: ' '.repeat(left) });
        if (piece !== '') {
          for (const run of w.parts[k] ?? [{ text: piece }]) {
            const span = toSpan(run, header ? 'accent' : undefined);
            if (header) span.bold = true;
            spans.push(span);
          }
        }
        if (gap - left > 0) spans.push({ text: ' '.repeat(gap - left) });
      });
      trimEnd(spans);
      const text = spans.map((s) => s.text).join('');
      out.push(header ? { text, token: 'accent', bold: true, spans } : { text, spans });
    }
    if (header) out.push({ text: cols.map((w) => '─'.repeat(w)).join('─┼─'), token: 'muted' });
  });
  return out;
}

/**
 * What the input box shows: the visual rows around the caret (at most `maxRows`) and where the caret is.
 * Only the logical lines near the caret are measured, so a huge buffer costs no more than a small one.
 * Rows break at any grapheme (no word wrap) so the caret maps to a cell directly.
 */
import stringWidth from 'string-width';
import type { InputBuffer } from './inputBuffer.js';

export interface InputView {
  rows: string[];
  caretRow: number;
  caretColumn: number;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

interface VisualRow {
  text: string;
  width: number;
  /** Offset in the logical line where this row starts. */
  start: number;
}

/** Break one logical line into rows of at most `width` cells (an empty line is one empty row). */
export function breakLine(line: string, width: number): VisualRow[] {
  const rows: VisualRow[] = [];
  let text = '';
  let w = 0;
  let start = 0;
  for (const { segment, index } of segmenter.segment(line)) {
    const sw = stringWidth(segment);
    if (w + sw > width && text !== '') {
      rows.push({ text, width: w, start });
      text = '';
      w = 0;
      start = index;
    }
    text += segment;
    w += sw;
  }
  rows.push({ text, width: w, start });
  return rows;
}

export function inputView(buffer: InputBuffer, width: number, maxRows: number): InputView {
  const safeWidth = Math.max(1, width);
  const { text, caret } = buffer;
  const lineStart = caret === 0 ? 0 : text.lastIndexOf('\n', caret - 1) + 1;
  const nl = text.indexOf('\n', caret);
  const lineEnd = nl === -1 ? text.length : nl;
  const caretLine = breakLine(text.slice(lineStart, lineEnd), safeWidth);
  const caretOffset = caret - lineStart;

  // Which row of the caret line holds the caret.
  let rowIdx = 0;
  for (let i = 0; i < caretLine.length; i++) if (caretLine[i]!.start <= caretOffset) rowIdx = i;
  const row = caretLine[rowIdx]!;
  let caretColumn = stringWidth(text.slice(lineStart + row.start, caret));
  let caretRowsLine = caretLine.map((r) => r.text);
  let caretIdx = rowIdx;
  if (caretColumn >= safeWidth) {
    // Caret after a full row: show it at the start of a fresh row.
    caretRowsLine = [...caretRowsLine.slice(0, rowIdx + 1), '', ...caretRowsLine.slice(rowIdx + 1)];
    caretIdx = rowIdx + 1;
    caretColumn = 0;
  }

  // Rows before the caret row, walking back line by line until the box is full.
  const before: string[] = caretRowsLine.slice(0, caretIdx);
  let cursor = lineStart - 1; // index of the '\n' ending the previous line
  while (before.length < maxRows - 1 && cursor >= 0) {
    const prevStart = text.lastIndexOf('\n', cursor - 1) + 1;
    const rows = breakLine(text.slice(prevStart, cursor), safeWidth).map((r) => r.text);
    before.unshift(...rows);
    cursor = prevStart - 1;
  }
  const after: string[] = caretRowsLine.slice(caretIdx + 1);
  let next = lineEnd + 1;
  while (before.length + 1 + after.length < maxRows && next <= text.length && lineEnd < text.length) {
    const nextNl = text.indexOf('\n', next);
    const end = nextNl === -1 ? text.length : nextNl;
    after.push(...breakLine(text.slice(next, end), safeWidth).map((r) => r.text));
    if (nextNl === -1) break;
    next = end + 1;
  }

  const caretText = caretRowsLine[caretIdx] ?? '';
  const beforeShown = before.slice(Math.max(0, before.length - (maxRows - 1)));
  const room = maxRows - beforeShown.length - 1;
  const rows = [...beforeShown, caretText, ...after.slice(0, Math.max(0, room))];
  return { rows, caretRow: beforeShown.length, caretColumn };
}

/**
 * Wrapping by terminal display width (what Ink paints), so every row fits its pane exactly.
 *
 * - Width comes from `string-width` (the major version Ink 6.8 uses); CJK and emoji are 2 cells.
 * - Text is split into graphemes with `Intl.Segmenter`, so ZWJ emoji and flags are never cut.
 * - Tabs become spaces up to the next 4-column stop, counted from the start of the logical line
 *   (not of the wrapped row), so a tab's expansion never depends on where the line wraps.
 * - Latin words wrap at spaces; the run of spaces at a break is dropped. A word longer than the width
 *   is hard-broken. Wide characters (CJK, emoji) allow a break before and after them, except before
 *   closing punctuation (，。！？、；：）」』…), which stays with the character before it when possible.
 * - A wide character never straddles the edge. A grapheme wider than the whole width (width 1) is
 *   shown as `?`. Widths below 1 count as 1.
 * - Empty lines are kept as empty rows. The last row of a line keeps its trailing spaces; rows ended
 *   by a wrap have them trimmed.
 */
import { displayWidth, graphemeWidth, graphemes } from './graphemes.js';

export { displayWidth, graphemes };

export const TAB_STOP = 4;

const CLOSING_PUNCTUATION = new Set([...'，。！？、；：）」』】》〉〕〗〙〛｝］｠…‥・ー～％']);

interface Cell {
  text: string;
  width: number;
  space: boolean;
  wide: boolean;
  closing: boolean;
}

function makeCell(text: string, width: number): Cell {
  return { text, width, space: text === ' ', wide: width >= 2, closing: CLOSING_PUNCTUATION.has(text) };
}

/** May a row break between `before` and `after`? (`after` starts the next row.) */
function isBreakBetween(before: Cell, after: Cell): boolean {
  if (after.space || after.closing) return false;
  return before.space || before.wide || after.wide;
}

/**
 * Greedy line breaking of one logical line, fed one grapheme at a time. Rows are final as soon as they
 * are emitted: later graphemes never change them. This is what makes IncrementalWrapper cheap.
 */
export class LineWrapState {
  /** Cells of the row being filled. */
  private row: Cell[] = [];
  private rowWidth = 0;
  /** Display column in the logical line (for tab stops). */
  private column = 0;
  /** After a break at a space: drop further spaces until the next visible grapheme. */
  private skippingSpaces = false;
  private emittedAny = false;
  private readonly width: number;

  constructor(width: number) {
    this.width = Math.max(1, Math.floor(width));
  }

  clone(): LineWrapState {
    const c = new LineWrapState(this.width);
    c.row = this.row.slice();
    c.rowWidth = this.rowWidth;
    c.column = this.column;
    c.skippingSpaces = this.skippingSpaces;
    c.emittedAny = this.emittedAny;
    return c;
  }

  /** Adds one grapheme (never '\n'); pushes completed rows onto `out`. */
  feed(g: string, out: string[]): void {
    if (g === '\t') {
      const n = TAB_STOP - (this.column % TAB_STOP);
      for (let i = 0; i < n; i++) this.feedCell(makeCell(' ', 1), out);
      return;
    }
    let w = graphemeWidth(g);
    let text = g;
    if (w > this.width) {
      text = '?';
      w = 1;
    }
    this.feedCell(makeCell(text, w), out);
  }

  /** Rows still open at the end of the line. */
  finish(out: string[]): void {
    if (this.row.length > 0 || !this.emittedAny) out.push(this.row.map((c) => c.text).join(''));
  }

  private feedCell(cell: Cell, out: string[]): void {
    this.column += cell.width;
    if (cell.space && this.skippingSpaces) return;
    this.skippingSpaces = false;
    if (this.rowWidth + cell.width <= this.width) {
      this.push(cell);
      return;
    }
    if (cell.space) {
      // The space that does not fit is the break: end the row and drop the run of spaces.
      this.emit(this.row.length, out);
      this.skippingSpaces = true;
      return;
    }
    while (this.rowWidth + cell.width > this.width) {
      const cut = this.lastBreak(cell);
      if (cut > 0) this.emit(cut, out);
      else this.emit(this.row.length, out); // no break opportunity: hard break
    }
    this.push(cell);
  }

  /** Index in `row` where the row may be cut before `next` is added (0 = none). */
  private lastBreak(next: Cell): number {
    const row = this.row;
    const last = row[row.length - 1];
    if (last !== undefined && isBreakBetween(last, next)) return row.length;
    for (let i = row.length - 1; i > 0; i--) {
      if (isBreakBetween(row[i - 1]!, row[i]!)) return i;
    }
    return 0;
  }

  private push(cell: Cell): void {
    this.row.push(cell);
    this.rowWidth += cell.width;
  }

  /** Emits row[0, cut) (trailing spaces trimmed) and keeps row[cut..] as the start of the next row. */
  private emit(cut: number, out: string[]): void {
    let end = cut;
    while (end > 0 && this.row[end - 1]!.space) end--;
    out.push(
      this.row
        .slice(0, end)
        .map((c) => c.text)
        .join(''),
    );
    this.emittedAny = true;
    this.row = this.row.slice(cut);
    this.rowWidth = this.row.reduce((sum, c) => sum + c.width, 0);
  }
}

/** Wraps already-sanitized text into rows of at most `width` display cells. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const state = new LineWrapState(width);
    for (const g of graphemes(line)) state.feed(g, out);
    state.finish(out);
  }
  return out;
}

/**
 * Wraps a growing text (a streaming reply) so that after every `append`, `lines` equals
 * `wrapText(allTextSoFar, width)`.
 *
 * Cost per append: O(chunk length + width). Completed lines and completed rows of the current line
 * are never touched again; only the open row of the last line (at most `width` cells) is re-laid, and
 * the last grapheme of the text is re-segmented with the new chunk (a ZWJ emoji or a combining mark
 * may continue it).
 */
export class IncrementalWrapper {
  readonly width: number;
  private readonly rows: string[] = [];
  /** rows[0, stableRows) never change again. */
  private stableRows = 0;
  private state: LineWrapState;
  /** Last grapheme of the current line, not yet fed: the next chunk may extend it. */
  private pending = '';

  constructor(width: number) {
    this.width = width;
    this.state = new LineWrapState(width);
    this.layoutTail();
  }

  /** Completed rows plus the current partial row. The same array is updated in place by `append`. */
  get lines(): readonly string[] {
    return this.rows;
  }

  /**
   * `lines[0, stableRowCount)` will never change again; later rows may be replaced by the next
   * `append`. Read it before appending to know from which row to re-read afterwards.
   */
  get stableRowCount(): number {
    return this.stableRows;
  }

  append(text: string): void {
    if (text === '') return;
    this.rows.length = this.stableRows;
    const parts = text.split('\n');
    for (let p = 0; p < parts.length; p++) {
      if (p > 0) {
        // A newline closes the current line.
        if (this.pending !== '') this.state.feed(this.pending, this.rows);
        this.pending = '';
        this.state.finish(this.rows);
        this.state = new LineWrapState(this.width);
      }
      const part = parts[p]!;
      if (part === '') continue;
      let previous: string | undefined;
      for (const g of graphemes(this.pending + part)) {
        if (previous !== undefined) this.state.feed(previous, this.rows);
        previous = g;
      }
      this.pending = previous ?? '';
    }
    this.stableRows = this.rows.length;
    this.layoutTail();
  }

  /** Appends the rows that are still open (they may change with the next append). */
  private layoutTail(): void {
    const tail = this.state.clone();
    if (this.pending !== '') tail.feed(this.pending, this.rows);
    tail.finish(this.rows);
  }
}

/** Cuts `s` to at most `width` cells, ending with `ellipsis` when something was cut. */
export function truncateToWidth(s: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (displayWidth(s) <= width) return s;
  const ellipsisWidth = displayWidth(ellipsis);
  const budget = ellipsisWidth <= width ? width - ellipsisWidth : width;
  let used = 0;
  let out = '';
  for (const g of graphemes(s)) {
    const w = graphemeWidth(g);
    if (used + w > budget) break;
    out += g;
    used += w;
  }
  return ellipsisWidth <= width ? out + ellipsis : out;
}

/** Makes `s` exactly `width` cells: truncated (with '…') if longer, padded with spaces if shorter. */
export function padToWidth(s: string, width: number): string {
  if (width <= 0) return '';
  const cut = truncateToWidth(s, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

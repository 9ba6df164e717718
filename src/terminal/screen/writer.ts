/**
 * The screen writer: keeps the grid of cells the terminal shows and, given the next frame as Ink renders
 * it (rows of text with SGR escapes, joined by '\n'), returns the fewest bytes that make the terminal
 * show it: a scroll of a moved full-width block (DECSTBM + SU/SD), then only the changed cell runs with
 * the shorter cursor move and the SGR attributes that differ, merged across a few unchanged cells when
 * that is shorter, a row's blank tail erased with EL. Each frame is wrapped in synchronized output
 * (`CSI ?2026h`/`l`); a frame that changes nothing yields ''. Writing the last column leaves the cursor
 * in an uncertain place (pending wrap, or none with auto-wrap off): the next move is absolute.
 */
import { cursorMove } from './moves.js';
import { blankRow, isBlank, parseRow, sameCell, type Row } from './row.js';
import { findScroll } from './scroll.js';
import { PLAIN, sgrTransition, StyleTable, type Style } from './style.js';

export const SYNC_BEGIN = '\u001B[?2026h';
export const SYNC_END = '\u001B[?2026l';
const CSI = '\u001B[';
/** Save and restore the cursor (position and SGR attributes): DECSC / DECRC. */
const DECSC = '\u001B7';
const DECRC = '\u001B8';
const SAVE_RESTORE = DECSC + DECRC;

export interface Caret {
  readonly x: number;
  readonly y: number;
}

interface Cursor {
  row: number;
  col: number;
}

/** A tail of at least this many changed blank cells is erased with EL instead of written as spaces. */
const ERASE_TAIL_MIN = 3;
/** Scroll moves tried per frame (one per pane that scrolled). */
const MAX_SCROLLS = 3;

export class ScreenWriter {
  private readonly table = new StyleTable();
  private columns: number;
  private rows: number;
  /** What the terminal shows; undefined until the first frame or after a repaint request. */
  private shown: Row[] | undefined;
  private shownText: string[] = [];
  private cursor: Cursor | undefined;
  private sgr: Style | undefined;
  private cursorVisible: boolean | undefined;
  private caret: Caret | undefined;
  private lastFrame: string | undefined;
  private out = '';

  /**
   * `blank`: the terminal shows an empty screen now (a fresh alternate screen), so the first frame
   * writes only its non-blank cells and needs no clear; otherwise the first frame clears first.
   */
  constructor(columns: number, rows: number, options: { blank?: boolean } = {}) {
    this.columns = Math.max(1, columns);
    this.rows = Math.max(1, rows);
    if (options.blank) this.assumeBlank();
  }

  get size(): { columns: number; rows: number } {
    return { columns: this.columns, rows: this.rows };
  }

  /** Where the terminal cursor should rest (the input caret), or undefined to hide it. */
  setCaret(caret: Caret | undefined): void {
    this.caret = caret;
  }

  /** The terminal changed size: the next frame repaints everything. */
  resize(columns: number, rows: number): void {
    this.columns = Math.max(1, columns);
    this.rows = Math.max(1, rows);
    this.repaint();
  }

  /** Forget what the terminal shows (after SIGCONT, or another program wrote to it). */
  repaint(): void {
    this.shown = undefined;
    this.shownText = [];
    this.cursor = undefined;
    this.sgr = undefined;
    this.cursorVisible = undefined;
  }

  /** The last frame given to render (to redraw it after a repaint request). */
  get frame(): string | undefined {
    return this.lastFrame;
  }

  /** The bytes that turn the shown screen into `frame` with the caret placed; '' when nothing changes. */
  render(frame: string): string {
    this.lastFrame = frame;
    this.out = '';
    // where the frame starts: the caret, when the last frame left the cursor there and shown (see returnToCaret)
    const start = this.shown && this.cursor && this.cursorVisible === true ? { ...this.cursor, sgr: this.sgr } : undefined;
    const texts = frame.split('\n').slice(0, this.rows);
    while (texts.length < this.rows) texts.push('');
    if (!this.shown) this.clearAll();
    for (let i = 0; i < MAX_SCROLLS; i++) {
      const move = findScroll(this.shownText, texts);
      if (!move) break;
      this.scroll(move.top, move.bottom, move.by);
    }
    for (let r = 0; r < this.rows; r++) {
      const text = texts[r]!;
      if (text === this.shownText[r]) continue;
      const next = parseRow(text, this.columns, this.table);
      this.diffRow(r, this.shown![r]!, next);
      this.shown![r] = next;
      this.shownText[r] = text;
    }
    if (!this.returnToCaret(start)) this.placeCaret();
    if (this.out === '') return '';
    const bytes = SYNC_BEGIN + this.out + SYNC_END;
    this.out = '';
    return bytes;
  }

  private clearAll(): void {
    this.out += `${CSI}m${CSI}H${CSI}2J`;
    this.assumeBlank();
    this.sgr = PLAIN;
    this.cursor = { row: 0, col: 0 };
  }

  private assumeBlank(): void {
    this.shown = Array.from({ length: this.rows }, () => blankRow(this.columns));
    this.shownText = new Array<string>(this.rows).fill('');
  }

  private setStyle(style: Style): void {
    this.out += this.sgr ? sgrTransition(this.sgr, style) : `${CSI}m${sgrTransition(PLAIN, style)}`;
    this.sgr = style;
  }

  private moveTo(row: number, col: number): void {
    if (this.cursor && this.cursor.row === row && this.cursor.col === col) return;
    this.out += cursorMove(this.cursor, row, col);
    this.cursor = { row, col };
  }

  /** Scroll rows top..bottom (0-based, inclusive) by `by` rows (> 0 up, < 0 down). */
  private scroll(top: number, bottom: number, by: number): void {
    const shown = this.shown!;
    // erased lines take the current background: plain first
    this.setStyle(PLAIN);
    const fullScreen = top === 0 && bottom === this.rows - 1;
    if (!fullScreen) this.out += `${CSI}${top + 1};${bottom + 1}r`;
    const k = Math.abs(by);
    this.out += by > 0 ? `${CSI}${k === 1 ? '' : k}S` : `${CSI}${k === 1 ? '' : k}T`;
    if (!fullScreen) {
      this.out += `${CSI}r`;
      // DECSTBM homes the cursor
      this.cursor = { row: 0, col: 0 };
    }
    const region = shown.slice(top, bottom + 1);
    const texts = this.shownText.slice(top, bottom + 1);
    for (let i = 0; i < region.length; i++) {
      const from = i + by;
      const inside = from >= 0 && from < region.length;
      shown[top + i] = inside ? region[from]! : blankRow(this.columns);
      this.shownText[top + i] = inside ? texts[from]! : '';
    }
  }

  /** Write the cells of `next` that differ from `old` on row `r`. */
  private diffRow(r: number, old: Row, next: Row): void {
    const cols = this.columns;
    // changed cells, widened so a wide character is always written whole
    const changed = new Uint8Array(cols);
    let any = false;
    for (let x = 0; x < cols; x++) {
      if (sameCell(old, x, next, x)) continue;
      any = true;
      changed[x] = 1;
      if (next.widths[x] === 0 && x > 0) changed[x - 1] = 1;
      if (next.widths[x] === 2 && x + 1 < cols) changed[x + 1] = 1;
    }
    if (!any) return;
    // the row's blank tail: erased in one EL when enough of it changed
    let tail = cols;
    while (tail > 0 && isBlank(next, tail - 1)) tail--;
    let tailChanged = 0;
    let firstTailChange = -1;
    for (let x = tail; x < cols; x++) {
      if (changed[x]) {
        tailChanged++;
        if (firstTailChange < 0) firstTailChange = x;
      }
    }
    const eraseTail = tailChanged >= ERASE_TAIL_MIN;
    const end = eraseTail ? tail : cols;
    let x = 0;
    while (x < end) {
      if (!changed[x]) {
        x++;
        continue;
      }
      // a run of changed cells [x, runEnd)
      let runEnd = x;
      while (runEnd < end && changed[runEnd]) runEnd++;
      this.moveOrBridge(r, x, next);
      this.writeCells(r, next, x, runEnd);
      x = runEnd;
    }
    if (eraseTail) {
      this.moveTo(r, firstTailChange);
      this.setStyle(PLAIN);
      this.out += `${CSI}K`;
    }
  }

  /** Get the cursor to (r, x): by rewriting the unchanged cells in between when that is shorter. */
  private moveOrBridge(r: number, x: number, next: Row): void {
    const cursor = this.cursor;
    if (cursor && cursor.row === r && cursor.col < x && next.widths[cursor.col] !== 0) {
      const move = cursorMove(cursor, r, x);
      const saved = { out: this.out, sgr: this.sgr, cursor: { ...cursor } };
      this.out = '';
      this.writeCells(r, next, cursor.col, x);
      const bridge = this.out;
      if (bridge.length <= move.length && this.cursor?.col === x) {
        this.out = saved.out + bridge;
        return;
      }
      this.out = saved.out;
      this.sgr = saved.sgr;
      this.cursor = saved.cursor;
    }
    this.moveTo(r, x);
  }

  private writeCells(r: number, row: Row, from: number, to: number): void {
    let col = from;
    let text = '';
    for (let x = from; x < to; x++) {
      const w = row.widths[x]!;
      if (w === 0) continue;
      const style = this.table.style(row.styles[x]!);
      if (style !== this.sgr) {
        this.out += text;
        text = '';
        this.setStyle(style);
      }
      text += row.chars[x];
      col += w;
    }
    this.out += text;
    this.cursor = col >= this.columns ? undefined : { row: r, col };
  }

  /**
   * A frame that starts at the caret and leaves it where it was: save the cursor (DECSC, `ESC 7`) before the
   * frame's changes and restore it (DECRC, `ESC 8`) after them, 4 bytes in all, when that is shorter than
   * moving back (`CSI 37;4H` is 7: a slow stream's small frames are mostly such overhead). DECRC also brings
   * back the SGR attributes saved with the position, so the writer's SGR state is the frame start's again.
   */
  private returnToCaret(start: (Cursor & { sgr: Style | undefined }) | undefined): boolean {
    const caret = this.caret;
    if (!start || !caret || this.out === '' || caret.y !== start.row || caret.x !== start.col) return false;
    if (this.cursor && this.cursor.row === caret.y && this.cursor.col === caret.x) return false;
    if (cursorMove(this.cursor, caret.y, caret.x).length <= SAVE_RESTORE.length) return false;
    this.out = `${DECSC}${this.out}${DECRC}`;
    this.cursor = { row: caret.y, col: caret.x };
    this.sgr = start.sgr;
    return true;
  }

  private placeCaret(): void {
    const caret = this.caret;
    const visible = caret !== undefined && caret.x >= 0 && caret.y >= 0 && caret.x < this.columns && caret.y < this.rows;
    if (visible) {
      this.moveTo(caret.y, caret.x);
      if (this.cursorVisible !== true) this.out += `${CSI}?25h`;
    } else if (this.cursorVisible !== false) {
      this.out += `${CSI}?25l`;
    }
    this.cursorVisible = visible;
  }
}


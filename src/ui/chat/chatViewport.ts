/**
 * The chat viewport: which rows of which turns are visible, and scrolling. Following the bottom it walks
 * back from the last turn only until the pane is full; scrolled up it walks forward from an anchor
 * (turn index, row in that turn). Either way only the turns that intersect the viewport are built.
 *
 * Jump scrolling (`jump` > 0, used when the chat sits beside the performance panel, where the terminal
 * cannot scroll the pane in hardware): following the bottom, the window keeps its top while new rows fit
 * and, when they overflow, advances so that the newest row sits `jump` rows above the bottom edge. The
 * pane is then repainted once per `jump` rows instead of once per row; the newest row is always shown.
 *
 * compute() is pure with respect to the scroll state (it returns the next state with the viewport);
 * commit() stores it. The chat pane computes during render and commits in a layout effect, so a render
 * that React drops or repeats changes nothing. view() does both (for callers outside React).
 */
import type { Turn } from '../../session/types.js';
import type { ChatDocument, ChatRow } from './chatLines.js';

export interface Anchor {
  turnIndex: number;
  row: number;
}

export interface Viewport {
  rows: ChatRow[];
  /** Position of the first visible row. */
  top: Anchor;
  /** Rows below the viewport (capped at BELOW_COUNT_CAP). */
  below: number;
  atBottom: boolean;
}

/** The scroll state a view leaves behind (commit() stores it). */
export interface ScrollState {
  follow: boolean;
  anchor: Anchor;
  lastTop: Anchor;
  lastHeight: number;
  /** Following with jump scrolling: the window's top (undefined: not established yet). */
  followTop: Anchor | undefined;
}

export interface ComputedView extends Viewport {
  next: ScrollState;
}

export interface ViewOptions {
  phaseText?: string | undefined;
  /** Jump scrolling: rows kept free below the newest row after a jump (0: one row per row). */
  jump?: number | undefined;
}

/** Counting the rows below the viewport stops here (the hint then says "1000+"). */
export const BELOW_COUNT_CAP = 1000;

export class ChatScroller {
  follow = true;
  anchor: Anchor = { turnIndex: 0, row: 0 };
  private lastTop: Anchor = { turnIndex: 0, row: 0 };
  private lastHeight = 1;
  private followTop: Anchor | undefined;
  /** Text width the followTop was measured at (a re-wrap moves rows). */
  private followWidth = 0;

  constructor(readonly doc: ChatDocument) {}

  /** The state compute() starts from. */
  private state(): ScrollState {
    return { follow: this.follow, anchor: this.anchor, lastTop: this.lastTop, lastHeight: this.lastHeight, followTop: this.followTop };
  }

  /** Store the scroll state a computed view leaves behind. */
  commit(view: ComputedView): void {
    const n = view.next;
    this.follow = n.follow;
    this.anchor = n.anchor;
    this.lastTop = n.lastTop;
    this.lastHeight = n.lastHeight;
    this.followTop = n.followTop;
    this.followWidth = this.doc.textWidth;
  }

  /** Jump to the bottom and stick to it (End, sending a message). */
  toBottom(): void {
    if (!this.follow) this.followTop = undefined;
    this.follow = true;
  }

  /** Show the start of turn `index`: nothing when following and its first row is on screen, else scroll there. */
  reveal(turns: readonly Turn[], index: number): void {
    if (index < 0 || index >= turns.length) return;
    const top = this.lastTop;
    if (this.follow && (index > top.turnIndex || (index === top.turnIndex && top.row === 0))) return;
    this.anchor = { turnIndex: index, row: 0 };
    this.follow = false;
    this.followTop = undefined;
  }

  pageUp(turns: readonly Turn[]): void {
    if (turns.length === 0) return;
    const from = this.follow ? this.lastTop : this.anchor;
    this.anchor = this.move(turns, from, -Math.max(1, this.lastHeight - 1));
    this.follow = false;
    this.followTop = undefined;
  }

  pageDown(turns: readonly Turn[]): void {
    if (this.follow || turns.length === 0) return;
    this.anchor = this.move(turns, this.anchor, Math.max(1, this.lastHeight - 1));
  }

  /** Move an anchor by `delta` rows (negative = up), clamped to the document. */
  move(turns: readonly Turn[], from: Anchor, delta: number): Anchor {
    let turnIndex = Math.min(from.turnIndex, turns.length - 1);
    let row = from.row + delta;
    while (row < 0 && turnIndex > 0) {
      turnIndex--;
      row += this.doc.block(turns, turnIndex).length;
    }
    if (row < 0) return { turnIndex: 0, row: 0 };
    for (;;) {
      const count = this.doc.block(turns, turnIndex).length;
      if (row < count || turnIndex === turns.length - 1) return { turnIndex, row: Math.min(row, Math.max(0, count - 1)) };
      row -= count;
      turnIndex++;
    }
  }

  /** Compute and commit (callers outside React). */
  view(turns: readonly Turn[], height: number, phaseText?: string, jump = 0): Viewport {
    const v = this.compute(turns, height, { phaseText, jump });
    this.commit(v);
    return v;
  }

  /** The viewport and the scroll state it leaves behind; the scroller itself is not changed. */
  compute(turns: readonly Turn[], height: number, opts: ViewOptions = {}): ComputedView {
    const { phaseText } = opts;
    const s = this.state();
    const base = { ...s, lastHeight: height };
    if (turns.length === 0 || height <= 0) {
      const top = { turnIndex: 0, row: 0 };
      return { rows: [], top, below: 0, atBottom: true, next: { ...base, follow: true, followTop: undefined } };
    }
    if (!s.follow) {
      const fromAnchor = this.forward(turns, s.anchor, height, phaseText);
      if (fromAnchor) return { ...fromAnchor, next: { ...base, anchor: fromAnchor.top, lastTop: fromAnchor.top } };
    }
    const jump = Math.floor(opts.jump ?? 0);
    const v = jump > 0 && jump < height ? this.jumpView(turns, height, jump, s, phaseText) : this.bottom(turns, height, phaseText);
    return { ...v, next: { ...base, follow: true, lastTop: v.top, followTop: jump > 0 && jump < height ? v.top : undefined } };
  }

  /**
   * Following with jump scrolling: the rows from the kept top while they fit (no fewer than
   * `height - jump` unless the document starts there); otherwise a new top with the newest row
   * `jump` rows above the bottom edge (the first view after following starts shows a full pane).
   */
  private jumpView(turns: readonly Turn[], height: number, jump: number, s: ScrollState, phaseText?: string): Viewport {
    const kept = s.follow && this.followWidth === this.doc.textWidth ? s.followTop : undefined;
    if (kept) {
      const rows = this.rowsFrom(turns, kept, height + 1, phaseText);
      const atStart = kept.turnIndex === 0 && kept.row === 0;
      if (rows && rows.length <= height && (rows.length >= height - jump || atStart)) {
        return { rows, top: kept, below: 0, atBottom: true };
      }
    }
    const full = this.bottom(turns, height, phaseText);
    if (!kept || (full.top.turnIndex === 0 && full.top.row === 0)) return full;
    return this.bottom(turns, height - jump, phaseText);
  }

  /** Up to `limit` rows from `top` to the end of the document; undefined when `top` is not in it. */
  private rowsFrom(turns: readonly Turn[], top: Anchor, limit: number, phaseText?: string): ChatRow[] | undefined {
    if (top.turnIndex >= turns.length) return undefined;
    const rows: ChatRow[] = [];
    let row = top.row;
    for (let turnIndex = top.turnIndex; turnIndex < turns.length && rows.length < limit; turnIndex++) {
      const block = this.doc.block(turns, turnIndex, phaseText);
      if (turnIndex === top.turnIndex && row >= block.length) return undefined;
      for (let i = row; i < block.length && rows.length < limit; i++) rows.push(block[i]!);
      row = 0;
    }
    return rows;
  }

  private bottom(turns: readonly Turn[], height: number, phaseText?: string): Viewport {
    // Only the last `height` rows are copied, so a long streaming answer costs no copy per frame.
    const chunks: ChatRow[][] = [];
    let need = height;
    let skip = 0;
    let turnIndex = turns.length - 1;
    for (; turnIndex >= 0; turnIndex--) {
      const block = this.doc.block(turns, turnIndex, phaseText);
      if (block.length >= need) {
        skip = block.length - need;
        chunks.push(block.slice(skip));
        break;
      }
      chunks.push(block);
      need -= block.length;
    }
    turnIndex = Math.max(0, turnIndex);
    const top = { turnIndex, row: skip };
    return { rows: chunks.reverse().flat(), top, below: 0, atBottom: true };
  }

  /** Rows from the anchor down; undefined when that would reach the bottom (then follow instead). */
  private forward(turns: readonly Turn[], anchor: Anchor, height: number, phaseText?: string): Viewport | undefined {
    const top = this.move(turns, anchor, 0);
    const rows: ChatRow[] = [];
    let turnIndex = top.turnIndex;
    let row = top.row;
    let below = 0;
    for (; turnIndex < turns.length; turnIndex++) {
      const block = this.doc.block(turns, turnIndex, phaseText);
      if (rows.length < height) {
        const take = block.slice(row, row + (height - rows.length));
        rows.push(...take);
        below += Math.max(0, block.length - row - take.length);
      } else {
        below += block.length;
      }
      row = 0;
      if (below >= BELOW_COUNT_CAP) break;
    }
    if (below === 0) return undefined;
    return { rows, top, below: Math.min(below, BELOW_COUNT_CAP), atBottom: false };
  }
}

/**
 * The chat viewport: which rows of which turns are visible, and scrolling. Following the bottom it walks
 * back from the last turn only until the pane is full; scrolled up it walks forward from an anchor
 * (turn index, row in that turn). Either way only the turns that intersect the viewport are built.
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

/** Counting the rows below the viewport stops here (the hint then says "1000+"). */
export const BELOW_COUNT_CAP = 1000;

export class ChatScroller {
  follow = true;
  anchor: Anchor = { turnIndex: 0, row: 0 };
  private lastTop: Anchor = { turnIndex: 0, row: 0 };
  private lastHeight = 1;

  constructor(readonly doc: ChatDocument) {}

  /** Jump to the bottom and stick to it (End, sending a message). */
  toBottom(): void {
    this.follow = true;
  }

  /** Show the start of turn `index`: nothing when following and its first row is on screen, else scroll there. */
  reveal(turns: readonly Turn[], index: number): void {
    if (index < 0 || index >= turns.length) return;
    const top = this.lastTop;
    if (this.follow && (index > top.turnIndex || (index === top.turnIndex && top.row === 0))) return;
    this.anchor = { turnIndex: index, row: 0 };
    this.follow = false;
  }

  pageUp(turns: readonly Turn[]): void {
    if (turns.length === 0) return;
    const from = this.follow ? this.lastTop : this.anchor;
    this.anchor = this.move(turns, from, -Math.max(1, this.lastHeight - 1));
    this.follow = false;
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

  view(turns: readonly Turn[], height: number, phaseText?: string): Viewport {
    this.lastHeight = height;
    if (turns.length === 0 || height <= 0) {
      this.follow = true;
      return { rows: [], top: { turnIndex: 0, row: 0 }, below: 0, atBottom: true };
    }
    if (!this.follow) {
      const fromAnchor = this.forward(turns, height, phaseText);
      if (fromAnchor) return fromAnchor;
      this.follow = true;
    }
    return this.bottom(turns, height, phaseText);
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
    this.lastTop = { turnIndex, row: skip };
    return { rows: chunks.reverse().flat(), top: this.lastTop, below: 0, atBottom: true };
  }

  /** Rows from the anchor down; undefined when that would reach the bottom (then follow instead). */
  private forward(turns: readonly Turn[], height: number, phaseText?: string): Viewport | undefined {
    const top = this.move(turns, this.anchor, 0);
    this.anchor = top;
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
    this.lastTop = top;
    return { rows, top, below: Math.min(below, BELOW_COUNT_CAP), atBottom: false };
  }
}

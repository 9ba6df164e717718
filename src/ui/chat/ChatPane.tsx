/**
 * The chat pane: a framed window of pre-wrapped rows. Follows the bottom while streaming unless the user
 * scrolled up; then the bottom edge says how many rows are below.
 *
 * Render is pure with respect to the scroll state: the viewport is computed from the scroller's committed
 * state and the new state is committed in a layout effect. (The document's width and selection are the
 * keys of its wrap caches: setting them to the props is idempotent.)
 */
import { memo, useLayoutEffect } from 'react';
import type { Turn } from '../../session/types.js';
import type { ChatDisplay } from './chatLines.js';
import type { ChatScroller } from './chatViewport.js';
import { BELOW_COUNT_CAP } from './chatViewport.js';
import { ChatRows, plainRows } from './ChatRows.js';
import { Frame } from '../common/Frame.js';

export interface ChatPaneProps {
  turns: readonly Turn[];
  width: number;
  height: number;
  scroller: ChatScroller;
  /** Live phase text for a streaming turn without answer text yet, e.g. "thinking · 38 s". */
  phaseText?: string;
  /** Bumped by the owner when scrolling changed (PgUp/PgDn), so memoized parents re-render. */
  scrollRev?: number;
  /** The selected turn and which turns show their reasoning inline. */
  display?: ChatDisplay;
  /**
   * Jump scrolling beside the side panel: following the bottom, the window advances by this many rows
   * at once (0 or left out: one row per row, which the screen writer turns into hardware scrolls).
   */
  jump?: number;
}

/** Rows a jump advances the chat beside the panel: half its text rows. */
export function chatJumpRows(textRows: number): number {
  return textRows >= 4 ? Math.floor(textRows / 2) : 0;
}

/** Text columns inside the chat frame (border and one space of padding on each side). */
export function chatTextWidth(paneWidth: number): number {
  return Math.max(1, paneWidth - 4);
}

/**
 * Memoized: a keystroke in the input or a figure in the panel does not re-render the chat (the store's
 * touchTurns hands out a new turns array when a turn changed).
 */
export const ChatPane = memo(function ChatPane({ turns, width, height, scroller, phaseText, display, jump }: ChatPaneProps) {
  const textRows = Math.max(0, height - 2);
  scroller.doc.setWidth(chatTextWidth(width));
  scroller.doc.setDisplay(display ?? {});
  const view = turns.length === 0 ? undefined : scroller.compute(turns, textRows, { phaseText, jump });
  useLayoutEffect(() => {
    if (view) scroller.commit(view);
  }, [scroller, view]);
  if (!view) {
    const hint = plainRows(['Type a message and press Enter. F1 shows every key.'], 'muted');
    return (
      <Frame title="Chat" width={width} height={height}>
        <ChatRows rows={hint} height={textRows} />
      </Frame>
    );
  }
  const below = view.atBottom
    ? undefined
    : `↓ ${view.below >= BELOW_COUNT_CAP ? `${BELOW_COUNT_CAP}+` : view.below} more · End`;
  return (
    <Frame title="Chat" width={width} height={height} bottomLabel={below}>
      <ChatRows rows={view.rows} height={textRows} />
    </Frame>
  );
});

/** F1: every key and what it does, drawn in place of the chat pane (never over CJK cells). */
import { truncateToWidth } from '../../core/wrap.js';
import type { ChatRow } from '../chatLines.js';
import { KEY_HELP } from '../keymap.js';
import { ChatRows } from './ChatRows.js';
import { chatTextWidth } from './ChatPane.js';
import { Frame } from './Frame.js';

export function helpRows(width: number): ChatRow[] {
  const keyWidth = Math.max(...KEY_HELP.map((k) => k.keys.length)) + 2;
  const rows: ChatRow[] = KEY_HELP.map((k) => ({
    gutter: k.keys.padEnd(keyWidth),
    gutterToken: 'accent',
    body: truncateToWidth(k.action, Math.max(1, width - keyWidth)),
    bodyToken: 'text',
  }));
  return rows;
}

export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const rows = helpRows(chatTextWidth(width));
  const textRows = Math.max(0, height - 2);
  const hidden = rows.length - textRows;
  return (
    <Frame
      title="Help · Esc or F1 closes"
      width={width}
      height={height}
      active
      bottomLabel={hidden > 0 ? `${hidden} more: enlarge the window` : undefined}
    >
      <ChatRows rows={rows} height={textRows} />
    </Frame>
  );
}

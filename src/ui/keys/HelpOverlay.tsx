/** F1: every key and what it does, drawn in place of the chat pane (never over CJK cells). */
import { truncateToWidth } from '../../core/wrap.js';
import type { ChatRow } from '../chat/chatLines.js';
import { keyHelpInForce } from './keyOverrides.js';
import { useKeyTable } from './keyTableContext.js';
import { DEFAULT_BINDINGS, type KeyBindings } from '../../core/keyBindings.js';
import { ChatRows } from '../chat/ChatRows.js';
import { chatTextWidth } from '../chat/ChatPane.js';
import { Frame } from '../common/Frame.js';

export function helpRows(width: number, bindings: KeyBindings = DEFAULT_BINDINGS): ChatRow[] {
  // The keys in force: the config may have moved some actions to other keys.
  const help = keyHelpInForce(bindings);
  const keyWidth = Math.max(...help.map((k) => k.keys.length)) + 2;
  const rows: ChatRow[] = help.map((k) => ({
    gutter: k.keys.padEnd(keyWidth),
    gutterToken: 'accent',
    body: truncateToWidth(k.action, Math.max(1, width - keyWidth)),
    bodyToken: 'text',
  }));
  return rows;
}

export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const rows = helpRows(chatTextWidth(width), useKeyTable().bindings);
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

/**
 * F6: the list of saved conversations in place of the chat: date, first question, turn count.
 * ↑/↓ move, Enter opens, e exports to Markdown (E without reasoning), Esc closes (handled by the shell).
 * The list is read once when F6 opens it; its state and keys live in the shell (conversationList.ts), so
 * keys that arrive in the same read as F6, before this component has rendered, still act on it.
 */
import { sanitize } from '../../core/sanitize.js';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import type { ConversationListItem } from '../../session/types.js';
import type { ChatRow } from '../chat/chatLines.js';
import type { ConversationList } from './conversationList.js';
import { ChatRows } from '../chat/ChatRows.js';
import { chatTextWidth } from '../chat/ChatPane.js';
import { Frame } from '../common/Frame.js';

export interface ConversationsOverlayProps {
  width: number;
  height: number;
  /** The list as F6 read it, with the highlighted row (the shell's state). */
  list: ConversationList;
  /** Local time zone formatting (tests fix it). */
  formatDate?: (d: Date) => string;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** One row per conversation: `2026-11-28 18:02  3 turns  What is distillation…`; the selected one marked. */
export function conversationRows(items: readonly ConversationListItem[], selected: number, width: number, format = localDate): ChatRow[] {
  return items.map((item, i) => {
    const count = `${item.turnCount} turn${item.turnCount === 1 ? '' : 's'}`.padEnd(9);
    const gutter = `${i === selected ? '›' : ' '} ${format(item.updatedAt)}  ${count} `;
    const question = sanitize(item.firstQuestion).replace(/\s+/g, ' ').trim() + (item.problem ? ` (${item.problem})` : '');
    return {
      gutter,
      gutterToken: i === selected ? 'accent' : 'muted',
      body: truncateToWidth(question, Math.max(1, width - displayWidth(gutter))),
      bodyToken: i === selected ? 'text' : 'muted',
      bold: i === selected,
    };
  });
}

export function ConversationsOverlay({ width, height, list, formatDate }: ConversationsOverlayProps) {
  const { items, index } = list;
  const textRows = Math.max(0, height - 2);

  const textWidth = chatTextWidth(width);
  let rows: ChatRow[];
  if (!list.available) rows = [{ gutter: '', body: 'Saving conversations is not available here.', bodyToken: 'muted' }];
  else if (items.length === 0) rows = [{ gutter: '', body: 'No saved conversations yet: they are saved as you chat.', bodyToken: 'muted' }];
  else rows = conversationRows(items, index, textWidth, formatDate);
  if (list.skipped.length > 0) {
    // one row per unreadable file (name: why), so a truncated or refused file is listed, not lost
    const shown = list.skipped.slice(0, 5).map((s) => ({ gutter: '', body: truncateToWidth(`  ${sanitize(s)}`, textWidth), bodyToken: 'warn' as const }));
    const more = list.skipped.length > shown.length ? [{ gutter: '', body: `  … and ${list.skipped.length - shown.length} more`, bodyToken: 'warn' as const }] : [];
    rows = [...rows, { gutter: '', body: '' }, { gutter: '', body: `Skipped ${list.skipped.length} unreadable file(s):`, bodyToken: 'warn' }, ...shown, ...more];
  }
  // Keep the selected row visible.
  const top = Math.max(0, Math.min(index - Math.floor(textRows / 2), rows.length - textRows));
  const visible = rows.slice(top, top + textRows);
  const hidden = rows.length - top - visible.length;
  return (
    <Frame
      title="Conversations · ↑/↓ Enter opens · e export (E: no reasoning) · Esc"
      width={width}
      height={height}
      active
      bottomLabel={hidden > 0 ? `↓ ${hidden} more` : undefined}
    >
      <ChatRows rows={visible} height={textRows} />
    </Frame>
  );
}

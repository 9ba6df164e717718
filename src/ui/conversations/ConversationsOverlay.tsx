/**
 * F6: the list of saved conversations in place of the chat: date, first question, turn count.
 * ↑/↓ move, Enter opens, e exports to Markdown (E without reasoning), Esc closes (handled by the shell).
 * It reads the list once when it opens; it owns its keys while mounted.
 */
import { useInput } from 'ink';
import { useMemo, useState } from 'react';
import { sanitize } from '../../core/sanitize.js';
import { displayWidth, truncateToWidth } from '../../core/wrap.js';
import type { ConversationListItem, ExtraActions } from '../../session/types.js';
import type { ChatRow } from '../chat/chatLines.js';
import { ChatRows } from '../chat/ChatRows.js';
import { chatTextWidth } from '../chat/ChatPane.js';
import { useExtraActions } from './ConversationsContext.js';
import { Frame } from '../common/Frame.js';

export interface ConversationsOverlayProps {
  width: number;
  height: number;
  /** Close the overlay after a conversation was loaded into the chat (the chat view is reset then). */
  onClose: () => void;
  /** A conversation was loaded into the chat or one was exported: say so. */
  onDone: (sentence: string, level: 'info' | 'warn' | 'error') => void;
  /** Overrides the context (tests). */
  extras?: ExtraActions;
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

export function ConversationsOverlay({ width, height, onClose, onDone, extras, formatDate }: ConversationsOverlayProps) {
  const fromContext = useExtraActions();
  const conversations = (extras ?? fromContext).conversations;
  const listed = useMemo(() => conversations?.list() ?? { items: [], skipped: [] }, [conversations]);
  const [index, setIndex] = useState(0);
  const items = listed.items;
  const textRows = Math.max(0, height - 2);

  useInput((input, key) => {
    if (!conversations || items.length === 0) return;
    if (key.upArrow) setIndex((i) => Math.max(0, i - 1));
    else if (key.downArrow) setIndex((i) => Math.min(items.length - 1, i + 1));
    else if (key.pageUp) setIndex((i) => Math.max(0, i - Math.max(1, textRows - 1)));
    else if (key.pageDown) setIndex((i) => Math.min(items.length - 1, i + Math.max(1, textRows - 1)));
    else if (key.return) {
      const chosen = items[index];
      if (!chosen) return;
      conversations.open(chosen.id);
      onClose();
    } else if ((input === 'e' || input === 'E') && !key.ctrl && !key.meta && conversations.exportMarkdown) {
      const chosen = items[index];
      if (!chosen) return;
      const sentence = conversations.exportMarkdown(chosen.id, input === 'e');
      onDone(sentence, sentence.startsWith('Export failed') ? 'error' : 'info');
    }
  });

  const textWidth = chatTextWidth(width);
  let rows: ChatRow[];
  if (!conversations) rows = [{ gutter: '', body: 'Saving conversations is not available here.', bodyToken: 'muted' }];
  else if (items.length === 0) rows = [{ gutter: '', body: 'No saved conversations yet: they are saved as you chat.', bodyToken: 'muted' }];
  else rows = conversationRows(items, index, textWidth, formatDate);
  if (listed.skipped.length > 0) {
    // one row per unreadable file (name: why), so a truncated or refused file is listed, not lost
    const shown = listed.skipped.slice(0, 5).map((s) => ({ gutter: '', body: truncateToWidth(`  ${sanitize(s)}`, textWidth), bodyToken: 'warn' as const }));
    const more = listed.skipped.length > shown.length ? [{ gutter: '', body: `  … and ${listed.skipped.length - shown.length} more`, bodyToken: 'warn' as const }] : [];
    rows = [...rows, { gutter: '', body: '' }, { gutter: '', body: `Skipped ${listed.skipped.length} unreadable file(s):`, bodyToken: 'warn' }, ...shown, ...more];
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

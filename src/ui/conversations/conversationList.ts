/**
 * The F6 list of saved conversations as pure state and keys. The shell keeps this state in a ref
 * (useShellState), so F6, ↓ and Enter arriving in one read (common over SSH) act on the entry ↓ chose,
 * not on what the list showed when it last rendered.
 */
import type { ConversationActions, ConversationListItem } from '../../session/types.js';
import type { KeyAction } from '../../core/keyBindings.js';

export interface ConversationList {
  items: readonly ConversationListItem[];
  skipped: readonly string[];
  /** The highlighted row. */
  index: number;
  /** False when saving conversations is not available (no actions wired). */
  available: boolean;
}

export const emptyConversationList: ConversationList = { items: [], skipped: [], index: 0, available: false };

/** Read the list once, as F6 opens it. */
export function openConversationList(conversations: ConversationActions | undefined): ConversationList {
  if (!conversations) return emptyConversationList;
  const { items, skipped } = conversations.list();
  return { items, skipped, index: 0, available: true };
}

export type ConversationListResult =
  | { kind: 'move'; list: ConversationList }
  | { kind: 'open'; id: string }
  | { kind: 'export'; id: string; reasoning: boolean };

/** A bound key while the list is open; `page` is the rows one PgUp/PgDn moves. */
export function conversationListAction(list: ConversationList, action: KeyAction, page: number): ConversationListResult | undefined {
  const count = list.items.length;
  if (count === 0) return undefined;
  const step = Math.max(1, page);
  const to = (index: number): ConversationListResult => ({ kind: 'move', list: { ...list, index: Math.max(0, Math.min(count - 1, index)) } });
  switch (action) {
    case 'up':
      return to(list.index - 1);
    case 'down':
      return to(list.index + 1);
    case 'pageUp':
      return to(list.index - step);
    case 'pageDown':
      return to(list.index + step);
    case 'send': {
      const chosen = list.items[list.index];
      return chosen ? { kind: 'open', id: chosen.id } : undefined;
    }
    default:
      return undefined;
  }
}

/** Typed text while the list is open: e exports with reasoning, E without. */
export function conversationListText(list: ConversationList, text: string): ConversationListResult | undefined {
  if (text !== 'e' && text !== 'E') return undefined;
  const chosen = list.items[list.index];
  return chosen ? { kind: 'export', id: chosen.id, reasoning: text === 'e' } : undefined;
}

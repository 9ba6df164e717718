/**
 * Keys for everyday chat that the shell's dispatcher does not bind: F6 conversation list, Ctrl+N new
 * conversation, Ctrl+Y copy the answer, Alt+Y copy the reasoning, Alt+1..9 copy code block N — of the
 * turn selected with Alt+↑/↓, or of the last turn when none is selected.
 * A second key listener: these keys produce no text and no shell action, so nothing else sees them.
 */
import type { Key } from 'ink';
import { useRef } from 'react';
import type { AppActions, CopyTarget } from '../../session/types.js';
import { openConversationList, type ConversationList } from './conversationList.js';
import { useKeypress } from '../keys/useKeypress.js';
import { useActions } from '../shell/StoreContext.js';
import type { UiHint } from '../common/hint.js';

export const F6_SEQUENCES: readonly string[] = ['\u001B[17~'];

export type EverydayKey = { kind: 'conversations' } | { kind: 'newConversation' } | { kind: 'copy'; target: CopyTarget };

/** Ink 6.8: Ctrl+letter = (letter, ctrl); Alt+letter or digit = (letter, meta) from "\x1b<c>". */
export function matchEverydayKey(input: string, key: Key): EverydayKey | undefined {
  if (key.ctrl && !key.meta) {
    if (input === 'n') return { kind: 'newConversation' };
    if (input === 'y') return { kind: 'copy', target: { kind: 'answer' } };
    return undefined;
  }
  if (key.meta && !key.ctrl) {
    if (input === 'y') return { kind: 'copy', target: { kind: 'reasoning' } };
    if (/^[1-9]$/.test(input)) return { kind: 'copy', target: { kind: 'code', index: Number(input) } };
  }
  return undefined;
}

/** The parts of the shell state these keys use (a subset of ShellState). */
export interface EverydayShell {
  getOverlay(): string;
  setOverlay(overlay: 'none' | 'conversations'): void;
  /** The F6 list's state (read when F6 opens it). */
  setConversationList?(list: ConversationList): void;
  setHint(hint: UiHint | null): void;
  /** The turn selected with Alt+↑/↓ (copy keys act on it). */
  getSelectedTurnId?(): number | undefined;
  scroller: { doc: { setWidth(width: number): void }; toBottom(): void };
  scrolled(): void;
}

/** After the store's turns were replaced: drop the chat's per-turn caches and follow the bottom. */
export function resetChatView(ui: EverydayShell): void {
  ui.scroller.doc.setWidth(0);
  ui.scroller.toBottom();
  ui.scrolled();
}

export function runEverydayKey(k: EverydayKey, ui: EverydayShell, extras: Pick<AppActions, 'conversations' | 'copy'>): void {
  const overlay = ui.getOverlay();
  if (k.kind === 'conversations') {
    if (overlay === 'conversations') ui.setOverlay('none');
    else if (overlay === 'none') {
      ui.setConversationList?.(openConversationList(extras.conversations));
      ui.setOverlay('conversations');
    }
    return;
  }
  if (overlay !== 'none') return;
  if (k.kind === 'newConversation') {
    if (!extras.conversations) return;
    extras.conversations.startNew();
    resetChatView(ui);
    return;
  }
  if (!extras.copy) {
    ui.setHint({ text: 'Copying is not available here.', level: 'warn' });
    return;
  }
  const turnId = ui.getSelectedTurnId?.();
  extras.copy(turnId === undefined ? k.target : { ...k.target, turnId });
}

export function useEverydayKeys(ui: EverydayShell): void {
  const extras = useActions();
  const ref = useRef({ ui, extras });
  ref.current = { ui, extras };
  useKeypress(({ input, key }, raw) => {
    if (F6_SEQUENCES.includes(raw)) return runEverydayKey({ kind: 'conversations' }, ref.current.ui, ref.current.extras);
    const k = matchEverydayKey(input, key);
    if (k) runEverydayKey(k, ref.current.ui, ref.current.extras);
  });
}

/**
 * Input comfort for the shell's key dispatcher: prompt history on ↑/↓ (when the caret is on the first
 * or last line, or the box is empty), and regenerate (re-send the last question as a new turn).
 * The history lives in the shell's state (a ref the shell owns, see useShellState), outside React's
 * render state, so several keypresses before a re-render each see the previous one's step.
 */
import type { Turn } from '../../session/types.js';
import { caretOnFirstLine, caretOnLastLine, type InputBuffer } from './inputBuffer.js';
import { emptyHistory, historyBack, historyForward, remember, type InputHistory } from './inputHistory.js';

/** Where one shell keeps its prompt history. */
export interface HistoryHolder {
  current: InputHistory;
}

export function newHistoryHolder(): HistoryHolder {
  return { current: emptyHistory };
}

export function rememberPrompt(holder: HistoryHolder, prompt: string): void {
  holder.current = remember(holder.current, prompt);
}

/**
 * ↑/↓ in the input: the text to put in the box when the key moves in the history, or undefined when it
 * should move the caret instead.
 */
export function historyKey(holder: HistoryHolder, direction: 'up' | 'down', buffer: InputBuffer): string | undefined {
  const history = holder.current;
  if (direction === 'up') {
    if (!caretOnFirstLine(buffer)) return undefined;
    const step = historyBack(history, buffer.text);
    if (!step) return undefined;
    holder.current = step.history;
    return step.text;
  }
  if (!caretOnLastLine(buffer)) return undefined;
  const step = historyForward(history);
  if (!step) return undefined;
  holder.current = step.history;
  return step.text;
}

/** The question to send again for "regenerate", or a sentence saying why not. */
export function regenerateText(turns: readonly Turn[], busy: boolean): { text: string } | { why: string } {
  if (busy) return { why: 'Still answering: Esc stops it first.' };
  const last = turns.at(-1);
  if (!last) return { why: 'Nothing to regenerate yet.' };
  return { text: last.user };
}

/**
 * Input comfort for the shell's key dispatcher: prompt history on ↑/↓ (when the caret is on the first
 * or last line, or the box is empty), and regenerate (re-send the last question as a new turn).
 * The history lives per shell (keyed by a stable object of the shell), outside React state.
 */
import type { Turn } from '../../session/types.js';
import { caretOnFirstLine, caretOnLastLine, type InputBuffer } from './inputBuffer.js';
import { emptyHistory, historyBack, historyForward, remember, type InputHistory } from './inputHistory.js';

const histories = new WeakMap<object, InputHistory>();

export function rememberPrompt(owner: object, prompt: string): void {
  histories.set(owner, remember(histories.get(owner) ?? emptyHistory, prompt));
}

/**
 * ↑/↓ in the input: the text to put in the box when the key moves in the history, or undefined when it
 * should move the caret instead.
 */
export function historyKey(owner: object, direction: 'up' | 'down', buffer: InputBuffer): string | undefined {
  const history = histories.get(owner) ?? emptyHistory;
  if (direction === 'up') {
    if (!caretOnFirstLine(buffer)) return undefined;
    const step = historyBack(history, buffer.text);
    if (!step) return undefined;
    histories.set(owner, step.history);
    return step.text;
  }
  if (!caretOnLastLine(buffer)) return undefined;
  const step = historyForward(history);
  if (!step) return undefined;
  histories.set(owner, step.history);
  return step.text;
}

/** The question to send again for "regenerate", or a sentence saying why not. */
export function regenerateText(turns: readonly Turn[], busy: boolean): { text: string } | { why: string } {
  if (busy) return { why: 'Still answering: Esc stops it first.' };
  const last = turns.at(-1);
  if (!last) return { why: 'Nothing to regenerate yet.' };
  return { text: last.user };
}

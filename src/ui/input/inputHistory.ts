/**
 * History of sent prompts for ↑/↓ in the input box, as a pure value. `index` = how far back the user
 * is (-1: editing the draft). Going back saves the draft; coming forward past the newest restores it.
 * ↑ on an empty box recalls the last prompt (edit and re-send it).
 */
export interface InputHistory {
  /** Sent prompts, oldest first, without consecutive duplicates. */
  entries: readonly string[];
  index: number;
  draft: string;
}

export const emptyHistory: InputHistory = { entries: [], index: -1, draft: '' };

export const HISTORY_LIMIT = 500;

export function remember(history: InputHistory, prompt: string): InputHistory {
  const entries = history.entries.at(-1) === prompt ? history.entries : [...history.entries, prompt].slice(-HISTORY_LIMIT);
  return { entries, index: -1, draft: '' };
}

/** One step back (older). Returns the new history and the text to show, or undefined at the oldest. */
export function historyBack(history: InputHistory, current: string): { history: InputHistory; text: string } | undefined {
  const next = history.index + 1;
  if (next >= history.entries.length) return undefined;
  const draft = history.index === -1 ? current : history.draft;
  return { history: { ...history, index: next, draft }, text: history.entries[history.entries.length - 1 - next]! };
}

/** One step forward (newer); past the newest entry the saved draft comes back. */
export function historyForward(history: InputHistory): { history: InputHistory; text: string } | undefined {
  if (history.index < 0) return undefined;
  const next = history.index - 1;
  if (next < 0) return { history: { ...history, index: -1, draft: '' }, text: history.draft };
  return { history: { ...history, index: next }, text: history.entries[history.entries.length - 1 - next]! };
}

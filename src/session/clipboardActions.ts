/**
 * The copy keys' action: pick the text from the selected turn (Alt+↑/↓) or else the last one, copy it,
 * and say exactly what was copied and how: `Copied code block 2 of turn 3 (python, 412 bytes) via OSC 52.`
 */
import { fencedCodeBlocks } from '../core/markdownBlocks.js';
import { sanitize } from '../core/sanitize.js';
import type { AppStore } from './store.js';
import type { CopyTarget, Notice, Turn } from './types.js';
import { showNotice } from './notices.js';
import { copySentence, copyText, type ClipboardDeps } from '../system/clipboard.js';

export type CopySource = { text: string; what: string; detail?: string } | { missing: string };

/** The turn a copy key means: the selected one when it still exists, else the last. */
function targetTurn(turns: readonly Turn[], turnId: number | undefined): { turn: Turn; position: number; selected: boolean } | undefined {
  if (turnId !== undefined) {
    const index = turns.findIndex((t) => t.id === turnId);
    if (index >= 0) return { turn: turns[index]!, position: index + 1, selected: true };
  }
  const turn = turns.at(-1);
  return turn ? { turn, position: turns.length, selected: false } : undefined;
}

/** What to copy and how to name it, or a sentence saying why there is nothing. */
export function copySource(store: AppStore, target: CopyTarget): CopySource {
  const found = targetTurn(store.getState().turns, target.turnId);
  if (!found) return { missing: 'Nothing to copy yet: ask something first.' };
  const { turn, position, selected } = found;
  // "the answer of turn 3" for a selected turn, "the last answer" otherwise.
  const of = (thing: string) => (selected ? `the ${thing} of turn ${position}` : `the last ${thing}`);
  const where = selected ? `Turn ${position}` : 'The last turn';
  if (target.kind === 'answer') {
    const text = sanitize(turn.answer).trim();
    return text ? { text, what: of('answer') } : { missing: `${where} has no answer text to copy.` };
  }
  if (target.kind === 'reasoning') {
    const text = sanitize(turn.thinking).trim();
    return text ? { text, what: of('reasoning') } : { missing: `${where} has no reasoning to copy.` };
  }
  const blocks = fencedCodeBlocks(sanitize(turn.answer));
  const block = blocks[target.index - 1];
  const answer = selected ? `The answer of turn ${position}` : 'The last answer';
  if (!block) {
    return {
      missing:
        blocks.length === 0
          ? `${answer} has no code block.`
          : `${answer} has ${blocks.length} code block${blocks.length === 1 ? '' : 's'}; there is no block ${target.index} (Alt+1-${Math.min(9, blocks.length)}).`,
    };
  }
  const what = selected ? `code block ${target.index} of turn ${position}` : `code block ${target.index} of the last answer`;
  return { text: block.code, what, ...(block.lang ? { detail: sanitize(block.lang) } : {}) };
}

export function createCopyAction(store: AppStore, deps: ClipboardDeps): (target: CopyTarget) => void {
  return (target) => {
    const source = copySource(store, target);
    let text: string;
    let level: Notice['level'] = 'info';
    if ('missing' in source) {
      text = source.missing;
      level = 'warn';
    } else {
      const result = copyText(source.text, deps);
      text = copySentence(source.what, result, source.detail);
      if (result.how !== 'osc52') level = 'warn';
    }
    showNotice(store, text, level);
  };
}

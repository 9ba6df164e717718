/** The copy keys' action: pick the text from the last turn, copy it, and say what happened. */
import { fencedCodeBlocks } from '../core/markdownBlocks.js';
import { sanitize } from '../core/sanitize.js';
import type { AppStore } from '../session/store.js';
import type { CopyTarget, Notice } from '../session/types.js';
import { copySentence, copyText, type ClipboardDeps } from './clipboard.js';

/** What to copy and how to name it, or a sentence saying why there is nothing. */
export function copySource(store: AppStore, target: CopyTarget): { text: string; what: string } | { missing: string } {
  const turn = store.getState().turns.at(-1);
  if (!turn) return { missing: 'Nothing to copy yet: ask something first.' };
  if (target.kind === 'answer') {
    const text = sanitize(turn.answer).trim();
    return text ? { text, what: 'the last answer' } : { missing: 'The last turn has no answer text to copy.' };
  }
  if (target.kind === 'reasoning') {
    const text = sanitize(turn.thinking).trim();
    return text ? { text, what: 'the last reasoning' } : { missing: 'The last turn has no reasoning to copy.' };
  }
  const blocks = fencedCodeBlocks(sanitize(turn.answer));
  const block = blocks[target.index - 1];
  if (!block) {
    return { missing: blocks.length === 0 ? 'The last answer has no code block.' : `The last answer has ${blocks.length} code block(s); there is no block ${target.index}.` };
  }
  return { text: block.code, what: `code block ${target.index}${block.lang ? ` (${block.lang})` : ''}` };
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
      text = copySentence(source.what, result);
      if (result.how !== 'osc52') level = 'warn';
    }
    store.update({ notice: { text, level, at: performance.now() } });
    store.flush();
  };
}

import { describe, expect, it } from 'vitest';
import {
  inlineOpen,
  NO_INLINE,
  nextReasoningMode,
  paneFolded,
  stepSelection,
  toggleInline,
} from '../../../src/ui/reasoning/reasoningFold.js';
import { makeTurn } from '../turns.js';

describe('reasoning fold modes', () => {
  const thinking = makeTurn(2, { status: 'streaming', answer: '', thinking: 'hmm', firstThinkingAt: 1 });
  const answering = { ...thinking, answer: 'Hi', firstAnswerAt: 5 };
  const done = makeTurn(2, { thinking: 'hmm', firstAnswerAt: 5 });

  it('cycles auto → folded → open → auto', () => {
    expect(nextReasoningMode('auto')).toBe('folded');
    expect(nextReasoningMode('folded')).toBe('open');
    expect(nextReasoningMode('open')).toBe('auto');
  });

  it('auto: open while thinking, folded once the answer starts and after the turn', () => {
    const fold = (lastTurn = thinking) => paneFolded({ mode: 'auto', override: null, lastTurn });
    expect(fold(thinking)).toBe(false);
    expect(fold(answering)).toBe(true);
    expect(fold(done)).toBe(true);
    expect(paneFolded({ mode: 'auto', override: null, lastTurn: undefined })).toBe(false);
    // A selected turn opens the pane to show its reasoning.
    expect(paneFolded({ mode: 'auto', override: null, lastTurn: done, selectedTurnId: 1 })).toBe(false);
  });

  it('folded and open ignore the phase; Ctrl+T overrides only for the turn it was pressed in', () => {
    expect(paneFolded({ mode: 'folded', override: null, lastTurn: thinking })).toBe(true);
    expect(paneFolded({ mode: 'open', override: null, lastTurn: done })).toBe(false);
    expect(paneFolded({ mode: 'auto', override: { turnId: 2, folded: false }, lastTurn: done })).toBe(false);
    const next = makeTurn(3, { status: 'streaming', answer: '', firstAnswerAt: 9 });
    expect(paneFolded({ mode: 'auto', override: { turnId: 2, folded: false }, lastTurn: next })).toBe(true);
  });
});

describe('inline reasoning and selection', () => {
  it('toggles one turn or all turns', () => {
    let s = toggleInline(NO_INLINE, 3);
    expect(inlineOpen(s, 3)).toBe(true);
    expect(inlineOpen(s, 4)).toBe(false);
    s = toggleInline(s);
    expect(inlineOpen(s, 3)).toBe(true);
    expect(inlineOpen(s, 4)).toBe(true);
    s = toggleInline(s, 4);
    expect(inlineOpen(s, 4)).toBe(false);
    s = toggleInline(s);
    expect(inlineOpen(s, 3)).toBe(false);
    expect(inlineOpen(s, 4)).toBe(false);
  });

  it('Alt+↑ from nothing picks the last turn, stops at the first; Alt+↓ past the last clears', () => {
    const turns = [makeTurn(1), makeTurn(2), makeTurn(3)];
    expect(stepSelection(turns, undefined, -1)).toBe(3);
    expect(stepSelection(turns, 3, -1)).toBe(2);
    expect(stepSelection(turns, 1, -1)).toBe(1);
    expect(stepSelection(turns, 2, 1)).toBe(3);
    expect(stepSelection(turns, 3, 1)).toBeUndefined();
    expect(stepSelection(turns, undefined, 1)).toBeUndefined();
    expect(stepSelection([], undefined, -1)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { reasoningStats, reasoningTitle, thoughtSummary } from '../../../src/ui/reasoning/reasoningStats.js';
import { makeTurn, thoughtTurn } from '../fixtures.js';

describe('thoughtSummary', () => {
  it('gives seconds from first to last thinking token, thinking tokens and their rate', () => {
    // 41 s, 1,830 tokens → 44.6 tok/s
    expect(thoughtSummary(thoughtTurn(), 999_999)).toBe('Thought 41 s · 1,830 tok · 44.6 tok/s');
  });

  it('uses the streamed thinking count, not eval_count (which also counts the answer)', () => {
    const turn = thoughtTurn({ thinkingTokens: 612, metrics: { evalCount: 9999, evalDuration: 1e9 } });
    expect(thoughtSummary(turn, 0)).toBe('Thought 41 s · 612 tok · 14.9 tok/s');
  });

  it('shows elapsed time while the model is still thinking', () => {
    const turn = makeTurn({
      status: 'streaming',
      thinking: 'Okay, let me',
      firstThinkingAt: 2_000,
      lastThinkingAt: 14_000,
      thinkingTokens: 301,
    });
    // 12 s so far (now − first token); rate over first → last token: 301 / 12 s
    expect(thoughtSummary(turn, 14_000)).toBe('Thinking 12 s · 301 tok · 25.1 tok/s');
    expect(reasoningStats(turn, 14_000).phase).toBe('thinking');
  });

  it('says when a turn has no reasoning, or is waiting for its first token', () => {
    expect(thoughtSummary(makeTurn({ thinking: '\n\n', answer: 'Hi' }), 0)).toBe('No reasoning for this turn');
    expect(thoughtSummary(makeTurn({ status: 'streaming', startedAt: 1_000 }), 3_500)).toBe(
      'Waiting for the first token · 2 s',
    );
  });

  it('while thinking shows the count and rate the stream controller refreshed (once a second), not every token', () => {
    const turn = makeTurn({
      status: 'streaming',
      thinking: 'Let me think.',
      answer: '',
      firstAnswerAt: undefined,
      firstThinkingAt: 2_000,
      lastThinkingAt: 5_900,
      thinkingTokens: 99,
      shown: { at: 4_000, thinkingTokens: 40 },
    });
    // 3 whole seconds since the first thinking token; 40 tokens in the 2 s up to the refresh
    expect(thoughtSummary(turn, 5_950)).toBe('Thinking 3 s · 40 tok · 20.0 tok/s');
  });

  it('marks a turn stopped while thinking', () => {
    const turn = thoughtTurn({ status: 'stopped', firstAnswerAt: undefined, answer: '' });
    expect(thoughtSummary(turn, 0)).toBe('Thought 41 s · 1,830 tok · 44.6 tok/s · stopped');
  });

  it('uses three significant figures for slow and fast rates', () => {
    const slow = thoughtTurn({ thinkingTokens: 65, firstThinkingAt: 0, lastThinkingAt: 41_000 });
    expect(thoughtSummary(slow, 0)).toBe('Thought 41 s · 65 tok · 1.59 tok/s');
    const fast = thoughtTurn({ thinkingTokens: 5000, firstThinkingAt: 0, lastThinkingAt: 12_000 });
    expect(thoughtSummary(fast, 0)).toBe('Thought 12 s · 5,000 tok · 417 tok/s');
  });
});

describe('reasoningTitle', () => {
  it('matches the design for a thinking turn', () => {
    const turn = makeTurn({
      status: 'streaming',
      thinking: 'Okay',
      firstThinkingAt: 0,
      lastThinkingAt: 37_900,
      thinkingTokens: 60, // 60 tok in 37.9 s = 1.58 tok/s
    });
    expect(reasoningTitle(turn, 38_000)).toBe('Reasoning ▾ thinking · 38 s · 60 tok · 1.58 tok/s');
  });

  it('names an earlier turn and a turn without reasoning', () => {
    expect(reasoningTitle(thoughtTurn(), 0, 'turn 2')).toBe('Reasoning ▾ turn 2 · thought · 41 s · 1,830 tok · 44.6 tok/s');
    expect(reasoningTitle(makeTurn(), 0)).toBe('Reasoning ▾ no reasoning');
    expect(reasoningTitle(undefined, 0)).toBe('Reasoning ▾');
  });
});

describe('thinking off', () => {
  it('says thinking was off when the request asked for no thinking', () => {
    expect(thoughtSummary(makeTurn({ answer: 'Hi', think: false }), 0)).toBe('No reasoning for this turn (thinking off)');
  });
});

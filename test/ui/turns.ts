import type { Turn } from '../../src/session/types.js';

export function makeTurn(id: number, over: Partial<Turn> = {}): Turn {
  return {
    id,
    user: `question ${id}`,
    model: 'deepseek-r1:32b',
    thinking: '',
    answer: `answer ${id}`,
    status: 'done',
    startedAt: 0,
    thinkingTokens: 0,
    answerTokens: 0,
    rev: 1,
    ...over,
  };
}

/** A history of `n` finished turns whose answers wrap to several rows each. */
export function longHistory(n: number, wordsPerAnswer = 60): Turn[] {
  return Array.from({ length: n }, (_, i) =>
    makeTurn(i + 1, {
      user: `question number ${i + 1}: tell me something`,
      answer: Array.from({ length: wordsPerAnswer }, (_, w) => `t${i + 1}w${w}`).join(' '),
    }),
  );
}

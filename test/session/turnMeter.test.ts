import { describe, expect, it } from 'vitest';
import { TurnMeter, evalRateOf } from '../../src/session/turnMeter.js';
import type { Turn } from '../../src/session/types.js';

function newTurn(): Turn {
  return { id: 1, user: 'q', model: 'm', thinking: '', answer: '', status: 'streaming', startedAt: 0, thinkingTokens: 0, answerTokens: 0, rev: 0 };
}

describe('TurnMeter', () => {
  it('counts thinking-field chunks and answer chunks, with phases and timestamps', () => {
    const t = newTurn();
    const m = new TurnMeter(t);
    expect(m.chunk('Okay', '', 100).phase).toBe('thinking');
    m.chunk(' so', '', 200);
    expect(m.chunk('', 'The', 300).phase).toBe('answering');
    m.chunk('', ' answer', 400);
    m.finish(500);
    expect(t).toMatchObject({ thinking: 'Okay so', answer: 'The answer', thinkingTokens: 2, answerTokens: 2 });
    expect(t).toMatchObject({ firstChunkAt: 100, firstThinkingAt: 100, lastThinkingAt: 200, firstAnswerAt: 300 });
    expect(t.rev).toBeGreaterThan(4);
  });

  it('counts invisible tag chunks with the next visible one (raw <think> tags)', () => {
    const t = newTurn();
    const m = new TurnMeter(t);
    expect(m.chunk('', '<think>', 10).phase).toBe('loading');
    m.chunk('', '\n', 20);
    m.chunk('', 'Hmm', 30);
    m.chunk('', '</think>', 40);
    m.chunk('', '\n\n', 50);
    m.chunk('', 'Paris', 60);
    m.finish(70);
    expect(t.thinking).toBe('Hmm');
    expect(t.answer).toBe('Paris');
    expect(t.thinkingTokens + t.answerTokens).toBe(6);
    expect(t.thinkingTokens).toBe(3);
    expect(t.answerTokens).toBe(3);
  });

  it('a retag moves answer tokens to thinking', () => {
    const t = newTurn();
    const m = new TurnMeter(t);
    m.chunk('', 'Reasoning', 10);
    m.chunk('', ' more', 20);
    expect(t.answerTokens).toBe(2);
    m.chunk('', '</think>', 30);
    m.chunk('', 'Answer', 40);
    m.finish(50);
    expect(t.thinking).toBe('Reasoning more');
    expect(t.answer).toBe('Answer');
    expect(t.thinkingTokens).toBe(3);
    expect(t.answerTokens).toBe(1);
    expect(t.firstThinkingAt).toBe(10);
    expect(t.firstAnswerAt).toBe(40);
  });

  it('live rates from the estimators, final rate from the metrics', () => {
    const t = newTurn();
    const m = new TurnMeter(t);
    for (let i = 0; i < 20; i++) m.chunk('x ', '', i * 100);
    const live = m.liveRates(1900, []);
    expect(live.thinkingRate).toBeCloseTo(10, 0);
    expect(live.rate).toBeCloseTo(10, 0);
    expect(live.answerRate).toBeUndefined();
    t.metrics = { evalCount: 187, evalDuration: 2_900_000_000 };
    t.endedAt = 2000;
    m.finish(2000);
    expect(m.finalRates([1]).rate).toBeCloseTo(187 / 2.9, 5);
    expect(evalRateOf({ evalCount: 10 })).toBeUndefined();
  });

  it('fires the loop detector on repeated reasoning, once', () => {
    const t = newTurn();
    const m = new TurnMeter(t);
    const para = 'I need to check whether the first case applies to the numbers given here, so let me compute it again carefully. ';
    let fired = 0;
    let evidence = '';
    for (let i = 0; i < 40; i++) {
      for (const word of para.split(/(?<= )/)) {
        const out = m.chunk(word, '', i);
        if (out.loopEvidence !== undefined) {
          fired++;
          evidence = out.loopEvidence;
        }
      }
    }
    expect(fired).toBe(1);
    expect(evidence.length).toBeGreaterThan(0);
  });
});

describe('TurnMeter live rates after thinking ends', () => {
  it('keeps the thinking phase final rate while answering instead of letting it decay', () => {
    const t = newTurn();
    const m = new TurnMeter(t);
    // 11 thinking chunks 100 ms apart: 10 tok/s.
    for (let i = 0; i <= 10; i++) m.chunk(`w${i} `, '', 1000 + i * 100);
    const during = m.liveRates(2000, []).thinkingRate;
    expect(during).toBeGreaterThan(5);
    m.chunk('', 'Answer', 2100);
    // Much later (the sliding window has long passed), still answering.
    for (let i = 1; i <= 5; i++) m.chunk('', ` a${i}`, 2100 + i * 4000);
    const later = m.liveRates(30_000, []);
    expect(later.thinkingRate).toBeCloseTo(10, 5);
    expect(later.answerRate).toBeDefined();
  });
});

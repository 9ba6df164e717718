import { afterEach, describe, expect, it, vi } from 'vitest';
import { IncrementalWrapper, displayWidth, wrapText } from '../../../src/core/wrap.js';
import { ReasoningWrapCache, tailRows } from '../../../src/ui/reasoning/reasoningLines.js';
import { makeTurn } from '../fixtures.js';

afterEach(() => vi.restoreAllMocks());

describe('ReasoningWrapCache', () => {
  it('wraps the sanitized thinking text like wrapText, without leading blank lines', () => {
    const cache = new ReasoningWrapCache();
    const thinking = '\n\nOkay, the user asks \u001b[31mabout\u001b[0m distillation. Let me recall how it works.';
    const lines = cache.lines(makeTurn({ thinking }), 20);
    expect([...lines]).toEqual(wrapText('Okay, the user asks about distillation. Let me recall how it works.', 20));
  });

  it('re-wraps only the appended text while a turn streams', () => {
    const cache = new ReasoningWrapCache();
    const append = vi.spyOn(IncrementalWrapper.prototype, 'append');
    const turn = makeTurn({ status: 'streaming', thinking: 'Okay, let me think about this. ', rev: 1 });
    cache.lines(turn, 30);
    expect(cache.work.rebuilds).toBe(1);

    turn.thinking += 'The teacher writes traces';
    turn.rev = 2;
    cache.lines(turn, 30);
    expect(cache.work.rebuilds).toBe(1);
    expect(append).toHaveBeenLastCalledWith('The teacher writes traces');
    expect(cache.work.appendedChars).toBe(turn.thinking.length);

    // Same rev and width: no work at all.
    const calls = append.mock.calls.length;
    cache.lines(turn, 30);
    expect(append.mock.calls.length).toBe(calls);
    expect(cache.work.hits).toBe(1);

    turn.thinking += ' and the student learns them.';
    turn.rev = 3;
    const lines = cache.lines(turn, 30);
    expect(append).toHaveBeenLastCalledWith(' and the student learns them.');
    expect([...lines]).toEqual(wrapText(turn.thinking, 30));
  });

  it('wraps from scratch on a new width or when the text was replaced', () => {
    const cache = new ReasoningWrapCache();
    const turn = makeTurn({ status: 'streaming', thinking: 'alpha beta gamma delta', rev: 1 });
    cache.lines(turn, 10);
    cache.lines(turn, 12);
    expect(cache.work.rebuilds).toBe(2);
    turn.thinking = 'something else entirely';
    turn.rev = 2;
    expect([...cache.lines(turn, 12)]).toEqual(wrapText('something else entirely', 12));
    expect(cache.work.rebuilds).toBe(3);
  });

  it('holds back an escape sequence split across two frames', () => {
    const cache = new ReasoningWrapCache();
    const turn = makeTurn({ status: 'streaming', thinking: 'red \u001b[3', rev: 1 });
    cache.lines(turn, 40);
    turn.thinking += '1mtext';
    turn.rev = 2;
    turn.status = 'done';
    expect([...cache.lines(turn, 40)]).toEqual(['red text']);
  });

  it('wraps Chinese thinking by display width (2 cells per character)', () => {
    const cache = new ReasoningWrapCache();
    const thinking = '嗯，用户问的是蒸馏。让我回忆一下：教师模型生成大约八十万个样本，然后学生模型在这些样本上微调。';
    const lines = cache.lines(makeTurn({ thinking }), 11);
    expect(lines.length).toBeGreaterThan(8);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(11);
    expect(lines.join('')).toBe(thinking);
  });
});

describe('tailRows', () => {
  it('returns the last rows, ignoring trailing blank rows', () => {
    expect(tailRows(['a', 'b', 'c', '', ' '], 2)).toEqual(['b', 'c']);
    expect(tailRows(['a'], 3)).toEqual(['a']);
    expect(tailRows(['a', 'b'], 0)).toEqual([]);
    expect(tailRows(['a', 'b', 'c', 'd', ''], 2, 1)).toEqual(['b', 'c']);
    expect(tailRows(['a', 'b', 'c', 'd'], 2, 99)).toEqual(['a', 'b']);
  });
});

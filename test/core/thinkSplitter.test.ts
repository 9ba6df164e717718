import { describe, expect, it } from 'vitest';
import { ThinkSplitter, type SplitResult } from '../../src/core/thinkSplitter.js';
import { loadRecordings } from './recordings.js';

/** Feeds content chunks; returns final state and checks that the reported deltas add up. */
function run(chunks: string[], thinkingChunks: string[] = []): { thinking: string; answer: string; retagged: boolean } {
  const s = new ThinkSplitter();
  let thinking = '';
  let answer = '';
  let retagged = false;
  const apply = (r: SplitResult) => {
    if (r.retagged) {
      retagged = true;
      answer = '';
    }
    thinking += r.thinkingAdded;
    answer += r.answerAdded;
  };
  chunks.forEach((c, i) => apply(s.push(thinkingChunks[i] ?? '', c)));
  apply(s.end());
  expect(thinking).toBe(s.thinking);
  expect(answer).toBe(s.answer);
  return { thinking: s.thinking, answer: s.answer, retagged };
}

describe('ThinkSplitter', () => {
  it('splits the usual R1 chunk pattern', () => {
    const r = run(['<think>', '\n', 'Okay', ', so', '.\n', '</think>', '\n\n', 'Paris', ' is it.']);
    expect(r).toEqual({ thinking: 'Okay, so.\n', answer: 'Paris is it.', retagged: false });
  });

  it('appends the thinking field as is', () => {
    const r = run(['', '', '', 'The', ' answer'], ['Okay', ',', ' hmm.\n', '', '']);
    expect(r).toEqual({ thinking: 'Okay, hmm.\n', answer: 'The answer', retagged: false });
  });

  it('treats output with no tags as all answer (leading whitespace dropped)', () => {
    expect(run(['\n', 'Hello', ' there', '\n\nBye'])).toEqual({ thinking: '', answer: 'Hello there\n\nBye', retagged: false });
  });

  it('handles empty reasoning blocks', () => {
    expect(run(['<think>', '\n\n', '</think>', '\n\n', 'Hi!'])).toEqual({ thinking: '', answer: 'Hi!', retagged: false });
    expect(run(['<think></think>Hi'])).toEqual({ thinking: '', answer: 'Hi', retagged: false });
  });

  it('retags when </think> arrives with no opening tag', () => {
    const s = new ThinkSplitter();
    expect(s.push('', ')\n\n')).toEqual({ thinkingAdded: '', answerAdded: ')\n\n', retagged: false });
    expect(s.push('', '</think>')).toEqual({ thinkingAdded: ')\n\n', answerAdded: '', retagged: true });
    expect(s.push('', '\n\n')).toEqual({ thinkingAdded: '', answerAdded: '', retagged: false });
    expect(s.push('', 'It')).toEqual({ thinkingAdded: '', answerAdded: 'It', retagged: false });
    expect(s.thinking).toBe(')\n\n');
    expect(s.answer).toBe('It');
  });

  it('never swallows text that only looks like a partial tag', () => {
    expect(run(['<thin', 'g> is not a tag'])).toEqual({ thinking: '', answer: '<thing> is not a tag', retagged: false });
    expect(run(['<think>', 'a </thi', 'nk about'])).toEqual({ thinking: 'a </think about', answer: '', retagged: false });
    expect(run(['x </th', 'ere'])).toEqual({ thinking: '', answer: 'x </there', retagged: false });
    expect(run(['<'])).toEqual({ thinking: '', answer: '<', retagged: false });
    expect(run(['<think>', 'reasoning </thi'])).toEqual({ thinking: 'reasoning </thi', answer: '', retagged: false });
  });

  it('holds back only a possible tag, and releases it as soon as it is clear', () => {
    const s = new ThinkSplitter();
    s.push('', '<think>');
    expect(s.push('', 'abc </th').thinkingAdded).toBe('abc ');
    expect(s.push('', 'e end').thinkingAdded).toBe('</the end');
  });

  it('finds tags split at every position', () => {
    const text = '<think>\nreason 中文 here.\n</think>\n\nThe answer 是.';
    const expected = { thinking: 'reason 中文 here.\n', answer: 'The answer 是.', retagged: false };
    for (let i = 0; i <= text.length; i++) {
      expect(run([text.slice(0, i), text.slice(i)]), `split at ${i}`).toEqual(expected);
      for (let j = i; j <= text.length; j++) {
        expect(run([text.slice(0, i), text.slice(i, j), text.slice(j)]), `split at ${i},${j}`).toEqual(expected);
      }
    }
    expect(run([...text])).toEqual(expected);
  });

  it('finds a retagging </think> split at every position', () => {
    const text = ')\n\n</think>\n\nIt works';
    for (let i = 0; i <= text.length; i++) {
      expect(run([text.slice(0, i), text.slice(i)]), `split at ${i}`).toEqual({ thinking: ')\n\n', answer: 'It works', retagged: true });
    }
  });

  it('keeps CJK split across chunks intact (including split surrogate pairs)', () => {
    const text = '<think>\n嗯，我现在🙂要想。\n</think>\n\n根据上述🙂';
    const units = text.split('');
    const r = run(units);
    expect(r.thinking).toBe('嗯，我现在🙂要想。\n');
    expect(r.answer).toBe('根据上述🙂');
  });

  it('treats tags after the reasoning closed as answer text', () => {
    expect(run(['<think>a</think>use ', '<think>', ' and </think> tags'])).toEqual({
      thinking: 'a',
      answer: 'use <think> and </think> tags',
      retagged: false,
    });
  });
});

describe('ThinkSplitter on recorded streams', () => {
  for (const rec of loadRecordings()) {
    it(rec.file, () => {
      const s = new ThinkSplitter();
      let thinking = '';
      let answer = '';
      for (const chunk of rec.chunks) {
        const r = s.push(chunk.thinking ?? '', chunk.content);
        if (r.retagged) answer = '';
        thinking += r.thinkingAdded;
        answer += r.answerAdded;
      }
      const r = s.end();
      thinking += r.thinkingAdded;
      answer += r.answerAdded;
      expect(thinking).toBe(s.thinking);
      expect(answer).toBe(s.answer);

      for (const out of [s.thinking, s.answer]) {
        expect(out).not.toContain('<think>');
        expect(out).not.toContain('</think>');
      }
      const content = rec.chunks.map((c) => c.content).join('');
      const field = rec.chunks.map((c) => c.thinking ?? '').join('');
      const close = content.indexOf('</think>');
      if (rec.thinking_style === 'thinking-field') {
        expect(s.thinking).toBe(field);
        expect(s.thinking.length).toBeGreaterThan(0);
        expect(s.answer).toBe(content.trimStart());
      } else {
        expect(close).toBeGreaterThanOrEqual(0);
        expect(s.answer).toBe(content.slice(close + '</think>'.length).trimStart());
        const open = content.indexOf('<think>');
        const reasoning = open >= 0 ? content.slice(open + '<think>'.length, close).trimStart() : content.slice(0, close);
        expect(s.thinking).toBe(reasoning);
        expect(s.thinking.trim().length).toBeGreaterThan(0);
      }
      expect(s.answer.length).toBeGreaterThan(0);
      expect(/^\s/.test(s.answer)).toBe(false);
    });
  }
});

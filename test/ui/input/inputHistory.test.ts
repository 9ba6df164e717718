import { describe, expect, it } from 'vitest';
import { caretOnFirstLine, caretOnLastLine, reduceInput, wordLeft, wordRight } from '../../../src/ui/input/inputBuffer.js';
import { emptyHistory, historyBack, historyForward, remember } from '../../../src/ui/input/inputHistory.js';

describe('input history', () => {
  it('↑ walks back from the newest, saving the draft; ↓ returns to it', () => {
    let h = remember(remember(emptyHistory, 'first'), 'second');
    const a = historyBack(h, 'draft text')!;
    expect(a.text).toBe('second');
    const b = historyBack(a.history, a.text)!;
    expect(b.text).toBe('first');
    expect(historyBack(b.history, b.text)).toBeUndefined();
    const c = historyForward(b.history)!;
    expect(c.text).toBe('second');
    const d = historyForward(c.history)!;
    expect(d.text).toBe('draft text');
    expect(historyForward(d.history)).toBeUndefined();
    h = remember(d.history, 'second');
    expect(h.entries).toEqual(['first', 'second']);
  });
  it('↑ on an empty box recalls the last prompt', () => {
    expect(historyBack(remember(emptyHistory, 'again'), '')!.text).toBe('again');
    expect(historyBack(emptyHistory, '')).toBeUndefined();
  });
});

describe('word and line moves', () => {
  const text = 'hello, big world\nsecond line';
  it('moves by words (punctuation skipped) and CJK one character at a time', () => {
    expect(wordRight(text, 0)).toBe(5);
    expect(wordRight(text, 5)).toBe(10);
    expect(wordLeft(text, 10)).toBe(7);
    expect(wordLeft(text, 7)).toBe(0);
    expect(wordRight('中文字', 0)).toBe(1);
    expect(wordLeft('ab 中文', 5)).toBe(4);
  });
  it('delete word left, set, first/last line', () => {
    expect(reduceInput({ text: 'one two', caret: 7 }, { type: 'deleteWordLeft' })).toEqual({ text: 'one ', caret: 4 });
    expect(reduceInput({ text: 'x', caret: 0 }, { type: 'set', text: 'a\tb' })).toEqual({ text: 'a    b', caret: 6 });
    expect(caretOnFirstLine({ text, caret: 3 })).toBe(true);
    expect(caretOnFirstLine({ text, caret: 20 })).toBe(false);
    expect(caretOnLastLine({ text, caret: 3 })).toBe(false);
    expect(caretOnLastLine({ text, caret: 20 })).toBe(true);
  });
});

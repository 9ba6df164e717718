import { describe, expect, it } from 'vitest';
import { cleanInputText, emptyInput, reduceInput, textToSend, type InputBuffer, type InputEdit } from '../../../src/ui/input/inputBuffer.js';
import { breakLine, inputView } from '../../../src/ui/input/inputView.js';

function apply(edits: InputEdit[], start: InputBuffer = emptyInput): InputBuffer {
  return edits.reduce(reduceInput, start);
}

describe('reduceInput', () => {
  it('types, moves and deletes by grapheme', () => {
    let b = apply([{ type: 'insert', text: 'ab' }, { type: 'insert', text: '中' }, { type: 'insert', text: '👨‍👩‍👧' }]);
    expect(b).toEqual({ text: 'ab中👨‍👩‍👧', caret: 'ab中👨‍👩‍👧'.length });
    b = reduceInput(b, { type: 'deleteLeft' });
    expect(b.text).toBe('ab中');
    b = apply([{ type: 'left' }, { type: 'left' }, { type: 'insert', text: 'X' }], b);
    expect(b.text).toBe('aXb中');
    expect(b.caret).toBe(2);
    b = apply([{ type: 'home' }, { type: 'deleteLeft' }, { type: 'deleteRight' }], b);
    expect(b).toEqual({ text: 'Xb中', caret: 0 });
    b = reduceInput(b, { type: 'end' });
    expect(b.caret).toBe(3);
  });

  it('newline splits the line and home/end stay within a line', () => {
    let b = apply([{ type: 'insert', text: 'hello' }, { type: 'newline' }, { type: 'insert', text: 'world' }]);
    expect(b.text).toBe('hello\nworld');
    b = reduceInput(b, { type: 'home' });
    expect(b.caret).toBe(6);
    b = apply([{ type: 'left' }, { type: 'home' }], b);
    expect(b.caret).toBe(0);
    b = reduceInput(b, { type: 'end' });
    expect(b.caret).toBe(5);
  });

  it('up and down move between lines keeping the column', () => {
    let b = apply([{ type: 'insert', text: 'abcdef\nxy\n12345' }]);
    b = reduceInput(b, { type: 'up' });
    expect(b.caret).toBe('abcdef\nxy'.length);
    b = reduceInput(b, { type: 'up' });
    expect(b.caret).toBe(2);
    b = reduceInput(b, { type: 'up' });
    expect(b.caret).toBe(0);
    b = apply([{ type: 'end' }, { type: 'down' }, { type: 'down' }], b);
    expect(b.caret).toBe('abcdef\nxy\n12'.length);
    b = reduceInput(b, { type: 'down' });
    expect(b.caret).toBe(b.text.length);
  });

  it('normalizes pasted line ends and strips control and escape sequences', () => {
    expect(cleanInputText('a\r\nb\rc\td\u001b[31mred\u001b]52;c;eHl6\u0007\u0007\u0000e\u202Ef')).toBe('a\nb\nc    dredef');
    const b = reduceInput(emptyInput, { type: 'insert', text: 'one\r\ntwo 中文\r\n' });
    expect(b.text).toBe('one\ntwo 中文\n');
  });

  it('clears and refuses whitespace-only sends', () => {
    const b = apply([{ type: 'insert', text: '  \n ' }]);
    expect(textToSend(b)).toBeUndefined();
    expect(textToSend(apply([{ type: 'insert', text: '  hi \n' }]))).toBe('hi');
    expect(reduceInput(b, { type: 'clear' })).toEqual(emptyInput);
  });

  it('handles a 10,000-line paste quickly and keeps it whole', () => {
    const paste = Array.from({ length: 10_000 }, (_, i) => `line ${i} with some text`).join('\r\n');
    const t0 = performance.now();
    let b = reduceInput(emptyInput, { type: 'insert', text: paste });
    b = reduceInput(b, { type: 'insert', text: 'x' });
    const view = inputView(b, 70, 5);
    const took = performance.now() - t0;
    expect(b.text.split('\n')).toHaveLength(10_000);
    expect(view.rows).toHaveLength(5);
    expect(view.rows[4]).toBe('line 9999 with some textx');
    expect(took).toBeLessThan(500);
  });
});

describe('inputView', () => {
  it('breaks rows by display width (CJK is two cells)', () => {
    expect(breakLine('中文中文中', 4).map((r) => r.text)).toEqual(['中文', '中文', '中']);
    expect(breakLine('', 4).map((r) => r.text)).toEqual(['']);
  });

  it('shows the last rows that fit and the caret column', () => {
    const b = apply([{ type: 'insert', text: '1\n2\n3\n4\n5\n6\n7\nab中' }]);
    const v = inputView(b, 10, 5);
    expect(v.rows).toEqual(['4', '5', '6', '7', 'ab中']);
    expect(v.caretRow).toBe(4);
    expect(v.caretColumn).toBe(4);
  });

  it('keeps the caret visible when it is on an early line', () => {
    let b = apply([{ type: 'insert', text: '1\n2\n3\n4\n5\n6\n7' }]);
    for (let i = 0; i < 12; i++) b = reduceInput(b, { type: 'left' });
    const v = inputView(b, 10, 3);
    expect(v.rows[v.caretRow]).toBe('1');
    expect(v.rows).toEqual(['1', '2', '3']);
  });

  it('moves the caret to a fresh row after a full row', () => {
    const v = inputView(apply([{ type: 'insert', text: 'abcd' }]), 4, 5);
    expect(v.rows).toEqual(['abcd', '']);
    expect(v.caretRow).toBe(1);
    expect(v.caretColumn).toBe(0);
  });
});

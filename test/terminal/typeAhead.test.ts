import { describe, expect, it } from 'vitest';
import { translateTypeAhead, typeAheadPieces, TYPE_AHEAD_MS } from '../../src/terminal/typeAhead.js';

function stream(chunks: Array<string | null>) {
  const s = { read: () => (chunks.length ? chunks.shift()! : null) };
  return s;
}
const drain = (s: { read(): unknown }): unknown[] => {
  const out: unknown[] = [];
  for (let i = 0; i < 20; i++) {
    const c = s.read();
    out.push(c);
    if (c === null) break;
  }
  return out;
};

describe('type-ahead', () => {
  it('the last line feed is Enter, earlier ones Ctrl+J, the rest typed text', () => {
    expect(typeAheadPieces('question\n')).toEqual(['question', '\r']);
    expect(typeAheadPieces('one\ntwo\nhalf')).toEqual(['one', '\n', 'two', '\r', 'half']);
    expect(typeAheadPieces('no enter')).toEqual(['no enter']);
  });

  it('only the first batch of reads is translated; an empty read before any data does not end it', () => {
    const s = stream([null, 'question\n', null, 'later\n', null]);
    translateTypeAhead(s);
    expect(drain(s)).toEqual([null]);
    expect(drain(s)).toEqual(['question', '\r', null]);
    expect(drain(s)).toEqual(['later\n', null]);
  });

  it('a first batch that comes after the start-up window is left alone', () => {
    let t = 0;
    const s = stream(['typed\n', null]);
    translateTypeAhead(s, () => t);
    t = TYPE_AHEAD_MS + 1;
    expect(drain(s)).toEqual(['typed\n', null]);
  });
});

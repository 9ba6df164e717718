import { describe, expect, it } from 'vitest';
import { IncrementalWrapper, displayWidth, graphemes, padToWidth, truncateToWidth, wrapText } from '../../src/core/wrap.js';

function assertFits(rows: string[], width: number): void {
  for (const row of rows) expect(displayWidth(row), JSON.stringify(row)).toBeLessThanOrEqual(Math.max(1, width));
}

describe('displayWidth', () => {
  it('counts CJK and emoji as two cells', () => {
    expect(displayWidth('中文')).toBe(4);
    expect(displayWidth('，')).toBe(2);
    expect(displayWidth('🙂')).toBe(2);
    expect(displayWidth('👨‍👩‍👧')).toBe(2);
    expect(displayWidth('abc')).toBe(3);
  });
});

describe('graphemes', () => {
  const reference = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((p) => p.segment);

  it('matches Intl.Segmenter on tricky text', () => {
    const samples = [
      'plain ascii text',
      'e\u0301 cafe\u0301 a\u0308\u0301',
      '👨‍👩‍👧x👍🏽y🇨🇳🇺🇸🇫🇷z',
      '1\ufe0f\u20e3 #\ufe0f\u20e3',
      '中文，测试！한국어 ﾊﾝｶｸ',
      'a\r\nb\r\n',
      '\u0600a\u0915\u094d\u0937',
      'x' + 'a\u0301'.repeat(300) + 'y',
      'z' + '\u0301'.repeat(700) + 'q',
      '🇨🇳'.repeat(200) + 'a' + '🇨'.repeat(301),
      ('中文abc🙂 ').repeat(200),
    ];
    for (const s of samples) expect([...graphemes(s)]).toEqual(reference(s));
  });

  it('matches Intl.Segmenter on random long mixes (window edges)', () => {
    const pool = ['a', 'b', ' ', '中', '，', '🇨', '🇳', '\u0301', '\u200d', '👩', '🏽', '\ufe0f', '\u20e3', '1', 'ᄀ', 'ᅡ', 'ᆨ', '\u0915', '\u094d', '\u0600'];
    let seed = 99;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let round = 0; round < 60; round++) {
      let text = '';
      const n = 50 + Math.floor(rnd() * 400);
      // Long runs of one piece stress the window logic.
      for (let i = 0; i < n; i++) text += pool[Math.floor(rnd() * (rnd() < 0.5 ? 6 : pool.length))]!.repeat(rnd() < 0.02 ? 120 : 1);
      expect([...graphemes(text)]).toEqual(reference(text));
    }
  });

  it('stays linear on very long lines', () => {
    const long = 'abc def 中文🙂 '.repeat(20_000); // 260k code units in one line
    const t = performance.now();
    let n = 0;
    for (const _ of graphemes(long)) n++;
    expect(n).toBeGreaterThan(200_000);
    expect(performance.now() - t).toBeLessThan(3000); // the plain segmenter takes minutes
  });
});

describe('wrapText', () => {
  it('wraps Latin words at spaces and drops the space at the break', () => {
    expect(wrapText('hello world foo', 11)).toEqual(['hello world', 'foo']);
    expect(wrapText('hello world', 6)).toEqual(['hello', 'world']);
    expect(wrapText('hello world', 5)).toEqual(['hello', 'world']);
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
  });

  it('drops the whole run of spaces at a break', () => {
    expect(wrapText('hello     world', 7)).toEqual(['hello', 'world']);
  });

  it('keeps leading indentation of a line', () => {
    expect(wrapText('    indented text', 20)).toEqual(['    indented text']);
  });

  it('hard-breaks words longer than the width', () => {
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('go supercalifragilistic', 8)).toEqual(['go', 'supercal', 'ifragili', 'stic']);
  });

  it('breaks CJK anywhere and never splits a wide char at the edge', () => {
    expect(wrapText('这个问题根据上述', 5)).toEqual(['这个', '问题', '根据', '上述']);
    const rows = wrapText('中文abc中文', 5);
    assertFits(rows, 5);
    expect(rows.join('')).toBe('中文abc中文');
  });

  it('avoids starting a row with closing punctuation', () => {
    // 4 cells fit: "中文" then "，" would start the next row, so "文" moves down with it.
    expect(wrapText('中文，好的。', 4)).toEqual(['中', '文，', '好', '的。']);
    // No earlier break point: the punctuation has to start the row.
    expect(wrapText('中，', 2)).toEqual(['中', '，']);
  });

  it('expands tabs to 4-column stops by column', () => {
    expect(wrapText('a\tb', 20)).toEqual(['a   b']);
    expect(wrapText('abcd\te', 20)).toEqual(['abcd    e']);
    expect(wrapText('\tx', 20)).toEqual(['    x']);
    expect(wrapText('中\tx', 20)).toEqual(['中  x']);
  });

  it('preserves empty lines', () => {
    expect(wrapText('a\n\nb\n', 10)).toEqual(['a', '', 'b', '']);
    expect(wrapText('', 10)).toEqual(['']);
  });

  it('keeps ZWJ emoji and flags whole', () => {
    const rows = wrapText('👨‍👩‍👧👨‍👩‍👧🇨🇳🇨🇳', 3);
    expect(rows).toEqual(['👨‍👩‍👧', '👨‍👩‍👧', '🇨🇳', '🇨🇳']);
  });

  it('handles width 1 and 0 without looping', () => {
    expect(wrapText('ab 中', 1)).toEqual(['a', 'b', '?']);
    expect(wrapText('abc', 0)).toEqual(['a', 'b', 'c']);
  });

  it('every row fits for mixed text at many widths', () => {
    const text = 'The answer 是 42。Ok?\tyes — “quoted” 🙂🙂 supercalifragilistic 中文，测试！\n\nnext';
    for (let w = 1; w <= 40; w++) assertFits(wrapText(text, w), w);
  });
});

describe('IncrementalWrapper', () => {
  const pieces = ['Hello', ' ', 'world', ',', ' this is', ' 中文', '，', '测试', '！', '\t', 'tab', '\n', '\n',
    '👨', '\u200d', '👩', '\u200d👧', ' ', '🇨', '🇳', 'e', '\u0301', ' supercalifragilisticexpialidocious',
    '   spaces   ', 'end', '\n', 'x', '这个问题', '根据', '上述', ' ok'];

  it('matches wrapText after every append (fixed chunking)', () => {
    for (const width of [1, 2, 3, 5, 8, 13, 40]) {
      const w = new IncrementalWrapper(width);
      let all = '';
      for (const p of pieces) {
        w.append(p);
        all += p;
        expect(w.lines, `width ${width} after ${JSON.stringify(all)}`).toEqual(wrapText(all, width));
      }
    }
  });

  it('matches wrapText after every append (random chunkings)', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const text = pieces.join('').repeat(3);
    const codePoints = [...text];
    for (let round = 0; round < 60; round++) {
      const width = 1 + Math.floor(rnd() * 30);
      const w = new IncrementalWrapper(width);
      let i = 0;
      let all = '';
      while (i < codePoints.length) {
        const n = 1 + Math.floor(rnd() * 7);
        const chunk = codePoints.slice(i, i + n).join('');
        i += n;
        w.append(chunk);
        all += chunk;
        expect(w.lines).toEqual(wrapText(all, width));
      }
    }
  });

  it('starts with one empty row', () => {
    expect(new IncrementalWrapper(10).lines).toEqual(['']);
  });

  it('does not re-lay completed rows (they keep their identity in the array)', () => {
    const w = new IncrementalWrapper(10);
    w.append('first line\nsecond ');
    const before = w.lines.slice(0, 1);
    w.append('words here');
    expect(w.lines.slice(0, 1)).toEqual(before);
  });
});

describe('truncateToWidth / padToWidth', () => {
  it('truncates by display width with an ellipsis', () => {
    expect(truncateToWidth('hello world', 8)).toBe('hello w…');
    expect(truncateToWidth('short', 8)).toBe('short');
    expect(truncateToWidth('中文中文中文', 7)).toBe('中文中…');
    expect(displayWidth(truncateToWidth('中文中文中文', 6))).toBeLessThanOrEqual(6);
    expect(truncateToWidth('abc', 0)).toBe('');
    expect(truncateToWidth('abcdef', 4, '...')).toBe('a...');
  });

  it('pads to the exact width, CJK safe', () => {
    expect(padToWidth('ab', 5)).toBe('ab   ');
    expect(padToWidth('中文', 5)).toBe('中文 ');
    expect(displayWidth(padToWidth('中文中文', 5))).toBe(5);
    expect(displayWidth(padToWidth('hello world', 5))).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_SEQUENCE_LENGTH, StreamSanitizer, sanitize } from '../../src/core/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';

describe('sanitize', () => {
  const cases: Array<[string, string, string]> = [
    ['SGR colour', `${ESC}[31mred${ESC}[0m`, 'red'],
    ['CSI with private params', `a${ESC}[?1049hb${ESC}[?25l`, 'ab'],
    ['CSI cursor move and erase', `x${ESC}[2J${ESC}[10;20Hy`, 'xy'],
    ['CSI with intermediate', `a${ESC}[1 qb`, 'ab'],
    ['OSC 52 clipboard (BEL)', `a${ESC}]52;c;ZXZpbA==${BEL}b`, 'ab'],
    ['OSC 0 title (ST)', `a${ESC}]0;pwned${ESC}\\b`, 'ab'],
    ['OSC 2 title', `a${ESC}]2;title${BEL}b`, 'ab'],
    ['OSC 8 hyperlink', `${ESC}]8;;http://evil${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
    ['DCS string', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
    ['SOS/PM/APC', `a${ESC}Xsos${ESC}\\b${ESC}^pm${ESC}\\c${ESC}_apc${ESC}\\d`, 'abcd'],
    ['two-byte ESC', `a${ESC}cb${ESC}7c${ESC}8d${ESC}=e`, 'abcde'],
    ['ESC with intermediate (charset)', `a${ESC}(Bb${ESC}#8c`, 'abc'],
    ['lone ESC at end', `abc${ESC}`, 'abc'],
    ['lone ESC before newline', `a${ESC}\nb`, 'a\nb'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['8-bit OSC with 8-bit ST', 'a\u009d0;title\u009cb', 'ab'],
    ['8-bit DCS/APC', 'a\u0090payload\u009cb\u009fapc\u009cc', 'abc'],
    ['other C1 dropped', 'a\u0085b\u0084c', 'abc'],
    ['C0 controls except \\n \\t', 'a\u0000b\u0008c\u000bd\u000ce\u0007f\u007fg\tz\n', 'abcdefg\tz\n'],
    ['CRLF and lone CR', 'one\r\ntwo\rthree', 'one\ntwothree'],
    ['bidi overrides and isolates', 'a\u202eb\u202ac\u2066d\u2069e\u202df', 'abcdef'],
    ['CJK and emoji kept', '中文，🙂👨‍👩‍👧🇨🇳 é', '中文，🙂👨‍👩‍👧🇨🇳 é'],
    ['ESC inside OSC starts a new sequence', `a${ESC}]0;x${ESC}[31mb`, 'ab'],
    ['CAN cancels a string', `a${ESC}]0;x\u0018b`, 'ab'],
    ['CSI interrupted by text keeps the text', `a${ESC}[12中b`, 'a中b'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(sanitize(input)).toBe(expected));
  }

  it('keeps plain text unchanged', () => {
    const text = 'Okay, so the user asks:\n\t- “quotes” and ‘apostrophes’ — dashes… 100% done.';
    expect(sanitize(text)).toBe(text);
  });

  it('abandons an unterminated OSC after the length limit and shows the text after it', () => {
    const payload = 'x'.repeat(MAX_SEQUENCE_LENGTH + 10);
    const out = sanitize(`a${ESC}]52;c;${payload}`);
    expect(out.startsWith('a')).toBe(true);
    expect(out.length).toBeLessThan(20);
    expect(out).not.toContain(ESC);
  });

  it('an unterminated OSC shorter than the limit swallows the rest (and never echoes the payload)', () => {
    expect(sanitize(`a${ESC}]0;secret title`)).toBe('a');
  });
});

const hostile = [
  `hi${ESC}[31;1mRED${ESC}[0m${ESC}]52;c;ZXZpbA==${BEL}ok${ESC}]0;t${ESC}\\end`,
  `a\r\nb\u009b?25hc\u009d2;x\u009cd${ESC}Pdcs${ESC}\\e${ESC}(0f${ESC}`,
  `中${ESC}[38;5;196m文\u202e🙂${ESC}_apc${BEL}👨‍👩‍👧${ESC}${ESC}[Kx\u0000\u007f\ry`,
  `${ESC}]8;;https://x${ESC}\\link${ESC}]8;;${ESC}\\ \t tab ${ESC}[?1049l${ESC}[12中`,
  `x${ESC}]0;abc${ESC}[31my\u0018z${ESC}Xsos\u009cw`,
];

describe('StreamSanitizer', () => {
  it('matches sanitize(whole) for every split into two chunks', () => {
    for (const text of hostile) {
      const whole = sanitize(text);
      for (let i = 0; i <= text.length; i++) {
        const s = new StreamSanitizer();
        const got = s.push(text.slice(0, i)) + s.push(text.slice(i)) + s.end();
        expect(got, `split at ${i} of ${JSON.stringify(text)}`).toBe(whole);
      }
    }
  });

  it('matches sanitize(whole) when fed one code unit at a time', () => {
    for (const text of hostile) {
      const s = new StreamSanitizer();
      let got = '';
      for (const ch of text.split('')) got += s.push(ch);
      expect(got + s.end()).toBe(sanitize(text));
    }
  });

  it('emits text immediately and never holds back plain text', () => {
    const s = new StreamSanitizer();
    expect(s.push('hello ')).toBe('hello ');
    expect(s.push(`${ESC}[3`)).toBe('');
    expect(s.push('1mworld')).toBe('world');
  });

  it('does not buffer an endless OSC: text after the limit comes out', () => {
    const s = new StreamSanitizer();
    let out = s.push(`${ESC}]52;c;`);
    for (let i = 0; i < 10; i++) out += s.push('y'.repeat(1000));
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(10_000 - MAX_SEQUENCE_LENGTH + 10);
    expect(s.push('visible')).toBe('visible');
  });

  it('stays consistent across random chunkings', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const text = hostile.join('|');
    const whole = sanitize(text);
    for (let round = 0; round < 200; round++) {
      const s = new StreamSanitizer();
      let got = '';
      let i = 0;
      while (i < text.length) {
        const n = 1 + Math.floor(rnd() * 6);
        got += s.push(text.slice(i, i + n));
        i += n;
      }
      expect(got + s.end()).toBe(whole);
    }
  });
});

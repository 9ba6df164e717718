import { describe, expect, it } from 'vitest';
import { asciiText, utf8Locale } from '../../src/core/charset.js';
import stringWidth from 'string-width';

describe('utf8Locale', () => {
  it('the first set of LC_ALL, LC_CTYPE, LANG decides; none set is the C locale', () => {
    expect(utf8Locale({ LANG: 'C.UTF-8' })).toBe(true);
    expect(utf8Locale({ LANG: 'en_US.utf8' })).toBe(true);
    expect(utf8Locale({ LANG: 'C' })).toBe(false);
    expect(utf8Locale({ LANG: 'en_US.UTF-8', LC_ALL: 'C' })).toBe(false);
    expect(utf8Locale({ LANG: 'C', LC_CTYPE: 'de_DE.UTF-8' })).toBe(true);
    expect(utf8Locale({ LANG: 'en_US.UTF-8', LC_ALL: '' })).toBe(true);
    expect(utf8Locale({})).toBe(false);
    expect(utf8Locale({ LANG: 'POSIX' })).toBe(false);
  });
});

describe('asciiText', () => {
  it('maps drawing characters one cell for one cell and leaves other text alone', () => {
    const drawn = '┌ Chat ─┐│ ▸ Thought · 3 s … │└──┘ ██░░ ▁▂▃▄▅▆▇█ ↑↓←→';
    const ascii = asciiText(drawn);
    expect(ascii).toBe('+ Chat -+| > Thought . 3 s . |+--+ ##.. _.:-=+*# ^v<>');
    expect(stringWidth(ascii)).toBe(stringWidth(drawn));
    expect(asciiText('中文 café')).toBe('中文 café');
  });
});

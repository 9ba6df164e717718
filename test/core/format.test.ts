import { describe, expect, it } from 'vitest';
import { formatCount, formatSeconds } from '../../src/core/format.js';

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1830)).toBe('1,830');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12.6)).toBe('13');
    expect(formatCount(Number.NaN)).toBe('0');
  });
});

describe('formatSeconds', () => {
  const cases: Array<[number, string]> = [
    [0, '0.0 s'],
    [-5, '0.0 s'],
    [400, '0.4 s'],
    [2100, '2.1 s'],
    [9940, '9.9 s'],
    [9960, '10 s'],
    [41_000, '41 s'],
    [41_400, '41 s'],
    [59_400, '59 s'],
    [59_600, '1 m 00 s'],
    [65_000, '1 m 05 s'],
    [754_000, '12 m 34 s'],
    [3_599_400, '59 m 59 s'],
    [3_720_000, '1 h 02 m'],
  ];
  for (const [ms, text] of cases) {
    it(`${ms} ms → ${text}`, () => expect(formatSeconds(ms)).toBe(text));
  }
});

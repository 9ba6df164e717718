import { describe, expect, it } from 'vitest';
import { gib, humanBytes } from '../../src/core/humanBytes.js';

describe('humanBytes', () => {
  const cases: Array<[number, string]> = [
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [1500, '1.5 KB'],
    [5.4e9, '5.4 GB'],
    [5e9, '5 GB'],
    [21943566336, '21 GB'],
    [42.9e9, '42 GB'],
    [10e9, '10 GB'],
    [9.96e9, '10.0 GB'], // Go's %.1f on 9.96
    [2.25e9, '2.2 GB'], // exact tie → even, as Go
    [2.35e9, '2.4 GB'],
    [1.2e12, '1.2 TB'],
    [999_999, '999 KB'],
    [4_683_087_332, '4.7 GB'],
  ];
  for (const [n, text] of cases) {
    it(`${n} → ${text}`, () => expect(humanBytes(n)).toBe(text));
  }
});

describe('gib', () => {
  it('prints bytes as a GiB number', () => {
    expect(gib(8 * 2 ** 30)).toBe('8.0');
    expect(gib(7.6 * 2 ** 30)).toBe('7.6');
    expect(gib(41.23 * 2 ** 30, 2)).toBe('41.23');
    expect(gib(0, 0)).toBe('0');
  });
});

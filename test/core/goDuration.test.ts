import { describe, expect, it } from 'vitest';
import { formatGoDuration } from '../../src/core/goDuration.js';

describe('formatGoDuration', () => {
  const cases: Array<[number, string]> = [
    [0, '0s'],
    [1, '1ns'],
    [999, '999ns'],
    [1000, '1µs'],
    [1500, '1.5µs'],
    [999_999, '999.999µs'],
    [1_000_000, '1ms'],
    [1_334_875, '1.334875ms'],
    [21_873_400, '21.8734ms'],
    [342_546_000, '342.546ms'],
    [1_000_000_000, '1s'],
    [3_912_457_100, '3.9124571s'],
    [4_883_583_458, '4.883583458s'],
    [59_999_999_999, '59.999999999s'],
    [60e9, '1m0s'],
    [83.5e9, '1m23.5s'],
    [3600e9, '1h0m0s'],
    [3723e9, '1h2m3s'],
    [3723.05e9, '1h2m3.05s'],
    [100 * 3600e9, '100h0m0s'],
    [-1500, '-1.5µs'],
    [-83.5e9, '-1m23.5s'],
    [1.4, '1ns'],
  ];
  for (const [ns, text] of cases) {
    it(`${ns} → ${text}`, () => expect(formatGoDuration(ns)).toBe(text));
  }
  it('uses the micro sign U+00B5', () => {
    expect(formatGoDuration(2000).codePointAt(1)).toBe(0xb5);
  });
});

import { describe, expect, it } from 'vitest';
import { bar, compactGiB, usedOfTotalGiB } from '../../../src/ui/perf/bars.js';
import { sparkline } from '../../../src/ui/perf/sparkline.js';

const GiB = 1024 ** 3;

describe('bar', () => {
  it('fills in proportion and always sums to the width', () => {
    expect(bar(0.5, 10)).toEqual({ filled: '█████', empty: '░░░░░' });
    expect(bar(41.2 / 62.8, 14).filled).toHaveLength(9);
    expect(bar(1.7, 4)).toEqual({ filled: '████', empty: '' });
    expect(bar(-1, 4)).toEqual({ filled: '', empty: '░░░░' });
    expect(bar(Number.NaN, 3)).toEqual({ filled: '', empty: '░░░' });
  });

  it('shows a tiny non-zero use as one cell', () => {
    expect(bar(0.001, 10).filled).toBe('█');
  });
});

describe('GiB text', () => {
  it('formats used/total', () => {
    expect(usedOfTotalGiB(41.2 * GiB, 62.8 * GiB)).toBe('41.2/62.8 GiB');
    expect(compactGiB(41.2 * GiB, 62.8 * GiB)).toBe('41/63 GiB');
    expect(compactGiB(7.6 * GiB, 8 * GiB)).toBe('7.6/8 GiB');
  });
});

describe('sparkline', () => {
  it('scales from the smallest to the largest value shown and keeps the last `width` values', () => {
    expect(sparkline([1, 2, 4, 8], 4)).toBe('▁▂▄█');
    expect(sparkline([100, 1, 2, 4, 8], 4)).toBe('▁▂▄█');
    expect(sparkline([1.5, 1.6, 1.7], 3)).toBe('▁▅█');
    expect(sparkline([2, 2], 4)).toBe('▄▄');
    expect(sparkline([], 4)).toBe('');
    expect(sparkline([1, 2], 0)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { formatFixedGo } from '../../src/core/decimal.js';
import { evalRate, formatRate, promptEvalRate, verboseLines } from '../../src/core/verbose.js';

describe('verboseLines', () => {
  it('prints the full block exactly like ollama run --verbose', () => {
    expect(
      verboseLines({
        totalDuration: 3912457100,
        loadDuration: 21873400,
        promptEvalCount: 14,
        promptEvalDuration: 48110200,
        evalCount: 187,
        evalDuration: 3801325500,
      }),
    ).toEqual([
      'total duration:       3.9124571s',
      'load duration:        21.8734ms',
      'prompt eval count:    14 token(s)',
      'prompt eval duration: 48.1102ms',
      'prompt eval rate:     291.00 tokens/s',
      'eval count:           187 token(s)',
      'eval duration:        3.8013255s',
      'eval rate:            49.19 tokens/s',
    ]);
  });

  it('puts every value at column 23', () => {
    const lines = verboseLines({ totalDuration: 1, loadDuration: 1, promptEvalCount: 1, promptEvalDuration: 1, evalCount: 1, evalDuration: 1 });
    expect(lines).toHaveLength(8);
    for (const l of lines) {
      expect(l[21]).toBe(' ');
      expect(l[22]).not.toBe(' ');
    }
  });

  it('prints a line only when its condition holds', () => {
    expect(verboseLines({})).toEqual([]);
    expect(verboseLines({ totalDuration: 602776194, promptEvalCount: 81, evalCount: 53 })).toEqual([
      'total duration:       602.776194ms',
      'prompt eval count:    81 token(s)',
      'eval count:           53 token(s)',
    ]);
    expect(verboseLines({ evalDuration: 2e9 })).toEqual(['eval duration:        2s', 'eval rate:            0.00 tokens/s']);
    expect(verboseLines({ loadDuration: 0, promptEvalDuration: 1e9, promptEvalCount: 3 })).toEqual([
      'prompt eval count:    3 token(s)',
      'prompt eval duration: 1s',
      'prompt eval rate:     3.00 tokens/s',
    ]);
  });
});

describe('rates', () => {
  it('computes eval and prompt rates, undefined without a duration', () => {
    expect(evalRate({ evalCount: 187, evalDuration: 3801325500 })).toBeCloseTo(49.193, 3);
    expect(evalRate({ evalCount: 187 })).toBeUndefined();
    expect(promptEvalRate({ promptEvalCount: 14, promptEvalDuration: 48110200 })).toBeCloseTo(291.0, 1);
    expect(promptEvalRate({ promptEvalCount: 14, promptEvalDuration: 0 })).toBeUndefined();
  });

  it('formats with 2 decimals, exact ties to even like Go', () => {
    expect(formatRate(49.19346)).toBe('49.19');
    expect(formatRate(1.625)).toBe('1.62'); // exact binary tie: Go rounds to even
    expect(formatRate(1.875)).toBe('1.88');
    expect(formatRate(0.125)).toBe('0.12');
    expect(formatRate(1.005)).toBe('1.00'); // 1.005 is really 1.00499999…
    expect(formatRate(2.675)).toBe('2.67');
    expect(formatRate(9.999)).toBe('10.00');
    expect(formatRate(0)).toBe('0.00');
    expect(formatRate(1234.5)).toBe('1234.50');
  });

  it('formatFixedGo agrees with toFixed except on exact ties', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 2000; i++) {
      const x = rnd() * 1000;
      expect(formatFixedGo(x, 2)).toBe(x.toFixed(2));
    }
    expect(formatFixedGo(2.25, 1)).toBe('2.2');
    expect(formatFixedGo(2.35, 1)).toBe('2.4'); // 2.35 is 2.35000000000000008…
    expect(formatFixedGo(-0.125, 2)).toBe('-0.12');
    expect(formatFixedGo(-0.001, 2)).toBe('0.00');
    expect(formatFixedGo(0.5, 0)).toBe('0');
    expect(formatFixedGo(1.5, 0)).toBe('2');
  });
});

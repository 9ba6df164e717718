import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cliArgs.js';

describe('--think', () => {
  it('takes on, off and the levels', () => {
    const think = (v: string) => (parseCliArgs(['--think', v]) as { ok: true; options: { think?: unknown } }).options.think;
    expect(think('on')).toBe(true);
    expect(think('off')).toBe(false);
    expect(think('low')).toBe('low');
    expect(think('Medium')).toBe('medium');
    expect(parseCliArgs(['--think=high'])).toMatchObject({ ok: true, options: { think: 'high' } });
    expect(think('max')).toBe('max');
    expect(parseCliArgs([])).toMatchObject({ ok: true, options: {} });
    expect((parseCliArgs([]) as { ok: true; options: object }).options).not.toHaveProperty('think');
  });

  it('a bad or missing value is one line naming the flag', () => {
    expect(parseCliArgs(['--think', 'maybe'])).toEqual({ ok: false, error: "--think 'maybe' is not a think setting (on, off, low, medium, high or max)" });
    expect(parseCliArgs(['--think'])).toEqual({ ok: false, error: '--think needs a value' });
    expect(parseCliArgs(['--think='])).toEqual({ ok: false, error: '--think needs a non-empty value' });
  });
});

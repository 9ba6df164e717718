import { afterEach, describe, expect, it } from 'vitest';
import { parseGoDuration, parseKeepAlive, rfc3339Local, rfc3339Utc } from '../../src/fake/time.js';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('fake ollama: Go time formats', () => {
  it('created_at is UTC with Z and trailing zeros dropped', () => {
    expect(rfc3339Utc(Date.UTC(2025, 5, 2, 9, 14, 3, 510))).toBe('2025-06-02T09:14:03.51Z');
    expect(rfc3339Utc(Date.UTC(2025, 5, 2, 9, 14, 3, 0))).toBe('2025-06-02T09:14:03Z');
    expect(rfc3339Utc(Date.UTC(2025, 5, 2, 9, 14, 3, 518) + 0.02)).toBe('2025-06-02T09:14:03.51802Z');
  });

  it('expires_at carries the local offset (Z at offset 0)', () => {
    const t = Date.UTC(2025, 5, 2, 9, 24, 6, 273) + 0.8;
    process.env.TZ = 'Europe/Berlin';
    expect(rfc3339Local(t)).toBe('2025-06-02T11:24:06.2738+02:00');
    process.env.TZ = 'America/Los_Angeles';
    expect(rfc3339Local(t)).toBe('2025-06-02T02:24:06.2738-07:00');
    process.env.TZ = 'UTC';
    expect(rfc3339Local(t)).toBe('2025-06-02T09:24:06.2738Z');
  });

  it('parses keep_alive like Ollama: numbers are seconds, strings Go durations', () => {
    expect(parseGoDuration('5m')).toBe(300_000);
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('300ms')).toBe(300);
    expect(parseGoDuration('-1s')).toBe(-1000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(() => parseGoDuration('300')).toThrow('time: missing unit in duration "300"');
    expect(() => parseGoDuration('5x')).toThrow('unknown unit');
    expect(parseKeepAlive(30)).toBe(30_000);
    expect(parseKeepAlive(-1)).toBe(-1000);
    expect(parseKeepAlive(undefined)).toBeUndefined();
    expect(() => parseKeepAlive(true)).toThrow("Unsupported type: 'boolean'");
  });
});

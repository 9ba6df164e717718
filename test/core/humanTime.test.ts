import { describe, expect, it } from 'vitest';
import { humanDuration, untilLabel } from '../../src/core/humanTime.js';

const now = new Date('2025-06-02T09:00:00.000Z');
const ahead = (ms: number) => new Date(now.getTime() + ms);
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('untilLabel', () => {
  it('says Stopping... for a time in the past', () => {
    expect(untilLabel(new Date(now.getTime() - 1), now)).toBe('Stopping...');
    expect(untilLabel('2025-06-02T08:00:00Z', now)).toBe('Stopping...');
  });

  it('says Never for the zero time and for garbage', () => {
    expect(untilLabel('0001-01-01T00:00:00Z', now)).toBe('Never');
    expect(untilLabel('not a date', now)).toBe('Never');
  });

  it('says Forever beyond 20 whole years (keep_alive -1)', () => {
    expect(untilLabel(ahead(292 * 365 * D), now)).toBe('Forever');
    expect(untilLabel(ahead(21 * 365 * D), now)).toBe('Forever');
    expect(untilLabel(ahead(20 * 365 * D + 100 * D), now)).toBe('20 years from now');
  });

  it('parses RFC 3339 with offsets', () => {
    expect(untilLabel('2025-06-02T11:04:59+02:00', now)).toBe('4 minutes from now');
  });

  it('formats the fresh 5-minute keep-alive as 4 minutes', () => {
    expect(untilLabel(ahead(5 * M - 1), now)).toBe('4 minutes from now');
    expect(untilLabel(ahead(5 * M), now)).toBe('5 minutes from now');
  });

  it('an equal time is not in the past (Go prints "ago")', () => {
    expect(untilLabel(now, now)).toBe('Less than a second ago');
  });
});

describe('humanDuration', () => {
  const cases: Array<[number, string]> = [
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [1 * S, '1 second'],
    [1999, '1 second'],
    [2 * S, '2 seconds'],
    [59 * S + 999, '59 seconds'],
    [60 * S, 'About a minute'],
    [119 * S, 'About a minute'],
    [2 * M, '2 minutes'],
    [59 * M + 59 * S, '59 minutes'],
    [60 * M, 'About an hour'],
    [90 * M - 1, 'About an hour'],
    [90 * M, '2 hours'],
    [47 * H + 29 * M, '47 hours'],
    [47 * H + 30 * M, '2 days'],
    [13 * D + 23 * H, '13 days'],
    [14 * D, '2 weeks'],
    [59 * D, '8 weeks'],
    [60 * D, '2 months'],
    [729 * D, '24 months'],
    [730 * D, '2 years'],
    [10 * 365 * D, '10 years'],
  ];
  for (const [ms, label] of cases) {
    it(`${ms} ms → ${label}`, () => expect(humanDuration(ms)).toBe(label));
  }
});

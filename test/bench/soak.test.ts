import { describe, expect, it } from 'vitest';
import { soakFigures, warmupMs } from '../../bench/lib/soak.mjs';

const MB = 1024 * 1024;

describe('memory soak figures', () => {
  it('warm-up is 2 minutes of a long soak and a fifth of a short one', () => {
    expect(warmupMs(30 * 60_000)).toBe(120_000);
    expect(warmupMs(60_000)).toBe(12_000);
  });

  it('compares medians after the warm-up, so one garbage-collection swing is not growth', () => {
    // 30 minutes, a sample every 5 s: flat at 150 MB with a +25 MB spike every 10th sample
    const samples = Array.from({ length: 361 }, (_, i) => ({ t: i * 5_000, rss: (150 + (i % 10 === 9 ? 25 : 0)) * MB }));
    const f = soakFigures(samples, 30 * 60_000);
    expect(f.warmupSeconds).toBe(120);
    expect(f.rssAtWarmupBytes).toBe(150 * MB);
    expect(f.rssAtEndBytes).toBe(150 * MB);
    expect(f.growthPercent).toBe(0);
    expect(f.maxGrowthPercent).toBeCloseTo(16.7, 1);
  });

  it('shows steady growth (a leak) as growth', () => {
    const samples = Array.from({ length: 361 }, (_, i) => ({ t: i * 5_000, rss: (150 + i * 0.2) * MB }));
    const f = soakFigures(samples, 30 * 60_000);
    expect(f.growthPercent).toBeGreaterThan(30);
  });

  it('says nothing with too few samples', () => {
    expect(soakFigures([{ t: 0, rss: MB }], 60_000)).toEqual({ samples: 1 });
  });
});

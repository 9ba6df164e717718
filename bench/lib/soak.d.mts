// Types for the pure parts of soak.mjs that test/bench/soak.test.ts checks.
export interface RssSample {
  t: number;
  rss: number;
}
export interface SoakFigures {
  samples: number;
  warmupSeconds?: number;
  rssAtWarmupBytes?: number;
  rssAtEndBytes?: number;
  rssMaxAfterWarmupBytes?: number;
  growthPercent?: number | null;
  maxGrowthPercent?: number | null;
}
export function warmupMs(totalMs: number): number;
export function soakFigures(samples: RssSample[], totalMs: number): SoakFigures;
export function benchSoak(options: Record<string, unknown>): Promise<Record<string, unknown>>;

/**
 * A one-row sparkline (▁▂▃▄▅▆▇█) of the last `width` values, scaled from the smallest to the largest
 * value shown (so turn-to-turn differences of a slow model stay visible); equal values sit mid-height.
 */
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export function sparkline(values: readonly number[], width: number): string {
  if (width <= 0) return '';
  const shown = values.filter((v) => Number.isFinite(v) && v >= 0).slice(-width);
  if (shown.length === 0) return '';
  const max = Math.max(...shown);
  const min = Math.min(...shown);
  let out = '';
  for (const v of shown) {
    const level = max > min ? Math.round(((v - min) / (max - min)) * (LEVELS.length - 1)) : 3;
    out += LEVELS[Math.min(LEVELS.length - 1, Math.max(0, level))];
  }
  return out;
}

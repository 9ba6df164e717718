/** A one-row sparkline (▁▂▃▄▅▆▇█) of the last `width` values, scaled from 0 to the largest shown. */
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export function sparkline(values: readonly number[], width: number): string {
  if (width <= 0) return '';
  const shown = values.filter((v) => Number.isFinite(v) && v >= 0).slice(-width);
  if (shown.length === 0) return '';
  const max = Math.max(...shown);
  let out = '';
  for (const v of shown) {
    const level = max > 0 ? Math.round((v / max) * (LEVELS.length - 1)) : 0;
    out += LEVELS[Math.min(LEVELS.length - 1, Math.max(0, level))];
  }
  return out;
}

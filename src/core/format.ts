/** Small number formats for the panels. */

const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An integer with thousands separators: 1830 → "1,830". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '0';
  return countFormat.format(Math.round(n));
}

/**
 * A duration for humans: under 10 s one decimal ("2.1 s", "0.4 s"), under a minute whole seconds
 * ("41 s"), under an hour minutes and two-digit seconds ("1 m 05 s"), else hours and two-digit
 * minutes ("1 h 02 m"). Rounding happens before the unit is picked (59.6 s → "1 m 00 s").
 * Negative or non-finite input counts as 0.
 */
export function formatSeconds(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const tenths = Math.round(safe / 100);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(safe / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} m ${pad2(seconds % 60)} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${pad2(minutes % 60)} m`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Go's time.Duration.String() for a duration in nanoseconds: `0s`, `850ns`, `1.5µs` (U+00B5),
 * `342.546ms`, `4.883583458s`, `1m23.5s`, `1h2m3s`, `1h0m0s`. Fractions keep up to 9 digits with
 * trailing zeros removed. Non-integer input is rounded to whole nanoseconds.
 */
export function formatGoDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '0s';
  const d = Math.round(ns);
  if (d === 0) return '0s';
  const sign = d < 0 ? '-' : '';
  const u = Math.abs(d);
  if (u < 1_000) return `${sign}${u}ns`;
  if (u < 1_000_000) return `${sign}${withFraction(u, 3)}µs`;
  if (u < 1_000_000_000) return `${sign}${withFraction(u, 6)}ms`;
  const totalSeconds = Math.floor(u / 1e9);
  const seconds = `${(totalSeconds % 60) + fraction(u % 1e9, 9)}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes === 0) return sign + seconds;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = `${totalMinutes % 60}m`;
  return hours === 0 ? sign + minutes + seconds : `${sign}${hours}h${minutes}${seconds}`;
}

/** `v / 10^digits` printed with its fraction (trailing zeros trimmed). */
function withFraction(v: number, digits: number): string {
  const scale = 10 ** digits;
  return `${Math.floor(v / scale)}${fraction(v % scale, digits)}`;
}

function fraction(remainder: number, digits: number): string {
  if (remainder === 0) return '';
  return `.${String(remainder).padStart(digits, '0').replace(/0+$/, '')}`;
}

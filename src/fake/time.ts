/** Go-style time formatting and duration parsing, as Ollama puts them on the wire. */

/** now + max int64 nanoseconds, the expiry Ollama reports for keep_alive < 0 (~292 years). */
export const FOREVER_MS = 9_223_372_036_854;

function fraction(epochMs: number): string {
  const ms = epochMs - Math.floor(epochMs / 1000) * 1000;
  const ns = Math.round(ms * 1e3) * 1e3; // microseconds: a double epoch in ms holds no more
  if (ns <= 0 || ns >= 1e9) return '';
  return `.${String(ns).padStart(9, '0').replace(/0+$/, '')}`;
}

/** RFC 3339 in UTC with `Z`, nanosecond precision, trailing zeros dropped (`created_at`). */
export function rfc3339Utc(epochMs: number): string {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return `${new Date(whole).toISOString().slice(0, 19)}${fraction(epochMs)}Z`;
}

/** RFC 3339 with the local offset (`expires_at`, `modified_at`); offset 0 prints `Z` as Go does. */
export function rfc3339Local(epochMs: number): string {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const offsetMin = -new Date(whole).getTimezoneOffset();
  const local = new Date(whole + offsetMin * 60_000).toISOString().slice(0, 19);
  if (offsetMin === 0) return `${local}${fraction(epochMs)}Z`;
  const sign = offsetMin > 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${fraction(epochMs)}${sign}${hh}:${mm}`;
}

/** Sub-millisecond wall clock, so timestamps carry more than 3 fraction digits like Go's. */
export function nowPrecise(): number {
  return performance.timeOrigin + performance.now();
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parse a Go duration string ("5m", "1h30m", "-1s", "300ms"). Throws Go's message on failure. */
export function parseGoDuration(text: string): number {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest.length > 0) {
    const num = /^(\d*\.?\d*)/.exec(rest)![1]!;
    if (num === '' || num === '.') throw new Error(`time: invalid duration ${quoted}`);
    rest = rest.slice(num.length);
    const unit = /^([^\d.]*)/.exec(rest)![1]!;
    if (unit === '') throw new Error(`time: missing unit in duration ${quoted}`);
    const scale = UNIT_MS[unit];
    if (scale === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    total += Number(num) * scale;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

/**
 * `keep_alive` as sent → milliseconds (negative = forever), or undefined when absent.
 * Numbers are seconds; strings are Go durations. Throws an Error with Ollama's message when invalid.
 */
export function parseKeepAlive(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') return parseGoDuration(value);
  throw new Error(`Unsupported type: '${Array.isArray(value) ? 'array' : typeof value}'`);
}

/**
 * The UNTIL column of `ollama ps` (Go format.HumanTime/humanDuration in ollama/format).
 *
 * One deliberate difference: a zero time (Go's 0001-01-01T00:00:00Z, or an unparsable value) gives
 * `Never`. The CLI checks "in the past" first and would print `Stopping...` for it.
 */
const GO_ZERO_TIME_MS = new Date('0001-01-01T00:00:00Z').getTime();

const HOUR_MS = 3_600_000;

export function untilLabel(expiresAt: string | Date, now: Date): string {
  const t = typeof expiresAt === 'string' ? new Date(expiresAt).getTime() : expiresAt.getTime();
  if (Number.isNaN(t) || t === GO_ZERO_TIME_MS) return 'Never';
  const nowMs = now.getTime();
  if (t < nowMs) return 'Stopping...';
  const aheadMs = t - nowMs;
  // Go: int(delta.Hours())/24/365 < -20, with delta = now - t (integer divisions truncate).
  if (Math.trunc(Math.trunc(Math.trunc(aheadMs / HOUR_MS) / 24) / 365) > 20) return 'Forever';
  if (aheadMs === 0) return `${humanDuration(0)} ago`; // Go: delta < 0 is false for an equal time
  return `${humanDuration(aheadMs)} from now`;
}

/** Go humanDuration for a non-negative duration in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / HOUR_MS);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(hours / 24 / 365)} years`;
}

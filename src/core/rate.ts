/**
 * Live tokens-per-second estimate over a sliding time window.
 *
 * Model: events are (time, tokens). The measured interval starts at an *anchor*: the newest event at
 * or before `now - windowMs` (or the first event when the stream is younger than the window), and
 * the rate is the tokens that arrived after the anchor divided by the time since it.
 *
 * - First token: `undefined` until there are 2 events AND the measured span is at least
 *   `minSpanMs` (a burst of chunks within a millisecond says nothing about the pace).
 * - Steady stream: the span is measured to the latest event, not to `now`, so the figure does not
 *   saw-tooth between tokens (events every 100 ms give exactly 10 tok/s).
 * - Stall: once the time since the last event exceeds the average gap, the span is measured to `now`
 *   and the rate decays smoothly; after a whole window with no event it is exactly 0 (not undefined:
 *   "the model is producing nothing" is information). The first event after such a stall starts a
 *   fresh measurement (undefined again until the second event).
 * - Bursty (hosted) streams: the window averages bursts and stalls together.
 *
 * Cost: add O(1) amortized; rate O(events in window). Memory: events of one window.
 */

export const DEFAULT_RATE_WINDOW_MS = 4000;
export const MIN_RATE_SPAN_MS = 200;

export class RateEstimator {
  readonly windowMs: number;
  readonly minSpanMs: number;
  private times: number[] = [];
  private tokens: number[] = [];
  private head = 0;
  private count = 0;

  constructor(windowMs: number = DEFAULT_RATE_WINDOW_MS, minSpanMs: number = MIN_RATE_SPAN_MS) {
    this.windowMs = windowMs;
    this.minSpanMs = minSpanMs;
  }

  add(atMs: number, tokens = 1): void {
    const last = this.times[this.times.length - 1];
    if (last !== undefined && atMs - last > this.windowMs) {
      // After a stall longer than the window the old pace says nothing: measure afresh from here.
      this.reset();
      this.add(atMs, tokens);
      return;
    }
    this.times.push(last !== undefined && atMs < last ? last : atMs);
    this.tokens.push(tokens);
    this.count++;
  }

  rate(nowMs: number): number | undefined {
    if (this.count < 2) return undefined;
    this.dropBefore(nowMs - this.windowMs);
    const anchorAt = this.times[this.head]!;
    const lastAt = this.times[this.times.length - 1]!;
    let tokens = 0;
    for (let i = this.head + 1; i < this.tokens.length; i++) tokens += this.tokens[i]!;
    if (tokens === 0) return nowMs - anchorAt >= this.minSpanMs ? 0 : undefined;
    const eventSpan = lastAt - anchorAt;
    const averageGap = eventSpan / tokens;
    const span = Math.max(eventSpan, nowMs - anchorAt - averageGap);
    if (span < this.minSpanMs) return undefined;
    return (tokens * 1000) / span;
  }

  reset(): void {
    this.times = [];
    this.tokens = [];
    this.head = 0;
    this.count = 0;
  }

  /** Makes the newest event at or before `limit` the anchor and forgets the older ones. */
  private dropBefore(limit: number): void {
    while (this.head + 1 < this.times.length && this.times[this.head + 1]! <= limit) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
  }
}

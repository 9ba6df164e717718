/**
 * Timers of one response. cancel() (client went away, server closing) clears every pending
 * timer and makes pending sleeps resolve false, so generation stops at once.
 */
export class RequestClock {
  private timers = new Set<NodeJS.Timeout>();
  private immediates = new Set<NodeJS.Immediate>();
  private wakers = new Set<() => void>();
  cancelled = false;

  /** Resolves true after `ms`, or false as soon as the clock is cancelled. `ms <= 0` yields one turn. */
  sleep(ms: number): Promise<boolean> {
    if (this.cancelled) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const wake = () => {
        this.wakers.delete(wake);
        resolve(false);
      };
      this.wakers.add(wake);
      const done = () => {
        this.wakers.delete(wake);
        resolve(!this.cancelled);
      };
      if (ms <= 0) {
        const im = setImmediate(() => {
          this.immediates.delete(im);
          done();
        });
        this.immediates.add(im);
      } else {
        const t = setTimeout(() => {
          this.timers.delete(t);
          done();
        }, ms);
        this.timers.add(t);
      }
    });
  }

  /** Timers still pending (0 after cancel). */
  get pending(): number {
    return this.timers.size + this.immediates.size;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const t of this.timers) clearTimeout(t);
    for (const im of this.immediates) clearImmediate(im);
    this.timers.clear();
    this.immediates.clear();
    for (const wake of [...this.wakers]) wake();
  }
}

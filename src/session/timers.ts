/** A small owner of timeouts so a controller can cancel all of its timers on dispose. */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.pending.delete(t);
      fn();
    }, ms);
    t.unref?.();
    this.pending.add(t);
    return t;
  }

  cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.pending.delete(t);
  }

  /** A wait that resolves after `ms`, or at once when cancelled. */
  sleep(ms: number): { promise: Promise<void>; cancel: () => void } {
    let timer: NodeJS.Timeout | undefined;
    let resolveFn: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      resolveFn = resolve;
      timer = this.after(ms, resolve);
    });
    return {
      promise,
      cancel: () => {
        this.cancel(timer);
        resolveFn();
      },
    };
  }

  dispose(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}

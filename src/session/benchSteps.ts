/**
 * Step accounting of a bench for its progress displays (the CLI's bar and the TUI's compare overlay):
 * steps are the cold loads and the runs. The ETA adds the mean time of a finished load per load left and
 * of a finished run per run left (a kind not seen yet borrows the other kind's mean).
 */
export type BenchStepKind = 'load' | 'run';

export class BenchSteps {
  /** Steps finished (or skipped), at most `total`. */
  done = 0;
  readonly total: number;
  private kind: BenchStepKind = 'load';
  private started: number;
  private readonly spent = { load: { ms: 0, n: 0 }, run: { ms: 0, n: 0 } };
  private readonly left: { load: number; run: number };

  constructor(plan: { loads: number; runs: number }, at: number) {
    this.total = plan.loads + plan.runs;
    this.left = { load: plan.loads, run: plan.runs };
    this.started = at;
  }

  begin(kind: BenchStepKind, at: number): void {
    this.kind = kind;
    this.started = at;
  }

  /** The current step ended (successfully or not); returns how long it took and what kind it was. */
  step(at: number): { kind: BenchStepKind; ms: number } {
    const ms = at - this.started;
    const spent = this.spent[this.kind];
    spent.ms += ms;
    spent.n++;
    this.left[this.kind] = Math.max(0, this.left[this.kind] - 1);
    this.done = Math.min(this.total, this.done + 1);
    return { kind: this.kind, ms };
  }

  /** A model failed to load: its runs will not happen. */
  skipRuns(count: number): void {
    this.left.run = Math.max(0, this.left.run - count);
    this.done = Math.min(this.total, this.done + count);
  }

  /** Estimated ms left, undefined before any step finished. */
  etaMs(): number | undefined {
    const mean = (k: BenchStepKind) => (this.spent[k].n > 0 ? this.spent[k].ms / this.spent[k].n : undefined);
    const load = mean('load') ?? mean('run');
    const run = mean('run') ?? mean('load');
    if (load === undefined || run === undefined) return undefined;
    return this.left.load * load + this.left.run * run;
  }
}

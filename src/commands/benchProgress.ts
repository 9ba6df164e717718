/**
 * One-line progress bar with ETA for `r1-tui bench`, on stderr and only when stderr is a terminal.
 * Steps are the cold loads and the runs. The ETA adds the mean time of a finished load per load left and
 * of a finished run per run left (a kind not seen yet borrows the other kind's mean).
 */
import { formatSeconds } from '../core/format.js';
import { truncateToWidth } from '../core/wrap.js';
import type { OutStream } from './io.js';

const BAR_CELLS = 20;
const REPAINT_MS = 100;

export class BenchProgress {
  private done = 0;
  private label = '';
  private tokens = 0;
  private lastPaint = -Infinity;
  private kind: 'load' | 'run' = 'load';
  private stepStarted: number;
  private readonly spent = { load: { ms: 0, n: 0 }, run: { ms: 0, n: 0 } };
  private readonly left: { load: number; run: number };
  private readonly enabled: boolean;

  constructor(
    private readonly out: OutStream,
    plan: { loads: number; runs: number },
    private readonly now: () => number,
  ) {
    this.enabled = out.isTTY === true;
    this.stepStarted = now();
    this.totalSteps = plan.loads + plan.runs;
    this.left = { load: plan.loads, run: plan.runs };
  }

  private readonly totalSteps: number;

  /** A new step begins (e.g. "deepseek-r1:70b run 1/2"). */
  begin(label: string, kind: 'load' | 'run'): void {
    this.label = label;
    this.kind = kind;
    this.tokens = 0;
    this.stepStarted = this.now();
    this.paint(true);
  }

  token(): void {
    this.tokens++;
    this.paint(false);
  }

  /** The current step ended (successfully or not). */
  step(): void {
    const spent = this.spent[this.kind];
    spent.ms += this.now() - this.stepStarted;
    spent.n++;
    this.left[this.kind] = Math.max(0, this.left[this.kind] - 1);
    this.done = Math.min(this.totalSteps, this.done + 1);
    this.paint(true);
  }

  /** A model failed to load: its runs will not happen. */
  skipRuns(count: number): void {
    this.left.run = Math.max(0, this.left.run - count);
    this.done = Math.min(this.totalSteps, this.done + count);
    this.paint(true);
  }

  /** Estimated ms left, undefined before any step finished. */
  etaMs(): number | undefined {
    const mean = (k: 'load' | 'run') => (this.spent[k].n > 0 ? this.spent[k].ms / this.spent[k].n : undefined);
    const load = mean('load') ?? mean('run');
    const run = mean('run') ?? mean('load');
    if (load === undefined || run === undefined) return undefined;
    return this.left.load * load + this.left.run * run;
  }

  line(): string {
    const ratio = this.totalSteps > 0 ? this.done / this.totalSteps : 1;
    const filled = Math.round(ratio * BAR_CELLS);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_CELLS - filled)}]`;
    const etaMs = this.done < this.totalSteps ? this.etaMs() : undefined;
    const eta = etaMs !== undefined ? ` · ETA ${formatSeconds(etaMs)}` : '';
    const tok = this.tokens > 0 ? ` · ${this.tokens} tok` : '';
    return `${bar} ${this.done}/${this.totalSteps} ${this.label}${tok}${eta}`;
  }

  /** Erase the bar (before the results are printed). */
  clear(): void {
    if (this.enabled) this.out.write('\r\u001b[2K');
  }

  private paint(force: boolean): void {
    if (!this.enabled) return;
    const t = this.now();
    if (!force && t - this.lastPaint < REPAINT_MS) return;
    this.lastPaint = t;
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    this.out.write(`\r\u001b[2K${truncateToWidth(this.line(), width)}`);
  }
}

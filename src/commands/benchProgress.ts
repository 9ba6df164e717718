/**
 * One-line progress bar with ETA for `r1-tui bench`, on stderr and only when stderr is a terminal.
 * Steps are the cold loads and the runs; the ETA is the mean time per finished step times the steps left.
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
  private readonly started: number;
  private readonly enabled: boolean;

  constructor(
    private readonly out: OutStream,
    private readonly totalSteps: number,
    private readonly now: () => number,
  ) {
    this.enabled = out.isTTY === true;
    this.started = now();
  }

  /** A new step begins (e.g. "deepseek-r1:70b run 1/2"). */
  begin(label: string): void {
    this.label = label;
    this.tokens = 0;
    this.paint(true);
  }

  token(): void {
    this.tokens++;
    this.paint(false);
  }

  /** The current step ended (successfully or not). */
  step(count = 1): void {
    this.done = Math.min(this.totalSteps, this.done + count);
    this.paint(true);
  }

  line(): string {
    const ratio = this.totalSteps > 0 ? this.done / this.totalSteps : 1;
    const filled = Math.round(ratio * BAR_CELLS);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_CELLS - filled)}]`;
    const elapsed = this.now() - this.started;
    const eta = this.done > 0 && this.done < this.totalSteps ? ` · ETA ${formatSeconds((elapsed / this.done) * (this.totalSteps - this.done))}` : '';
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

/**
 * One-line progress bar with ETA for `r1-tui bench`, on stderr and only when stderr is a terminal.
 * The step counts and the ETA come from BenchSteps (shared with the TUI's compare overlay).
 */
import { formatSeconds } from '../core/format.js';
import { truncateToWidth } from '../core/wrap.js';
import { BenchSteps } from '../session/benchSteps.js';
import type { OutStream } from './io.js';

const BAR_CELLS = 20;
const REPAINT_MS = 100;

export class BenchProgress {
  private label = '';
  private tokens = 0;
  private lastPaint = -Infinity;
  private readonly steps: BenchSteps;
  private readonly enabled: boolean;

  constructor(
    private readonly out: OutStream,
    plan: { loads: number; runs: number },
    private readonly now: () => number,
  ) {
    this.enabled = out.isTTY === true;
    this.steps = new BenchSteps(plan, now());
  }

  /** A new step begins (e.g. "deepseek-r1:70b run 1/2"). */
  begin(label: string, kind: 'load' | 'run'): void {
    this.label = label;
    this.tokens = 0;
    this.steps.begin(kind, this.now());
    this.paint(true);
  }

  token(): void {
    this.tokens++;
    this.paint(false);
  }

  /** The current step ended (successfully or not). */
  step(): void {
    this.steps.step(this.now());
    this.paint(true);
  }

  /** A model failed to load: its runs will not happen. */
  skipRuns(count: number): void {
    this.steps.skipRuns(count);
    this.paint(true);
  }

  /** Estimated ms left, undefined before any step finished. */
  etaMs(): number | undefined {
    return this.steps.etaMs();
  }

  line(): string {
    const { done, total } = this.steps;
    const ratio = total > 0 ? done / total : 1;
    const filled = Math.round(ratio * BAR_CELLS);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_CELLS - filled)}]`;
    const etaMs = done < total ? this.etaMs() : undefined;
    const eta = etaMs !== undefined ? ` · ETA ${formatSeconds(etaMs)}` : '';
    const tok = this.tokens > 0 ? ` · ${this.tokens} tok` : '';
    return `${bar} ${done}/${total} ${this.label}${tok}${eta}`;
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

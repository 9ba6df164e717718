/**
 * Polls a backend's metrics (vLLM/SGLang /metrics, llama.cpp /slots) no faster than the panel needs:
 * - nothing while no panel shows the figures (setVisible(false)) or the backend has no metrics;
 * - every `activeMs` (2 s) while a reply streams and the panel shows them;
 * - every `idleMs` (10 s) while idle and shown;
 * - one poll at once when the panel appears or a reply starts/ends (kick()).
 * Only one request is in flight at a time; a failure is reported and the poll goes on at the idle pace.
 * Cost: one GET and one text parse per poll. With the real 56 KB vLLM dump, `npm run bench` (its
 * server-metrics row) measured ~2.3 ms of CPU per poll once warm: ~0.11% of a core at the streaming pace
 * (2 s), ~0.02% at the idle pace (10 s). Only the names the panel reads are parsed (backends/metrics.ts).
 */
import type { ServerMetrics } from '../backends/backend.js';

export interface MetricsPollerDeps {
  poll: () => Promise<ServerMetrics>;
  onMetrics: (m: ServerMetrics) => void;
  onError?: (err: unknown) => void;
  isStreaming: () => boolean;
  activeMs?: number;
  idleMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const METRICS_ACTIVE_MS = 2000;
export const METRICS_IDLE_MS = 10_000;

export class ServerMetricsPoller {
  private visible = false;
  private stopped = false;
  private inFlight = false;
  private timer: unknown;
  /** Polls issued (for tests and the bench). */
  polls = 0;

  constructor(private readonly deps: MetricsPollerDeps) {}

  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) this.kick();
    else this.clear();
  }

  /** Poll now (if shown), then keep the pace. */
  kick(): void {
    if (!this.visible || this.stopped) return;
    this.clear();
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private clear(): void {
    if (this.timer !== undefined) (this.deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout)))(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (!this.visible || this.stopped) return;
    const ms = this.deps.isStreaming() ? (this.deps.activeMs ?? METRICS_ACTIVE_MS) : (this.deps.idleMs ?? METRICS_IDLE_MS);
    const set =
      this.deps.setTimer ??
      ((fn: () => void, delay: number) => {
        const t = setTimeout(fn, delay);
        t.unref?.();
        return t;
      });
    this.timer = set(() => {
      this.timer = undefined;
      void this.run();
    }, ms);
  }

  private async run(): Promise<void> {
    if (this.inFlight || !this.visible || this.stopped) return;
    this.inFlight = true;
    this.polls++;
    try {
      const m = await this.deps.poll();
      if (!this.stopped) this.deps.onMetrics(m);
    } catch (err) {
      if (!this.stopped) this.deps.onError?.(err);
    } finally {
      this.inFlight = false;
      this.clear();
      this.schedule();
    }
  }
}

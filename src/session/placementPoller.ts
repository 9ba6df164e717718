/**
 * Polls /api/ps for the CPU/GPU placement: about every second while a reply streams, every 10 s when
 * idle (loaded or not: the keep-alive countdown moves in minutes, an unload shows within 10 s), and not at
 * all while Ollama is unreachable (kick() resumes it on reconnect; a send, a turn's end and a model
 * switch kick it too). An answer equal to the one shown changes nothing in the store (no frame).
 */
import { OllamaError, type OllamaApi, type PsModel } from '../backends/ollama/types.js';
import type { AppStore } from './store.js';
import type { Timers } from './timers.js';

export interface PollIntervals {
  activeMs: number;
  idleMs: number;
}

export const DEFAULT_POLL_INTERVALS: PollIntervals = { activeMs: 1000, idleMs: 10_000 };

export interface PlacementDeps {
  api: OllamaApi;
  store: AppStore;
  timers: Timers;
  now: () => number;
  intervals?: PollIntervals;
  isStreaming: () => boolean;
  isConnected: () => boolean;
  onUnreachable: (err: OllamaError) => void;
}

export class PlacementPoller {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private kickAgain = false;
  private disposed = false;
  private readonly intervals: PollIntervals;

  constructor(private readonly deps: PlacementDeps) {
    this.intervals = deps.intervals ?? DEFAULT_POLL_INTERVALS;
  }

  /** Poll now (on connect, on send, at the end of a turn, after a model switch). */
  kick(): void {
    if (this.disposed) return;
    if (this.inFlight) {
      this.kickAgain = true;
      return;
    }
    this.deps.timers.cancel(this.timer);
    this.timer = undefined;
    void this.poll();
  }

  /** Use a /api/ps result fetched elsewhere (the connect sequence). */
  accept(models: PsModel[]): void {
    const shown = this.deps.store.getState().placement;
    // idle polls mostly repeat the last answer: no store update, so no frame (fetchedAt only tells "checked")
    if (shown.fetchedAt !== undefined && !shown.error && samePlacement(shown.models, models)) return;
    this.deps.store.updateLazily({ placement: { models, fetchedAt: this.deps.now() } });
  }

  dispose(): void {
    this.disposed = true;
    this.deps.timers.cancel(this.timer);
  }

  private async poll(): Promise<void> {
    const { api, store, isConnected } = this.deps;
    if (this.disposed || !isConnected()) return; // paused until the next kick()
    this.inFlight = true;
    try {
      this.accept(await api.ps());
    } catch (err) {
      if (err instanceof OllamaError && err.kind === 'unreachable') {
        this.deps.onUnreachable(err);
      } else {
        const error = err instanceof OllamaError ? err.message : 'Could not read the loaded models from Ollama.';
        store.update({ placement: { ...store.getState().placement, error } });
      }
    } finally {
      this.inFlight = false;
    }
    if (this.disposed) return;
    if (this.kickAgain) {
      this.kickAgain = false;
      void this.poll();
      return;
    }
    if (!isConnected()) return;
    const busy = this.deps.isStreaming();
    this.timer = this.deps.timers.after(busy ? this.intervals.activeMs : this.intervals.idleMs, () => {
      this.timer = undefined;
      void this.poll();
    });
  }
}

function samePlacement(a: readonly PsModel[], b: readonly PsModel[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The app store: plain state outside React plus a frame clock. Writers mutate through `update`, which
 * schedules at most one notification per frame interval (default 50 ms = 20 Hz), so tokens never
 * cause a React render each. The UI subscribes with useSyncExternalStore and narrow selectors.
 */
import type { AppState } from './types.js';

export type Listener = () => void;

export class AppStore {
  private state: AppState;
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  /** The pending timer only carries lazy updates (it may be brought forward by a normal one). */
  private timerLazy = false;
  private lastNotify = 0;
  /** Number of notifications delivered (tests assert token coalescing with it). */
  notifications = 0;

  constructor(initial: AppState, private readonly frameMs = 50) {
    this.state = initial;
  }

  getState = (): AppState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Replace top-level slices (a new object per changed slice, so selectors see a new identity).
   * Turn text is mutated in place by the stream controller, which then calls touchTurns().
   */
  update(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    this.schedule();
  }

  /** Replace the whole state (a host switch drops the `server` slice of the old host). */
  replace(next: AppState): void {
    this.state = next;
    this.schedule();
  }

  /**
   * For once-a-second figures (system sampler, /api/ps): the change rides along with the next frame
   * (a token, a key) and is delivered on its own only after `maxDelayMs`. A slow stream then costs one
   * frame per token instead of one per token plus one per timer.
   */
  updateLazily(patch: Partial<AppState>, maxDelayMs = 1000): void {
    this.state = { ...this.state, ...patch };
    if (this.timer) return;
    this.timerLazy = true;
    this.timer = setTimeout(() => this.flush(), maxDelayMs);
    this.timer.unref?.();
  }

  /** Mark the conversation changed after in-place edits to a turn (a new snapshot; each Turn carries its own `rev`). */
  touchTurns(): void {
    // a new array: components that select `turns` (the shell, the memoized chat pane) see the change
    this.state = { ...this.state, turns: [...this.state.turns] };
    this.schedule();
  }

  /** Deliver now (used on stream end and on user actions so the screen reacts without delay). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerLazy = false;
    this.lastNotify = performance.now();
    this.notifications++;
    for (const l of [...this.listeners]) l();
  }

  private schedule(): void {
    if (this.timer && !this.timerLazy) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerLazy = false;
    const wait = Math.max(0, this.frameMs - (performance.now() - this.lastNotify));
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }
}

export function initialState(host: string, hostSource: AppState['connection']['hostSource'], demo: boolean): AppState {
  return {
    connection: { host, hostSource, status: 'connecting', demo },
    model: { installed: [], think: undefined },
    turns: [],
    phase: 'idle',
    phaseSince: performance.now(),
    placement: { models: [] },
    rates: { history: [] },
    system: null,
    notice: null,
    loop: null,
  };
}

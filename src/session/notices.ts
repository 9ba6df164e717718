/**
 * The one way to set the store's notice line. The controllers hold a Notices (with the session's clock);
 * the CLI-wired actions (conversations, copy, saving) call showNotice. Nothing else writes state.notice.
 * (The UI's own key feedback, ui.hint in useShellState, is shown over it and never stored: it is view
 * state that answers a key, not app state; src/ui/common/hint.ts says why the two are kept apart.)
 */
import type { AppStore } from './store.js';
import type { Notice } from './types.js';

/**
 * Put a notice in the store and return it (so its owner can clear exactly its own one). `flush: false`
 * leaves the flush to the store's next tick (for callers inside a store listener).
 */
export function showNotice(store: AppStore, text: string, level: Notice['level'] = 'info', opts: { at?: number; flush?: boolean } = {}): Notice {
  const notice: Notice = { text, level, at: opts.at ?? performance.now() };
  store.update({ notice });
  if (opts.flush !== false) store.flush();
  return notice;
}

export class Notices {
  constructor(
    private readonly store: AppStore,
    private readonly now: () => number,
  ) {}

  show(text: string, level: Notice['level'] = 'info'): Notice {
    return showNotice(this.store, text, level, { at: this.now() });
  }

  /** Clear the notice if it is still the given one (a newer notice stays). */
  clearIf(notice: Notice | undefined): void {
    if (notice && this.store.getState().notice === notice) this.store.update({ notice: null });
  }

  dismiss(): void {
    this.store.update({ notice: null });
    this.store.flush();
  }
}

/** The one-line notice slot. Each setter returns the Notice so its owner can clear exactly its own one. */
import type { AppStore } from './store.js';
import type { Notice } from './types.js';

export class Notices {
  constructor(
    private readonly store: AppStore,
    private readonly now: () => number,
  ) {}

  show(text: string, level: Notice['level'] = 'info'): Notice {
    const notice: Notice = { text, level, at: this.now() };
    this.store.update({ notice });
    this.store.flush();
    return notice;
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

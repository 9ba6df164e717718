/** The one way to set the store's notice: showNotice (and Notices over it, with the session's clock). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countingStore } from './helpers.js';
import { Notices, showNotice } from '../../src/session/notices.js';

describe('notices', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('showNotice stores the notice and flushes at once; flush: false waits for the next frame', () => {
    const { store, seen } = countingStore();
    const shown = showNotice(store, 'Copied.', 'info', { at: 7 });
    expect(store.getState().notice).toEqual({ text: 'Copied.', level: 'info', at: 7 });
    expect(seen()).toBe(1);
    showNotice(store, 'Could not save.', 'warn', { flush: false });
    expect(store.getState().notice?.text).toBe('Could not save.');
    expect(seen()).toBe(1);
    vi.advanceTimersByTime(50);
    expect(seen()).toBe(2);
    expect(shown).not.toBe(store.getState().notice);
  });

  it('Notices stamps with its clock and clears only its own notice', () => {
    const { store } = countingStore();
    const notices = new Notices(store, () => 42);
    const mine = notices.show('Loading…');
    expect(store.getState().notice).toEqual({ text: 'Loading…', level: 'info', at: 42 });
    const newer = showNotice(store, 'Newer.');
    notices.clearIf(mine);
    expect(store.getState().notice).toBe(newer);
    notices.clearIf(newer);
    expect(store.getState().notice).toBeNull();
  });
});

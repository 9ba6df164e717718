import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countingStore } from './helpers.js';

describe('AppStore frame clock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces updates into one notification per frame', () => {
    const { store, seen } = countingStore();
    for (let i = 0; i < 10; i++) store.update({ phase: 'answering' });
    expect(seen()).toBe(0);
    vi.advanceTimersByTime(50);
    expect(seen()).toBe(1);
  });

  it('a lazy update alone is delivered after its max delay, not at the next frame', () => {
    const { store, seen } = countingStore();
    store.updateLazily({ system: null }, 1000);
    vi.advanceTimersByTime(999);
    expect(seen()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(seen()).toBe(1);
  });

  it('a lazy update rides along with the next normal frame (one notification, both changes)', () => {
    const { store, seen } = countingStore();
    store.updateLazily({ notice: { text: 'from the sampler', level: 'info', at: 0 } }, 1000);
    vi.advanceTimersByTime(200);
    store.update({ phase: 'answering' });
    vi.advanceTimersByTime(50);
    expect(seen()).toBe(1);
    expect(store.getState().notice?.text).toBe('from the sampler');
    expect(store.getState().phase).toBe('answering');
    vi.advanceTimersByTime(2000);
    expect(seen()).toBe(1); // nothing left pending
  });

  it('a lazy update does not delay a normal frame already scheduled', () => {
    const { store, seen } = countingStore();
    store.update({ phase: 'thinking' });
    store.updateLazily({ system: null }, 1000);
    vi.advanceTimersByTime(50);
    expect(seen()).toBe(1);
  });
});

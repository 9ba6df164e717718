/** The /api/ps poller's pace, counted with fake timers (structural: polls and store notifications, no timings). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlacementPoller } from '../../src/session/placementPoller.js';
import { AppStore, initialState } from '../../src/session/store.js';
import { Timers } from '../../src/session/timers.js';
import type { OllamaApi, PsModel } from '../../src/backends/ollama/types.js';

const loaded: PsModel = { name: 'deepseek-r1:8b', model: 'deepseek-r1:8b', size: 5e9, size_vram: 5e9, expires_at: '2030-01-01T00:00:00Z' } as PsModel;

function setup(streaming: { on: boolean }) {
  let polls = 0;
  const api = { ps: async () => (polls++, [loaded]) } as unknown as OllamaApi;
  const store = new AppStore(initialState('http://mem', 'default', false));
  const timers = new Timers();
  const poller = new PlacementPoller({
    api,
    store,
    timers,
    now: () => Date.now(),
    isStreaming: () => streaming.on,
    isConnected: () => true,
    onUnreachable: () => undefined,
  });
  return { poller, store, timers, polls: () => polls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PlacementPoller pace', () => {
  it('idle with a loaded model: at most 7 polls a minute and no store notification for a repeated answer', async () => {
    vi.useFakeTimers();
    const streaming = { on: false };
    const { poller, store, timers, polls } = setup(streaming);
    poller.kick();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(store.getState().placement.models).toHaveLength(1);
    const notified = store.notifications;
    const before = polls();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(polls() - before).toBeLessThanOrEqual(7);
    expect(polls() - before).toBeGreaterThanOrEqual(5);
    expect(store.notifications).toBe(notified); // the same answer: no frame
    poller.dispose();
    timers.dispose();
    store.dispose();
  });

  it('while a reply streams: about one poll a second', async () => {
    vi.useFakeTimers();
    const streaming = { on: true };
    const { poller, store, timers, polls } = setup(streaming);
    poller.kick();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(polls()).toBeGreaterThanOrEqual(10);
    expect(polls()).toBeLessThanOrEqual(11);
    poller.dispose();
    timers.dispose();
    store.dispose();
  });
});

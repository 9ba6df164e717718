import { describe, expect, it } from 'vitest';
import { ServerMetricsPoller } from '../../src/session/serverMetricsPoller.js';

function harness(streaming: { on: boolean }) {
  const timers: Array<{ fn: () => void; ms: number; live: boolean }> = [];
  const got: number[] = [];
  let n = 0;
  const poller = new ServerMetricsPoller({
    poll: async () => ({ at: ++n, requestsRunning: n }),
    onMetrics: (m) => got.push(m.at),
    isStreaming: () => streaming.on,
    setTimer: (fn, ms) => {
      const t = { fn, ms, live: true };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => ((h as { live: boolean }).live = false),
  });
  const live = () => timers.filter((t) => t.live);
  const fire = async () => {
    const t = live()[0]!;
    t.live = false;
    t.fn();
    await new Promise((r) => setImmediate(r));
  };
  return { poller, got, live, fire };
}

describe('server metrics poller', () => {
  it('polls nothing while hidden, at once when shown, 2 s while streaming, 10 s idle, stops when hidden', async () => {
    const streaming = { on: false };
    const h = harness(streaming);
    h.poller.kick();
    expect(h.poller.polls).toBe(0);
    h.poller.setVisible(true);
    await new Promise((r) => setImmediate(r));
    expect(h.got).toEqual([1]);
    expect(h.live().map((t) => t.ms)).toEqual([10_000]);
    streaming.on = true;
    await h.fire();
    expect(h.live().map((t) => t.ms)).toEqual([2000]);
    h.poller.setVisible(false);
    expect(h.live()).toEqual([]);
    expect(h.poller.polls).toBe(2);
  });

  it('never has two requests in flight and stop() ends it', async () => {
    const h = harness({ on: true });
    h.poller.setVisible(true);
    h.poller.kick();
    h.poller.kick();
    await new Promise((r) => setImmediate(r));
    expect(h.poller.polls).toBe(1);
    h.poller.stop();
    expect(h.live()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { RateEstimator } from '../../src/core/rate.js';

describe('RateEstimator', () => {
  it('is undefined before two events and for a sub-minimum span', () => {
    const r = new RateEstimator(4000);
    expect(r.rate(0)).toBeUndefined();
    r.add(0);
    expect(r.rate(50)).toBeUndefined();
    r.add(10);
    expect(r.rate(10)).toBeUndefined(); // 10 ms span: too short to mean anything
  });

  it('reports a steady stream exactly and without saw-tooth', () => {
    const r = new RateEstimator(4000);
    for (let t = 0; t <= 10_000; t += 100) {
      r.add(t);
      expect(t < 200 || Math.abs(r.rate(t)! - 10) < 1e-9).toBe(true);
      if (t >= 200) expect(r.rate(t + 50)).toBeCloseTo(10, 9); // between tokens
    }
  });

  it('tracks a change of pace within about one window', () => {
    const r = new RateEstimator(2000);
    let t = 0;
    for (; t < 5000; t += 50) r.add(t); // 20 tok/s
    for (; t < 9000; t += 200) r.add(t); // 5 tok/s
    expect(r.rate(t - 200)).toBeCloseTo(5, 0);
  });

  it('averages bursts: many chunks in under 1 ms, then a stall', () => {
    const r = new RateEstimator(4000);
    let t = 0;
    for (let burst = 0; burst < 20; burst++) {
      for (let i = 0; i < 10; i++) r.add(t + i * 0.01); // 10 chunks in 0.1 ms
      t += 500; // then 500 ms of nothing
    }
    // 20 tok/s on average.
    const rate = r.rate(t - 500 + 0.1)!;
    expect(rate).toBeGreaterThan(17);
    expect(rate).toBeLessThan(23);
  });

  it('a first burst alone does not produce an absurd figure', () => {
    const r = new RateEstimator(4000);
    for (let i = 0; i < 10; i++) r.add(i * 0.05);
    expect(r.rate(0.5)).toBeUndefined();
    expect(r.rate(300)!).toBeLessThan(100);
  });

  it('decays during a stall and reaches 0 after a whole window without tokens', () => {
    const r = new RateEstimator(4000);
    for (let t = 0; t <= 5000; t += 100) r.add(t);
    const a = r.rate(5100)!;
    const b = r.rate(6000)!;
    const c = r.rate(8000)!;
    expect(a).toBeCloseTo(10, 5);
    expect(b).toBeLessThan(a);
    expect(c).toBeLessThan(b);
    expect(c).toBeGreaterThan(0);
    expect(r.rate(9000)).toBe(0);
    expect(r.rate(60_000)).toBe(0);
    // Resuming after the stall measures afresh instead of averaging over the stall.
    r.add(60_000);
    expect(r.rate(60_000)).toBeUndefined();
    for (let t = 60_100; t <= 61_000; t += 100) r.add(t);
    expect(r.rate(61_000)).toBeCloseTo(10, 5);
  });

  it('counts multi-token events', () => {
    const r = new RateEstimator(4000);
    for (let t = 0; t <= 3000; t += 100) r.add(t, 3);
    expect(r.rate(3000)).toBeCloseTo(30, 9);
  });

  it('reset() forgets everything', () => {
    const r = new RateEstimator();
    for (let t = 0; t < 1000; t += 100) r.add(t);
    r.reset();
    expect(r.rate(1000)).toBeUndefined();
  });

  it('keeps memory bounded on long streams', () => {
    const r = new RateEstimator(1000);
    for (let t = 0; t < 200_000; t += 10) {
      r.add(t);
      if (t % 1000 === 0) r.rate(t);
    }
    expect(r.rate(200_000)).toBeCloseTo(100, 5);
    expect((r as unknown as { times: number[] }).times.length).toBeLessThan(5000);
  });
});

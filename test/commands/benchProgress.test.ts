import { describe, expect, it } from 'vitest';
import { BenchProgress } from '../../src/commands/benchProgress.js';
import { capture } from './helpers.js';

describe('BenchProgress', () => {
  it('ETA: loads and runs are timed apart; a failed load skips its runs', () => {
    let t = 0;
    const out = capture(true, 100);
    const p = new BenchProgress(out, { loads: 2, runs: 4 }, () => t);
    p.begin('a load', 'load');
    expect(p.etaMs()).toBeUndefined();
    t = 1000;
    p.step(); // load took 1 s; no run seen yet → runs borrow 1 s
    expect(p.etaMs()).toBe(1 * 1000 + 4 * 1000);
    p.begin('a run 1/2', 'run');
    t = 11_000;
    p.step(); // a run took 10 s
    expect(p.etaMs()).toBe(1 * 1000 + 3 * 10_000);
    expect(p.line()).toBe('[#######.............] 2/6 a run 1/2 · ETA 31 s');
    p.begin('b load', 'load');
    t = 12_000;
    p.step();
    p.skipRuns(2); // as if b failed to load
    expect(p.etaMs()).toBe(1 * 10_000);
    expect(out.text).toContain('\r\u001b[2K[');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const out = capture(false);
    const p = new BenchProgress(out, { loads: 1, runs: 1 }, () => 0);
    p.begin('x load', 'load');
    p.step();
    p.clear();
    expect(out.text).toBe('');
  });
});

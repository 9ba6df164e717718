import { describe, expect, it } from 'vitest';
import { layerView, pullErrorSentence, pullTotals, reducePull, startPull } from '../../src/core/pullProgress.js';

describe('pull progress reducer', () => {
  it('tracks layers by digest with bytes, percent, speed and ETA', () => {
    let s = startPull(0);
    s = reducePull(s, { status: 'pulling manifest' }, 0);
    s = reducePull(s, { status: 'pulling aaa', digest: 'sha256:aaaaaaaaaaaaffff', total: 1000 }, 100);
    s = reducePull(s, { status: 'pulling aaa', digest: 'sha256:aaaaaaaaaaaaffff', total: 1000, completed: 250 }, 1100);
    s = reducePull(s, { status: 'pulling bbb', digest: 'sha256:bbbbbbbbbbbb0000', total: 10, completed: 10 }, 1200);
    expect(s.layers).toHaveLength(2);
    const v = layerView(s.layers[0]!);
    expect(v).toMatchObject({ id: 'aaaaaaaaaaaa', completed: 250, total: 1000, percent: 25, done: false });
    expect(v.bytesPerSecond).toBeCloseTo(250, 6); // 250 bytes in 1 s
    expect(v.etaMs).toBeCloseTo(3000, 6); // 750 bytes left at 250 B/s
    expect(layerView(s.layers[1]!)).toMatchObject({ percent: 100, done: true });
    expect(pullTotals(s)).toEqual({ completed: 260, total: 1010, percent: 25 });
    expect(s.success).toBe(false);
    s = reducePull(s, { status: 'success' }, 1300);
    expect(s.success).toBe(true);
  });

  it('never moves a layer backwards and does not mutate the input', () => {
    const a = reducePull(startPull(0), { status: 'p', digest: 'x', total: 100, completed: 60 }, 1);
    const b = reducePull(a, { status: 'p', digest: 'x', total: 100, completed: 40 }, 2);
    expect(b.layers[0]!.completed).toBe(60);
    expect(a.layers[0]!.lastAt).toBe(1);
  });

  it('turns errors into sentences', () => {
    expect(pullErrorSentence('nope:1b', 'pull model manifest: file does not exist')).toBe(
      'There is no model called nope:1b in the registry. Check the name on ollama.com/library.',
    );
    expect(pullErrorSentence('x', 'fetch failed')).toMatch(/network/);
  });
});

import { describe, expect, it } from 'vitest';
import { estimateVsActual, planWait, promptRateSample, uncachedTokens, waitText } from '../../src/core/waitEstimate.js';

describe('prompt-eval rate as Ollama measures it', () => {
  it('prompt_eval_duration covers only the uncached tokens: the cached prefix is taken off the count', () => {
    // 2,100 tokens counted, 1,900 of them the previous (cached) prompt, 200 processed in 0.5 s → 400 tok/s
    expect(promptRateSample(2100, 0.5e9, 1900)).toBe(400);
    // cold: every counted token was processed
    expect(promptRateSample(2000, 4e9, undefined)).toBe(500);
  });

  it('takes no sample from a tiny uncached part or a zero duration', () => {
    expect(promptRateSample(2000, 0.1e9, 1950)).toBeUndefined();
    expect(promptRateSample(2000, 0, undefined)).toBeUndefined();
  });

  it('the tokens to process are the estimate minus the cached prompt, at least 1', () => {
    expect(uncachedTokens(2050, 1900)).toBe(150);
    expect(uncachedTokens(1900, 2000)).toBe(1);
    expect(uncachedTokens(1900, undefined)).toBe(1900);
  });
});

describe('the wait line', () => {
  it('counts the prompt eval down from the measured rate, marked ~', () => {
    const plan = planWait(1900, false, { promptRate: 54.3 });
    expect(plan.promptMs).toBeCloseTo(34_990.8, 0);
    expect(waitText(plan, 0)).toBe('evaluating prompt · ~1,900 tok · ~35 s left');
    expect(waitText(plan, 20_000)).toBe('evaluating prompt · ~1,900 tok · ~15 s left');
    expect(waitText(plan, 34_500)).toBe('evaluating prompt · ~1,900 tok · ~1.0 s left');
    expect(waitText(plan, 40_000)).toBe('evaluating prompt · ~1,900 tok · longer than the ~35 s estimate');
    expect(waitText(plan, 20_000, true)).toBe('prompt ~1,900 tok · ~15 s left');
    expect(waitText(plan, 40_000, true)).toBe('prompt ~1,900 tok · over ~35 s est.');
  });

  it('without a measured rate: the token estimate and the elapsed time only', () => {
    expect(waitText(planWait(1900, false, undefined), 12_300)).toBe('evaluating prompt · ~1,900 tok · 12 s');
  });

  it('a cold model: elapsed and the last measured load here, then the prompt', () => {
    const plan = planWait(500, true, { loadMs: 41_000, promptRate: 100 });
    expect(waitText(plan, 12_000)).toBe('loading model · 12 s · last load here 41 s');
    expect(waitText(plan, 12_000, true)).toBe('loading 12 s · last 41 s');
    expect(waitText(plan, 42_000)).toBe('evaluating prompt · ~500 tok · ~4.0 s left');
    expect(waitText(planWait(500, true, undefined), 3_000)).toBe('loading model · 3 s · no earlier load measured here');
  });

  it('F2 compares the estimate with the actual durations', () => {
    const plan = planWait(1900, true, { promptRate: 54.3, loadMs: 41_000 });
    expect(estimateVsActual(plan, 41.2e9, 38e9)).toEqual([
      'prompt eval: ~35 s estimated for ~1,900 tok, 41 s actual',
      'load: ~41 s (last load here), 38 s actual',
    ]);
    expect(estimateVsActual(planWait(10, false, undefined), undefined, undefined)).toEqual([
      'prompt eval: no estimate (no earlier measurement of this model here), not reported actual',
    ]);
  });
});

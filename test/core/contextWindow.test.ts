import { describe, expect, it } from 'vitest';
import { apportion, contextSize, finishedUse, serverDefaultContext, splitUse, streamingUse, usePercent } from '../../src/core/contextWindow.js';

const GiB = 2 ** 30;

describe('context size: the one the model really runs with', () => {
  it('prefers /api/ps context_length, then the num_ctx sent, then the server default (estimated)', () => {
    expect(contextSize({ psContextLength: 8192, numCtxSent: 4096, serverDefault: 4096 })).toEqual({ tokens: 8192, source: 'ps', exact: true });
    expect(contextSize({ numCtxSent: 2048, serverDefault: 4096 })).toEqual({ tokens: 2048, source: 'sent', exact: true });
    expect(contextSize({ serverDefault: 4096 })).toEqual({ tokens: 4096, source: 'server-default', exact: false });
    expect(contextSize({})).toBeUndefined();
  });

  it('caps a sent or default num_ctx at the trained context (server/sched.go effectiveContext)', () => {
    expect(contextSize({ numCtxSent: 262_144, trainedContext: 131_072 })?.tokens).toBe(131_072);
    expect(contextSize({ serverDefault: 262_144, trainedContext: 32_768 })?.tokens).toBe(32_768);
    // /api/ps is what the runner has: never capped
    expect(contextSize({ psContextLength: 4096, trainedContext: 2048 })?.tokens).toBe(4096);
  });

  it("Ollama's default by version and VRAM: 2048 to v0.6.6, 4096 from v0.6.7, VRAM tiers from v0.15.5", () => {
    expect(serverDefaultContext('0.6.6', 80 * GiB)).toBe(2048);
    expect(serverDefaultContext('0.6.7', 80 * GiB)).toBe(4096);
    expect(serverDefaultContext('0.15.4', 80 * GiB)).toBe(4096);
    expect(serverDefaultContext('0.15.5', 23.9 * GiB)).toBe(4096);
    expect(serverDefaultContext('0.15.5', 24 * GiB)).toBe(32_768);
    expect(serverDefaultContext('0.30.2', 48 * GiB)).toBe(262_144);
    expect(serverDefaultContext('0.30.2', undefined)).toBe(4096);
    expect(serverDefaultContext(undefined, 80 * GiB)).toBe(4096);
  });
});

describe('context use from Ollama counters', () => {
  it('a finished request used prompt_eval_count + eval_count (cached prompt tokens are counted too)', () => {
    expect(finishedUse(2100, 1312, 4096)).toEqual({ used: 3412, exact: true, shifted: false });
  });

  it('shifted when prompt + eval − 1 > num_ctx (the last token is never fed back)', () => {
    expect(finishedUse(3000, 1097, 4096).shifted).toBe(false); // 4096 in cache at most
    expect(finishedUse(3000, 1098, 4096).shifted).toBe(true);
  });

  it('while streaming: the prompt estimate plus the chunks so far, never exact', () => {
    expect(streamingUse(1900, 400, 2048)).toEqual({ used: 2300, exact: false, shifted: true });
    expect(streamingUse(1000, 10, undefined)).toEqual({ used: 1010, exact: false, shifted: false });
  });

  it('percent is floored and clamped', () => {
    expect(usePercent(3412, 4096)).toBe(83);
    expect(usePercent(4095, 4096)).toBe(99);
    expect(usePercent(5000, 4096)).toBe(100);
    expect(usePercent(1, 0)).toBe(0);
  });
});

describe('F2 split', () => {
  it('divides the exact counters by the estimates, and the parts add up exactly', () => {
    const s = splitUse(2100, 1312, { system: 0, history: 1500, question: 600 }, { thinking: 1000, answer: 100 });
    expect(s.system + s.history + s.question).toBe(2100);
    expect(s.thinking + s.answer).toBe(1312);
    expect(s).toEqual({ system: 0, history: 1500, question: 600, thinking: 1193, answer: 119 });
  });

  it('apportion by largest remainder; all-zero weights give everything to the last part', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 0])).toEqual([0, 7]);
  });
});

import { describe, expect, it } from 'vitest';
import { OllamaError, type OllamaErrorKind } from '../../src/backends/ollama/types.js';
import { decideRetry, initialRetryState } from '../../src/session/retryPolicy.js';

const err = (kind: OllamaErrorKind) => new OllamaError(kind, kind);

describe('decideRetry', () => {
  it('think unsupported: once, without think', () => {
    const s = initialRetryState(true);
    expect(decideRetry(err('think-unsupported'), s, false, [])).toEqual({ retry: true, because: 'no-thinking' });
    expect(s.think).toBeUndefined();
    expect(decideRetry(err('think-unsupported'), s, false, [])).toEqual({ retry: false });
  });
  it('think level rejected: once, with true', () => {
    const s = initialRetryState('high');
    expect(decideRetry(err('think-value-rejected'), s, false, [])).toMatchObject({ retry: true, because: 'levels-rejected' });
    expect(s.think).toBe(true);
    expect(decideRetry(err('think-value-rejected'), s, false, [])).toEqual({ retry: false });
  });
  it('busy: one retry per delay, then fail', () => {
    const s = initialRetryState(true);
    const delays = [1000, 2000, 4000];
    expect(decideRetry(err('busy'), s, false, delays)).toMatchObject({ delayMs: 1000, attempt: 1, of: 3 });
    expect(decideRetry(err('busy'), s, false, delays)).toMatchObject({ delayMs: 2000, attempt: 2 });
    expect(decideRetry(err('busy'), s, false, delays)).toMatchObject({ delayMs: 4000, attempt: 3 });
    expect(decideRetry(err('busy'), s, false, delays)).toEqual({ retry: false });
  });
  it('never retries once reply text arrived, nor other kinds', () => {
    expect(decideRetry(err('stream-incomplete'), initialRetryState(true), true, [1])).toEqual({ retry: false });
    for (const k of ['model-not-found', 'server-error', 'unreachable', 'stream-error', 'aborted'] as const) {
      expect(decideRetry(err(k), initialRetryState(true), false, [1])).toEqual({ retry: false });
    }
    const s = initialRetryState(true);
    expect(decideRetry(err('stream-incomplete'), s, false, [])).toMatchObject({ retry: true, because: 'reconnect' });
    expect(decideRetry(err('stream-incomplete'), s, false, [])).toEqual({ retry: false });
  });
});

describe('decideRetry with a server Retry-After', () => {
  it('busy with retryAfterMs waits that long, same number of tries, and carries the sentence', async () => {
    const { BackendError } = await import('../../src/backends/errors.js');
    const s = initialRetryState(undefined);
    const e = new BackendError('busy', 'vLLM 0.19.1 is overloaded (429).', { retryAfterMs: 7000 });
    expect(decideRetry(e, s, false, [1000, 2000])).toEqual({ retry: true, because: 'busy', delayMs: 7000, attempt: 1, of: 2, sentence: 'vLLM 0.19.1 is overloaded (429).' });
    expect(decideRetry(e, s, false, [1000, 2000])).toMatchObject({ delayMs: 7000, attempt: 2 });
    expect(decideRetry(e, s, false, [1000, 2000])).toEqual({ retry: false });
  });
});

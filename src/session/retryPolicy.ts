/**
 * Which failed /api/chat requests are retried instead of ending the turn with an error. Only failures
 * before any reply text qualify (nothing is lost or duplicated by retrying):
 * - think unsupported (400)      → once, without `think`;
 * - think level rejected (400)   → once, with `think: true`;
 * - closed before any reply      → once, at once (a stale keep-alive socket after a server restart);
 * - busy (429/503)               → after each delay in `busyDelaysMs` (default 1 s, 2 s, 4 s), or after
 *                                  the server's Retry-After when it sent one (as many tries).
 */
import type { ThinkValue } from '../core/chatTypes.js';

/** What the policy reads of a failure (OllamaError and BackendError both have it). */
export interface RetryableFailure {
  kind: string;
  message: string;
  /** The server said how long to wait (Retry-After). */
  retryAfterMs?: number | undefined;
}

export interface RetryState {
  think: ThinkValue | undefined;
  thinkRetried: boolean;
  reconnectRetried: boolean;
  busyTries: number;
}

export type RetryDecision =
  | { retry: false }
  | { retry: true; because: 'no-thinking' | 'levels-rejected' | 'reconnect' }
  | { retry: true; because: 'busy'; delayMs: number; attempt: number; of: number; sentence: string };

export function initialRetryState(think: ThinkValue | undefined): RetryState {
  return { think, thinkRetried: false, reconnectRetried: false, busyTries: 0 };
}

/** Decide, and update `state` (the think value to send next, the counters). */
export function decideRetry(err: RetryableFailure, state: RetryState, replyStarted: boolean, busyDelaysMs: readonly number[]): RetryDecision {
  if (replyStarted) return { retry: false };
  if (err.kind === 'think-unsupported' && !state.thinkRetried && state.think !== undefined) {
    state.thinkRetried = true;
    state.think = undefined;
    return { retry: true, because: 'no-thinking' };
  }
  if (err.kind === 'think-value-rejected' && !state.thinkRetried && typeof state.think === 'string') {
    state.thinkRetried = true;
    state.think = true;
    return { retry: true, because: 'levels-rejected' };
  }
  if (err.kind === 'stream-incomplete' && !state.reconnectRetried) {
    state.reconnectRetried = true;
    return { retry: true, because: 'reconnect' };
  }
  if (err.kind === 'busy' && state.busyTries < busyDelaysMs.length) {
    const delayMs = err.retryAfterMs ?? busyDelaysMs[state.busyTries]!;
    state.busyTries++;
    return { retry: true, because: 'busy', delayMs, attempt: state.busyTries, of: busyDelaysMs.length, sentence: err.message };
  }
  return { retry: false };
}

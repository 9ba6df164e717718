/** The one-line phase indicator shown in the chat while a turn has no answer text yet. */
import type { Phase } from '../../session/types.js';
import { waitText, type WaitPlan } from '../../core/waitEstimate.js';

/** Whole seconds, then minutes: "38 s", "1 m 05 s" (ticks once a second without jitter). */
export function elapsedLabel(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  if (total < 60) return `${total} s`;
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m} m ${String(s).padStart(2, '0')} s`;
}

/**
 * `wait`: the turn's plan for the silent wait (load, prompt eval); without it the old `loading model`.
 * `preloaded`: the server loaded its model at start (not Ollama): before the first token it reads the prompt or queues.
 */
export function phaseText(phase: Phase, elapsedMs: number, wait?: WaitPlan, preloaded = false): string | undefined {
  switch (phase) {
    case 'loading':
      if (wait) return waitText(wait, elapsedMs);
      return `${preloaded ? 'waiting for first token' : 'loading model'} · ${elapsedLabel(elapsedMs)}`;
    case 'thinking':
      return `thinking · ${elapsedLabel(elapsedMs)}`;
    case 'answering':
      return `answering · ${elapsedLabel(elapsedMs)}`;
    case 'idle':
      return undefined;
  }
}

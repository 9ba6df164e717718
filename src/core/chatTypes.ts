/**
 * The facts about a chat turn that every layer shares: what the request asked of the model's thinking
 * and the counters the server reports when the answer is done. Plain shapes, owned here so a backend,
 * the session, saved files and the UI all speak of the same thing.
 */

/** The reasoning-effort levels a `think` value may name (Ollama 0.11+; R1 treats a level as on). */
export const THINK_LEVELS = ['low', 'medium', 'high'] as const;
export type ThinkLevel = (typeof THINK_LEVELS)[number];

/**
 * `think` request value: on, off, a level, or "max" (Ollama 0.21.3+, commit c2ebb4d57). `undefined` means "leave the field out". The config's
 * "think", --think and a saved turn hold the same type.
 */
export type ThinkValue = boolean | ThinkLevel | 'max';

/** Metrics of the final `done:true` chunk (every field optional: Ollama omits zero values). Durations are nanoseconds. */
export interface FinalMetrics {
  totalDuration?: number;
  loadDuration?: number;
  promptEvalCount?: number;
  promptEvalDuration?: number;
  evalCount?: number;
  evalDuration?: number;
}

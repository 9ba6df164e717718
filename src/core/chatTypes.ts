/**
 * The facts about a chat turn that every layer shares: what the request asked of the model's thinking
 * and the counters the server reports when the answer is done. Plain shapes, owned here so a backend,
 * the session, saved files and the UI all speak of the same thing.
 */

/** `think` request value. `undefined` means "leave the field out". */
export type ThinkValue = boolean | 'low' | 'medium' | 'high';

/** Metrics of the final `done:true` chunk (every field optional: Ollama omits zero values). Durations are nanoseconds. */
export interface FinalMetrics {
  totalDuration?: number;
  loadDuration?: number;
  promptEvalCount?: number;
  promptEvalDuration?: number;
  evalCount?: number;
  evalDuration?: number;
}

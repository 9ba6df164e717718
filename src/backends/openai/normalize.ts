/**
 * One `data:` payload of an OpenAI-compatible chat stream → typed items, for every dialect in
 * recordings/openai-compatible (README "What a client must handle"):
 * - reasoning in `delta.reasoning_content` (SGLang, llama.cpp, LM Studio, old vLLM) or `delta.reasoning`
 *   (vLLM 2026, Ollama /v1); when a delta has both (vLLM late 2025) they carry the same text: the first
 *   non-empty one is taken, never both;
 * - `null`, `""` and a missing key are the same; a role-only chunk yields no text;
 * - `choices: []` (the include_usage chunk) and `choices` missing are guarded;
 * - `usage` may come on every chunk (cumulative) or once at the end: the latest wins;
 * - llama.cpp `timings` on the finish chunk, on the usage chunk or on every chunk: the latest wins;
 * - llama.cpp `prompt_progress` on pre-text chunks;
 * - `{"error": ...}` inside a 200 stream is an error item;
 * - `finish_reason` "" (old SGLang) is no finish; a missing one is fine (SGLang 0.4.4 never sent it);
 * - a payload that is not JSON is a warning item; the stream goes on.
 * Text is passed on as sent: `content` may hold `<think>` tags, split later by core/thinkSplitter.
 */
import type { PromptProgress, ReplyStats, ReplyTimings, TokenCounts } from '../backend.js';

export type NormalizedItem =
  | { kind: 'delta'; reasoning: string; content: string }
  | { kind: 'stats'; stats: ReplyStats }
  | { kind: 'progress'; progress: PromptProgress }
  | { kind: 'finish'; reason: string }
  | { kind: 'error'; payload: unknown }
  | { kind: 'not-json'; text: string }
  | { kind: 'done-marker' };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** llama.cpp `timings` → server-exact token counts and durations (ms → ns). */
export function statsFromTimings(t: Obj, usage: Obj | undefined): ReplyStats {
  const tokens: TokenCounts = { source: 'server-exact' };
  const timings: ReplyTimings = { source: 'server-exact' };
  const promptN = count(t.prompt_n);
  const predictedN = count(t.predicted_n);
  const promptMs = count(t.prompt_ms);
  const predictedMs = count(t.predicted_ms);
  // prompt_n counts the tokens processed (cached ones excluded), matching prompt_ms for the rate.
  if (promptN !== undefined) tokens.prompt = promptN;
  else if (usage && count(usage.prompt_tokens) !== undefined) tokens.prompt = count(usage.prompt_tokens)!;
  if (predictedN !== undefined) tokens.completion = predictedN;
  else if (usage && count(usage.completion_tokens) !== undefined) tokens.completion = count(usage.completion_tokens)!;
  const cache = count(t.cache_n);
  if (cache !== undefined) tokens.cachedPrompt = cache;
  const draft = count(t.draft_n);
  if (draft !== undefined) tokens.draft = draft;
  const accepted = count(t.draft_n_accepted);
  if (accepted !== undefined) tokens.draftAccepted = accepted;
  if (promptMs !== undefined) timings.promptNs = Math.round(promptMs * 1e6);
  if (predictedMs !== undefined) timings.evalNs = Math.round(predictedMs * 1e6);
  const stats: ReplyStats = { tokens };
  if (timings.promptNs !== undefined || timings.evalNs !== undefined) stats.timings = timings;
  return stats;
}

/** OpenAI `usage` → server-exact token counts (no durations: servers other than llama.cpp send none). */
export function statsFromUsage(u: Obj): ReplyStats | undefined {
  const tokens: TokenCounts = { source: 'server-exact' };
  const prompt = count(u.prompt_tokens);
  const completion = count(u.completion_tokens);
  if (prompt === undefined && completion === undefined) return undefined;
  if (prompt !== undefined) tokens.prompt = prompt;
  if (completion !== undefined) tokens.completion = completion;
  const details = u.prompt_tokens_details;
  if (isObj(details) && count(details.cached_tokens) !== undefined) tokens.cachedPrompt = count(details.cached_tokens)!;
  return { tokens };
}

function progressOf(p: Obj): PromptProgress | undefined {
  const total = count(p.total);
  const processed = count(p.processed);
  if (total === undefined || processed === undefined) return undefined;
  const out: PromptProgress = { total, processed, cached: count(p.cache) ?? 0 };
  const t = count(p.time_ms);
  if (t !== undefined) out.timeMs = t;
  return out;
}

/** The reasoning text of a delta: reasoning_content, else reasoning; never both joined. */
export function reasoningOf(delta: Obj): string {
  const rc = text(delta.reasoning_content);
  return rc !== '' ? rc : text(delta.reasoning);
}

/** Parse one already-parsed chunk object into items. */
export function normalizeChunk(chunk: unknown): NormalizedItem[] {
  const items: NormalizedItem[] = [];
  if (!isObj(chunk)) return [{ kind: 'not-json', text: JSON.stringify(chunk) ?? String(chunk) }];
  if (chunk.error !== undefined && chunk.error !== null) return [{ kind: 'error', payload: chunk }];
  const progress = isObj(chunk.prompt_progress) ? progressOf(chunk.prompt_progress) : undefined;
  if (progress) items.push({ kind: 'progress', progress });
  const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
  const choice = choices.find((c) => isObj(c) && (c.index === undefined || c.index === 0)) ?? choices[0];
  let finish: string | undefined;
  if (isObj(choice)) {
    const delta = isObj(choice.delta) ? choice.delta : isObj(choice.message) ? choice.message : undefined;
    if (delta) {
      const reasoning = reasoningOf(delta);
      const content = text(delta.content);
      if (reasoning !== '' || content !== '') items.push({ kind: 'delta', reasoning, content });
    }
    const reason = text(choice.finish_reason);
    if (reason !== '') finish = reason;
  }
  const usage = isObj(chunk.usage) ? chunk.usage : undefined;
  if (isObj(chunk.timings)) items.push({ kind: 'stats', stats: statsFromTimings(chunk.timings, usage) });
  else if (usage) {
    const stats = statsFromUsage(usage);
    if (stats) items.push({ kind: 'stats', stats });
  }
  if (finish !== undefined) items.push({ kind: 'finish', reason: finish });
  return items;
}

/** Parse one `data:` payload. */
export function normalizePayload(data: string): NormalizedItem[] {
  const trimmed = data.trim();
  if (trimmed === '[DONE]') return [{ kind: 'done-marker' }];
  if (trimmed === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return [{ kind: 'not-json', text: data }];
  }
  if (!isObj(parsed)) return [{ kind: 'not-json', text: data }];
  return normalizeChunk(parsed);
}

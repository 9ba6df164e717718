/**
 * Chunk shapes of each OpenAI-compatible server, copied from the recordings in
 * recordings/openai-compatible (field sets, key order, null keys, role chunks, finish and usage chunks,
 * where timings go). Each builder returns plain objects; the server JSON-encodes them as `data:` lines.
 *
 *   llama.cpp  b6881 samples + b9554 stream: choices first, then created/id/model/system_fingerprint/object;
 *              role chunk {role, content:null} (+ prompt_progress); reasoning_content; finish delta {};
 *              with include_usage a `choices:[]` chunk carrying usage + timings.
 *   vllm       2026 (issue 40816): role chunk {role, content:""}; delta.reasoning; finish delta {};
 *              `choices:[]` usage chunk (prompt/total/completion order as recorded).
 *   sglang     0.4.4 / 2025-06: every delta key present with nulls, logprobs:null, matched_stop, usage:null;
 *              32-hex id; `choices:[]` usage chunk.
 *   lmstudio   0.3.9: role repeated on every delta, system_fingerprint = model, logprobs:null; finish delta {};
 *              no usage.
 *   ollama     Ollama /v1 0.13.5: role + content "" on every delta, delta.reasoning, fp_ollama; finish delta
 *              {role, content:""}; no usage unless asked.
 */
export type Dialect = 'llama.cpp' | 'vllm' | 'sglang' | 'lmstudio' | 'ollama';

export const DIALECTS: readonly Dialect[] = ['llama.cpp', 'vllm', 'sglang', 'lmstudio', 'ollama'];

export interface StreamIds {
  id: string;
  created: number;
  model: string;
  /** llama.cpp build, e.g. b6881-8b11deea4. */
  build: string;
}

export interface Usage {
  prompt: number;
  completion: number;
}

export interface LlamaTimings {
  cache_n: number;
  prompt_n: number;
  prompt_ms: number;
  prompt_per_token_ms: number;
  prompt_per_second: number;
  predicted_n: number;
  predicted_ms: number;
  predicted_per_token_ms: number;
  predicted_per_second: number;
}

type Obj = Record<string, unknown>;

/** Random-looking but deterministic ids in each server's format. */
export function streamId(dialect: Dialect, n: number): string {
  const hex = (len: number) => Array.from({ length: len }, (_, i) => ((n * 7919 + i * 104729) % 16).toString(16)).join('');
  const alnum = (len: number, chars: string) => Array.from({ length: len }, (_, i) => chars[(n * 31 + i * 17) % chars.length]).join('');
  switch (dialect) {
    case 'llama.cpp':
      return `chatcmpl-${alnum(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
    case 'vllm':
      return `chatcmpl-${hex(16)}`;
    case 'sglang':
      return hex(32);
    case 'lmstudio':
      return `chatcmpl-${alnum(20, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    case 'ollama':
      return `chatcmpl-${n}`;
  }
}

function llama(ids: StreamIds, choice: Obj | undefined, extra: Obj = {}): Obj {
  return { choices: choice ? [choice] : [], created: ids.created, id: ids.id, model: ids.model, system_fingerprint: ids.build, object: 'chat.completion.chunk', ...extra };
}

function head(ids: StreamIds): Obj {
  return { id: ids.id, object: 'chat.completion.chunk', created: ids.created, model: ids.model };
}

/** The chunk that opens the stream (undefined: the dialect sends none). */
export function roleChunk(d: Dialect, ids: StreamIds, progress?: Obj): Obj | undefined {
  switch (d) {
    case 'llama.cpp':
      return llama(ids, { finish_reason: null, index: 0, delta: { role: 'assistant', content: null } }, progress ? { prompt_progress: progress } : {});
    case 'vllm':
      return { ...head(ids), choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] };
    case 'sglang':
      return {
        ...head(ids),
        choices: [{ index: 0, delta: { role: 'assistant', content: '', reasoning_content: null, tool_calls: null }, logprobs: null, finish_reason: null, matched_stop: null }],
        usage: null,
      };
    case 'lmstudio':
    case 'ollama':
      return undefined;
  }
}

/** A later prompt-progress chunk (llama.cpp only). */
export function progressChunk(ids: StreamIds, progress: Obj): Obj {
  return llama(ids, { finish_reason: null, index: 0, delta: {} }, { prompt_progress: progress });
}

/** A text chunk: `reasoning` set = the reasoning channel, else `content`. */
export function textChunk(d: Dialect, ids: StreamIds, piece: { reasoning?: string; content?: string }, timings?: LlamaTimings): Obj {
  const isReasoning = piece.reasoning !== undefined;
  const text = piece.reasoning ?? piece.content ?? '';
  switch (d) {
    case 'llama.cpp':
      return llama(ids, { finish_reason: null, index: 0, delta: isReasoning ? { reasoning_content: text } : { content: text } }, timings ? { timings } : {});
    case 'vllm':
      return { ...head(ids), choices: [{ index: 0, delta: isReasoning ? { reasoning: text } : { content: text }, finish_reason: null }] };
    case 'sglang':
      return {
        ...head(ids),
        choices: [
          {
            index: 0,
            delta: { role: null, content: isReasoning ? null : text, reasoning_content: isReasoning ? text : null, tool_calls: null },
            logprobs: null,
            finish_reason: null,
            matched_stop: null,
          },
        ],
        usage: null,
      };
    case 'lmstudio':
      return {
        ...head(ids),
        system_fingerprint: ids.model,
        choices: [{ index: 0, delta: isReasoning ? { role: 'assistant', reasoning_content: text } : { role: 'assistant', content: text }, logprobs: null, finish_reason: null }],
      };
    case 'ollama':
      return {
        ...head(ids),
        system_fingerprint: 'fp_ollama',
        choices: [{ index: 0, delta: isReasoning ? { role: 'assistant', content: '', reasoning: text } : { role: 'assistant', content: text }, finish_reason: null }],
      };
  }
}

/** The chunk with finish_reason. llama.cpp without include_usage carries timings here. */
export function finishChunk(d: Dialect, ids: StreamIds, reason: string, timings?: LlamaTimings): Obj {
  switch (d) {
    case 'llama.cpp':
      return llama(ids, { finish_reason: reason, index: 0, delta: {} }, timings ? { timings } : {});
    case 'vllm':
      return { ...head(ids), choices: [{ index: 0, delta: {}, finish_reason: reason }] };
    case 'sglang':
      return {
        ...head(ids),
        choices: [{ index: 0, delta: { role: null, content: null, reasoning_content: null, tool_calls: null }, logprobs: null, finish_reason: reason, matched_stop: 1 }],
        usage: null,
      };
    case 'lmstudio':
      return { ...head(ids), system_fingerprint: ids.model, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: reason }] };
    case 'ollama':
      return { ...head(ids), system_fingerprint: 'fp_ollama', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: reason }] };
  }
}

/** The `choices: []` usage chunk sent with include_usage (undefined: the dialect sends none). */
export function usageChunk(d: Dialect, ids: StreamIds, u: Usage, timings?: LlamaTimings): Obj | undefined {
  const total = u.prompt + u.completion;
  switch (d) {
    case 'llama.cpp':
      return llama(ids, undefined, { usage: { completion_tokens: u.completion, prompt_tokens: u.prompt, total_tokens: total }, ...(timings ? { timings } : {}) });
    case 'vllm':
      return { ...head(ids), choices: [], usage: { prompt_tokens: u.prompt, total_tokens: total, completion_tokens: u.completion } };
    case 'sglang':
      return { ...head(ids), choices: [], usage: { prompt_tokens: u.prompt, total_tokens: total, completion_tokens: u.completion, prompt_tokens_details: null } };
    case 'ollama':
      return { ...head(ids), system_fingerprint: 'fp_ollama', choices: [], usage: { prompt_tokens: u.prompt, completion_tokens: u.completion, total_tokens: total } };
    case 'lmstudio':
      return undefined;
  }
}

/**
 * How full the model's context window is, from Ollama's own counters (pure arithmetic).
 *
 * What the counters mean (Ollama source, read at v0.24.0 c28ddc0a7, v0.30.0 2c71d8d7c and HEAD
 * fb3076099 = v0.33.0-rc2; the project's notes/context-note.md has the file paths):
 * - `prompt_eval_count` is the whole prompt the model saw, cached part included: through v0.29 the
 *   runner reports `numPromptInputs = len(inputs)` (runner/ollamarunner/runner.go), set before the
 *   cache prefix is skipped; from v0.30 it is llama-server's `cache_n + prompt_n` (llm/llama_server.go
 *   promptEvalCount). It is counted AFTER any truncation: the server first drops whole old messages
 *   until the rendered prompt is at most num_ctx tokens (server/prompt.go chatPrompt), then the runner
 *   cuts a single too-long prompt in the middle. So it never tells how much was dropped.
 * - `prompt_eval_duration` covers only the tokens actually processed (the uncached part).
 * - `eval_count` is every generated token, reasoning included (numPredicted / predicted_n). When the
 *   context fills during generation the runner shifts it (drops (num_ctx − num_keep)/2 tokens after
 *   the first num_keep, default 4) and keeps counting, so prompt + eval can exceed num_ctx. The
 *   deepseek2 family has shifting off (server/sched.go supportsContextShift): it stops with "length".
 * - The last generated token is never fed back, so the cache holds at most prompt + eval − 1 tokens.
 */

/** `server`: a server other than Ollama that fixes the context when it starts (vLLM max_model_len, llama.cpp n_ctx). */
export type ContextSizeSource = 'ps' | 'sent' | 'server-default' | 'server';

export interface ContextSize {
  tokens: number;
  source: ContextSizeSource;
  /** False for the server default: OLLAMA_CONTEXT_LENGTH or a Modelfile num_ctx may change it. */
  exact: boolean;
}

export interface ContextSizeInput {
  /** /api/ps `context_length` of the loaded model (v0.10+; from v0.30 the runner's real size). */
  psContextLength?: number;
  /** `options.num_ctx` the requests carry. */
  numCtxSent?: number;
  /** The model's trained context (`<arch>.context_length`); the server caps num_ctx at it. */
  trainedContext?: number;
  /** Ollama's default num_ctx for this server (serverDefaultContext). */
  serverDefault?: number;
}

const GIB = 2 ** 30;

/**
 * Ollama's default num_ctx: 2048 up to v0.6.6, 4096 from v0.6.7, and from v0.15.5 a tier by total
 * VRAM (below 24 GiB 4k, 24–48 GiB 32k, from 48 GiB 256k; docs/context-length.mdx). Undefined VRAM
 * (remote server, unknown GPU) counts as the lowest tier. `version` is the dotted server version.
 */
export function serverDefaultContext(version: string | undefined, totalVramBytes: number | undefined): number {
  const v = (version ?? '').replace(/^v/, '').split(/[-+]/)[0]!.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const at = (a: number, b: number, c: number) => (v[0]! - a || v[1]! - b || (v[2] ?? 0) - c) >= 0;
  if (version !== undefined && v.length >= 2 && !at(0, 6, 7)) return 2048;
  if (version === undefined || !at(0, 15, 5)) return 4096;
  const vram = totalVramBytes ?? 0;
  if (vram >= 48 * GIB) return 262_144;
  if (vram >= 24 * GIB) return 32_768;
  return 4096;
}

/** The context the model really runs with: /api/ps, else the num_ctx sent, else the default (~). */
export function contextSize(input: ContextSizeInput): ContextSize | undefined {
  const cap = (n: number) => (input.trainedContext && input.trainedContext > 0 ? Math.min(n, input.trainedContext) : n);
  if (input.psContextLength && input.psContextLength > 0) return { tokens: input.psContextLength, source: 'ps', exact: true };
  if (input.numCtxSent && input.numCtxSent > 0) return { tokens: cap(input.numCtxSent), source: 'sent', exact: true };
  if (input.serverDefault && input.serverDefault > 0) return { tokens: cap(input.serverDefault), source: 'server-default', exact: false };
  return undefined;
}

export interface ContextUse {
  /** Tokens in the context (prompt + generated so far). */
  used: number;
  /** True when both parts are Ollama's counters; false while streaming (prompt estimated, chunks counted). */
  exact: boolean;
  /** The reply outgrew the window during generation (prompt + eval − 1 > num_ctx): Ollama shifted it. */
  shifted: boolean;
}

/** Usage after a finished request, from its final counters. */
export function finishedUse(promptEvalCount: number, evalCount: number, numCtx: number | undefined): ContextUse {
  const used = promptEvalCount + evalCount;
  return { used, exact: true, shifted: numCtx !== undefined && used - 1 > numCtx };
}

/** Usage while streaming: the prompt estimate plus the chunks so far (one chunk ≈ one token). */
export function streamingUse(promptEstimate: number, chunks: number, numCtx: number | undefined): ContextUse {
  const used = promptEstimate + chunks;
  return { used, exact: false, shifted: numCtx !== undefined && used - 1 > numCtx };
}

/** 0–100, whole percent (floored, so 100 only when full). */
export function usePercent(used: number, size: number): number {
  if (size <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((used / size) * 100)));
}

export interface ContextSplit {
  system: number;
  history: number;
  question: number;
  thinking: number;
  answer: number;
}

/**
 * The exact prompt and eval counts divided in proportion to estimates: the prompt by the estimated
 * tokens of system, history and question; eval by the thinking and answer chunk counts. Each part is
 * an estimate; the parts add up to prompt + eval exactly (largest remainder).
 */
export function splitUse(
  promptEvalCount: number,
  evalCount: number,
  promptParts: { system: number; history: number; question: number },
  chunks: { thinking: number; answer: number },
): ContextSplit {
  const [system, history, question] = apportion(promptEvalCount, [promptParts.system, promptParts.history, promptParts.question]);
  const [thinking, answer] = apportion(evalCount, [chunks.thinking, chunks.answer]);
  return { system: system!, history: history!, question: question!, thinking: thinking!, answer: answer! };
}

/** `total` divided in proportion to `weights`, whole numbers that add up to `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum <= 0) {
    const out = weights.map(() => 0);
    if (out.length > 0) out[out.length - 1] = total;
    return out;
  }
  const exact = weights.map((w) => (Math.max(0, w) / sum) * total);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ frac: x - Math.floor(x), i })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    out[i]!++;
    rest--;
  }
  return out;
}

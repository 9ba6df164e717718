/**
 * Will the next question fit the context window, and did Ollama cut the last one? (pure)
 *
 * No tokenizer runs here, so prompt sizes are estimates: characters → tokens (about 4 ASCII
 * characters per token, one token per other character, a few tokens of chat template per message),
 * calibrated by the ratio the last uncut request showed between Ollama's exact `prompt_eval_count` and
 * this estimate. Every number that comes out of here is an estimate and is shown with `~`.
 */

/** Chat-template tokens per message (role markers, end-of-turn) and per prompt (BOS, the open reply). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
export const PROMPT_OVERHEAD_TOKENS = 2;
/** Reasoning and answer assumed for a question before this conversation has a finished turn. */
export const DEFAULT_THOUGHT_TOKENS = 1000;
export const DEFAULT_ANSWER_TOKENS = 400;

/** Rough token count of a text (ASCII ~4 characters a token, other characters one each). */
export function estimateTextTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 4) + other;
}

export interface PromptParts {
  system: number;
  history: number;
  question: number;
}

/** Raw (uncalibrated) token estimates of a request's messages, by part. */
export function promptParts(messages: readonly { role: string; content: string; thinking?: string }[]): PromptParts {
  const parts: PromptParts = { system: 0, history: 0, question: 0 };
  messages.forEach((m, i) => {
    const n = MESSAGE_OVERHEAD_TOKENS + estimateTextTokens(m.content) + (m.thinking ? estimateTextTokens(m.thinking) : 0);
    if (m.role === 'system') parts.system += n;
    else if (i === messages.length - 1) parts.question += n + PROMPT_OVERHEAD_TOKENS;
    else parts.history += n;
  });
  return parts;
}

export function partsTotal(p: PromptParts): number {
  return p.system + p.history + p.question;
}

/** Ratio exact/estimate from an earlier request, kept within [0.5, 2] so one odd turn cannot run away. */
export function calibration(promptEvalCount: number | undefined, rawEstimate: number | undefined): number {
  if (!promptEvalCount || !rawEstimate || rawEstimate <= 0) return 1;
  return Math.min(2, Math.max(0.5, promptEvalCount / rawEstimate));
}

/** A finished turn as the fit check sees it. */
export interface PastTurnTokens {
  evalCount: number;
  thinkingChunks: number;
  answerChunks: number;
}

/** The eval_count split by chunk counts: reasoning and answer tokens of a finished turn (estimates). */
export function thoughtAndAnswer(t: PastTurnTokens): { thought: number; answer: number } {
  const chunks = t.thinkingChunks + t.answerChunks;
  if (chunks <= 0) return { thought: 0, answer: t.evalCount };
  const thought = Math.round((t.evalCount * t.thinkingChunks) / chunks);
  return { thought, answer: t.evalCount - thought };
}

/** Mean reasoning and answer of earlier turns (of this model), or the defaults before any. */
export function typicalReply(past: readonly PastTurnTokens[]): { thought: number; answer: number; fromTurns: number } {
  if (past.length === 0) return { thought: DEFAULT_THOUGHT_TOKENS, answer: DEFAULT_ANSWER_TOKENS, fromTurns: 0 };
  let thought = 0;
  let answer = 0;
  for (const t of past) {
    const s = thoughtAndAnswer(t);
    thought += s.thought;
    answer += s.answer;
  }
  return { thought: Math.round(thought / past.length), answer: Math.round(answer / past.length), fromTurns: past.length };
}

export interface FitCheck {
  prompt: number;
  thought: number;
  answer: number;
  need: number;
  numCtx: number;
  /** The prompt alone exceeds num_ctx: Ollama will drop old messages before the model sees them. */
  promptCut: boolean;
  /** Prompt + a typical reply exceed num_ctx: the context will shift while R1 thinks. */
  overflows: boolean;
}

export function checkFit(prompt: number, reply: { thought: number; answer: number }, numCtx: number): FitCheck {
  const need = prompt + reply.thought + reply.answer;
  return { prompt, thought: reply.thought, answer: reply.answer, need, numCtx, promptCut: prompt > numCtx, overflows: need > numCtx };
}

/** The smallest power of two ≥ `need` (at least 2048), capped at the trained context when known. */
export function suggestedNumCtx(need: number, trainedContext?: number): number {
  let n = 2048;
  while (n < need) n *= 2;
  return trainedContext && trainedContext > 0 ? Math.min(n, trainedContext) : n;
}

export type CutVerdict =
  | { kind: 'none' }
  /** Certain: the prompt shrank although the conversation only grew. `dropped` is an estimate. */
  | { kind: 'cut'; dropped: number; promptEvalCount: number; previousPrompt: number }
  /** Probable: the estimate was over num_ctx and Ollama reports fewer tokens. */
  | { kind: 'probably-cut'; dropped: number; promptEvalCount: number; estimate: number; numCtx: number };

export interface CutInput {
  promptEvalCount: number;
  /** The calibrated estimate of the full prompt that was sent. */
  estimate: number;
  numCtx: number | undefined;
  /** prompt_eval_count of the previous turn, when it had the same model and system prompt and was not cut. */
  previousPrompt?: number;
}

/**
 * Did Ollama drop part of the conversation (chatPrompt drops whole old messages while the rendered
 * prompt is over num_ctx)? Certain when the prompt got smaller than the previous one although only
 * messages were added. Probable when our estimate was over num_ctx and Ollama counted at most num_ctx
 * and clearly fewer than estimated (more than 10% and 32 tokens). The number dropped is never exact:
 * it is the estimate minus Ollama's count.
 */
export function detectCut(input: CutInput): CutVerdict {
  const { promptEvalCount, estimate, numCtx, previousPrompt } = input;
  const dropped = Math.max(0, Math.round(estimate - promptEvalCount));
  if (previousPrompt !== undefined && promptEvalCount < previousPrompt) {
    return { kind: 'cut', dropped, promptEvalCount, previousPrompt };
  }
  if (numCtx !== undefined && estimate > numCtx && promptEvalCount <= numCtx && dropped > Math.max(32, estimate * 0.1)) {
    return { kind: 'probably-cut', dropped, promptEvalCount, estimate: Math.round(estimate), numCtx };
  }
  return { kind: 'none' };
}

/**
 * The sentences about the context window: the warning before a question that will not fit, and what
 * Ollama did afterwards (dropped old messages, shifted the context). Pure; numbers marked `~` are
 * estimates (see contextFit.ts), the others are Ollama's counters.
 */
import { type CutVerdict, type FitCheck, suggestedNumCtx } from './contextFit.js';
import { estimateFit, gibLabel, kvCacheBytes, type ModelShape } from './fitEstimate.js';
import { formatCount } from './format.js';

export interface RemedyInput {
  fit: FitCheck;
  trainedContext?: number;
  shape?: ModelShape;
  /** Model file size (/api/tags), for the fit estimate of a larger num_ctx. */
  modelBytes?: number;
  /** GPU memory this model could use: free now plus what it holds itself (undefined: unknown/remote). */
  availableVram?: number;
  freeRam?: number;
  /** Earlier reasoning is sent back with the history (config keepReasoning). */
  keepReasoning: boolean;
}

/** `num_ctx 8,192 (+0.5 GiB KV, ~fits GPU)` (the fit an estimate), or undefined when no larger size helps. */
export function largerContextRemedy(input: RemedyInput): string | undefined {
  const { fit } = input;
  const next = suggestedNumCtx(fit.need, input.trainedContext);
  if (next <= fit.numCtx) return undefined;
  const parts: string[] = [];
  const extraKv = kvCacheBytes(input.shape, next) - kvCacheBytes(input.shape, fit.numCtx);
  if (input.shape) parts.push(`+${gibLabel(extraKv)} KV`);
  if (input.shape && input.modelBytes && input.availableVram !== undefined && input.freeRam !== undefined) {
    const est = estimateFit({ modelBytes: input.modelBytes, shape: input.shape, contextLength: next, freeVram: input.availableVram, freeRam: input.freeRam });
    parts.push(est.verdict === 'gpu' ? '~fits GPU' : est.verdict === 'split' ? `~${est.cpuPercent}% on CPU` : est.verdict === 'cpu' ? '~CPU only' : "~won't fit");
  }
  const tail = next < fit.need ? ', the model maximum' : '';
  return `num_ctx ${formatCount(next)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}${tail}`;
}

/**
 * One line before sending (short: it must fit the notice row): `Won't fit num_ctx 4,096: prompt ~3,700
 * + reply ~1,400. Try num_ctx 8,192 (+0.5 GiB KV, ~fits GPU) · Ctrl+N new chat`; the reply is the
 * typical reasoning + answer of this conversation. Undefined when it fits.
 */
export function fitWarning(input: RemedyInput): string | undefined {
  const { fit } = input;
  if (!fit.overflows) return undefined;
  const head = fit.promptCut
    ? `Over num_ctx ${formatCount(fit.numCtx)}: chat ~${formatCount(fit.prompt)} tok, Ollama drops the oldest.`
    : `Won't fit num_ctx ${formatCount(fit.numCtx)}: prompt ~${formatCount(fit.prompt)} + reply ~${formatCount(fit.thought + fit.answer)}.`;
  const helps: string[] = [];
  const larger = largerContextRemedy(input);
  if (larger) helps.push(larger);
  helps.push('Ctrl+N new chat');
  if (input.keepReasoning) helps.push('keepReasoning false (the default) stops sending old reasoning');
  return `${head} Try ${helps.join(' · ')}`;
}

/** After a reply: Ollama dropped old messages (certain or probable), or undefined. */
export function cutNotice(v: CutVerdict): string | undefined {
  switch (v.kind) {
    case 'none':
      return undefined;
    case 'cut':
      return `Ollama cut ~${formatCount(v.dropped)} tok of old messages: the prompt shrank to ${formatCount(v.promptEvalCount)} tok from ${formatCount(v.previousPrompt)} though only messages were added.`;
    case 'probably-cut':
      return `Ollama probably cut ~${formatCount(v.dropped)} tok of old messages (counted ${formatCount(v.promptEvalCount)}, sent ~${formatCount(v.estimate)} > num_ctx ${formatCount(v.numCtx)}; estimated, no tokenizer).`;
  }
}

/** After a reply: prompt + generated tokens outgrew num_ctx, so the runner shifted the context. */
export function shiftNotice(promptEvalCount: number, evalCount: number, numCtx: number, doneReason: string | undefined): string {
  const sum = `${formatCount(promptEvalCount)} prompt + ${formatCount(evalCount)} generated`;
  if (doneReason === 'length') return `The reply filled the context (${sum}, num_ctx ${formatCount(numCtx)}) and Ollama stopped it.`;
  return `Context overflowed while R1 wrote (${sum} > num_ctx ${formatCount(numCtx)}): Ollama shifted out older tokens.`;
}

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

/** `num_ctx 8,192 (+0.5 GiB KV cache, est. fits in GPU)`, or undefined when no larger size helps. */
export function largerContextRemedy(input: RemedyInput): string | undefined {
  const { fit } = input;
  const next = suggestedNumCtx(fit.need, input.trainedContext);
  if (next <= fit.numCtx) return undefined;
  const parts: string[] = [];
  const extraKv = kvCacheBytes(input.shape, next) - kvCacheBytes(input.shape, fit.numCtx);
  if (input.shape) parts.push(`+${gibLabel(extraKv)} KV cache`);
  if (input.shape && input.modelBytes && input.availableVram !== undefined && input.freeRam !== undefined) {
    const est = estimateFit({ modelBytes: input.modelBytes, shape: input.shape, contextLength: next, freeVram: input.availableVram, freeRam: input.freeRam });
    parts.push(est.verdict === 'gpu' ? 'est. still fits in GPU' : `est. ${est.label}`);
  }
  const tail = next < fit.need ? ', the most this model takes' : '';
  return `num_ctx ${formatCount(next)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}${tail}`;
}

/**
 * One line before sending: `~5,100 tokens needed (prompt ~3,700 + typical thought ~1,000 + answer
 * ~400) > num_ctx 4,096. Helps: num_ctx 8,192 (+0.5 GiB KV cache, est. still fits in GPU) · Ctrl+N new
 * conversation`. Undefined when it fits.
 */
export function fitWarning(input: RemedyInput): string | undefined {
  const { fit } = input;
  if (!fit.overflows) return undefined;
  const head = fit.promptCut
    ? `The conversation (~${formatCount(fit.prompt)} tokens) is over num_ctx ${formatCount(fit.numCtx)}: Ollama will drop the oldest messages.`
    : `~${formatCount(fit.need)} tokens needed (prompt ~${formatCount(fit.prompt)} + typical thought ~${formatCount(fit.thought)} + answer ~${formatCount(fit.answer)}) > num_ctx ${formatCount(fit.numCtx)}.`;
  const helps: string[] = [];
  const larger = largerContextRemedy(input);
  if (larger) helps.push(larger);
  helps.push('Ctrl+N new conversation');
  if (input.keepReasoning) helps.push('stop sending earlier reasoning back (keepReasoning false, the default)');
  return `${head} Helps: ${helps.join(' · ')}`;
}

/** After a reply: Ollama dropped old messages (certain or probable), or undefined. */
export function cutNotice(v: CutVerdict): string | undefined {
  switch (v.kind) {
    case 'none':
      return undefined;
    case 'cut':
      return (
        `Ollama cut the conversation: the prompt was ${formatCount(v.promptEvalCount)} tokens, fewer than the previous ` +
        `${formatCount(v.previousPrompt)} although only messages were added; about ${formatCount(v.dropped)} tokens of the oldest messages were dropped (~, estimated from characters).`
      );
    case 'probably-cut':
      return (
        `Ollama probably cut the conversation: it counted ${formatCount(v.promptEvalCount)} prompt tokens where ~${formatCount(v.estimate)} ` +
        `were sent, over num_ctx ${formatCount(v.numCtx)}; about ${formatCount(v.dropped)} tokens dropped ("probably": r1-tui estimates tokens from characters, it has no tokenizer).`
      );
  }
}

/** After a reply: prompt + generated tokens outgrew num_ctx, so the runner shifted the context. */
export function shiftNotice(promptEvalCount: number, evalCount: number, numCtx: number, doneReason: string | undefined): string {
  const sum = `${formatCount(promptEvalCount)} prompt + ${formatCount(evalCount)} generated tokens`;
  if (doneReason === 'length') return `The reply filled the context (${sum}, num_ctx ${formatCount(numCtx)}) and Ollama stopped it.`;
  return `The reply outgrew the context (${sum} > num_ctx ${formatCount(numCtx)}): Ollama shifted out older tokens while R1 was writing, so it lost part of what it had read.`;
}

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
  /** A server other than Ollama: its context is fixed when it starts (no num_ctx per request). */
  server?: ContextServer;
}

/** A server other than Ollama, for the sentences: its name and how its context is set (a restart). */
export interface ContextServer {
  /** `vLLM 0.19.1`, `llama.cpp b6881`. */
  name: string;
  /** `restart vLLM with --max-model-len 65536` for a context of `n` tokens. */
  setting: (n: number) => string;
}

/** `num_ctx 4,096` for Ollama, `ctx 32,768` for a server whose context is fixed at start. */
function ctxLabel(n: number, server: ContextServer | undefined): string {
  return `${server ? 'ctx' : 'num_ctx'} ${formatCount(n)}`;
}

/** `num_ctx 8,192 (+0.5 GiB KV, ~fits GPU)` (the fit an estimate), or undefined when no larger size helps. */
export function largerContextRemedy(input: RemedyInput): string | undefined {
  const { fit } = input;
  const next = suggestedNumCtx(fit.need, input.trainedContext);
  if (next <= fit.numCtx) return undefined;
  // num_ctx is not sent to such a server: only a restart with a larger context helps
  if (input.server) return `${input.server.setting(next)}${next < fit.need ? ' (the model maximum)' : ''}`;
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
  const ctx = ctxLabel(fit.numCtx, input.server);
  const head = fit.promptCut
    ? input.server
      ? `Over ${ctx} of ${input.server.name}: chat ~${formatCount(fit.prompt)} tok.`
      : `Over ${ctx}: chat ~${formatCount(fit.prompt)} tok, Ollama drops the oldest.`
    : `Won't fit ${ctx}: prompt ~${formatCount(fit.prompt)} + reply ~${formatCount(fit.thought + fit.answer)}.`;
  const helps: string[] = [];
  const larger = largerContextRemedy(input);
  if (larger) helps.push(larger);
  helps.push('Ctrl+N new chat');
  if (input.keepReasoning) helps.push('keepReasoning false (the default) stops sending old reasoning');
  return `${head} Try ${helps.join(' · ')}`;
}

/** After a reply: Ollama (or `server`) dropped old messages (certain or probable), or undefined. */
export function cutNotice(v: CutVerdict, server?: ContextServer): string | undefined {
  const who = server?.name ?? 'Ollama';
  switch (v.kind) {
    case 'none':
      return undefined;
    case 'cut':
      return `${who} cut ~${formatCount(v.dropped)} tok of old messages: the prompt shrank to ${formatCount(v.promptEvalCount)} tok from ${formatCount(v.previousPrompt)} though only messages were added.`;
    case 'probably-cut':
      return `${who} probably cut ~${formatCount(v.dropped)} tok of old messages (counted ${formatCount(v.promptEvalCount)}, sent ~${formatCount(v.estimate)} > ${ctxLabel(v.numCtx, server)}; estimated, no tokenizer).`;
  }
}

/** After a reply: prompt + generated tokens outgrew num_ctx, so the runner shifted the context. */
export function shiftNotice(promptEvalCount: number, evalCount: number, numCtx: number, doneReason: string | undefined, server?: ContextServer): string {
  const sum = `${formatCount(promptEvalCount)} prompt + ${formatCount(evalCount)} generated`;
  const who = server?.name ?? 'Ollama';
  if (doneReason === 'length') return `The reply filled the context (${sum}, ${ctxLabel(numCtx, server)}) and ${who} stopped it.`;
  return `Context overflowed while R1 wrote (${sum} > ${ctxLabel(numCtx, server)}): ${who} shifted out older tokens.`;
}

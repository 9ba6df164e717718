/**
 * The context window around one turn: what the session records when a question goes out (the prompt
 * estimate, the context size, the fit warning) and what it concludes when the reply is done (did
 * Ollama cut the conversation or shift the context). Arithmetic in core/contextFit and contextWindow.
 */
import { contextSetting } from '../backends/capabilities.js';
import { cutNotice, fitWarning, shiftNotice, type ContextServer } from '../core/contextAdvice.js';
import {
  calibration,
  checkFit,
  detectCut,
  partsTotal,
  promptParts,
  typicalReply,
} from '../core/contextFit.js';
import { contextSize, finishedUse, serverDefaultContext, type ContextSize } from '../core/contextWindow.js';

import type { ChatMessage, PsModel } from '../backends/ollama/types.js';
import type { AppState, SystemSample, Turn } from './types.js';

import type { TurnContext } from './contextTypes.js';

export type { TurnContext };

function sameModel(a: string, b: string): boolean {
  const tag = (n: string) => (n.includes(':') ? n : `${n}:latest`);
  return tag(a) === tag(b);
}

export function placementOf(state: AppState, model: string | undefined): PsModel | undefined {
  if (!model) return undefined;
  return state.placement.models.find((m) => sameModel(m.name, model) || sameModel(m.model, model));
}

export function totalVram(system: SystemSample | null): number | undefined {
  if (!system || system.gpuNote) return undefined;
  let total = 0;
  for (const g of system.gpus) total += g.totalBytes ?? 0;
  return total > 0 ? total : undefined;
}

/**
 * The context size of `model` now. Ollama: /api/ps, else the num_ctx sent/set, else Ollama's default (~).
 * A server other than Ollama fixes it when it starts and takes no num_ctx: what it says for the model
 * (vLLM/SGLang max_model_len, llama.cpp /slots n_ctx), else for the server (switcher, metrics poll);
 * undefined (unknown) when it says nothing (LM Studio, generic) — never Ollama's default.
 */
export function contextSizeFor(state: AppState, model: string | undefined, numCtxSent?: number): ContextSize | undefined {
  if (!model) return undefined;
  if (state.server && state.server.kind !== 'ollama') {
    const tokens = state.model.served?.[model]?.contextLength ?? state.server.contextLength ?? state.server.metrics?.contextSize;
    return tokens !== undefined && tokens > 0 ? { tokens, source: 'server', exact: true } : undefined;
  }
  const numCtx = numCtxSent ?? state.model.settings?.[model]?.numCtx ?? state.model.numCtxDefault;
  const trained = state.model.facts?.[model]?.shape?.contextLength;
  return contextSize({
    ...(placementOf(state, model)?.context_length ? { psContextLength: placementOf(state, model)!.context_length! } : {}),
    ...(numCtx !== undefined ? { numCtxSent: numCtx } : {}),
    ...(trained !== undefined ? { trainedContext: trained } : {}),
    serverDefault: serverDefaultContext(state.connection.serverVersion, totalVram(state.system)),
  });
}

/** A server other than Ollama, for the context sentences (its name, how its context is set). */
export function contextServer(state: AppState): ContextServer | undefined {
  const server = state.server;
  if (!server || server.kind === 'ollama') return undefined;
  const kind = server.kind;
  return { name: server.label, setting: (n) => contextSetting(kind, n) };
}

/** The last finished turn of `model` with Ollama's counters and context facts, not cut. */
function anchorTurn(past: readonly Turn[], model: string): Turn | undefined {
  for (let i = past.length - 1; i >= 0; i--) {
    const t = past[i]!;
    if (t.model !== model || t.status !== 'done' || !t.metrics?.promptEvalCount || !t.context) continue;
    if (t.context.cut && t.context.cut.kind !== 'none') return undefined;
    return t;
  }
  return undefined;
}

/** Earlier finished turns of `model` (for the typical reasoning length). */
function pastReplies(past: readonly Turn[], model: string) {
  return past
    .filter((t) => t.model === model && t.status === 'done' && t.metrics?.evalCount)
    .map((t) => ({ evalCount: t.metrics!.evalCount!, thinkingChunks: t.thinkingTokens, answerChunks: t.answerTokens }));
}

export interface BeginInput {
  state: AppState;
  past: readonly Turn[];
  model: string;
  messages: readonly ChatMessage[];
  numCtxSent?: number;
  keepReasoning: boolean;
}

/** The context facts of a question about to go out, with the warning when it will not fit. */
export function beginContext(input: BeginInput): TurnContext {
  const { state, past, model, messages } = input;
  const parts = promptParts(messages);
  const anchor = anchorTurn(past, model);
  const factor = anchor ? calibration(anchor.metrics!.promptEvalCount, partsTotal(anchor.context!.parts)) : 1;
  const promptEstimate = Math.round(partsTotal(parts) * factor);
  const size = contextSizeFor(state, model, input.numCtxSent);
  const ctx: TurnContext = { parts, promptEstimate, ...(input.numCtxSent !== undefined ? { numCtxSent: input.numCtxSent } : {}), ...(size ? { size } : {}) };
  if (!size) return ctx;
  const fit = checkFit(promptEstimate, typicalReply(pastReplies(past, model)), size.tokens);
  const facts = state.model.facts?.[model];
  const tag = state.model.installed.find((m) => sameModel(m.name, model));
  const ps = placementOf(state, model);
  const free = freeFor(state.system, ps);
  const warning = fitWarning({
    fit,
    keepReasoning: input.keepReasoning,
    ...(contextServer(state) ? { server: contextServer(state)! } : {}),
    ...(facts?.shape ? { shape: facts.shape } : {}),
    ...(facts?.shape?.contextLength ? { trainedContext: facts.shape.contextLength } : {}),
    ...(tag ? { modelBytes: tag.size } : {}),
    ...(free ? free : {}),
  });
  if (warning) ctx.warning = warning;
  return ctx;
}

/** GPU memory the model could use (free now + what it holds) and free RAM; undefined when remote/unknown. */
function freeFor(system: SystemSample | null, ps: PsModel | undefined): { availableVram: number; freeRam: number } | undefined {
  if (!system || system.gpuNote === 'remote' || system.memTotal <= 0) return undefined;
  let free = 0;
  for (const g of system.gpus) if (g.totalBytes !== null && g.usedBytes !== null) free += Math.max(0, g.totalBytes - g.usedBytes);
  return { availableVram: free + (ps?.size_vram ?? 0), freeRam: Math.max(0, system.memTotal - system.memUsed + (ps ? ps.size - ps.size_vram : 0)) };
}

/**
 * After `done`: compare Ollama's counters with what was sent. Returns the notices to show (cut, shift)
 * and records the verdicts on the turn's context.
 */
export function endContext(turn: Turn, past: readonly Turn[], state: AppState, nextMessages?: readonly ChatMessage[]): string[] {
  const ctx = turn.context;
  const m = turn.metrics;
  if (!ctx || !m?.promptEvalCount) return [];
  const size = contextSizeFor(state, turn.model, ctx.numCtxSent) ?? ctx.size;
  if (size) ctx.size = size;
  const prev = anchorTurn(past, turn.model);
  const samePrefix = prev && prev.context!.parts.system === ctx.parts.system;
  ctx.cut = detectCut({
    promptEvalCount: m.promptEvalCount,
    estimate: ctx.promptEstimate,
    numCtx: size?.tokens,
    ...(samePrefix ? { previousPrompt: prev.metrics!.promptEvalCount! } : {}),
  });
  if (size && nextMessages) {
    const all = [...past, turn];
    const nextCalibration = ctx.cut.kind === 'none' ? calibration(m.promptEvalCount, partsTotal(ctx.parts)) : 1;
    const prompt = Math.round(partsTotal(promptParts(nextMessages)) * nextCalibration);
    ctx.next = checkFit(prompt, typicalReply(pastReplies(all, turn.model)), size.tokens);
  }
  const out: string[] = [];
  const server = contextServer(state);
  const cut = cutNotice(ctx.cut, server);
  if (cut) out.push(cut);
  if (size && m.evalCount !== undefined && finishedUse(m.promptEvalCount, m.evalCount, size.tokens).shifted) {
    ctx.shifted = true;
    out.push(shiftNotice(m.promptEvalCount, m.evalCount, size.tokens, turn.doneReason, server));
  }
  return out;
}

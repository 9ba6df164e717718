/**
 * One simulated streamed chat completion in a dialect: optional prompt progress (llama.cpp with
 * return_progress), role chunk, reasoning and answer pieces at the script's pace, finish chunk, usage
 * chunk (with include_usage), `[DONE]`; and the in-stream faults (cut, non-JSON line, error line).
 */
import type { ServerResponse } from 'node:http';
import type { RequestClock } from '../clock.js';
import type { FakeScript } from '../types.js';
import { finishChunk, progressChunk, roleChunk, textChunk, usageChunk, type Dialect, type LlamaTimings, type StreamIds } from './dialects.js';
import { STREAM_ERROR_LINE, type OpenAiFault } from './faults.js';

/** How reasoning reaches the client: its own field (a reasoning parser), `<think>` tags in content, tags without the opening one, or plain content (no parser, no tags). */
export type ReasoningMode = 'field' | 'tags' | 'tags-no-open' | 'content';

export const REASONING_MODES: readonly ReasoningMode[] = ['field', 'tags', 'tags-no-open', 'content'];

export interface StreamPlan {
  dialect: Dialect;
  ids: StreamIds;
  script: FakeScript;
  speed: number;
  reasoning: ReasoningMode;
  includeUsage: boolean;
  returnProgress: boolean;
  promptTokens: number;
  /** Simulated prompt processing time, ms (before the first text). */
  promptMs: number;
  /** llama.cpp cache hits (cache_n). */
  cachedTokens: number;
  fault?: OpenAiFault;
}

type Piece = { reasoning?: string; content?: string };

/** The script as pieces in the chosen reasoning mode. */
export function piecesOf(script: FakeScript, mode: ReasoningMode): Array<{ dtMs: number; piece: Piece }> {
  const out: Array<{ dtMs: number; piece: Piece }> = [];
  const thinking = script.chunks.filter((c) => c.thinking !== undefined);
  const answer = script.chunks.filter((c) => c.thinking === undefined);
  if (mode === 'tags' && thinking.length > 0) out.push({ dtMs: thinking[0]!.dtMs, piece: { content: '<think>' } }, { dtMs: 1, piece: { content: '\n' } });
  for (const c of thinking) out.push({ dtMs: c.dtMs, piece: mode === 'field' ? { reasoning: c.thinking! } : { content: c.thinking! } });
  if ((mode === 'tags' || mode === 'tags-no-open') && thinking.length > 0) out.push({ dtMs: 1, piece: { content: '</think>' } }, { dtMs: 1, piece: { content: '\n\n' } });
  for (const c of answer) out.push({ dtMs: c.dtMs, piece: { content: c.content } });
  return out;
}

function timingsOf(plan: StreamPlan, predicted: number, predictedMs: number): LlamaTimings {
  const promptN = Math.max(1, plan.promptTokens - plan.cachedTokens);
  const pms = Math.max(0.001, plan.promptMs);
  const ems = Math.max(0.001, predictedMs);
  return {
    cache_n: plan.cachedTokens,
    prompt_n: promptN,
    prompt_ms: pms,
    prompt_per_token_ms: pms / promptN,
    prompt_per_second: (promptN * 1000) / pms,
    predicted_n: predicted,
    predicted_ms: ems,
    predicted_per_token_ms: predicted > 0 ? ems / predicted : 0,
    predicted_per_second: (predicted * 1000) / ems,
  };
}

/** Writes the stream; resolves when it ended (or the client left). */
export async function writeStream(res: ServerResponse, clock: RequestClock, plan: StreamPlan): Promise<void> {
  const write = (line: string): boolean => {
    if (clock.cancelled || res.destroyed) return false;
    res.write(`${line}\n\n`);
    return true;
  };
  const data = (obj: unknown) => write(`data: ${JSON.stringify(obj)}`);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  const { dialect, ids } = plan;
  const llama = dialect === 'llama.cpp';

  // Prompt processing: llama.cpp reports progress in steps when asked; the others are silent meanwhile.
  const progress = llama && plan.returnProgress;
  const steps = progress ? 4 : 1;
  const startedPrompt = Date.now();
  for (let i = 1; i <= steps; i++) {
    if (!(await clock.sleep(plan.promptMs / steps / plan.speed))) return;
    if (!progress) break;
    const total = plan.promptTokens;
    const processed = Math.round(plan.cachedTokens + ((total - plan.cachedTokens) * i) / steps);
    const p = { total, cache: plan.cachedTokens, processed, time_ms: Date.now() - startedPrompt };
    if (!data(i === 1 ? roleChunk(dialect, ids, p) : progressChunk(ids, p))) return;
  }
  if (!progress) {
    const role = roleChunk(dialect, ids);
    if (role && !data(role)) return;
  }

  const pieces = piecesOf(plan.script, plan.reasoning);
  const genStart = Date.now();
  let sent = 0;
  for (const { dtMs, piece } of pieces) {
    if (!(await clock.sleep(dtMs / plan.speed))) return;
    const f = plan.fault;
    if (f?.kind === 'cut' && sent === f.afterChunks) {
      res.socket?.destroy();
      return;
    }
    if (f?.kind === 'stream-error' && sent === f.afterChunks) {
      write(STREAM_ERROR_LINE);
      write('data: [DONE]');
      res.end();
      return;
    }
    if (f?.kind === 'not-json' && sent === f.afterChunks && !write('data: {"choices":[{"index":0,"delta":{"content":"oops"}')) return;
    if (!data(textChunk(dialect, ids, piece))) return;
    sent++;
  }
  if (!(await clock.sleep((plan.script.doneDtMs ?? 20) / plan.speed))) return;
  const timings = llama ? timingsOf(plan, sent, Date.now() - genStart) : undefined;
  const reason = plan.script.final?.done_reason ?? 'stop';
  if (!data(finishChunk(dialect, ids, reason, plan.includeUsage ? undefined : timings))) return;
  if (plan.includeUsage) {
    const usage = usageChunk(dialect, ids, { prompt: plan.promptTokens, completion: sent }, timings);
    if (usage && !data(usage)) return;
  }
  write('data: [DONE]');
  res.end();
}

import type { ServerResponse } from 'node:http';
import type { RequestClock } from './clock.js';
import { rateOf, speedOf, splitWritesOf, type ServerContext } from './context.js';
import { NdjsonWriter, sendError, sendJson, sendText } from './http.js';
import { syntheticScript } from './scripts.js';
import { applyThinkingStyle, type EmittedChunk } from './style.js';
import { thinkingStyleFor } from './think.js';
import { nowPrecise, rfc3339Utc } from './time.js';
import { estimateTokens } from './tokenize.js';
import type { LoadOptions } from './state.js';
import type { FakeFault, FakeFinalMetrics, FakeModel, FakeScript, RecordedRequest } from './types.js';

/** Prompt processing pace used to simulate prompt evaluation (tokens/s, before `speed`). */
const PROMPT_TOKENS_PER_SECOND = 400;
/** load_duration reported for a cold load when headerDelayMs is not set (no real wait). */
const NOMINAL_COLD_LOAD_MS = 1800;
const MS = 1e6; // ns per ms

export interface GenerateArgs {
  sentName: string;
  model: FakeModel;
  load: LoadOptions;
  keepAliveMs: number;
  fault: FakeFault | undefined;
  version: string;
}

/**
 * Like Ollama's chatPrompt (server/prompt.go, HEAD fb3076099): while the prompt is over num_ctx, drop
 * whole messages from the front (system messages stay); the last message always stays. A last
 * message that is still too long is cut to num_ctx, as the pre-v0.30 runner does. Returns the
 * messages kept and the prompt_eval_count.
 */
export function fitPrompt(messages: unknown[], numCtx: number): { kept: unknown[]; count: number } {
  const isSystem = (m: unknown) => (m as { role?: unknown })?.role === 'system';
  for (let i = 0; i < messages.length; i++) {
    const kept = [...messages.slice(0, i).filter(isSystem), ...messages.slice(i)];
    const count = promptTokens(kept);
    if (count <= numCtx || i === messages.length - 1) return { kept, count: Math.min(count, numCtx) };
  }
  return { kept: [], count: promptTokens([]) };
}

/** Tokens of the prompt's leading messages that match the last prompt of this runner (the prompt cache). */
function cachedTokens(kept: unknown[], cached: string[] | undefined): number {
  if (!cached) return 0;
  let n = 0;
  while (n < kept.length && n < cached.length && JSON.stringify(kept[n]) === cached[n]) n++;
  return n === 0 ? 0 : promptTokens(kept.slice(0, n)) - 2;
}

export function promptTokens(messages: unknown[]): number {
  let total = 2;
  for (const m of messages) {
    const content = (m as { content?: unknown })?.content;
    total += 4 + (typeof content === 'string' ? estimateTokens(content) : 0);
  }
  return total;
}

function chunkObject(model: string, c: EmittedChunk) {
  const message: Record<string, string> = { role: 'assistant', content: c.content };
  if (c.thinking) message.thinking = c.thinking;
  return { model, created_at: rfc3339Utc(nowPrecise()), message, done: false };
}

function finalObject(model: string, metrics: FakeFinalMetrics, message: Record<string, string> = { role: 'assistant', content: '' }) {
  // Go field order: done_reason (omitempty) comes before done
  const out: Record<string, unknown> = { model, created_at: rfc3339Utc(nowPrecise()), message };
  if (metrics.done_reason) out.done_reason = metrics.done_reason;
  out.done = true;
  for (const key of ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration'] as const) {
    const v = Math.round(metrics[key]);
    if (v > 0) out[key] = v; // omitempty, like Go
  }
  return out;
}

/** Stream (or collect, for stream:false) one scripted reply with real pacing. */
export async function generate(
  ctx: ServerContext,
  req: RecordedRequest,
  res: ServerResponse,
  clock: RequestClock,
  a: GenerateArgs,
): Promise<void> {
  const started = performance.now();
  const body = req.body;
  const speed = speedOf(ctx);
  const headerDelay = Math.max(0, ctx.options.headerDelayMs ?? 0);
  const { cold, waitMs } = ctx.state.begin(a.model, a.load, a.keepAliveMs, headerDelay);
  let finishedOk = false;
  try {
    if (waitMs > 0 && !(await clock.sleep(waitMs))) return;
    const measuredLoad = performance.now() - started;
    const loadMs = cold && headerDelay <= 0 ? Math.max(measuredLoad, NOMINAL_COLD_LOAD_MS) : Math.max(measuredLoad, 0.5);

    const entry = ctx.state.get(a.model.name);
    const { kept, count: promptCount } = fitPrompt(Array.isArray(body.messages) ? body.messages : [], entry?.numCtx ?? a.load.numCtx ?? 4096);
    // prompt_eval_count counts cached tokens too; only the uncached ones take time (prompt_eval_duration)
    const uncached = Math.max(1, promptCount - cachedTokens(kept, entry?.cachedMessages));
    if (entry) entry.cachedMessages = kept.map((m) => JSON.stringify(m));
    const promptPace = ctx.options.promptTokensPerSecond ?? PROMPT_TOKENS_PER_SECOND;
    const promptStart = performance.now();
    if (!(await clock.sleep((uncached / promptPace) * 1000 / speed))) return;
    const promptMs = performance.now() - promptStart;

    const script: FakeScript = ctx.options.script ? ctx.options.script(req) : syntheticScript(req, rateOf(ctx));
    const style = thinkingStyleFor(body.think, a.model, a.version, ctx.options.thinkingStyle);
    let chunks = applyThinkingStyle(script.chunks, style);
    let doneReason = script.final?.done_reason ?? 'stop';
    let scriptFinal = script.final ?? {};
    const numPredict: unknown = body.options?.num_predict;
    if (typeof numPredict === 'number' && numPredict > 0 && chunks.length + 1 > numPredict) {
      chunks = chunks.slice(0, Math.max(0, numPredict - 1));
      doneReason = 'length';
      const { eval_count: _count, eval_duration: _duration, total_duration: _total, ...rest } = scriptFinal;
      scriptFinal = rest; // the script's own generation numbers no longer apply
    }
    const doneDt = script.doneDtMs ?? chunks[chunks.length - 1]?.dtMs ?? 1000 / rateOf(ctx);

    const stream = body.stream !== false;
    const writer = new NdjsonWriter(res, clock, splitWritesOf(ctx));
    const evalStart = performance.now();
    let target = evalStart;
    let thinking = '';
    let content = '';
    for (let i = 0; i <= chunks.length; i++) {
      // a fault set past the end of the reply fires just before the done object
      if (a.fault && 'afterChunks' in a.fault && Math.min(Math.max(0, a.fault.afterChunks), chunks.length) === i) {
        const handled = await applyStreamFault(a.fault, stream, writer, res, { thinking, content, sentName: a.sentName });
        if (handled === 'stop') return;
      }
      if (i === chunks.length) break;
      const c = chunks[i]!;
      target += c.dtMs / speed;
      if (!(await clock.sleep(target - performance.now()))) return;
      if (stream) {
        if (!(await writer.line(chunkObject(a.sentName, c)))) return;
      }
      thinking += c.thinking ?? '';
      content += c.content;
    }
    target += doneDt / speed;
    if (!(await clock.sleep(target - performance.now()))) return;

    const evalMs = performance.now() - evalStart;
    const totalMs = performance.now() - started;
    const computed: FakeFinalMetrics = {
      total_duration: Math.max(totalMs, loadMs + promptMs + evalMs) * MS,
      load_duration: loadMs * MS,
      prompt_eval_count: promptCount,
      prompt_eval_duration: promptMs * MS,
      eval_count: chunks.length + 1,
      eval_duration: evalMs * MS,
      done_reason: doneReason,
    };
    const metrics: FakeFinalMetrics = { ...computed, ...scriptFinal, done_reason: doneReason };
    if (stream) {
      if (!(await writer.line(finalObject(a.sentName, metrics)))) return;
      writer.end();
    } else {
      const message: Record<string, string> = { role: 'assistant', content };
      if (thinking) message.thinking = thinking;
      sendJson(res, 200, finalObject(a.sentName, metrics, message));
    }
    finishedOk = true;
  } finally {
    ctx.state.end(a.model.name, a.keepAliveMs);
    if (!finishedOk && !res.writableEnded && !res.destroyed && clock.cancelled) res.destroy();
  }
}

interface PartialReply {
  thinking: string;
  content: string;
  sentName: string;
}

/** Mid-stream faults. 'stop' = the response is over. */
async function applyStreamFault(
  fault: FakeFault,
  stream: boolean,
  writer: NdjsonWriter,
  res: ServerResponse,
  partial: PartialReply,
): Promise<'stop' | 'continue'> {
  switch (fault.kind) {
    case 'error-line':
      if (!stream) {
        sendError(res, 500, fault.error);
        return 'stop';
      }
      if (await writer.line({ error: fault.error })) writer.end();
      return 'stop';
    case 'drop':
      res.destroy();
      return 'stop';
    case 'malformed':
      if (!stream) {
        sendText(res, 200, '{"model":"' + partial.sentName + '","message":{"role":"assis');
        return 'stop';
      }
      await writer.line('{"model":"broken","message":{"content":"this line is not JSON', true);
      return 'continue';
    case 'no-done':
      if (!stream) {
        const message = { role: 'assistant', content: partial.content };
        sendJson(res, 200, { model: partial.sentName, created_at: rfc3339Utc(nowPrecise()), message, done: false });
        return 'stop';
      }
      writer.end();
      return 'stop';
    default:
      return 'continue';
  }
}

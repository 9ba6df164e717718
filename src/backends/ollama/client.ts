/**
 * OllamaApi: the only place that issues HTTP requests to Ollama. The small calls go through ollama-js;
 * the two streamed ones (/api/chat, /api/pull) are read here (fetch.ts postForStream, ndjson.ts), so each
 * NDJSON line is parsed once. Every failure is rethrown as OllamaError (errors.ts); streams are cancelled
 * with abort(), which closes the connection so the server stops generating (breaking out of `for await`
 * would not: 7.4).
 *
 * Server text is untrusted: EVERY string this client returns is sanitized here, once (core/sanitize.ts),
 * so no caller (view, file, command) can forget it. Non-streaming results go through sanitizeDeep in
 * `call()`; chat chunks through one StreamSanitizer per field per stream (an escape sequence may be
 * split across chunks); pull progress and malformed lines through sanitizeLine; OllamaError sanitizes
 * its own message and detail. test/ollama/client.hostile.test.ts walks every method's result.
 */
import { Ollama, type ChatResponse, type ModelResponse, type ProgressResponse } from 'ollama';
import { sanitizeDeep, sanitizeLine, StreamSanitizer } from '../../core/sanitize.js';
import { INCOMPLETE_MESSAGE, toOllamaError, type ErrorContext, type OllamaOperation } from './errors.js';
import { defaultFetch, postForStream, wrapFetch, type FetchFn } from './fetch.js';
import { ndjsonItems, type NdjsonItem } from './ndjson.js';
import {
  OllamaError,
  type ChatEvent,
  type ChatRequest,
  type ChatStream,
  type ModelDetails,
  type OllamaApi,
  type PsModel,
  type PullProgress,
  type PullStream,
  type ShowInfo,
  type TagModel,
} from './types.js';
import type { FinalMetrics } from '../../core/chatTypes.js';

export interface OllamaClientOptions {
  /** Replaces undici's fetch (tests). */
  fetch?: FetchFn;
  /** Deadline for the small non-streaming calls (version, tags, ps, show, load/unload). Default 15 s. */
  requestTimeoutMs?: number;
}

/** Per-request state of a stream, for the error context. */
interface StreamState {
  /** Response headers arrived. */
  started: boolean;
  /** abort() was called (or the request's signal fired). */
  aborted: boolean;
  /** The `error` text of an `{"error": ...}` line. */
  errorText?: string;
}

/**
 * ollama-js's stream rules, kept: an `{"error": ...}` line throws its text, a line with `done` (chat) or
 * `status: "success"` (pull) is the last one read, and a body that ends before one throws
 * INCOMPLETE_MESSAGE. errors.ts turns these into OllamaErrors.
 */
async function* untilDone(body: ReadableStream<Uint8Array>, state: StreamState): AsyncGenerator<NdjsonItem, void, undefined> {
  for await (const item of ndjsonItems(body)) {
    if (item.kind === 'object' && 'error' in item.value) {
      state.errorText = String(item.value.error);
      throw new Error(state.errorText);
    }
    yield item;
    if (item.kind === 'object' && (item.value.done || item.value.status === 'success')) return;
  }
  throw new Error(INCOMPLETE_MESSAGE);
}

function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return v === undefined || v === null ? '' : String(v);
}

function finalMetrics(r: Partial<ChatResponse>): FinalMetrics {
  const m: FinalMetrics = {};
  if (typeof r.total_duration === 'number') m.totalDuration = r.total_duration;
  if (typeof r.load_duration === 'number') m.loadDuration = r.load_duration;
  if (typeof r.prompt_eval_count === 'number') m.promptEvalCount = r.prompt_eval_count;
  if (typeof r.prompt_eval_duration === 'number') m.promptEvalDuration = r.prompt_eval_duration;
  if (typeof r.eval_count === 'number') m.evalCount = r.eval_count;
  if (typeof r.eval_duration === 'number') m.evalDuration = r.eval_duration;
  return m;
}

function details(d: unknown): ModelDetails {
  return typeof d === 'object' && d !== null ? (d as ModelDetails) : {};
}

function toTagModel(m: ModelResponse & { capabilities?: string[] }): TagModel {
  const out: TagModel = {
    name: m.name,
    model: m.model ?? m.name,
    modified_at: asString(m.modified_at),
    size: m.size ?? 0,
    digest: m.digest ?? '',
    details: details(m.details),
  };
  if (Array.isArray(m.capabilities)) out.capabilities = m.capabilities;
  return out;
}

function toPsModel(m: ModelResponse & { context_length?: number }): PsModel {
  const out: PsModel = {
    name: m.name,
    model: m.model ?? m.name,
    size: m.size ?? 0,
    size_vram: m.size_vram ?? 0,
    digest: m.digest ?? '',
    details: details(m.details),
    expires_at: asString(m.expires_at),
  };
  if (typeof m.context_length === 'number') out.context_length = m.context_length;
  return out;
}

/** `model_info` is typed Map but is a plain object at runtime (7.3); accept both. */
function plainObject(v: unknown): Record<string, unknown> {
  if (v instanceof Map) return Object.fromEntries(v) as Record<string, unknown>;
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/** Server strings that may hold several lines (everything else is one line: names, levels, dates). */
const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set(['parameters', 'template', 'system', 'license', 'modelfile']);

export function createOllamaClient(host: string, opts: OllamaClientOptions = {}): OllamaApi {
  const baseFetch = opts.fetch ?? defaultFetch();
  const timeoutMs = opts.requestTimeoutMs ?? 15_000;
  const shared = new Ollama({ host, fetch: wrapFetch(baseFetch, { timeoutMs }) });

  async function call<T>(op: OllamaOperation, model: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return sanitizeDeep(await run(), MULTI_LINE_FIELDS);
    } catch (err) {
      const ctx: ErrorContext = { host, op, timeoutMs };
      if (model !== undefined) ctx.model = model;
      throw toOllamaError(err, ctx);
    }
  }

  /** ollama-js's own base URL for `host` (its formatHost), so the streamed requests go where the others do. */
  const baseUrl = (shared as unknown as { config: { host: string } }).config.host;

  /** POST a streamed request; abort() on the returned controller closes the connection. */
  async function openStream(
    endpoint: 'chat' | 'pull',
    payload: object,
    state: StreamState,
    ctx: () => ErrorContext,
    signal?: AbortSignal,
  ): Promise<{ body: ReadableStream<Uint8Array>; controller: AbortController }> {
    const controller = new AbortController();
    try {
      const body = await postForStream(baseFetch, `${baseUrl}/api/${endpoint}`, payload, {
        onHeaders: () => (state.started = true),
        signal: signal ? AbortSignal.any([controller.signal, signal]) : controller.signal,
      });
      return { body, controller };
    } catch (err) {
      throw toOllamaError(err, ctx());
    }
  }

  async function chat(req: ChatRequest): Promise<ChatStream> {
    const state: StreamState = { started: false, aborted: false };
    const ctx = (): ErrorContext => {
      const c: ErrorContext = { host, op: 'chat', model: req.model, started: state.started, aborted: state.aborted };
      if (req.think !== undefined) c.think = req.think;
      if (state.errorText !== undefined) c.streamErrorText = state.errorText;
      return c;
    };
    if (req.signal?.aborted) throw new OllamaError('aborted', 'Stopped.');
    req.signal?.addEventListener('abort', () => (state.aborted = true), { once: true });
    const payload = {
      model: req.model,
      messages: req.messages,
      stream: true,
      ...(req.think !== undefined ? { think: req.think } : {}),
      ...(req.options !== undefined ? { options: req.options } : {}),
      ...(req.keepAlive !== undefined ? { keep_alive: req.keepAlive } : {}),
    };
    const { body, controller } = await openStream('chat', payload, state, ctx, req.signal);

    const cleanThinking = new StreamSanitizer();
    const cleanContent = new StreamSanitizer();
    async function* events(): AsyncGenerator<ChatEvent> {
      try {
        for await (const item of untilDone(body, state)) {
          const at = performance.now();
          // A skipped line is reported where it arrived; the stream goes on.
          if (item.kind === 'malformed') {
            yield { type: 'malformed', line: sanitizeLine(item.line), at };
            continue;
          }
          const r = item.value as Partial<ChatResponse>;
          if (r.done) {
            const tail = { thinking: cleanThinking.end(), content: cleanContent.end() };
            if (tail.thinking || tail.content) yield { type: 'chunk', ...tail, at };
            yield { type: 'done', doneReason: typeof r.done_reason === 'string' && r.done_reason ? sanitizeLine(r.done_reason) : undefined, metrics: finalMetrics(r), at };
            return;
          }
          const thinking = typeof r.message?.thinking === 'string' ? cleanThinking.push(r.message.thinking) : '';
          const content = typeof r.message?.content === 'string' ? cleanContent.push(r.message.content) : '';
          yield { type: 'chunk', thinking, content, at };
        }
      } catch (err) {
        throw toOllamaError(err, ctx());
      }
    }

    const iterable = events();
    return {
      abort() {
        state.aborted = true;
        controller.abort();
      },
      [Symbol.asyncIterator]: () => iterable,
    };
  }

  async function emptyChat(op: 'load' | 'unload', model: string, keepAlive: string | number | undefined): Promise<void> {
    await call(op, model, () =>
      shared.chat({ model, messages: [], stream: false, ...(keepAlive !== undefined ? { keep_alive: keepAlive } : {}) }),
    );
  }

  async function pull(model: string): Promise<PullStream> {
    const state: StreamState = { started: false, aborted: false };
    const ctx = (): ErrorContext => {
      const c: ErrorContext = { host, op: 'pull', model, started: state.started, aborted: state.aborted };
      if (state.errorText !== undefined) c.streamErrorText = state.errorText;
      return c;
    };
    const { body, controller } = await openStream('pull', { name: model, stream: true }, state, ctx);
    async function* progress(): AsyncGenerator<PullProgress> {
      try {
        for await (const item of untilDone(body, state)) {
          if (item.kind === 'malformed') continue; // skipped, as ollama-js did (a pull shows no warning)
          const p = item.value as Partial<ProgressResponse>;
          const out: PullProgress = { status: sanitizeLine(typeof p.status === 'string' ? p.status : '') };
          if (typeof p.digest === 'string' && p.digest) out.digest = sanitizeLine(p.digest);
          if (typeof p.total === 'number') out.total = p.total;
          if (typeof p.completed === 'number') out.completed = p.completed;
          yield out;
        }
      } catch (err) {
        throw toOllamaError(err, ctx());
      }
    }
    const iterable = progress();
    return {
      abort() {
        state.aborted = true;
        controller.abort();
      },
      [Symbol.asyncIterator]: () => iterable,
    };
  }

  return {
    host,
    version: () => call('version', undefined, async () => (await shared.version()).version),
    tags: () => call('tags', undefined, async () => (await shared.list()).models.map((m) => toTagModel(m))),
    ps: () => call('ps', undefined, async () => (await shared.ps()).models.map((m) => toPsModel(m))),
    show: (model: string) =>
      call('show', model, async (): Promise<ShowInfo> => {
        const r = await shared.show({ model });
        const info: ShowInfo = {
          capabilities: Array.isArray(r.capabilities) ? r.capabilities : [],
          details: details(r.details),
          modelInfo: plainObject(r.model_info),
        };
        if (typeof r.parameters === 'string') info.parameters = r.parameters;
        return info;
      }),
    chat,
    load: (model: string, keepAlive?: string | number) => emptyChat('load', model, keepAlive),
    unload: (model: string) => emptyChat('unload', model, 0),
    pull,
  };
}

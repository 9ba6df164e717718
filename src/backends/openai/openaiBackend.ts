/**
 * OpenAI-compatible servers (llama.cpp, vLLM, SGLang, LM Studio, any other) behind the Backend
 * interface. Requests go through undici's fetch like the Ollama client's (no header/body deadline for
 * the chat: a cold server may take minutes before the first byte; short deadlines for the small GETs).
 */
import type { Backend, BackendChatRequest, BackendKind, BackendModel, BackendStream, Health, LoadedModel, ServerInfo, ServerMetrics } from '../backend.js';
import { capabilitiesOf, labelOf } from '../capabilities.js';
import { BackendError, redactKey } from '../errors.js';
import { defaultFetch, type FetchFn } from '../ollama/fetch.js';
import { openAiEvents } from './chatStream.js';
import { errorFromResponse, excerpt, type ErrorContext } from './errorBody.js';
import { modelsFrom, lmStudioModelsFrom, slotsLoaded } from './models.js';
import { baseUrlOf, chatBody, headersFor } from './request.js';
import { pollMetrics } from '../metricsFetch.js';
import { sanitize, sanitizeDeep } from '../../core/sanitize.js';

export interface OpenAiBackendOptions {
  url: string;
  kind: Exclude<BackendKind, 'ollama'>;
  /** Server version/build from detection, for the label. */
  version?: string;
  apiKey?: string;
  fetch?: FetchFn;
  /** Deadline of the small GETs (models, health, metrics). Default 5 s. */
  requestTimeoutMs?: number;
}

const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|UND_ERR_CONNECT_TIMEOUT|fetch failed/;

function causeText(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 5 && typeof cur === 'object' && cur !== null; i++) {
    const e = cur as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.code === 'string') parts.push(e.code);
    if (typeof e.message === 'string') parts.push(e.message);
    cur = e.cause;
  }
  return parts.join(' ');
}

export function createOpenAiBackend(opts: OpenAiBackendOptions): Backend {
  const baseUrl = baseUrlOf(opts.url);
  const kind = opts.kind;
  const fetchFn = opts.fetch ?? defaultFetch();
  const timeoutMs = opts.requestTimeoutMs ?? 5000;
  const label = labelOf(kind, opts.version);
  const ctxBase: ErrorContext = { host: baseUrl, label, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}) };

  function requestError(err: unknown, what: string, aborted: boolean): BackendError {
    if (err instanceof BackendError) return err;
    if (aborted) return new BackendError('aborted', 'Stopped.', { cause: err });
    const text = redactKey(causeText(err), opts.apiKey);
    if ((err as { name?: unknown })?.name === 'TimeoutError') {
      return new BackendError('timeout', `${label} at ${baseUrl} did not answer ${what} within ${Math.round(timeoutMs / 1000)} s.`, { detail: text, cause: err });
    }
    if (UNREACHABLE.test(text)) {
      return new BackendError('unreachable', `Cannot reach ${label} at ${baseUrl}. Check that the server runs and --host is right.`, { detail: text, cause: err });
    }
    return new BackendError('server-error', `Unexpected problem talking to ${label} at ${baseUrl}: ${excerpt(text, 120)}.`, { detail: text, cause: err });
  }

  /** GET a path; the body's raw text when the status is 2xx, else the typed error for that answer. */
  async function getOk(path: string): Promise<string> {
    let res: Response;
    try {
      res = await fetchFn(`${baseUrl}${path}`, { headers: headersFor(opts.apiKey, true), signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw requestError(err, `GET ${path}`, false);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw errorFromResponse(res.status, text, { ...ctxBase, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type') });
    return text;
  }

  async function getJson(path: string): Promise<unknown> {
    const text = await getOk(path);
    try {
      // Server text is untrusted: every string of every JSON answer is sanitized here, once.
      return sanitizeDeep(JSON.parse(text) as unknown);
    } catch {
      throw new BackendError('not-a-server', `${baseUrl}${path} answered with something that is not JSON ("${excerpt(text, 60)}").`, { detail: excerpt(text, 600) });
    }
  }

  async function getText(path: string): Promise<string> {
    return sanitize(await getOk(path));
  }

  async function chat(req: BackendChatRequest): Promise<BackendStream> {
    if (req.signal?.aborted) throw new BackendError('aborted', 'Stopped.');
    const controller = new AbortController();
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      controller.abort();
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const ctx = { ...ctxBase, model: req.model };
    const sentAt = performance.now();
    let res: Response;
    try {
      res = await fetchFn(`${baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: headersFor(opts.apiKey, true),
        body: JSON.stringify(chatBody(req, kind)),
        signal: controller.signal,
      });
    } catch (err) {
      throw requestError(err, 'the chat request', aborted);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw errorFromResponse(res.status, text, { ...ctx, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type') });
    }
    const type = res.headers.get('content-type') ?? '';
    if (!/event-stream/i.test(type) && /html/i.test(type)) {
      const text = await res.text().catch(() => '');
      throw errorFromResponse(404, text, { ...ctx, contentType: type });
    }
    const body = res.body;
    if (!body) throw new BackendError('stream-incomplete', `${label} at ${baseUrl} answered with an empty body.`);
    const iterable = openAiEvents(body as unknown as AsyncIterable<Uint8Array>, { ...ctx, sentAt, aborted: () => aborted });
    return {
      abort: () => {
        aborted = true;
        controller.abort();
      },
      [Symbol.asyncIterator]: () => iterable,
    };
  }

  async function listModels(): Promise<BackendModel[]> {
    if (kind === 'lmstudio') {
      try {
        return lmStudioModelsFrom(await getJson('/api/v0/models'));
      } catch {
        // older LM Studio: fall back to /v1/models
      }
    }
    return modelsFrom(await getJson('/v1/models'), kind);
  }

  async function loaded(): Promise<LoadedModel[] | undefined> {
    if (kind === 'llama.cpp') {
      const models = await listModels();
      return slotsLoaded(await getJson('/slots'), models[0]?.name ?? 'model');
    }
    if (kind === 'lmstudio') {
      return (await listModels()).filter((m) => m.loaded).map((m) => ({ name: m.name, ...(m.contextLength ? { contextLength: m.contextLength } : {}) }));
    }
    if (kind === 'vllm' || kind === 'sglang') {
      // One model, loaded for the server's life.
      return (await listModels()).map((m) => ({ name: m.name, ...(m.contextLength ? { contextLength: m.contextLength } : {}) }));
    }
    return undefined;
  }

  async function health(): Promise<Health> {
    try {
      if (kind === 'llama.cpp' || kind === 'vllm' || kind === 'sglang') await getText('/health');
      else await getJson('/v1/models');
      return { ok: true, detail: label };
    } catch (err) {
      return { ok: false, error: err instanceof BackendError ? err : requestError(err, 'GET /health', false) };
    }
  }

  const backend: Backend = {
    kind,
    baseUrl,
    info: async (): Promise<ServerInfo> => ({ kind, ...(opts.version ? { version: opts.version } : {}), label, capabilities: capabilitiesOf(kind) }),
    health,
    listModels,
    loaded,
    chat,
  };
  if (kind === 'vllm' || kind === 'sglang' || kind === 'llama.cpp') {
    // /metrics text is read for numbers only (no label or text of it is shown or saved), so it is parsed
    // as received: sanitizing a 56 KB dump on every poll cost more than parsing it.
    backend.metrics = (): Promise<ServerMetrics> => pollMetrics(kind, { getText: getOk, getJson });
  }
  return backend;
}

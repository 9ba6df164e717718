/**
 * An OpenAI-compatible Backend seen through the OllamaApi shape. The session speaks Backend wherever the
 * server has something to say: chat (StreamController), server metrics, the model list and what is
 * loaded (ModelController.refresh: listModels()/loaded() → state.model.served: context, one model only,
 * LM Studio's loaded state, llama.cpp /slots) and the Alt+R compare (BenchController → benchBackend.ts).
 * This facade stays for the parts where such a server has nothing to add, so moving them would only
 * duplicate the Ollama code paths:
 * - version(): the connection check (ConnectionController) = backend.health() (GET /health or /v1/models)
 *   then the detected version; the retry loop and its sentences are the same as for Ollama;
 * - ps(): [] for the placement poller: these servers report no CPU/GPU split (the panel shows `n/a` and
 *   why instead of a made-up split; loaded state and slots are in state.model.served, read on connect);
 * - show(): no capabilities (there is no /api/show): think options come from thinkPolicy's server rules;
 * - load()/unload(): nothing to do (the Preloader and F9): the server loaded its model when it started;
 * - pull(): a sentence saying the server cannot download models;
 * - tags(): still answered (the model list through the facade, for callers without the Backend);
 * - chat(): the Backend's stream as ChatEvents (server-exact figures only), `think` passed through to the
 *   Backend, which sends what the server understands (request.ts); an empty message list (a preload)
 *   ends at once without a request.
 */
import type { Backend, BackendModel } from '../backend.js';
import { BackendError } from '../errors.js';
import { finalMetricsFromStats } from '../ollama/ollamaBackend.js';
import { OllamaError, type ChatEvent, type ChatStream, type OllamaApi, type OllamaErrorKind, type TagModel } from '../ollama/types.js';

const SAME_KIND: ReadonlySet<string> = new Set<OllamaErrorKind>([
  'unreachable',
  'timeout',
  'model-not-found',
  'busy',
  'bad-request',
  'server-error',
  'stream-error',
  'stream-incomplete',
  'malformed',
  'aborted',
]);

/** BackendError → OllamaError (the sentence is kept; kinds Ollama lacks become bad-request / server-error). */
export function asOllamaError(err: unknown): OllamaError {
  if (err instanceof OllamaError) return err;
  if (err instanceof BackendError) {
    const kind: OllamaErrorKind = SAME_KIND.has(err.kind) ? (err.kind as OllamaErrorKind) : err.kind === 'not-a-server' ? 'server-error' : 'bad-request';
    return new OllamaError(kind, err.message, { ...(err.status !== undefined ? { status: err.status } : {}), ...(err.detail !== undefined ? { detail: err.detail } : {}), cause: err });
  }
  return new OllamaError('server-error', `Unexpected problem: ${(err as Error)?.message ?? String(err)}.`, { cause: err });
}

/** A served model as an /api/tags entry (the picker's list shape). */
export function tagOf(m: BackendModel): TagModel {
  const details: TagModel['details'] = {};
  if (m.quantization) details.quantization_level = m.quantization;
  if (m.parameterSize) details.parameter_size = m.parameterSize;
  if (m.family) details.family = m.family;
  return { name: m.name, model: m.name, size: m.size ?? 0, digest: '', details, ...(m.capabilities ? { capabilities: m.capabilities } : {}) };
}

async function wrap<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw asOllamaError(err);
  }
}

export function ollamaApiOf(backend: Backend, name: string): OllamaApi {
  let version: string | undefined;
  return {
    host: backend.baseUrl,
    version: () =>
      wrap(async () => {
        // a cheap liveness check (GET /health or /v1/models), then the detected version
        const health = await backend.health();
        if (!health.ok) throw health.error;
        version ??= (await backend.info()).version ?? '';
        return version;
      }),
    tags: () => wrap(async () => (await backend.listModels()).map(tagOf)),
    ps: async () => [],
    show: async () => ({ capabilities: [], details: {}, modelInfo: {} }),
    chat: async (req): Promise<ChatStream> => {
      if (req.messages.length === 0) {
        const done: ChatEvent = { type: 'done', doneReason: 'load', metrics: {}, at: performance.now() };
        return { abort: () => undefined, [Symbol.asyncIterator]: async function* () { yield done; } };
      }
      const upstream = await wrap(() => backend.chat(req));
      async function* events(): AsyncGenerator<ChatEvent> {
        try {
          for await (const ev of upstream) {
            if (ev.type === 'delta') yield { type: 'chunk', thinking: ev.reasoning, content: ev.content, at: ev.at };
            else if (ev.type === 'warning') yield { type: 'malformed', line: ev.detail ?? '', at: ev.at };
            else if (ev.type === 'done') {
              yield { type: 'done', doneReason: ev.finishReason, metrics: finalMetricsFromStats(ev.stats), at: ev.at };
              return;
            }
          }
        } catch (err) {
          throw asOllamaError(err);
        }
      }
      const it = events();
      return { abort: () => upstream.abort(), [Symbol.asyncIterator]: () => it };
    },
    load: async () => undefined,
    unload: async () => undefined,
    pull: async () => {
      throw new OllamaError('bad-request', `${name} cannot download models through its API; install the model on the server and restart it.`);
    },
  };
}

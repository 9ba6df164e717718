/**
 * Ollama's native API behind the Backend interface: a thin adapter over the existing OllamaApi client
 * (same requests, same stream, one object per chunk; nothing is re-parsed). Ollama stays the default and
 * the richest backend: exact durations, load time, the CPU/GPU split, pulls and think levels.
 */
import type { Backend, BackendEvent, BackendModel, BackendStream, Capabilities, LoadedModel, ReplyStats, ServerInfo } from '../backend.js';
import { BackendError } from '../errors.js';
import type { FinalMetrics } from '../../core/chatTypes.js';
import { OllamaError, type OllamaApi, type PsModel, type TagModel } from './types.js';

export const OLLAMA_CAPABILITIES: Capabilities = Object.freeze({
  offers: ['exact-timings', 'token-usage', 'cpu-gpu-split', 'load-time', 'model-list', 'model-switch', 'pull', 'think-levels'],
  lacks: [
    { feature: 'prompt-progress', reason: 'Ollama does not report prompt-processing progress' },
    { feature: 'kv-cache', reason: 'Ollama does not report KV-cache use' },
    { feature: 'request-queue', reason: 'Ollama does not report its request queue' },
  ],
}) as Capabilities;

/** Ollama's final metrics as ReplyStats (both parts exact from the server). */
export function statsFromFinalMetrics(m: FinalMetrics): ReplyStats {
  const stats: ReplyStats = {};
  if (m.promptEvalCount !== undefined || m.evalCount !== undefined) {
    stats.tokens = { source: 'server-exact' };
    if (m.promptEvalCount !== undefined) stats.tokens.prompt = m.promptEvalCount;
    if (m.evalCount !== undefined) stats.tokens.completion = m.evalCount;
  }
  if (m.totalDuration !== undefined || m.loadDuration !== undefined || m.promptEvalDuration !== undefined || m.evalDuration !== undefined) {
    stats.timings = { source: 'server-exact' };
    if (m.loadDuration !== undefined) stats.timings.loadNs = m.loadDuration;
    if (m.promptEvalDuration !== undefined) stats.timings.promptNs = m.promptEvalDuration;
    if (m.evalDuration !== undefined) stats.timings.evalNs = m.evalDuration;
    if (m.totalDuration !== undefined) stats.timings.totalNs = m.totalDuration;
  }
  return stats;
}

/**
 * The inverse, for the session's Turn.metrics (which means "exact from the server"): only server-exact
 * parts are copied, so a measured duration can never pass for Ollama's.
 */
export function finalMetricsFromStats(stats: ReplyStats): FinalMetrics {
  const m: FinalMetrics = {};
  const t = stats.tokens;
  if (t?.source === 'server-exact') {
    if (t.prompt !== undefined) m.promptEvalCount = t.prompt;
    if (t.completion !== undefined) m.evalCount = t.completion;
  }
  const d = stats.timings;
  if (d?.source === 'server-exact') {
    if (d.loadNs !== undefined) m.loadDuration = d.loadNs;
    if (d.promptNs !== undefined) m.promptEvalDuration = d.promptNs;
    if (d.evalNs !== undefined) m.evalDuration = d.evalNs;
    if (d.totalNs !== undefined) m.totalDuration = d.totalNs;
  }
  return m;
}

export function toBackendError(err: unknown): BackendError {
  if (err instanceof BackendError) return err;
  if (err instanceof OllamaError) {
    return new BackendError(err.kind, err.message, {
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.detail !== undefined ? { detail: err.detail } : {}),
      cause: err,
    });
  }
  return new BackendError('server-error', 'Something went wrong while talking to Ollama; the details are in the log.', { cause: err });
}

function modelOf(m: TagModel): BackendModel {
  const out: BackendModel = { name: m.name, size: m.size };
  if (m.details.quantization_level) out.quantization = m.details.quantization_level;
  if (m.details.parameter_size) out.parameterSize = m.details.parameter_size;
  if (m.details.family) out.family = m.details.family;
  if (m.capabilities) out.capabilities = m.capabilities;
  return out;
}

function loadedOf(m: PsModel): LoadedModel {
  const out: LoadedModel = { name: m.name, size: m.size, sizeVram: m.size_vram, expiresAt: m.expires_at };
  if (m.context_length !== undefined) out.contextLength = m.context_length;
  return out;
}

async function wrap<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toBackendError(err);
  }
}

export function createOllamaBackend(api: OllamaApi): Backend {
  return {
    kind: 'ollama',
    baseUrl: api.host,
    info: () =>
      wrap(async (): Promise<ServerInfo> => {
        const version = await api.version();
        return { kind: 'ollama', version, label: `Ollama ${version}`, capabilities: OLLAMA_CAPABILITIES };
      }),
    health: async () => {
      try {
        const v = await api.version();
        return { ok: true, detail: `Ollama ${v}` };
      } catch (err) {
        return { ok: false, error: toBackendError(err) };
      }
    },
    listModels: () => wrap(async () => (await api.tags()).map(modelOf)),
    loaded: () => wrap(async () => (await api.ps()).map(loadedOf)),
    chat: async (req) => {
      const upstream = await wrap(() => api.chat(req));
      async function* events(): AsyncGenerator<BackendEvent> {
        try {
          for await (const ev of upstream) {
            if (ev.type === 'chunk') yield { type: 'delta', reasoning: ev.thinking, content: ev.content, at: ev.at };
            else if (ev.type === 'malformed') {
              yield { type: 'warning', message: 'Ollama sent a line r1-tui could not read; it was skipped and the reply goes on.', detail: ev.line, at: ev.at };
            } else {
              yield { type: 'done', finishReason: ev.doneReason, stats: statsFromFinalMetrics(ev.metrics), at: ev.at };
              return;
            }
          }
        } catch (err) {
          throw toBackendError(err);
        }
      }
      const iterable = events();
      const stream: BackendStream = { abort: () => upstream.abort(), [Symbol.asyncIterator]: () => iterable };
      return stream;
    },
  };
}

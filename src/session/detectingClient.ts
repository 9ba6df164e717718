/**
 * The first host's clients while its kind is not known: a `--host URL` (or config host) that did not
 * answer at start could be Ollama, llama.cpp, vLLM, SGLang or LM Studio, so nothing is assumed. The
 * connection check (version()) runs detection again on every attempt; while nothing answers it fails
 * with a sentence saying the kind could not be detected (the unreachable screen shows it and retries).
 * Once the server answers, `onDetected` points the session at the right clients (as a host switch does)
 * and the check goes on through them. `--backend KIND` skips all this (the kind is forced).
 */
import type { Backend } from '../backends/backend.js';
import type { Detected, Detection } from '../backends/detect.js';
import { BackendError } from '../backends/errors.js';
import { OllamaError, type OllamaApi } from '../backends/ollama/types.js';
import type { HostClients } from './hostClient.js';

export interface DetectingOptions {
  /** Base URL (as shown). */
  url: string;
  detect: () => Promise<Detection>;
  /** The clients for what was detected; undefined when this build cannot chat with it. */
  clientsFor: (d: Detected) => HostClients | undefined;
  /** Switch the session to these clients (called once, before version() resolves). */
  onDetected: (clients: HostClients, d: Detected) => void;
}

export function undetectedSentence(url: string): string {
  return `Cannot reach ${url}, so r1-tui could not detect which server runs there (Ollama, llama.cpp, vLLM, SGLang or LM Studio). Detection runs again with each retry; --backend KIND skips it.`;
}

export function detectingClients(o: DetectingOptions): { api: OllamaApi; backend: Backend } {
  const notYet = (): never => {
    throw new OllamaError('unreachable', undetectedSentence(o.url));
  };
  const api: OllamaApi = {
    host: o.url,
    version: async () => {
      const d = await o.detect();
      if (!d.ok) {
        if (d.reason === 'unreachable') notYet();
        throw new OllamaError('server-error', d.message);
      }
      const clients = o.clientsFor(d);
      if (!clients) throw new OllamaError('server-error', `${d.label} at ${o.url} cannot be used for the chat by this build.`);
      o.onDetected(clients, d);
      return clients.api.version();
    },
    tags: async () => notYet(),
    ps: async () => notYet(),
    show: async () => notYet(),
    chat: async () => notYet(),
    load: async () => notYet(),
    unload: async () => notYet(),
    pull: async () => notYet(),
  };
  const unreachable = () => new BackendError('unreachable', undetectedSentence(o.url));
  const backend: Backend = {
    kind: 'ollama',
    baseUrl: o.url,
    info: async () => {
      throw unreachable();
    },
    health: async () => ({ ok: false, error: unreachable() }),
    listModels: async () => {
      throw unreachable();
    },
    loaded: async () => undefined,
    chat: async () => {
      throw unreachable();
    },
  };
  return { api, backend };
}

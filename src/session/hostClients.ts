/**
 * The clients the session talks to a host through, by kind: Ollama's own client (and its Backend
 * adapter), or for llama.cpp / vLLM / SGLang / LM Studio / OpenAI-compatible servers their Backend and
 * the OllamaApi facade over it (the same pair the CLI builds for the first host).
 */
import { capabilitiesOf, labelOf } from '../backends/capabilities.js';
import { createOllamaClient } from '../backends/ollama/client.js';
import type { FetchFn } from '../backends/ollama/fetch.js';
import { createOllamaBackend } from '../backends/ollama/ollamaBackend.js';
import { ollamaApiOf } from '../backends/openai/ollamaFacade.js';
import { createOpenAiBackend } from '../backends/openai/openaiBackend.js';
import type { HostClientFactory } from './hostSwitch.js';

export interface HostClientOptions {
  fetch?: FetchFn;
  /** Deadline of the Ollama client's small calls (tests shorten it). */
  requestTimeoutMs?: number;
  /** The server runs on this machine (RAM/VRAM of this machine are shown only then). */
  isLocal: (url: string) => boolean;
}

export function hostClientFactory(o: HostClientOptions): HostClientFactory {
  return (spec, detected) => {
    // not detected yet: the configured kind, else Ollama (the host switcher detects a host with no
    // configured kind before it calls this: hostSwitch.ts detectingFor)
    const kind = detected?.kind ?? spec.backend ?? 'ollama';
    if (kind === 'ollama') {
      const api = createOllamaClient(spec.url, { ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.requestTimeoutMs ? { requestTimeoutMs: o.requestTimeoutMs } : {}) });
      return { api, backend: createOllamaBackend(api), serverName: 'Ollama' };
    }
    const label = detected?.label ?? labelOf(kind, undefined);
    const backend = createOpenAiBackend({ url: spec.url, kind, ...(detected?.version ? { version: detected.version } : {}), ...(spec.apiKey ? { apiKey: spec.apiKey } : {}), ...(o.fetch ? { fetch: o.fetch } : {}) });
    return {
      api: ollamaApiOf(backend, label),
      backend,
      serverName: label,
      server: { kind, label, capabilities: capabilitiesOf(kind), local: o.isLocal(spec.url) },
    };
  };
}

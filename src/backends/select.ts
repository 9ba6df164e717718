/**
 * Which backend the app talks to, decided once at start:
 * - `--backend KIND` forces it (the version is still read for the header);
 * - a `--host` URL is detected (detect.ts);
 * - OLLAMA_HOST or the default address mean Ollama, as before (no extra requests).
 * A URL that answers as no known server is an error sentence; one that does not answer at all is
 * `undetected`: nothing is assumed, the app's connection screen says the kind could not be detected and
 * detection runs again with each retry (session/detectingClient.ts). A forced kind is never undetected.
 */
import type { Backend, BackendKind } from './backend.js';
import { detectBackend, type Detected } from './detect.js';
import type { FetchFn } from './ollama/fetch.js';
import { createOpenAiBackend } from './openai/openaiBackend.js';

export type Selection =
  | { ok: true; kind: 'ollama'; label?: string }
  | { ok: true; kind: Exclude<BackendKind, 'ollama'>; label: string; backend: Backend; contextLength?: number }
  | { ok: true; kind: 'undetected' }
  | { ok: false; message: string };

export interface SelectOptions {
  url: string;
  /** How the URL was chosen; only a --host URL is detected. */
  source: 'flag' | 'env' | 'default' | 'demo';
  forced?: BackendKind;
  apiKey?: string;
  fetch: FetchFn;
  detectTimeoutMs?: number;
}

export async function selectBackend(o: SelectOptions): Promise<Selection> {
  if (!o.forced && o.source !== 'flag') return { ok: true, kind: 'ollama' };
  const d = await detectBackend(o.url, { fetch: o.fetch, ...(o.forced ? { forced: o.forced } : {}), ...(o.apiKey ? { apiKey: o.apiKey } : {}), ...(o.detectTimeoutMs ? { timeoutMs: o.detectTimeoutMs } : {}) });
  if (!d.ok) {
    if (d.reason === 'unreachable') return { ok: true, kind: 'undetected' };
    return { ok: false, message: d.message };
  }
  return fromDetected(d, o);
}

async function fromDetected(d: Detected, o: SelectOptions): Promise<Selection> {
  if (d.kind === 'ollama') return { ok: true, kind: 'ollama', label: d.label };
  const backend = createOpenAiBackend({ url: d.baseUrl, kind: d.kind, fetch: o.fetch, ...(d.version ? { version: d.version } : {}), ...(o.apiKey ? { apiKey: o.apiKey } : {}) });
  let contextLength: number | undefined;
  try {
    contextLength = (await backend.listModels()).find((m) => m.contextLength)?.contextLength;
  } catch {
    // the session lists the models again and reports a failure there
  }
  return { ok: true, kind: d.kind, label: d.label, backend, ...(contextLength ? { contextLength } : {}) };
}

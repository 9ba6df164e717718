/**
 * Request bodies and URLs for OpenAI-compatible servers.
 */
import type { BackendChatRequest, BackendKind } from '../backend.js';
import { thinkFields } from '../capabilities.js';

/** Base URL without a trailing `/` or `/v1` (both `http://h:8000` and `http://h:8000/v1/` work). */
export function baseUrlOf(url: string): string {
  let u = url.trim().replace(/\/+$/, '');
  if (/\/v1$/i.test(u)) u = u.slice(0, -3);
  return u.replace(/\/+$/, '');
}

/** Headers for every request; the key goes only into Authorization. */
export function headersFor(apiKey: string | undefined, json: boolean): Record<string, string> {
  const h: Record<string, string> = { Accept: json ? 'application/json' : 'text/event-stream' };
  if (json) h['Content-Type'] = 'application/json';
  if (apiKey) h.Authorization = `Bearer ${apiKey}`;
  return h;
}

const SAMPLING: Record<string, string> = { temperature: 'temperature', top_p: 'top_p', seed: 'seed', num_predict: 'max_tokens', top_k: 'top_k' };

/**
 * The chat body: streamed, usage requested, llama.cpp progress requested, sampling options mapped, and
 * `think` as this kind of server understands it (capabilities.ts thinkFields; a value it cannot take is
 * left out: the session and the bench say so).
 */
export function chatBody(req: BackendChatRequest, kind: BackendKind): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: req.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (kind === 'llama.cpp') body.return_progress = true;
  if (kind !== 'ollama') Object.assign(body, thinkFields(kind, req.think).fields);
  for (const [key, value] of Object.entries(req.options ?? {})) {
    const name = SAMPLING[key];
    if (name === undefined || typeof value !== 'number') continue;
    if (name === 'max_tokens' && value < 0) continue; // Ollama's -1 = no limit
    body[name] = value;
  }
  return body;
}

/**
 * Issue 17 for the OpenAI-compatible path: server text is sanitized ONCE, where it enters r1-tui
 * (src/backends/openai/openaiBackend.ts, chatStream.ts, detect.ts, BackendError). A server that puts
 * OSC 52 / OSC 0 / CSI / C1 / DCS / APC payloads with marker words into every string field of every
 * endpoint the backend reads (keys too), into its SSE deltas (a sequence split across two deltas), its
 * error bodies and stream errors must not get one escape introducer or marker through anything the
 * backend or detection returns. A Backend method without a row here fails the "covers every method" check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiBackend } from '../../../src/backends/openai/openaiBackend.js';
import { detectBackend } from '../../../src/backends/detect.js';
import { BackendError } from '../../../src/backends/errors.js';
import type { Backend, BackendKind } from '../../../src/backends/backend.js';
import { isClean } from '../../../src/core/sanitize.js';
import { startTinyServer, type TinyServer } from '../ollama/tinyServer.js';
import type http from 'node:http';

/** Every injection is a complete sequence, so a correct sanitizer leaves only the original text. */
const PAYLOADS = [
  '\u001B]52;c;TUFSSzE=\u0007', // OSC 52: write the clipboard ("MARK1" in base64)
  '\u001B]0;MARK-TITLE\u0007', // OSC 0: window title
  '\u001B[2J\u001B[31m', // CSI
  '\u009B31m', // C1 CSI
  '\u009D0;MARK-C1\u009C', // C1 OSC
  '\u001BPMARK-DCS\u001B\\', // DCS
  '\u001B_MARK-APC\u001B\\', // APC
  '\u0007\u0008\r',
];
const inject = (s: string): string => `${PAYLOADS[s.length % PAYLOADS.length]}${s}${PAYLOADS.join('')}`;

function poison(v: unknown): unknown {
  if (typeof v === 'string') return inject(v);
  if (Array.isArray(v)) return v.map((x) => poison(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [inject(k), poison(x)]));
  return v;
}

/** Poisons string values but keeps the keys the backend looks for (so the values are actually read). */
function poisonValues(v: unknown): unknown {
  if (typeof v === 'string') return inject(v);
  if (Array.isArray(v)) return v.map((x) => poisonValues(x));
  if (v && typeof v === 'object') return { ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poisonValues(x)])), [inject('extra')]: inject('x') };
  return v;
}

function strings(v: unknown, path = '$', seen = new Set<unknown>()): Array<[string, string]> {
  if (typeof v === 'string') return [[path, v]];
  if (v instanceof Error) return [[`${path}.message`, v.message], ...strings((v as { detail?: unknown }).detail, `${path}.detail`, seen)];
  if (!v || typeof v !== 'object' || seen.has(v)) return [];
  seen.add(v);
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${path}[${i}]`, seen));
  return Object.entries(v).flatMap(([k, x]) => [[`${path}{key}`, k] as [string, string], ...strings(x, `${path}.${k}`, seen)]);
}

/** No escape introducer or control character at all, and no marker that followed one. */
function expectClean(v: unknown): void {
  const dirty = strings(v).filter(([, s]) => !isClean(s) || /MARK|TUFSSzE/.test(s) || /[\u001B\u0080-\u009F]/.test(s));
  expect(dirty).toEqual([]);
}

const MODEL = 'deepseek-ai/DeepSeek-R1';
const METRICS_VLLM = [
  '# HELP vllm:num_requests_running \u001B]0;MARK-HELP\u0007 running',
  `vllm:num_requests_running{model_name="${inject(MODEL)}"} 1`,
  `vllm:num_requests_waiting{model_name="${inject(MODEL)}"} 2`,
  `vllm:kv_cache_usage_perc{model_name="${inject(MODEL)}"} 0.25`,
].join('\n');
const METRICS_SGLANG = [`sglang:num_running_reqs{model_name="${inject(MODEL)}"} 1`, `sglang:token_usage{model_name="${inject(MODEL)}"} 0.5`].join('\n');

type Mode = 'ok' | 'error-json' | 'error-flat' | 'error-html' | 'stream-error';

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function chatStream(res: http.ServerResponse, mode: Mode): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const data = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => data({ id: inject('chatcmpl-1'), object: 'chat.completion.chunk', model: inject(MODEL), choices: [{ index: 0, delta, finish_reason: finish }] });
  chunk({ role: 'assistant', reasoning_content: inject('think **hard**\n') });
  chunk({ reasoning_content: 'more \u001B]52;c;TUFS' }); // a sequence split across two deltas
  chunk({ reasoning_content: 'SzE=\u0007 thought' });
  chunk({ content: inject('# Title\n') });
  chunk({ content: '漢字 \u001BPMARK' });
  chunk({ content: '-DCS\u001B\\ 👍🏽 `code`\n' });
  if (mode === 'stream-error') {
    data({ error: { message: inject('out of memory'), type: inject('server_error'), code: 500 } });
    return void res.end();
  }
  res.write(`data: ${inject('not json')}\n\n`);
  chunk({}, inject('stop'));
  data({ id: 'x', object: 'chat.completion.chunk', model: inject(MODEL), choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } });
  res.end('data: [DONE]\n\n');
}

function handler(kind: BackendKind, mode: Mode) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = (req.url ?? '').split('?')[0];
    if (mode === 'error-json') return send(res, 400, { error: { message: inject('This model\'s maximum context length is 4096 tokens'), type: inject('BadRequestError'), code: 400 } });
    if (mode === 'error-flat') return send(res, 503, { object: 'error', message: inject('Server busy'), type: inject('ServiceUnavailable'), code: 503 });
    if (mode === 'error-html') return send(res, 502, `<html><head><title>${inject('Bad Gateway')}</title></head><body>${inject('nginx')}</body></html>`, 'text/html');
    switch (url) {
      case '/v1/chat/completions':
        return chatStream(res, mode);
      case '/v1/models':
        return send(res, 200, poisonValues({ object: 'list', data: [{ id: MODEL, object: 'model', owned_by: kind === 'llama.cpp' ? 'llamacpp' : kind, max_model_len: 32768, meta: { size: 5 } }] }));
      case '/api/v0/models':
        return kind === 'lmstudio' ? send(res, 200, poisonValues({ object: 'list', data: [{ id: MODEL, type: 'llm', arch: 'qwen3', quantization: 'Q4_K_M', state: 'loaded', max_context_length: 131072 }] })) : send(res, 404, inject('not found'), 'text/plain');
      case '/props':
        return kind === 'llama.cpp' ? send(res, 200, poisonValues({ build_info: 'b6881-8b11deea4', default_generation_settings: { n_ctx: 8192 }, model_path: '/m.gguf' })) : send(res, 404, poison({ error: 'nope' }));
      case '/slots':
        return send(res, 200, poisonValues([{ id: 0, n_ctx: 8192, is_processing: true, prompt: 'x' }]));
      case '/version':
        return kind === 'vllm' ? send(res, 200, poisonValues({ version: '0.19.1' })) : send(res, 404, poison({ detail: 'Not Found' }));
      case '/get_server_info':
        return kind === 'sglang' ? send(res, 200, poisonValues({ version: '0.5.4', model_path: MODEL })) : send(res, 404, poison({ detail: 'Not Found' }));
      case '/api/version':
        return send(res, 404, poison({ error: 'not ollama' }));
      case '/health':
        return send(res, 200, inject('ok'), 'text/plain');
      case '/metrics':
        return send(res, 200, kind === 'sglang' ? METRICS_SGLANG : METRICS_VLLM, 'text/plain');
      default:
        return send(res, 404, poison({ error: 'unknown' }));
    }
  };
}

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(kind: BackendKind, mode: Mode = 'ok'): Promise<string> {
  server = await startTinyServer(handler(kind, mode));
  return server.url;
}

/** Everything a method gives: its result, or the error it threw. */
async function settle<T>(p: Promise<T>): Promise<unknown> {
  try {
    return await p;
  } catch (err) {
    return err;
  }
}

async function collectChat(b: Backend): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    const stream = await b.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    for await (const e of stream) out.push(e);
  } catch (err) {
    out.push(err);
  }
  return out;
}

const METHODS = ['info', 'health', 'listModels', 'loaded', 'chat', 'metrics'] as const;
async function everything(b: Backend): Promise<Record<string, unknown>> {
  return {
    info: await settle(b.info()),
    health: await settle(b.health()),
    listModels: await settle(b.listModels()),
    loaded: await settle(b.loaded()),
    chat: await collectChat(b),
    metrics: b.metrics ? await settle(b.metrics()) : 'none',
  };
}

const KINDS = ['vllm', 'sglang', 'llama.cpp', 'lmstudio', 'openai'] as const;

describe('a hostile OpenAI-compatible server (issue 17)', () => {
  it('covers every method of the Backend interface', async () => {
    const url = await start('vllm');
    const methods = Object.entries(createOpenAiBackend({ url, kind: 'vllm' })).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect([...methods].sort()).toEqual([...METHODS].sort());
  });

  for (const kind of KINDS) {
    it(`${kind}: detection, models, loaded, health, metrics and the streamed reply carry no escape sequence`, async () => {
      const url = await start(kind);
      const detected = await detectBackend(url, { fetch });
      expect(detected.ok && detected.kind).toBe(kind);
      expectClean(detected);
      const b = createOpenAiBackend({ url, kind, version: detected.ok ? detected.version : undefined, apiKey: 'sk-test-key-1234' });
      const all = await everything(b);
      expectClean(all);
      // the text itself arrives (sanitizing removes sequences, not the reply)
      const deltas = (all.chat as Array<{ type: string; reasoning?: string; content?: string }>).filter((e) => e.type === 'delta');
      expect(deltas.map((d) => d.reasoning).join('')).toBe('think **hard**\nmore  thought');
      expect(deltas.map((d) => d.content).join('')).toBe('# Title\n漢字  👍🏽 `code`\n');
      expect((all.listModels as Array<{ name: string }>).map((m) => m.name)).toEqual([MODEL]);
      const done = (all.chat as Array<{ type: string; finishReason?: string }>).find((e) => e.type === 'done');
      expect(done?.finishReason).toBe('stop');
    });
  }

  for (const mode of ['error-json', 'error-flat', 'error-html', 'stream-error'] as const) {
    it(`${mode}: the errors' sentences and details carry no escape sequence`, async () => {
      const url = await start('vllm', mode);
      const detected = await detectBackend(url, { fetch });
      expectClean(detected);
      const forced = await detectBackend(url, { fetch, forced: 'vllm' });
      expectClean(forced);
      const all = await everything(createOpenAiBackend({ url, kind: 'vllm', version: '0.19.1' }));
      expectClean(all);
      const errors = strings(all).length;
      expect(errors).toBeGreaterThan(0);
      if (mode !== 'stream-error') expect(all.listModels).toBeInstanceOf(BackendError);
      else expect((all.chat as unknown[]).at(-1)).toBeInstanceOf(BackendError);
    });
  }
});

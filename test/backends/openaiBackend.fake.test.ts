/** Detection and the OpenAI-compatible backend against the fake servers of every dialect. */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeOpenAi, type FakeOpenAi, type FakeOpenAiOptions } from '../../src/fake/openai/server.js';
import { createOpenAiBackend } from '../../src/backends/openai/openaiBackend.js';
import { detectBackend } from '../../src/backends/detect.js';
import { defaultFetch } from '../../src/backends/ollama/fetch.js';
import { DeltaSplitter } from '../../src/backends/splitDeltas.js';
import { BackendError } from '../../src/backends/errors.js';
import type { Backend, BackendEvent, BackendKind } from '../../src/backends/backend.js';
import { startFakeOllama, type FakeOllama } from '../fake-ollama/index.js';

const fetchFn = defaultFetch();
let fake: FakeOpenAi | undefined;
let ollama: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  await ollama?.close();
  fake = undefined;
  ollama = undefined;
});

async function start(o: FakeOpenAiOptions): Promise<FakeOpenAi> {
  fake = await startFakeOpenAi({ speed: 50, promptMs: 40, ...o });
  return fake;
}

async function run(backend: Backend, model: string) {
  const events: BackendEvent[] = [];
  const split = new DeltaSplitter();
  let error: BackendError | undefined;
  try {
    for await (const ev of await backend.chat({ model, messages: [{ role: 'user', content: 'What is 2+2?' }] })) {
      events.push(ev);
      split.push(ev);
    }
  } catch (e) {
    error = e as BackendError;
  }
  return { events, error, ...split.result() };
}

const MODEL: Record<string, string> = { vllm: 'deepseek-ai/DeepSeek-R1', sglang: 'deepseek-ai/DeepSeek-R1' };

describe('detection', () => {
  const cases: Array<[FakeOpenAiOptions['dialect'], BackendKind, string]> = [
    ['llama.cpp', 'llama.cpp', 'llama.cpp b6881'],
    ['vllm', 'vllm', 'vLLM 0.19.1'],
    ['sglang', 'sglang', 'SGLang 0.4.4.post1'],
    ['lmstudio', 'lmstudio', 'LM Studio'],
  ];
  for (const [dialect, kind, label] of cases) {
    it(`${dialect} → ${label}, with or without /v1 and a trailing slash`, async () => {
      const f = await start({ dialect });
      for (const url of [f.url, `${f.url}/v1`, `${f.url}/v1/`]) {
        const d = await detectBackend(url, { fetch: fetchFn });
        expect(d).toMatchObject({ ok: true, kind, label, baseUrl: f.url });
      }
      // none of the probes costs a generation
      expect(f.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    });
  }

  it('Ollama → "Ollama 0.x"', async () => {
    ollama = await startFakeOllama({ version: '0.12.6' });
    expect(await detectBackend(ollama.url, { fetch: fetchFn })).toMatchObject({ ok: true, kind: 'ollama', label: 'Ollama 0.12.6' });
  });

  it('--backend forces the kind and still reads the version', async () => {
    const f = await start({ dialect: 'vllm' });
    expect(await detectBackend(f.url, { fetch: fetchFn, forced: 'vllm' })).toMatchObject({ ok: true, kind: 'vllm', label: 'vLLM 0.19.1' });
    expect(await detectBackend(f.url, { fetch: fetchFn, forced: 'openai' })).toMatchObject({ ok: true, kind: 'openai', label: 'OpenAI-compatible' });
  });

  it('a URL that answers as no known server: a sentence saying what was found', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>Welcome to nginx!</title></head></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const d = await detectBackend(url, { fetch: fetchFn });
      expect(d).toEqual({
        ok: false,
        baseUrl: url,
        reason: 'unknown',
        message: `${url} answers, but not like Ollama, llama.cpp, vLLM, SGLang, LM Studio or an OpenAI-compatible server: GET /api/version, /v1/models and /health each gave HTTP 404 (text/html): "<html><head><title>Welcome to nginx!</title></head></html>". Check the port, or force the kind with --backend.`,
      });
    } finally {
      server.close();
    }
  });

  it('nothing listening: unreachable, each probe bounded by the short deadline', async () => {
    const server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const d = await detectBackend(url, { fetch: fetchFn, timeoutMs: 200 });
      expect(d).toMatchObject({ ok: false, reason: 'unreachable' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('chat through the backend, per dialect', () => {
  it('llama.cpp: prompt progress, reasoning pane text, answer, server-exact timings', async () => {
    const f = await start({ dialect: 'llama.cpp' });
    const b = createOpenAiBackend({ url: f.url, kind: 'llama.cpp', version: 'b6881', fetch: fetchFn });
    const r = await run(b, 'whatever');
    expect(r.error).toBeUndefined();
    expect(r.events.filter((e) => e.type === 'progress').length).toBeGreaterThan(1);
    expect(r.reasoning.length).toBeGreaterThan(10);
    expect(r.answer.length).toBeGreaterThan(10);
    const done = r.events.at(-1);
    expect(done).toMatchObject({ type: 'done', finishReason: 'stop', stats: { tokens: { source: 'server-exact' }, timings: { source: 'server-exact' } } });
    const body = f.requests.find((q) => q.path === '/v1/chat/completions')!.body;
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true }, return_progress: true });
  });

  for (const dialect of ['vllm', 'sglang'] as const) {
    it(`${dialect}: usage counts server-exact, timings measured by r1-tui; models with max_model_len, served exactly one; metrics`, async () => {
      const f = await start({ dialect, waiting: 5 });
      const b = createOpenAiBackend({ url: f.url, kind: dialect, fetch: fetchFn });
      const r = await run(b, MODEL[dialect]!);
      expect(r.error).toBeUndefined();
      expect(r.reasoning.length).toBeGreaterThan(10);
      expect(r.answer.length).toBeGreaterThan(10);
      const done = r.events.at(-1);
      expect(done).toMatchObject({ type: 'done', stats: { tokens: { source: 'server-exact', completion: r.events.filter((e) => e.type === 'delta').length }, timings: { source: 'client-measured' } } });
      expect(await b.listModels()).toEqual([{ name: 'deepseek-ai/DeepSeek-R1', contextLength: 32768, servedExactlyOne: true, loaded: true }]);
      expect(await b.metrics!()).toMatchObject({ requestsRunning: 0, requestsWaiting: 5 });
      expect((await b.info()).capabilities.lacks.find((l) => l.feature === 'cpu-gpu-split')?.reason).toMatch(/does not report a CPU\/GPU split/);
    });
  }

  it('LM Studio: model list from /api/v0 with quantization and state; tokens counted by r1-tui', async () => {
    const f = await start({ dialect: 'lmstudio' });
    const b = createOpenAiBackend({ url: f.url, kind: 'lmstudio', fetch: fetchFn });
    const models = await b.listModels();
    expect(models[0]).toMatchObject({ name: 'deepseek-r1-distill-llama-8b', quantization: 'Q4_K_M', loaded: true });
    expect(models[1]).toMatchObject({ loaded: false });
    const r = await run(b, 'deepseek-r1-distill-llama-8b');
    expect(r.events.at(-1)).toMatchObject({ type: 'done', stats: { tokens: { source: 'client-measured' } } });
  });

  it('llama.cpp /slots as placement', async () => {
    const f = await start({ dialect: 'llama.cpp' });
    const b = createOpenAiBackend({ url: f.url, kind: 'llama.cpp', fetch: fetchFn });
    expect(await b.loaded()).toEqual([{ name: 'DeepSeek-R1-Distill-Qwen-32B-Q4_K_M.gguf', slots: { total: 2, busy: 0 }, contextLength: 32768 }]);
    expect(await b.metrics!()).toMatchObject({ contextSize: 32768, requestsRunning: 0 });
  });

  it('reasoning modes: tags, tags without the opening one, and plain content (shown as the answer)', async () => {
    for (const reasoning of ['tags', 'tags-no-open'] as const) {
      const f = await start({ dialect: 'sglang', reasoning });
      const r = await run(createOpenAiBackend({ url: f.url, kind: 'sglang', fetch: fetchFn }), MODEL.sglang!);
      expect(r.reasoning.length).toBeGreaterThan(10);
      expect(r.answer).not.toContain('think>');
      await f.close();
      fake = undefined;
    }
    const f = await start({ dialect: 'vllm', reasoning: 'content' });
    const r = await run(createOpenAiBackend({ url: f.url, kind: 'vllm', fetch: fetchFn }), MODEL.vllm!);
    expect(r.reasoning).toBe('');
    expect(r.answer.length).toBeGreaterThan(20);
  });
});

describe('faults, each a sentence, nothing lost', () => {
  it('401: no key → say so; wrong key → rejected, never shown; right key → works, sent as Bearer', async () => {
    const f = await start({ dialect: 'vllm', apiKey: 'sk-right-key' });
    const none = await run(createOpenAiBackend({ url: f.url, kind: 'vllm', fetch: fetchFn }), MODEL.vllm!);
    expect(none.error?.kind).toBe('unauthorized');
    expect(none.error?.message).toBe(`vLLM at ${f.url} needs an API key (401): pass --api-key or set R1_TUI_API_KEY.`);
    const wrong = await run(createOpenAiBackend({ url: f.url, kind: 'vllm', apiKey: 'sk-wrong-key', fetch: fetchFn }), MODEL.vllm!);
    expect(wrong.error?.message).toBe(`vLLM at ${f.url} rejected the API key r1-tui sent (401): check --api-key or R1_TUI_API_KEY.`);
    expect(JSON.stringify([wrong.error?.message, wrong.error?.detail])).not.toContain('sk-wrong-key');
    const right = await run(createOpenAiBackend({ url: f.url, kind: 'vllm', apiKey: 'sk-right-key', fetch: fetchFn }), MODEL.vllm!);
    expect(right.error).toBeUndefined();
    expect(f.authHeaders.at(-1)).toBe('Bearer sk-right-key');
  });

  it('context length (vLLM, llama.cpp, SGLang): the limit and the request size', async () => {
    for (const dialect of ['vllm', 'llama.cpp', 'sglang'] as const) {
      const f = await start({ dialect, fault: { kind: 'context' }, contextLength: 4096 });
      const r = await run(createOpenAiBackend({ url: f.url, kind: dialect, fetch: fetchFn }), MODEL[dialect] ?? 'm');
      expect(r.error?.kind).toBe('context-length');
      expect(r.error?.contextLimit).toBe(4096);
      expect(r.error?.message).toMatch(/allows 4,096 tokens and this request needs (at least )?4,\d{3}\. Start a new conversation \(Ctrl\+N\)/);
      await f.close();
      fake = undefined;
    }
  });

  it('503 / 429 busy with Retry-After: retryable with the delay', async () => {
    const f = await start({ dialect: 'vllm', fault: { kind: 'busy', status: 429, retryAfterS: 3, times: 1 } });
    const b = createOpenAiBackend({ url: f.url, kind: 'vllm', fetch: fetchFn });
    const first = await run(b, MODEL.vllm!);
    expect(first.error).toMatchObject({ kind: 'busy', retryAfterMs: 3000 });
    expect(first.error?.message).toBe('vLLM is overloaded (429): The server is overloaded, please retry shortly.');
    expect((await run(b, MODEL.vllm!)).error).toBeUndefined();
  });

  it('cut mid-stream: the partial reply is delivered, then stream-incomplete', async () => {
    const f = await start({ dialect: 'sglang', fault: { kind: 'cut', afterChunks: 12 } });
    const r = await run(createOpenAiBackend({ url: f.url, kind: 'sglang', fetch: fetchFn }), MODEL.sglang!);
    expect(r.events.filter((e) => e.type === 'delta')).toHaveLength(12);
    expect(r.error?.kind).toBe('stream-incomplete');
    expect(r.error?.message).toBe(`The reply was cut off: the connection to SGLang at ${f.url} closed before the end. The partial reply is kept.`);
  });

  it('a non-JSON data line: one warning, the reply completes', async () => {
    const f = await start({ dialect: 'vllm', fault: { kind: 'not-json', afterChunks: 6 } });
    const r = await run(createOpenAiBackend({ url: f.url, kind: 'vllm', fetch: fetchFn }), MODEL.vllm!);
    expect(r.error).toBeUndefined();
    expect(r.events.filter((e) => e.type === 'warning')).toHaveLength(1);
    expect(r.events.at(-1)?.type).toBe('done');
  });

  it('an error inside the 200 stream, an HTML 502 page, an unknown model', async () => {
    let f = await start({ dialect: 'vllm', fault: { kind: 'stream-error', afterChunks: 8 } });
    let r = await run(createOpenAiBackend({ url: f.url, kind: 'vllm', fetch: fetchFn }), MODEL.vllm!);
    expect(r.events.filter((e) => e.type === 'delta')).toHaveLength(8);
    expect(r.error?.kind).toBe('stream-error');
    await f.close();
    f = await start({ dialect: 'vllm', fault: { kind: 'html' } });
    r = await run(createOpenAiBackend({ url: f.url, kind: 'vllm', fetch: fetchFn }), MODEL.vllm!);
    expect(r.error?.message).toBe(`${f.url} answered 502 with an HTML page titled "502 Bad Gateway", not an error r1-tui can read. Check --host (a proxy in between?) and the server log.`);
    await f.close();
    f = await start({ dialect: 'vllm' });
    r = await run(createOpenAiBackend({ url: f.url, kind: 'vllm', fetch: fetchFn }), 'deepseek-r1:8b');
    expect(r.error?.kind).toBe('model-not-found');
  });

  it('nothing listening: unreachable with a sentence', async () => {
    const b = createOpenAiBackend({ url: 'http://127.0.0.1:1', kind: 'vllm', fetch: fetchFn });
    const r = await run(b, 'm');
    expect(r.error?.kind).toBe('unreachable');
    expect(r.error?.message).toBe('Cannot reach vLLM at http://127.0.0.1:1. Check that the server runs and --host is right.');
  });

  it('abort() stops the stream: aborted, not a cut', async () => {
    const f = await start({ dialect: 'vllm', speed: 1 });
    const stream = await createOpenAiBackend({ url: f.url, kind: 'vllm', fetch: fetchFn }).chat({ model: MODEL.vllm!, messages: [{ role: 'user', content: 'hi there friend' }] });
    let err: unknown;
    try {
      for await (const ev of stream) if (ev.type === 'delta') stream.abort();
    } catch (e) {
      err = e;
    }
    expect((err as BackendError).kind).toBe('aborted');
  });
});

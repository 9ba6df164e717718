import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { createOllamaClient } from '../../../src/backends/ollama/client.js';
import { AGENT_OPTIONS } from '../../../src/backends/ollama/fetch.js';
import { OllamaError, type ChatEvent, type ChatStream } from '../../../src/backends/ollama/types.js';
import { chunkLine, doneLine, ndjsonHead, sendJson, sleep, startTinyServer, type Handler, type TinyServer } from './tinyServer.js';

let server: TinyServer | undefined;
let consoleSpies: Array<ReturnType<typeof vi.spyOn>> = [];

beforeEach(() => {
  consoleSpies = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
});
afterEach(async () => {
  // Nothing from the client may reach the console (it would draw over the TUI).
  for (const spy of consoleSpies) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler) {
  server = await startTinyServer(handler);
  return createOllamaClient(server.url);
}

async function collect(stream: ChatStream): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const ev of stream) out.push(ev);
  return out;
}

async function failure(p: Promise<unknown>): Promise<OllamaError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OllamaError);
    return e as OllamaError;
  }
  throw new Error('expected a failure');
}

describe('non-streaming calls', () => {
  it('version, tags, ps (with context_length) and show (model_info as a plain object)', async () => {
    const api = await serve((req, res) => {
      if (req.url === '/api/version') return sendJson(res, 200, { version: '0.12.6' });
      if (req.url === '/api/tags')
        return sendJson(res, 200, {
          models: [{ name: 'deepseek-r1:8b', model: 'deepseek-r1:8b', modified_at: '2025-05-30T18:02:11-07:00', size: 5, digest: 'ab', details: { quantization_level: 'Q4_K_M' } }],
        });
      if (req.url === '/api/ps')
        return sendJson(res, 200, {
          models: [{ name: 'deepseek-r1:8b', model: 'deepseek-r1:8b', size: 10, size_vram: 4, digest: 'ab', details: {}, expires_at: '2025-06-02T11:24:06.2738+02:00', context_length: 4096 }],
        });
      if (req.url === '/api/show')
        return sendJson(res, 200, { capabilities: ['completion', 'thinking'], details: { family: 'qwen3' }, model_info: { 'general.architecture': 'qwen3', 'qwen3.block_count': 36 }, parameters: 'stop "x"' });
      sendJson(res, 404, { error: 'nope' });
    });
    expect(await api.version()).toBe('0.12.6');
    const tags = await api.tags();
    expect(tags[0]?.name).toBe('deepseek-r1:8b');
    expect(tags[0]?.modified_at).toBe('2025-05-30T18:02:11-07:00');
    const ps = await api.ps();
    expect(ps[0]).toMatchObject({ size: 10, size_vram: 4, context_length: 4096, expires_at: '2025-06-02T11:24:06.2738+02:00' });
    const show = await api.show('deepseek-r1:8b');
    expect(show.capabilities).toContain('thinking');
    expect(show.modelInfo['qwen3.block_count']).toBe(36);
    expect(server?.bodies.at(-1)?.body).toMatchObject({ model: 'deepseek-r1:8b' });
  });

  it('load and unload send an empty chat (keep_alive 0 to unload)', async () => {
    const api = await serve((_req, res, body) => {
      const b = body as { keep_alive?: number };
      sendJson(res, 200, { model: 'm', message: { role: 'assistant', content: '' }, done: true, done_reason: b.keep_alive === 0 ? 'unload' : 'load' });
    });
    await api.load('m', '10m');
    await api.unload('m');
    expect(server?.bodies.map((b) => b.body)).toEqual([
      { model: 'm', messages: [], stream: false, keep_alive: '10m' },
      { model: 'm', messages: [], stream: false, keep_alive: 0 },
    ]);
  });

  it('times out a non-streaming call that never answers', async () => {
    server = await startTinyServer(() => undefined);
    const api = createOllamaClient(server.url, { requestTimeoutMs: 300 });
    const err = await failure(api.ps());
    expect(err.kind).toBe('timeout');
  });
});

describe('chat streaming', () => {
  it('yields chunks and the done event with metrics, streaming with stream:true', async () => {
    const api = await serve(async (_req, res) => {
      ndjsonHead(res);
      res.write(chunkLine('Okay', ''));
      await sleep(5);
      res.write(chunkLine('', 'The answer'));
      res.end(doneLine());
    });
    const stream = await api.chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }], think: true });
    const events = await collect(stream);
    expect(events.map((e) => e.type)).toEqual(['chunk', 'chunk', 'done']);
    expect(events[0]).toMatchObject({ thinking: 'Okay', content: '' });
    expect(events[1]).toMatchObject({ thinking: '', content: 'The answer' });
    expect(events[2]).toMatchObject({ doneReason: 'stop', metrics: { evalCount: 187, evalDuration: 2_900_000_000, promptEvalCount: 14 } });
    expect(events.every((e) => typeof e.at === 'number' && e.at > 0)).toBe(true);
    expect(server?.bodies[0]?.body).toMatchObject({ stream: true, think: true, model: 'm' });
  });

  it('leaves think out when undefined and passes options and keep_alive', async () => {
    const api = await serve((_req, res) => {
      ndjsonHead(res);
      res.end(doneLine());
    });
    await collect(await api.chat({ model: 'm', messages: [], options: { num_ctx: 4096 }, keepAlive: '5m' }));
    const body = server?.bodies[0]?.body as Record<string, unknown>;
    expect('think' in body).toBe(false);
    expect(body).toMatchObject({ options: { num_ctx: 4096 }, keep_alive: '5m' });
  });

  it('joins multibyte UTF-8 split across network writes', async () => {
    const api = await serve(async (_req, res) => {
      ndjsonHead(res);
      const bytes = Buffer.from(chunkLine('', '你好🙂'), 'utf8');
      const cut = bytes.indexOf(Buffer.from('好', 'utf8')) + 1; // inside 好
      res.write(bytes.subarray(0, cut));
      await sleep(20);
      res.write(bytes.subarray(cut, cut + 3));
      await sleep(20);
      res.write(bytes.subarray(cut + 3));
      res.end(doneLine());
    });
    const events = await collect(await api.chat({ model: 'm', messages: [] }));
    expect(events[0]).toMatchObject({ type: 'chunk', content: '你好🙂' });
  });

  it('skips a malformed line, reports it, and keeps the rest of the stream', async () => {
    const api = await serve((_req, res) => {
      ndjsonHead(res);
      res.write(chunkLine('', 'a'));
      res.write('{"model":"m", this is not json\n');
      res.write(chunkLine('', 'b'));
      res.end(doneLine());
    });
    const events = await collect(await api.chat({ model: 'm', messages: [] }));
    expect(events.map((e) => e.type)).toEqual(['chunk', 'malformed', 'chunk', 'done']);
    expect(events[1]).toMatchObject({ line: '{"model":"m", this is not json' });
  });

  it('abort() closes the connection; the server sees the socket close', async () => {
    let serverSawClose = false;
    const api = await serve(async (req, res) => {
      ndjsonHead(res);
      res.on('close', () => (serverSawClose = true));
      for (let i = 0; i < 200 && !res.destroyed; i++) {
        res.write(chunkLine('tok ', ''));
        await sleep(10);
      }
      if (!res.destroyed) res.end(doneLine());
    });
    const stream = await api.chat({ model: 'm', messages: [] });
    let seen = 0;
    const err = await failure(
      (async () => {
        for await (const ev of stream) {
          if (ev.type === 'chunk' && ++seen === 3) stream.abort();
        }
      })(),
    );
    expect(err.kind).toBe('aborted');
    await sleep(100);
    expect(serverSawClose).toBe(true);
    expect(seen).toBeLessThan(10);
  });

  it('a request signal cancels while waiting for headers (cold load) and closes the socket', async () => {
    let serverSawClose = false;
    const api = await serve(async (req, res) => {
      req.socket.on('close', () => (serverSawClose = true));
      await sleep(3000);
      if (!res.destroyed) res.end();
    });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = performance.now();
    const err = await failure(api.chat({ model: 'm', messages: [], signal: ac.signal }));
    expect(err.kind).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(1500);
    await sleep(100);
    expect(serverSawClose).toBe(true);
  });

  it('waits for slow response headers (no undici header timeout)', async () => {
    const api = await serve(async (_req, res) => {
      await sleep(2500);
      ndjsonHead(res);
      res.end(chunkLine('', 'late') + doneLine());
    });
    const events = await collect(await api.chat({ model: 'm', messages: [] }));
    expect(events[0]).toMatchObject({ content: 'late' });
    // The same delay against an agent with a short header deadline fails, so the check can fail.
    const shortAgent = new Agent({ headersTimeout: 1000 });
    const shortFetch = ((u: string, init: RequestInit) => undiciFetch(u, { ...(init as object), dispatcher: shortAgent } as never)) as unknown as typeof fetch;
    const shortApi = createOllamaClient(server!.url, { fetch: shortFetch });
    const err = await failure(shortApi.chat({ model: 'm', messages: [] }));
    expect(err.kind).toBe('timeout');
    expect(err.detail).toBe('UND_ERR_HEADERS_TIMEOUT');
    await shortAgent.close();
    // And the real agent has no header or body deadline at all (a cold 70B load can take > 5 min).
    expect(AGENT_OPTIONS).toMatchObject({ headersTimeout: 0, bodyTimeout: 0 });
  }, 15_000);
});

describe('error mapping', () => {
  const cases: Array<{ name: string; handler: Handler; kind: string; text: RegExp; think?: boolean | 'high' }> = [
    { name: '404 new wording', handler: (_q, r) => sendJson(r, 404, { error: "model 'nope:1b' not found" }), kind: 'model-not-found', text: /ollama pull nope:1b/ },
    {
      name: '404 old wording',
      handler: (_q, r) => sendJson(r, 404, { error: 'model "nope:1b" not found, try pulling it first' }),
      kind: 'model-not-found',
      text: /Ctrl\+P/,
    },
    { name: '400 think, quoted form', handler: (_q, r) => sendJson(r, 400, { error: '"nope:1b" does not support thinking' }), kind: 'think-unsupported', text: /does not support thinking/, think: true },
    {
      name: '400 think, registry form',
      handler: (_q, r) => sendJson(r, 400, { error: 'registry.ollama.ai/library/nope:1b does not support thinking' }),
      kind: 'think-unsupported',
      text: /nope:1b/,
      think: true,
    },
    {
      name: '400 invalid think value',
      handler: (_q, r) => sendJson(r, 400, { error: 'invalid think value: "high" (must be "high", "medium", "low", true, or false)' }),
      kind: 'think-value-rejected',
      text: /level/,
      think: 'high',
    },
    {
      name: '400 pre-0.11 bool-only think',
      handler: (_q, r) => sendJson(r, 400, { error: 'json: cannot unmarshal string into Go struct field ChatRequest.think of type bool' }),
      kind: 'think-value-rejected',
      text: /0\.11/,
      think: 'high',
    },
    { name: '503 busy', handler: (_q, r) => sendJson(r, 503, { error: 'server busy, please try again.  maximum pending requests exceeded' }), kind: 'busy', text: /busy/ },
    {
      name: '500 out of memory',
      handler: (_q, r) => sendJson(r, 500, { error: 'model requires more system memory (12.3 GiB) than is available (8.1 GiB)' }),
      kind: 'server-error',
      text: /12\.3 GiB.*smaller model/,
    },
    {
      name: '500 plain text',
      handler: (_q, r) => {
        r.writeHead(500, { 'content-type': 'text/plain' });
        r.end('boom');
      },
      kind: 'server-error',
      text: /boom/,
    },
    {
      name: '404 page not found (not Ollama)',
      handler: (_q, r) => {
        r.writeHead(404, { 'content-type': 'text/plain' });
        r.end('404 page not found');
      },
      kind: 'bad-request',
      text: /does not answer like Ollama/,
    },
    {
      name: 'mid-stream error line',
      handler: (_q, r) => {
        ndjsonHead(r);
        r.write(chunkLine('', 'partial'));
        r.end('{"error":"an error was encountered while running the model: CUDA error"}\n');
      },
      kind: 'stream-error',
      text: /CUDA error/,
    },
    {
      name: 'stream ends without done',
      handler: (_q, r) => {
        ndjsonHead(r);
        r.end(chunkLine('', 'partial'));
      },
      kind: 'stream-incomplete',
      text: /cut off/,
    },
    {
      name: 'connection dropped mid-stream',
      handler: async (_q, r) => {
        ndjsonHead(r);
        r.write(chunkLine('', 'partial'));
        await sleep(20);
        r.socket?.destroy();
      },
      kind: 'stream-incomplete',
      text: /cut off/,
    },
  ];

  it.each(cases)('$name → $kind', async ({ handler, kind, text, think }) => {
    const api = await serve(handler);
    const err = await failure(
      (async () => {
        const stream = await api.chat({ model: 'nope:1b', messages: [{ role: 'user', content: 'x' }], ...(think !== undefined ? { think } : {}) });
        await collect(stream);
      })(),
    );
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(text);
    expect(err.message).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it('unreachable: names the host and says what to do', async () => {
    const tmp = await startTinyServer(() => undefined);
    const url = tmp.url;
    await tmp.close();
    const api = createOllamaClient(url);
    const err = await failure(api.version());
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain(url);
    expect(err.message).toMatch(/ollama serve/);
    expect(err.message).toMatch(/OLLAMA_HOST/);
    expect(err.message).toMatch(/--demo/);
    const chatErr = await failure(api.chat({ model: 'm', messages: [] }));
    expect(chatErr.kind).toBe('unreachable');
  });
});

describe('pull', () => {
  it('streams progress and can be aborted', async () => {
    const api = await serve(async (_req, res) => {
      ndjsonHead(res);
      res.write('{"status":"pulling manifest"}\n');
      for (let i = 1; i <= 100 && !res.destroyed; i++) {
        res.write(`${JSON.stringify({ status: 'pulling 96c415656d37', digest: 'sha256:96c4', total: 100, completed: i })}\n`);
        await sleep(10);
      }
      if (!res.destroyed) res.end('{"status":"success"}\n');
    });
    const stream = await api.pull('deepseek-r1:8b');
    const seen: string[] = [];
    const err = await failure(
      (async () => {
        for await (const p of stream) {
          seen.push(p.status);
          if (p.completed === 3) stream.abort();
        }
      })(),
    );
    expect(err.kind).toBe('aborted');
    expect(seen[0]).toBe('pulling manifest');
    expect(server?.bodies[0]?.body).toMatchObject({ name: 'deepseek-r1:8b', stream: true });
  });
});

/**
 * A protocol-faithful fake OpenAI-compatible server in one of the recorded dialects (llama.cpp, vLLM,
 * SGLang, LM Studio, Ollama /v1), for tests, `npm run fake -- --dialect vllm` and the demo. No model
 * runs: replies come from the same scripts as the fake Ollama (src/fake/scripts.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { RequestClock } from '../clock.js';
import { recordRequest } from '../http.js';
import { syntheticScript } from '../scripts.js';
import { estimateTokens } from '../tokenize.js';
import type { FakeScript, RecordedRequest } from '../types.js';
import { streamId, type Dialect } from './dialects.js';
import { llamaProps, llamaSlots, lmStudioV0Models, metricsText, modelsList, serverInfo, type ServerFigures } from './endpoints.js';
import { busy, contextTooLong, htmlPage, unauthorized, unknownModel, type ErrorReply, type OpenAiFault } from './faults.js';
import { writeStream, type ReasoningMode } from './stream.js';

export interface FakeOpenAiOptions {
  dialect: Dialect;
  host?: string;
  port?: number;
  /** Served model name (default per dialect). */
  model?: string;
  version?: string;
  /** Server context size (n_ctx / max_model_len). */
  contextLength?: number;
  tokensPerSecond?: number;
  speed?: number;
  /** Requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  reasoning?: ReasoningMode;
  /** Simulated prompt processing before the first token, ms (default 400). */
  promptMs?: number;
  /** Requests waiting in the simulated queue (shown by /metrics). */
  waiting?: number;
  kvCacheUsage?: number;
  script?: (req: RecordedRequest) => FakeScript;
  /** `n` is the 1-based number of the chat request. */
  fault?: OpenAiFault | ((req: RecordedRequest, n: number) => OpenAiFault | undefined);
}

export interface FakeOpenAi {
  url: string;
  port: number;
  dialect: Dialect;
  requests: RecordedRequest[];
  /** Authorization headers seen (to check a key is sent; tests only). */
  authHeaders: Array<string | undefined>;
  set(patch: Partial<FakeOpenAiOptions>): void;
  close(): Promise<void>;
}

const DEFAULTS: Record<Dialect, { model: string; version: string }> = {
  'llama.cpp': { model: 'DeepSeek-R1-Distill-Qwen-32B-Q4_K_M.gguf', version: 'b6881-8b11deea4' },
  vllm: { model: 'deepseek-ai/DeepSeek-R1', version: '0.19.1' },
  sglang: { model: 'deepseek-ai/DeepSeek-R1', version: '0.4.4.post1' },
  lmstudio: { model: 'deepseek-r1-distill-llama-8b', version: '0.3.9' },
  ollama: { model: 'deepseek-r1:8b', version: '0.13.5' },
};

function sendReply(res: ServerResponse, r: ErrorReply): void {
  res.writeHead(r.status, { 'Content-Type': r.contentType, 'Content-Length': Buffer.byteLength(r.body), ...(r.headers ?? {}) });
  res.end(r.body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startFakeOpenAi(opts: FakeOpenAiOptions): Promise<FakeOpenAi> {
  const options: FakeOpenAiOptions = { ...opts };
  const requests: RecordedRequest[] = [];
  const authHeaders: Array<string | undefined> = [];
  const sockets = new Set<Socket>();
  const clocks = new Set<RequestClock>();
  let chatCount = 0;
  let running = 0;
  const ttft: number[] = [];
  const created = Math.floor(Date.now() / 1000);

  const figures = (): ServerFigures => {
    const d = DEFAULTS[options.dialect];
    const version = options.version ?? d.version;
    return {
      model: options.model ?? d.model,
      contextLength: options.contextLength ?? 32768,
      version,
      build: version,
      running,
      waiting: options.waiting ?? 0,
      kvCacheUsage: options.kvCacheUsage ?? (running > 0 ? 0.27 : 0.0),
      slots: 2,
      ttft,
      created,
    };
  };

  const authorized = (req: IncomingMessage, path: string): boolean => {
    if (!options.apiKey) return true;
    // vLLM, SGLang and llama.cpp check the key on the API routes, not on /health and the info routes
    if (!path.startsWith('/v1/')) return true;
    return req.headers.authorization === `Bearer ${options.apiKey}`;
  };

  async function chat(req: RecordedRequest, res: ServerResponse): Promise<void> {
    chatCount++;
    const n = chatCount;
    const f = figures();
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as { model?: string; messages?: Array<{ role: string; content: string }>; stream_options?: { include_usage?: boolean }; return_progress?: boolean; max_tokens?: number };
    const fault = typeof options.fault === 'function' ? options.fault(req, n) : options.fault;
    if (fault?.kind === 'busy' && n <= (fault.times ?? Infinity)) return sendReply(res, busy(options.dialect, fault.status ?? 503, fault.retryAfterS));
    if (fault?.kind === 'html') return sendReply(res, htmlPage());
    if ((options.dialect === 'vllm' || options.dialect === 'sglang') && body.model !== undefined && body.model !== f.model) return sendReply(res, unknownModel(String(body.model)));
    const promptTokens = (body.messages ?? []).reduce((a, m) => a + estimateTokens(String(m.content ?? '')) + 4, 0);
    if (fault?.kind === 'context') return sendReply(res, contextTooLong(options.dialect, f.contextLength, f.contextLength + promptTokens, body.max_tokens ?? 512));
    const script = options.script ? options.script(req) : syntheticScript({ ...req, body: { ...body, messages: body.messages ?? [] } }, options.tokensPerSecond ?? 30);
    const clock = new RequestClock();
    clocks.add(clock);
    res.on('close', () => clock.cancel());
    running++;
    try {
      await writeStream(res, clock, {
        dialect: options.dialect,
        ids: { id: streamId(options.dialect, n), created: Math.floor(Date.now() / 1000), model: options.dialect === 'llama.cpp' ? (body.model ?? f.model) : f.model, build: f.build },
        script,
        speed: options.speed ?? 1,
        reasoning: options.reasoning ?? 'field',
        includeUsage: body.stream_options?.include_usage === true,
        returnProgress: body.return_progress === true,
        promptTokens,
        promptMs: options.promptMs ?? 400,
        cachedTokens: n > 1 ? Math.floor(promptTokens / 2) : 0,
        ...(fault && fault.kind !== 'busy' ? { fault } : {}),
      });
    } finally {
      running--;
      ttft.push((options.promptMs ?? 400) / 1000);
      clocks.delete(clock);
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await recordRequest(req, requests);
    if (!recorded) return; // client went away while sending
    const path = recorded.path;
    authHeaders.push(req.headers.authorization);
    const d = options.dialect;
    const f = figures();
    if (!authorized(req, path)) return sendReply(res, unauthorized(d));
    if (path === '/v1/chat/completions' && recorded.method === 'POST') return chat(recorded, res);
    if (path === '/v1/models' && recorded.method === 'GET') return sendJson(res, 200, modelsList(d, f));
    if (path === '/health' && (d === 'llama.cpp' || d === 'vllm' || d === 'sglang')) {
      if (d === 'llama.cpp') return sendJson(res, 200, { status: 'ok' });
      res.writeHead(200, { 'Content-Length': 0 });
      return void res.end();
    }
    if (d === 'llama.cpp' && path === '/props') return sendJson(res, 200, llamaProps(f));
    if (d === 'llama.cpp' && path === '/slots') return sendJson(res, 200, llamaSlots(f));
    if (d === 'lmstudio' && path === '/api/v0/models') return sendJson(res, 200, lmStudioV0Models(f));
    const metrics = path === '/metrics' ? metricsText(d, f) : undefined;
    if (metrics !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      return void res.end(metrics);
    }
    const info = serverInfo(d, f);
    if (info && path === info.path) return sendJson(res, 200, info.body);
    if (d === 'ollama' && path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Ollama is running');
    }
    // FastAPI (vLLM, SGLang) answers unknown paths with {"detail":"Not Found"}; llama.cpp and LM Studio with text
    if (d === 'vllm' || d === 'sglang') return sendJson(res, 404, { detail: 'Not Found' });
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end(d === 'llama.cpp' ? 'File Not Found' : 'Unexpected endpoint or method.');
  }

  const server = createServer((req, res) => void serve(req, res).catch(() => res.destroy()));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    dialect: options.dialect,
    requests,
    authHeaders,
    set(patch) {
      Object.assign(options, patch);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clocks) c.cancel();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

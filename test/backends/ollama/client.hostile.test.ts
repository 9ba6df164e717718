/**
 * Issue 17: server text is sanitized ONCE, where it enters r1-tui (src/backends/ollama/client.ts). A server that
 * puts escape sequences into every string field of every endpoint (keys included) and into its error
 * bodies must not get one control character through ANY method of the client: the test walks each
 * method's whole result. A method added to OllamaApi without a row here fails the "covers every method"
 * check, so a new endpoint cannot skip the boundary.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../../src/backends/ollama/client.js';
import { OllamaError, type OllamaApi } from '../../../src/backends/ollama/types.js';
import { isClean } from '../../../src/core/sanitize.js';
import { sendJson, startTinyServer, type TinyServer } from './tinyServer.js';

/** Every injection ends in a complete sequence, so a correct sanitizer leaves the original text. */
const PAYLOADS = [
  '\u001B]52;c;TUFSSzE=\u0007',
  '\u001B]0;MARK-TITLE\u0007',
  '\u001B[2J',
  '\u009B31m',
  '\u009D0;MARK-C1\u009C',
  '\u001BPMARK-DCS\u001B\\',
  '\u001B_MARK-APC\u001B\\',
  '\u0007\u0008\r',
];
const inject = (s: string): string => `${PAYLOADS[s.length % PAYLOADS.length]}${s}${PAYLOADS.join('')}`;

/** Injects into every string value of a JSON value, and into the keys of free-form maps (model_info). */
function poison(v: unknown, keys = false): unknown {
  if (typeof v === 'string') return inject(v);
  if (Array.isArray(v)) return v.map((x) => poison(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [keys ? inject(k) : k, poison(x, k === 'model_info')]));
  return v;
}

const TAG = { name: 'deepseek-r1:8b', model: 'deepseek-r1:8b', modified_at: '2025-05-30T18:02:11-07:00', size: 5, digest: 'ab', details: { family: 'qwen3', families: ['qwen3'], parameter_size: '8.2B', quantization_level: 'Q4_K_M', format: 'gguf' }, capabilities: ['completion', 'thinking'] };

/** Every string anywhere in `v` (keys too), with its path. */
function strings(v: unknown, path = '$'): Array<[string, string]> {
  if (typeof v === 'string') return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [[`${path}{key}`, k] as [string, string], ...strings(x, `${path}.${k}`)]);
  return [];
}

function expectClean(v: unknown): void {
  const dirty = strings(v).filter(([, s]) => !isClean(s) || /MARK|TUFSSzE/.test(s));
  expect(dirty).toEqual([]);
}

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function hostile(errorStatus?: number): Promise<OllamaApi> {
  server = await startTinyServer((req, res, body) => {
    if (errorStatus) return sendJson(res, errorStatus, { error: inject(`model 'x' failed ${errorStatus}`) });
    const url = req.url ?? '';
    if (url === '/api/version') return sendJson(res, 200, poison({ version: '0.12.6' }));
    if (url === '/api/tags') return sendJson(res, 200, poison({ models: [TAG] }));
    if (url === '/api/ps') return sendJson(res, 200, poison({ models: [{ ...TAG, size_vram: 4, expires_at: '2025-06-02T11:24:06+02:00', context_length: 4096 }] }));
    if (url === '/api/show')
      return sendJson(res, 200, poison({ capabilities: ['completion', 'thinking'], details: TAG.details, model_info: { 'general.architecture': 'qwen3', 'qwen3.context_length': 4096 }, parameters: 'stop "<|end|>"\ntemperature 0.6', template: '{{ .System }}\n{{ .Prompt }}', license: 'MIT\nline 2' }));
    if (url === '/api/pull') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (const status of ['pulling manifest', 'pulling ab12', 'verifying sha256 digest']) res.write(`${JSON.stringify(poison({ status, digest: 'sha256:ab12', total: 10, completed: 10 }))}\n`);
      res.end('{"status":"success"}\n'); // ollama-js ends the stream on this exact status
      return;
    }
    if (url === '/api/chat' && (body as { stream?: boolean } | undefined)?.stream === false) {
      return sendJson(res, 200, { ...(poison({ model: 'deepseek-r1:8b', created_at: '2025-01-01T00:00:00Z', done_reason: 'load', message: { role: 'assistant', content: '' } }) as object), done: true });
    }
    if (url === '/api/chat') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const line = (o: unknown) => res.write(`${JSON.stringify(o)}\n`);
      // chunks split a sequence across two chunks; text keeps Markdown, CJK, emoji and newlines
      line(poison({ model: 'deepseek-r1:8b', message: { role: 'assistant', content: '', thinking: 'think **hard**\n' } }));
      line({ model: 'm', message: { role: 'assistant', content: '# Title \u001B]52;c;TUFS', thinking: '' } });
      line({ model: 'm', message: { role: 'assistant', content: 'SzE=\u0007\n漢字 👍🏽 `code`\tx\n', thinking: '' } });
      line(poison({ model: 'deepseek-r1:8b', message: { role: 'assistant', content: 'end.' } }));
      line({ ...(poison({ model: 'deepseek-r1:8b', done_reason: 'stop' }) as object), done: true, eval_count: 3, eval_duration: 1000 });
      res.end('not json \u001B]0;MARK-MALFORMED\u0007\n');
      return;
    }
    sendJson(res, 404, poison({ error: 'not found' }));
  });
  return createOllamaClient(server.url);
}

async function drain(it: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** One row per OllamaApi method: how to call it. */
const CALLS: Record<Exclude<keyof OllamaApi, 'host'>, (api: OllamaApi) => Promise<unknown>> = {
  version: (api) => api.version(),
  tags: (api) => api.tags(),
  ps: (api) => api.ps(),
  show: (api) => api.show('deepseek-r1:8b'),
  chat: async (api) => drain(await api.chat({ model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'hi' }] })),
  load: (api) => api.load('deepseek-r1:8b'),
  unload: (api) => api.unload('deepseek-r1:8b'),
  pull: async (api) => drain(await api.pull('deepseek-r1:8b')),
};

describe('the client returns only sanitized server text', () => {
  it('covers every method of OllamaApi', async () => {
    const api = createOllamaClient('http://127.0.0.1:9');
    expect(Object.keys(api).filter((k) => k !== 'host').sort()).toEqual(Object.keys(CALLS).sort());
  });

  for (const [method, call] of Object.entries(CALLS)) {
    it(`${method}: every string of the result is clean`, async () => {
      const api = await hostile();
      expectClean(await call(api));
    });
    it(`${method}: an error body with escape sequences gives a clean OllamaError`, async () => {
      for (const status of [400, 404, 500]) {
        const api = await hostile(status);
        const err = await call(api).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(OllamaError);
        expectClean([(err as OllamaError).message, (err as OllamaError).detail ?? '']);
        await server?.close();
        server = undefined;
      }
    });
  }

  it('keeps the answer faithful: Markdown, CJK, emoji, newlines and tabs survive; the split sequence is gone', async () => {
    const api = await hostile();
    const events = (await CALLS.chat(api)) as Array<{ type: string; content?: string; thinking?: string }>;
    const content = events.map((e) => e.content ?? '').join('');
    expect(content).toBe('# Title SzE=\n漢字 👍🏽 `code`\tx\nend.'.replace('SzE=', ''));
    expect(events.map((e) => e.thinking ?? '').join('')).toBe('think **hard**\n');
  });
});

/** Every recorded error body → a typed BackendError with a specific sentence. */
import { describe, expect, it } from 'vitest';
import { errorFromResponse, errorFromStreamPayload, retryAfterMs } from '../../src/backends/openai/errorBody.js';
import { openAiEvents } from '../../src/backends/openai/chatStream.js';
import { BackendError } from '../../src/backends/errors.js';
import { bytesIn, fixtureText } from './openaiRecordings.js';

interface Entry {
  case: string;
  http_status: number | string;
  body_raw?: string;
  body?: unknown;
  body_prefix_raw?: string;
  sse_raw?: string[];
}

const entries = (JSON.parse(fixtureText('error-bodies.json')) as { entries: Entry[] }).entries;
const ctx = { host: 'http://gpu1:8000', label: 'vLLM 0.19.1', model: 'deepseek-r1' };
const bodyOf = (e: Entry): string => e.body_raw ?? e.body_prefix_raw ?? (e.body !== undefined ? JSON.stringify(e.body) : (e.sse_raw ?? []).join('\n'));
const statusOf = (e: Entry) => (typeof e.http_status === 'number' ? e.http_status : 400);

describe('recorded error bodies', () => {
  const expected: Array<[string, string]> = [
    ['does not exist', 'vLLM 0.19.1 at http://gpu1:8000 does not serve deepseek-r1 (404: The model `Qwen1.5-14B-Chat-GPTQ-Int8` does not exist). Press Ctrl+P to pick a model it serves.'],
    ['6048', "The conversation no longer fits the model's context: vLLM 0.19.1 allows 6,048 tokens and this request needs 6,616. Start a new conversation (Ctrl+N), ask a shorter question or lower num_predict (Alt+S), or restart the server with a larger context."],
    ['is 3 tokens', "The conversation no longer fits the model's context: vLLM 0.19.1 allows 3 tokens and this request needs 8. Start a new conversation (Ctrl+N), ask a shorter question or lower num_predict (Alt+S), or restart the server with a larger context."],
    ['2048', "The conversation no longer fits the model's context: vLLM 0.19.1 allows 2,048 tokens and this request needs 2,053. Start a new conversation (Ctrl+N), ask a shorter question or lower num_predict (Alt+S), or restart the server with a larger context."],
    ['8192 tokens. However', "The conversation no longer fits the model's context: vLLM 0.19.1 allows 8,192 tokens and this request needs at least 8,193. Start a new conversation (Ctrl+N), ask a shorter question or lower num_predict (Alt+S), or restart the server with a larger context."],
    ['14429', "The conversation no longer fits the model's context: vLLM 0.19.1 allows 8,192 tokens and this request needs 14,429. Start a new conversation (Ctrl+N), ask a shorter question or lower num_predict (Alt+S), or restart the server with a larger context."],
    ['1407', "The conversation no longer fits the model's context: vLLM 0.19.1 allows 256 tokens and this request needs 1,407. Start a new conversation (Ctrl+N), ask a shorter question or lower num_predict (Alt+S), or restart the server with a larger context."],
    ['Loading model', 'vLLM 0.19.1 is still loading the model (503).'],
    ['nonexistent-model-12345', "vLLM 0.19.1 at http://gpu1:8000 does not serve deepseek-r1 (404: model 'nonexistent-model-12345' not found). Press Ctrl+P to pick a model it serves."],
    ['think value', 'vLLM 0.19.1 rejected the request (400): think value "low" is not supported for this model.'],
    ['Server overloaded', 'vLLM 0.19.1 is overloaded (503): Server overloaded, please retry shortly (ref: aaa65c70-cfa0-446b-86f1-4ab0e2deb9e4).'],
  ];

  it('every HTTP body in the file has an expectation', () => {
    const http = entries.filter((e) => !e.sse_raw);
    expect(http).toHaveLength(expected.length);
    for (const e of http) expect(expected.some(([needle]) => bodyOf(e).includes(needle)), bodyOf(e)).toBe(true);
  });

  for (const [needle, sentence] of expected) {
    it(needle, () => {
      const e = entries.find((x) => !x.sse_raw && bodyOf(x).includes(needle))!;
      const err = errorFromResponse(statusOf(e), bodyOf(e), ctx);
      expect(err).toBeInstanceOf(BackendError);
      expect(err.message).toBe(sentence);
      expect(err.detail).toContain(needle.split(' ')[0]);
    });
  }

  it('context errors carry the numbers; llama.cpp is keyed on type whatever the HTTP code', () => {
    const llama = entries.filter((e) => bodyOf(e).includes('exceed_context_size_error'));
    expect(llama.map((e) => statusOf(e))).toEqual([400, 500]);
    for (const e of llama) expect(errorFromResponse(statusOf(e), bodyOf(e), ctx).kind).toBe('context-length');
    const old = errorFromResponse(400, bodyOf(entries.find((e) => bodyOf(e).includes('6048'))!), ctx);
    expect([old.contextLimit, old.requestTokens]).toEqual([6048, 6616]);
  });

  it('503 loading and 429 are busy and retryable, with a delay from Retry-After (seconds or a date) or a default', () => {
    const loading = errorFromResponse(503, bodyOf(entries.find((e) => bodyOf(e).includes('Loading model'))!), ctx);
    expect(loading.kind).toBe('busy');
    expect(loading.retryable).toBe(true);
    expect(loading.retryAfterMs).toBe(5000);
    expect(errorFromResponse(429, '{"error":{"message":"Too many requests"}}', { ...ctx, retryAfter: '7' }).retryAfterMs).toBe(7000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(errorFromResponse(429, '', ctx).retryAfterMs).toBe(2000);
  });

  it('the SSE error entry: the partial reply survives and the error is a sentence', async () => {
    const e = entries.find((x) => x.sse_raw)!;
    const text = `data: {"choices":[{"index":0,"delta":{"content":"Partial"}}]}\n\n${e.sse_raw!.join('\n\n')}\n\n`;
    const got: string[] = [];
    const err = await (async () => {
      for await (const ev of openAiEvents(bytesIn(text, 3), { ...ctx, sentAt: 0 })) if (ev.type === 'delta') got.push(ev.content);
    })().catch((x: unknown) => x as BackendError);
    expect(got).toEqual(['Partial']);
    expect(err?.kind).toBe('stream-error');
  });
});

describe('401/403, HTML and unknown bodies', () => {
  it('401 without a key says to pass one; with a key says it was rejected and never shows it', () => {
    expect(errorFromResponse(401, '{"error":{"message":"Unauthorized","type":"authentication_error"}}', ctx).message).toBe(
      'vLLM 0.19.1 at http://gpu1:8000 needs an API key (401): pass --api-key or set R1_TUI_API_KEY.',
    );
    const key = 'sk-secret-1234567890';
    const err = errorFromResponse(403, `{"error":"Invalid API key ${key}"}`, { ...ctx, apiKey: key });
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toBe('vLLM 0.19.1 at http://gpu1:8000 rejected the API key r1-tui sent (403): check --api-key or R1_TUI_API_KEY.');
    expect(`${err.message} ${err.detail}`).not.toContain(key);
    const inStream = errorFromStreamPayload({ error: { message: `bad key ${key}` } }, { ...ctx, apiKey: key });
    expect(`${inStream.message} ${inStream.detail}`).not.toContain(key);
  });

  it('an HTML page says what was received', () => {
    const err = errorFromResponse(502, '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', { ...ctx, contentType: 'text/html' });
    expect(err.message).toBe('http://gpu1:8000 answered 502 with an HTML page titled "502 Bad Gateway", not an error r1-tui can read. Check --host (a proxy in between?) and the server log.');
    expect(errorFromResponse(404, '404 page not found', ctx).message).toBe(
      'http://gpu1:8000 has no OpenAI-compatible chat endpoint (404 with "404 page not found"). Check --host and --backend.',
    );
  });

  it('control characters in a server message never reach the sentence (the whole sequence goes, not only its ESC)', () => {
    const err = errorFromResponse(500, '{"error":{"message":"boom\\u001b[2J\\u0007 now"}}', ctx);
    expect(err.message).toBe('vLLM 0.19.1 reported an error (500): boom now. Check the server log.');
  });
});

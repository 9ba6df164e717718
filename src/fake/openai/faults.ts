/**
 * Fault switches of the fake OpenAI-compatible server and the error bodies each dialect sends
 * (recordings/openai-compatible/error-bodies.json where a body was recorded; the auth bodies are the
 * ones the servers' API-key middlewares return; SGLang's context message is from its tokenizer manager,
 * no SGLang body was recorded).
 */
import type { Dialect } from './dialects.js';

export type OpenAiFault =
  /** 429 or 503 (llama.cpp: 503 "Loading model") with Retry-After, for the first `times` chat requests. */
  | { kind: 'busy'; status?: 429 | 503; retryAfterS?: number; times?: number }
  /** 400 (llama.cpp: exceed_context_size_error) for every chat request. */
  | { kind: 'context' }
  /** The connection is destroyed after this many text chunks. */
  | { kind: 'cut'; afterChunks: number }
  /** A `data:` line that is not JSON after this many text chunks; the stream goes on. */
  | { kind: 'not-json'; afterChunks: number }
  /** `data: {"error": ...}` then `[DONE]` after this many text chunks (vLLM's streaming error). */
  | { kind: 'stream-error'; afterChunks: number }
  /** A proxy's 502 HTML page. */
  | { kind: 'html' };

export const FAULT_NAMES = ['busy', 'busy-429', 'context', 'cut', 'not-json', 'stream-error', 'html'] as const;

/** `--fault` values of the CLI → fault. */
export function faultFromName(name: string): OpenAiFault | undefined {
  switch (name) {
    case 'busy':
      return { kind: 'busy', status: 503, retryAfterS: 2, times: 1 };
    case 'busy-429':
      return { kind: 'busy', status: 429, retryAfterS: 2, times: 1 };
    case 'context':
      return { kind: 'context' };
    case 'cut':
      return { kind: 'cut', afterChunks: 12 };
    case 'not-json':
      return { kind: 'not-json', afterChunks: 6 };
    case 'stream-error':
      return { kind: 'stream-error', afterChunks: 8 };
    case 'html':
      return { kind: 'html' };
    default:
      return undefined;
  }
}

export interface ErrorReply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json';

export function unauthorized(d: Dialect): ErrorReply {
  if (d === 'llama.cpp') return { status: 401, contentType: JSON_TYPE, body: '{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}' };
  return { status: 401, contentType: JSON_TYPE, body: '{"error":"Unauthorized"}' };
}

export function contextTooLong(d: Dialect, limit: number, prompt: number, maxTokens: number): ErrorReply {
  if (d === 'llama.cpp') {
    return {
      status: 400,
      contentType: JSON_TYPE,
      body: JSON.stringify({ error: { code: 400, message: 'the request exceeds the available context size. try increasing the context size or enable context shift', type: 'exceed_context_size_error', n_prompt_tokens: prompt, n_ctx: limit } }),
    };
  }
  if (d === 'sglang') {
    return {
      status: 400,
      contentType: JSON_TYPE,
      body: JSON.stringify({ object: 'error', message: `The input (${prompt} tokens) is longer than the model's context length (${limit} tokens).`, type: 'BadRequestError', param: null, code: 400 }),
    };
  }
  const message = `This model's maximum context length is ${limit} tokens. However, you requested ${maxTokens} output tokens and your prompt contains at least ${prompt} input tokens, for a total of at least ${prompt + maxTokens} tokens. Please reduce the length of the input prompt or the number of requested output tokens. (parameter=input_tokens, value=${prompt})`;
  return { status: 400, contentType: JSON_TYPE, body: JSON.stringify({ error: { message, type: 'BadRequestError', param: 'input_tokens', code: 400 } }) };
}

export function busy(d: Dialect, status: 429 | 503, retryAfterS: number | undefined): ErrorReply {
  const headers = retryAfterS !== undefined ? { 'Retry-After': String(retryAfterS) } : undefined;
  const base = { status: d === 'llama.cpp' ? 503 : status, contentType: JSON_TYPE, ...(headers ? { headers } : {}) };
  if (d === 'llama.cpp') return { ...base, body: '{"error": {"code": 503, "message": "Loading model", "type": "unavailable_error"}}' };
  return { ...base, body: JSON.stringify({ error: { message: 'The server is overloaded, please retry shortly.', type: 'ServiceUnavailableError', param: null, code: base.status } }) };
}

export function unknownModel(model: string): ErrorReply {
  return { status: 404, contentType: JSON_TYPE, body: JSON.stringify({ error: { message: `The model \`${model}\` does not exist.`, type: 'NotFoundError', param: 'model', code: 404 } }) };
}

export function htmlPage(): ErrorReply {
  return { status: 502, contentType: 'text/html', body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n' };
}

/** vLLM's error inside a 200 stream (error-bodies.json, sse_raw). */
export const STREAM_ERROR_LINE = 'data: {"error": {"message": "TimeoutError", "type": "GatewayTimeout", "code": 504}}';

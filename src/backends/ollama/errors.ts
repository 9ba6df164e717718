/**
 * Turns whatever ollama-js, undici or the network threw into an OllamaError with a human sentence
 * (what happened, what to do). The server's own text goes into `detail` for the log.
 * Error shapes: Ollama's `{"error": "..."}` bodies (HTTP and mid-stream) and the transport errors of undici.
 */
import { describeReceived, NOT_OLLAMA_ERROR_PREFIX, UnexpectedResponseError, type ReceivedBody } from './fetch.js';
import { OllamaError, type OllamaErrorKind } from './types.js';
import type { ThinkValue } from '../../core/chatTypes.js';

export type OllamaOperation = 'version' | 'tags' | 'ps' | 'show' | 'chat' | 'load' | 'unload' | 'pull';

export interface ErrorContext {
  host: string;
  op: OllamaOperation;
  model?: string;
  think?: ThinkValue;
  /** Response headers had arrived (the stream had begun). */
  started?: boolean;
  /** The text of an `{"error": ...}` line seen in the stream, when there was one. */
  streamErrorText?: string;
  /** abort() was called on this request. */
  aborted?: boolean;
  /** Deadline of a non-streaming request, for the timeout sentence. */
  timeoutMs?: number;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** What a stream that ended without a done (chat) or success (pull) line throws (ollama-js's words). */
export const INCOMPLETE_MESSAGE = 'Did not receive done or success response in stream.';

interface Fields {
  name?: unknown;
  message?: unknown;
  status_code?: unknown;
  error?: unknown;
  code?: unknown;
  cause?: unknown;
}

function fieldsOf(err: unknown): Fields {
  return typeof err === 'object' && err !== null ? (err as Fields) : {};
}

/** The innermost `code` in an error's cause chain (undici nests them). */
function causeCode(err: unknown): string | undefined {
  let cur: unknown = err;
  let code: string | undefined;
  for (let depth = 0; depth < 5 && typeof cur === 'object' && cur !== null; depth++) {
    const f = fieldsOf(cur);
    if (typeof f.code === 'string') code = f.code;
    cur = f.cause;
  }
  return code;
}

function stripTrailingDot(s: string): string {
  return s.trim().replace(/\.+$/, '');
}

export function unreachableSentence(host: string): string {
  return (
    `Cannot reach Ollama at ${host}. Start it with \`ollama serve\`, or point r1-tui at another server ` +
    `with --host or OLLAMA_HOST (or try r1-tui --demo).`
  );
}

export function modelNotFoundSentence(model: string | undefined, host: string): string {
  const name = model ?? 'the model';
  return `Model ${name} is not installed on ${host}. Pull it with \`ollama pull ${name}\`, or press Ctrl+P to pick an installed model.`;
}

/** 404 wording since v0.12 (`model 'x' not found`) and before (`model "x" not found, try pulling it first`). */
export function isModelNotFoundText(text: string): boolean {
  return /model\s+['"].*['"]\s+not found/i.test(text) || /not found, try pulling it first/i.test(text);
}

/** Both 400 forms: `"x" does not support thinking` and `registry.ollama.ai/library/x:tag does not support thinking`. */
export function isThinkUnsupportedText(text: string): boolean {
  return /does not support thinking/i.test(text);
}

/**
 * Ollama's own out-of-memory wordings (llama.cpp / CUDA / ROCm / Metal). Whole words only: "oom" must
 * not match "room" or "bloom", and a bare "memory" (e.g. "memory layout changed") is not enough.
 */
export function isOutOfMemoryText(text: string): boolean {
  return /\b(out of memory|OOM|cudaMalloc failed|unable to allocate|failed to allocate|insufficient memory|not enough memory|model requires more system memory)\b/i.test(text);
}

/** The body of a response that was not Ollama's `{"error": ...}` JSON (see fetch.ts), or undefined. */
function notOllamaBody(text: string): ReceivedBody | undefined {
  if (!text.startsWith(NOT_OLLAMA_ERROR_PREFIX)) return undefined;
  try {
    return JSON.parse(text.slice(NOT_OLLAMA_ERROR_PREFIX.length)) as ReceivedBody;
  } catch {
    return undefined;
  }
}

/** The sentence for a response that is not what Ollama sends: what arrived, not a guess at why. */
export function unexpectedResponseSentence(received: ReceivedBody, ctx: ErrorContext): string {
  return (
    `The server at ${ctx.host} does not answer like Ollama: /api/${ctx.op} gave ${describeReceived(received)}. ` +
    `Check that --host / OLLAMA_HOST points at Ollama (not a web server or a proxy's error page).`
  );
}

function serverErrorSentence(text: string): string {
  const base = `Ollama reported an error: ${stripTrailingDot(text)}.`;
  if (isOutOfMemoryText(text)) {
    return `${base} The model does not fit in memory: try a smaller model or quantization, a smaller context, or close other programs.`;
  }
  if (/timed out waiting for llama runner/i.test(text)) {
    return `${base} The model took too long to load; a larger OLLAMA_LOAD_TIMEOUT on the server may help.`;
  }
  return `${base} Check the Ollama server log for details.`;
}

function fromResponse(status: number, text: string, ctx: ErrorContext): OllamaError {
  const received = notOllamaBody(text);
  const opts = { status, detail: received ? describeReceived(received) : text };
  const make = (kind: OllamaErrorKind, message: string) => new OllamaError(kind, message, opts);
  if (received) return make(status >= 500 ? 'server-error' : 'bad-request', unexpectedResponseSentence(received, ctx));
  if (status === 404 && isModelNotFoundText(text)) return make('model-not-found', modelNotFoundSentence(ctx.model, ctx.host));
  if (status === 404) {
    return make('bad-request', `The server at ${ctx.host} does not answer like Ollama (404 on /api/${ctx.op}). Check --host / OLLAMA_HOST.`);
  }
  if (status === 400 && isThinkUnsupportedText(text)) {
    const who = ctx.model ? `Model ${ctx.model}` : 'This model';
    return make('think-unsupported', `${who} does not support thinking; r1-tui sends its requests without the think option.`);
  }
  if (status === 400 && (/invalid think value/i.test(text) || (typeof ctx.think === 'string' && /think/i.test(text)))) {
    return make(
      'think-value-rejected',
      `This Ollama server does not accept think level ${JSON.stringify(ctx.think)}; thinking stays on without a level (upgrade Ollama to 0.11+ for levels).`,
    );
  }
  if (status === 503) return make('busy', `Ollama is busy (too many queued requests): ${stripTrailingDot(text)}. Try again in a moment.`);
  if (status >= 500) return make('server-error', serverErrorSentence(text));
  return make('bad-request', `Ollama rejected the request (${status}): ${stripTrailingDot(text)}.`);
}

/** Map anything thrown while talking to Ollama to an OllamaError. */
export function toOllamaError(err: unknown, ctx: ErrorContext): OllamaError {
  if (err instanceof OllamaError) return err;
  const f = fieldsOf(err);
  const name = typeof f.name === 'string' ? f.name : '';
  const message = typeof f.message === 'string' ? f.message : String(err);

  if (ctx.aborted || name === 'AbortError') {
    return new OllamaError('aborted', 'Stopped.', { cause: err });
  }
  if (err instanceof UnexpectedResponseError) {
    return new OllamaError('bad-request', unexpectedResponseSentence(err.received, ctx), {
      status: err.received.status,
      detail: err.message,
      cause: err,
    });
  }
  if (name === 'TimeoutError') {
    const secs = ctx.timeoutMs ? ` within ${Math.round(ctx.timeoutMs / 1000)} s` : ' in time';
    return new OllamaError('timeout', `Ollama at ${ctx.host} did not answer${secs}. It may be overloaded; r1-tui will keep trying.`, {
      cause: err,
    });
  }
  if (name === 'ResponseError' && typeof f.status_code === 'number') {
    const text = typeof f.error === 'string' ? f.error : message;
    return fromResponse(f.status_code, text, ctx);
  }
  if (ctx.streamErrorText !== undefined && message === ctx.streamErrorText) {
    const text = ctx.streamErrorText;
    if (ctx.op === 'pull') {
      const missing = /file does not exist|not found/i.test(text) ? ' Check the name on ollama.com/library.' : '';
      return new OllamaError('stream-error', `Pulling ${ctx.model ?? 'the model'} failed: ${stripTrailingDot(text)}.${missing}`, {
        detail: text,
        cause: err,
      });
    }
    const hint = isOutOfMemoryText(text) ? ' The model may not fit in memory; try a smaller model or context.' : '';
    return new OllamaError('stream-error', `The model stopped with an error: ${stripTrailingDot(text)}.${hint} The partial reply is kept.`, {
      detail: text,
      cause: err,
    });
  }
  if (message === INCOMPLETE_MESSAGE || (ctx.started && (message === 'terminated' || name === 'TypeError'))) {
    return new OllamaError(
      'stream-incomplete',
      'The reply was cut off: the connection to Ollama closed before the end. The partial reply is kept.',
      { detail: message, cause: err },
    );
  }
  const code = causeCode(err);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new OllamaError('timeout', `Ollama at ${ctx.host} took too long to answer and the request was given up.`, {
      detail: code,
      cause: err,
    });
  }
  if (code === 'UND_ERR_SOCKET' && !ctx.started && ctx.op === 'chat') {
    return new OllamaError(
      'stream-incomplete',
      'Ollama closed the connection before replying (the server may have crashed or restarted). Try again.',
      { detail: message, cause: err },
    );
  }
  if ((code !== undefined && UNREACHABLE_CODES.has(code)) || code === 'UND_ERR_SOCKET' || message === 'fetch failed') {
    return new OllamaError('unreachable', unreachableSentence(ctx.host), { detail: code ?? message, cause: err });
  }
  return new OllamaError('server-error', `Unexpected problem talking to Ollama at ${ctx.host}: ${stripTrailingDot(message)}.`, {
    detail: message,
    cause: err,
  });
}

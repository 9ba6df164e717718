/**
 * The body of an OpenAI-compatible streamed reply → BackendEvents.
 *
 * - The stream ends at `data: [DONE]`, or at the end of the body without it (counts as done: SGLang
 *   0.4.4 sent no finish_reason, proxies drop the marker).
 * - A connection that breaks mid-body is a `stream-incomplete` BackendError (the consumer keeps the
 *   partial reply); an `{"error":…}` payload is thrown as the error it describes.
 * - A `data:` line that is not JSON is a `warning` event; the stream and the reply so far go on.
 * - Final stats: what the server sent (server-exact), with what it did not send measured here from
 *   arrival times and tagged client-measured: token count = text deltas, prompt time = request sent →
 *   first text, eval time = first text → last text (covering the deltas after the first).
 */
import type { BackendEvent, ReplyStats } from '../backend.js';
import { BackendError } from '../errors.js';
import { errorFromStreamPayload, type ErrorContext } from './errorBody.js';
import { normalizePayload } from './normalize.js';
import { SseParser, type SseEvent } from './sse.js';
import { sanitize, sanitizeLine, StreamSanitizer } from '../../core/sanitize.js';

export interface StreamContext extends ErrorContext {
  /** performance.now() when the request was sent. */
  sentAt: number;
  now?: () => number;
  /** Set when the user aborted (an abort is not a cut). */
  aborted?: () => boolean;
}

/** Merge a new cumulative stats item: timings-bearing stats are not replaced by usage-only ones. */
export function mergeStats(prev: ReplyStats | undefined, next: ReplyStats): ReplyStats {
  if (prev?.timings && !next.timings) return prev;
  return next;
}

/** Complete `stats` with client-measured parts where the server sent none. */
export function withMeasured(stats: ReplyStats | undefined, m: { deltas: number; sentAt: number; firstAt?: number; lastAt?: number; endAt: number }): ReplyStats {
  const out: ReplyStats = { ...stats };
  if (!out.tokens) out.tokens = { completion: m.deltas, source: 'client-measured' };
  if (!out.timings && m.firstAt !== undefined) {
    out.timings = { source: 'client-measured', promptNs: Math.round((m.firstAt - m.sentAt) * 1e6), totalNs: Math.round((m.endAt - m.sentAt) * 1e6) };
    if (m.lastAt !== undefined && m.lastAt > m.firstAt) out.timings.evalNs = Math.round((m.lastAt - m.firstAt) * 1e6);
  }
  return out;
}

function cutError(ctx: StreamContext, cause: unknown): BackendError {
  return new BackendError(
    'stream-incomplete',
    `The reply was cut off: the connection to ${ctx.label} at ${ctx.host} closed before the end. The partial reply is kept.`,
    { detail: cause instanceof Error ? cause.message : String(cause), cause },
  );
}

export async function* openAiEvents(body: AsyncIterable<Uint8Array>, ctx: StreamContext): AsyncGenerator<BackendEvent> {
  const now = ctx.now ?? (() => performance.now());
  let stats: ReplyStats | undefined;
  let finish: string | undefined;
  let deltas = 0;
  let firstAt: number | undefined;
  let lastAt: number | undefined;
  // Server text is untrusted: the deltas go through one StreamSanitizer per field (an escape sequence can
  // be split across deltas), everything else through sanitize/sanitizeLine, here, once.
  const cleanReasoning = new StreamSanitizer();
  const cleanContent = new StreamSanitizer();
  function* tail(at: number): Generator<BackendEvent> {
    const reasoning = cleanReasoning.end();
    const content = cleanContent.end();
    if (reasoning || content) yield { type: 'delta', reasoning, content, at };
  }
  // The SSE parser is fed the body's chunks directly (no async generator between them: one fewer promise
  // hop per event, which is most of what a chunk costs at 200 tok/s).
  const parser = new SseParser();
  const iterator = body[Symbol.asyncIterator]();
  let ended = false;
  while (!ended) {
    let events: SseEvent[];
    try {
      const step = await iterator.next();
      if (step.done) {
        ended = true;
        events = parser.end();
      } else events = parser.push(step.value);
    } catch (err) {
      if (ctx.aborted?.()) throw new BackendError('aborted', 'Stopped.', { cause: err });
      throw cutError(ctx, err);
    }
    if (events.length === 0) continue;
    const at = now();
    for (const ev of events) {
      for (const item of normalizePayload(ev.data)) {
        switch (item.kind) {
          case 'done-marker':
            yield* tail(at);
            yield { type: 'done', finishReason: finish, stats: withMeasured(stats, { deltas, sentAt: ctx.sentAt, firstAt, lastAt, endAt: at }), at };
            if (!ended) await iterator.return?.(undefined);
            return;
          case 'delta':
            deltas++;
            firstAt ??= at;
            lastAt = at;
            yield { type: 'delta', reasoning: cleanReasoning.push(item.reasoning), content: cleanContent.push(item.content), at };
            break;
          case 'stats':
            stats = mergeStats(stats, item.stats);
            yield { type: 'stats', stats, at };
            break;
          case 'progress':
            yield { type: 'progress', progress: item.progress, at };
            break;
          case 'finish':
            finish = sanitizeLine(item.reason);
            break;
          case 'error':
            throw errorFromStreamPayload(item.payload, ctx);
          case 'not-json':
            yield {
              type: 'warning',
              message: `${ctx.label} sent a data: line that is not JSON; it was skipped and the reply goes on.`,
              detail: sanitize(item.text.slice(0, 600)),
              at,
            };
            break;
        }
      }
    }
  }
  const at = now();
  yield* tail(at);
  yield { type: 'done', finishReason: finish, stats: withMeasured(stats, { deltas, sentAt: ctx.sentAt, firstAt, lastAt, endAt: at }), at };
}

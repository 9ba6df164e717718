/**
 * A byte-level NDJSON line filter that sits between undici and ollama-js.
 *
 * Why: ollama-js's parser skips a non-JSON line with `console.warn('invalid json: ', …)`, which would
 * both hide the problem and write onto the TUI's screen. This filter re-frames the body into whole lines
 * (so multibyte UTF-8 split across network chunks is joined before decoding), forwards only lines that
 * parse as JSON objects, and records the rest in `tap.malformed` so the client can surface a warning
 * while the stream goes on (Ollama's own clients also skip such lines). It also remembers the text of an
 * `{"error": ...}` line so the client can tell a server-side stream error from other failures.
 */
export interface StreamTap {
  /** Lines that were not JSON objects, in arrival order, each with the number of good lines before it. */
  malformed: Array<{ line: string; afterLines: number }>;
  /** Good lines forwarded so far. */
  forwarded: number;
  /** The `error` text of an error line, when one arrived. */
  errorText?: string;
  /** Bytes seen, for the log. */
  bytes: number;
}

export function createStreamTap(): StreamTap {
  return { malformed: [], forwarded: 0, bytes: 0 };
}

const NEWLINE = 0x0a;

function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function ndjsonLineFilter(tap: StreamTap): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder('utf-8');
  const encoder = new TextEncoder();
  let pending: Uint8Array[] = [];

  const handleLine = (bytes: Uint8Array, out: TransformStreamDefaultController<Uint8Array>): void => {
    const text = decoder.decode(bytes);
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      tap.malformed.push({ line: text, afterLines: tap.forwarded });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      tap.malformed.push({ line: text, afterLines: tap.forwarded });
      return;
    }
    if ('error' in parsed) tap.errorText = String((parsed as { error: unknown }).error);
    tap.forwarded++;
    out.enqueue(encoder.encode(`${text.trim()}\n`));
  };

  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      tap.bytes += chunk.length;
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
        pending.push(chunk.subarray(start, nl));
        handleLine(concatBytes(pending), out);
        pending = [];
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.slice(start));
    },
    flush(out) {
      if (pending.length > 0) handleLine(concatBytes(pending), out);
      pending = [];
    },
  });
}

/**
 * The NDJSON reader for the two streamed endpoints (/api/chat, /api/pull): r1-tui reads these bodies
 * itself, so every line is parsed exactly once (ollama-js keeps the small non-streaming calls).
 *
 * The body is re-framed into whole lines at the byte level (so multibyte UTF-8 split across network
 * chunks is joined before decoding). A line that is a JSON object is handed on parsed; any other
 * non-blank line is handed on as `malformed` text, so the client can surface a warning while the
 * stream goes on (Ollama's own clients also skip such lines). ollama-js's parser would instead skip it
 * with `console.warn('invalid json: ', …)`, hiding the problem and writing onto the TUI's screen.
 */
export type NdjsonItem = { kind: 'object'; value: Record<string, unknown> } | { kind: 'malformed'; line: string };

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

/** One line of text as an item (its only JSON.parse), or undefined for a blank line. */
export function parseNdjsonLine(text: string): NdjsonItem | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'malformed', line: text };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'malformed', line: text };
  return { kind: 'object', value: parsed as Record<string, unknown> };
}

/**
 * The items of an NDJSON body, in arrival order. Reading stops where the caller stops (the reader is
 * not cancelled: abort the request to close the connection). A read error (abort, a cut connection)
 * is thrown as it came.
 */
export async function* ndjsonItems(body: ReadableStream<Uint8Array>): AsyncGenerator<NdjsonItem, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  let pending: Uint8Array[] = [];
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      pending.push(chunk.subarray(start, nl));
      const item = parseNdjsonLine(decoder.decode(concatBytes(pending)));
      pending = [];
      start = nl + 1;
      if (item) yield item;
    }
    if (start < chunk.length) pending.push(chunk.slice(start));
  }
  if (pending.length > 0) {
    const item = parseNdjsonLine(decoder.decode(concatBytes(pending)));
    if (item) yield item;
  }
}

/**
 * A Server-Sent Events reader (the subset OpenAI-compatible servers use), per the WHATWG EventSource
 * parsing rules:
 * - lines end with CRLF, LF or CR (a CR at the end of one network chunk and an LF at the start of the
 *   next are one line end);
 * - a line starting with `:` is a comment (keep-alive pings) and is ignored;
 * - `data:` lines accumulate (joined with "\n"); one space after the colon is dropped;
 * - a blank line dispatches the event; `event:`/`id:`/`retry:` are read, other fields ignored;
 * - at the end of the body an event that was not followed by a blank line is still dispatched (some
 *   proxies drop the last blank line); the caller decides what the end of the stream means.
 * Bytes are decoded with a streaming UTF-8 decoder, so a character split across network chunks is joined.
 */
export interface SseEvent {
  /** The event's data (several `data:` lines joined with "\n"). */
  data: string;
  /** The `event:` field, when there was one. */
  event?: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  /** The previous chunk ended in CR: a leading LF of the next chunk belongs to that line end. */
  private skipLf = false;
  private data: string[] = [];
  private event: string | undefined;

  /** Feed bytes; returns the events completed by them. */
  push(bytes: Uint8Array): SseEvent[] {
    return this.feed(this.decoder.decode(bytes, { stream: true }));
  }

  /** End of body: flush the decoder and any event still open. */
  end(): SseEvent[] {
    const out = this.feed(this.decoder.decode());
    if (this.buffer !== '') {
      this.line(this.buffer, out);
      this.buffer = '';
    }
    this.dispatch(out);
    return out;
  }

  private feed(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    if (text === '') return out;
    let start = 0;
    if (this.skipLf) {
      this.skipLf = false;
      if (text.startsWith('\n')) start = 1;
    }
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      this.line(this.buffer + text.slice(start, i), out);
      this.buffer = '';
      if (c === 0x0d) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 0x0a) i++;
        } else {
          this.skipLf = true;
        }
      }
      start = i + 1;
    }
    if (start < text.length) this.buffer += text.slice(start);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      this.dispatch(out);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
  }

  private dispatch(out: SseEvent[]): void {
    if (this.data.length === 0) {
      this.event = undefined;
      return;
    }
    const ev: SseEvent = { data: this.data.join('\n') };
    if (this.event !== undefined && this.event !== '') ev.event = this.event;
    out.push(ev);
    this.data = [];
    this.event = undefined;
  }
}

/** Events of a whole body, as they complete. Errors of the body (a cut connection) propagate. */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const parser = new SseParser();
  for await (const bytes of body) {
    for (const ev of parser.push(bytes)) yield ev;
  }
  for (const ev of parser.end()) yield ev;
}

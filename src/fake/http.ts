import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestClock } from './clock.js';
import type { RecordedRequest } from './types.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const NDJSON_TYPE = 'application/x-ndjson';
export const TEXT_TYPE = 'text/plain; charset=utf-8';

export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** Oldest requests are dropped past this many (a long --demo session polls /api/ps). */
export const MAX_RECORDED = 10_000;

/**
 * Read a request's body and record it (method, path, parsed body, arrival time) at the end of
 * `requests`, dropping the oldest past MAX_RECORDED. Undefined when the client went away while sending.
 */
export async function recordRequest(req: IncomingMessage, requests: RecordedRequest[]): Promise<RecordedRequest | undefined> {
  const at = Date.now();
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  let text = '';
  try {
    text = await readBody(req);
  } catch {
    return undefined;
  }
  const recorded: RecordedRequest = { method: req.method ?? 'GET', path, body: parseBody(text), at };
  requests.push(recorded);
  if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
  return recorded;
}

/** Parsed JSON, or the raw text when it is not JSON, or undefined when empty. */
export function parseBody(text: string): any {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}

export function sendText(res: ServerResponse, status: number, text: string, head = false): void {
  res.writeHead(status, { 'Content-Type': TEXT_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

/** Go's JSON decoder complaint for a body that is not a JSON object. */
export function badBodyMessage(body: unknown): string | undefined {
  if (body === undefined) return 'missing request body';
  if (typeof body === 'string') return `invalid character '${body.trim()[0] ?? ' '}' looking for beginning of value`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return `json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type api.Request`;
  }
  return undefined;
}

/** Where to cut one NDJSON line in two writes: inside the first multi-byte character, else somewhere in the line. */
export function splitPoint(buf: Buffer, lineNo: number): number {
  for (let i = 0; i < buf.length; i++) {
    if (buf[i]! >= 0xc0) return i + 1; // after the lead byte, before its continuation bytes
  }
  if (buf.length < 3) return 1;
  return 1 + ((lineNo * 37 + 11) % (buf.length - 2));
}

/**
 * Writes NDJSON objects. No header goes out before the first line. With `split`, every line is
 * written in two socket writes separated by a short timer, so a reader sees partial lines
 * and, when the line has one, a multi-byte UTF-8 character cut in half.
 */
export class NdjsonWriter {
  private lineNo = 0;
  private started = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly clock: RequestClock,
    private readonly split: boolean,
  ) {}

  get headersSent(): boolean {
    return this.started;
  }

  /** Send the 200 header now (used when a stream ends before any line). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.res.writeHead(200, { 'Content-Type': NDJSON_TYPE });
  }

  /** Resolves false if the client went away. `raw` lines are written as given (plus "\n"). */
  async line(value: unknown, raw = false): Promise<boolean> {
    if (this.clock.cancelled || this.res.destroyed) return false;
    this.start();
    const text = raw ? String(value) : JSON.stringify(value);
    const buf = Buffer.from(`${text}\n`, 'utf8');
    if (!this.split) {
      this.res.write(buf);
      return true;
    }
    const at = splitPoint(buf, this.lineNo++);
    this.res.write(buf.subarray(0, at));
    if (!(await this.clock.sleep(1))) return false;
    if (this.res.destroyed) return false;
    this.res.write(buf.subarray(at));
    return true;
  }

  end(): void {
    this.start();
    if (!this.res.destroyed) this.res.end();
  }
}

/** A minimal node:http server for client tests: each test supplies its own handler. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyServer {
  url: string;
  bodies: Array<{ path: string; body: unknown }>;
  closedSockets: number;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => void | Promise<void>;

export async function startTinyServer(handler: Handler): Promise<TinyServer> {
  const state = { closedSockets: 0 };
  const bodies: TinyServer['bodies'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      let body: unknown = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      bodies.push({ path: req.url ?? '', body });
      void handler(req, res, body);
    });
  });
  server.on('connection', (socket) => socket.on('close', () => state.closedSockets++));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    get closedSockets() {
      return state.closedSockets;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

export function ndjsonHead(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function chunkLine(thinking: string, content: string): string {
  const message: Record<string, string> = { role: 'assistant', content };
  if (thinking) message.thinking = thinking;
  return `${JSON.stringify({ model: 'm', created_at: new Date().toISOString(), message, done: false })}\n`;
}

export function doneLine(extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({
    model: 'm',
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content: '' },
    done: true,
    done_reason: 'stop',
    total_duration: 3_000_000_000,
    load_duration: 20_000_000,
    prompt_eval_count: 14,
    prompt_eval_duration: 48_000_000,
    eval_count: 187,
    eval_duration: 2_900_000_000,
    ...extra,
  })}\n`;
}

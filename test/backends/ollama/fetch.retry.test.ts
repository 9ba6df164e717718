/**
 * A request that fails on a socket before any reply is sent once more on a fresh connection: a pooled
 * keep-alive socket the server has closed must not read as "closed the connection before replying"
 * when the server is simply down (then the retry is refused) or back (then the retry is answered).
 * A server that really drops every request still gets the "closed the connection" sentence.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultFetch } from '../../../src/backends/ollama/fetch.js';
import { toOllamaError } from '../../../src/backends/ollama/errors.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string; connections: () => number }> {
  const server = http.createServer(handler);
  let connections = 0;
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

const post = { method: 'POST', body: JSON.stringify({ model: 'm', messages: [] }), headers: { 'content-type': 'application/json' } };

describe('fresh-connection retry', () => {
  it('a server that drops every request before replying: tried twice, then "closed the connection before replying"', async () => {
    let requests = 0;
    const { url } = await listen((req) => {
      requests++;
      (req.socket as Socket).destroy();
    });
    const err = await defaultFetch()(`${url}/api/chat`, post).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    expect(requests).toBe(2);
    expect(toOllamaError(err, { host: url, op: 'chat' }).message).toMatch(/closed the connection before replying/);
  });

  it('a request the caller aborted before any reply is not sent again', async () => {
    let requests = 0;
    const { url } = await listen(() => {
      requests++; // holds the request: no reply
    });
    const ac = new AbortController();
    const p = defaultFetch()(`${url}/api/chat`, { ...post, signal: ac.signal }).catch((e: unknown) => e);
    while (requests === 0) await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    expect((await p as Error).name).toBe('AbortError');
    await new Promise((r) => setTimeout(r, 100));
    expect(requests).toBe(1);
  });

  it('the server closed its kept-alive connections and still listens: the next POST is answered', async () => {
    const { server, url } = await listen((_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json' });
      r.end('{"ok":true}');
    });
    const f = defaultFetch();
    expect(await (await f(`${url}/api/version`)).json()).toEqual({ ok: true });
    server.closeIdleConnections();
    const res = await f(`${url}/api/chat`, post);
    expect(await res.json()).toEqual({ ok: true });
  });
});

/**
 * Issue 17: say what was received instead of guessing. A generic HTTP 500 is not "does not fit in
 * memory"; a server that answers HTML (200 on every path, or an error page) is quoted (status, content
 * type, the first characters, sanitized), never "Unexpected token".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../../src/backends/ollama/client.js';
import { isOutOfMemoryText } from '../../../src/backends/ollama/errors.js';
import { OllamaError } from '../../../src/backends/ollama/types.js';
import { sendJson, startTinyServer, type TinyServer } from './tinyServer.js';

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const HTML = '<!DOCTYPE html>\n<html><head><title>Welcome \u001B]0;MARK\u0007to nginx</title></head><body>a room with a view</body></html>';

async function failure(p: Promise<unknown>): Promise<OllamaError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(OllamaError);
  return e as OllamaError;
}

describe('responses that are not Ollama', () => {
  it('HTML with 200 on every path: every call says what arrived (status, type, first characters)', async () => {
    server = await startTinyServer((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      r.end(HTML);
    });
    const api = createOllamaClient(server.url);
    for (const call of [() => api.version(), () => api.tags(), () => api.ps(), () => api.show('m'), async () => { for await (const _ of await api.chat({ model: 'm', messages: [] })) void _; }]) {
      const err = await failure(call());
      expect(err.message).toMatch(/does not answer like Ollama: \/api\/\w+ gave HTTP 200 \(text\/html\): "<!DOCTYPE html> <html><head><title>Welcome to nginx/);
      expect(err.message).not.toMatch(/Unexpected token|memory|MARK|\u001B/);
    }
  });

  it('a 200 JSON path answering plain text is quoted too', async () => {
    server = await startTinyServer((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/plain' });
      r.end('hello from a toy server');
    });
    const err = await failure(createOllamaClient(server.url).tags());
    expect(err.message).toMatch(/HTTP 200 \(text\/plain\): "hello from a toy server"/);
  });

  it('a generic HTTP 500 page is quoted, not explained as memory', async () => {
    server = await startTinyServer((_q, r) => {
      r.writeHead(500, { 'content-type': 'text/html' });
      r.end('<html><body><h1>500 Internal Server Error</h1>no room left on the proxy</body></html>');
    });
    const err = await failure(createOllamaClient(server.url).version());
    expect(err.kind).toBe('server-error');
    expect(err.status).toBe(500);
    expect(err.message).toMatch(/gave HTTP 500 \(text\/html\): "<html><body><h1>500 Internal Server Error/);
    expect(err.message).not.toMatch(/memory/);
  });

  it('an empty 502 says it was empty', async () => {
    server = await startTinyServer((_q, r) => {
      r.writeHead(502);
      r.end();
    });
    const err = await failure(createOllamaClient(server.url).version());
    expect(err.message).toMatch(/HTTP 502 \(no content type\) with an empty body/);
  });

  it("Ollama's own JSON 500 keeps its words; only real out-of-memory texts get the memory hint", async () => {
    server = await startTinyServer((_q, r) => sendJson(r, 500, { error: 'llama runner process has terminated: exit status 2' }));
    const err = await failure(createOllamaClient(server.url).show('m'));
    expect(err.message).toMatch(/Ollama reported an error: llama runner process has terminated: exit status 2\. Check the Ollama server log/);
    expect(err.message).not.toMatch(/memory/);
  });

  it('isOutOfMemoryText: whole words, not "room" or "bloom" or a bare "memory"', () => {
    expect(isOutOfMemoryText('CUDA error: out of memory')).toBe(true);
    expect(isOutOfMemoryText('model requires more system memory (12.3 GiB) than is available (8.1 GiB)')).toBe(true);
    expect(isOutOfMemoryText('cudaMalloc failed: out of memory')).toBe(true);
    expect(isOutOfMemoryText('OOM killed')).toBe(true);
    expect(isOutOfMemoryText('no room left')).toBe(false);
    expect(isOutOfMemoryText('bloom filter broken')).toBe(false);
    expect(isOutOfMemoryText('Internal Server Error')).toBe(false);
    expect(isOutOfMemoryText('memory layout changed')).toBe(false);
  });
});

import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BUSY_MESSAGE, postJson, json, fakesClosedAfterEach } from './index.js';

const startFake = fakesClosedAfterEach();

const body = { model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'tell me about R1' }] };
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('fake ollama: faults', () => {
  it('busy → 503 with the two-space message', async () => {
    const fake = await startFake({ fault: { kind: 'busy' } });
    const res = await postJson(`${fake.url}/api/chat`, body);
    expect(res.status).toBe(503);
    expect(await json(res)).toEqual({ error: BUSY_MESSAGE });
    expect(BUSY_MESSAGE).toBe('server busy, please try again.  maximum pending requests exceeded');
  });

  it('status → that status with a JSON or text body', async () => {
    const fake = await startFake({ fault: { kind: 'status', status: 500, error: 'llama runner process has terminated: exit status 2' } });
    let res = await postJson(`${fake.url}/api/chat`, body);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json(res)).toEqual({ error: 'llama runner process has terminated: exit status 2' });
    fake.set({ fault: { kind: 'status', status: 502, error: 'bad gateway', contentType: 'text' } });
    res = await postJson(`${fake.url}/api/chat`, body);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('bad gateway');
  });

  it('error-line → 200 stream, N chunks, an {"error"} line and no done', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, fault: { kind: 'error-line', afterChunks: 3, error: 'an error was encountered while running the model: boom' } });
    const res = await postJson(`${fake.url}/api/chat`, body);
    expect(res.status).toBe(200);
    const ls = lines(await res.text()).map((l) => JSON.parse(l));
    expect(ls).toHaveLength(4);
    expect(ls.slice(0, 3).every((l) => l.done === false)).toBe(true);
    expect(ls[3]).toEqual({ error: 'an error was encountered while running the model: boom' });
  });

  it('drop → the socket is destroyed mid-stream', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, fault: { kind: 'drop', afterChunks: 2 } });
    const res = await postJson(`${fake.url}/api/chat`, body);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('malformed → one non-JSON line, then the stream continues to done', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, fault: { kind: 'malformed', afterChunks: 2 } });
    const ls = lines(await (await postJson(`${fake.url}/api/chat`, body)).text());
    expect(() => JSON.parse(ls[2]!)).toThrow();
    expect(JSON.parse(ls.at(-1)!).done).toBe(true);
    const parsed = ls.filter((_, i) => i !== 2).map((l) => JSON.parse(l));
    expect(parsed.at(-1).eval_count).toBe(parsed.length);
  });

  it('no-done → the stream ends cleanly without a done object', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, fault: { kind: 'no-done', afterChunks: 5 } });
    const ls = lines(await (await postJson(`${fake.url}/api/chat`, body)).text()).map((l) => JSON.parse(l));
    expect(ls).toHaveLength(5);
    expect(ls.some((l) => l.done)).toBe(false);
  });

  it('afterChunks past the end of the reply fires just before the done object', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, script: () => ({ chunks: [{ dtMs: 1, content: 'a' }, { dtMs: 1, content: 'b' }] }), fault: { kind: 'no-done', afterChunks: 99 } });
    const ls = lines(await (await postJson(`${fake.url}/api/chat`, body)).text()).map((l) => JSON.parse(l));
    expect(ls.map((l) => l.message.content)).toEqual(['a', 'b']);
  });

  it('a fault function picks per request; the n-th chat fails only', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, fault: (req, n) => (n === 2 ? { kind: 'busy' } : undefined) });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await postJson(`${fake.url}/api/chat`, { ...body, stream: false });
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses).toEqual([200, 503, 200]);
  });

  it('client disconnect stops generation and clears the timers', async () => {
    const fake = await startFake({ tokensPerSecond: 50 });
    const f = fake;
    const received = await new Promise<number>((resolve, reject) => {
      const req = request(`${f.url}/api/chat`, { method: 'POST' }, (res) => {
        let n = 0;
        res.on('data', () => {
          n++;
          if (n === 3) {
            expect(f.active()).toBe(1);
            req.destroy();
            resolve(n);
          }
        });
      });
      req.on('error', () => undefined);
      req.end(JSON.stringify({ ...body, messages: [{ role: 'user', content: 'long please' }] }));
      setTimeout(() => reject(new Error('no data')), 5000);
    });
    expect(received).toBe(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(f.active()).toBe(0);
    // the model goes idle again: a fresh expiry, still listed
    expect(f.loaded()).toEqual(['deepseek-r1:8b']);
  });

  it('aborting a fetch mid-stream stops the server too', async () => {
    const fake = await startFake({ tokensPerSecond: 50 });
    const ac = new AbortController();
    const res = await postJson(`${fake.url}/api/chat`, { ...body, messages: [{ role: 'user', content: 'loop' }] }, { signal: ac.signal });
    const reader = res.body!.getReader();
    await reader.read();
    expect(fake.active()).toBe(1);
    ac.abort();
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.active()).toBe(0);
  });
});

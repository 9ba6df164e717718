import { Ollama } from 'ollama';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from './index.js';

let fake: FakeOllama;
let client: Ollama;
beforeAll(async () => {
  fake = await startFakeOllama({ tokensPerSecond: 500, speed: 20 });
  client = new Ollama({ host: fake.url });
});
afterAll(async () => {
  await fake.close();
});

describe('fake ollama with ollama-js 0.6.4', () => {
  it('streams chat with thinking and a final done chunk', async () => {
    const stream = await client.chat({ model: 'deepseek-r1:32b', messages: [{ role: 'user', content: '用中文说说蒸馏' }], stream: true, think: true });
    let thinking = '';
    let content = '';
    let last: any;
    for await (const part of stream) {
      thinking += part.message.thinking ?? '';
      content += part.message.content;
      last = part;
    }
    expect(thinking).toContain('蒸馏');
    expect(content).toContain('模型');
    expect(last.done).toBe(true);
    expect(last.eval_count).toBeGreaterThan(10);
  });

  it('non-streaming chat (the library default) returns one object', async () => {
    const res = await client.chat({ model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'quantization' }] });
    expect(res.done).toBe(true);
    expect(res.message.content).toContain('Q4_K_M');
  });

  it('ps, list, show and version', async () => {
    const ps = await client.ps();
    expect(ps.models.map((m) => m.name)).toEqual(expect.arrayContaining(['deepseek-r1:32b', 'deepseek-r1:8b']));
    expect((ps.models[0] as any).context_length).toBe(4096);
    const list = await client.list();
    expect(list.models.length).toBeGreaterThanOrEqual(8);
    const show = await client.show({ model: 'deepseek-r1:32b' });
    expect((show.model_info as any)['qwen2.block_count']).toBe(64);
    expect(show.capabilities).toContain('thinking');
    expect((await client.version()).version).toBe('0.12.6');
  });

  it('pull streams progress until success', async () => {
    const stream = await client.pull({ model: 'qwen3:4b', stream: true });
    const statuses: string[] = [];
    for await (const p of stream) statuses.push(p.status);
    expect(statuses[0]).toBe('pulling manifest');
    expect(statuses.at(-1)).toBe('success');
    expect((await client.list()).models.map((m) => m.name)).toContain('qwen3:4b');
  });

  it('errors surface as ResponseError (404), plain Error (error line), and aborts close the stream', async () => {
    await expect(client.chat({ model: 'nope:1b', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 404,
      message: "model 'nope:1b' not found",
    });
    fake.set({ fault: { kind: 'error-line', afterChunks: 2, error: 'runner crashed' } });
    const stream = await client.chat({ model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'x' }], stream: true });
    await expect((async () => {
      for await (const _ of stream) void _;
    })()).rejects.toThrow('runner crashed');
    fake.set({ fault: undefined, speed: 1, tokensPerSecond: 30 });
    const slow = await client.chat({ model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'loop' }], stream: true });
    let n = 0;
    await expect((async () => {
      for await (const _ of slow) {
        if (++n === 2) slow.abort();
      }
    })()).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.active()).toBe(0);
  });
});

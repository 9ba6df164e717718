import { describe, expect, it } from 'vitest';
import { postJson, readNdjson, type FakeOllama, json, fakesClosedAfterEach } from './index.js';

const startFake = fakesClosedAfterEach();

const chat = (f: FakeOllama, body: Record<string, unknown>) =>
  postJson(`${f.url}/api/chat`, { messages: [{ role: 'user', content: 'what is R1?' }], ...body });

async function texts(res: Response) {
  const lines = await readNdjson(res);
  const chunks = lines.slice(0, -1);
  return {
    chunks,
    thinking: chunks.map((c) => c.message.thinking ?? '').join(''),
    content: chunks.map((c) => c.message.content).join(''),
  };
}

describe('fake ollama: think handling by version', () => {
  it('>= 0.12.4: omitted or true → thinking field; false → no reasoning at all', async () => {
    const fake = await startFake({ tokensPerSecond: 1000 });
    for (const think of [undefined, true, 'high']) {
      const t = await texts(await chat(fake, { model: 'deepseek-r1:32b', think }));
      expect(t.thinking.length).toBeGreaterThan(50);
      expect(t.content).not.toMatch(/<\/?think>/);
      expect(t.content).not.toMatch(/^\s/);
    }
    const off = await texts(await chat(fake, { model: 'deepseek-r1:32b', think: false }));
    expect(off.thinking).toBe('');
    expect(off.chunks.every((c) => !('thinking' in c.message))).toBe(true);
    expect(off.content).not.toContain('think>');
    expect(off.content.length).toBeGreaterThan(50);
  });

  it('0.9–0.12.3 with think omitted → raw tags in content, <think> and </think> as their own chunks', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, version: '0.11.6' });
    const t = await texts(await chat(fake, { model: 'deepseek-r1:8b' }));
    expect(t.thinking).toBe('');
    const contents = t.chunks.map((c) => c.message.content);
    expect(contents[0]).toBe('<think>');
    expect(contents[1]).toBe('\n');
    const close = contents.indexOf('</think>');
    expect(close).toBeGreaterThan(2);
    expect(contents[close - 1]).toMatch(/\n$/);
    expect(contents[close + 1]).toBe('\n\n');
    const field = await texts(await chat(fake, { model: 'deepseek-r1:8b', think: true }));
    expect(field.thinking.length).toBeGreaterThan(20);
  });

  it('a greeting gets an empty reasoning block: four raw tag chunks in tags style, nothing in field style', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, version: '0.11.6' });
    const raw = await texts(await chat(fake, { model: 'deepseek-r1:1.5b', messages: [{ role: 'user', content: 'hello' }] }));
    expect(raw.chunks.slice(0, 4).map((c) => c.message.content)).toEqual(['<think>', '\n\n', '</think>', '\n\n']);
    fake.set({ version: '0.12.6' });
    const field = await texts(await chat(fake, { model: 'deepseek-r1:1.5b', messages: [{ role: 'user', content: 'hello' }] }));
    expect(field.thinking).toBe('');
    expect(field.content.startsWith('Hello!')).toBe(true);
  });

  it('thinkingStyle override: tags-no-open starts without <think>; tags works on new versions too', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, thinkingStyle: 'tags-no-open' });
    const t = await texts(await chat(fake, { model: 'deepseek-r1:8b' }));
    expect(t.content).not.toContain('<think>');
    expect(t.content).toContain('</think>');
    expect(t.chunks[0].message.content).not.toMatch(/^\s*$/);
    fake.set({ thinkingStyle: 'tags' });
    const tags = await texts(await chat(fake, { model: 'deepseek-r1:8b', think: true }));
    expect(tags.content.startsWith('<think>\n')).toBe(true);
    const off = await texts(await chat(fake, { model: 'deepseek-r1:8b', think: false }));
    expect(off.content).not.toContain('think>');
  });

  it('think to a model without the capability: error form by version', async () => {
    const fake = await startFake({ tokensPerSecond: 1000 });
    let res = await chat(fake, { model: 'gemma3:4b', think: true });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ error: '"gemma3:4b" does not support thinking' });
    res = await chat(fake, { model: 'gemma3:4b', think: false, stream: false });
    expect(res.status).toBe(200);
    expect((await json(res)).message).not.toHaveProperty('thinking');
    fake.set({ version: '0.12.4' });
    res = await chat(fake, { model: 'gemma3:4b', think: false });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ error: '"gemma3:4b" does not support thinking' });
    fake.set({ version: '0.10.1' });
    res = await chat(fake, { model: 'gemma3:4b', think: true });
    expect(await json(res)).toEqual({ error: 'registry.ollama.ai/library/gemma3:4b does not support thinking' });
    res = await chat(fake, { model: 'gemma3:4b', think: false, stream: false });
    expect(res.status).toBe(200);
    const plain = await texts(await chat(fake, { model: 'gemma3:4b' }));
    expect(plain.thinking).toBe('');
    expect(plain.content).not.toContain('think>');
  });

  it('string think values: rejected before 0.11, levels checked on newer servers', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, version: '0.10.1' });
    let res = await chat(fake, { model: 'deepseek-r1:8b', think: 'high' });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatch(/cannot unmarshal string .* of type bool/);
    fake.set({ version: '0.12.6' });
    res = await chat(fake, { model: 'gpt-oss:20b', think: 'low', stream: false });
    expect(res.status).toBe(200);
    res = await chat(fake, { model: 'gpt-oss:20b', think: 'max' });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ error: 'invalid think value: "max" (must be "high", "medium", "low", true, or false)' });
    fake.set({ version: '0.22.0' });
    res = await chat(fake, { model: 'gpt-oss:20b', think: 'extreme' });
    expect(await json(res)).toEqual({ error: 'invalid think value: "extreme" (must be "high", "medium", "low", "max", true, or false)' });
  });
});

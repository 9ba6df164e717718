import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOllama, postJson, type FakeOllama, json } from './index.js';

let fake: FakeOllama;
beforeEach(async () => {
  fake = await startFakeOllama({ tokensPerSecond: 1000 });
});
afterEach(async () => {
  await fake.close();
});

describe('fake ollama: simple endpoints', () => {
  it('GET / and HEAD / say Ollama is running as plain text', async () => {
    const res = await fetch(`${fake.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Ollama is running');
    const head = await fetch(`${fake.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('GET|HEAD /api/version reports the configured version', async () => {
    expect(await json(await fetch(`${fake.url}/api/version`))).toEqual({ version: '0.12.6' });
    fake.set({ version: '0.9.0' });
    expect(await json(await fetch(`${fake.url}/api/version`))).toEqual({ version: '0.9.0' });
    const head = await fetch(`${fake.url}/api/version`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('unknown route is a plain-text 404; wrong method a 405', async () => {
    const res = await fetch(`${fake.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('404 page not found');
    const wrong = await fetch(`${fake.url}/api/chat`);
    expect(wrong.status).toBe(405);
  });

  it('records every request with method, path and parsed body', async () => {
    await postJson(`${fake.url}/api/show`, { model: 'gemma3:4b' });
    const last = fake.requests.at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.path).toBe('/api/show');
    expect(last.body).toEqual({ model: 'gemma3:4b' });
    expect(typeof last.at).toBe('number');
  });

  it('/api/tags lists the catalog with 64-hex digests and six detail keys', async () => {
    const body = await json(await fetch(`${fake.url}/api/tags`));
    const names = body.models.map((m: any) => m.name);
    expect(names).toContain('deepseek-r1:32b');
    expect(names).toContain('deepseek-r1:32b-qwen-distill-q8_0');
    expect(names).toContain('gemma3:4b');
    for (const m of body.models) {
      expect(m.model).toBe(m.name);
      expect(m.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(m.details).sort()).toEqual(['families', 'family', 'format', 'parameter_size', 'parent_model', 'quantization_level']);
      expect(m.modified_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
      expect(m.size).toBeGreaterThan(1e8);
      expect(m).not.toHaveProperty('size_vram');
    }
    const times = body.models.map((m: any) => Date.parse(m.modified_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const head = await fetch(`${fake.url}/api/tags`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const q8 = body.models.find((m: any) => m.name === 'deepseek-r1:32b-qwen-distill-q8_0');
    expect(q8.details.quantization_level).toBe('Q8_0');
  });

  it('/api/show accepts model or name and returns model_info keys and capabilities', async () => {
    const byModel = await json(await postJson(`${fake.url}/api/show`, { model: 'deepseek-r1:32b' }));
    const info = byModel.model_info;
    expect(info['general.architecture']).toBe('qwen2');
    expect(info['general.parameter_count']).toBeGreaterThan(32e9);
    expect(info['qwen2.block_count']).toBe(64);
    expect(info['qwen2.context_length']).toBe(131072);
    expect(info['qwen2.embedding_length']).toBe(5120);
    expect(info['qwen2.attention.head_count']).toBe(40);
    expect(info['qwen2.attention.head_count_kv']).toBe(8);
    expect(byModel.capabilities).toContain('thinking');
    expect(byModel.details.family).toBe('qwen2');
    const byName = await json(await postJson(`${fake.url}/api/show`, { name: 'deepseek-r1:70b' }));
    expect(byName.model_info['llama.block_count']).toBe(80);
    const gemma = await json(await postJson(`${fake.url}/api/show`, { model: 'gemma3:4b' }));
    expect(gemma.capabilities).not.toContain('thinking');
  });

  it('/api/show errors: unknown model 404, missing model 400', async () => {
    const missing = await postJson(`${fake.url}/api/show`, { model: 'nope:1b' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json(missing)).toEqual({ error: "model 'nope:1b' not found" });
    const empty = await postJson(`${fake.url}/api/show`, {});
    expect(empty.status).toBe(400);
    expect(await json(empty)).toEqual({ error: 'model is required' });
  });

  it('DELETE /api/delete: 200 empty body, then 404; the model leaves tags', async () => {
    const ok = await fetch(`${fake.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ name: 'gemma3:4b' }) });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
    const tags = await json(await fetch(`${fake.url}/api/tags`));
    expect(tags.models.map((m: any) => m.name)).not.toContain('gemma3:4b');
    const again = await fetch(`${fake.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'gemma3:4b' }) });
    expect(again.status).toBe(404);
    expect(await json(again)).toEqual({ error: "model 'gemma3:4b' not found" });
  });
});

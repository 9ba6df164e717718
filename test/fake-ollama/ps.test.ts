import { describe, expect, it } from 'vitest';
import { postJson, defaultModels, withPlacement, type FakeOllama, json, fakesClosedAfterEach } from './index.js';

const startFake = fakesClosedAfterEach();

const ps = async (f: FakeOllama) => (await json(await fetch(`${f.url}/api/ps`))).models as any[];
const load = (f: FakeOllama, model: string, extra: Record<string, unknown> = {}) =>
  postJson(`${f.url}/api/chat`, { model, messages: [], ...extra }).then(json);

/** processorLabel as `ollama ps` computes it (ollama/cmd/cmd.go), to check the placements. */
function processor(size: number, vram: number): string {
  if (vram === 0) return '100% CPU';
  if (vram === size) return '100% GPU';
  if (vram > size || size === 0) return 'Unknown';
  const cpu = Math.round(((size - vram) / size) * 100);
  return `${cpu}%/${100 - cpu}% CPU/GPU`;
}

describe('fake ollama: load, unload and /api/ps', () => {
  it('nothing loaded → {"models":[]}', async () => {
    const fake = await startFake();
    expect(await json(await fetch(`${fake.url}/api/ps`))).toEqual({ models: [] });
    expect(fake.loaded()).toEqual([]);
  });

  it('messages:[] loads (done_reason load), keep_alive 0 unloads (done_reason unload)', async () => {
    const fake = await startFake();
    const loaded = await load(fake, 'deepseek-r1:32b', { stream: true });
    expect(loaded).toMatchObject({ model: 'deepseek-r1:32b', message: { role: 'assistant', content: '' }, done: true, done_reason: 'load' });
    expect(fake.loaded()).toEqual(['deepseek-r1:32b']);
    const models = await ps(fake);
    expect(models).toHaveLength(1);
    const m = models[0];
    expect(Object.keys(m).sort()).toEqual(['context_length', 'details', 'digest', 'expires_at', 'model', 'name', 'size', 'size_vram']);
    expect(m.size).toBe(21943566336);
    expect(m.size_vram).toBe(11401775104);
    expect(processor(m.size, m.size_vram)).toBe('48%/52% CPU/GPU');
    expect(m.context_length).toBe(4096);
    expect(m.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(m.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/);
    const inMs = Date.parse(m.expires_at) - Date.now();
    expect(inMs).toBeGreaterThan(4.9 * 60_000);
    expect(inMs).toBeLessThanOrEqual(5 * 60_000);
    const unloaded = await load(fake, 'deepseek-r1:32b', { keep_alive: 0 });
    expect(unloaded.done_reason).toBe('unload');
    expect(await ps(fake)).toEqual([]);
  });

  it('placements of the default catalog cover GPU, CPU and split, and can be overridden', async () => {
    const fake = await startFake();
    for (const name of ['deepseek-r1:8b', 'deepseek-r1:1.5b', 'deepseek-r1:32b-qwen-distill-q8_0']) await load(fake, name);
    const byName = Object.fromEntries((await ps(fake)).map((m) => [m.name, processor(m.size, m.size_vram)]));
    expect(byName['deepseek-r1:8b']).toBe('100% GPU');
    expect(byName['deepseek-r1:1.5b']).toBe('100% CPU');
    expect(byName['deepseek-r1:32b-qwen-distill-q8_0']).toMatch(/^(7\d|8\d)%\/\d+% CPU\/GPU$/);
    fake.set({ models: withPlacement(defaultModels(), 'deepseek-r1:8b', 8_000_000_000, 2_000_000_000) });
    const after = (await ps(fake)).find((m) => m.name === 'deepseek-r1:8b');
    expect(processor(after.size, after.size_vram)).toBe('75%/25% CPU/GPU');
  });

  it('sorts by latest expires_at first; keep_alive < 0 lies ~292 years ahead', async () => {
    const fake = await startFake();
    await load(fake, 'deepseek-r1:1.5b', { keep_alive: '10m' });
    await load(fake, 'deepseek-r1:8b', { keep_alive: 60 });
    await load(fake, 'qwen3:8b', { keep_alive: -1 });
    await load(fake, 'gemma3:4b', { keep_alive: '2m' });
    const models = await ps(fake);
    expect(models.map((m) => m.name)).toEqual(['qwen3:8b', 'deepseek-r1:1.5b', 'gemma3:4b', 'deepseek-r1:8b']);
    expect(fake.loaded()).toEqual(models.map((m) => m.name));
    const years = (Date.parse(models[0].expires_at) - Date.now()) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThan(290);
    expect(years).toBeLessThan(294);
  });

  it('a model expires after keepAliveMs and leaves ps', async () => {
    const fake = await startFake({ keepAliveMs: 150 });
    await load(fake, 'deepseek-r1:8b');
    expect(fake.loaded()).toEqual(['deepseek-r1:8b']);
    await new Promise((r) => setTimeout(r, 250));
    expect(await ps(fake)).toEqual([]);
  });

  it('respects options.num_ctx in context_length; a chat with keep_alive 0 unloads when done', async () => {
    const fake = await startFake({ tokensPerSecond: 1000 });
    await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'x' }], options: { num_ctx: 16384 }, stream: false });
    expect((await ps(fake))[0].context_length).toBe(16384);
    await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'x' }], keep_alive: 0, stream: false });
    expect(fake.loaded()).toEqual([]);
  });

  it('an explicit num_gpu sets the GPU share by layers and reloads the model; -1 keeps the placement', async () => {
    const fake = await startFake({ tokensPerSecond: 1000 });
    const chat = (options: Record<string, number>) =>
      postJson(`${fake!.url}/api/chat`, { model: 'deepseek-r1:32b', messages: [{ role: 'user', content: 'x' }], options, stream: false }).then(json);
    const first = await chat({ num_gpu: 0 });
    expect(first.load_duration).toBeGreaterThan(1e9); // cold
    let m = (await ps(fake))[0];
    expect(processor(m.size, m.size_vram)).toBe('100% CPU');
    const warm = await chat({ num_gpu: -1 });
    expect(warm.load_duration).toBeLessThan(1e8); // -1 never forces a reload
    expect((await ps(fake))[0].size_vram).toBe(0);
    const reload = await chat({ num_gpu: 20 });
    expect(reload.load_duration).toBeGreaterThan(1e9);
    m = (await ps(fake))[0];
    expect(m.size_vram).toBe(Math.round((21943566336 * 20) / 65));
    await chat({ num_gpu: 99 });
    m = (await ps(fake))[0];
    expect(processor(m.size, m.size_vram)).toBe('100% GPU');
  });

  it('leaves context_length out for servers older than 0.10', async () => {
    const fake = await startFake({ version: '0.9.6' });
    await load(fake, 'deepseek-r1:8b');
    expect((await ps(fake))[0]).not.toHaveProperty('context_length');
  });
});

import { describe, expect, it } from 'vitest';
import { postJson, readNdjson, scriptFromText, json, fakesClosedAfterEach } from './index.js';

const startFake = fakesClosedAfterEach();

const user = (content: string) => [{ role: 'user', content }];

describe('fake ollama: /api/chat streaming', () => {
  it('streams NDJSON by default with the documented chunk shape and a final metrics object', async () => {
    const fake = await startFake({ tokensPerSecond: 200 });
    const res = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:32b', messages: user('explain distillation') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = await readNdjson(res);
    const chunks = lines.slice(0, -1);
    const final = lines.at(-1);
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) {
      expect(c.model).toBe('deepseek-r1:32b');
      expect(c.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
      expect(c.done).toBe(false);
      expect(c.message.role).toBe('assistant');
      expect(typeof c.message.content).toBe('string');
      if ('thinking' in c.message) expect(c.message.thinking).not.toBe('');
      expect(c).not.toHaveProperty('done_reason');
      expect(c).not.toHaveProperty('eval_count');
    }
    // modern default (>= 0.12.4, think omitted): reasoning in the field, no tags anywhere
    const thinking = chunks.map((c) => c.message.thinking ?? '').join('');
    const content = chunks.map((c) => c.message.content).join('');
    expect(thinking).toContain('distillation');
    expect(thinking).not.toContain('<think>');
    expect(content).not.toContain('</think>');
    expect(content.startsWith('##')).toBe(true);
    expect(final.done).toBe(true);
    expect(final.done_reason).toBe('stop');
    expect(Object.keys(final).slice(0, 5)).toEqual(['model', 'created_at', 'message', 'done_reason', 'done']); // Go field order
    expect(final.message).toEqual({ role: 'assistant', content: '' });
    for (const k of ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration']) {
      expect(Number.isInteger(final[k])).toBe(true);
      expect(final[k]).toBeGreaterThan(0);
    }
    expect(final.eval_count).toBe(lines.length);
    // eval_duration ≈ eval_count / rate (200 tok/s → 5 ms per token; split writes add ~1 ms)
    const perToken = final.eval_duration / 1e6 / final.eval_count;
    expect(perToken).toBeGreaterThan(4.5);
    expect(perToken).toBeLessThan(25);
    expect(final.total_duration).toBeGreaterThanOrEqual(final.eval_duration + final.prompt_eval_duration);
  });

  it('stream:false returns one JSON object with the concatenated thinking and content', async () => {
    const fake = await startFake({ tokensPerSecond: 1000 });
    const streamed = await readNdjson(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('quantization please') }));
    const res = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('quantization please'), stream: false });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const one = await json(res);
    expect(one.done).toBe(true);
    expect(one.done_reason).toBe('stop');
    expect(one.message.content).toBe(streamed.map((c) => c.message.content).join(''));
    expect(one.message.thinking).toBe(streamed.map((c) => c.message.thinking ?? '').join(''));
    expect(one.eval_count).toBe(streamed.length);
  });

  it('load_duration is large on the first load and small when warm; prompt_eval_count grows with the messages', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, headerDelayMs: 300 });
    const t0 = performance.now();
    const res = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:1.5b', messages: user('hi'), stream: false });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    const cold = await json(res);
    const warm = await json(
      await postJson(`${fake.url}/api/chat`, {
        model: 'deepseek-r1:1.5b',
        stream: false,
        messages: [...user('hi'), { role: 'assistant', content: 'Hello there, how can I help you today?' }, ...user('tell me more about it please')],
      }),
    );
    expect(cold.load_duration).toBeGreaterThanOrEqual(290e6);
    expect(warm.load_duration).toBeLessThan(50e6);
    expect(warm.prompt_eval_count).toBeGreaterThan(cold.prompt_eval_count);
  });

  it('sends no header before the first chunk (headerDelayMs on a cold load)', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, headerDelayMs: 600 });
    const t0 = performance.now();
    const res = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:32b', messages: user('hi') });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(590);
    await res.text();
    const t1 = performance.now();
    const warm = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:32b', messages: user('hi') });
    expect(performance.now() - t1).toBeLessThan(500);
    await warm.text();
  });

  it('a request arriving while the model loads waits for that load too', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, headerDelayMs: 300 });
    const t0 = performance.now();
    const first = postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('hi'), stream: false });
    await new Promise((r) => setTimeout(r, 100));
    const second = await json(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('hi'), stream: false }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(second.load_duration).toBeGreaterThanOrEqual(150e6);
    await (await first).text();
  });

  it('unknown model → 404 with the name as sent; missing model → 400; bad body → 400', async () => {
    const fake = await startFake();
    const res = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:999b', messages: user('x') });
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual({ error: "model 'deepseek-r1:999b' not found" });
    fake.set({ version: '0.11.4' });
    const old = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:999b', messages: user('x') });
    expect(await json(old)).toEqual({ error: 'model "deepseek-r1:999b" not found, try pulling it first' });
    const noModel = await postJson(`${fake.url}/api/chat`, { messages: user('x') });
    expect(noModel.status).toBe(400);
    expect(await json(noModel)).toEqual({ error: 'model is required' });
    const empty = await fetch(`${fake.url}/api/chat`, { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(await json(empty)).toEqual({ error: 'missing request body' });
    const junk = await fetch(`${fake.url}/api/chat`, { method: 'POST', body: 'xyz' });
    expect(junk.status).toBe(400);
  });

  it('wrong option type → 500, bare keep_alive number string → 400', async () => {
    const fake = await startFake();
    const bad = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('x'), options: { num_ctx: '8k' } });
    expect(bad.status).toBe(500);
    expect(await json(bad)).toEqual({ error: 'option "num_ctx" must be of type integer' });
    const ka = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('x'), keep_alive: '300' });
    expect(ka.status).toBe(400);
    expect((await json(ka)).error).toBe('time: missing unit in duration "300"');
  });

  it('num_predict cuts the reply with done_reason "length"', async () => {
    const fake = await startFake({ tokensPerSecond: 1000 });
    const lines = await readNdjson(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('x'), options: { num_predict: 10 } }));
    expect(lines).toHaveLength(10);
    expect(lines.at(-1).done_reason).toBe('length');
    expect(lines.at(-1).eval_count).toBe(10);
  });

  it('uses a custom script, and set() changes the pace between turns', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, script: () => scriptFromText('Hmm.\n', 'Yes.', 1000) });
    const lines = await readNdjson(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('q') }));
    expect(lines.map((l) => l.message.thinking ?? '').join('')).toBe('Hmm.\n');
    expect(lines.map((l) => l.message.content).join('')).toBe('Yes.');
    fake.set({ script: undefined, tokensPerSecond: 100 });
    const t0 = performance.now();
    const slow = await json(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: user('what is 47 plus 35? calculate'), stream: false }));
    expect(slow.message.content).toContain('82');
    expect(performance.now() - t0).toBeGreaterThan(slow.eval_count * 9);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fullRecordingFiles,
  loadRecording,
  postJson,
  readNdjson,
  recordingFiles,
  recordingScript,
  replayStyleOf,
  startFakeOllama,
  type FakeOllama,
} from './index.js';

let fake: FakeOllama;
beforeAll(async () => {
  fake = await startFakeOllama({ speed: 50 });
});
afterAll(async () => {
  await fake.close();
});

describe('fake ollama: recorded streams', () => {
  it('finds all twelve recordings, ten of them full', () => {
    expect(recordingFiles()).toHaveLength(12);
    expect(fullRecordingFiles()).toHaveLength(10);
  });

  it('recordingScript keeps every chunk, gap and final metric', () => {
    const rec = loadRecording('deepseek-r1-1.5b-chat-ab853737.json');
    const script = recordingScript(rec);
    expect(script.chunks).toHaveLength(rec.chunk_count);
    expect(script.chunks[0]).toEqual({ dtMs: 0, content: ')\n\n' });
    expect(script.chunks[1]).toEqual({ dtMs: 54.087, content: '</think>' });
    expect(script.final).toMatchObject({ eval_count: 96, done_reason: 'stop', load_duration: 1970484943 });
    expect(script.doneDtMs).toBe(55.489);
  });

  for (const file of fullRecordingFiles()) {
    it(`replays ${file} with identical text and chunk count`, async () => {
      const rec = loadRecording(file);
      fake.set({ script: () => recordingScript(rec), thinkingStyle: replayStyleOf(rec) });
      const model = rec.model.startsWith('gpt-oss') ? 'gpt-oss:20b' : rec.model.startsWith('qwen3') ? 'qwen3:8b' : 'deepseek-r1:8b';
      const lines = await readNdjson(await postJson(`${fake.url}/api/chat`, { model, messages: [{ role: 'user', content: rec.prompt ?? 'hi' }] }));
      const chunks = lines.slice(0, -1);
      expect(chunks).toHaveLength(rec.chunk_count);
      chunks.forEach((c, i) => {
        const want = rec.chunks[i]!;
        expect(c.message.content).toBe(want.content);
        expect(c.message.thinking).toBe(want.thinking === '' ? undefined : want.thinking);
      });
      const final = lines.at(-1);
      expect(final.done).toBe(true);
      for (const key of ['eval_count', 'prompt_eval_count', 'total_duration', 'done_reason'] as const) {
        if (rec.final[key] !== undefined) expect(final[key]).toBe(rec.final[key]);
      }
    });
  }

  it('a tags-in-content recording served in field style loses its tags and moves reasoning to thinking', async () => {
    const rec = loadRecording('deepseek-r1-8b-generate-68467740.json');
    fake.set({ script: () => recordingScript(rec), thinkingStyle: 'field' });
    const lines = await readNdjson(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'x' }] }));
    const raw = rec.chunks.map((c) => c.content).join('');
    const thinking = lines.map((l) => l.message.thinking ?? '').join('');
    const content = lines.map((l) => l.message.content).join('');
    const [, inner, after] = /^<think>\s*([\s\S]*?)<\/think>\s*([\s\S]*)$/.exec(raw)!;
    expect(thinking).toBe(inner);
    expect(content).toBe(after);
  });

  it('replays with the recorded pacing scaled by speed', async () => {
    const rec = loadRecording('deepseek-r1-1.5b-generate-21225ff9.json');
    const recordedMs = rec.chunks.reduce((s, c) => s + c.dt_ms, 0) + (rec.final.dt_ms ?? 0);
    fake.set({ script: () => recordingScript(rec), thinkingStyle: 'tags', speed: 5 });
    const t0 = performance.now();
    await (await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:1.5b', messages: [{ role: 'user', content: 'x' }] })).text();
    const took = performance.now() - t0;
    expect(took).toBeGreaterThan(recordedMs / 5 - 50);
    expect(took).toBeLessThan(recordedMs / 5 + 1500);
    fake.set({ speed: 50 });
  });
});

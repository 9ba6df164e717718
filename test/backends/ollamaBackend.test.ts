/** The Ollama adapter behind the Backend interface, against the fake Ollama. */
import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { createOllamaBackend, finalMetricsFromStats, statsFromFinalMetrics } from '../../src/backends/ollama/ollamaBackend.js';
import { DeltaSplitter } from '../../src/backends/splitDeltas.js';
import { BackendError } from '../../src/backends/errors.js';
import type { BackendEvent } from '../../src/backends/backend.js';
import { startFakeOllama, type FakeOllama } from '../fake-ollama/index.js';

let fake: FakeOllama | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Ollama backend adapter', () => {
  it('streams deltas and a done whose stats are server-exact and equal to the done object', async () => {
    fake = await startFakeOllama({ speed: 50 });
    const backend = createOllamaBackend(createOllamaClient(fake.url));
    const info = await backend.info();
    expect(info.kind).toBe('ollama');
    expect(info.label).toMatch(/^Ollama \d+\.\d+/);
    expect(info.capabilities.lacks.map((l) => l.feature)).toContain('kv-cache');
    const events: BackendEvent[] = [];
    const split = new DeltaSplitter();
    for await (const ev of await backend.chat({ model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'hi' }], think: true })) {
      events.push(ev);
      split.push(ev);
    }
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.stats.tokens?.source).toBe('server-exact');
    expect(done.stats.timings?.source).toBe('server-exact');
    expect(done.stats.tokens?.completion).toBeGreaterThan(0);
    const r = split.result();
    expect(r.reasoning.length + r.answer.length).toBeGreaterThan(0);
  });

  it('lists models with size and quantization, and ps as loaded models', async () => {
    fake = await startFakeOllama({ speed: 50 });
    const api = createOllamaClient(fake.url);
    const backend = createOllamaBackend(api);
    const models = await backend.listModels();
    expect(models.length).toBeGreaterThan(0);
    expect(models[0]?.size).toBeGreaterThan(0);
    expect(models.some((m) => m.quantization)).toBe(true);
    await api.load('deepseek-r1:8b');
    const loaded = await backend.loaded();
    expect(loaded?.[0]?.name).toBe('deepseek-r1:8b');
    expect(loaded?.[0]?.sizeVram).toBeTypeOf('number');
  });

  it('an unknown model is a BackendError model-not-found with the sentence', async () => {
    fake = await startFakeOllama({ speed: 50 });
    const backend = createOllamaBackend(createOllamaClient(fake.url));
    const err = await backend.chat({ model: 'nope:1b', messages: [{ role: 'user', content: 'x' }] }).then(async (s) => {
      for await (const _ of s) void _;
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).kind).toBe('model-not-found');
  });

  it('final metrics survive the round trip exactly; measured parts never become Turn.metrics', () => {
    const m = { totalDuration: 123456789, loadDuration: 1000, promptEvalCount: 12, promptEvalDuration: 98765, evalCount: 40, evalDuration: 2_000_000_001 };
    expect(finalMetricsFromStats(statsFromFinalMetrics(m))).toEqual(m);
    expect(finalMetricsFromStats({ tokens: { completion: 3, source: 'server-exact' }, timings: { evalNs: 5, source: 'client-measured' } })).toEqual({ evalCount: 3 });
  });
});

/** The client against the project's fake Ollama (protocol-faithful simulator). */
import { describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../../src/backends/ollama/client.js';
import { OllamaError } from '../../../src/backends/ollama/types.js';
import { MANIFEST_MISSING, scriptFromText, fakesClosedAfterEach } from '../../fake-ollama/index.js';

const startFake = fakesClosedAfterEach();

describe('client against the fake server', () => {
  it('load, ps with context_length, unload', async () => {
    const fake = await startFake();
    const api = createOllamaClient(fake.url);
    await api.load('deepseek-r1:8b');
    const ps = await api.ps();
    expect(ps.map((m) => m.name)).toContain('deepseek-r1:8b');
    expect(ps[0]?.context_length).toBeGreaterThan(0);
    await api.unload('deepseek-r1:8b');
    expect(await api.ps()).toEqual([]);
  });

  it('pull streams progress to success', async () => {
    const fake = await startFake({ speed: 50 });
    const api = createOllamaClient(fake.url);
    const statuses: string[] = [];
    for await (const p of await api.pull('deepseek-r1:1.5b')) statuses.push(p.status);
    expect(statuses[0]).toBe('pulling manifest');
    expect(statuses.at(-1)).toBe('success');
  });

  it('pull of an unknown name fails with a sentence', async () => {
    const fake = await startFake({ speed: 50 });
    const api = createOllamaClient(fake.url);
    let caught: unknown;
    try {
      for await (const _ of await api.pull('no-such-model:1b')) void _;
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OllamaError);
    expect((caught as OllamaError).message).toMatch(/Pulling no-such-model:1b failed/);
    expect((caught as OllamaError).detail).toBe(MANIFEST_MISSING);
  });

  it('chat against a pre-0.11 server: a think level is rejected with think-value-rejected', async () => {
    const fake = await startFake({ version: '0.10.1', script: () => scriptFromText('a', 'b', 500) });
    const api = createOllamaClient(fake.url);
    let caught: unknown;
    try {
      await api.chat({ model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'x' }], think: 'high' });
    } catch (e) {
      caught = e;
    }
    expect((caught as OllamaError).kind).toBe('think-value-rejected');
  });

  it('chat with think:true to a model without thinking, on old and new servers', async () => {
    for (const version of ['0.12.6', '0.11.4']) {
      const fake = await startFake({ version });
      const api = createOllamaClient(fake.url);
      let caught: unknown;
      try {
        await api.chat({ model: 'gemma3:4b', messages: [{ role: 'user', content: 'x' }], think: true });
      } catch (e) {
        caught = e;
      }
      expect((caught as OllamaError).kind).toBe('think-unsupported');
      await fake.close();
    }
  });

  it('unknown model: model-not-found on old and new servers', async () => {
    for (const version of ['0.12.6', '0.11.4']) {
      const fake = await startFake({ version });
      const api = createOllamaClient(fake.url);
      let caught: unknown;
      try {
        await api.chat({ model: 'nope:1b', messages: [{ role: 'user', content: 'x' }] });
      } catch (e) {
        caught = e;
      }
      expect((caught as OllamaError).kind).toBe('model-not-found');
      expect((caught as OllamaError).message).toMatch(/ollama pull nope:1b/);
      await fake.close();
    }
  });
});

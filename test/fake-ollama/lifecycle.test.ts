import { describe, expect, it } from 'vitest';
import { demoFakeOptions, postJson, readNdjson, startFakeOllama } from './index.js';

describe('fake ollama: lifecycle and demo options', () => {
  it('close() ends in-flight streams at once and frees the port', async () => {
    const fake = await startFakeOllama({ tokensPerSecond: 20 });
    const res = await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:8b', messages: [{ role: 'user', content: 'loop' }] });
    const reader = res.body!.getReader();
    await reader.read();
    expect(fake.active()).toBe(1);
    const t0 = performance.now();
    await fake.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(fake.active()).toBe(0);
    await expect(fetch(`${fake.url}/`)).rejects.toThrow();
  });

  it('two servers run side by side on ephemeral ports with separate state', async () => {
    const a = await startFakeOllama();
    const b = await startFakeOllama();
    try {
      expect(a.port).not.toBe(b.port);
      await postJson(`${a.url}/api/chat`, { model: 'deepseek-r1:8b', messages: [] }).then((r) => r.text());
      expect(a.loaded()).toEqual(['deepseek-r1:8b']);
      expect(b.loaded()).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('demoFakeOptions: the first reply says it is the demo backend, later ones follow keywords', async () => {
    const fake = await startFakeOllama(demoFakeOptions({ tokensPerSecond: 1000, headerDelayMs: 0 }));
    try {
      const ask = async (content: string) => {
        const lines = await readNdjson(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:32b', messages: [{ role: 'user', content }] }));
        return lines.map((l) => l.message.content).join('');
      };
      expect(await ask('hello')).toContain('No model is running');
      expect(await ask('hi')).toContain('fake Ollama server');
      expect(await ask('what about quantization?')).toContain('Q4_K_M');
    } finally {
      await fake.close();
    }
  });
});

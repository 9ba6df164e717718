import { describe, expect, it } from 'vitest';
import { MANIFEST_MISSING, postJson, readNdjson, json, fakesClosedAfterEach } from './index.js';

const startFake = fakesClosedAfterEach();

describe('fake ollama: /api/pull', () => {
  it('streams manifest, per-layer progress, verify, write, success; the model then appears in tags', async () => {
    const fake = await startFake({ speed: 10 });
    const t0 = performance.now();
    const res = await postJson(`${fake.url}/api/pull`, { name: 'deepseek-r1:14b' });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = await readNdjson(res);
    const took = performance.now() - t0;
    expect(lines[0]).toEqual({ status: 'pulling manifest' });
    expect(lines.slice(-3)).toEqual([{ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' }]);
    const progress = lines.filter((l) => l.status.startsWith('pulling ') && l.status !== 'pulling manifest');
    const digests = new Set(progress.map((l) => l.digest));
    expect(digests.size).toBeGreaterThanOrEqual(2);
    expect(digests.size).toBeLessThanOrEqual(3);
    for (const l of progress) {
      expect(l.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(l.status).toBe(`pulling ${l.digest.slice(7, 19)}`);
      expect(l.total).toBeGreaterThan(0);
      if ('completed' in l) expect(l.completed).toBeGreaterThan(0);
    }
    const weights = progress.filter((l) => l.digest === progress[0].digest);
    expect(weights[0]).not.toHaveProperty('completed');
    expect(weights.at(-1).completed).toBe(weights.at(-1).total);
    // ~60 ms per line, scaled by speed 10
    expect(took).toBeGreaterThan(lines.length * 6 * 0.8);
    const tags = await json(await fetch(`${fake.url}/api/tags`));
    expect(tags.models[0].name).toBe('deepseek-r1:14b'); // newest first
    expect(Math.abs(Date.parse(tags.models[0].modified_at) - Date.now())).toBeLessThan(5000);
  });

  it('unknown name: streamed error after "pulling manifest" (200), or 500 with stream:false', async () => {
    const fake = await startFake({ speed: 10 });
    const res = await postJson(`${fake.url}/api/pull`, { model: 'no-such-model:1b' });
    expect(res.status).toBe(200);
    expect(await readNdjson(res)).toEqual([{ status: 'pulling manifest' }, { error: MANIFEST_MISSING }]);
    const once = await postJson(`${fake.url}/api/pull`, { model: 'no-such-model:1b', stream: false });
    expect(once.status).toBe(500);
    expect(await json(once)).toEqual({ error: 'pull model manifest: file does not exist' });
  });

  it('stream:false answers {"status":"success"}; an installed model pulls from cache', async () => {
    const fake = await startFake({ speed: 10 });
    const res = await postJson(`${fake.url}/api/pull`, { model: 'deepseek-r1:7b', stream: false });
    expect(await json(res)).toEqual({ status: 'success' });
    const again = await readNdjson(await postJson(`${fake.url}/api/pull`, { model: 'deepseek-r1:32b' }));
    const progress = again.filter((l) => l.digest);
    expect(progress.every((l) => l.completed === l.total)).toBe(true);
  });
});

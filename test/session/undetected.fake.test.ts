/**
 * A first host that did not answer at start is not assumed to be Ollama: the unreachable state says the
 * kind could not be detected, and when the server comes up it is detected (here a vLLM) and used.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { detectBackend } from '../../src/backends/detect.js';
import { selectBackend } from '../../src/backends/select.js';
import { defaultFetch } from '../../src/backends/ollama/fetch.js';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { startFakeOpenAi } from '../../src/fake/openai/server.js';
import { createSession } from '../../src/session/controller.js';
import { hostClientFactory } from '../../src/session/hostClients.js';
import { AppStore, initialState } from '../../src/session/store.js';
import { unreachableRows } from '../../src/ui/shell/UnreachableView.js';
import { freePort, waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});


describe('a --host that is down at start', () => {
  it('selectBackend says undetected (not Ollama); a forced kind stays forced', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await selectBackend({ url, source: 'flag', fetch: defaultFetch(), detectTimeoutMs: 300 })).toEqual({ ok: true, kind: 'undetected' });
    const forced = await selectBackend({ url, source: 'flag', forced: 'vllm', fetch: defaultFetch(), detectTimeoutMs: 300 });
    expect(forced).toMatchObject({ ok: true, kind: 'vllm' });
  });

  it('says the kind could not be detected, retries detection, and uses the vLLM that comes up', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const store = new AppStore(initialState(url, 'flag', false));
    store.update({ connection: { ...store.getState().connection, undetected: true } });
    const clientFor = hostClientFactory({ isLocal: () => true, requestTimeoutMs: 1000 });
    const spec = { name: `127.0.0.1:${port}`, url, source: 'flag' as const };
    let detections = 0;
    const session = createSession({
      api: createOllamaClient(url),
      store,
      retryDelaysMs: [100],
      preloadOnSwitch: false,
      detectFirst: { url, detect: () => (detections++, detectBackend(url, { fetch: defaultFetch(), timeoutMs: 300 })), clientsFor: (d) => clientFor(spec, d) },
    });
    cleanups.push(() => (session.dispose(), store.dispose()));
    session.start();
    const state = () => store.getState();
    await waitFor(() => state().connection.status === 'unreachable', 5000, 'unreachable');
    expect(state().connection.error).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1:\d+, so r1-tui could not detect which server runs there \(Ollama, llama\.cpp, vLLM, SGLang or LM Studio\)/);
    expect(state().server).toBeUndefined();
    const screen = unreachableRows(state().connection, 100, 0).map((r) => r.body).join('\n');
    expect(screen).toContain('server kind: not detected yet');
    expect(screen).toContain('r1-tui --backend KIND --host URL');
    expect(screen).not.toContain('ollama serve   ');
    await waitFor(() => detections >= 2, 5000, 'detection retried');

    const v = await startFakeOpenAi({ dialect: 'vllm', port, promptMs: 10 });
    cleanups.push(() => v.close());
    await waitFor(() => state().connection.status === 'connected' && state().model.current !== undefined, 8000, 'connected to the vLLM');
    expect(state().server).toMatchObject({ kind: 'vllm', label: 'vLLM 0.19.1' });
    expect(state().connection.undetected).toBeUndefined();
    expect(state().model.current).toBe('deepseek-ai/DeepSeek-R1');
    // no Ollama request was ever made as if it were one, beyond detection's own probe
    expect(v.requests.some((r) => r.path === '/api/tags' || r.path === '/api/ps')).toBe(false);
    session.actions.send('Hi');
    await waitFor(() => state().turns[0]?.status === 'done', 5000, 'answer');
    expect(v.requests.some((r) => r.path === '/v1/chat/completions')).toBe(true);
  }, 20_000);
});

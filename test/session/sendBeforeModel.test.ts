import { afterEach, describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { createSession } from '../../src/session/controller.js';
import { AppStore, initialState } from '../../src/session/store.js';
import { startFakeOllama, type FakeOllama } from '../../src/fake/server.js';
import type { OllamaApi } from '../../src/backends/ollama/types.js';
import { waitFor } from './helpers.js';

let fake: FakeOllama | undefined;
let dispose: (() => void) | undefined;
afterEach(async () => {
  dispose?.();
  await fake?.close();
});

describe('a message sent after connecting but before the model is chosen', () => {
  it('waits for the model choice and is then sent, instead of failing with "no model"', async () => {
    fake = await startFakeOllama({ tokensPerSecond: 500 });
    const real = createOllamaClient(fake.url);
    // The model list arrives late, as it can on a busy server.
    const slow: OllamaApi = Object.assign(Object.create(real) as OllamaApi, {
      tags: async () => {
        await new Promise((r) => setTimeout(r, 600));
        return real.tags();
      },
    });
    const store = new AppStore(initialState(fake.url, 'flag', false));
    const session = createSession({ api: slow, store, preloadOnSwitch: false, pollIntervals: { activeMs: 100, idleMs: 300 } });
    dispose = () => {
      session.dispose();
      store.dispose();
    };
    session.start();
    await waitFor(() => store.getState().connection.status === 'connected', 5000, 'connected');
    expect(store.getState().model.current).toBeUndefined();

    session.actions.send('hello before the model list');
    expect(store.getState().turns).toHaveLength(0);
    expect(store.getState().notice?.text).toMatch(/Choosing a model/);

    await waitFor(() => store.getState().turns.at(-1)?.status === 'done', 10_000, 'the held message answered');
    const turn = store.getState().turns.at(-1)!;
    expect(turn.user).toBe('hello before the model list');
    expect(turn.model).toBe(store.getState().model.current);
    expect(turn.error).toBeUndefined();
    expect(store.getState().turns).toHaveLength(1);
  });
});

import { createServer } from 'node:net';
import { afterEach } from 'vitest';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { startFakeOllama, type FakeOllama, type FakeOptions } from '../../src/fake/server.js';
import { createSession, type SessionDeps } from '../../src/session/controller.js';
import { AppStore, initialState } from '../../src/session/store.js';
import type { AppState } from '../../src/session/types.js';

/** A local port nothing listens on (bound, read, released): a server that is down. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A store with a 50 ms frame and a count of its notifications. */
export function countingStore(): { store: AppStore; seen: () => number } {
  const store = new AppStore(initialState('http://127.0.0.1:11434', 'default', false), 50);
  let seen = 0;
  store.subscribe(() => seen++);
  return { store, seen: () => seen };
}

export async function waitFor(pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Harness {
  store: AppStore;
  state: () => AppState;
  session: ReturnType<typeof createSession>;
  dispose: () => void;
}

/** A session over the real client against `url`, with short timings. */
export function startSession(url: string, extra: Partial<SessionDeps> = {}): Harness {
  const api = createOllamaClient(url, { requestTimeoutMs: 2000 });
  const store = new AppStore(initialState(url, 'flag', false));
  const session = createSession({
    api,
    store,
    retryDelaysMs: [100, 200],
    busyDelaysMs: [50, 100, 150],
    pollIntervals: { activeMs: 100, idleMs: 300 },
    preloadOnSwitch: false,
    ...extra,
  });
  session.start();
  return {
    store,
    state: () => store.getState(),
    session,
    dispose: () => {
      session.dispose();
      store.dispose();
    },
  };
}

/** A session over a fake Ollama (FakeSessions.start). */
export interface FakeHarness extends Harness {
  fake: FakeOllama;
}

export interface FakeSessions {
  /** A fake Ollama; closed after the test. */
  fake(opts?: FakeOptions): Promise<FakeOllama>;
  /** startSession(url, extra); disposed after the test. */
  session(url: string, extra?: Partial<SessionDeps>): Harness;
  /** A fake, a session over it, connected; with `model`, that model chosen (connectedWithModel). */
  start(fakeOpts?: FakeOptions, extra?: Partial<SessionDeps>, model?: string): Promise<FakeHarness>;
}

/**
 * The setup the session tests against the fake share: call once at the top of a test file. Whatever the
 * returned functions start is stopped after each test (sessions first, then the servers; closing a fake
 * twice is harmless, so a test may close one itself).
 */
export function fakeSessions(): FakeSessions {
  const harnesses: Harness[] = [];
  const fakes: FakeOllama[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0).reverse()) h.dispose();
    for (const f of fakes.splice(0).reverse()) await f.close();
  });
  const sessions: FakeSessions = {
    async fake(opts = {}) {
      const f = await startFakeOllama(opts);
      fakes.push(f);
      return f;
    },
    session(url, extra = {}) {
      const h = startSession(url, extra);
      harnesses.push(h);
      return h;
    },
    async start(fakeOpts = {}, extra = {}, model) {
      const fake = await sessions.fake(fakeOpts);
      const h = sessions.session(fake.url, extra);
      await connectedWithModel(h, model);
      return { ...h, fake };
    },
  };
  return sessions;
}

export async function connectedWithModel(h: Harness, model?: string): Promise<void> {
  await waitFor(() => h.state().connection.status === 'connected', 5000, 'connected');
  await waitFor(() => h.state().model.current !== undefined && h.state().model.capabilities !== undefined, 5000, 'model described');
  if (model) {
    h.session.actions.selectModel(model);
    await waitFor(() => h.state().model.current === model && h.state().model.capabilities !== undefined, 5000, `model ${model}`);
  }
}

export function lastTurn(h: Harness) {
  const t = h.state().turns.at(-1);
  if (!t) throw new Error('no turn');
  return t;
}

export async function turnEnded(h: Harness, timeoutMs = 8000): Promise<void> {
  await waitFor(() => {
    const t = h.state().turns.at(-1);
    return t !== undefined && t.status !== 'streaming';
  }, timeoutMs, 'turn end');
}

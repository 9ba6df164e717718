/** The session against an in-memory OllamaApi: exact control over timing and failures. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../src/session/controller.js';
import { AppStore, initialState } from '../../src/session/store.js';
import { OllamaError, type ChatEvent, type ChatRequest, type ChatStream, type OllamaApi, type PsModel } from '../../src/backends/ollama/types.js';
import { waitFor } from './helpers.js';

class Channel implements ChatStream {
  private queue: ChatEvent[] = [];
  private waiting: ((v: IteratorResult<ChatEvent>) => void) | undefined;
  private failWith: ((e: unknown) => void) | undefined;
  aborted = false;
  push(ev: ChatEvent) {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: ev, done: false });
    } else this.queue.push(ev);
  }
  abort() {
    this.aborted = true;
    this.failWith?.(new OllamaError('aborted', 'Stopped.'));
  }
  [Symbol.asyncIterator](): AsyncIterator<ChatEvent> {
    return {
      next: () => {
        const ev = this.queue.shift();
        if (ev) return Promise.resolve({ value: ev, done: false });
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failWith = reject;
        });
      },
    };
  }
}

function memoryApi() {
  const chats: Array<{ req: ChatRequest; resolve: (s: ChatStream) => void; reject: (e: unknown) => void }> = [];
  let psCalls = 0;
  let up = true;
  const down = () => new OllamaError('unreachable', 'Cannot reach Ollama at mem.');
  const api: OllamaApi = {
    host: 'http://mem',
    version: async () => {
      if (!up) throw down();
      return '0.12.6';
    },
    tags: async () => [{ name: 'deepseek-r1:8b', model: 'deepseek-r1:8b', size: 1, digest: 'd', details: { quantization_level: 'Q4_K_M' } }],
    ps: async (): Promise<PsModel[]> => {
      psCalls++;
      if (!up) throw down();
      return [];
    },
    show: async () => ({ capabilities: ['completion', 'thinking'], details: {}, modelInfo: { 'general.architecture': 'qwen3', 'qwen3.block_count': 36 } }),
    chat: (req) =>
      new Promise<ChatStream>((resolve, reject) => {
        chats.push({ req, resolve, reject });
        req.signal?.addEventListener('abort', () => reject(new OllamaError('aborted', 'Stopped.')));
      }),
    load: async () => undefined,
    unload: async () => undefined,
    pull: async () => {
      throw new Error('unused');
    },
  };
  return {
    api,
    chats,
    get psCalls() {
      return psCalls;
    },
    setUp(v: boolean) {
      up = v;
    },
  };
}

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

async function setup() {
  const mem = memoryApi();
  const store = new AppStore(initialState('http://mem', 'default', false));
  const session = createSession({ api: mem.api, store, retryDelaysMs: [50], pollIntervals: { activeMs: 20, idleMs: 40 } });
  session.start();
  dispose = () => {
    session.dispose();
    store.dispose();
  };
  await waitFor(() => store.getState().model.think === true, 2000, 'model described');
  return { mem, store, session, state: () => store.getState() };
}

describe('session controller (in-memory api)', () => {
  it('stop() while the model is still loading aborts the request signal', async () => {
    const { mem, session, state } = await setup();
    session.actions.send('hi');
    await waitFor(() => mem.chats.length === 1);
    expect(state().phase).toBe('loading');
    session.actions.stop();
    expect(mem.chats[0]?.req.signal?.aborted).toBe(true);
    expect(state().turns[0]?.status).toBe('stopped');
    expect(state().phase).toBe('idle');
  });

  it('ignores send() while streaming and blank input', async () => {
    const { mem, session, state } = await setup();
    session.actions.send('   ');
    expect(state().turns).toHaveLength(0);
    session.actions.send('one');
    session.actions.send('two');
    await waitFor(() => mem.chats.length === 1);
    expect(state().turns).toHaveLength(1);
    session.actions.stop();
  });

  it('sets loop state when the reasoning repeats, clears it when the turn ends', async () => {
    const { mem, session, state } = await setup();
    session.actions.send('loop');
    await waitFor(() => mem.chats.length === 1);
    const ch = new Channel();
    mem.chats[0]!.resolve(ch);
    const para = 'I need to check whether the first case applies to the numbers given here, so let me compute it again carefully. ';
    let at = 0;
    for (let i = 0; i < 40; i++) for (const w of para.split(/(?<= )/)) ch.push({ type: 'chunk', thinking: w, content: '', at: at++ });
    await waitFor(() => state().loop !== null, 2000, 'loop');
    expect(state().loop?.turnId).toBe(state().turns[0]?.id);
    expect(state().loop?.evidence.length).toBeGreaterThan(0);
    expect(state().phase).toBe('thinking');
    ch.push({ type: 'done', doneReason: 'length', metrics: { evalCount: 100, evalDuration: 1e9 }, at: at + 1 });
    await waitFor(() => state().turns[0]?.status === 'done');
    expect(state().loop).toBeNull();
    expect(state().turns[0]?.doneReason).toBe('length');
  });

  it('stop() during streaming aborts the stream and keeps the text', async () => {
    const { mem, session, state } = await setup();
    session.actions.send('x');
    await waitFor(() => mem.chats.length === 1);
    const ch = new Channel();
    mem.chats[0]!.resolve(ch);
    ch.push({ type: 'chunk', thinking: 'partial', content: '', at: 1 });
    await waitFor(() => state().turns[0]?.thinking === 'partial');
    session.actions.stop();
    expect(ch.aborted).toBe(true);
    expect(state().turns[0]).toMatchObject({ status: 'stopped', thinking: 'partial' });
  });

  it('pauses placement polling while unreachable', async () => {
    const { mem, state } = await setup();
    await waitFor(() => mem.psCalls >= 3, 2000, 'polling');
    mem.setUp(false);
    await waitFor(() => state().connection.status === 'unreachable', 2000, 'unreachable');
    const calls = mem.psCalls;
    await new Promise((r) => setTimeout(r, 200));
    expect(mem.psCalls).toBe(calls);
    mem.setUp(true);
    await waitFor(() => state().connection.status === 'connected', 2000, 'back');
    await waitFor(() => mem.psCalls > calls, 2000, 'polling again');
  });

  it('dismissNotice clears the notice; selectModel keeps history', async () => {
    const { session, state, store } = await setup();
    session.actions.cycleThink();
    expect(state().notice?.text).toMatch(/Thinking: off/);
    session.actions.dismissNotice();
    expect(state().notice).toBeNull();
    store.update({ turns: [{ id: 1, user: 'a', model: 'deepseek-r1:8b', thinking: '', answer: 'b', status: 'done', startedAt: 0, thinkingTokens: 0, answerTokens: 1, rev: 0 }] });
    session.actions.selectModel('other:1b');
    expect(state().model.current).toBe('other:1b');
    expect(state().model.reason).toBe('chosen');
    expect(state().turns).toHaveLength(1);
  });
});

describe('send without a model', () => {
  it('keeps the text as a failed turn with a sentence', async () => {
    const mem = memoryApi();
    mem.api.tags = async () => [];
    const store = new AppStore(initialState('http://mem', 'default', false));
    const session = createSession({ api: mem.api, store });
    session.start();
    dispose = () => {
      session.dispose();
      store.dispose();
    };
    await waitFor(() => store.getState().notice !== null, 2000, 'no-models notice');
    expect(store.getState().notice?.text).toMatch(/ollama pull deepseek-r1:8b/);
    session.actions.send('is anyone there?');
    const t = store.getState().turns[0];
    expect(t).toMatchObject({ user: 'is anyone there?', status: 'error' });
    expect(t?.error).toMatch(/No model is selected/);
    expect(mem.chats).toHaveLength(0);
  });
});

describe('a stream that ends without done', () => {
  it('becomes a turn error instead of hanging', async () => {
    const { mem, session, state } = await setup();
    session.actions.send('x');
    await waitFor(() => mem.chats.length === 1);
    const events: ChatEvent[] = [{ type: 'chunk', thinking: '', content: 'partial', at: 1 }];
    mem.chats[0]!.resolve({ abort() {}, async *[Symbol.asyncIterator]() { yield* events; } });
    await waitFor(() => state().turns[0]?.status !== 'streaming', 2000, 'turn end');
    expect(state().turns[0]).toMatchObject({ status: 'error', answer: 'partial' });
    expect(state().turns[0]?.error).toMatch(/cut off/);
  });

  describe('live figures (tok/s, the reasoning count) on a slow stream', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /**
     * A reply streaming thinking tokens with the given gaps in turn (the fake's words come unevenly) for
     * `seconds` (fake clock), the first `firstAfterMs` after the request; the store's notifications counted.
     */
    async function slowStream(gapsMs: number[], seconds: number, stallAfter = Infinity, firstAfterMs = 300) {
      const { mem, session, store, state } = await setup();
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
      session.actions.send('slow');
      await vi.advanceTimersByTimeAsync(10);
      const ch = new Channel();
      mem.chats[0]!.resolve(ch);
      await vi.advanceTimersByTimeAsync(firstAfterMs - 10);
      const tokenAt: number[] = [];
      const refreshes: Array<{ at: number; withToken: boolean }> = [];
      let lastShown: unknown;
      let notifications = 0;
      let tokensSeen = 0;
      store.subscribe(() => {
        notifications++;
        const turn = state().turns[0]!;
        const withToken = turn.thinkingTokens !== tokensSeen;
        tokensSeen = turn.thinkingTokens;
        if (turn.shown !== lastShown) {
          lastShown = turn.shown;
          refreshes.push({ at: turn.shown!.at, withToken });
        }
      });
      const end = performance.now() + seconds * 1000;
      let i = 0;
      while (performance.now() < end) {
        if (performance.now() < stallAfter) {
          tokenAt.push(performance.now());
          ch.push({ type: 'chunk', thinking: `word${i++} `, content: '', at: performance.now() });
        }
        await vi.advanceTimersByTimeAsync(gapsMs[i % gapsMs.length]!);
      }
      const result = { notifications, refreshes, tokenAt };
      session.actions.stop();
      return result;
    }

    it.each([
      ['even gaps, first token 30 ms after the request', [500], 30],
      ['even gaps, first token 480 ms after the request', [500], 480],
      ['uneven gaps (420/580 ms)', [420, 580], 300],
    ])('at 2 tok/s the figures ride on token frames: about 2 notifications a second, not 3 (%s)', async (_name, gapList, first) => {
      const { notifications, refreshes } = await slowStream(gapList, 10, Infinity, first);
      // 20 tokens in 10 s; the old 1 s timer added a notification of its own every second (~30)
      expect(notifications).toBeLessThanOrEqual(22);
      expect(refreshes.length).toBeGreaterThanOrEqual(6);
      // every refresh came with a token (none on its own) ...
      expect(refreshes.every((r) => r.withToken)).toBe(true);
      // ... at most once a second and at least every 1.5 s
      const gaps = refreshes.slice(1).map((r, k) => r.at - refreshes[k]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(1550);
    });

    it('a stalled stream still refreshes them once a second (the rate decays)', async () => {
      const { refreshes, notifications } = await slowStream([420, 580], 8, performance.now() + 3_000);
      // the count of the last tokens before the stall is shown by the timer (once); then the rates decay
      expect(refreshes.filter((r) => !r.withToken).length).toBeLessThanOrEqual(1);
      expect(notifications).toBeGreaterThanOrEqual(6 + 4); // tokens in the first 3 s, then ~1 a second
    });
  });
});


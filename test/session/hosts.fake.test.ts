import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../src/fake/openai/server.js';
import type { HostSpec } from '../../src/session/hostList.js';
import { HostsController } from '../../src/session/hostsController.js';
import { hostClientFactory } from '../../src/session/hostClients.js';
import { createSession } from '../../src/session/controller.js';
import { AppStore, initialState } from '../../src/session/store.js';
import { scriptFromText, startFakeOllama, type FakeOllama } from '../fake-ollama/index.js';
import { freePort, turnEnded, waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});


async function ollama(answer: string): Promise<FakeOllama> {
  const f = await startFakeOllama({ script: () => scriptFromText('Thinking it over.', answer, 400) });
  cleanups.push(() => f.close());
  return f;
}

async function vllm(apiKey?: string): Promise<FakeOpenAi> {
  const f = await startFakeOpenAi({ dialect: 'vllm', tokensPerSecond: 400, promptMs: 20, script: () => scriptFromText('Thinking on the head node.', 'Answer from the vLLM head.', 400), ...(apiKey ? { apiKey } : {}) });
  cleanups.push(() => f.close());
  return f;
}

const clientFor = hostClientFactory({ requestTimeoutMs: 2000, isLocal: () => true });

describe('HostsController', () => {
  it('lists every host with its backend, health and models; refreshes only while open', async () => {
    const a = await ollama('A');
    const b = await vllm('sk-SECRET-123');
    const down = `http://127.0.0.1:${await freePort()}`;
    const hosts: HostSpec[] = [
      { name: 'a', url: a.url, source: 'flag' },
      { name: 'b', url: b.url, source: 'config', apiKey: 'sk-SECRET-123' },
      { name: 'c', url: down, source: 'config' },
    ];
    const store = new AppStore(initialState(a.url, 'flag', false));
    cleanups.push(() => store.dispose());
    const c = new HostsController({ hosts, store, refreshMs: 100 });
    cleanups.push(() => c.dispose());
    // nothing on screen: no timer, no request
    await new Promise((r) => setTimeout(r, 250));
    expect(c.timerRunning).toBe(false);
    expect(a.requests.length + b.requests.length).toBe(0);
    expect(store.getState().hosts!.entries.map((e) => e.health)).toEqual(['unknown', 'unknown', 'unknown']);

    // a loaded model on box a: the switcher shows it loaded with its placement, like `ollama ps`
    await createOllamaClient(a.url).load('deepseek-r1:8b');
    c.open();
    expect(c.timerRunning).toBe(true);
    const entries = () => store.getState().hosts!.entries;
    await waitFor(() => entries().every((e) => e.health === 'ok' || e.health === 'down') && entries()[0]!.health === 'ok' && entries()[1]!.health === 'ok', 8000, 'every host checked');
    const [ea, eb, ec] = entries();
    expect(ea).toMatchObject({ kind: 'ollama', label: 'Ollama 0.12.6', health: 'ok' });
    expect(ea!.models[0]).toMatchObject({ name: 'deepseek-r1:8b', loaded: true });
    expect(ea!.models[0]!.sizeVram).toBeGreaterThan(0);
    expect(ea!.models.slice(1).every((m) => m.loaded === false)).toBe(true);
    expect(eb).toMatchObject({ kind: 'vllm', label: 'vLLM 0.19.1', health: 'ok', servesOne: true });
    expect(eb!.models.map((m) => m.name)).toEqual(['deepseek-ai/DeepSeek-R1']);
    expect(b.authHeaders).toContain('Bearer sk-SECRET-123');
    expect(ec).toMatchObject({ health: 'down' });
    expect(ec!.error).toMatch(/^Nothing answers at http:\/\/127\.0\.0\.1:\d+/);
    // refreshed while open
    const seen = a.requests.length;
    await waitFor(() => a.requests.length > seen + 2, 3000, 'refreshes while open');
    // closed: the timer stops and no more requests go out
    c.close();
    expect(c.timerRunning).toBe(false);
    await new Promise((r) => setTimeout(r, 150));
    const after = a.requests.length;
    await new Promise((r) => setTimeout(r, 350));
    expect(a.requests.length).toBe(after);
    // the key is nowhere in the state the screen reads
    expect(JSON.stringify(store.getState())).not.toContain('SECRET');
  });
});

describe('switching hosts', () => {
  it('keeps the conversation, sends the whole history to the new host, and names the host on each answer', async () => {
    const a = await ollama('Answer from box A.');
    const b = await ollama('Answer from box B.');
    const v = await vllm();
    const hosts: HostSpec[] = [
      { name: 'box-a', url: a.url, source: 'flag' },
      { name: 'box-b', url: b.url, source: 'config' },
      { name: 'head', url: v.url, source: 'config' },
    ];
    const store = new AppStore(initialState(a.url, 'flag', false));
    store.update({ connection: { ...store.getState().connection, hostName: 'box-a' } });
    const controller = new HostsController({ hosts, store, refreshMs: 100 });
    const onSwitched = vi.fn();
    const session = createSession({ api: createOllamaClient(a.url, { requestTimeoutMs: 2000 }), store, retryDelaysMs: [100, 200], preloadOnSwitch: false, model: 'deepseek-r1:8b', hosts: { controller, clientFor, onSwitched } });
    cleanups.push(() => (session.dispose(), store.dispose()));
    session.start();
    const state = () => store.getState();
    await waitFor(() => state().model.current === 'deepseek-r1:8b' && state().model.capabilities !== undefined, 5000, 'model on box A');

    session.actions.send('What is distillation?');
    await turnEnded({ state } as never);
    expect(state().turns[0]).toMatchObject({ answer: 'Answer from box A.', host: { name: 'box-a', url: a.url } });
    const ratesOnA = state().rates.history;
    expect(ratesOnA).toHaveLength(1);

    expect(session.hosts!.switchTo('nope')).toBe('There is no host named nope.');

    expect(session.hosts!.switchTo('box-b')).toBeUndefined();
    expect(state().hosts!.current).toBe('box-b');
    expect(onSwitched).toHaveBeenLastCalledWith(b.url); // the CLI re-aims the system sampler with it
    await waitFor(() => state().connection.status === 'connected' && state().connection.host === b.url && state().model.current !== undefined, 5000, 'connected to box B');
    expect(state().connection.hostName).toBe('box-b');
    // box B has the same model: it stays
    expect(state().model).toMatchObject({ current: 'deepseek-r1:8b', reason: 'hostSwitch' });

    session.actions.send('And quantization?');
    await waitFor(() => state().turns.length === 2, 2000, 'second turn');
    // switching while the answer streams is refused with a sentence
    expect(session.hosts!.switchTo('box-a')).toBe('An answer is still streaming: stop it first (Esc), then switch hosts.');
    await turnEnded({ state } as never);
    expect(state().turns.map((t) => [t.answer, t.host?.name])).toEqual([
      ['Answer from box A.', 'box-a'],
      ['Answer from box B.', 'box-b'],
    ]);
    // box B's figures are its own: the same model's box-A sparkline did not carry over
    const ratesOnB = state().rates.history;
    expect(ratesOnB).toHaveLength(1);
    expect(ratesOnB).not.toBe(ratesOnA);
    const toB = b.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length > 0);
    expect(toB).toHaveLength(1);
    const messages = toB[0]!.body!.messages as Array<{ role: string; content: string }>;
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'What is distillation?'],
      ['assistant', 'Answer from box A.'],
      ['user', 'And quantization?'],
    ]);
    expect(a.requests.filter((r) => r.path === '/api/chat' && (r.body?.messages as unknown[] | undefined)?.length).length).toBe(1);
    expect(state().server).toBeUndefined();

    // the vLLM head node: detected in the switcher, then the chat goes through its Backend (SSE)
    session.hosts!.open();
    await waitFor(() => state().hosts!.entries[2]!.kind === 'vllm', 5000, 'vllm detected');
    session.hosts!.close();
    expect(session.hosts!.switchTo('head')).toBeUndefined();
    await waitFor(() => state().connection.status === 'connected' && state().model.current === 'deepseek-ai/DeepSeek-R1', 5000, 'connected to the head node');
    expect(state().server).toMatchObject({ kind: 'vllm', label: 'vLLM 0.19.1', contextLength: expect.any(Number) });
    expect(state().connection).toMatchObject({ host: v.url, hostName: 'head' });
    expect(state().model.reason).toBe('firstR1'); // box B's model is not served there
    session.actions.send('Which is faster?');
    await waitFor(() => state().turns.length === 3, 2000, 'third turn');
    await turnEnded({ state } as never);
    expect(state().turns[2]).toMatchObject({ answer: 'Answer from the vLLM head.', thinking: 'Thinking on the head node.', model: 'deepseek-ai/DeepSeek-R1', host: { name: 'head', url: v.url } });
    const toV = v.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(toV).toHaveLength(1);
    expect((toV[0]!.body!.messages as Array<{ content: string }>).map((m) => m.content)).toEqual([
      'What is distillation?', 'Answer from box A.', 'And quantization?', 'Answer from box B.', 'Which is faster?',
    ]);

    // back to an Ollama box: the other server's slice goes, Ollama's panel comes back
    expect(session.hosts!.switchTo('box-a')).toBeUndefined();
    await waitFor(() => state().connection.status === 'connected' && state().connection.host === a.url && state().model.current !== undefined, 5000, 'back on box A');
    expect(state().server).toBeUndefined();
    expect(state().turns).toHaveLength(3);
    // the rate history is kept per host and model: box A's deepseek-r1:8b figures are back
    await waitFor(() => state().model.current === 'deepseek-r1:8b', 5000, 'model on box A again');
    expect(state().rates.history).toEqual(ratesOnA);
    // and box B's when going there again
    expect(session.hosts!.switchTo('box-b')).toBeUndefined();
    await waitFor(() => state().connection.status === 'connected' && state().connection.host === b.url && state().model.current === 'deepseek-r1:8b', 5000, 'box B again');
    expect(state().rates.history).toEqual(ratesOnB);
  });
});

describe('switching to a host that was never detected', () => {
  it('is not opened as Ollama: the kind is detected on the switch and on each retry, and the vLLM that comes up is used', async () => {
    const a = await ollama('Answer from box A.');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const hosts: HostSpec[] = [
      { name: 'box-a', url: a.url, source: 'flag' },
      { name: 'late', url, source: 'config' },
    ];
    const store = new AppStore(initialState(a.url, 'flag', false));
    store.update({ connection: { ...store.getState().connection, hostName: 'box-a' } });
    const controller = new HostsController({ hosts, store, refreshMs: 60_000 });
    const session = createSession({ api: createOllamaClient(a.url, { requestTimeoutMs: 2000 }), store, retryDelaysMs: [100, 200], preloadOnSwitch: false, model: 'deepseek-r1:8b', hosts: { controller, clientFor } });
    cleanups.push(() => (session.dispose(), store.dispose()));
    session.start();
    const state = () => store.getState();
    await waitFor(() => state().model.current === 'deepseek-r1:8b', 5000, 'model on box A');
    // the switcher saw it down (never detected)
    session.hosts!.open();
    await waitFor(() => state().hosts?.entries.find((e) => e.name === 'late')?.health === 'down', 5000, 'late is down');
    session.hosts!.close();

    expect(session.hosts!.switchTo('late')).toBeUndefined();
    await waitFor(() => state().connection.status === 'unreachable', 5000, 'unreachable');
    expect(state().connection.undetected).toBe(true);
    expect(state().connection.error).toMatch(/could not detect which server runs there/);
    expect(state().server).toBeUndefined();

    const v = await startFakeOpenAi({ dialect: 'vllm', port, promptMs: 10 });
    cleanups.push(() => v.close());
    await waitFor(() => state().connection.status === 'connected' && state().model.current === 'deepseek-ai/DeepSeek-R1', 8000, 'connected to the vLLM');
    expect(state().server).toMatchObject({ kind: 'vllm', label: 'vLLM 0.19.1' });
    expect(state().connection.undetected).toBeUndefined();
    // nothing was sent to it as if it were Ollama
    expect(v.requests.some((r) => r.path === '/api/tags' || r.path === '/api/ps' || r.path === '/api/chat')).toBe(false);
    session.actions.send('Hi');
    await waitFor(() => state().turns.at(-1)?.status === 'done', 5000, 'answer');
    expect(v.requests.some((r) => r.path === '/v1/chat/completions')).toBe(true);
  }, 20_000);
});

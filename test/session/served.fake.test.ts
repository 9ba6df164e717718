/**
 * A session on a server other than Ollama lists its models through the Backend interface
 * (listModels() / loaded()), so the picker knows the context, a one-model server, LM Studio's loaded
 * state and llama.cpp's slots (the OllamaApi facade has none of these).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/backends/capabilities.js';
import { ollamaApiOf } from '../../src/backends/openai/ollamaFacade.js';
import { createOpenAiBackend } from '../../src/backends/openai/openaiBackend.js';
import type { Dialect } from '../../src/fake/openai/dialects.js';
import { startFakeOpenAi } from '../../src/fake/openai/server.js';
import { createSession } from '../../src/session/controller.js';
import { AppStore, initialState } from '../../src/session/store.js';
import { servedColumns } from '../../src/ui/models/ModelPicker.js';
import { detailRows } from '../../src/ui/models/ModelDetailRows.js';
import { contextSplitLines, contextStatusText } from '../../src/ui/perf/contextView.js';
import { waitFor } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sessionOn(dialect: Exclude<Dialect, 'ollama'>) {
  const f = await startFakeOpenAi({ dialect, promptMs: 10 });
  cleanups.push(() => f.close());
  const label = dialect;
  const backend = createOpenAiBackend({ url: f.url, kind: dialect });
  const store = new AppStore(initialState(f.url, 'flag', false));
  store.update({ server: { kind: dialect, label, capabilities: capabilitiesOf(dialect), local: true } });
  const session = createSession({ api: ollamaApiOf(backend, label), backend, serverName: label, store, retryDelaysMs: [100], preloadOnSwitch: false, bench: { local: false, notifyMs: 20 } });
  cleanups.push(() => (session.dispose(), store.dispose()));
  session.start();
  await waitFor(() => store.getState().model.current !== undefined && store.getState().model.served !== undefined, 5000, 'models listed');
  return { f, store, session, state: () => store.getState() };
}

describe('models of an OpenAI-compatible server through the Backend', () => {
  it('llama.cpp: its one model with the context and busy slots from /slots', async () => {
    const { f, state } = await sessionOn('llama.cpp');
    const name = 'DeepSeek-R1-Distill-Qwen-32B-Q4_K_M.gguf';
    expect(state().model.served).toEqual({ [name]: { contextLength: 32768, servedExactlyOne: true, loaded: true, slots: { total: 2, busy: 0 } } });
    expect(f.requests.some((r) => r.path === '/slots')).toBe(true);
    expect(servedColumns(state(), name)).toEqual(['served by llama.cpp', 'ctx 32768', 'loaded', 'slots 0/2 busy', 'its only model']);
    const detail = detailRows(state(), state().model.installed[0]!, 80).map((r) => r.body);
    expect(detail).toContain('context   32,768 tokens (from the server)');
    expect(detail).toContain('this server serves exactly one model');
    expect(detail.join(' ')).not.toMatch(/KV cache|num_gpu   auto/);
    // no placement is made up from it
    expect(state().placement.models).toEqual([]);
  });

  it('vLLM: max_model_len as the context, the one model', async () => {
    const { state } = await sessionOn('vllm');
    expect(state().model.served).toEqual({ 'deepseek-ai/DeepSeek-R1': { contextLength: 32768, servedExactlyOne: true, loaded: true } });
    expect(servedColumns(state(), 'deepseek-ai/DeepSeek-R1')).toEqual(['served by vllm', 'ctx 32768', 'loaded', 'its only model']);
  });

  it('LM Studio: loaded state from /api/v0/models, no context guessed', async () => {
    const { f, state } = await sessionOn('lmstudio');
    expect(f.requests.some((r) => r.path === '/api/v0/models')).toBe(true);
    const served = state().model.served!;
    const names = Object.keys(served);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) {
      expect(typeof served[n]!.loaded).toBe('boolean');
      expect(served[n]!.contextLength).toBeUndefined();
      expect(served[n]!.servedExactlyOne).toBeUndefined();
    }
    const cols = servedColumns(state(), names[0]!);
    expect(cols[0]).toBe('served by lmstudio');
    expect(cols).toContain(served[names[0]!]!.loaded ? 'loaded' : 'not loaded');
  });

  it('Alt+R compare on vLLM goes through the Backend: a measured eval rate, labelled, instead of n/a', async () => {
    const { session, state } = await sessionOn('vllm');
    await waitFor(() => state().connection.status === 'connected', 5000, 'connected');
    const bench = session.actions.bench!;
    expect(bench.start({ models: ['deepseek-ai/DeepSeek-R1'], runs: 1, prompt: 'Hi' })).toBeUndefined();
    await waitFor(() => bench.getState().status !== 'running', 20_000, 'bench end');
    const report = bench.getState().report!;
    expect(report.server).toBe('vllm');
    expect(report.results[0]).toMatchObject({ status: 'ok', loadMs: null, figures: { rates: 'client-measured', tokens: 'server-exact' } });
    expect(report.results[0]!.evalRate!.mean).toBeGreaterThan(0);
    expect(bench.getState().models[0]!.status).toBe('done');
  }, 30_000);
});

describe('think on OpenAI-compatible servers in the session', () => {
  async function withThink(dialect: 'vllm' | 'llama.cpp', think: boolean) {
    const f = await startFakeOpenAi({ dialect, promptMs: 10, tokensPerSecond: 400 });
    cleanups.push(() => f.close());
    const backend = createOpenAiBackend({ url: f.url, kind: dialect });
    const store = new AppStore(initialState(f.url, 'flag', false));
    store.update({ server: { kind: dialect, label: dialect, capabilities: capabilitiesOf(dialect), local: true } });
    const session = createSession({ api: ollamaApiOf(backend, dialect), backend, serverName: dialect, store, retryDelaysMs: [100], preloadOnSwitch: false, think });
    cleanups.push(() => (session.dispose(), store.dispose()));
    session.start();
    await waitFor(() => store.getState().model.thinkOptions !== undefined && store.getState().connection.status === 'connected', 5000, 'described');
    return { f, session, state: () => store.getState() };
  }

  it('vLLM: a think preference is not sent, and a notice says why (once)', async () => {
    const { f, session, state } = await withThink('vllm', false);
    expect(state().model).toMatchObject({ thinkOptions: [], think: undefined });
    expect(state().notice?.text).toBe('Think off not sent: DeepSeek-R1 on vLLM always thinks (no per-request switch; --reasoning-parser only separates the reasoning).');
    session.actions.send('Hi');
    await waitFor(() => state().turns[0]?.status === 'done', 5000, 'answer');
    const body = f.requests.find((r) => r.path === '/v1/chat/completions')!.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('chat_template_kwargs');
    expect(body).not.toHaveProperty('think');
    // F4: nothing to switch, with the reason (not "does not support thinking")
    session.actions.cycleThink();
    expect(state().notice?.text).toMatch(/^Nothing to switch: DeepSeek-R1 on vLLM always thinks/);
  });

  it('llama.cpp: think off is sent as chat_template_kwargs.enable_thinking, F4 cycles on/off', async () => {
    const { f, session, state } = await withThink('llama.cpp', false);
    expect(state().model).toMatchObject({ thinkOptions: [true, false], think: false });
    session.actions.send('Hi');
    await waitFor(() => state().turns[0]?.status === 'done', 5000, 'answer');
    const body = f.requests.find((r) => r.path === '/v1/chat/completions')!.body as Record<string, unknown>;
    expect(body.chat_template_kwargs).toEqual({ enable_thinking: false });
    session.actions.cycleThink();
    expect(state().model.think).toBe(true);
    expect(state().notice?.text).toMatch(/^Thinking: on \(from the next message; llama\.cpp hands it to the chat template as enable_thinking/);
  });
});

describe('the context gauge on a server other than Ollama', () => {
  it('vLLM: the status line shows max_model_len (32,768), not Ollama default ~4,096', async () => {
    const { session, state } = await sessionOn('vllm');
    await waitFor(() => state().connection.status === 'connected', 5000, 'connected');
    session.actions.send('Hi');
    await waitFor(() => state().turns[0]?.status === 'done', 5000, 'answer');
    const text = contextStatusText(state())!;
    expect(text).toMatch(/^ctx [\d,]+\/32,768 \d+%$/);
    expect(state().turns[0]!.context!.size).toEqual({ tokens: 32768, source: 'server', exact: true });
    expect(contextSplitLines(state().turns[0]!, state())[0]).toMatch(/\/ 32,768 .*\(size: vllm, fixed at start\)$/);
  });

  it('LM Studio: the context is unknown and shown as ?, not Ollama default', async () => {
    const { session, state } = await sessionOn('lmstudio');
    await waitFor(() => state().connection.status === 'connected', 5000, 'connected');
    session.actions.send('Hi');
    await waitFor(() => state().turns[0]?.status === 'done', 5000, 'answer');
    expect(contextStatusText(state())).toMatch(/^ctx ~?[\d,]+\/\?$/);
    expect(state().turns[0]!.context!.size).toBeUndefined();
  });
});

/** The TUI's compare-models bench in the session: live rows, history, cancel, refusal, chat left alone. */
import { describe, expect, it } from 'vitest';
import type { BenchActions } from '../../src/session/benchView.js';
import type { BenchReport } from '../../src/core/benchTypes.js';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import type { FakeOllama } from '../fake-ollama/index.js';
import { fakeSessions, turnEnded, waitFor, type Harness } from './helpers.js';

const OOM = 'model requires more system memory (45.3 GiB) than is available (30.1 GiB)';
const sessions = fakeSessions();

async function setUp(tokensPerSecond = 400, saved: BenchReport[] = []): Promise<{ bench: BenchActions; h: Harness; server: FakeOllama }> {
  const h = await sessions.start(
    {
      tokensPerSecond,
      fault: (req) => (req.body?.model === 'deepseek-r1:70b' && req.path === '/api/chat' ? { kind: 'status', status: 500, error: OOM } : undefined),
    },
    { model: 'deepseek-r1:32b', bench: { local: false, saveReport: (r) => (saved.push(r), 'Appended to /tmp/x.jsonl'), notifyMs: 20 } },
  );
  return { bench: h.session.actions.bench!, h, server: h.fake };
}

describe('BenchController', () => {
  it('runs the prompt on the chosen models, keeps the failure, saves the report and leaves the chat alone', async () => {
    const saved: BenchReport[] = [];
    const { bench, h, server } = await setUp(400, saved);
    await createOllamaClient(server.url).load('deepseek-r1:32b');
    const seenStatuses = new Set<string>();
    bench.subscribe(() => bench.getState().models.forEach((m) => seenStatuses.add(`${m.model} ${m.status}`)));
    expect(bench.start({ models: ['deepseek-r1:8b', 'deepseek-r1:70b', 'deepseek-r1:32b'], runs: 1, prompt: 'Why is the sky blue?' })).toBeUndefined();
    expect(bench.getState().status).toBe('running');
    await waitFor(() => bench.getState().status !== 'running', 20_000, 'bench end');
    const s = bench.getState();
    expect(s.status).toBe('done');
    expect(s.models.map((m) => [m.model, m.status])).toEqual([['deepseek-r1:8b', 'done'], ['deepseek-r1:70b', 'failed'], ['deepseek-r1:32b', 'done']]);
    expect(s.models[1]!.error).toBe(OOM);
    expect(s.stepsDone).toBe(s.stepsTotal);
    expect(s.historyNote).toBe('Appended to /tmp/x.jsonl');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.results.map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);
    expect(saved[0]!.local).toBe(false);
    expect(s.models[0]!.rate).toBe(saved[0]!.results[0]!.evalRate?.mean);
    for (const st of ['loading', 'thinking', 'answering', 'done']) expect(seenStatuses).toContain(`deepseek-r1:8b ${st}`);
    // the chat: no turns added, the model stays current
    expect(h.state().turns).toEqual([]);
    expect(h.state().model.current).toBe('deepseek-r1:32b');
    expect(server.requests.filter((r) => r.path === '/api/chat' && r.body?.messages?.length).every((r) => r.body.messages.length === 1)).toBe(true);
    await waitFor(() => /Comparison done/.test(h.state().notice?.text ?? ''), 5000, 'notice');
    bench.reset();
    expect(bench.getState().status).toBe('idle');
  }, 30_000);

  it('reloads the chat model when the bench unloaded it, and says so', async () => {
    const { bench, h, server } = await setUp();
    const api = createOllamaClient(server.url);
    await api.load('deepseek-r1:32b');
    // the bench of the same model unloads it for a cold load; unload it again at the end to mimic eviction
    bench.start({ models: ['deepseek-r1:8b'], runs: 1, prompt: 'hello there' });
    await waitFor(() => server.requests.some((r) => r.body?.model === 'deepseek-r1:8b'), 5000, 'bench start');
    await api.unload('deepseek-r1:32b');
    await waitFor(() => bench.getState().status === 'done', 20_000, 'bench end');
    await waitFor(() => /loading it again for the chat/.test(h.state().notice?.text ?? '') || /Loaded deepseek-r1:32b/.test(h.state().notice?.text ?? ''), 5000, 'reload notice');
    await waitFor(() => server.loaded().includes('deepseek-r1:32b'), 5000, 'reloaded');
  }, 30_000);

  it('Esc cancels: the request in flight is aborted, the state says cancelled, nothing is saved', async () => {
    const saved: BenchReport[] = [];
    const { bench, server } = await setUp(10, saved);
    bench.start({ models: ['deepseek-r1:8b', 'deepseek-r1:1.5b'], runs: 2, prompt: 'Tell me a long story' });
    await waitFor(() => bench.getState().models[0]!.tokens >= 2, 10_000, 'streaming');
    bench.cancel();
    await waitFor(() => bench.getState().status === 'cancelled', 5000, 'cancelled');
    expect(saved).toEqual([]);
    // the server sees the aborted request end a moment after the client gave it up (one loop turn or more under load)
    await waitFor(() => server.active() === 0, 5000, 'the server saw the request end');
    expect(server.requests.some((r) => r.path === '/api/chat' && r.body?.model === 'deepseek-r1:1.5b')).toBe(false);
  }, 30_000);

  it('refuses while a chat reply streams, and without models or a prompt', async () => {
    const { bench, h } = await setUp(20);
    expect(bench.start({ models: [], runs: 1, prompt: 'x' })).toMatch(/Select at least one model/);
    expect(bench.start({ models: ['deepseek-r1:8b'], runs: 1, prompt: '  ' })).toMatch(/no prompt/);
    h.session.actions.send('Tell me about distillation');
    await waitFor(() => h.state().phase !== 'idle', 5000, 'streaming');
    expect(bench.start({ models: ['deepseek-r1:8b'], runs: 1, prompt: 'x' })).toMatch(/A reply is streaming/);
    expect(bench.getState().status).toBe('idle');
    h.session.actions.stop();
    await turnEnded(h);
  }, 30_000);
});

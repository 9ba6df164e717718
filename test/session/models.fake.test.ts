import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../fake-ollama/index.js';
import { fakeSessions, turnEnded, waitFor, type FakeHarness } from './helpers.js';

const sessions = fakeSessions();

async function setup(model = 'deepseek-r1:8b'): Promise<FakeHarness> {
  const h = await sessions.start({ script: () => scriptFromText('Let me think.', 'The answer.', 400) }, { preloadOnSwitch: true }, model);
  await waitFor(() => h.state().model.loading === undefined, 8000, 'preload done');
  return h;
}

const chatBodies = (h: FakeHarness) =>
  h.fake.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages)).map((r) => r.body as any);

describe('models against the fake server', () => {
  it('switching preloads the new model and the next request carries the whole history to it', async () => {
    const h = await setup('deepseek-r1:8b');
    h.session.actions.send('first question');
    await turnEnded(h);
    h.session.actions.selectModel('deepseek-r1:1.5b');
    expect(h.state().phase).toBe('loading');
    expect(h.state().model.loading?.name).toBe('deepseek-r1:1.5b');
    await waitFor(() => h.state().model.loading === undefined, 8000, 'preload');
    expect(h.state().phase).toBe('idle');
    expect(h.state().notice?.text).toMatch(/^Loaded deepseek-r1:1\.5b in [\d.]+ (ms|s)\.$/);
    const preload = chatBodies(h).at(-1);
    expect(preload.model).toBe('deepseek-r1:1.5b');
    expect(preload.messages).toEqual([]);

    h.session.actions.send('second question');
    await turnEnded(h);
    const second = chatBodies(h).filter((b) => b.messages.length > 0).at(-1);
    expect(second.model).toBe('deepseek-r1:1.5b');
    expect(second.messages.map((m: any) => [m.role, m.content])).toEqual([
      ['user', 'first question'],
      ['assistant', 'The answer.'],
      ['user', 'second question'],
    ]);
    expect(h.state().turns.map((t) => t.model)).toEqual(['deepseek-r1:8b', 'deepseek-r1:1.5b']);
  });

  it('caches /api/show facts for every installed model', async () => {
    const h = await setup();
    await waitFor(() => Object.keys(h.state().model.facts ?? {}).length === h.state().model.installed.length, 8000, 'facts');
    const facts = h.state().model.facts!['deepseek-r1:70b']!;
    expect(facts.capabilities).toContain('completion');
    expect(facts.shape?.blockCount).toBe(80);
    expect(facts.family).toBe('llama');
  });

  it('unload sends keep_alive 0 and the placement empties', async () => {
    const h = await setup();
    await waitFor(() => h.state().placement.models.some((p) => p.name === 'deepseek-r1:8b'), 5000, 'loaded in ps');
    h.session.actions.models!.unload();
    await waitFor(() => /^Unloaded deepseek-r1:8b/.test(h.state().notice?.text ?? ''), 5000, 'unload notice');
    expect(chatBodies(h).at(-1)).toMatchObject({ model: 'deepseek-r1:8b', messages: [], keep_alive: 0 });
    await waitFor(() => h.state().placement.models.length === 0, 5000, 'ps empty');
  });

  it('per-model num_ctx and num_gpu are sent with the preload and with every request', async () => {
    const h = await setup();
    h.session.actions.models!.setSettings('deepseek-r1:8b', { numCtx: 8192, numGpu: 10 });
    await waitFor(() => chatBodies(h).at(-1)?.options?.num_ctx === 8192, 5000, 'reload with options');
    await waitFor(() => h.state().model.loading === undefined, 8000, 'reload');
    h.session.actions.send('hello');
    await turnEnded(h);
    expect(chatBodies(h).at(-1).options).toMatchObject({ num_ctx: 8192, num_gpu: 10 });
  });

  it('pulls a registry model with per-layer progress, then it is installed', async () => {
    const h = await setup();
    const actions = h.session.actions.models!;
    actions.pull('deepseek-r1:7b');
    expect(h.state().model.pull?.status).toBe('pulling');
    await waitFor(() => h.state().model.pull?.status === 'done', 15000, 'pull done');
    const layers = h.state().model.pull!.progress.layers;
    expect(layers.length).toBeGreaterThan(1);
    expect(layers.every((l) => l.completed === l.total)).toBe(true);
    await waitFor(() => h.state().model.installed.some((m) => m.name === 'deepseek-r1:7b'), 5000, 'installed');
  });

  it('an unknown name fails with a sentence', async () => {
    const h = await setup();
    h.session.actions.models!.pull('no-such-model:1b');
    await waitFor(() => h.state().model.pull?.status === 'error', 8000, 'pull error');
    expect(h.state().model.pull?.error).toBe('There is no model called no-such-model:1b in the registry. Check the name on ollama.com/library.');
  });

  it('Esc cancels a pull (the request is aborted)', async () => {
    const h = await setup();
    const actions = h.session.actions.models!;
    actions.pull('deepseek-r1:14b');
    await waitFor(() => (h.state().model.pull?.progress.layers.length ?? 0) > 0, 8000, 'first layer');
    actions.cancelPull();
    await waitFor(() => h.state().model.pull?.status === 'cancelled', 5000, 'cancelled');
    expect(h.state().model.installed.some((m) => m.name === 'deepseek-r1:14b')).toBe(false);
    actions.clearPull();
    expect(h.state().model.pull).toBeUndefined();
  });
});

describe('per-model speed history', () => {
  it('keeps each model\'s sparkline apart across switches, also after a turn on the other model', async () => {
    const h = await setup('deepseek-r1:8b');
    h.session.actions.send('one');
    await turnEnded(h);
    const first = h.state().rates.history;
    expect(first).toHaveLength(1);
    h.session.actions.selectModel('deepseek-r1:1.5b');
    expect(h.state().rates.history).toEqual([]);
    await waitFor(() => h.state().model.loading === undefined, 8000, 'preload');
    h.session.actions.send('two');
    await turnEnded(h);
    const second = h.state().rates.history;
    expect(second).toHaveLength(1);
    h.session.actions.selectModel('deepseek-r1:8b');
    expect(h.state().rates.history).toEqual(first);
    await waitFor(() => h.state().model.loading === undefined, 8000, 'preload');
    h.session.actions.selectModel('deepseek-r1:1.5b');
    expect(h.state().rates.history).toEqual(second);
  });
});

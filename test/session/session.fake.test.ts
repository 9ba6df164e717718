import { describe, expect, it } from 'vitest';
import { scriptFromText, type FakeOptions } from '../fake-ollama/index.js';
import { createOllamaClient } from '../../src/backends/ollama/client.js';
import type { SessionDeps } from '../../src/session/controller.js';
import { connectedWithModel, fakeSessions, lastTurn, turnEnded, waitFor, type FakeHarness } from './helpers.js';

const THINKING = 'Okay, the user asks about distillation. Let me recall the teacher and student setup.';
const ANSWER = 'Distillation fine-tunes a small student model on reasoning traces from a large teacher.';

const sessions = fakeSessions();

/** The fake with this file's reply (THINKING, ANSWER) and `opts`, a session over it; `model` chosen unless null. */
function setup(opts: FakeOptions = {}, model: string | null = 'deepseek-r1:8b', extra: Partial<SessionDeps> = {}): Promise<FakeHarness> {
  return sessions.start({ script: () => scriptFromText(THINKING, ANSWER, 400), ...opts }, extra, model ?? undefined);
}

function chatRequests(h: FakeHarness) {
  return h.fake.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length > 0);
}

describe('a whole turn against the fake server', () => {
  it.each(['field', 'tags'] as const)('thinking style %s: reasoning and answer land apart, with no tags', async (style) => {
    const h = await setup({ thinkingStyle: style });
    h.session.actions.send('What is distillation?');
    expect(h.state().phase).toBe('loading');
    await turnEnded(h);
    const t = lastTurn(h);
    expect(t.status).toBe('done');
    expect(t.thinking.trim()).toBe(THINKING);
    expect(t.answer).toBe(ANSWER);
    expect(t.thinking + t.answer).not.toMatch(/<\/?think>/);
    expect(t.thinkingTokens).toBeGreaterThan(5);
    expect(t.answerTokens).toBeGreaterThan(5);
    expect(t.metrics?.evalCount).toBeGreaterThan(0);
    expect(t.doneReason).toBe('stop');
    expect(t.firstChunkAt).toBeDefined();
    expect(t.firstThinkingAt).toBeLessThanOrEqual(t.lastThinkingAt!);
    expect(t.lastThinkingAt).toBeLessThanOrEqual(t.firstAnswerAt!);
    expect(t.endedAt).toBeGreaterThanOrEqual(t.firstAnswerAt!);
    expect(h.state().phase).toBe('idle');
    expect(h.state().rates.history).toHaveLength(1);
    expect(h.state().rates.rate).toBeCloseTo(t.metrics!.evalCount! / (t.metrics!.evalDuration! / 1e9), 5);
    expect(chatRequests(h)[0]?.body).toMatchObject({ model: 'deepseek-r1:8b', stream: true, think: true });
  });

  it('sends the history without reasoning on the second turn', async () => {
    const h = await setup();
    h.session.actions.send('first question');
    await turnEnded(h);
    h.session.actions.send('second question');
    await turnEnded(h);
    const second = chatRequests(h)[1]?.body;
    expect(second.messages).toEqual([
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: ANSWER },
      { role: 'user', content: 'second question' },
    ]);
    expect(JSON.stringify(second.messages)).not.toContain('teacher and student setup');
  });

  it('keepReasoning sends earlier thinking back', async () => {
    const h = await setup({}, 'deepseek-r1:8b', { keepReasoning: true });
    h.session.actions.send('one');
    await turnEnded(h);
    h.session.actions.send('two');
    await turnEnded(h);
    expect(chatRequests(h)[1]?.body.messages[1]).toMatchObject({ role: 'assistant', content: ANSWER, thinking: expect.stringContaining('distillation') });
  });

  it('stop() aborts for real, keeps the partial text and marks the turn stopped', async () => {
    const h = await setup({ script: () => scriptFromText(THINKING.repeat(20), ANSWER, 50) });
    h.session.actions.send('long one');
    await waitFor(() => lastTurn(h).thinking.length > 20, 5000, 'some thinking');
    h.session.actions.stop();
    const t = lastTurn(h);
    expect(t.status).toBe('stopped');
    expect(t.thinking.length).toBeGreaterThan(20);
    expect(h.state().phase).toBe('idle');
    await waitFor(() => h.fake.active() === 0, 2000, 'server stopped generating');
    const kept = t.thinking;
    await new Promise((r) => setTimeout(r, 100));
    expect(lastTurn(h).thinking).toBe(kept);
  });

  it('stopAndReask() stops and sends the same question again', async () => {
    const h = await setup({ script: () => scriptFromText(THINKING.repeat(20), ANSWER, 50) });
    h.session.actions.send('loop please');
    await waitFor(() => lastTurn(h).thinking.length > 10, 5000, 'some thinking');
    h.session.actions.stopAndReask();
    const turns = h.state().turns;
    expect(turns).toHaveLength(2);
    expect(turns[0]?.status).toBe('stopped');
    expect(turns[1]?.user).toBe('loop please');
    expect(turns[1]?.status).toBe('streaming');
    h.session.actions.stop();
  });

  it('coalesces store notifications: many tokens, few notifications', async () => {
    const long = 'word '.repeat(400);
    const h = await setup({ script: () => scriptFromText(long, 'done.', 1000) });
    const before = h.store.notifications;
    h.session.actions.send('go');
    await turnEnded(h, 10_000);
    const t = lastTurn(h);
    const tokens = t.thinkingTokens + t.answerTokens;
    const notifications = h.store.notifications - before;
    expect(tokens).toBeGreaterThan(300);
    expect(notifications).toBeLessThan(tokens / 4);
  });
});

describe('think handling', () => {
  it('retries once without think when the model does not support it, with a notice', async () => {
    const h = await setup({ fault: (_req, n) => (n === 1 ? { kind: 'status', status: 400, error: '"deepseek-r1:8b" does not support thinking' } : undefined) });
    h.session.actions.send('hi');
    await turnEnded(h);
    const reqs = chatRequests(h);
    expect(reqs).toHaveLength(2);
    expect(reqs[0]?.body.think).toBe(true);
    expect('think' in reqs[1]!.body).toBe(false);
    expect(lastTurn(h).status).toBe('done');
    expect(lastTurn(h).error).toBeUndefined();
    expect(h.state().notice?.text).toMatch(/does not support thinking/);
    expect(h.state().model.think).toBeUndefined();
  });

  it('retries with think:true when a level is rejected, and drops levels from the cycle', async () => {
    const h = await setup({ fault: (req, _n) => (typeof req.body?.think === 'string' ? { kind: 'status', status: 400, error: 'invalid think value: "high"' } : undefined) });
    expect(h.state().model.thinkOptions).toEqual([true, false, 'low', 'medium', 'high']);
    h.session.actions.cycleThink(); // off
    h.session.actions.cycleThink(); // low
    expect(h.state().model.think).toBe('low');
    h.session.actions.send('hi');
    await turnEnded(h);
    const reqs = chatRequests(h);
    expect(reqs.map((r) => r.body.think)).toEqual(['low', true]);
    expect(lastTurn(h).status).toBe('done');
    expect(h.state().model.thinkOptions).toEqual([true, false]);
    expect(h.state().model.think).toBe(true);
  });

  it('cycleThink goes on → off, and off is sent as think:false', async () => {
    const h = await setup();
    expect(h.state().model.think).toBe(true);
    h.session.actions.cycleThink();
    expect(h.state().model.think).toBe(false);
    h.session.actions.send('hi');
    await turnEnded(h);
    expect(chatRequests(h)[0]?.body.think).toBe(false);
  });

  it('leaves think out for a model without the thinking capability', async () => {
    const h = await setup({}, 'gemma3:4b');
    expect(h.state().model.think).toBeUndefined();
    h.session.actions.send('hi');
    await turnEnded(h);
    expect('think' in chatRequests(h)[0]!.body).toBe(false);
    expect(lastTurn(h).answer.length).toBeGreaterThan(0);
  });
});

describe('errors become a turn error and a notice', () => {
  const cases: Array<{ name: string; opts: FakeOptions; kind: RegExp; partial?: boolean }> = [
    { name: 'mid-stream error line', opts: { fault: { kind: 'error-line', afterChunks: 5, error: 'an error was encountered while running the model: CUDA error' } }, kind: /CUDA error/, partial: true },
    { name: 'connection drop', opts: { fault: { kind: 'drop', afterChunks: 5 } }, kind: /cut off/, partial: true },
    { name: 'no done', opts: { fault: { kind: 'no-done', afterChunks: 5 } }, kind: /cut off/, partial: true },
    { name: '500 out of memory', opts: { fault: { kind: 'status', status: 500, error: 'model requires more system memory (12.3 GiB) than is available (8.1 GiB)' } }, kind: /memory/ },
    { name: 'busy after all retries', opts: { fault: { kind: 'busy' } }, kind: /busy/ },
  ];
  it.each(cases)('$name', async ({ opts, kind, partial }) => {
    const h = await setup(opts);
    h.session.actions.send('hi');
    await turnEnded(h);
    const t = lastTurn(h);
    expect(t.status).toBe('error');
    expect(t.error).toMatch(kind);
    expect(h.state().notice?.level).toBe('error');
    expect(h.state().notice?.text).toBe(t.error);
    expect(h.state().phase).toBe('idle');
    if (partial) expect(t.thinking.length).toBeGreaterThan(0);
  });

  it('busy: retries with backoff and then succeeds', async () => {
    const h = await setup({ fault: (_r, n) => (n <= 2 ? { kind: 'busy' } : undefined) });
    h.session.actions.send('hi');
    await turnEnded(h);
    expect(chatRequests(h)).toHaveLength(3);
    expect(lastTurn(h).status).toBe('done');
  });

  it('a malformed line gives a warning notice and the reply continues', async () => {
    const h = await setup({ fault: { kind: 'malformed', afterChunks: 3 } });
    h.session.actions.send('hi');
    await turnEnded(h);
    expect(lastTurn(h).status).toBe('done');
    expect(lastTurn(h).answer).toBe(ANSWER);
    expect(h.state().notice).toMatchObject({ level: 'warn', text: expect.stringMatching(/skipped/) });
  });

  it('--model that is not installed: notice at start, explicit error at send', async () => {
    const fake = await sessions.fake({ script: () => scriptFromText(THINKING, ANSWER, 400) });
    const h = sessions.session(fake.url, { model: 'nope:7b' });
    await waitFor(() => h.state().model.current === 'nope:7b', 5000, 'flag model');
    expect(h.state().model.reason).toBe('flagMissing');
    expect(h.state().notice?.text).toMatch(/ollama pull nope:7b/);
    h.session.actions.send('hi');
    await turnEnded(h);
    expect(lastTurn(h).status).toBe('error');
    expect(lastTurn(h).error).toMatch(/not installed.*ollama pull nope:7b/);
  });
});

describe('model choice and placement', () => {
  it('picks the first deepseek-r1 model, reads block count, and polls placement', async () => {
    const h = await setup({}, null);
    expect(h.state().model.current).toMatch(/^deepseek-r1/);
    expect(h.state().model.reason).toBe('firstR1');
    expect(h.state().model.blockCount).toBeGreaterThan(0);
    expect(h.state().connection.serverVersion).toBeDefined();
    h.session.actions.send('hi');
    await turnEnded(h);
    await waitFor(() => h.state().placement.models.length > 0, 3000, 'placement');
    expect(h.state().placement.models[0]?.name).toBe(h.state().model.current);
  });

  it('prefers a loaded model', async () => {
    const fake = await sessions.fake({ script: () => scriptFromText(THINKING, ANSWER, 400) });
    await createOllamaClient(fake.url).load('qwen3:8b');
    const h = sessions.session(fake.url);
    await connectedWithModel(h);
    expect(h.state().model.current).toBe('qwen3:8b');
    expect(h.state().model.reason).toBe('loaded');
  });
});

describe('transport details through the whole stack', () => {
  it('CJK and emoji split across TCP writes arrive intact', async () => {
    const thinking = '用户问的是蒸馏。让我想一想🙂。';
    const answer = '蒸馏是用大模型的推理轨迹训练小模型。✅';
    const h = await setup({ splitWrites: true, script: () => scriptFromText(thinking, answer, 400) });
    h.session.actions.send('什么是蒸馏？');
    await turnEnded(h);
    expect(lastTurn(h).thinking.trim()).toBe(thinking);
    expect(lastTurn(h).answer).toBe(answer);
    expect(lastTurn(h).answer).not.toContain('\uFFFD');
  });

  it('a slow cold load stays in phase loading, then streams', async () => {
    const h = await setup({ headerDelayMs: 1500 });
    // Unload so the next chat is a cold load with the header delay.
    await createOllamaClient(h.fake.url).unload('deepseek-r1:8b');
    h.session.actions.send('hi');
    await new Promise((r) => setTimeout(r, 700));
    expect(h.state().phase).toBe('loading');
    expect(lastTurn(h).firstChunkAt).toBeUndefined();
    await turnEnded(h, 8000);
    expect(lastTurn(h).status).toBe('done');
    expect(lastTurn(h).firstChunkAt! - lastTurn(h).startedAt).toBeGreaterThan(1000);
  });

  it('stop() during a cold load closes the request; the server stops working on it', async () => {
    const h = await setup({ headerDelayMs: 3000 });
    await createOllamaClient(h.fake.url).unload('deepseek-r1:8b');
    h.session.actions.send('hi');
    await waitFor(() => h.fake.active() === 1, 2000, 'request in flight');
    h.session.actions.stop();
    expect(lastTurn(h).status).toBe('stopped');
    await waitFor(() => h.fake.active() === 0, 2000, 'server cancelled');
  });
});

/** Config `think` / --think is the think setting a session starts with; F4 still cycles from there. */
import { afterEach, describe, expect, it } from 'vitest';
import { scriptFromText, startFakeOllama, type FakeOllama } from '../fake-ollama/index.js';
import { connectedWithModel, startSession, turnEnded, waitFor, type Harness } from './helpers.js';
import type { SessionDeps } from '../../src/session/controller.js';

let fake: FakeOllama | undefined;
let h: Harness | undefined;

afterEach(async () => {
  h?.dispose();
  h = undefined;
  await fake?.close();
  fake = undefined;
});

async function firstChatBody(model: string, extra: Partial<SessionDeps>) {
  fake = await startFakeOllama({ script: () => scriptFromText('Thinking a little.', 'The answer.', 400) });
  h = startSession(fake.url, { model, ...extra });
  await connectedWithModel(h, model);
  await waitFor(() => h!.state().model.thinkOptions !== undefined, 5000, 'capabilities known');
  h.session.actions.send('Hello?');
  await turnEnded(h);
  const chat = fake.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length > 0);
  return chat[0]!.body as Record<string, unknown>;
}

describe('initial think setting', () => {
  it('off from the config: the first request says think false, and F4 cycles on from there', async () => {
    const body = await firstChatBody('deepseek-r1:8b', { think: false });
    expect(body.think).toBe(false);
    expect(h!.state().model.think).toBe(false);
    h!.session.actions.cycleThink();
    expect(h!.state().model.think).toBe('low');
  });

  it('a level is sent as the level', async () => {
    const body = await firstChatBody('deepseek-r1:8b', { think: 'high' });
    expect(body.think).toBe('high');
  });

  it('unset: on for a thinking model', async () => {
    const body = await firstChatBody('deepseek-r1:8b', {});
    expect(body.think).toBe(true);
  });

  it('a model without the thinking capability gets no think field even when the config says on', async () => {
    const body = await firstChatBody('gemma3:4b', { think: true });
    expect('think' in body).toBe(false);
  });
});

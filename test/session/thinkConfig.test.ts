/** Config `think` / --think is the think setting a session starts with; F4 still cycles from there. */
import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../fake-ollama/index.js';
import { fakeSessions, turnEnded, waitFor, type Harness } from './helpers.js';
import type { SessionDeps } from '../../src/session/controller.js';

const sessions = fakeSessions();
/** The session of the test's firstChatBody. */
let h: Harness | undefined;

async function firstChatBody(model: string, extra: Partial<SessionDeps>) {
  const started = await sessions.start({ script: () => scriptFromText('Thinking a little.', 'The answer.', 400) }, { model, ...extra }, model);
  h = started;
  await waitFor(() => started.state().model.thinkOptions !== undefined, 5000, 'capabilities known');
  started.session.actions.send('Hello?');
  await turnEnded(started);
  const chat = started.fake.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length > 0);
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

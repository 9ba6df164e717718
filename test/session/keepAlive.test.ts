import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../../src/fake/server.js';
import { connectedWithModel, lastTurn, startSession, waitFor, type Harness } from './helpers.js';

let fake: FakeOllama | undefined;
let h: Harness | undefined;
afterEach(async () => {
  h?.dispose();
  await fake?.close();
});

describe('keepAlive from the config', () => {
  it('is sent as keep_alive with every chat, and left out when not set', async () => {
    fake = await startFakeOllama({ tokensPerSecond: 500 });
    h = startSession(fake.url, { keepAlive: '30m' });
    await connectedWithModel(h);
    h.session.actions.send('hi');
    await waitFor(() => lastTurn(h!).status === 'done', 10_000, 'answer');
    const chats = fake.requests.filter((r) => r.path === '/api/chat' && (r.body?.messages?.length ?? 0) > 0);
    expect(chats.at(-1)?.body.keep_alive).toBe('30m');
    h.dispose();

    h = startSession(fake.url);
    await connectedWithModel(h);
    h.session.actions.send('hi again');
    await waitFor(() => lastTurn(h!).status === 'done', 10_000, 'answer');
    const later = fake.requests.filter((r) => r.path === '/api/chat' && (r.body?.messages?.length ?? 0) > 0);
    expect(later.at(-1)?.body).not.toHaveProperty('keep_alive');
  });
});

import { describe, expect, it } from 'vitest';
import { connectedWithModel, fakeSessions, lastTurn, waitFor } from './helpers.js';

const sessions = fakeSessions();

describe('keepAlive from the config', () => {
  it('is sent as keep_alive with every chat, and left out when not set', async () => {
    const h = await sessions.start({ tokensPerSecond: 500 }, { keepAlive: '30m' });
    const fake = h.fake;
    h.session.actions.send('hi');
    await waitFor(() => lastTurn(h).status === 'done', 10_000, 'answer');
    const chats = fake.requests.filter((r) => r.path === '/api/chat' && (r.body?.messages?.length ?? 0) > 0);
    expect(chats.at(-1)?.body.keep_alive).toBe('30m');
    h.dispose();

    const again = sessions.session(fake.url);
    await connectedWithModel(again);
    again.session.actions.send('hi again');
    await waitFor(() => lastTurn(again).status === 'done', 10_000, 'answer');
    const later = fake.requests.filter((r) => r.path === '/api/chat' && (r.body?.messages?.length ?? 0) > 0);
    expect(later.at(-1)?.body).not.toHaveProperty('keep_alive');
  });
});

import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../fake-ollama/index.js';
import { connectedWithModel, fakeSessions, freePort, lastTurn, turnEnded, waitFor } from './helpers.js';

const sessions = fakeSessions();

const script = () => scriptFromText('Let me think about it. '.repeat(30), 'Done.', 100);

describe('connection and reconnect', () => {
  it('unreachable at start: says why, schedules a retry, and connects when Ollama comes up', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const h = sessions.session(url, { retryDelaysMs: [150, 300] });
    await waitFor(() => h.state().connection.status === 'unreachable', 3000, 'unreachable');
    const c = h.state().connection;
    expect(c.error).toMatch(/Cannot reach Ollama at/);
    expect(c.error).toMatch(/ollama serve/);
    expect(c.retryAt).toBeGreaterThan(0);
    // While unreachable nothing polls /api/ps.
    await sessions.fake({ port, script });
    await waitFor(() => h.state().connection.status === 'connected', 3000, 'connected');
    expect(h.state().connection.error).toBeUndefined();
    expect(h.state().connection.retryAt).toBeUndefined();
    expect(h.state().notice?.text).toMatch(/Connected to Ollama/);
    await connectedWithModel(h);
  });

  it('backs off between retries', async () => {
    const port = await freePort();
    const h = sessions.session(`http://127.0.0.1:${port}`, { retryDelaysMs: [100, 400] });
    await waitFor(() => h.state().connection.status === 'unreachable', 3000, 'unreachable');
    const first = h.state().connection.retryAt!;
    await waitFor(() => h.state().connection.retryAt !== first, 3000, 'second retry scheduled');
    const second = h.state().connection.retryAt!;
    await waitFor(() => h.state().connection.retryAt !== second, 3000, 'third retry scheduled');
    const third = h.state().connection.retryAt!;
    expect(third - second).toBeGreaterThan(300); // capped at the last delay (400 ms)
  });

  it('retryNow() tries at once instead of waiting', async () => {
    const port = await freePort();
    const h = sessions.session(`http://127.0.0.1:${port}`, { retryDelaysMs: [60_000] });
    await waitFor(() => h.state().connection.status === 'unreachable', 3000, 'unreachable');
    await sessions.fake({ port, script });
    const t0 = Date.now();
    h.session.actions.retryNow();
    await waitFor(() => h.state().connection.status === 'connected', 3000, 'connected');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('losing the server mid-stream: turn error, unreachable, then back to connected', async () => {
    const h = await sessions.start({ script }, { retryDelaysMs: [150] }, 'deepseek-r1:8b');
    const port = h.fake.port;
    h.session.actions.send('hello');
    await waitFor(() => lastTurn(h).thinking.length > 10, 5000, 'some thinking');
    await h.fake.close();
    await turnEnded(h);
    expect(lastTurn(h).status).toBe('error');
    expect(lastTurn(h).thinking.length).toBeGreaterThan(10); // partial kept
    await waitFor(() => h.state().connection.status === 'unreachable', 3000, 'unreachable');
    await sessions.fake({ port, script });
    await waitFor(() => h.state().connection.status === 'connected', 3000, 'reconnected');
    expect(h.state().notice?.text).toMatch(/Connected to Ollama/);
    expect(h.state().model.current).toBe('deepseek-r1:8b'); // the user's model is kept
    h.session.actions.send('again');
    await turnEnded(h);
    expect(lastTurn(h).status).toBe('done');
  });

  it('sending while Ollama is down makes an unreachable turn error', async () => {
    const h = await sessions.start({ script }, { retryDelaysMs: [60_000] }, 'deepseek-r1:8b');
    await h.fake.close();
    h.session.actions.send('anyone?');
    await turnEnded(h);
    expect(lastTurn(h).error).toMatch(/Cannot reach Ollama/);
    expect(h.state().connection.status).toBe('unreachable');
  });
});

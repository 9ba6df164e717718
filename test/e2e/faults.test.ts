/**
 * Issue 7 faults end to end (built CLI in a pty, fake Ollama on loopback): server absent at start then
 * appearing; server killed mid-stream then back; 503 busy with a retry notice; 500 with a runner error;
 * an error line mid-stream; a malformed NDJSON line; a stream without done; a cold load whose headers
 * take 61 s; a connection reset mid-stream; a server restarted between turns.
 * Every failure must show a human sentence, keep what arrived, and never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { startFakeOllama } from '../../src/fake/server.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { ask, e2eScope } from './helpers/scope.js';
import { spawnApp, type AppProcess } from './helpers/pty.js';
import { header, waitWords, words } from './helpers/screenText.js';

const MODEL = 'deepseek-r1:32b';
const ANSWER = Array.from({ length: 30 }, (_, i) => `Fact ${i + 1} about the topic.`).join(' ') + ' The end is papaya.';
const script = (rate: number) => () => scriptFromText('A short thought first.', ANSWER, rate);

const { fake, cleanups } = e2eScope();

async function app(host: string, cols = 80, rows = 24): Promise<AppProcess> {
  const a = await spawnApp(['--host', host, '--model', MODEL], { cols, rows });
  cleanups.push(() => a.dispose());
  return a;
}

const connected = (s: string): boolean => /connected/.test(header(s)) && header(s).includes(MODEL);


function expectNoStackTrace(s: string): void {
  expect(s).not.toMatch(/\n\s*at .+\(.*:\d+:\d+\)/);
  expect(s).not.toMatch(/TypeError|ECONNREFUSED|UND_ERR/);
}

async function freePort(): Promise<number> {
  const f = await startFakeOllama({});
  const port = f.port;
  await f.close();
  return port;
}

describe('server faults', () => {
  it('server absent at start: says so with the host and hints (its kind not assumed), then detects and connects by itself when it appears', async () => {
    const port = await freePort();
    const a = await app(`http://127.0.0.1:${port}`);
    // the first frames may still be laying out; wait for the whole sentence with its hints
    const screen = await waitWords(a, /Cannot reach .*could not detect which server runs there.*ollama serve.*--backend KIND.*--demo/, 20_000);
    const text = words(screen);
    expect(text).toContain(`127.0.0.1:${port}`);
    expect(text).toMatch(/ollama serve/);
    expect(text).toMatch(/not detected yet/);
    expect(text).toMatch(/--demo/);
    expectNoStackTrace(screen);
    await fake({ port, thinkingStyle: 'field', script: script(400) });
    await a.waitFor(connected, 40_000);
    await ask(a, 'Are you there now?');
    await a.waitFor('papaya', 20_000);
  }, 90_000);

  it('server killed mid-stream: partial kept and marked, clear message; back again → next question works', async () => {
    const f = await startFakeOllama({ thinkingStyle: 'field', script: script(20) });
    const port = f.port;
    const a = await app(f.url);
    await a.waitFor(connected, 15_000);
    await ask(a, 'Tell me the facts');
    await a.waitFor('Fact 3 about', 20_000);
    await f.close(); // closes the listening socket and the streaming connection
    const cut = await waitWords(a, /\[(stopped|error)\]/, 20_000);
    expect(words(cut)).toMatch(/Fact 1 about the topic/);
    expect(words(cut)).toMatch(/cut off|closed|Cannot reach/i);
    expect(cut).not.toContain('papaya');
    expectNoStackTrace(cut);
    const back = await fake({ port, thinkingStyle: 'field', script: script(400) });
    await a.waitFor(connected, 40_000);
    await ask(a, 'Try once more');
    await a.waitFor('papaya', 20_000);
    expect(back.requests.some((r) => r.path === '/api/chat')).toBe(true);
  }, 90_000);

  it('503 busy: a retry notice, then the answer', async () => {
    const f = await fake({ thinkingStyle: 'field', script: script(400), fault: (_req, n) => (n === 1 ? { kind: 'busy' } : undefined) });
    const a = await app(f.url);
    await a.waitFor(connected, 15_000);
    await ask(a, 'Busy server question');
    await waitWords(a, /Ollama is busy/, 15_000);
    const done = await a.waitFor('papaya', 30_000);
    expect(done).not.toContain('[error]');
    expect(f.requests.filter((r) => r.path === '/api/chat').length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('500 with a runner error: the error text as a sentence', async () => {
    const runner = 'llama runner process has terminated: exit status 2';
    const f = await fake({ thinkingStyle: 'field', script: script(400), fault: { kind: 'status', status: 500, error: runner } });
    const a = await app(f.url);
    await a.waitFor(connected, 15_000);
    await ask(a, 'Runner crash question');
    const s = await waitWords(a, /Ollama reported an error: llama runner process has terminated: exit status 2\./, 20_000);
    expectNoStackTrace(s);
  }, 60_000);

  it('an error line mid-stream: partial kept, the error as a sentence', async () => {
    const f = await fake({
      thinkingStyle: 'field',
      script: script(100),
      fault: { kind: 'error-line', afterChunks: 12, error: 'an error was encountered while running the model' },
    });
    const a = await app(f.url);
    await a.waitFor(connected, 15_000);
    await ask(a, 'Error line question');
    const s = await waitWords(a, /The model stopped with an error: an error was encountered while running the model/, 20_000);
    expect(words(s)).toMatch(/Fact 1 about/);
    expect(s).not.toContain('papaya');
    expectNoStackTrace(s);
  }, 60_000);

  it('a malformed NDJSON line: a warning, and the stream goes on to the end', async () => {
    const f = await fake({ thinkingStyle: 'field', script: script(200), fault: { kind: 'malformed', afterChunks: 10 } });
    const a = await app(f.url);
    await a.waitFor(connected, 15_000);
    await ask(a, 'Malformed line question');
    await waitWords(a, /could not read/, 20_000);
    const done = await a.waitFor('papaya', 20_000);
    expect(done).not.toContain('[error]');
  }, 60_000);

  it('a stream that ends without done: partial kept, cut-off message', async () => {
    const f = await fake({ thinkingStyle: 'field', script: script(200), fault: { kind: 'no-done', afterChunks: 1_000 } });
    const a = await app(f.url);
    await a.waitFor(connected, 15_000);
    await ask(a, 'No done question');
    const s = await waitWords(a, /cut off|closed before the end/i, 20_000);
    expect(s).toContain('papaya'); // every chunk arrived, only done is missing
    expectNoStackTrace(s);
  }, 60_000);

  it('response headers after 61 s (a cold 70B load) are waited for, with no timeout error', async () => {
    const f = await fake({ thinkingStyle: 'field', script: script(400), headerDelayMs: 61_000 });
    const a = await app(f.url);
    await a.waitFor(connected, 15_000);
    const started = Date.now();
    await ask(a, 'Cold load question');
    // while Ollama says nothing, the screen says what is going on and counts up
    const waiting = await waitWords(a, /loading model[^0-9]{0,20}[3-9]\d? s/, 60_000);
    expect(words(waiting)).not.toMatch(/took too long|did not answer|timed out|\[error\]/i);
    const done = await a.waitFor('papaya', 90_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60_000);
    expect(words(done)).not.toMatch(/took too long|did not answer|timed out|\[error\]/i);
  }, 120_000);

  it('connection reset mid-stream: partial kept and marked, a sentence, and the next question works', async () => {
    const f = await fake({
      thinkingStyle: 'field',
      script: script(40),
      fault: (req, n) => (req.path === '/api/chat' && n === 1 ? { kind: 'drop', afterChunks: 15 } : undefined),
    });
    const a = await app(f.url);
    await a.waitFor(connected, 15_000);
    await ask(a, 'Tell me the facts');
    const cut = await waitWords(a, /\[(stopped|error)\]/, 20_000);
    expect(words(cut)).toMatch(/Fact 1 about/);
    expect(words(cut)).toMatch(/cut off|closed|reset/i);
    expectNoStackTrace(cut);
    await a.waitFor((s) => /\bidle\b/.test(s) || !/answering|thinking/.test(words(s)), 10_000);
    await ask(a, 'Again please');
    await a.waitFor('papaya', 20_000);
  }, 60_000);

  it('server restarted between turns: the next question works without a restart of r1-tui', async () => {
    const first = await startFakeOllama({ thinkingStyle: 'field', script: script(400) });
    const port = first.port;
    const a = await app(first.url);
    await a.waitFor(connected, 15_000);
    await ask(a, 'First question');
    await a.waitFor('papaya', 20_000);
    await first.close();
    await fake({ port, thinkingStyle: 'field', script: () => scriptFromText('New server.', 'Answer from the restarted server: mango.', 400) });
    await a.waitFor(connected, 40_000);
    await ask(a, 'Second question');
    const s = await a.waitFor('mango', 20_000);
    expectNoStackTrace(s);
  }, 90_000);
});

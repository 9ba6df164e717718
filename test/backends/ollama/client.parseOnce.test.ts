/**
 * Issue 15: every NDJSON line of a streamed reply is parsed exactly once. r1-tui reads /api/chat and
 * /api/pull itself (src/backends/ollama/ndjson.ts) instead of filtering the lines and handing them to
 * ollama-js, which parsed each of them a second time. JSON.parse is watched while the client reads;
 * each line sent must be among its arguments exactly once. The streamed requests also keep what
 * ollama-js sent: the same headers and base URL as the other calls.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOllamaClient } from '../../../src/backends/ollama/client.js';
import type { ChatEvent } from '../../../src/backends/ollama/types.js';
import { fakesClosedAfterEach, fullRecordingFiles, loadRecording, recordingScript, replayStyleOf } from '../../fake-ollama/index.js';
import { chunkLine, doneLine, ndjsonHead, sendJson, startTinyServer, type TinyServer } from './tinyServer.js';

const startFake = fakesClosedAfterEach();
let server: TinyServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** How many times JSON.parse was given each of `lines` (compared without the newline). */
function parsesPerLine(spy: { mock: { calls: unknown[][] } }, lines: string[]): number[] {
  const args = spy.mock.calls.map((c) => String(c[0]).trim());
  return lines.map((l) => args.filter((a) => a === l.trim()).length);
}

/** A server that answers any request with these NDJSON lines; a client of it. */
async function serveLines(lines: string[]) {
  server = await startTinyServer((_req, res) => {
    ndjsonHead(res);
    for (const l of lines) res.write(l);
    res.end();
  });
  return createOllamaClient(server.url);
}

describe('one JSON.parse per streamed line', () => {
  it('chat: every line, the malformed one included, is parsed once', async () => {
    const lines = [chunkLine('Okay', ''), chunkLine('', 'The '), '{"model":"m", not json\n', chunkLine('', 'answer'), doneLine()];
    const api = await serveLines(lines);
    const parse = vi.spyOn(JSON, 'parse');
    const events: ChatEvent[] = [];
    for await (const ev of await api.chat({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })) events.push(ev);
    expect(events.map((e) => e.type)).toEqual(['chunk', 'chunk', 'malformed', 'chunk', 'done']);
    expect(parsesPerLine(parse, lines)).toEqual([1, 1, 1, 1, 1]);
  });

  it('pull: every progress line is parsed once', async () => {
    const lines = ['{"status":"pulling manifest"}\n', '{"status":"pulling ab12","digest":"sha256:ab12","total":10,"completed":5}\n', '{"status":"success"}\n'];
    const api = await serveLines(lines);
    const parse = vi.spyOn(JSON, 'parse');
    const statuses: string[] = [];
    for await (const p of await api.pull('m')) statuses.push(p.status);
    expect(statuses).toEqual(['pulling manifest', 'pulling ab12', 'success']);
    expect(parsesPerLine(parse, lines)).toEqual([1, 1, 1]);
  });

  it('a recorded reply replayed by the fake: one parse per line while the client reads', async () => {
    const rec = loadRecording(fullRecordingFiles()[0]!);
    const fake = await startFake({ speed: 50 });
    fake.set({ script: () => recordingScript(rec), thinkingStyle: replayStyleOf(rec) });
    const api = createOllamaClient(fake.url);
    const stream = await api.chat({ model: 'deepseek-r1:8b', messages: [{ role: 'user', content: rec.prompt ?? 'hi' }] });
    const parse = vi.spyOn(JSON, 'parse');
    let chunks = 0;
    for await (const ev of stream) if (ev.type === 'chunk') chunks++;
    // each of the recorded chunk lines and the done line, nothing twice
    expect(chunks).toBe(rec.chunk_count);
    expect(parse).toHaveBeenCalledTimes(rec.chunk_count + 1);
  });
});

describe('streamed requests go out like the others', () => {
  it('same headers and base URL (a trailing slash on the host is dropped) as the non-streaming calls', async () => {
    const seen: Array<{ url: string; headers: Record<string, unknown> }> = [];
    server = await startTinyServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: { ...req.headers } });
      if (req.url === '/api/version') return sendJson(res, 200, { version: '0.12.6' });
      ndjsonHead(res);
      res.end(req.url === '/api/pull' ? '{"status":"success"}\n' : doneLine());
    });
    const api = createOllamaClient(`${server.url}/`);
    await api.version();
    for await (const _ of await api.chat({ model: 'm', messages: [] })) void _;
    for await (const _ of await api.pull('m')) void _;
    expect(seen.map((s) => s.url)).toEqual(['/api/version', '/api/chat', '/api/pull']);
    const pick = (h: Record<string, unknown>) => ({ ua: h['user-agent'], accept: h['accept'], type: h['content-type'] });
    expect(pick(seen[1]!.headers)).toEqual(pick(seen[0]!.headers));
    expect(pick(seen[2]!.headers)).toEqual(pick(seen[0]!.headers));
    expect(String(seen[0]!.headers['user-agent'])).toMatch(/^ollama-js\//);
    expect(server.bodies.find((b) => b.path === '/api/pull')?.body).toEqual({ name: 'm', stream: true });
  });
});

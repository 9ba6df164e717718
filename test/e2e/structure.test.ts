/**
 * Issue 2/7 structural facts, end to end: streaming ~2,000 tokens at 200 tok/s (100 tok/s doubles the
 * run time for no extra signal) into an empty conversation and into one that holds 50 long turns causes
 * no full-screen clear, and the work per frame (bytes per frame, and frames for the same stream) with 50
 * turns stays within GROWTH (2x) of the empty case, and resident memory stays bounded (under 1.5x of the
 * warm process after 50 turns and two long streams). No absolute times are asserted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FakeOllama } from '../../src/fake/server.js';
import { longScript, scriptFromText } from '../../src/fake/scripts.js';
import type { RecordedRequest } from '../../src/fake/types.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';
import { e2eScope, until } from './helpers/scope.js';

const MODEL = 'deepseek-r1:32b';
const STREAM_RATE = 200;
const HISTORY_TURNS = 50;
/**
 * The fake simulates prompt evaluation at 400 tok/s, which with 50 long turns of history is ~90 s per
 * request; `speed` divides that and every chunk gap, so the scripts are built for rate × SPEED.
 */
const SPEED = 1000;
/**
 * How much more the same stream may cost with 50 turns of history. Frames and bytes per frame depend on
 * how the app's frames are coalesced, which a busy machine changes from run to run (fewer, larger frames
 * under load), so the bound is generous; a renderer whose work grows with the conversation (redrawing the
 * history, or the whole screen, per frame) costs many times the empty case and still fails it.
 */
const GROWTH = 2;

const HISTORY_ANSWER = Array.from(
  { length: 12 },
  (_, i) =>
    `Paragraph ${i + 1}: a long history answer that wraps over several rows of the chat pane, so that the ` +
    'conversation grows by many wrapped lines with every turn and a renderer that redraws everything would pay for it.',
).join('\n\n');

const { fake, cleanups } = e2eScope();

const lastUser = (req: RecordedRequest): string => {
  const messages = req.body?.messages as Array<{ role: string; content: string }> | undefined;
  return [...(messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
};

const chatRequests = (f: FakeOllama) =>
  f.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length > 0).length;

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s*kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Send one message and wait until the server finished streaming it and the screen went quiet. */
async function turn(a: AppProcess, f: FakeOllama, text: string, timeoutMs: number): Promise<void> {
  const before = chatRequests(f);
  a.write(text);
  await a.waitFor(text.slice(0, 16), 10_000);
  a.write(KEYS.enter);
  await until(() => chatRequests(f) > before, 10_000, `the request for "${text}"`);
  await until(() => f.active() === 0, timeoutMs, `the reply to "${text}" to finish`);
  // the app ends the turn a moment after the server's last byte; Enter while it still streams is ignored
  await a.waitFor((s) => /│ idle/.test(s), timeoutMs);
}

interface Figures {
  frames: number;
  bytes: number;
  bytesPerFrame: number;
  clears: number;
}

/**
 * Figures for one long answer, counted from the moment its third section heading shows: by then the
 * chat pane is full and scrolls with every row in both cases, so the comparison is about history, not
 * about an empty pane filling up.
 */
async function measuredStream(a: AppProcess, f: FakeOllama, text: string): Promise<Figures> {
  const whole = { clears: a.fullClears };
  const before = chatRequests(f);
  a.write(text);
  await a.waitFor(text.slice(0, 16), 10_000);
  a.write(KEYS.enter);
  await until(() => chatRequests(f) > before, 10_000, `the request for "${text}"`);
  await a.waitFor('3. About', 60_000);
  const start = { frames: a.frames, bytes: a.bytes };
  await until(() => f.active() === 0, 90_000, `the reply to "${text}" to finish`);
  await a.waitFor((s) => /│ idle/.test(s), 90_000);
  await a.settle(400, 5_000);
  const frames = a.frames - start.frames;
  const bytes = a.bytes - start.bytes;
  return { frames, bytes, bytesPerFrame: bytes / Math.max(1, frames), clears: a.fullClears - whole.clears };
}

describe('frame cost does not grow with the conversation', () => {
  it(`streams ~2,000 tokens at ${STREAM_RATE} tok/s with no full clears and the same work per frame after ${HISTORY_TURNS} turns`, async () => {
    const f = await fake({
      thinkingStyle: 'field',
      speed: SPEED,
      script: (req) =>
        /^History turn/.test(lastUser(req)) ? scriptFromText('Quick thought.', HISTORY_ANSWER, 100_000) : longScript(STREAM_RATE / SPEED),
    });
    const a = await spawnApp(['--host', f.url, '--model', MODEL], { cols: 120, rows: 40 });
    cleanups.push(() => a.dispose());
    await a.waitFor((s) => /connected/.test(s.split('\n')[0] ?? '') && (s.split('\n')[0] ?? '').includes(MODEL), 15_000);
    await a.settle(500, 5_000);

    const empty = await measuredStream(a, f, 'Give me a long answer please.');
    if (process.env.E2E_DEBUG) console.log("empty", JSON.stringify(empty));
    expect(empty.clears).toBe(0);
    expect(empty.frames).toBeGreaterThan(20); // it did stream and draw
    const rssWarm = rssMb(a.pid);

    const t0 = Date.now();
    for (let i = 0; i < HISTORY_TURNS; i++) {
      await turn(a, f, `History turn ${i + 1}`, 30_000);
      if (process.env.E2E_DEBUG) console.log(`turn ${i + 1} at ${Date.now() - t0} ms`);
    }
    await a.waitFor("Paragraph 12:", 10_000);
    await a.settle(500, 5_000);

    const full = await measuredStream(a, f, 'Give me a long answer again.');
    const rssAfter = rssMb(a.pid);
    const summary = `empty: ${JSON.stringify(empty)}\n50 turns: ${JSON.stringify(full)}\nRSS ${rssWarm.toFixed(1)} → ${rssAfter.toFixed(1)} MB`;
    console.log(summary);
    expect(full.clears, summary).toBe(0);
    expect(a.fullClears, summary).toBe(0);
    expect(full.bytesPerFrame, summary).toBeLessThanOrEqual(empty.bytesPerFrame * GROWTH);
    expect(full.frames, summary).toBeLessThanOrEqual(empty.frames * GROWTH);
    expect(full.bytes, summary).toBeLessThanOrEqual(empty.bytes * GROWTH);
    // bounded memory: 50 more turns (~120 KB of text) and ~4,000 streamed tokens must not cost more than
    // half again the warm process (a per-frame or per-token leak would; GC swings stay well inside it)
    expect(rssAfter, summary).toBeLessThan(rssWarm * 1.5);
  }, 180_000);
});

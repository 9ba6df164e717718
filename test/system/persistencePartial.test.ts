/**
 * Issue 17: a turn is on disk from the moment it is sent (the question), and its reply as it grows at a
 * bounded rate, so a kill keeps both up to the last flush; readers rebuild it and mark it interrupted.
 * Saved text is sanitized on write and on load (files from older versions may hold raw escapes).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppStore, initialState } from '../../src/session/store.js';
import type { Turn } from '../../src/session/types.js';
import { loadConversation, parseConversationText } from '../../src/system/persistence.js';
import { exportConversation } from '../../src/session/persistenceActions.js';
import { INTERRUPTED_SENTENCE } from '../../src/system/persistencePartial.js';
import { ConversationSaver, PARTIAL_FLUSH_MS } from '../../src/session/persistenceSaver.js';

function streaming(over: Partial<Turn> = {}): Turn {
  return { id: 1, user: 'Why is the sky blue?', model: 'deepseek-r1:8b', thinking: '', answer: '', status: 'streaming', startedAt: 0, thinkingTokens: 0, answerTokens: 0, rev: 0, ...over };
}

let dir: string;
let now: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'r1-partial-'));
  now = Date.parse('2026-12-07T04:00:00Z');
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

function setup() {
  const store = new AppStore(initialState('http://h', 'default', false), 0);
  const saver = new ConversationSaver({ store, dir, clock: () => new Date(now) });
  saver.attach();
  return { store, saver };
}

const lines = (saver: ConversationSaver) => readFileSync(saver.path!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('partial turns', () => {
  it('writes the question at send, the reply at most once per second, the final record at the end', () => {
    const { store, saver } = setup();
    const t = streaming();
    store.update({ turns: [t] });
    store.flush();
    expect(lines(saver)).toMatchObject([{ kind: 'partial', seq: 0, user: 'Why is the sky blue?', answer: '' }]);
    // many chunks within one second: no extra write
    for (let i = 0; i < 20; i++) {
      now += 10;
      t.thinking += 't';
      store.touchTurns();
      store.flush();
    }
    expect(lines(saver)).toHaveLength(1);
    // the timer flushes what arrived once the second is over, even if no chunk comes
    vi.advanceTimersByTime(PARTIAL_FLUSH_MS);
    now += PARTIAL_FLUSH_MS;
    vi.advanceTimersByTime(PARTIAL_FLUSH_MS);
    expect(lines(saver).length).toBe(2);
    expect(lines(saver)[1]).toMatchObject({ kind: 'partial', seq: 1, thinking: 't'.repeat(20), answer: '' });
    now += PARTIAL_FLUSH_MS;
    t.answer = 'Rayleigh ';
    store.touchTurns();
    store.flush();
    expect(lines(saver)[2]).toMatchObject({ seq: 2, thinking: '', answer: 'Rayleigh ' });
    // killed here: a reader rebuilds the turn, marked interrupted
    const killed = loadConversation(dir, saver.id!);
    expect(killed.records).toMatchObject([{ user: 'Why is the sky blue?', thinking: 't'.repeat(20), answer: 'Rayleigh ', status: 'stopped', interrupted: true, error: INTERRUPTED_SENTENCE }]);
    expect(killed.problems).toEqual([]);
    // the end: one final record replaces the partials
    t.answer += 'scattering.';
    t.status = 'done';
    store.touchTurns();
    store.flush();
    const done = loadConversation(dir, saver.id!).records;
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ status: 'done', answer: 'Rayleigh scattering.' });
    expect(done[0]!.interrupted).toBeUndefined();
  });

  it('an interrupted turn keeps the host that was asked (name and URL), sanitized on load', () => {
    const { store, saver } = setup();
    const t = streaming({ host: { name: 'gpu-box', url: 'http://10.0.0.5:11434' } });
    store.update({ turns: [t] });
    store.flush();
    expect(lines(saver)[0]).toMatchObject({ kind: 'partial', seq: 0, host: { name: 'gpu-box', url: 'http://10.0.0.5:11434' } });
    const killed = loadConversation(dir, saver.id!);
    expect(killed.records).toMatchObject([{ host: { name: 'gpu-box', url: 'http://10.0.0.5:11434' }, interrupted: true }]);
    writeFileSync(saver.path!, `${JSON.stringify({ v: 1, kind: 'partial', key: 'k', seq: 0, savedAt: 'x', user: 'q', thinking: '', answer: '', host: { name: 'box\u001b]0;T\u0007', url: 'http://h\u009b2J' } })}\n`);
    expect(loadConversation(dir, saver.id!).records[0]?.host).toEqual({ name: 'box', url: 'http://h' });
  });

  it('a rewritten (not extended) text is saved whole (reset)', () => {
    const text = [
      JSON.stringify({ v: 1, kind: 'partial', key: 'k', seq: 0, savedAt: 'x', user: 'q', model: 'm', thinking: '', answer: 'abc' }),
      JSON.stringify({ v: 1, kind: 'partial', key: 'k', seq: 1, savedAt: 'y', thinking: 'T', answer: 'XY', reset: true }),
      JSON.stringify({ v: 1, kind: 'partial', key: 'k', seq: 2, savedAt: 'z', thinking: '', answer: 'Z' }),
    ].join('\n');
    expect(parseConversationText(`${text}\n`).records).toMatchObject([{ user: 'q', thinking: 'T', answer: 'XYZ', interrupted: true }]);
  });

  it('an export of an interrupted turn says so', () => {
    writeFileSync(join(dir, 'c.jsonl'), `${JSON.stringify({ v: 1, kind: 'partial', key: 'k', seq: 0, savedAt: '2026-12-07T04:00:00Z', user: 'q?', model: 'm', thinking: '', answer: 'half an ans' })}\n`);
    const out = join(dir, 'c.md');
    exportConversation(dir, out, { id: 'c', reasoning: true });
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('q?');
    expect(md).toContain('half an ans');
    expect(md).toContain(`[stopped] ${INTERRUPTED_SENTENCE}`);
  });
});

describe('sanitized on load', () => {
  it('a file saved by an older version with raw escapes from a server loads clean (resume, F6, export)', () => {
    const raw = { v: 1, kind: 'turn', savedAt: '2026-01-01T00:00:00Z', user: 'hi', thinking: 'x\u001B]0;T\u0007y', answer: '**a**\u001B]52;c;QQ==\u0007 漢字 👍\n', model: 'm\u009B2J', quantization: 'Q4\u001B]0;pwned\u0007_K_M', status: 'done', thinkingTokens: 0, answerTokens: 0, timing: {}, error: 'e\u001B[2J' };
    writeFileSync(join(dir, 'old.jsonl'), `${JSON.stringify(raw)}\n`);
    const [r] = loadConversation(dir, 'old').records;
    expect(r).toMatchObject({ thinking: 'xy', answer: '**a** 漢字 👍\n', model: 'm', quantization: 'Q4_K_M', error: 'e' });
    const out = join(dir, 'old.md');
    exportConversation(dir, out, { id: 'old', reasoning: true });
    expect(readFileSync(out, 'utf8')).not.toMatch(/[\u001B\u0080-\u009F\u0007]/);
  });
});

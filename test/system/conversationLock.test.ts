/** Issue 17: two r1-tui processes never append to the same conversation file. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppStore, initialState } from '../../src/session/store.js';
import type { Turn } from '../../src/session/types.js';
import { lockConversation, lockPath, procStartTime, type LockDeps } from '../../src/system/conversationLock.js';
import { loadConversation } from '../../src/system/persistence.js';
import { ConversationSaver } from '../../src/session/persistenceSaver.js';

const dir = () => mkdtempSync(join(tmpdir(), 'r1-lock-'));
const deps = (pid: number, over: Partial<LockDeps> = {}): LockDeps => ({ pid, alive: () => true, startOf: (p) => `start-${p}`, now: () => new Date('2026-12-07T04:30:00Z'), ...over });

describe('conversation lock', () => {
  it('one holder; a second process is refused and told who holds it; released, it can be taken', () => {
    const d = dir();
    const a = lockConversation(d, 'c', deps(100));
    expect(a.ok).toBe(true);
    const b = lockConversation(d, 'c', deps(200));
    expect(b).toEqual({ ok: false, owner: { pid: 100, start: 'start-100', since: '2026-12-07T04:30:00.000Z' } });
    if (a.ok) a.release();
    expect(existsSync(lockPath(d, 'c'))).toBe(false);
    expect(lockConversation(d, 'c', deps(200)).ok).toBe(true);
  });

  it('a lock whose pid is dead, whose pid was reused by a later process, or that is empty is stale', () => {
    const d = dir();
    lockConversation(d, 'dead', deps(100));
    expect(lockConversation(d, 'dead', deps(200, { alive: (p) => p !== 100 })).ok).toBe(true);
    lockConversation(d, 'reused', deps(100));
    expect(lockConversation(d, 'reused', deps(200, { startOf: (p) => (p === 100 ? 'a-later-start' : 'x') })).ok).toBe(true);
    writeFileSync(lockPath(d, 'torn'), '');
    expect(lockConversation(d, 'torn', deps(200)).ok).toBe(true);
  });

  it('reads this process start time from /proc', () => {
    if (!existsSync('/proc/self/stat')) return;
    expect(procStartTime(process.pid)).toMatch(/^\d+$/);
  });
});

function turn(id: number, status: Turn['status'] = 'done'): Turn {
  return { id, user: `q${id}`, model: 'm', thinking: '', answer: `a${id}`, status, startedAt: 0, thinkingTokens: 0, answerTokens: 0, rev: 0 };
}

describe('the saver with a conversation held by another process', () => {
  it('keeps it read-only and writes new turns to a NEW file that starts with copies of its turns', () => {
    const d = dir();
    const store1 = new AppStore(initialState('http://h', 'default', false), 0);
    const first = new ConversationSaver({ store: store1, dir: d, lock: (x, id) => lockConversation(x, id, deps(100)) });
    first.attach();
    store1.update({ turns: [turn(1)] });
    store1.flush();
    const id = first.id!;
    const loaded = loadConversation(d, id);

    const store2 = new AppStore(initialState('http://h', 'default', false), 0);
    const second = new ConversationSaver({ store: store2, dir: d, lock: (x, i) => lockConversation(x, i, deps(200)) });
    const adopted = second.adopt(id, loaded.records);
    expect(adopted).toMatchObject({ ok: false, owner: { pid: 100 } });
    store2.update({ turns: [turn(1)] });
    second.attach();
    store2.update({ turns: [turn(1), turn(2)] });
    store2.flush();
    expect(second.id).not.toBe(id);
    expect(loadConversation(d, second.id!).records.map((r) => r.user)).toEqual(['q1', 'q2']);
    // the first file got nothing from the second process
    expect(loadConversation(d, id).records.map((r) => r.user)).toEqual(['q1']);
    second.detach();
    first.detach();
    expect(readdirSync(d).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });
});

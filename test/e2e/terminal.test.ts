/**
 * Issue 7 terminal faults end to end: 200 random resizes between 20x8 and 300x100 while streaming, then a
 * correct screen; SIGHUP and SIGTERM each restore the terminal (main screen, cursor), save the
 * conversation with the streaming answer marked stopped, and end the process;
 * a terminal below the minimum shows the "Terminal too small" sentence and recovers when enlarged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../fuzz/keySequences.js';
import type { FakeOllama } from '../../src/fake/server.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const ANSWER = Array.from({ length: 120 }, (_, i) => `Point ${i + 1} of the answer.`).join(' ') + ' Final word: guava.';

const { fake, cleanups } = e2eScope();

async function app(f: FakeOllama, cols: number, rows: number): Promise<AppProcess> {
  const a = await spawnApp(['--host', f.url, '--model', MODEL], { cols, rows });
  cleanups.push(() => a.dispose());
  return a;
}

const header = (s: string): string => s.split('\n')[0] ?? '';


describe('terminal', () => {
  it('200 random resizes while streaming, then a correct screen', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Thinking about points.', ANSWER, 60) });
    const a = await app(f, 120, 40);
    await a.waitFor((s) => /connected/.test(header(s)) && header(s).includes(MODEL), 15_000);
    a.write('List many points');
    await a.waitFor('List many points', 10_000);
    a.write(KEYS.enter);
    await a.waitFor('Point 2 of', 20_000);
    const random = mulberry32(20261128);
    for (let i = 0; i < 200; i++) {
      const cols = 20 + Math.floor(random() * 281);
      const rows = 8 + Math.floor(random() * 93);
      a.resize(cols, rows);
      await new Promise((r) => setTimeout(r, 5 + Math.floor(random() * 15)));
    }
    expect(f.active(), 'the stream should still be running during the resizes').toBe(1);
    a.resize(120, 40);
    const done = await a.waitFor('guava', 60_000);
    await a.settle(500, 10_000);
    const screen = a.screen();
    const rows = screen.split('\n');
    expect(header(screen)).toMatch(/r1-tui/);
    expect(header(screen)).toContain(MODEL);
    expect(rows.filter((r) => r.trim() !== '').at(-1)).toMatch(/F1 help/);
    for (const row of rows) expect(stringWidth(row), row).toBeLessThanOrEqual(120);
    expect(done).toContain('guava');
    expect(screen).not.toMatch(/Terminal too small/);
    // the app is alive and reads keys
    a.write('after resize');
    await a.waitFor('after resize', 10_000);
  }, 90_000);

  it.each(['SIGHUP', 'SIGTERM'])('%s restores the terminal and ends the process', async (signal) => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Thinking.', ANSWER, 30) });
    const a = await app(f, 100, 30);
    await a.waitFor((s) => /connected/.test(header(s)) && header(s).includes(MODEL), 15_000);
    a.write('Stream something');
    await a.waitFor('Stream something', 10_000);
    a.write(KEYS.enter);
    await a.waitFor('Point 1 of', 20_000);
    expect(a.terminalRestored()).toBe(false);
    a.kill(signal);
    await a.waitExit(10_000);
    expect(a.terminalRestored()).toBe(true);
    const raw = a.raw();
    expect(raw.slice(raw.lastIndexOf('\u001B[?1049l'))).toContain('\u001B[?25h');
    // the conversation is saved, the answer cut by the signal included (as stopped)
    const dir = join(a.home, '.local', 'share', 'r1-tui', 'conversations');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const record = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8').trim().split('\n').at(-1)!) as { user: string; status: string; answer: string };
    expect(record).toMatchObject({ user: 'Stream something', status: 'stopped' });
    expect(record.answer).toContain('Point 1 of');
  }, 60_000);

  it('a terminal below the minimum shows "Terminal too small", and the app comes back when enlarged', async () => {
    const f = await fake({ thinkingStyle: 'field' });
    const a = await app(f, 50, 12);
    const small = await a.waitFor(/Terminal too small/, 15_000);
    expect(small.replace(/\n/g, ' ')).toMatch(/50x12/);
    for (const row of small.split('\n')) expect(stringWidth(row)).toBeLessThanOrEqual(50);
    a.resize(100, 30);
    const big = await a.waitFor((s) => /connected/.test(header(s)) && header(s).includes(MODEL) && /F1 help/.test(s), 15_000);
    expect(big).not.toMatch(/Terminal too small/);
  }, 60_000);
});

describe('start-up', () => {
  it('a Ctrl+D pressed the moment the screen switches (before Ink mounts) quits instead of being eaten as end-of-file', async () => {
    const f = await fake({ thinkingStyle: 'field' });
    const a = await spawnApp(['--host', f.url, '--model', MODEL], { cols: 100, rows: 30 });
    cleanups.push(() => a.dispose());
    await until(() => a.raw().includes('\u001B[?1049h'), 20_000, 'the app to switch to the alternate screen', 1);
    a.write(KEYS.ctrlD);
    const exit = await a.waitExit(15_000);
    expect(exit.exitCode).toBe(0);
    expect(a.terminalRestored()).toBe(true);
  }, 40_000);
});

/**
 * Issue 7, end to end: an uncaught exception in the running app (thrown by a test-only preload on
 * SIGUSR2 while an answer streams) leaves the terminal restored — main screen, cursor visible, and the
 * tty back in cooked mode with echo on (checked with `stty -a` run in the same pty after the app) — prints
 * one human line, and saves the conversation, the streaming turn included, as stopped.
 * Also: a data directory that cannot be written shows one warning and the chat goes on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../../src/fake/scripts.js';
import { e2eScope, ask, until } from './helpers/scope.js';
import { builtCliPath, repoRoot, spawnApp, spawnCommand } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const ANSWER = Array.from({ length: 40 }, (_, i) => `Point ${i + 1} of a long answer that keeps streaming.`).join(' ');
const header = (s: string): string => s.split('\n')[0] ?? '';
const { fake, cleanups } = e2eScope();

async function waitForFile(file: string, ms: number): Promise<string> {
  await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() !== '', ms, `${file} to appear`, 50);
  return fs.readFileSync(file, 'utf8').trim();
}

describe('crash and disk faults', () => {
  it('an uncaught exception restores the terminal (screen, cursor, echo) and saves the streaming turn', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Thinking first.', ANSWER, 30) });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-crash-e2e-'));
    cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
    const pidFile = path.join(tmp, 'pid');
    const dataHome = path.join(tmp, 'data');
    const preload = path.join(repoRoot(), 'test', 'e2e', 'helpers', 'crashOnSignal.mjs');
    const { bin } = builtCliPath();
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    // the app, then `stty -a` in the same pty: it prints the line discipline the app left behind
    const script = `${quote(process.execPath)} --import ${quote(preload)} ${quote(bin)} --host ${quote(f.url)} --model ${MODEL}; echo "exit=$?"; stty -a; sleep 30`;
    const a = await spawnCommand('/bin/sh', ['-c', script], {
      cols: 120,
      rows: 40,
      env: { R1_TEST_PID_FILE: pidFile, XDG_DATA_HOME: dataHome },
    });
    cleanups.push(() => a.dispose());
    await a.waitFor((s) => /connected/.test(header(s)) && header(s).includes(MODEL), 15_000);
    await ask(a, 'Stream something long');
    await a.waitFor('Point 2 of', 20_000);
    expect(a.terminalRestored()).toBe(false);
    const pid = Number(await waitForFile(pidFile, 5_000));
    process.kill(pid, 'SIGUSR2');

    const after = await a.waitFor(/exit=\d+[\s\S]*extproc/, 15_000);
    expect(after).toMatch(/exit=1/);
    expect(after).toContain('r1-tui stopped because of an unexpected error: injected crash');
    expect(a.terminalRestored()).toBe(true);
    const raw = a.raw();
    expect(raw.slice(raw.lastIndexOf('\u001B[?1049l'))).toContain('\u001B[?25h');
    // cooked mode again: stty lists "echo" and "icanon", not "-echo" / "-icanon"
    const words = after.replace(/\n/g, ' ').split(/[\s;]+/);
    expect(words).toContain('echo');
    expect(words).toContain('icanon');
    expect(words).not.toContain('-echo');
    expect(words).not.toContain('-icanon');

    const dir = path.join(dataHome, 'r1-tui', 'conversations');
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    const record = JSON.parse(fs.readFileSync(path.join(dir, files[0]!), 'utf8').trim().split('\n').at(-1)!) as { user: string; status: string; answer: string; error?: string };
    expect(record.user).toBe('Stream something long');
    expect(record.status).toBe('stopped');
    expect(record.answer).toContain('Point 1 of');
    expect(record.error).toContain('unexpected error');
  }, 60_000);

  it('a data directory that cannot be written: one warning, and the chat goes on', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Short thought.', 'A short answer about pears.', 60) });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'r1-rodata-e2e-'));
    cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
    // a regular file where the data directory should be: mkdir fails even for root (ENOTDIR)
    const blocker = path.join(tmp, 'data');
    fs.writeFileSync(blocker, 'not a directory');
    const a = await spawnApp(['--host', f.url, '--model', MODEL], { cols: 120, rows: 40, env: { XDG_DATA_HOME: blocker } });
    cleanups.push(() => a.dispose());
    await a.waitFor((s) => /connected/.test(header(s)) && header(s).includes(MODEL), 15_000);
    await ask(a, 'Tell me about pears');
    // the question is saved the moment it is sent (issue 17), so the warning comes then; the answer still arrives
    await a.waitFor((s) => /Could not save this conversation/.test(s.replace(/\n│?\s*/g, ' ')), 20_000);
    await a.waitFor((s) => s.includes('pears.'), 20_000);
    await a.waitFor((s) => /\bidle\b/.test(s), 20_000);
    await ask(a, 'And apples?');
    await a.waitFor((s) => (s.match(/pears\./g) ?? []).length >= 2, 20_000);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('not a directory');
  }, 60_000);
});

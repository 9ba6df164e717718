/**
 * Issue 17, suspend: SIGTSTP and Ctrl+Z give the terminal back (main screen, cursor shown, cooked mode
 * as `stty -a` of the pty shows it) and stop the process; SIGCONT takes the full screen again, repaints
 * every row (the alternate screen comes back empty) and keys work as before (Enter sends).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const { cleanups } = e2eScope();

const header = (s: string): string => s.split('\n')[0] ?? '';

/** The process state letter from /proc (R, S, T = stopped, ...). */
function procState(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '?';
}

/** `stty -a` of the app's terminal (its stdin is the pty's slave side). */
function sttyOf(pid: number): string {
  const tty = readlinkSync(`/proc/${pid}/fd/0`);
  return execFileSync('stty', ['-a', '-F', tty], { encoding: 'utf8' });
}

const flags = (stty: string): Set<string> => new Set(stty.split(/[\s;]+/));

async function demo(): Promise<AppProcess> {
  const a = await spawnApp(['--demo'], { cols: 100, rows: 30, env: { OLLAMA_HOST: 'http://127.0.0.1:9' } });
  cleanups.push(() => a.dispose());
  await a.waitFor((s) => /DEMO/.test(header(s)) && /connected/.test(header(s)) && /F1 help/.test(s), 20_000);
  return a;
}

async function expectStoppedAndRestored(a: AppProcess): Promise<void> {
  await until(() => procState(a.pid) === 'T', 10_000, 'the app is stopped');
  expect(a.terminalRestored()).toBe(true);
  const tty = flags(sttyOf(a.pid));
  // cooked mode: canonical input, echo, CR→NL on input, signals from the keyboard
  for (const on of ['icanon', 'echo', 'icrnl', 'isig']) expect(tty.has(on), `${on} in stty -a`).toBe(true);
  // the alternate screen is gone: what xterm shows is the main screen (no header, no footer); the
  // emulator parses asynchronously, so read the screen once it has caught up with the bytes checked above
  await a.parsed();
  expect(a.screen()).not.toContain('F1 help');
}

async function expectResumed(a: AppProcess, draft: string): Promise<void> {
  // the alternate screen comes back empty: the header, the footer and the draft must be drawn again
  const screen = await a.waitFor((s) => /DEMO/.test(header(s)) && /F1 help/.test(s) && s.includes(draft), 10_000);
  expect(screen).toContain(draft);
  expect(procState(a.pid)).not.toBe('T');
  const tty = flags(sttyOf(a.pid));
  for (const off of ['-icanon', '-echo']) expect(tty.has(off), `${off} in stty -a`).toBe(true);
  const raw = a.raw();
  expect(raw.lastIndexOf('\u001B[?1049h')).toBeGreaterThan(raw.lastIndexOf('\u001B[?1049l'));
  // the cursor's visibility is set again after re-entering (the screen writer forgot it on repaint)
  expect(Math.max(raw.lastIndexOf('\u001B[?25l'), raw.lastIndexOf('\u001B[?25h'))).toBeGreaterThan(raw.lastIndexOf('\u001B[?1049h'));
}

describe('suspend and resume', () => {
  it('kill -TSTP restores the terminal and stops; kill -CONT repaints and Enter still sends', async () => {
    const a = await demo();
    a.write('draft before stop');
    await a.waitFor('draft before stop');
    a.kill('SIGTSTP');
    await expectStoppedAndRestored(a);
    a.kill('SIGCONT');
    await expectResumed(a, 'draft before stop');
    a.write(' and after');
    await a.waitFor('draft before stop and after');
    a.write(KEYS.enter);
    // sent: the question shows in the chat and the input box is empty again
    await a.waitFor((s) => s.includes('draft before stop and after') && s.includes('Ask something'), 15_000);
  }, 60_000);

  it('Ctrl+Z (byte 0x1A) suspends the same way; SIGCONT brings it back; it can suspend again', async () => {
    const a = await demo();
    a.write('typed then ctrl z');
    await a.waitFor('typed then ctrl z');
    a.write('\u001A');
    await expectStoppedAndRestored(a);
    a.kill('SIGCONT');
    await expectResumed(a, 'typed then ctrl z');
    a.write('\u001A');
    await expectStoppedAndRestored(a);
    a.kill('SIGCONT');
    await expectResumed(a, 'typed then ctrl z');
    a.write(KEYS.enter);
    await a.waitFor((s) => s.includes('typed then ctrl z') && s.includes('Ask something'), 15_000);
  }, 60_000);
});

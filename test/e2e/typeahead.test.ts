/**
 * Issue 17, type-ahead: a question typed before the app is ready ("question⏎", read by the terminal in
 * cooked mode, where Enter arrives as a line feed) is sent once the app is ready, as Enter would; text
 * with no Enter after it stays in the input box as a draft, without a line break.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eScope, until } from './helpers/scope.js';
import { spawnApp, type AppProcess } from './helpers/pty.js';

const { cleanups } = e2eScope();
const header = (s: string): string => s.split('\n')[0] ?? '';
const inputRows = (s: string): string[] => {
  const rows = s.split('\n');
  const start = rows.findIndex((l) => l.startsWith('│> '));
  const end = rows.findIndex((l, i) => i > start && l.startsWith('└'));
  return start < 0 ? [] : rows.slice(start, end).map((l) => l.slice(3).replace(/\s*│$/, ''));
};

async function startTyping(text: string): Promise<AppProcess> {
  const a = await spawnApp(['--demo'], { cols: 100, rows: 30, env: { OLLAMA_HOST: 'http://127.0.0.1:9' } });
  cleanups.push(() => a.dispose());
  // typed at once, long before the app has switched the terminal to raw mode
  a.write(text);
  return a;
}

describe('type-ahead', () => {
  it('"question⏎" typed before start-up is sent once the app is ready, and the input box is empty', async () => {
    const a = await startTyping('What is type-ahead?\r');
    // the demo answers it: the question went out as one message, with no line break in it
    const screen = await a.waitFor((s) => /connected/.test(header(s)) && s.includes('r1-tui demo backend'), 20_000);
    expect(inputRows(screen)[0]).toMatch(/^Ask something/);
    expect(screen).not.toMatch(/Still connecting/);
    const dir = join(a.home, '.local', 'share', 'r1-tui', 'conversations');
    await until(() => existsSync(dir) && readdirSync(dir).length > 0, 20_000, 'the conversation file', 100);
    const file = readdirSync(dir)[0]!;
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8').trim().split('\n')[0]!) as { user: string };
    expect(record.user).toBe('What is type-ahead?');
  }, 60_000);

  it('text typed before start-up with no Enter stays a one-line draft', async () => {
    const a = await startTyping('half a question');
    const screen = await a.waitFor((s) => /connected/.test(header(s)) && s.includes('half a question'), 20_000);
    expect(inputRows(screen)[0]).toBe('half a question');
    expect(screen).not.toMatch(/^\s*you\s+half/m);
  }, 60_000);
});

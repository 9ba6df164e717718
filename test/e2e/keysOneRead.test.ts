/**
 * Issue 17, keys end to end: Ctrl/Shift/Alt+F1..F4 and a paste with SGR codes keep the app and the
 * draft; F6, ↓ and Enter arriving in one read (as over SSH) open the entry ↓ chose, and the next turn
 * is appended to that conversation.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConversationText } from '../../src/system/persistence.js';
import { e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const { cleanups } = e2eScope();
const ESC = '\u001B';
const header = (s: string): string => s.split('\n')[0] ?? '';

async function demo(): Promise<AppProcess> {
  const a = await spawnApp(['--demo'], { cols: 100, rows: 30, env: { OLLAMA_HOST: 'http://127.0.0.1:9' } });
  cleanups.push(() => a.dispose());
  await a.waitFor((s) => /DEMO/.test(header(s)) && /connected/.test(header(s)) && /F1 help/.test(s), 20_000);
  return a;
}

/**
 * The saved conversations, read the way the app reads them (partial records written while a reply
 * streams are folded into their turn; a turn is the final record, or the partial one if none came):
 * for each file, its turns' questions and statuses.
 */
function saved(a: AppProcess): Array<Array<{ user: string; status: string }>> {
  const dir = join(a.home, '.local', 'share', 'r1-tui', 'conversations');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((f) => parseConversationText(readFileSync(join(dir, f), 'utf8')).records);
}

/** Send a question and wait until its answer is done and saved. */
async function askAndWait(a: AppProcess, text: string): Promise<void> {
  a.write(text);
  await a.waitFor(text);
  a.write(KEYS.enter);
  await until(
    () => saved(a).some((records) => records.some((r) => r.user === text && r.status === 'done')),
    40_000,
    () => `"${text}" to be answered and saved; screen:\n${a.screen()}`,
    100,
  );
  await a.waitFor((s) => /│ idle/.test(s), 10_000);
}

describe('keys end to end', () => {
  it('Ctrl/Shift/Alt+F1..F4 and a paste with SGR codes: still running, draft kept', async () => {
    const a = await demo();
    a.write('my draft');
    await a.waitFor('my draft');
    for (const m of [2, 3, 4, 5, 6, 7, 8]) for (const l of 'PQRS') a.write(`${ESC}[1;${m}${l}`);
    a.write(` pasted ${ESC}[31mred${ESC}[0m text`);
    const screen = await a.waitFor('my draft pasted red text', 10_000);
    expect(screen).toContain('F1 help');
    a.write(KEYS.enter);
    await a.waitFor((s) => /you\s+my draft pasted red text/.test(s), 10_000);
  }, 60_000);

  it('F6 ↓ Enter in one write opens the second newest conversation; the next turn is appended to it', async () => {
    const a = await demo();
    await askAndWait(a, 'alpha question');
    a.write('\u000E'); // Ctrl+N
    await a.waitFor(/New conversation/, 10_000);
    await askAndWait(a, 'beta question');
    a.write(`${ESC}[17~${KEYS.down}${KEYS.enter}`);
    await a.waitFor(/Opened a conversation of 1 turn/, 10_000);
    await askAndWait(a, 'gamma question');
    const users = saved(a).map((records) => records.map((r) => r.user));
    expect(users.find((u) => u[0] === 'alpha question')).toEqual(['alpha question', 'gamma question']);
    expect(users.find((u) => u[0] === 'beta question')).toEqual(['beta question']);
  }, 120_000);
});

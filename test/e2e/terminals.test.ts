/**
 * Issue 17, terminals: TERM=dumb is refused with one line on stderr and exit code 2 (no escape sequence
 * written); LANG=C / LC_ALL=C get an all-ASCII screen with + - | borders.
 */
import { describe, expect, it } from 'vitest';
import { e2eScope } from './helpers/scope.js';
import { spawnApp } from './helpers/pty.js';

const { cleanups } = e2eScope();
const header = (s: string): string => s.split('\n')[0] ?? '';

describe('terminals', () => {
  it('TERM=dumb: one sentence, exit code 2, no cursor addressing', async () => {
    const a = await spawnApp(['--demo'], { cols: 100, rows: 30, env: { TERM: 'dumb', OLLAMA_HOST: 'http://127.0.0.1:9' } });
    cleanups.push(() => a.dispose());
    const exit = await a.waitExit(20_000);
    expect(exit.exitCode).toBe(2);
    const raw = a.raw();
    expect(raw).toMatch(/^r1-tui: TERM=dumb cannot move the cursor[^\n]*\r?\n$/);
    expect(raw).not.toContain('\u001B');
  }, 30_000);

  it.each<Record<string, string>>([{ LANG: 'C' }, { LANG: 'en_US.UTF-8', LC_ALL: 'C' }])('%o: the screen is ASCII with +-| borders', async (env) => {
    const a = await spawnApp(['--demo'], { cols: 120, rows: 40, env: { ...env, OLLAMA_HOST: 'http://127.0.0.1:9' } });
    cleanups.push(() => a.dispose());
    const screen = await a.waitFor((s) => /DEMO/.test(header(s)) && /connected/.test(header(s)) && /F1 help/.test(s), 20_000);
    await a.settle(300, 5_000);
    const now = a.screen();
    expect([...now].filter((c) => c.charCodeAt(0) > 0x7e).join('')).toBe('');
    const rows = now.split('\n');
    expect(rows.some((r) => /^\+ Chat -+\+/.test(r))).toBe(true);
    expect(rows.some((r) => /^\|.*\|$/.test(r))).toBe(true);
    expect(screen).toContain('F1 help');
  }, 30_000);
});

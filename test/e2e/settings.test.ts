/**
 * Issue 6, end to end: Alt+S sets a system prompt and a temperature for the conversation; the next
 * request to Ollama carries them (system message first, options.temperature); quitting and
 * `r1-tui --resume` brings them back and the next request carries them again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeOllama } from '../../src/fake/server.js';
import type { RecordedRequest } from '../../src/fake/types.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { ask, e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const ALT_S = '\u001Bs';
const { fake, cleanups } = e2eScope();
const header = (s: string): string => s.split('\n')[0] ?? '';

const questions = (f: FakeOllama): RecordedRequest[] =>
  f.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length > 0);

describe('conversation settings (Alt+S)', () => {
  it('system prompt and temperature reach Ollama, are saved, and come back with --resume', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Short thought.', 'Terse answer: kiwi.', 200) });
    const base = mkdtempSync(join(tmpdir(), 'r1-e2e-settings-'));
    cleanups.push(async () => rmSync(base, { recursive: true, force: true }));
    const env = { XDG_DATA_HOME: join(base, 'data'), XDG_CONFIG_HOME: join(base, 'config') };

    const a = await spawnApp(['--host', f.url, '--model', MODEL], { cols: 120, rows: 40, env });
    cleanups.push(() => a.dispose());
    await a.waitFor((s) => /connected/.test(header(s)) && header(s).includes(MODEL), 15_000);
    a.write(ALT_S);
    await a.waitFor('Conversation settings', 10_000);
    a.write('You are terse.');
    await a.waitFor('You are terse.', 10_000);
    a.write(KEYS.down);
    a.write('0.6');
    await a.waitFor(/temperature 0\.6/, 10_000);
    a.write(KEYS.enter);
    await a.waitFor((s) => header(s).includes('sys+opts') && /Used from the next question/.test(s), 10_000);

    await ask(a, 'Say something');
    await a.waitFor('kiwi', 20_000);
    await until(() => questions(f).length >= 1, 10_000, 'the chat request');
    const first = questions(f)[0]!.body as { messages: Array<{ role: string; content: string }>; options?: Record<string, unknown> };
    expect(first.messages[0]).toEqual({ role: 'system', content: 'You are terse.' });
    expect(first.options).toMatchObject({ temperature: 0.6 });
    await a.waitFor((s) => /\bidle\b/.test(s), 10_000);
    a.write(KEYS.ctrlD);
    await a.waitExit(10_000);
    // the saved turn carries what the request carried
    const dir = join(base, 'data', 'r1-tui', 'conversations');
    const saved = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8').trim().split('\n').at(-1)!) as { system?: string; options?: Record<string, unknown> };
    expect(saved.system).toBe('You are terse.');
    expect(saved.options).toMatchObject({ temperature: 0.6 });

    const b = await spawnApp(['--host', f.url, '--model', MODEL, '--resume'], { cols: 120, rows: 40, env });
    cleanups.push(() => b.dispose());
    await b.waitFor((s) => header(s).includes('sys+opts') && s.includes('kiwi'), 15_000);
    await ask(b, 'And again');
    await until(() => questions(f).length >= 2, 15_000, 'the second chat request');
    const second = questions(f)[1]!.body as { messages: Array<{ role: string; content: string }>; options?: Record<string, unknown> };
    expect(second.messages[0]).toEqual({ role: 'system', content: 'You are terse.' });
    expect(second.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['Say something', 'And again']);
    expect(second.options).toMatchObject({ temperature: 0.6 });
  }, 90_000);
});

/**
 * Issue 17, end to end against the built CLI in a pty: kill -9 mid-answer keeps the question and the
 * answer up to the last flush (marked interrupted on --resume); two processes that --resume the same
 * conversation never write one file; a FIFO or /dev/zero where a file belongs is refused at startup,
 * --resume and --export without hanging; a server that answers HTML is described, not guessed at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../../src/fake/scripts.js';
import { loadConversation } from '../../src/system/persistence.js';
import { ask, e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const ANSWER = Array.from({ length: 60 }, (_, i) => `Step${i + 1} of a slow answer.`).join(' ');
const { fake, cleanups } = e2eScope();
const flat = (s: string) => s.replace(/\n│?\s*/g, ' ');

function base(): { dir: string; env: Record<string, string>; conv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'r1-e2e-rel-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const env = { XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
  return { dir, env, conv: join(dir, 'data', 'r1-tui', 'conversations') };
}

async function app(args: string[], env: Record<string, string>): Promise<AppProcess> {
  const a = await spawnApp(args, { cols: 120, rows: 40, env });
  cleanups.push(() => a.dispose());
  return a;
}

const conversationIds = (conv: string) => readdirSync(conv).filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length)).sort();

describe('crash-safe turns', () => {
  it('kill -9 mid-answer: --resume shows the question and the answer up to the last flush, marked interrupted', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('A short thought.', ANSWER, 12) });
    const { env, conv } = base();
    const a = await app(['--host', f.url, '--model', MODEL], env);
    await a.waitFor(/connected/, 15_000);
    await ask(a, 'Count slowly please');
    await a.waitFor('Step3 of', 30_000);
    // wait on the FILE until the saver has flushed some of the answer (at most once a second)
    const savedAnswer = (): string => {
      const ids = existsSync(conv) ? conversationIds(conv) : [];
      return ids[0] ? (loadConversation(conv, ids[0]).records[0]?.answer ?? '') : '';
    };
    await until(() => savedAnswer().includes('Step2 of'), 15_000, 'the saver to flush "Step2 of" to the file', 100);
    a.kill('SIGKILL');
    await a.waitExit(10_000);
    const [id] = conversationIds(conv);
    const [record] = loadConversation(conv, id!).records;
    expect(record).toMatchObject({ user: 'Count slowly please', status: 'stopped', interrupted: true });
    expect(ANSWER.startsWith(record!.answer)).toBe(true);
    expect(record!.answer.length).toBeGreaterThan(0);
    expect(record!.answer.length).toBeLessThan(ANSWER.length);

    const b = await app(['--host', f.url, '--model', MODEL, '--resume'], env);
    const screen = flat(await b.waitFor((s) => s.includes('Count slowly please') && /interrupted/.test(flat(s)), 15_000));
    expect(screen).toMatch(/\[stopped\] interrupted: r1-tui ended before this reply did/);
    expect(screen).toContain('Step1 of');
    b.write(KEYS.ctrlD);
    await b.waitExit(10_000);
  }, 90_000);
});

describe('two processes on one conversation', () => {
  it('the second --resume is read-only and its new turn starts a new conversation; the first file is never mixed', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Thinking.', 'An answer.', 200) });
    const { env, conv } = base();
    const first = await app(['--host', f.url, '--model', MODEL], env);
    await first.waitFor(/connected/, 15_000);
    await ask(first, 'First question');
    await first.waitFor((s) => s.includes('An answer.') && /\bidle\b/.test(s), 20_000);
    const [original] = conversationIds(conv);
    expect(readdirSync(conv)).toContain(`${original}.lock`);

    const second = await app(['--host', f.url, '--model', MODEL, '--resume'], env);
    const notice = flat(await second.waitFor((s) => /Read-only: another r1-tui/.test(flat(s)), 15_000));
    await second.waitFor((s) => /connected/.test(s.split('\n')[0] ?? ''), 20_000); // before asking
    expect(notice).toMatch(new RegExp(`Read-only: another r1-tui \\(pid ${first.pid}`));
    expect(notice).toContain('First question');
    await ask(second, 'Second question');
    await second.waitFor((s) => (s.match(/An answer\./g) ?? []).length >= 2 && /\bidle\b/.test(s), 20_000);
    await ask(first, 'Third question');
    await first.waitFor((s) => (s.match(/An answer\./g) ?? []).length >= 2 && /\bidle\b/.test(s), 20_000);

    const ids = conversationIds(conv);
    expect(ids).toHaveLength(2);
    const copy = ids.find((i) => i !== original)!;
    expect(loadConversation(conv, original!).records.map((r) => r.user)).toEqual(['First question', 'Third question']);
    expect(loadConversation(conv, copy).records.map((r) => r.user)).toEqual(['First question', 'Second question']);

    first.write(KEYS.ctrlD);
    second.write(KEYS.ctrlD);
    await first.waitExit(10_000);
    await second.waitExit(10_000);
    expect(readdirSync(conv).filter((n) => n.endsWith('.lock'))).toEqual([]);
  }, 90_000);

  it('a lock left by a kill -9 is stale: the next --resume writes the conversation itself', async () => {
    const f = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Thinking.', 'An answer.', 200) });
    const { env, conv } = base();
    const first = await app(['--host', f.url, '--model', MODEL], env);
    await first.waitFor(/connected/, 15_000);
    await ask(first, 'Before the kill');
    await first.waitFor((s) => s.includes('An answer.') && /\bidle\b/.test(s), 20_000);
    first.kill('SIGKILL');
    await first.waitExit(10_000);
    const [id] = conversationIds(conv);
    expect(readdirSync(conv)).toContain(`${id}.lock`);
    const second = await app(['--host', f.url, '--model', MODEL, '--resume'], env);
    // (the "Opened ..." notice may already be replaced by a later one under load: wait on the turn itself)
    const resumed = await second.waitFor((s) => s.includes('Before the kill') && /connected/.test(s.split('\n')[0] ?? ''), 20_000);
    expect(flat(resumed)).not.toMatch(/Read-only/);
    await ask(second, 'After the kill');
    await second.waitFor((s) => (s.match(/An answer\./g) ?? []).length >= 2 && /\bidle\b/.test(s), 20_000);
    expect(conversationIds(conv)).toEqual([id]);
    expect(loadConversation(conv, id!).records.map((r) => r.user)).toEqual(['Before the kill', 'After the kill']);
  }, 90_000);
});

describe('files that are not regular files', () => {
  it('config.json as a FIFO or a /dev/zero link: one sentence and exit 2, no hang', async () => {
    for (const make of [(p: string) => execFileSync('mkfifo', [p]), (p: string) => symlinkSync('/dev/zero', p)]) {
      const { dir, env } = base();
      mkdirSync(join(dir, 'config', 'r1-tui'), { recursive: true });
      const file = join(dir, 'config', 'r1-tui', 'config.json');
      make(file);
      const a = await app(['--demo'], env);
      const exit = await a.waitExit(10_000);
      expect(exit.exitCode).toBe(2);
      expect(flat(a.raw())).toMatch(new RegExp(`${file.replace(/[/.]/g, '\\$&')} is not a regular file \\((a FIFO|a character device such as /dev/zero)\\); r1-tui reads only regular files`));
    }
  }, 40_000);

  it('--resume and --export with a FIFO conversation do not hang and say why', async () => {
    const { dir, env, conv } = base();
    mkdirSync(conv, { recursive: true });
    execFileSync('mkfifo', [join(conv, '2026-12-07T04-00-00Z-fifo.jsonl')]);
    const ex = await app(['--export', join(dir, 'out.md')], env);
    const exit = await ex.waitExit(10_000);
    expect(exit.exitCode).not.toBe(0);
    expect(flat(ex.raw())).toMatch(/no saved conversation|not a regular file/);
    const a = await app(['--demo', '--resume'], env);
    // the F6 list says which file and why
    await a.waitFor((s) => /1 unreadable file/.test(flat(s)), 15_000);
    a.write('\u001B[17~'); // F6
    const list = flat(await a.waitFor((s) => /Skipped 1 unreadable file/.test(flat(s)), 10_000));
    expect(list).toContain('2026-12-07T04-00-00Z-fifo.jsonl: not a regular file (a FIFO)');
    a.write(KEYS.esc);
    await a.waitFor((s) => !s.includes('Conversations ·'), 10_000);
    a.write(KEYS.ctrlD);
    await a.waitExit(10_000);
  }, 40_000);
});

describe('a server that answers HTML', () => {
  async function htmlServer(): Promise<string> {
    const server = http.createServer((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      r.end('<!DOCTYPE html><html><title>Router login</title><body>Welcome</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('--host: detection says what it received (status, content type, first characters) and stops, instead of "Unexpected token"', async () => {
    const url = await htmlServer();
    const { env } = base();
    const a = await app(['--host', url, '--model', MODEL], env);
    const exit = await a.waitExit(15_000);
    // the sentence is written to stderr before any screen mode: read it whole, not wrapped at 120 columns
    const screen = a.raw().replace(/\r/g, '');
    expect(exit.exitCode).toBe(1);
    expect(screen).toContain(`${url} answers, but not like Ollama`);
    expect(screen).toContain('GET /api/version, /v1/models and /health each gave HTTP 200 (text/html): "<!DOCTYPE html><html><title>Router');
    expect(screen).not.toMatch(/Unexpected token/);
  }, 30_000);

  it('OLLAMA_HOST (no detection): the session says what /api/version received instead of "Unexpected token"', async () => {
    const url = await htmlServer();
    const { env } = base();
    const a = await app(['--model', MODEL], { ...env, OLLAMA_HOST: url });
    const screen = flat(await a.waitFor((s) => /does not answer like Ollama/.test(flat(s)), 15_000));
    expect(screen).toContain('does not answer like Ollama: /api/version');
    expect(screen).toContain('HTTP 200 (text/html): "<!DOCTYPE html><html><title>Router');
    expect(screen).not.toMatch(/Unexpected token/);
    a.write(KEYS.ctrlD);
    await a.waitExit(10_000);
  }, 30_000);
});

/**
 * Issue 17, hostile server end to end: a proxy in front of the fake injects escape sequences (OSC 52,
 * OSC 0, clears, 8-bit CSI/OSC/DCS, APC/PM/SOS, each with a unique marker word) into every string of
 * every endpoint, error bodies and pull status included (helpers/hostileProxy.ts). Through the built CLI
 * in a pty: the chat (answer, reasoning, closing line with quantization), error turns (HTTP 500 body and
 * a mid-stream error line), the model picker and a pull, F2 statistics, F1 help, then the files and the
 * other commands: conversation JSONL, --export Markdown, the --resume screen, `doctor`, `bench` and
 * bench-history.jsonl. The app's own output has escape sequences, so the check is for the server's:
 * no marker word anywhere, and no OSC/DCS/APC/PM/SOS introducer or 8-bit C1 control at all.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../../src/fake/scripts.js';
import { leaks, startHostileProxy } from './helpers/hostileProxy.js';
import { ask, e2eScope } from './helpers/scope.js';
import { KEYS, spawnApp, type AppProcess } from './helpers/pty.js';

const MODEL = 'deepseek-r1:32b';
const F2 = '\u001BOQ';
const { fake, cleanups } = e2eScope();
const flat = (s: string) => s.replace(/\n│?\s*/g, ' ');

async function run(args: string[], env: Record<string, string>): Promise<AppProcess> {
  const a = await spawnApp(args, { cols: 120, rows: 40, env });
  cleanups.push(() => a.dispose());
  return a;
}

describe('hostile server: no escape sequence from the server reaches the terminal or a file', () => {
  it('chat, errors, picker, pull, F2, F1, JSONL, --export, --resume, doctor, bench', async () => {
    const f = await fake({
      thinkingStyle: 'field',
      script: () => scriptFromText('Thinking about **it** 漢字.', 'The answer: **bold**, `code`, 漢字 and 👍.\n\n- one\n- two', 200),
      fault: (_req, n) =>
        n === 2 ? { kind: 'status', status: 500, error: 'llama runner process has terminated' } : n === 3 ? { kind: 'error-line', afterChunks: 3, error: 'CUDA error: an illegal memory access' } : undefined,
    });
    const proxy = await startHostileProxy(f.url);
    cleanups.push(() => proxy.close());
    const base = mkdtempSync(join(tmpdir(), 'r1-e2e-hostile-'));
    cleanups.push(async () => rmSync(base, { recursive: true, force: true }));
    const env = { XDG_DATA_HOME: join(base, 'data'), XDG_CONFIG_HOME: join(base, 'config') };

    const a = await run(['--host', proxy.url, '--model', MODEL], env);
    // the header shows the sanitized model name and server version, exactly
    await a.waitFor((s) => /connected/.test(s.split('\n')[0] ?? '') && (s.split('\n')[0] ?? '').includes(`${MODEL} `) && /Ollama 0\.\d+\.\d+/.test(s.split('\n')[0] ?? ''), 15_000);
    await ask(a, 'First hostile question');
    await a.waitFor((s) => s.includes('👍') && /\bidle\b/.test(s), 20_000);
    await a.settle(300, 5_000);
    expect(leaks(a.raw())).toEqual([]);
    expect(a.screen()).toMatch(/deepseek-r1:32b · Q4_K_M · [\d.]+ tok\/s/); // the closing line, quantization clean
    await ask(a, 'Second question');
    await a.waitFor((s) => /\[error\]/.test(s) && /\bidle\b/.test(s), 20_000);
    await ask(a, 'Third question');
    await a.waitFor((s) => /illegal memory access/.test(flat(s)) && /\bidle\b/.test(s), 20_000);
    // model picker, then a pull of a model the fake's registry has
    a.write(KEYS.ctrlP);
    await a.waitFor((s) => s.includes('deepseek-r1:1.5b'), 10_000);
    a.write('deepseek-r1:7b');
    await a.waitFor((s) => /Enter: pull deepseek-r1:7b/.test(s), 10_000);
    a.write(KEYS.enter);
    await a.waitFor((s) => /Pulling deepseek-r1:7b/.test(s), 10_000);
    await a.waitFor((s) => !/Pulling deepseek-r1:7b/.test(s), 30_000);
    await a.settle(300, 5_000);
    for (let i = 0; i < 3 && /Models ·/.test(a.screen()); i++) {
      a.write(KEYS.esc); // the first Esc may clear the filter, the next closes the picker
      await a.settle(300, 5_000);
    }
    expect(a.screen()).not.toMatch(/Models ·/);
    a.write(F2);
    await a.waitFor((s) => s.includes(`Statistics (ollama run --verbose) · ${MODEL}`), 10_000);
    a.write(KEYS.esc);
    await a.waitFor((s) => !s.includes('Statistics (ollama'), 10_000);
    a.write(KEYS.f1);
    await a.waitFor((s) => s.includes('Help · Esc or F1 closes'), 10_000);
    a.write(KEYS.esc);
    await a.settle(300, 5_000);
    a.write(KEYS.ctrlD);
    await a.waitExit(15_000);
    expect(leaks(a.raw())).toEqual([]);
    for (const p of ['/api/version', '/api/tags', '/api/ps', '/api/show', '/api/chat', '/api/pull']) expect([...proxy.paths]).toContain(p);

    // the conversation file
    const conv = join(base, 'data', 'r1-tui', 'conversations');
    const files = readdirSync(conv).filter((n) => n.endsWith('.jsonl'));
    expect(files).toHaveLength(1);
    const jsonl = readFileSync(join(conv, files[0]!), 'utf8');
    expect(leaks(jsonl)).toEqual([]);
    expect(jsonl).not.toMatch(/\\u001b|\\u009[bd0]|\u001B/i);
    expect(jsonl).toContain('Q4_K_M');

    // --export
    const out = join(base, 'out.md');
    const ex = await run(['--export', out], env);
    await ex.waitExit(10_000);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('👍');
    expect(leaks(md)).toEqual([]);
    expect(md).not.toMatch(/\u001B/);

    // --resume
    const r = await run(['--host', proxy.url, '--model', MODEL, '--resume'], env);
    await r.waitFor((s) => s.includes('First hostile question'), 15_000);
    await r.settle(500, 5_000);
    r.write(KEYS.ctrlD);
    await r.waitExit(10_000);
    expect(leaks(r.raw())).toEqual([]);

    // doctor and bench
    const doctor = await run(['doctor', '--host', proxy.url], env);
    await doctor.waitExit(30_000);
    expect(doctor.raw()).toMatch(/0\.\d+\.\d+/);
    expect(leaks(doctor.raw())).toEqual([]);
    const bench = await run(['bench', '--host', proxy.url, '--models', MODEL], env);
    await bench.waitExit(60_000);
    expect(bench.raw()).toContain(MODEL);
    expect(leaks(bench.raw())).toEqual([]);
    const history = readFileSync(join(base, 'data', 'r1-tui', 'bench-history.jsonl'), 'utf8');
    expect(history).toContain(MODEL);
    expect(leaks(history)).toEqual([]);
    expect(history).not.toMatch(/\\u001b|\u001B/i);
  }, 180_000);
});

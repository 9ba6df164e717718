/**
 * Issue 17 for the OpenAI-compatible path, end to end: the hostile proxy (helpers/hostileProxy.ts) in
 * front of a fake vLLM injects escape sequences with marker words into every string of every JSON answer
 * (/version, /v1/models, /health, /metrics text, error bodies) and into every `data:` payload of the chat
 * stream (content, reasoning_content, model, finish_reason...). A second hostile host (a fake Ollama behind
 * its own proxy) comes from the config's `hosts`. Through the built CLI in a pty: the chat, the Alt+H host
 * switcher (labels, versions, model names of both), F2 statistics, then the conversation JSONL and the
 * --export Markdown: no marker word and no OSC/DCS/APC/PM/SOS introducer or 8-bit C1 control anywhere.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../../src/fake/openai/server.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { leaks, startHostileProxy } from './helpers/hostileProxy.js';
import { ask, e2eScope } from './helpers/scope.js';
import { KEYS, spawnApp } from './helpers/pty.js';

const ALT_H = '\u001Bh';
const F2 = '\u001BOQ';
const { fake, cleanups } = e2eScope();
const header = (s: string): string => s.split('\n')[0] ?? '';

describe('hostile vLLM-dialect server: no escape sequence reaches the terminal or a file', () => {
  it('chat, Alt+H switcher, F2, JSONL, --export', async () => {
    const v = await startFakeOpenAi({ dialect: 'vllm', tokensPerSecond: 200, promptMs: 50, script: () => scriptFromText('Thinking about **it** 漢字.', 'The vLLM answer: **bold**, `code`, 漢字 and 👍.', 200) });
    cleanups.push(() => v.close());
    const vProxy = await startHostileProxy(v.url);
    cleanups.push(() => vProxy.close());
    const o = await fake({ thinkingStyle: 'field' });
    const oProxy = await startHostileProxy(o.url);
    cleanups.push(() => oProxy.close());
    const base = mkdtempSync(join(tmpdir(), 'r1-e2e-hostile-openai-'));
    cleanups.push(async () => rmSync(base, { recursive: true, force: true }));
    mkdirSync(join(base, 'config', 'r1-tui'), { recursive: true });
    writeFileSync(join(base, 'config', 'r1-tui', 'config.json'), JSON.stringify({ hosts: [{ name: 'evil-vllm', url: `${vProxy.url}/v1` }, { name: 'evil-ollama', url: oProxy.url }] }, null, 2));
    const env = { XDG_DATA_HOME: join(base, 'data'), XDG_CONFIG_HOME: join(base, 'config') };

    const app = await spawnApp(['--host', 'evil-vllm'], { cols: 120, rows: 40, env });
    cleanups.push(() => app.dispose());
    // the header shows the sanitized label and model name, exactly
    await app.waitFor((s) => /vLLM 0\.19\.1/.test(header(s)) && /connected/.test(header(s)) && header(s).includes('deepseek-ai/DeepSeek-R1'), 20_000);
    await ask(app, 'First hostile question');
    await app.waitFor((s) => s.includes('👍') && s.includes('on evil-vllm') && /\bidle\b/.test(s), 30_000);
    await app.settle(300, 5_000);
    expect(leaks(app.raw())).toEqual([]);

    app.write(ALT_H);
    await app.waitFor((s) => /evil-vllm\s+vLLM 0\.19\.1\s+● up/.test(s) && /evil-ollama\s+Ollama 0\.\d+\.\d+\s+● up/.test(s) && s.includes('deepseek-r1:8b'), 20_000);
    await app.settle(300, 5_000);
    app.write(KEYS.esc);
    await app.waitFor((s) => !s.includes('Hosts ·'), 10_000);
    app.write(F2);
    await app.waitFor((s) => s.includes('Statistics'), 10_000);
    await app.settle(300, 5_000);
    app.write(KEYS.esc);
    await app.waitFor((s) => !s.includes('Statistics'), 10_000);
    app.write(KEYS.ctrlD);
    await app.waitExit(15_000);
    expect(leaks(app.raw())).toEqual([]);
    for (const p of ['/version', '/v1/models', '/v1/chat/completions']) expect([...vProxy.paths].some((x) => x.startsWith(p))).toBe(true);
    expect([...oProxy.paths]).toContain('/api/tags');

    // the conversation file
    const conv = join(base, 'data', 'r1-tui', 'conversations');
    const files = readdirSync(conv).filter((n) => n.endsWith('.jsonl'));
    expect(files).toHaveLength(1);
    const jsonl = readFileSync(join(conv, files[0]!), 'utf8');
    expect(jsonl).toContain('👍');
    expect(jsonl).toContain('evil-vllm');
    expect(leaks(jsonl)).toEqual([]);
    expect(jsonl).not.toMatch(/\\u001b|\\u009[bd0]|\u001B/i);

    // --export
    const out = join(base, 'out.md');
    const ex = await spawnApp(['--export', out], { cols: 120, rows: 40, env });
    cleanups.push(() => ex.dispose());
    await ex.waitExit(10_000);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('👍');
    expect(md).toContain('on evil-vllm');
    expect(leaks(md)).toEqual([]);
    expect(md).not.toMatch(/\u001B/);
  }, 120_000);
});

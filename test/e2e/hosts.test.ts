/**
 * Issue 12, hosts, end to end in a real pty: two fake Ollama boxes and a fake vLLM head node from the
 * config; Alt+H lists every host with backend, health and models; ↓ Enter switches; the next answer comes
 * from the other box with the whole conversation, names its host, and the earlier answer stays. --demo
 * offers two simulated hosts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../../src/fake/openai/server.js';
import { scriptFromText } from '../../src/fake/scripts.js';
import { ask, e2eScope, until } from './helpers/scope.js';
import { KEYS, spawnApp } from './helpers/pty.js';

const ALT_H = '\u001Bh';
const MODEL = 'deepseek-r1:8b';
const { fake, cleanups } = e2eScope();
const header = (s: string): string => s.split('\n')[0] ?? '';

describe('hosts (Alt+H)', () => {
  it('lists both boxes and the vLLM head, switches box to box and to the head node; each answer names its host, the conversation is kept', async () => {
    const a = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Thinking on A.', 'Alpha answer from box A.', 200) });
    const b = await fake({ thinkingStyle: 'field', script: () => scriptFromText('Thinking on B.', 'Bravo answer from box B.', 200) });
    const v = await startFakeOpenAi({ dialect: 'vllm', apiKey: 'sk-e2e-secret', tokensPerSecond: 200, promptMs: 50, script: () => scriptFromText('Thinking on the head node.', 'Charlie answer from the vLLM head.', 200) });
    cleanups.push(() => v.close());
    const base = mkdtempSync(join(tmpdir(), 'r1-e2e-hosts-'));
    cleanups.push(async () => rmSync(base, { recursive: true, force: true }));
    mkdirSync(join(base, 'config', 'r1-tui'), { recursive: true });
    writeFileSync(
      join(base, 'config', 'r1-tui', 'config.json'),
      JSON.stringify({ hosts: [{ name: 'box-b', url: b.url }, { name: 'head', url: `${v.url}/v1`, apiKey: 'sk-e2e-secret' }] }, null, 2),
    );
    const env = { XDG_DATA_HOME: join(base, 'data'), XDG_CONFIG_HOME: join(base, 'config') };

    const app = await spawnApp(['--host', a.url, '--model', MODEL], { cols: 120, rows: 40, env });
    cleanups.push(() => app.dispose());
    await app.waitFor((s) => /connected/.test(header(s)) && header(s).includes(MODEL), 15_000);
    const aName = a.url.replace('http://', '');
    await ask(app, 'What is distillation?');
    await app.waitFor((s) => s.includes('Alpha answer from box A.') && s.includes(`on ${aName}`), 20_000);
    await app.waitFor((s) => /\bidle\b/.test(s), 10_000);

    app.write(ALT_H);
    const listed = await app.waitFor(
      (s) => /▶ 127\.0\.0\.1:\d+\s+Ollama 0\.12\.6\s+● up/.test(s) && /box-b\s+Ollama 0\.12\.6\s+● up/.test(s) && /head\s+vLLM 0\.19\.1\s+● up/.test(s) && s.includes('serves exactly one model'),
      15_000,
    );
    expect(listed).toContain('deepseek-ai/DeepSeek-R1');
    expect(listed).toMatch(/deepseek-r1:8b\s+loaded · /); // box A ran it: loaded, an `ollama ps` across boxes
    expect(listed).not.toContain('sk-e2e-secret');
    expect(v.authHeaders).toContain('Bearer sk-e2e-secret');

    app.write(KEYS.down);
    await app.waitFor(/▶ box-b/, 10_000);
    app.write(KEYS.enter);
    await app.waitFor((s) => s.includes('Talking to box-b') && /box-b/.test(header(s)) && /connected/.test(header(s)), 15_000);

    await ask(app, 'And quantization?');
    const after = await app.waitFor((s) => s.includes('Bravo answer from box B.') && s.includes('on box-b'), 20_000);
    // the conversation is kept: the first answer and its host are still in the chat
    expect(after).toContain('Alpha answer from box A.');
    expect(after).toContain(`on ${aName}`);
    const questions = (f: typeof a) => f.requests.filter((r) => r.path === '/api/chat' && Array.isArray(r.body?.messages) && r.body.messages.length > 0);
    await until(() => questions(b).length >= 1, 5000, 'the request to box B');
    expect(questions(b)).toHaveLength(1);
    expect(questions(a)).toHaveLength(1);
    const messages = (questions(b)[0]!.body as { messages: Array<{ role: string; content: string }> }).messages;
    expect(messages.map((m) => m.content)).toEqual(['What is distillation?', 'Alpha answer from box A.', 'And quantization?']);
    await app.waitFor((s) => /\bidle\b/.test(s), 10_000);

    // the vLLM head node: the chat goes through its OpenAI-compatible API, with the key
    app.write(ALT_H);
    await app.waitFor(/▶ box-b/, 10_000);
    app.write(KEYS.down);
    await app.waitFor(/▶ head/, 10_000);
    app.write(KEYS.enter);
    await app.waitFor((s) => /head/.test(header(s)) && /vLLM 0\.19\.1/.test(header(s)) && /connected/.test(header(s)), 15_000);
    await ask(app, 'Which is faster?');
    const third = await app.waitFor((s) => s.includes('Charlie answer from the vLLM head.') && s.includes('on head'), 20_000);
    expect(third).toContain('Bravo answer from box B.');
    const toV = v.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(toV).toHaveLength(1);
    expect((toV[0]!.body as { messages: Array<{ content: string }> }).messages.map((m) => m.content)).toEqual([
      'What is distillation?', 'Alpha answer from box A.', 'And quantization?', 'Bravo answer from box B.', 'Which is faster?',
    ]);
    expect(v.authHeaders.at(-1)).toBe('Bearer sk-e2e-secret');
    expect(app.screen()).not.toContain('sk-e2e-secret');
    await app.waitFor((s) => /\bidle\b/.test(s), 10_000);
    app.write(KEYS.ctrlD);
    await app.waitExit(10_000);
  });

  it('--demo offers two simulated hosts: an Ollama and a vLLM-shaped OpenAI-compatible server', async () => {
    const base = mkdtempSync(join(tmpdir(), 'r1-e2e-hosts-demo-'));
    cleanups.push(async () => rmSync(base, { recursive: true, force: true }));
    const app = await spawnApp(['--demo'], { cols: 80, rows: 24, env: { XDG_DATA_HOME: join(base, 'data'), XDG_CONFIG_HOME: join(base, 'config') } });
    cleanups.push(() => app.dispose());
    await app.waitFor((s) => /connected/.test(header(s)), 15_000);
    app.write(ALT_H);
    const s = await app.waitFor((x) => /demo-ollama\s+Ollama \S+\s+● up/.test(x) && /demo-vllm\s+vLLM 0\.19\.1\s+● up/.test(x), 15_000);
    expect(s).toContain('deepseek-ai/DeepSeek-R1');
    app.write(KEYS.esc);
    await app.waitFor((x) => !x.includes('Hosts ·'), 10_000);
    app.write(KEYS.ctrlD);
    await app.waitExit(10_000);
  });
});

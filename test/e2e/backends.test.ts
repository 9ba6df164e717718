/**
 * Issue 12 end to end: the built CLI in a real pty against the fake OpenAI-compatible servers (the
 * llama.cpp, vLLM and SGLang shapes from the recordings). The header names the detected server; the
 * reasoning pane and the answer fill; the panel says where each figure comes from; 401, the context
 * limit and a cut mid-stream each show a sentence and lose nothing (the question, the partial reply).
 */
import { describe, expect, it } from 'vitest';
import { scriptFromText } from '../../src/fake/scripts.js';
import { startFakeOpenAi, type FakeOpenAi, type FakeOpenAiOptions } from '../../src/fake/openai/server.js';
import { ask, e2eScope } from './helpers/scope.js';
import { spawnApp, type AppProcess } from './helpers/pty.js';
import { header, waitWords, words } from './helpers/screenText.js';

const THINKING = 'Let me work this out. Two plus two makes four, and the user wants a short answer.';
const ANSWER = Array.from({ length: 20 }, (_, i) => `Step ${i + 1} checks the sum.`).join(' ') + ' The answer is four, says the mango.';

const { cleanups } = e2eScope();

async function server(o: FakeOpenAiOptions, rate = 300): Promise<FakeOpenAi> {
  const f = await startFakeOpenAi({ promptMs: 100, script: () => scriptFromText(THINKING, ANSWER, rate), ...o });
  cleanups.push(() => f.close());
  return f;
}

async function app(args: string[], env: Record<string, string> = {}, cols = 120, rows = 40): Promise<AppProcess> {
  const a = await spawnApp(args, { cols, rows, env });
  cleanups.push(() => a.dispose());
  return a;
}

/** The chat pane's text only (the left box; the panel on its right is cut off), as one line of words. */
const chatWords = (s: string): string => words(s.split('\n').map((r) => (r.includes('││') ? r.slice(0, r.indexOf('││') + 1) : r)).join('\n'));
const waitChat = (a: AppProcess, re: RegExp, ms = 20_000): Promise<string> => a.waitFor((s) => re.test(chatWords(s)), ms);

describe('llama.cpp, vLLM and SGLang shapes in the app', () => {
  const cases = [
    { dialect: 'llama.cpp' as const, label: 'llama.cpp b6881', rates: /rates\s+exact from llama\.cpp/, tokens: /tokens exact from llama\.cpp/, extra: /slots? busy/ },
    { dialect: 'vllm' as const, label: 'vLLM 0.19.1', rates: /rates\s+measured by r1-tui/, tokens: /tokens exact from vLLM/, extra: /0 running · 5 waiting/ },
    { dialect: 'sglang' as const, label: 'SGLang 0.4.4.post1', rates: /rates\s+measured by r1-tui/, tokens: /tokens exact from SGLang/, extra: /0 running · 5 waiting/ },
  ];
  for (const c of cases) {
    it(`${c.dialect}: header label, reasoning pane, answer, each figure's source, n/a with the reason`, async () => {
      const f = await server({ dialect: c.dialect, waiting: 5 });
      const a = await app(['--host', `${f.url}/v1`]);
      const start = await a.waitFor((s) => header(s).includes(c.label) && /connected/.test(header(s)), 20_000);
      expect(header(start)).toContain(f.url.replace('http://', ''));
      expect(header(start)).not.toContain('/v1');
      await ask(a, 'What is two plus two?');
      const done = await a.waitFor((s) => s.includes('mango') && /idle/.test(s), 30_000);
      const w = chatWords(done);
      expect(w).toContain('Thought'); // the reasoning folded into its one-line header after the answer
      expect(w).toContain('The answer is four, says the mango.');
      // panel rows, each on its own screen line
      expect(done).toMatch(c.rates);
      expect(done).toMatch(c.tokens);
      expect(done).toMatch(c.extra);
      expect(done).toMatch(new RegExp(`CPU/GPU n/a: ${c.dialect === 'llama.cpp' ? 'llama.cpp' : c.label.split(' ')[0]} does not`));
      const chat = f.requests.find((r) => r.path === '/v1/chat/completions');
      expect(chat?.body).toMatchObject({ stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'What is two plus two?' }] });
    }, 90_000);
  }

  it('llama.cpp: the reasoning pane shows the thinking live, and an exact eval rate (no ~) after the answer', async () => {
    const f = await server({ dialect: 'llama.cpp' }, 40);
    const a = await app(['--host', f.url]);
    await a.waitFor((s) => /connected/.test(header(s)), 20_000);
    await ask(a, 'Think out loud');
    const live = await a.waitFor('Two plus two makes four', 20_000);
    expect(live).toMatch(/Reasoning ▾ thinking/);
    const done = await a.waitFor((s) => s.includes('mango') && /idle/.test(s), 30_000);
    expect(done).toMatch(/eval\s+\d+\.\d\d tok\/s/);
    expect(done).not.toMatch(/eval\s+~/);
  }, 90_000);
});

describe('faults as sentences, nothing lost', () => {
  it('401: without a key the server says so; with R1_TUI_API_KEY it works; the key is never on screen', async () => {
    const f = await server({ dialect: 'vllm', apiKey: 'sk-e2e-secret-42' });
    const a = await app(['--host', f.url]);
    await waitWords(a, /needs an API key \(401\): pass --api-key or set R1_TUI_API_KEY/, 20_000);
    await a.dispose();
    const b = await app(['--host', f.url], { R1_TUI_API_KEY: 'sk-e2e-secret-42' });
    await b.waitFor((s) => /connected/.test(header(s)), 20_000);
    await ask(b, 'Is the key accepted?');
    const done = await b.waitFor('mango', 30_000);
    expect(b.raw()).not.toContain('sk-e2e-secret-42');
    expect(done).not.toContain('sk-e2e');
    expect(f.authHeaders.at(-1)).toBe('Bearer sk-e2e-secret-42');
  }, 90_000);

  it('context length: the limit and the request size, the question kept', async () => {
    const f = await server({ dialect: 'vllm', fault: { kind: 'context' }, contextLength: 4096 });
    const a = await app(['--host', f.url]);
    await a.waitFor((s) => /connected/.test(header(s)), 20_000);
    await ask(a, 'A question that is too long');
    const s = await waitChat(a, /no longer fits the model's context: vLLM 0\.19\.1 allows 4,096 tokens and this request needs at least [\d,]+\. Start a new conversation \(Ctrl\+N\)/, 20_000);
    expect(s).toContain('A question that is too long');
  }, 60_000);

  it('cut mid-stream (SGLang): the partial reply kept and marked, a sentence', async () => {
    const f = await server({ dialect: 'sglang', fault: { kind: 'cut', afterChunks: 40 } }, 100);
    const a = await app(['--host', f.url]);
    await a.waitFor((s) => /connected/.test(header(s)), 20_000);
    await ask(a, 'Count the steps');
    const s = await waitChat(a, /The reply was cut off: the connection to SGLang 0\.4\.4\.post1 at .* closed before the end\. The partial reply is kept\./, 30_000);
    expect(chatWords(s)).toMatch(/Step 1 checks the sum/);
    expect(s).not.toContain('mango');
    expect(s).toMatch(/\[(error|stopped)\]/);
  }, 60_000);

  it('429 with Retry-After: a countdown notice, then the answer', async () => {
    const f = await server({ dialect: 'vllm', fault: { kind: 'busy', status: 429, retryAfterS: 2, times: 1 } });
    const a = await app(['--host', f.url]);
    await a.waitFor((s) => /connected/.test(header(s)), 20_000);
    await ask(a, 'Busy cluster question');
    await waitWords(a, /Trying again in [12] s \(1 of 3\), Esc cancels · vLLM 0\.19\.1 is overloaded \(429\)/, 15_000);
    await a.waitFor('mango', 30_000);
  }, 60_000);
});

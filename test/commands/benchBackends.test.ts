import { afterEach, describe, expect, it } from 'vitest';
import { runBench } from '../../src/commands/bench.js';
import { startFakeOpenAi, type FakeOpenAiOptions } from '../../src/fake/openai/server.js';
import type { FakeScript } from '../../src/fake/types.js';
import { testContext } from './helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** 40 ms of prompt, then reasoning and an answer over 11 chunks 10 ms apart. */
const script = (): FakeScript => ({
  chunks: [
    { dtMs: 40, thinking: 'Rayleigh', content: '' },
    ...Array.from({ length: 5 }, () => ({ dtMs: 10, thinking: ' scattering', content: '' })),
    ...Array.from({ length: 5 }, () => ({ dtMs: 10, content: ' blue' })),
  ],
  doneDtMs: 5,
});

async function server(o: Partial<FakeOpenAiOptions> & Pick<FakeOpenAiOptions, 'dialect'>) {
  const f = await startFakeOpenAi({ promptMs: 40, script, ...o });
  closers.push(() => f.close());
  return f;
}

describe('r1-tui bench against OpenAI-compatible servers', () => {
  it('--host llama.cpp: the server\'s exact timings, its one model, one row that says so', async () => {
    const f = await server({ dialect: 'llama.cpp' });
    const ctx = testContext({ isLocal: () => false });
    const code = await runBench(['--host', f.url, '--models', 'deepseek-r1:8b,deepseek-r1:1.5b', '--json', '--think', 'off'], ctx);
    expect(ctx.stderr.text).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(ctx.stdout.text) as { server: string; notes: string[]; results: Array<{ model: string; figures: unknown; evalRate: { mean: number }; runs: Array<{ evalCount: number; evalDurationNs: number }> }> };
    expect(report.server).toBe('llama.cpp b6881');
    expect(report.results.map((r) => r.model)).toEqual(['DeepSeek-R1-Distill-Qwen-32B-Q4_K_M.gguf']);
    expect(report.notes[0]).toMatch(/serves exactly one model, DeepSeek-R1-Distill-Qwen-32B-Q4_K_M\.gguf: one row \(--models deepseek-r1:8b,deepseek-r1:1\.5b is not what it serves\)/);
    const r = report.results[0]!;
    expect(r.figures).toEqual({ rates: 'server-exact', tokens: 'server-exact' });
    expect(r).toMatchObject({ contextLength: 32768 }); // n_ctx from /slots
    // the rate is predicted_n / predicted_ms from the server's timings, not a client clock
    const run = r.runs[0]!;
    expect(r.evalRate.mean).toBeCloseTo(run.evalCount / (run.evalDurationNs / 1e9), 1);
    const chats = f.requests.filter((q) => q.path === '/v1/chat/completions');
    expect(chats).toHaveLength(1);
    // llama.cpp takes on/off: sent to the chat template
    expect((chats[0]!.body as { chat_template_kwargs: unknown }).chat_template_kwargs).toEqual({ enable_thinking: false });
  });

  it('--host vLLM: measured rates labelled as such, table with RATES and the one-model sentence', async () => {
    const f = await server({ dialect: 'vllm' });
    const ctx = testContext({ isLocal: () => false });
    const code = await runBench(['--host', f.url, '--models', 'deepseek-ai/DeepSeek-R1', '--runs', '2', '--num-ctx', '8192', '--think', 'off'], ctx);
    expect(code).toBe(0);
    const out = ctx.stdout.text;
    expect(out).toContain(`r1-tui bench · ${f.url} (vLLM 0.19.1) · 2 runs`);
    expect(out).toMatch(/MODEL\s+PROMPT tok\/s\s+EVAL tok\/s\s+THINK\s+ANSWER\s+1ST ANSWER\s+CTX\s+RATES/);
    expect(out).toMatch(/deepseek-ai\/DeepSeek-R1\s+\d+\.\d\d\s+\d+\.\d\d \(\d+\.\d\d-\d+\.\d\d\)\s+\d+\s+\d+\s+\S+ s\s+32768\s+measured/);
    expect(out).toContain('vLLM 0.19.1 serves exactly one model, deepseek-ai/DeepSeek-R1: one row.');
    expect(out).toContain('--num-ctx 8192 was not sent: vLLM 0.19.1 fixes the context when it starts.');
    expect(out).toContain('LOAD n/a: vLLM loads the model when it starts, not per request.');
    expect(out).toContain('--think off was not sent: DeepSeek-R1 on vLLM always thinks (no per-request switch');
    expect(f.requests.filter((r) => r.path === '/v1/chat/completions').every((r) => !('chat_template_kwargs' in (r.body as object)))).toBe(true);
    expect(out).toMatch(/measured: r1-tui timed the\nchunks as they arrived/);
    // measured eval rate: 10 chunks after the first over ~100 ms: far from any server figure, but a real clock
    const json = testContext({ isLocal: () => false });
    await runBench(['--host', f.url, '--models', 'deepseek-ai/DeepSeek-R1', '--json'], json);
    const r = (JSON.parse(json.stdout.text) as { results: Array<{ figures: unknown; evalRate: { mean: number } }> }).results[0]!;
    expect(r.figures).toEqual({ rates: 'client-measured', tokens: 'server-exact' });
    expect(r.evalRate.mean).toBeGreaterThan(20);
    expect(r.evalRate.mean).toBeLessThan(400);
  });

  it('--hosts of mixed kinds: the same model across a llama.cpp and a vLLM box in one table, RATES says which is exact', async () => {
    const l = await server({ dialect: 'llama.cpp', model: 'DeepSeek-R1-Q4_K_M.gguf' });
    const v = await server({ dialect: 'vllm' });
    const lm = await server({ dialect: 'lmstudio' });
    const ctx = testContext({ isLocal: () => false });
    const code = await runBench(['--hosts', `${l.url},${v.url},${lm.url}`, '--models', 'deepseek-r1-distill-llama-8b'], ctx);
    expect(ctx.stderr.text).toBe('');
    expect(code).toBe(0);
    const out = ctx.stdout.text;
    const name = (u: string) => u.replace('http://', '').replace(/\./g, '\\.');
    expect(out).toMatch(/HOST\s+MODEL\s+LOAD\s+PROMPT tok\/s\s+EVAL tok\/s\s+1ST ANSWER\s+RATES\s+PROCESSOR\s+SIZE/);
    expect(out).toMatch(new RegExp(`${name(l.url)}\\s+DeepSeek-R1-Q4_K_M\\.gguf\\s+n/a\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d\\s+\\S+ s\\s+exact\\s+n/a`));
    expect(out).toMatch(new RegExp(`${name(v.url)}\\s+deepseek-ai/DeepSeek-R1\\s+n/a\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d\\s+\\S+ s\\s+measured\\s+n/a`));
    // LM Studio serves several models: the asked one is benched by name; no token counts → no prompt rate
    expect(out).toMatch(new RegExp(`${name(lm.url)}\\s+deepseek-r1-distill-llama-8b\\s+n/a\\s+n/a\\s+\\d+\\.\\d\\d\\s+\\S+ s\\s+measured`));
    expect(out).toContain('RATES exact: the server\'s own token counts and durations');
    expect(out).toMatch(/serves exactly one model, deepseek-ai\/DeepSeek-R1: one row \(--models deepseek-r1-distill-llama-8b is not what it serves\)/);
    expect(out).toMatch(/^fastest: .+ tok\/s \(EVAL: (token count \/ eval duration from the server|measured by r1-tui from chunk arrival times)\)$/m);
    expect(out).not.toContain('not built yet');
    // SIZE: llama.cpp's is the file (meta.size), said so, not passed off as memory like Ollama's /api/ps
    expect(out).toMatch(new RegExp(`${name(l.url)}\\s+DeepSeek-R1-Q4_K_M\\.gguf .*\\s\\d+(\\.\\d)? GB file$`, 'm'));
    expect(out).toContain("SIZE: memory in use while loaded (Ollama's /api/ps); 'file': the model file's size (the server reports no memory use).");
    const csv = testContext({ isLocal: () => false });
    await runBench(['--hosts', `${l.url},${v.url}`, '--models', 'deepseek-r1-distill-llama-8b', '--csv'], csv);
    const lines = csv.stdout.text.trim().split('\n');
    expect(lines[0]).toMatch(/,size_bytes,size_source$/);
    expect(lines.find((x) => x.includes('DeepSeek-R1-Q4_K_M.gguf'))).toMatch(/,\d+,file$/);
  });

  it('--backend vllm --api-key KEY: no detection, the key sent as a Bearer header and never printed', async () => {
    const f = await server({ dialect: 'vllm', apiKey: 'sk-secret-123' });
    const ctx = testContext({ isLocal: () => false });
    const code = await runBench(['--host', f.url, '--backend', 'vllm', '--api-key', 'sk-secret-123', '--models', 'deepseek-ai/DeepSeek-R1', '--json'], ctx);
    expect(ctx.stderr.text).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(ctx.stdout.text).server).toMatch(/^vLLM/);
    // forced: no probe of the other kinds' routes
    expect(f.requests.some((r) => r.path === '/api/version' || r.path === '/props')).toBe(false);
    expect(f.authHeaders).toContain('Bearer sk-secret-123');
    expect(ctx.stdout.text + ctx.stderr.text).not.toContain('sk-secret-123');
    // without the key the server refuses
    const nokey = testContext({ isLocal: () => false });
    expect(await runBench(['--host', f.url, '--backend', 'vllm', '--models', 'deepseek-ai/DeepSeek-R1'], nokey)).toBe(1);
  });

  it('bad --api-key / --backend values: exit 2, the key never echoed', async () => {
    const bad = testContext();
    expect(await runBench(['--host', 'http://127.0.0.1:9', '--api-key', 'sk secret', '--models', 'a'], bad)).toBe(2);
    expect(bad.stderr.text).toBe('r1-tui bench: --api-key contains spaces or control characters (the key is not shown)\n');
    const kind = testContext();
    expect(await runBench(['--backend', 'tgi', '--models', 'a'], kind)).toBe(2);
    expect(kind.stderr.text).toMatch(/--backend 'tgi' is not a server kind/);
    const hosts = testContext();
    expect(await runBench(['--hosts', 'a,b', '--api-key', 'k', '--models', 'a'], hosts)).toBe(2);
    expect(hosts.stderr.text).not.toContain(' k ');
  });
});

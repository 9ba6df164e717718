import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBench } from '../../src/commands/bench.js';
import { parseBenchArgs } from '../../src/commands/benchArgs.js';
import { startFakeOpenAi } from '../../src/fake/openai/server.js';
import { startFakeOllama, type FakeScript, type RecordedRequest } from '../fake-ollama/index.js';
import { testContext } from './helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A box whose eval takes `evalNs` for 300 tokens of every model. */
async function box(evalNs: number) {
  const f = await startFakeOllama({
    script: (_req: RecordedRequest): FakeScript => ({
      chunks: [
        { dtMs: 2, thinking: 'Hmm.', content: '' },
        { dtMs: 2, content: 'Blue.' },
      ],
      doneDtMs: 2,
      final: { eval_count: 300, eval_duration: evalNs, prompt_eval_count: 20, prompt_eval_duration: 40e6 },
    }),
  });
  closers.push(() => f.close());
  return f;
}

describe('r1-tui bench --hosts', () => {
  it('parses --hosts and refuses it with --host', () => {
    expect(parseBenchArgs(['--hosts', 'a, b', '--models', 'm'])).toMatchObject({ ok: true, options: { hosts: ['a', 'b'] } });
    expect(parseBenchArgs(['--hosts', 'a', '--host', 'b', '--models', 'm'])).toEqual({ ok: false, error: 'use --host (models on one server) or --hosts (the same models across servers), not both' });
    expect(parseBenchArgs(['--hosts', ',', '--models', 'm'])).toMatchObject({ ok: false, error: expect.stringContaining('--hosts needs host names') });
  });

  it('the same models on each host in one table, the fastest named; a vLLM host is measured through the Backend, its one model in one row', async () => {
    const a = await box(1.5e9); // 200 tok/s
    const b = await box(3e9); // 100 tok/s
    // 11 chunks 10 ms apart: about 100 tok/s measured, slower than gpu-box's exact 200
    const v = await startFakeOpenAi({ dialect: 'vllm', promptMs: 20, script: () => ({ chunks: Array.from({ length: 11 }, (_, i) => ({ dtMs: i === 0 ? 20 : 10, content: ' blue' })), doneDtMs: 5 }) });
    closers.push(() => v.close());
    const ctx = testContext({ isLocal: () => false });
    const dir = path.join(ctx.env.XDG_CONFIG_HOME!, 'r1-tui');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ hosts: [{ name: 'gpu-box', url: a.url }, { name: 'head', url: v.url }] }));

    const code = await runBench(['--hosts', `gpu-box,${b.url},head`, '--models', 'deepseek-r1:8b,deepseek-r1:1.5b'], ctx);
    expect(code).toBe(0);
    const out = ctx.stdout.text;
    const bName = b.url.replace('http://', '');
    expect(out).toContain(`r1-tui bench --hosts · gpu-box (Ollama 0.12.6), ${bName} (Ollama 0.12.6), head (vLLM 0.19.1)`);
    expect(out).toMatch(/HOST\s+MODEL\s+LOAD\s+PROMPT tok\/s\s+EVAL tok\/s/);
    expect(out).toMatch(/gpu-box\s+deepseek-r1:8b\s+\S+ s\s+500\.00\s+200\.00/);
    expect(out).toMatch(new RegExp(`${bName.replace(/\./g, '\\.')}\\s+deepseek-r1:1\\.5b\\s+\\S+ s\\s+500\\.00\\s+100\\.00`));
    expect(out).toMatch(/gpu-box\s+deepseek-r1:8b\s+\S+ s\s+500\.00\s+200\.00\s+\S+ s\s+exact\s/);
    expect(out).toMatch(/head\s+deepseek-ai\/DeepSeek-R1\s+n\/a\s+\d+\.\d\d\s+\d+\.\d\d\s+\S+ s\s+measured\s+n\/a/);
    expect(out).not.toMatch(/head\s+deepseek-r1:8b/);
    expect(out).toContain('head: vLLM 0.19.1 serves exactly one model, deepseek-ai/DeepSeek-R1: one row (--models deepseek-r1:8b,deepseek-r1:1.5b is not what it serves).');
    expect(out).toContain('fastest: deepseek-r1:8b on gpu-box, 200.00 tok/s (EVAL: token count / eval duration from the server)');
    // each measured host is in the history, like a single-host bench
    const history = readFileSync(path.join(ctx.env.XDG_DATA_HOME!, 'r1-tui', 'bench-history.jsonl'), 'utf8').trim().split('\n');
    expect(history.map((l) => (JSON.parse(l) as { host: string }).host)).toEqual([a.url, b.url, v.url]);
  });

  it('--json lists each host with its results; an unknown name is a sentence', async () => {
    const a = await box(2e9);
    const ctx = testContext({ isLocal: () => false });
    expect(await runBench(['--hosts', a.url, '--models', 'deepseek-r1:8b', '--json'], ctx)).toBe(0);
    const json = JSON.parse(ctx.stdout.text) as { command: string; hosts: Array<{ host: string; label: string; results: Array<{ evalRate: { mean: number } }> }> };
    expect(json.command).toBe('bench-hosts');
    expect(json.hosts[0]).toMatchObject({ label: 'Ollama 0.12.6' });
    expect(json.hosts[0]!.results[0]!.evalRate.mean).toBe(150);
    const bad = testContext();
    expect(await runBench(['--hosts', 'http://a:99999', '--models', 'm'], bad)).toBe(2);
    expect(bad.stderr.text).toMatch(/99999/);
  });
});

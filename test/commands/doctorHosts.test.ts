import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDoctorReport, runDoctor, type DoctorReport } from '../../src/commands/doctor.js';
import { startFakeOpenAi, type FakeOpenAiOptions } from '../../src/fake/openai/server.js';
import { startFakeOllama } from '../fake-ollama/index.js';
import { testContext, type TestContext } from './helpers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function openai(opts: FakeOpenAiOptions) {
  const f = await startFakeOpenAi(opts);
  closers.push(() => f.close());
  return f;
}

function withHosts(ctx: TestContext, hosts: unknown[]): void {
  const dir = path.join(ctx.env.XDG_CONFIG_HOME!, 'r1-tui');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ hosts }));
}

const byId = (r: DoctorReport, id: string) => r.checks.find((c) => c.id === id);

describe('doctor per host', () => {
  it('names each host backend, version, offers and lacks; a vLLM without a reasoning parser gets the fix', async () => {
    const ollama = await startFakeOllama({});
    closers.push(() => ollama.close());
    const plain = await openai({ dialect: 'vllm', reasoning: 'content' });
    const parsed = await openai({ dialect: 'sglang', reasoning: 'field' });
    const keyed = await openai({ dialect: 'llama.cpp', apiKey: 'sk-doc-secret' });
    const ctx = testContext();
    withHosts(ctx, [
      { name: 'vllm-plain', url: plain.url },
      { name: 'sglang', url: `${parsed.url}/v1` },
      { name: 'llama', url: keyed.url, apiKey: 'sk-doc-secret' },
      { name: 'nokey', url: keyed.url.replace('127.0.0.1', 'localhost') },
    ]);
    const code = await runDoctor(['--host', ollama.url, '--json'], ctx);
    const report = JSON.parse(ctx.stdout.text) as DoctorReport;
    expect(code).toBe(1); // the host without its key fails
    expect(byId(report, 'ollama.reachable')?.status).toBe('pass');
    expect(byId(report, 'host.vllm-plain')?.message).toBe(`vllm-plain: vLLM 0.19.1 at ${plain.url}; offers token counts, KV-cache use, request queue (running · waiting), model list.`);
    expect(byId(report, 'host.vllm-plain.lacks')?.message).toContain('vLLM sends token counts but no durations: rates are measured by r1-tui');
    expect(byId(report, 'host.vllm-plain.models')?.message).toBe('vllm-plain serves exactly one model: deepseek-ai/DeepSeek-R1.');
    expect(byId(report, 'host.vllm-plain.reasoning')).toMatchObject({ status: 'warn', fix: 'Restart vLLM with --reasoning-parser deepseek_r1 (vllm serve MODEL --reasoning-parser deepseek_r1).' });
    expect(byId(report, 'host.vllm-plain.reasoning')?.message).toContain('no reasoning field');
    expect(byId(report, 'host.sglang')?.message).toMatch(/^sglang: SGLang 0\.4\.4\.post1 at /);
    expect(byId(report, 'host.sglang.reasoning')).toMatchObject({ status: 'pass' });
    expect(byId(report, 'host.llama')?.message).toMatch(/^llama: llama\.cpp b6881 at .*; offers exact prompt\/eval timings, token counts, prompt-processing progress, model list\.$/);
    expect(byId(report, 'host.nokey.key')).toMatchObject({ status: 'fail', message: 'nokey wants an API key and none is set.' });
    expect(keyed.authHeaders).toContain('Bearer sk-doc-secret');
    // the doctor report never shows a key
    expect(ctx.stdout.text).not.toContain('sk-doc-secret');
    expect(formatDoctorReport(report)).not.toContain('sk-doc-secret');
  });

  it('--host pointing at a vLLM: the per-host checks instead of "cannot reach Ollama"', async () => {
    const v = await openai({ dialect: 'vllm', reasoning: 'field' });
    const ctx = testContext();
    const code = await runDoctor(['--host', v.url, '--json'], ctx);
    const report = JSON.parse(ctx.stdout.text) as DoctorReport;
    expect(report.checks.some((c) => c.id === 'ollama.reachable')).toBe(false);
    expect(report.checks.find((c) => c.id.endsWith('.reasoning'))).toMatchObject({ status: 'pass' });
    expect(report.checks.find((c) => /vLLM 0\.19\.1 at/.test(c.message))?.status).toBe('pass');
    expect(code).toBe(report.summary.fail === 0 ? 0 : 1);
  });
});

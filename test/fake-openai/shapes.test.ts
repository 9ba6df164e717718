/**
 * The fake OpenAI-compatible server reproduces each recorded dialect's shapes exactly: the same keys in
 * the same order with the same value types (null stays null, "" stays a string), chunk by chunk kind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../../src/fake/openai/server.js';
import type { Dialect } from '../../src/fake/openai/dialects.js';
import { readSse } from '../../src/backends/openai/sse.js';
import { loadStream, fixtureText } from '../backends/openaiRecordings.js';

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Keys in order and value types, recursively (arrays: the shape of their first element). */
function shape(v: unknown): unknown {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : [shape(v[0])];
  if (typeof v === 'object') return Object.entries(v as object).map(([k, x]) => [k, shape(x)]);
  return typeof v;
}

async function streamOf(dialect: Dialect, body: Record<string, unknown> = {}): Promise<{ chunks: Array<Record<string, any>>; done: boolean }> {
  fake = await startFakeOpenAi({ dialect, speed: 100, promptMs: 40 });
  const model = dialect === 'vllm' || dialect === 'sglang' ? 'deepseek-ai/DeepSeek-R1' : 'm';
  const res = await fetch(`${fake.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'What is 2+2?' }], stream: true, ...body }),
  });
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const chunks: Array<Record<string, any>> = [];
  let done = false;
  for await (const ev of readSse(res.body as unknown as AsyncIterable<Uint8Array>)) {
    if (ev.data === '[DONE]') done = true;
    else chunks.push(JSON.parse(ev.data));
  }
  return { chunks, done };
}

const rec = (file: string) => loadStream(file).chunks as Array<Record<string, any>>;
const isReasoning = (c: Record<string, any>) => ['reasoning', 'reasoning_content'].some((k) => typeof c.choices?.[0]?.delta?.[k] === 'string' && c.choices[0].delta[k] !== '');
const isContent = (c: Record<string, any>) => typeof c.choices?.[0]?.delta?.content === 'string' && c.choices[0].delta.content !== '' && !isReasoning(c);
const isFinish = (c: Record<string, any>) => typeof c.choices?.[0]?.finish_reason === 'string' && c.choices[0].finish_reason !== '';
const isUsage = (c: Record<string, any>) => Array.isArray(c.choices) && c.choices.length === 0;

describe('fake shapes equal the recordings', () => {
  it('vLLM 2026: role, reasoning, finish {}, choices:[] usage, [DONE]', async () => {
    const r = rec('vllm-reasoning-stream-qwen3.6-issue40816.json');
    const { chunks, done } = await streamOf('vllm', { stream_options: { include_usage: true } });
    expect(done).toBe(true);
    expect(shape(chunks[0])).toEqual(shape(r[0]));
    expect(shape(chunks.find(isReasoning))).toEqual(shape(r[1]));
    expect(shape(chunks.find(isFinish))).toEqual(shape(r[3]));
    expect(shape(chunks.find(isUsage))).toEqual(shape(r[4]));
    expect(chunks.at(-1)).toEqual(chunks.find(isUsage));
    // content chunks: the reasoning chunk's shape with `content` for `reasoning`
    const content = chunks.find(isContent)!;
    expect(Object.keys(content.choices[0].delta)).toEqual(['content']);
  });

  it('SGLang: the first chunk and answer chunks with every key null, usage:null', async () => {
    const { chunks } = await streamOf('sglang', { stream_options: { include_usage: true } });
    expect(shape(chunks[0])).toEqual(shape(rec('sglang-reasoning-stream-deepseekr1-0528-issue7599.json')[0]));
    expect(shape(chunks.find(isContent))).toEqual(shape(rec('sglang-reasoning-stream-deepseekr1-issue4550.json')[0]));
    const reasoning = chunks.find(isReasoning)!;
    expect(reasoning.choices[0].delta).toMatchObject({ role: null, content: null, tool_calls: null });
    expect(isUsage(chunks.at(-1)!)).toBe(true);
  });

  it('llama.cpp: role chunk content:null, reasoning_content, finish with timings (no include_usage), prompt_progress', async () => {
    const samples = rec('llamacpp-chunk-samples-gptoss-askopenai-nvim.json');
    const { chunks } = await streamOf('llama.cpp');
    expect(shape(chunks[0])).toEqual(shape(samples[0]));
    expect(shape(chunks.find(isReasoning))).toEqual(shape(samples[1]));
    const finish = chunks.find(isFinish)!;
    // timings keys as b9554 sends them (cache_n first), minus the speculative-decoding ones
    const b9554 = rec('llamacpp-reasoning-stream-gemma4-b9554-timings-per-chunk-openaiphp780.json')[0]!.timings as Record<string, unknown>;
    expect(Object.keys(finish.timings)).toEqual(Object.keys(b9554).filter((k) => !k.startsWith('draft')));
    const { timings: _t, ...finishRest } = finish;
    const { timings: _t2, usage: _u, ...sampleRest } = samples[2]!;
    expect(shape(finishRest)).toEqual(shape(sampleRest));
    const withProgress = await (async () => {
      await fake?.close();
      return streamOf('llama.cpp', { return_progress: true, stream_options: { include_usage: true } });
    })();
    expect(shape(withProgress.chunks[0])).toEqual(shape(rec('llamacpp-prompt-progress-chunk-jan.json')[0]));
    const last = withProgress.chunks.at(-1)!;
    expect(isUsage(last)).toBe(true);
    expect(Object.keys(last.timings)).toContain('predicted_ms');
    const progress = withProgress.chunks.filter((c) => c.prompt_progress).map((c) => c.prompt_progress.processed);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(withProgress.chunks[0]!.prompt_progress.total);
  });

  it('LM Studio: role on every chunk, system_fingerprint = model, finish {}, no usage', async () => {
    const { chunks, done } = await streamOf('lmstudio', { stream_options: { include_usage: true } });
    expect(done).toBe(true);
    expect(shape(chunks.find(isReasoning))).toEqual(shape(rec('lmstudio-reasoning-stream-r1distill-llama8b-issue378.json')[0]));
    expect(shape(chunks.find(isFinish))).toEqual(shape(rec('lmstudio-stream-gemma2-no-usage-issue676.json')[1]));
    expect(chunks.some(isUsage)).toBe(false);
    expect(chunks.every((c) => c.system_fingerprint === c.model)).toBe(true);
  });

  it('Ollama /v1: role + content "" + reasoning on every chunk, finish {role, content:""}', async () => {
    const r = rec('ollama-openai-reasoning-stream-qwen3-32b-774.json');
    const { chunks } = await streamOf('ollama');
    expect(shape(chunks.find(isReasoning))).toEqual(shape(r[0]));
    expect(shape(chunks.find(isFinish))).toEqual(shape(r[1]));
  });
});

describe('status endpoints', () => {
  it('llama.cpp /props and /slots have the README fields', async () => {
    fake = await startFakeOpenAi({ dialect: 'llama.cpp' });
    const props = (await (await fetch(`${fake.url}/props`)).json()) as Record<string, unknown>;
    const readme = (JSON.parse(fixtureText('llamacpp-props-readme-example.json')) as { response: Record<string, unknown> }).response;
    expect(Object.keys(props)).toEqual(Object.keys(readme));
    const slots = (await (await fetch(`${fake.url}/slots`)).json()) as Array<Record<string, unknown>>;
    const readmeSlots = (JSON.parse(fixtureText('llamacpp-slots-readme-example.json')) as { response: Array<Record<string, unknown>> }).response;
    expect(Object.keys(slots[0]!)).toEqual(Object.keys(readmeSlots[0]!));
  });

  it('vLLM /metrics uses the 0.19.1 names and labels; /v1/models has max_model_len', async () => {
    fake = await startFakeOpenAi({ dialect: 'vllm', waiting: 5 });
    const text = await (await fetch(`${fake.url}/metrics`)).text();
    expect(text).toContain('vllm:num_requests_waiting{engine="0",model_name="deepseek-ai/DeepSeek-R1"} 5.0');
    expect(text).toContain('vllm:kv_cache_usage_perc{engine="0",model_name="deepseek-ai/DeepSeek-R1"}');
    const models = (await (await fetch(`${fake.url}/v1/models`)).json()) as { data: Array<Record<string, unknown>> };
    expect(models.data[0]).toMatchObject({ owned_by: 'vllm', max_model_len: 32768 });
  });
});

describe('fake OpenAI CLI options', () => {
  it('parses the dialect and every switch; bad values are one-line errors', async () => {
    const { parseOpenAiCliOptions, wantsOpenAi } = await import('../../src/fake/openai/cliOptions.js');
    expect(wantsOpenAi(['--port', '0', '--dialect=vllm'])).toBe(true);
    expect(parseOpenAiCliOptions(['--dialect', 'vllm', '--waiting', '5', '--api-key', 'k', '--fault', 'cut', '--reasoning', 'tags', '--kv', '0.4'])).toMatchObject({
      dialect: 'vllm',
      waiting: 5,
      apiKey: 'k',
      fault: { kind: 'cut' },
      reasoning: 'tags',
      kvCacheUsage: 0.4,
    });
    expect(() => parseOpenAiCliOptions(['--dialect', 'tgi'])).toThrow('--dialect must be one of llama.cpp, vllm, sglang, lmstudio, ollama, got "tgi"');
    expect(() => parseOpenAiCliOptions(['--dialect', 'vllm', '--fault', 'x'])).toThrow('--fault must be one of');
    expect(() => parseOpenAiCliOptions(['--dialect', 'vllm', '--kv', '2'])).toThrow('--kv needs a number from 0 to 1');
  });
});

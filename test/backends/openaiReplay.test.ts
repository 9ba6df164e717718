/**
 * Every recorded OpenAI-compatible stream replayed through the SSE reader and the chunk normalizer
 * (openAiEvents), then split with core/thinkSplitter: the events each recording must produce.
 */
import { describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../src/backends/backend.js';
import { openAiEvents } from '../../src/backends/openai/chatStream.js';
import { normalizeChunk } from '../../src/backends/openai/normalize.js';
import { DeltaSplitter } from '../../src/backends/splitDeltas.js';
import { BackendError } from '../../src/backends/errors.js';
import { bytesIn, loadStream, sseText, streamRecordingFiles } from './openaiRecordings.js';

const ctx = { host: 'http://h:8000', label: 'vLLM 0.19.1', sentAt: 0 };

async function replay(text: string, size = 1e9): Promise<BackendEvent[]> {
  let t = 0;
  const out: BackendEvent[] = [];
  for await (const ev of openAiEvents(bytesIn(text, size), { ...ctx, now: () => (t += 10) })) out.push(ev);
  return out;
}

function split(events: BackendEvent[]) {
  const s = new DeltaSplitter();
  for (const ev of events) s.push(ev);
  return s.result();
}

const deltas = (events: BackendEvent[]) => events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? [e.reasoning, e.content] : []));
const done = (events: BackendEvent[]) => {
  const last = events.at(-1);
  if (last?.type !== 'done') throw new Error(`last event is ${last?.type}`);
  return last;
};

describe('every single-stream recording replays to a done event, the same whatever the byte split and line ends', () => {
  for (const file of streamRecordingFiles()) {
    const rec = loadStream(file);
    if (rec.is_single_stream === false) continue;
    it(file, async () => {
      const whole = await replay(sseText(rec));
      expect(whole.at(-1)?.type).toBe('done');
      for (const [eol, size] of [['\r\n', 1], ['\n', 5], ['\r', 13]] as const) {
        const again = await replay(sseText(rec, eol), size);
        expect(deltas(again)).toEqual(deltas(whole));
        expect(done(again).finishReason).toBe(done(whole).finishReason);
      }
    });
  }
});

describe('dialects', () => {
  it('vLLM 0.7 R1 distill: role chunk gives no delta; reasoning_content then content "\\n\\n"', async () => {
    const ev = await replay(sseText(loadStream('vllm-reasoning-stream-r1distill32b-deepseekr1-issue352.json')));
    expect(deltas(ev)).toEqual([['\n', ''], ['Alright', ''], ['.\n', ''], ['', '\n\n']]);
    const r = split(ev);
    expect(r.reasoning).toBe('\nAlright.\n');
    expect(r.answer).toBe('');
    // no [DONE] in the excerpt: the end of the body counts as done, tokens counted by r1-tui
    expect(done(ev).stats.tokens).toEqual({ completion: 4, source: 'client-measured' });
  });

  it('vLLM 2026: delta.reasoning, empty finish delta, choices:[] usage chunk is server-exact, timings measured', async () => {
    const ev = await replay(sseText(loadStream('vllm-reasoning-stream-qwen3.6-issue40816.json')));
    expect(deltas(ev)).toEqual([['1', ''], ['2', '']]);
    const d = done(ev);
    expect(d.finishReason).toBe('stop');
    expect(d.stats.tokens).toEqual({ prompt: 35, completion: 3, source: 'server-exact' });
    expect(d.stats.timings?.source).toBe('client-measured');
    // the answer arrived as reasoning (the bug in that issue): shown as reasoning, nothing invented
    expect(split(ev)).toMatchObject({ reasoning: '12', answer: '' });
  });

  it('vLLM late 2025: both reasoning keys in one delta are never joined; reasoning_content:null content chunks', async () => {
    const ev = await replay(sseText(loadStream('vllm-reasoning-stream-qwen3vl-both-keys-issue29408.json')));
    expect(deltas(ev)).toEqual([['好的', ''], ['', '，'], ['', '用户'], ['', '让我']]);
    expect(split(ev)).toMatchObject({ reasoning: '好的', answer: '，用户让我' });
  });

  it('vLLM-shaped trace: cumulative usage on every chunk, the last wins; tool-call deltas carry no text', async () => {
    const rec = loadStream('vllm-shaped-reasoning-stream-cfworkersai-qwen3-flzxing.json');
    const ev = await replay(sseText(rec));
    const stats = ev.filter((e) => e.type === 'stats');
    expect(stats.length).toBe(rec.chunks.length);
    const d = done(ev);
    expect(d.finishReason).toBe('tool_calls');
    expect(d.stats.tokens).toEqual({ prompt: 192, completion: 127, source: 'server-exact' });
    const r = split(ev);
    expect(r.reasoning.startsWith('\nOkay, the user wants a reminder')).toBe(true);
    expect(r.reasoning.endsWith(' should do it.\n')).toBe(true);
    expect(r.answer).toBe('');
  });

  it('SGLang 0.4.4: all-null keys, usage:null, no finish_reason, no [DONE]: done at the end of the body', async () => {
    const ev = await replay(sseText(loadStream('sglang-reasoning-stream-deepseekr1-issue4550.json')));
    expect(deltas(ev)).toEqual([['', '提供'], ['', '帮助']]);
    expect(done(ev).finishReason).toBeUndefined();
    expect(done(ev).stats.tokens?.source).toBe('client-measured');
  });

  it('SGLang 2025-06: the first chunk (role, content "", reasoning_content null, tool_calls null) yields no text', async () => {
    const ev = await replay(sseText(loadStream('sglang-reasoning-stream-deepseekr1-0528-issue7599.json')));
    expect(deltas(ev)).toEqual([]);
  });

  it('no reasoning parser: <think> arrives as content; finish_reason "" is no finish; the splitter takes it', async () => {
    const rec = loadStream('sglang-shaped-think-in-content-stream-deepseekr1-zed24067.json');
    const ev = await replay(sseText(rec));
    expect(deltas(ev)).toEqual([['', '<think>']]);
    expect(done(ev).finishReason).toBeUndefined();
    // the rest of such a stream: reasoning, </think>, answer
    const more = `${sseText(rec)}data: {"choices":[{"index":0,"delta":{"content":"\\n\\nHi there"}}]}\n\ndata: {"choices":[{"index":0,"delta":{"content":"</think>\\n\\nHello!"},"finish_reason":"stop"}]}\n\n`;
    expect(split(await replay(more))).toMatchObject({ reasoning: 'Hi there', answer: 'Hello!' });
  });

  it('an R1 distill without the opening tag: the answer so far moves to reasoning at </think>', async () => {
    const text = ['Let me think', '.</think>', '\n\nThe answer', ' is 4.'].map((c) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(c)}}}]}\n\n`).join('');
    expect(split(await replay(text))).toMatchObject({ reasoning: 'Let me think.', answer: 'The answer is 4.' });
  });

  it('a server that streams reasoning in content with no tags: it is the answer (nothing guessed)', async () => {
    const text = ['Okay, the user', ' asks. So 4.'].map((c) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(c)}}}]}\n\n`).join('') + 'data: [DONE]\n\n';
    expect(split(await replay(text))).toMatchObject({ reasoning: '', answer: 'Okay, the user asks. So 4.' });
  });

  it('llama.cpp b9554: timings on every chunk (cumulative, with speculative draft counts) are server-exact', async () => {
    const ev = await replay(sseText(loadStream('llamacpp-reasoning-stream-gemma4-b9554-timings-per-chunk-openaiphp780.json')));
    const d = done(ev);
    expect(d.stats.tokens).toEqual({ prompt: 10, completion: 109, cachedPrompt: 7, draft: 110, draftAccepted: 53, source: 'server-exact' });
    expect(d.stats.timings).toEqual({ promptNs: 251_510_000, evalNs: 1_503_987_000, source: 'server-exact' });
    expect(split(ev).reasoning).toBe(' word " it handles* "');
  });

  it('llama.cpp samples: role chunk content:null, reasoning chunk, old builds put usage + timings on the finish chunk', () => {
    const rec = loadStream('llamacpp-chunk-samples-gptoss-askopenai-nvim.json');
    const items = rec.chunks.map((c) => normalizeChunk(c));
    expect(items[0]).toEqual([]);
    expect(items[1]).toEqual([{ kind: 'delta', reasoning: 'We', content: '' }]);
    expect(items[2]).toEqual([
      { kind: 'stats', stats: { tokens: { prompt: 1085, completion: 247, source: 'server-exact' }, timings: { promptNs: 203_378_000, evalNs: 933_630_000, source: 'server-exact' } } },
      { kind: 'finish', reason: 'stop' },
    ]);
    expect(items[4]).toEqual([{ kind: 'delta', reasoning: '', content: '<|channel|>' }]);
    // b6103: prompt_n 721 of usage.prompt_tokens 892 were processed; the rate uses prompt_n with prompt_ms
    expect(items[5]?.[0]).toMatchObject({ kind: 'stats', stats: { tokens: { prompt: 721, completion: 332 } } });
  });

  it('llama.cpp prompt_progress on the role chunk is a progress event', async () => {
    const ev = await replay(sseText(loadStream('llamacpp-prompt-progress-chunk-jan.json')));
    expect(ev[0]).toMatchObject({ type: 'progress', progress: { total: 36, cached: 0, processed: 36, timeMs: 5706760300 } });
    expect(deltas(ev)).toEqual([]);
  });

  it('LM Studio: role on every chunk with reasoning_content; the stream end has no usage: tokens counted by r1-tui', async () => {
    const ev = await replay(sseText(loadStream('lmstudio-reasoning-stream-r1distill-llama8b-issue378.json')));
    expect(split(ev).reasoning).toBe('le? An');
    const end = await replay(sseText(loadStream('lmstudio-stream-gemma2-no-usage-issue676.json')));
    expect(done(end)).toMatchObject({ finishReason: 'stop', stats: { tokens: { completion: 1, source: 'client-measured' } } });
  });

  it('Ollama /v1: delta.reasoning with role and content "" on every chunk; finish_reason length', async () => {
    const ev = await replay(sseText(loadStream('ollama-openai-reasoning-stream-qwen3-32b-774.json')));
    expect(deltas(ev)).toEqual([['Okay', '']]);
    expect(done(ev).finishReason).toBe('length');
    const first3 = await replay(sseText(loadStream('ollama-openai-reasoning-stream-qwen3-32b-492-first3.json')));
    expect(split(first3).reasoning).toBe('Okay, the');
  });
});

describe('faults inside a stream', () => {
  it('a data: line that is not JSON is a warning; the stream and the partial answer survive', async () => {
    const text = 'data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"index\n\ndata: <html>oops\n\ndata: {"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';
    const ev = await replay(text);
    expect(ev.filter((e) => e.type === 'warning')).toHaveLength(2);
    expect(ev.find((e) => e.type === 'warning')).toMatchObject({ message: 'vLLM 0.19.1 sent a data: line that is not JSON; it was skipped and the reply goes on.' });
    expect(split(ev).answer).toBe('Hello');
    expect(done(ev).finishReason).toBe('stop');
  });

  it('data: {"error":...} inside a 200 stream (vLLM) throws a stream-error after the text before it', async () => {
    const text = 'data: {"choices":[{"index":0,"delta":{"content":"Part"}}]}\n\ndata: {"error": {"message": "TimeoutError", "type": "GatewayTimeout", "code": 504}}\n\ndata: [DONE]\n\n';
    const seen: BackendEvent[] = [];
    let err: unknown;
    try {
      for await (const ev of openAiEvents(bytesIn(text, 7), ctx)) seen.push(ev);
    } catch (e) {
      err = e;
    }
    expect(deltas(seen)).toEqual([['', 'Part']]);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).kind).toBe('stream-error');
    expect((err as BackendError).message).toBe('vLLM 0.19.1 stopped the reply with an error: TimeoutError · GatewayTimeout · 504. The partial reply is kept.');
  });

  it('a connection cut mid-stream is stream-incomplete with a sentence; the text before it was delivered', async () => {
    async function* cut(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('data: {"choices":[{"index":0,"delta":{"reasoning_content":"Hmm"}}]}\n\ndata: {"choices":[{"ind');
      throw new TypeError('terminated');
    }
    const seen: BackendEvent[] = [];
    const err = await (async () => {
      for await (const ev of openAiEvents(cut(), ctx)) seen.push(ev);
    })().catch((e: unknown) => e);
    expect(deltas(seen)).toEqual([['Hmm', '']]);
    expect((err as BackendError).kind).toBe('stream-incomplete');
    expect((err as BackendError).message).toBe('The reply was cut off: the connection to vLLM 0.19.1 at http://h:8000 closed before the end. The partial reply is kept.');
  });

  it('a delta holding both reasoning and content yields both (vllm#43933)', () => {
    expect(normalizeChunk({ choices: [{ index: 0, delta: { reasoning: 'so', content: 'Yes' } }] })).toEqual([{ kind: 'delta', reasoning: 'so', content: 'Yes' }]);
  });
});

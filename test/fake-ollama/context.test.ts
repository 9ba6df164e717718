import { describe, expect, it } from 'vitest';
import { fitPrompt, promptTokens } from '../../src/fake/generate.js';
import { postJson, json, fakesClosedAfterEach } from './index.js';

const startFake = fakesClosedAfterEach();

const msg = (role: string, words: number) => ({ role, content: 'word '.repeat(words) });

describe('fake ollama: the context window like Ollama', () => {
  it('drops whole old messages (system kept, the last always) until the prompt fits num_ctx, like chatPrompt', () => {
    const messages = [msg('system', 40), msg('user', 400), msg('assistant', 400), msg('user', 40)];
    const all = promptTokens(messages);
    expect(fitPrompt(messages, all)).toEqual({ kept: messages, count: all });
    const cut = fitPrompt(messages, all - 10);
    expect(cut.kept).toEqual([messages[0], messages[2], messages[3]]);
    expect(cut.count).toBe(promptTokens(cut.kept));
    const onlyLast = fitPrompt(messages, promptTokens([messages[0], messages[3]]));
    expect(onlyLast.kept).toEqual([messages[0], messages[3]]);
    // a last message that alone is too long is cut to num_ctx
    expect(fitPrompt([msg('user', 4000)], 2048).count).toBe(2048);
  });

  it('prompt_eval_count counts the cached prefix too; prompt_eval_duration only the new part', async () => {
    const fake = await startFake({ tokensPerSecond: 1000, promptTokensPerSecond: 2000 });
    const first = [msg('user', 2000)];
    const a = await json(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:1.5b', stream: false, messages: first }));
    const b = await json(
      await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:1.5b', stream: false, messages: [...first, msg('assistant', 10), msg('user', 10)] }),
    );
    expect(b.prompt_eval_count).toBeGreaterThan(a.prompt_eval_count);
    // ~1,000 uncached tokens at 2,000 tok/s ≈ 500 ms, then ~16 new tokens ≈ 8 ms
    expect(a.prompt_eval_duration).toBeGreaterThan(400e6);
    expect(b.prompt_eval_duration).toBeLessThan(a.prompt_eval_duration / 4);
  });

  it('with num_ctx 2048 a long conversation comes back with prompt_eval_count ≤ 2048', async () => {
    const fake = await startFake({ tokensPerSecond: 1000 });
    const messages = [msg('user', 1500), msg('assistant', 1500), msg('user', 1500), msg('assistant', 1500), msg('user', 20)];
    const r = await json(await postJson(`${fake.url}/api/chat`, { model: 'deepseek-r1:1.5b', stream: false, messages, options: { num_ctx: 2048 } }));
    expect(r.prompt_eval_count).toBeLessThanOrEqual(2048);
    expect(r.prompt_eval_count).toBeLessThan(promptTokens(messages) - 1000);
  });
});

/** `think` on OpenAI-compatible servers: what each kind is sent, and what is left out with a reason. */
import { describe, expect, it } from 'vitest';
import { thinkFields, thinkSupport } from '../../../src/backends/capabilities.js';
import { chatBody } from '../../../src/backends/openai/request.js';

const req = (think?: boolean | 'low' | 'medium' | 'high' | 'max') => ({ model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], ...(think !== undefined ? { think } : {}) });

describe('think per backend', () => {
  it('llama.cpp: on/off as chat_template_kwargs.enable_thinking; a level is not sent and says why', () => {
    expect(chatBody(req(false), 'llama.cpp').chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(chatBody(req(true), 'llama.cpp').chat_template_kwargs).toEqual({ enable_thinking: true });
    expect(chatBody(req('high'), 'llama.cpp')).not.toHaveProperty('chat_template_kwargs');
    expect(thinkFields('llama.cpp', 'high').ignored).toMatch(/think on\/off only .*--reasoning-budget/);
  });

  it('vLLM and SGLang: nothing is sent, R1 always thinks there', () => {
    for (const kind of ['vllm', 'sglang'] as const) {
      for (const t of [true, false, 'low'] as const) {
        const body = chatBody(req(t), kind);
        expect(body).not.toHaveProperty('chat_template_kwargs');
        expect(body).not.toHaveProperty('reasoning_effort');
        expect(body).not.toHaveProperty('think');
      }
      expect(thinkFields(kind, false).ignored).toMatch(/^DeepSeek-R1 on (vLLM|SGLang) always thinks \(no per-request switch/);
      expect(thinkSupport(kind).options).toEqual([]);
    }
  });

  it('LM Studio: nothing is sent; a generic server gets levels as reasoning_effort, not on/off', () => {
    expect(chatBody(req(false), 'lmstudio')).not.toHaveProperty('reasoning_effort');
    expect(thinkFields('lmstudio', true).ignored).toMatch(/LM Studio takes no per-request think setting/);
    expect(chatBody(req('medium'), 'openai').reasoning_effort).toBe('medium');
    expect(chatBody(req(true), 'openai')).not.toHaveProperty('reasoning_effort');
    expect(thinkFields('openai', true).ignored).toMatch(/reasoning_effort/);
    // nothing chosen: no field at all, the server's default
    for (const kind of ['llama.cpp', 'vllm', 'sglang', 'lmstudio', 'openai'] as const) expect(Object.keys(chatBody(req(), kind)).sort()).toEqual(['messages', 'model', 'stream', 'stream_options', ...(kind === 'llama.cpp' ? ['return_progress'] : [])].sort());
  });
});

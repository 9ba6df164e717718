import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ANSWER_TOKENS,
  DEFAULT_THOUGHT_TOKENS,
  calibration,
  checkFit,
  detectCut,
  estimateTextTokens,
  promptParts,
  suggestedNumCtx,
  thoughtAndAnswer,
  typicalReply,
} from '../../src/core/contextFit.js';
import { cutNotice, fitWarning, shiftNotice } from '../../src/core/contextAdvice.js';

const GiB = 2 ** 30;
// deepseek-r1:7b (qwen2): 28 blocks, 3584 embedding, 28 heads, 4 KV heads → 57,344 bytes of f16 KV per token
const r1_7b = { blockCount: 28, embeddingLength: 3584, headCount: 28, headCountKv: 4, contextLength: 131_072 };

describe('prompt estimate', () => {
  it('counts ~4 ASCII characters per token and one per other character', () => {
    expect(estimateTextTokens('abcdefgh')).toBe(2);
    expect(estimateTextTokens('abcdefghi')).toBe(3);
    expect(estimateTextTokens('日本語')).toBe(3);
  });

  it('splits a request into system, history and the question, with template overhead per message', () => {
    const p = promptParts([
      { role: 'system', content: 'x'.repeat(40) },
      { role: 'user', content: 'x'.repeat(400) },
      { role: 'assistant', content: 'x'.repeat(800) },
      { role: 'user', content: 'x'.repeat(80) },
    ]);
    expect(p).toEqual({ system: 14, history: 104 + 204, question: 24 + 2 });
  });

  it('calibrates by exact/estimate of an earlier request, within [0.5, 2]', () => {
    expect(calibration(1200, 1000)).toBe(1.2);
    expect(calibration(10_000, 1000)).toBe(2);
    expect(calibration(undefined, 1000)).toBe(1);
  });
});

describe('typical reply', () => {
  it('splits eval_count (reasoning included) by the thinking/answer chunk counts', () => {
    expect(thoughtAndAnswer({ evalCount: 1312, thinkingChunks: 1000, answerChunks: 100 })).toEqual({ thought: 1193, answer: 119 });
    expect(thoughtAndAnswer({ evalCount: 50, thinkingChunks: 0, answerChunks: 0 })).toEqual({ thought: 0, answer: 50 });
  });

  it('is the mean of earlier turns, or the defaults before any', () => {
    expect(typicalReply([])).toEqual({ thought: DEFAULT_THOUGHT_TOKENS, answer: DEFAULT_ANSWER_TOKENS, fromTurns: 0 });
    expect(typicalReply([
      { evalCount: 1100, thinkingChunks: 10, answerChunks: 1 },
      { evalCount: 2200, thinkingChunks: 10, answerChunks: 1 },
    ])).toEqual({ thought: 1500, answer: 150, fromTurns: 2 });
  });
});

describe('fit check and the warning before sending', () => {
  it('overflows when prompt + typical reply > num_ctx; prompt alone over num_ctx means Ollama will cut', () => {
    expect(checkFit(1500, { thought: 400, answer: 100 }, 2048)).toMatchObject({ need: 2000, overflows: false, promptCut: false });
    expect(checkFit(1500, { thought: 1000, answer: 400 }, 2048)).toMatchObject({ need: 2900, overflows: true, promptCut: false });
    expect(checkFit(2100, { thought: 0, answer: 0 }, 2048)).toMatchObject({ promptCut: true });
  });

  it('suggests the next power of two, capped at the trained context', () => {
    expect(suggestedNumCtx(2900)).toBe(4096);
    expect(suggestedNumCtx(100)).toBe(2048);
    expect(suggestedNumCtx(200_000, 131_072)).toBe(131_072);
  });

  it('names a larger num_ctx with its extra KV cache in GiB and whether it still fits the GPU', () => {
    const fit = checkFit(3700, { thought: 1000, answer: 400 }, 4096);
    const line = fitWarning({ fit, shape: r1_7b, trainedContext: 131_072, modelBytes: 4.7e9, availableVram: 8 * GiB, freeRam: 32 * GiB, keepReasoning: false });
    // 8192 − 4096 = 4096 more tokens × 57,344 B = 0.22 GiB
    expect(line).toBe("Won't fit num_ctx 4,096: prompt ~3,700 + reply ~1,400. Try num_ctx 8,192 (+0.2 GiB KV, ~fits GPU) · Ctrl+N new chat");
    expect(line!.length).toBeLessThanOrEqual(118); // the notice row of a 120-column screen
    const tight = fitWarning({ fit, shape: r1_7b, modelBytes: 4.7e9, availableVram: 5 * GiB, freeRam: 32 * GiB, keepReasoning: true });
    expect(tight).toMatch(/num_ctx 8,192 \(\+0\.2 GiB KV, ~\d+% on CPU\)/);
    expect(tight).toMatch(/keepReasoning false \(the default\) stops sending old reasoning/);
    expect(fitWarning({ fit: checkFit(100, { thought: 100, answer: 100 }, 4096), keepReasoning: false })).toBeUndefined();
  });
});

describe('did Ollama cut the conversation?', () => {
  it('certain when the prompt shrank although only messages were added; the number dropped is an estimate', () => {
    const v = detectCut({ promptEvalCount: 1800, estimate: 2600, numCtx: 2048, previousPrompt: 1900 });
    expect(v).toEqual({ kind: 'cut', dropped: 800, promptEvalCount: 1800, previousPrompt: 1900 });
    expect(cutNotice(v)).toBe('Ollama cut ~800 tok of old messages: the prompt shrank to 1,800 tok from 1,900 though only messages were added.');
  });

  it('probable when the estimate was over num_ctx and Ollama counted clearly fewer', () => {
    const v = detectCut({ promptEvalCount: 1950, estimate: 2600, numCtx: 2048 });
    expect(v.kind).toBe('probably-cut');
    expect(cutNotice(v)).toBe('Ollama probably cut ~650 tok of old messages (counted 1,950, sent ~2,600 > num_ctx 2,048; estimated, no tokenizer).');
  });

  it('nothing when it fit, or when the estimate was only a little high', () => {
    expect(detectCut({ promptEvalCount: 1500, estimate: 1550, numCtx: 2048, previousPrompt: 900 })).toEqual({ kind: 'none' });
    expect(detectCut({ promptEvalCount: 2040, estimate: 2100, numCtx: 2048 })).toEqual({ kind: 'none' });
    expect(cutNotice({ kind: 'none' })).toBeUndefined();
  });

  it('a shift is told with the exact counters', () => {
    expect(shiftNotice(1800, 400, 2048, 'stop')).toBe('Context overflowed while R1 wrote (1,800 prompt + 400 generated > num_ctx 2,048): Ollama shifted out older tokens.');
    expect(shiftNotice(1800, 248, 2048, 'length')).toMatch(/Ollama stopped it/);
  });
});

describe('context advice for a server that fixes its context at start', () => {
  it('suggests restarting the server with its setting, not num_ctx', async () => {
    const { fitWarning, shiftNotice, cutNotice } = await import('../../src/core/contextAdvice.js');
    const { contextSetting } = await import('../../src/backends/capabilities.js');
    const vllm = { name: 'vLLM 0.19.1', setting: (n: number) => contextSetting('vllm', n) };
    const fit = { prompt: 30000, thought: 3000, answer: 500, need: 33500, numCtx: 32768, promptCut: false, overflows: true };
    const w = fitWarning({ fit, keepReasoning: false, server: vllm })!;
    expect(w).toBe("Won't fit ctx 32,768: prompt ~30,000 + reply ~3,500. Try restart vLLM with --max-model-len 65536 · Ctrl+N new chat");
    expect(w).not.toMatch(/num_ctx/);
    const llama = { name: 'llama.cpp b6881', setting: (n: number) => contextSetting('llama.cpp', n) };
    expect(fitWarning({ fit: { ...fit, prompt: 40000, need: 44000, promptCut: true }, keepReasoning: false, server: llama })).toBe(
      'Over ctx 32,768 of llama.cpp b6881: chat ~40,000 tok. Try restart llama-server with --ctx-size 65536 · Ctrl+N new chat',
    );
    expect(shiftNotice(32000, 768, 32768, 'length', vllm)).toBe('The reply filled the context (32,000 prompt + 768 generated, ctx 32,768) and vLLM 0.19.1 stopped it.');
    expect(cutNotice({ kind: 'cut', dropped: 900, promptEvalCount: 1000, previousPrompt: 1800 }, llama)).toMatch(/^llama\.cpp b6881 cut ~900 tok/);
    // Ollama's sentences unchanged
    expect(fitWarning({ fit: { ...fit, numCtx: 4096, need: 5000 }, keepReasoning: false })).toMatch(/^Won't fit num_ctx 4,096: .* Try num_ctx 8,192 · Ctrl\+N new chat$/);
  });
});

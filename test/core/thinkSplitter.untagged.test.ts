import { describe, expect, it } from 'vitest';
import { ThinkSplitter } from '../../src/core/thinkSplitter.js';
import { expectsUntaggedReasoning } from '../../src/session/thinkPolicy.js';
import { loadRecordings } from './recordings.js';

function feed(chunks: string[], expect_: boolean, complete = true) {
  const s = new ThinkSplitter();
  s.expectThinking = expect_;
  const answerSeen: string[] = [];
  for (const c of chunks) {
    s.push('', c);
    answerSeen.push(s.answer);
  }
  const end = s.end(complete);
  return { s, end, answerSeen };
}

describe('ThinkSplitter: a model known to think, no opening <think>', () => {
  it('treats the start of the reply as reasoning until </think>; the answer never shows it', () => {
    const { s, answerSeen } = feed(['Okay', ', the user', ' asks.\n', '</think>', '\n\n', 'Paris', '.'], true);
    expect(s.thinking).toBe('Okay, the user asks.\n');
    expect(s.answer).toBe('Paris.');
    expect(answerSeen.slice(0, 4)).toEqual(['', '', '', '']);
  });

  it('without the expectation it is shown as the answer until </think> moves it (the old behaviour)', () => {
    const { s, answerSeen } = feed(['Okay', ', the user', ' asks.\n', '</think>', 'Paris.'], false);
    expect(answerSeen[2]).toBe('Okay, the user asks.\n');
    expect(s.thinking).toBe('Okay, the user asks.\n');
    expect(s.answer).toBe('Paris.');
  });

  it('a reply that ends without </think> was the answer after all: end() moves it back and says so', () => {
    const { s, end } = feed(['Paris', ' is the capital', ' of France.'], true);
    expect(end.unthought).toBe(true);
    expect(s.thinking).toBe('');
    expect(s.answer).toBe('Paris is the capital of France.');
  });

  it('a stopped reply keeps unclosed reasoning as reasoning', () => {
    const { s, end } = feed(['Hmm, let me', ' think'], true, false);
    expect(end.unthought).toBeUndefined();
    expect(s.thinking).toBe('Hmm, let me think');
  });

  it('a thinking field turns the expectation off (the server splits)', () => {
    const s = new ThinkSplitter();
    s.expectThinking = true;
    s.push('Okay.', '');
    s.push('', 'Paris.');
    expect(s.end().unthought).toBeUndefined();
    expect(s.answer).toBe('Paris.');
  });

  it('the recorded stream without an opening tag (deepseek-r1:1.5b, solofox ab853737) splits with nothing shown as answer first', () => {
    const rec = loadRecordings().find((r) => r.file === 'deepseek-r1-1.5b-chat-ab853737.json')!;
    const { s, answerSeen } = feed(rec.chunks.map((c) => c.content), true);
    const closeAt = rec.chunks.findIndex((c) => c.content.includes('</think>'));
    expect(closeAt).toBeGreaterThan(0);
    expect(answerSeen.slice(0, closeAt + 1).every((a) => a === '')).toBe(true);
    expect(s.thinking.trim()).toBe(')');
    expect(s.answer.length).toBeGreaterThan(50);
    expect(s.answer).not.toMatch(/<\/?think>/);
  });
});

describe('when to expect untagged reasoning', () => {
  it('for a model known to think whose reasoning the server does not split out', () => {
    expect(expectsUntaggedReasoning('deepseek-r1:8b', [], undefined, '0.6.2')).toBe(true); // old server
    expect(expectsUntaggedReasoning('deepseek-r1:8b', ['completion'], undefined, '0.12.6')).toBe(true); // old pull, think left out
    expect(expectsUntaggedReasoning('deepseek-r1:8b', ['completion', 'thinking'], undefined, '0.12.6')).toBe(false); // on by default, split
    expect(expectsUntaggedReasoning('deepseek-r1:8b', ['completion', 'thinking'], undefined, '0.11.0')).toBe(true); // before thinking by default
    expect(expectsUntaggedReasoning('deepseek-r1:8b', ['thinking'], true, '0.9.0')).toBe(false);
    expect(expectsUntaggedReasoning('deepseek-r1:8b', ['thinking'], false, '0.6.2')).toBe(false);
    expect(expectsUntaggedReasoning('llama3.2:3b', ['completion'], undefined, '0.6.2')).toBe(false);
    expect(expectsUntaggedReasoning('hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q4_K_M', [], undefined, '0.12.6')).toBe(true);
  });
});
